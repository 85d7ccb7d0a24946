package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/crieur/crieur/linters"
	"github.com/crieur/crieur/linters/output"
	"github.com/crieur/crieur/pipeline"
	"github.com/crieur/crieur/pipeline/content"
	"github.com/crieur/crieur/pipeline/gitrepo"
	"github.com/crieur/crieur/pipeline/review"
)

const lintHelp = `
Checks the posts (all of posts/, or the files and folders given) and
prints what is wrong, with file:line:column, the rule id, a message and
a hint. Calendar rules see every post, and report on the ones checked.

Formats:
  text   path:line:col: severity rule-id: message (default)
  json   {"version":1,"files_checked":N,"summary":{...},"findings":[...]}
         each finding: path, line, column, end_line, end_column, rule,
         severity (error|warning|suggestion), message, hint, fix
         ({start, end, text}: byte offsets in the file)
  sarif  SARIF 2.1.0 for GitHub code scanning; paths relative to the
         repository root

Silence a rule in a post with <!-- crieur-disable RULE --> on its own line,
or <!-- crieur-disable-next-line RULE --> just above the line; change a
rule's severity for the whole repository under severity: in charte.yml.
`

func runLint(e *env, args []string) int {
	fs := flag.NewFlagSet("lint", flag.ContinueOnError)
	format := fs.String("format", "text", "output format: text, json or sarif")
	failOn := fs.String("fail-on", "error", "lowest severity that makes the exit code 1: error, warning or suggestion")
	nowFlag := fs.String("now", "", "the time to judge posts at (default: now), e.g. 2026-12-01 09:30")
	outFile := fs.String("output", "", "write the report to this file instead of the standard output (e.g. crieur.sarif for code scanning)")
	paths, err := parse(e, "lint", fs, args)
	if err != nil {
		return exitFor(err)
	}
	threshold, err := pipeline.ParseSeverity(*failOn)
	if err != nil || threshold == 0 {
		return e.fail(fmt.Errorf("--fail-on: use error, warning or suggestion"))
	}
	switch *format {
	case "text", "json", "sarif":
	default:
		return e.fail(fmt.Errorf("--format %q: use text, json or sarif", *format))
	}
	repo, now, err := e.openAt(*nowFlag)
	if err != nil {
		return e.fail(err)
	}
	runner, ev := e.actionEvent()
	var touched []review.Touched
	if runner != nil && len(paths) == 0 {
		// A pull request: its posts (and the calendar rules over all);
		// nil outside one, which lints every post.
		paths, touched = e.actionScope(repo, ev, gitPrefix(repo))
	}
	findings, checked, posts, err := lint(repo, paths, now)
	if err != nil {
		return e.fail(err)
	}
	if runner != nil {
		e.actionLint(runner, ev, repo, posts, touched, findings)
	}
	w := e.stdout
	if *outFile != "" {
		f, err := os.Create(*outFile)
		if err != nil {
			return e.fail(err)
		}
		defer f.Close()
		w = f
	}
	switch *format {
	case "json":
		err = output.JSON(w, findings, checked)
	case "sarif":
		err = output.SARIF(w, prefixed(repo, findings), ruleInfos(), version)
	default:
		err = output.Text(w, findings, checked)
	}
	if err != nil {
		return e.fail(err)
	}
	for _, f := range findings {
		if f.Severity >= threshold {
			return exitFindings
		}
	}
	return exitOK
}

// lint loads every post, checks the ones named (all when args is nil,
// none but the calendar rules when it is empty) and returns the findings,
// how many files were checked and the posts checked.
func lint(repo *content.Repo, args []string, now time.Time) ([]pipeline.Finding, int, []*content.File, error) {
	all, err := repo.PostPaths()
	if err != nil {
		return nil, 0, nil, err
	}
	named := all
	if args != nil && len(args) == 0 {
		named = nil // a pull request that changes no post: the calendar rules only
	} else if len(args) > 0 {
		if named, err = repo.PostPaths(args...); err != nil {
			return nil, 0, nil, err
		}
		for _, p := range named {
			if !content.IsPostPath(p) {
				return nil, 0, nil, fmt.Errorf("%s is not under %s/: crieur reads posts from %s/**/*.md", p, content.PostsDir, content.PostsDir)
			}
		}
	}
	// Load the whole calendar once: the named files are a subset of it
	// (files outside posts/ were refused above).
	files, loadFindings := repo.LoadPosts(all)
	inScope := map[string]bool{}
	for _, p := range named {
		inScope[p] = true
	}
	var scope []*content.File
	for _, f := range files {
		if inScope[f.Post.Path] {
			scope = append(scope, f)
		}
	}
	var mine []pipeline.Finding
	for _, f := range loadFindings {
		if inScope[f.Path] {
			mine = append(mine, f)
		}
	}
	ctx := &linters.Context{Repo: repo, Now: now}
	return linters.New().Lint(ctx, scope, files, mine), len(named), scope, nil
}

// prefixed rewrites paths relative to the content root into paths
// relative to the git repository's root, as code scanning wants them.
func prefixed(repo *content.Repo, fs []pipeline.Finding) []pipeline.Finding {
	g, err := gitrepo.Open(repo.Root)
	if err != nil {
		return fs
	}
	rel, err := filepath.Rel(g.Root, repo.Root)
	if err != nil || rel == "." {
		return fs
	}
	out := make([]pipeline.Finding, len(fs))
	for i, f := range fs {
		f.Path = filepath.ToSlash(filepath.Join(rel, f.Path))
		out[i] = f
	}
	return out
}

func ruleInfos() []output.RuleInfo {
	var out []output.RuleInfo
	for _, i := range linters.New().Infos() {
		out = append(out, output.RuleInfo{ID: i.ID, Description: i.Description, Default: i.Default})
	}
	return out
}
