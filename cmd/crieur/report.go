package main

import (
	"flag"
	"fmt"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/crieur/crieur/linters"
	"github.com/crieur/crieur/pipeline"
	"github.com/crieur/crieur/pipeline/content"
	"github.com/crieur/crieur/pipeline/github"
	"github.com/crieur/crieur/pipeline/gitrepo"
	"github.com/crieur/crieur/pipeline/journal"
	"github.com/crieur/crieur/pipeline/metrics"
	"github.com/crieur/crieur/pipeline/report"
)

const reportHelp = `
Draws the report of a month from the journal and the metrics files:
publications per channel, network and campaign, engagement totals and
rates (interactions per impression where the network reports
impressions, per post otherwise), the top and bottom posts with their
text and link, the month's calendar, engagement per day, posts per
weekday and hour, what the review caught (findings present in a version
of a post and gone from the one that went out, from git history),
failures and retractions, and the change against the month before.

--format md|html|csv prints one format; --out DIR writes all three
(report.md, report.html: one self-contained page with SVG charts,
report.csv: one row per publication) into DIR, by default
reports/YYYY-MM/, and --commit commits them. In GitHub Actions the
Markdown also goes to the job summary.

--month is YYYY-MM, "last" (the month before, the default: a report is
drawn once the month is over) or "current".
`

func runReport(e *env, args []string) int {
	fs := flag.NewFlagSet("report", flag.ContinueOnError)
	monthFlag := fs.String("month", "last", "the month: YYYY-MM, last or current")
	brand := fs.String("brand", "", "only this brand's publications")
	format := fs.String("format", "", "print one format to the standard output: md, html or csv")
	out := fs.String("out", "", "write report.md, report.html and report.csv into this folder (default with --commit: reports/YYYY-MM)")
	lang := fs.String("lang", "fr", "the report's language: fr or en")
	commit := fs.Bool("commit", false, "write into reports/YYYY-MM (or --out) and commit")
	push := fs.Bool("push", false, "with --commit, push to origin (with GITHUB_TOKEN)")
	nowFlag := fs.String("now", "", "the current time (default: now)")
	rest, err := parse(e, "report", fs, args)
	if err != nil {
		return exitFor(err)
	}
	if len(rest) > 0 {
		fmt.Fprintf(e.stderr, "crieur report: unexpected argument %q\n", rest[0])
		return exitUsage
	}
	if err := report.CheckView(*format, *lang); err != nil {
		fmt.Fprintf(e.stderr, "crieur report: %v\n", err)
		return exitUsage
	}
	repo, now, err := e.openAt(*nowFlag)
	if err != nil {
		return e.fail(err)
	}
	r := &report.Reporter{Repo: repo, Brand: *brand, Lang: *lang, Repository: repoName(e, repo), Format: *format,
		Readings: metrics.Store{Dir: repo.MetricsDir()}.Read, Review: reviewOf(repo),
		Write: e.writeFile, Summary: e.reportSummary, Stdout: e.stdout}
	loc := repo.Config.Timezone
	if r.Month, err = report.ParseMonth(*monthFlag, now.In(loc), loc); err != nil {
		fmt.Fprintf(e.stderr, "crieur report: --month: %v\n", err)
		return exitUsage
	}
	if err := report.CheckBrand(repo.Config, *brand); err != nil {
		fmt.Fprintf(e.stderr, "crieur report: %v\n", err)
		return exitUsage
	}
	if r.Dir = *out; r.Dir != "" && !filepath.IsAbs(r.Dir) {
		r.Dir = filepath.Join(e.dir, r.Dir)
	}
	git := &gitCommit{e: e, root: repo.Root}
	if *commit {
		r.Commit = git.commit
	}
	res, err := r.Run()
	if err != nil {
		return e.fail(err)
	}
	if res.Commit != "" && *push {
		if err := e.pushRun(git.repo, repo); err != nil {
			fmt.Fprintf(e.stderr, "crieur: push: %v\n", err)
			return exitUsage
		}
	}
	return exitOK
}

// reviewOf finds what the review caught, from git history when the
// content repository has one.
func reviewOf(repo *content.Repo) func(in *report.Input, recs []journal.Record, month, end time.Time) {
	return func(in *report.Input, recs []journal.Record, month, end time.Time) {
		if g, err := gitrepo.Open(repo.Root); err == nil {
			in.Caught = reviewCaught(repo, g, gitPrefix(repo), recs, month, end)
		}
	}
}

// reportSummary puts the Markdown report in the job summary in Actions.
func (e *env) reportSummary(r *report.Report) {
	runner := github.NewRunner(e.getenv, e.stdout)
	if !runner.InActions() {
		return
	}
	var b strings.Builder
	if err := r.Markdown(&b); err == nil {
		runner.Summary(b.String())
	}
	runner.SetOutput("published", fmt.Sprint(len(r.Publications)))
}

// repoName is owner/name in Actions, else the content folder's name.
func repoName(e *env, repo *content.Repo) string {
	if r := e.getenv("GITHUB_REPOSITORY"); r != "" {
		return r
	}
	return filepath.Base(repo.Root)
}

// reviewCaught finds what the review caught in the posts that went out
// between from and to: for each, the versions of its file that people
// committed before it went out (at most 10, newest first) are linted
// again; a finding present in one of them and absent from the version
// that went out was fixed before publication. Calendar rules (schedule.*)
// are left out: they judge the date, not the text. A post whose history
// cannot be read is skipped.
func reviewCaught(repo *content.Repo, g *gitrepo.Repo, prefix string, recs []journal.Record, from, to time.Time) []report.Caught {
	first := map[string]time.Time{} // post -> its first publication
	for _, r := range recs {
		if r.Action != journal.Published && r.Action != journal.Recovered {
			continue
		}
		if t, ok := first[r.Post]; !ok || r.Time.Before(t) {
			first[r.Post] = r.Time
		}
	}
	var posts []string
	for p, t := range first {
		if !t.Before(from) && t.Before(to) {
			posts = append(posts, p)
		}
	}
	sort.Strings(posts)
	engine := linters.New()
	lint := func(rel string, src []byte, at time.Time) map[string]pipeline.Finding {
		f, problems := repo.ParsePost(rel, src)
		out := map[string]pipeline.Finding{}
		if f == nil {
			return out
		}
		for _, fd := range engine.Lint(&linters.Context{Repo: repo, Now: at}, []*content.File{f}, []*content.File{f}, problems) {
			if strings.HasPrefix(fd.Rule, "schedule.") {
				continue
			}
			out[fd.Rule+"\x00"+fd.Message] = fd
		}
		return out
	}
	var caught []report.Caught
	for _, p := range posts {
		vs, err := g.Versions(prefix+p, 0)
		if err != nil {
			continue
		}
		var before []gitrepo.Version
		for _, v := range vs {
			if !v.IsCrieurs() && !v.When.After(first[p]) {
				before = append(before, v)
			}
		}
		if len(before) < 2 {
			continue // committed once: nothing was fixed in review
		}
		if len(before) > 10 {
			before = before[:10]
		}
		src, err := g.FileAt(before[0].Commit, prefix+p)
		if err != nil {
			continue
		}
		published := lint(p, src, before[0].When)
		seen := map[string]bool{}
		for _, v := range before[1:] {
			src, err := g.FileAt(v.Commit, prefix+p)
			if err != nil {
				continue
			}
			for key, fd := range lint(p, src, v.When) {
				if _, still := published[key]; still || seen[key] {
					continue
				}
				seen[key] = true
				caught = append(caught, report.Caught{Post: p, Rule: fd.Rule, Severity: fd.Severity, Message: fd.Message,
					Commit: v.Commit, Author: v.Author.Name})
			}
		}
	}
	return caught
}
