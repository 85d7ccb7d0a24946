package main

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/crieur/crieur/pipeline"
	"github.com/crieur/crieur/pipeline/content"
	"github.com/crieur/crieur/pipeline/github"
	"github.com/crieur/crieur/pipeline/gitrepo"
	"github.com/crieur/crieur/pipeline/journal"
	"github.com/crieur/crieur/pipeline/review"
)

// In GitHub Actions (GITHUB_ACTIONS=true), lint also speaks to the pull
// request: annotations on the lines, the review in the job summary, one
// sticky comment, suggested changes for the safe fixes, and outputs.

// actionScope returns the posts a pull request adds or changes (relative
// to the content root), or nil to lint everything: outside a pull
// request, or when the changed files cannot be listed.
func (e *env) actionScope(repo *content.Repo, ev *github.Event) ([]string, []review.Touched) {
	if ev == nil || ev.PullRequest == nil {
		return nil, nil
	}
	c, err := github.NewClient(ev.APIURL, ev.Token, nil)
	if err != nil {
		return nil, nil
	}
	files, err := c.ChangedFiles(e.ctx, ev.Owner, ev.Repo, ev.PullRequest.Number)
	if err != nil {
		fmt.Fprintf(e.stderr, "crieur: cannot list the pull request's files (%v): linting every post\n", err)
		return nil, nil
	}
	changed := make([]review.ChangedFile, len(files))
	for i, f := range files {
		changed[i] = review.ChangedFile{Path: f.Path, PreviousPath: f.PreviousPath, Status: f.Status}
	}
	var atBase review.AtBase
	if g, _ := gitrepo.Open(repo.Root); g != nil && ev.PullRequest.BaseSHA != "" {
		atBase = func(path string) ([]byte, error) { return g.FileAt(ev.PullRequest.BaseSHA, path) }
	}
	return review.Scope(repo, changed, gitPrefix(repo), atBase)
}

// provenance finds where a post came from, for the journal: the last
// commit a person made to its file (gitrepo), and in Actions its pull
// request, author and approvers (github).
func (e *env) provenance(g *gitrepo.Repo, prefix string) func(string) journal.Provenance {
	_, ev := e.actionEvent()
	origin := func(path string) (pipeline.Version, error) { return g.Origin(prefix + path) }
	return github.Provenance(e.ctx, ev, origin, func(err error) { fmt.Fprintf(e.stderr, "crieur: %v\n", err) })
}

// actionEvent reads the runner's event, or nil outside Actions.
func (e *env) actionEvent() (*github.Runner, *github.Event) {
	r := github.NewRunner(e.getenv, e.stdout)
	if !r.InActions() {
		return nil, nil
	}
	ev, err := r.Event()
	if err != nil {
		fmt.Fprintf(e.stderr, "crieur: %v\n", err)
		return r, nil
	}
	if ev.Token != "" {
		r.Mask(ev.Token)
	}
	return r, ev
}

// gitPrefix is the content root's path from the git root, with a final
// slash ("" when they are the same folder).
func gitPrefix(repo *content.Repo) string {
	g, err := gitrepo.Open(repo.Root)
	if err != nil {
		return ""
	}
	rel, err := filepath.Rel(g.Root, repo.Root)
	if err != nil || rel == "." {
		return ""
	}
	return filepath.ToSlash(rel) + "/"
}

// actionLint reports the findings to the run and the pull request.
func (e *env) actionLint(r *github.Runner, ev *github.Event, repo *content.Repo, posts []*content.File, touched []review.Touched, findings []pipeline.Finding) {
	in := review.Input{Repo: repo, Posts: posts, Findings: findings, Touched: touched}
	rep := github.LintReport{Prefix: gitPrefix(repo), Findings: findings,
		Review: func(link func(string, int) string, note string) string {
			in.Link, in.Note = link, note
			return review.Markdown(in)
		},
		Source: func(path string) ([]byte, error) { return os.ReadFile(repo.Abs(path)) },
	}
	for _, t := range touched {
		rep.Notices = append(rep.Notices, t.Finding())
	}
	if g, err := gitrepo.Open(repo.Root); err == nil {
		rep.AtCommit = g.FileAt
	}
	for _, err := range r.ReportLint(e.ctx, ev, rep) {
		fmt.Fprintf(e.stderr, "crieur: %v\n", err)
	}
}
