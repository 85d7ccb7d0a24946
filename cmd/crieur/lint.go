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
		paths, touched = e.actionScope(repo, ev)
	}
	findings, checked, posts, err := lint(repo, paths, now)
	if err != nil {
		return e.fail(err)
	}
	if runner != nil {
		e.actionLint(runner, ev, repo, posts, touched, findings)
	}
	if err := printLint(e, repo, *format, *outFile, findings, checked); err != nil {
		return e.fail(err)
	}
	for _, f := range findings {
		if f.Severity >= threshold {
			return exitFindings
		}
	}
	return exitOK
}

// printLint writes the findings in format to the file named out, or to
// the standard output when out is "".
func printLint(e *env, repo *content.Repo, format, out string, findings []pipeline.Finding, checked int) error {
	w := e.stdout
	if out != "" {
		f, err := os.Create(out)
		if err != nil {
			return err
		}
		defer f.Close()
		w = f
	}
	switch format {
	case "json":
		return output.JSON(w, findings, checked)
	case "sarif":
		return output.SARIF(w, prefixed(repo, findings), ruleInfos(), version)
	}
	return output.Text(w, findings, checked)
}

// lint loads every post, checks the ones named (all when args is nil,
// none but the calendar rules when it is empty) and returns the findings,
// how many files were checked and the posts checked.
func lint(repo *content.Repo, args []string, now time.Time) ([]pipeline.Finding, int, []*content.File, error) {
	return linters.New().LintPaths(repo, args, now)
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
