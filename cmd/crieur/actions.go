package main

import (
	"fmt"

	"github.com/crieur/crieur/pipeline"
	"github.com/crieur/crieur/pipeline/github"
	"github.com/crieur/crieur/pipeline/review"
)

// In GitHub Actions (GITHUB_ACTIONS=true), lint also speaks to the pull
// request: annotations on the lines, the review in the job summary, one
// sticky comment, suggested changes for the safe fixes, and outputs.

// reviewScope returns the posts a pull request adds or changes (relative
// to the content root), or nil to lint everything: outside a pull
// request, or when the changed files cannot be listed; and what the
// review must point out: the published posts it touches, the files that
// decide where secrets go.
func (w *workspace) reviewScope(ev *github.Event, in *review.Input) []string {
	if ev == nil || ev.PullRequest == nil {
		return nil
	}
	c, err := github.NewClient(ev.APIURL, ev.Token, nil)
	if err != nil {
		return nil
	}
	files, err := c.ChangedFiles(w.e.ctx, ev.Owner, ev.Repo, ev.PullRequest.Number)
	if err != nil {
		fmt.Fprintln(w.e.stderr, "crieur: "+w.e.say("pr_files", with{"error": err}))
		return nil
	}
	var atBase review.AtBase
	if g, _ := w.gitRepo(); g != nil && ev.PullRequest.BaseSHA != "" {
		atBase = func(path string) ([]byte, error) { return g.FileAt(ev.PullRequest.BaseSHA, path) }
	}
	in.Sensitive = review.SensitiveFiles(w.repo, files, w.prefix())
	scope, touched := review.Scope(w.repo, files, w.prefix(), atBase)
	in.Touched = touched
	return scope
}

// provenance finds where a post came from, for the journal: the last
// commit a person made to its file (gitrepo), and in Actions its pull
// request, author and approvers (github).
func (w *workspace) provenance() func(string) pipeline.Provenance {
	g, err := w.gitRepo()
	if err != nil {
		return nil
	}
	_, ev := w.actions()
	prefix := w.prefix()
	origin := func(path string) (pipeline.Version, error) { return g.Origin(prefix + path) }
	return github.Provenance(w.e.ctx, ev, origin, func(err error) { fmt.Fprintf(w.e.stderr, "crieur: %v\n", err) })
}

// reportLint reports the findings to the run and the pull request.
func (w *workspace) reportLint(r *github.Runner, ev *github.Event, in review.Input) {
	findings := in.Findings
	rep := github.LintReport{Prefix: w.prefix(), Findings: findings, Language: in.Language,
		Review: func(link func(string, int) string, note string) string {
			in.Link, in.Note = link, note
			return review.Markdown(in)
		},
		Source: func(path string) ([]byte, error) { return w.repo.ReadPost(path) },
	}
	for _, t := range in.Touched {
		rep.Notices = append(rep.Notices, t.FindingIn(in.Language))
	}
	if g, err := w.gitRepo(); err == nil {
		rep.AtCommit = g.FileAt
	}
	for _, err := range r.ReportLint(w.e.ctx, ev, rep) {
		fmt.Fprintf(w.e.stderr, "crieur: %v\n", err)
	}
}
