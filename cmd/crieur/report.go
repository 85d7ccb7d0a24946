package main

import (
	"flag"
	"fmt"
	"io"
	"os"
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
	"github.com/crieur/crieur/pipeline/review"
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
	switch *format {
	case "", "md", "markdown", "html", "csv":
	default:
		fmt.Fprintf(e.stderr, "crieur report: --format %q: use md, html or csv\n", *format)
		return exitUsage
	}
	if *lang != "fr" && *lang != "en" {
		fmt.Fprintf(e.stderr, "crieur report: --lang %q: use fr or en\n", *lang)
		return exitUsage
	}
	repo, now, err := e.openAt(*nowFlag)
	if err != nil {
		return e.fail(err)
	}
	loc := repo.Config.Timezone
	month, err := parseMonth(*monthFlag, now.In(loc), loc)
	if err != nil {
		fmt.Fprintf(e.stderr, "crieur report: --month: %v\n", err)
		return exitUsage
	}
	if *brand != "" {
		if _, ok := repo.Config.Brands[*brand]; !ok && len(repo.Config.Brands) > 0 {
			fmt.Fprintf(e.stderr, "crieur report: --brand %q is not a brand of crieur.yml (%s)\n", *brand, strings.Join(brandNames(repo.Config), ", "))
			return exitUsage
		}
	}
	end := month.AddDate(0, 1, 0)

	recs, err := journal.Journal{Dir: repo.JournalDir()}.Read()
	if err != nil {
		return e.fail(err)
	}
	// Readings of the month before too, for the month-over-month change.
	readings, err := metrics.Store{Dir: repo.MetricsDir()}.Read(month.AddDate(0, -1, 0), end.AddDate(0, 1, 0))
	if err != nil {
		return e.fail(err)
	}
	paths, err := repo.PostPaths()
	if err != nil {
		return e.fail(err)
	}
	files, _ := repo.LoadPosts(paths)
	posts := map[string]*pipeline.Post{}
	for _, f := range files {
		posts[f.Post.Path] = f.Post
	}
	in := report.Input{Month: month, Location: loc, Brand: *brand, Lang: *lang, Repository: repoName(e, repo),
		Records: recs, Readings: readings, Posts: posts, Config: repo.Config}
	if g, err := gitrepo.Open(repo.Root); err == nil {
		in.Caught = reviewCaught(repo, g, gitPrefix(repo), recs, month, end)
	}
	r := report.Build(in)

	if *format != "" && *out == "" && !*commit {
		switch *format {
		case "html":
			err = r.HTML(e.stdout)
		case "csv":
			err = r.CSV(e.stdout)
		default:
			err = r.Markdown(e.stdout)
		}
		if err != nil {
			return e.fail(err)
		}
		e.reportSummary(r)
		return exitOK
	}
	dir := *out
	if dir == "" {
		dir = repo.Abs(content.ReportDir(month, *brand))
	} else if !filepath.IsAbs(dir) {
		dir = filepath.Join(e.dir, dir)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return e.fail(err)
	}
	var written []string
	for _, v := range []struct {
		name  string
		write func(io.Writer) error
	}{{"report.md", r.Markdown}, {"report.html", r.HTML}, {"report.csv", r.CSV}} {
		path := filepath.Join(dir, v.name)
		if err := writeTo(e, path, v.write); err != nil {
			return e.fail(err)
		}
		written = append(written, path)
	}
	e.reportSummary(r)
	if !*commit {
		return exitOK
	}
	g, err := gitrepo.Open(repo.Root)
	if err != nil {
		return e.fail(err)
	}
	label := month.Format("2006-01")
	if *brand != "" {
		label += " (" + *brand + ")"
	}
	hash, err := g.Commit(written, fmt.Sprintf("crieur: report of %s\n\n%d %s, %d %s.\n", label,
		len(r.Publications), plural(len(r.Publications), "publication", "publications"),
		r.Total.Interactions, plural(int(r.Total.Interactions), "interaction", "interactions")), g.Author(e.getenv), time.Now())
	if err != nil {
		return e.fail(err)
	}
	if hash == "" {
		fmt.Fprintln(e.stdout, "the report has not changed: nothing to commit")
		return exitOK
	}
	fmt.Fprintf(e.stdout, "committed %s\n", hash[:12])
	if *push {
		if err := e.pushRun(g, repo); err != nil {
			fmt.Fprintf(e.stderr, "crieur: push: %v\n", err)
			return exitUsage
		}
	}
	return exitOK
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

// parseMonth reads YYYY-MM, last or current into the month's first
// instant in loc.
func parseMonth(s string, now time.Time, loc *time.Location) (time.Time, error) {
	first := time.Date(now.Year(), now.Month(), 1, 0, 0, 0, 0, loc)
	switch s {
	case "last", "":
		return first.AddDate(0, -1, 0), nil
	case "current":
		return first, nil
	}
	t, err := time.ParseInLocation("2006-01", s, loc)
	if err != nil {
		return time.Time{}, fmt.Errorf("%q: use YYYY-MM (e.g. 2026-12), last or current", s)
	}
	return t, nil
}

func brandNames(c *pipeline.Config) []string {
	var out []string
	for b := range c.Brands {
		out = append(out, b)
	}
	sort.Strings(out)
	return out
}

// repoName is owner/name in Actions, else the content folder's name.
func repoName(e *env, repo *content.Repo) string {
	if r := e.getenv("GITHUB_REPOSITORY"); r != "" {
		return r
	}
	return filepath.Base(repo.Root)
}

// reviewCaught finds what the review caught in the posts that went out
// between from and to (review.FindCaught), in git's history, with the
// linters, from the journal's publications.
func reviewCaught(repo *content.Repo, g *gitrepo.Repo, prefix string, recs []journal.Record, from, to time.Time) []report.Caught {
	var pubs []review.Published
	for _, r := range recs {
		if r.Action == journal.Published || r.Action == journal.Recovered {
			pubs = append(pubs, review.Published{Post: r.Post, Time: r.Time})
		}
	}
	engine := linters.New()
	lint := func(path string, src []byte, at time.Time) []pipeline.Finding {
		f, problems := repo.ParsePost(path, src)
		if f == nil {
			return nil
		}
		return engine.Lint(&linters.Context{Repo: repo, Now: at}, []*content.File{f}, []*content.File{f}, problems)
	}
	var caught []report.Caught
	for _, c := range review.FindCaught(g, prefix, lint, pubs, from, to) {
		caught = append(caught, report.Caught{Post: c.Post, Rule: c.Rule, Severity: c.Severity, Message: c.Message, Commit: c.Commit, Author: c.Author})
	}
	return caught
}
