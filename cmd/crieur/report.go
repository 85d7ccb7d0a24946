package main

import (
	"flag"
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"github.com/crieur/crieur/pipeline"
	"github.com/crieur/crieur/pipeline/metrics"
	"github.com/crieur/crieur/pipeline/report"
	"github.com/crieur/crieur/pipeline/review"
)

type reportOptions struct {
	month, brand, format, out, lang, now string
	commit, push                         bool
}

func (o *reportOptions) flags(fs *flag.FlagSet) {
	fs.StringVar(&o.month, "month", "last", "the month: YYYY-MM, last or current")
	fs.StringVar(&o.brand, "brand", "", "only this brand's publications")
	fs.StringVar(&o.format, "format", "", "print one format to the standard output: md, html or csv")
	fs.StringVar(&o.out, "out", "", "write report.md, report.html and report.csv into this folder (default with --commit: reports/YYYY-MM)")
	fs.StringVar(&o.lang, "lang", "", "the report's language: fr, en or nl (default: crieur.yml's language, else the environment's, else fr)")
	fs.BoolVar(&o.commit, "commit", false, "write into reports/YYYY-MM (or --out) and commit")
	fs.BoolVar(&o.push, "push", false, "with --commit, push to origin (with GITHUB_TOKEN)")
	fs.StringVar(&o.now, "now", "", "the current time (default: now)")
}

func (o *reportOptions) run(e *env, args []string) error {
	if err := noArgs(args, ""); err != nil {
		return err
	}
	if err := report.CheckView(o.format, o.lang); err != nil {
		return usagef("usage.as_is", with{"error": err})
	}
	w, now, err := e.open(o.now)
	if err != nil {
		return err
	}
	repo := w.repo
	r := &report.Reporter{Repo: repo, Brand: o.brand, Lang: o.lang, Getenv: e.getenv, Repository: w.name(), Format: o.format,
		Readings: metrics.Store{Dir: repo.MetricsDir()}.Read, Review: w.reviewCaught,
		Write: e.writeFile, Summary: e.reportSummary, Stdout: e.stdout}
	loc := repo.Config.Timezone
	if r.Month, err = report.ParseMonth(o.month, now.In(loc), loc); err != nil {
		return usagef("usage.month", with{"error": err})
	}
	if err := report.CheckBrand(repo.Config, o.brand); err != nil {
		return usagef("usage.as_is", with{"error": err})
	}
	if r.Dir = o.out; r.Dir != "" && !filepath.IsAbs(r.Dir) {
		r.Dir = filepath.Join(e.dir, r.Dir)
	}
	if o.commit {
		r.Commit = w.commit
	}
	res, err := r.Run()
	if err != nil {
		return err
	}
	if res.Commit != "" && o.push {
		if err := w.pushOr("lost.report"); err != nil {
			return fmt.Errorf("push: %w", err)
		}
	}
	return nil
}

// reportSummary puts the Markdown report in the job summary in Actions.
func (e *env) reportSummary(r *report.Report) {
	var b strings.Builder
	if runner := e.runner(); runner.InActions() && r.Markdown(&b) == nil {
		runner.ReportRun(map[string]string{"published": fmt.Sprint(len(r.Publications))}, b.String(), nil, "")
	}
}

// name is owner/name in Actions, else the content folder's name.
func (w *workspace) name() string {
	if r := w.e.getenv("GITHUB_REPOSITORY"); r != "" {
		return r
	}
	return filepath.Base(w.repo.Root)
}

// reviewCaught finds what the review caught in the posts that went out
// in the month (review.FindCaught), in git's history, with the linters,
// from the journal's publications; nothing outside git.
func (w *workspace) reviewCaught(in *report.Input, recs []pipeline.Record, from, to time.Time) {
	g, err := w.gitRepo()
	if err != nil {
		return
	}
	lint := func(path string, src []byte, at time.Time) []pipeline.Finding {
		return w.linters().LintSource(w.repo, path, src, at)
	}
	in.Caught = append(in.Caught, review.FindCaught(g, w.prefix(), lint, recs, from, to)...)
}
