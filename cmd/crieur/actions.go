package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

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
// commit a person made to its file, and in Actions the pull request that
// commit belongs to, with its author and approvers (go-github). Without
// GitHub, or when it cannot answer, the commit's author is recorded.
func (e *env) provenance(g *gitrepo.Repo, prefix string) func(string) journal.Provenance {
	var gh *github.Client
	var ev *github.Event
	if _, ev = e.actionEvent(); ev != nil && ev.Token != "" {
		gh, _ = github.NewClient(ev.APIURL, ev.Token, nil)
	}
	warned := false
	return func(path string) journal.Provenance {
		v, err := g.Origin(prefix + path)
		if err != nil {
			if !warned {
				fmt.Fprintf(e.stderr, "crieur: the history of the posts cannot be read (%v): the journal records no author (a shallow clone? check out with fetch-depth: 0)\n", err)
				warned = true
			}
			return journal.Provenance{}
		}
		if v.Commit == "" {
			return journal.Provenance{}
		}
		pv := journal.Provenance{Author: v.Author.Name}
		if gh == nil {
			return pv
		}
		pr, err := gh.PullRequestOf(e.ctx, ev.Owner, ev.Repo, v.Commit)
		if err != nil {
			if !warned {
				fmt.Fprintf(e.stderr, "crieur: cannot find the pull requests of the posts (%v): the journal records the commits' authors\n", err)
				warned = true
			}
			return pv
		}
		if pr != nil {
			pv = journal.Provenance{PullRequest: pr.Number, Author: pr.Author, Approvers: pr.Approvers}
		}
		return pv
	}
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

// actionLint reports the findings to the pull request.
func (e *env) actionLint(r *github.Runner, ev *github.Event, repo *content.Repo, posts []*content.File, touched []review.Touched, findings []pipeline.Finding) {
	prefix := gitPrefix(repo)
	atRoot := make([]pipeline.Finding, len(findings))
	for i, f := range findings {
		f.Path = prefix + f.Path
		atRoot[i] = f
	}
	if err := r.Annotate(atRoot); err != nil {
		fmt.Fprintf(e.stderr, "crieur: annotations: %v\n", err)
	}
	errs := 0
	for _, f := range findings {
		if f.Severity >= pipeline.Error {
			errs++
		}
	}
	r.SetOutput("findings", strconv.Itoa(len(findings)))
	r.SetOutput("errors", strconv.Itoa(errs))

	in := review.Input{Repo: repo, Posts: posts, Findings: findings, Touched: touched}
	for _, t := range touched {
		f := t.Finding()
		f.Path = prefix + f.Path
		r.Annotate([]pipeline.Finding{f})
	}
	if ev != nil && ev.Owner != "" {
		sha := ev.SHA
		if ev.PullRequest != nil && ev.PullRequest.HeadSHA != "" {
			sha = ev.PullRequest.HeadSHA
		}
		in.Link = func(path string, line int) string {
			return fmt.Sprintf("https://github.com/%s/%s/blob/%s/%s%s#L%d", ev.Owner, ev.Repo, sha, prefix, path, line)
		}
	}
	if ev == nil || ev.PullRequest == nil {
		r.Summary(review.Markdown(in))
		return
	}
	pr := ev.PullRequest
	c, err := github.NewClient(ev.APIURL, ev.Token, nil)
	if err == nil && ev.CanWrite {
		_, err = c.StickyComment(e.ctx, ev.Owner, ev.Repo, pr.Number, review.Marker+"\n"+review.Markdown(in))
		if err == nil {
			e.suggest(c, ev, repo, prefix, findings)
		}
	}
	switch {
	case !ev.CanWrite:
		in.Note = "No comment on the pull request: " + ev.WhyReadOnly + ". The annotations and this summary have everything."
	case errors.Is(err, github.ErrReadOnly):
		in.Note = "No comment on the pull request: its token cannot write (a pull request from a fork gets a read-only token). The annotations and this summary have everything."
	case err != nil:
		in.Note = "No comment on the pull request: " + err.Error()
	}
	if in.Note != "" {
		fmt.Fprintln(e.stderr, "crieur: "+in.Note)
	}
	r.Summary(review.Markdown(in))
}

// suggest offers the safe fixes as suggested changes on the lines they
// touch; those outside the diff are already annotations.
func (e *env) suggest(c *github.Client, ev *github.Event, repo *content.Repo, prefix string, findings []pipeline.Finding) {
	var sugg []github.Suggestion
	byPath := map[string][]pipeline.Finding{}
	var paths []string
	for _, f := range findings {
		if f.Fix == nil {
			continue
		}
		if _, ok := byPath[f.Path]; !ok {
			paths = append(paths, f.Path)
		}
		byPath[f.Path] = append(byPath[f.Path], f)
	}
	g, _ := gitrepo.Open(repo.Root)
	for _, path := range paths {
		b, err := os.ReadFile(repo.Abs(path))
		if err != nil {
			continue
		}
		var head []string // the pull request's head version
		if g != nil {
			if hb, err := g.FileAt(ev.PullRequest.HeadSHA, prefix+path); err == nil {
				head = strings.Split(string(hb), "\n")
			}
		}
		lines := strings.Split(string(b), "\n")
		for _, s := range suggestionsFor(b, byPath[path]) {
			// The checkout may be GitHub's merge of the pull request
			// into main, whose lines can be shifted from the head's,
			// where review comments go: a suggestion is made only when
			// the head has the same lines at the same place (else the
			// annotation stays).
			if sameLines(lines, head, s.Line, s.EndLine) {
				s.Path = prefix + path
				sugg = append(sugg, s)
			}
		}
	}
	if len(sugg) == 0 {
		return
	}
	if _, err := c.SuggestChanges(e.ctx, ev.Owner, ev.Repo, ev.PullRequest.Number, ev.PullRequest.HeadSHA, sugg); err != nil {
		fmt.Fprintf(e.stderr, "crieur: suggested changes: %v\n", err)
	}
}

// sameLines reports whether lines first to last (1-based) are the same in
// a and b.
func sameLines(a, b []string, first, last int) bool {
	if first < 1 || last > len(a) || last > len(b) {
		return false
	}
	for i := first - 1; i < last; i++ {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// suggestionsFor turns the fixes of one file (byte ranges and their new
// text) into suggested changes: the new text of the whole lines they
// touch. Fixes on the same lines make one suggestion, so that accepting it
// applies them all (two suggestions on one line would each undo the
// other); of two fixes that overlap, the first is kept.
func suggestionsFor(src []byte, fs []pipeline.Finding) []github.Suggestion {
	type span struct {
		start, end int // the whole lines, [start, end) in src
		fixes      []pipeline.Finding
	}
	var spans []span
	for _, f := range fs {
		fx := f.Fix
		if fx == nil || fx.Start < 0 || fx.End > len(src) || fx.Start > fx.End {
			continue
		}
		start := strings.LastIndexByte(string(src[:fx.Start]), '\n') + 1
		end := len(src)
		if i := strings.IndexByte(string(src[fx.End:]), '\n'); i >= 0 {
			end = fx.End + i
		}
		spans = append(spans, span{start, end, []pipeline.Finding{f}})
	}
	sort.SliceStable(spans, func(i, j int) bool { return spans[i].start < spans[j].start })
	var merged []span
	for _, sp := range spans {
		if n := len(merged); n > 0 && sp.start <= merged[n-1].end {
			last := &merged[n-1]
			last.end = max(last.end, sp.end)
			last.fixes = append(last.fixes, sp.fixes...)
			continue
		}
		merged = append(merged, sp)
	}
	var out []github.Suggestion
	for _, sp := range merged {
		// Apply from the end so that earlier offsets stay right.
		fixes := append([]pipeline.Finding(nil), sp.fixes...)
		sort.SliceStable(fixes, func(i, j int) bool { return fixes[i].Fix.Start < fixes[j].Fix.Start })
		var kept []pipeline.Finding
		for _, f := range fixes {
			if n := len(kept); n > 0 && f.Fix.Start < kept[n-1].Fix.End {
				continue // overlaps the one before
			}
			kept = append(kept, f)
		}
		text := string(src[sp.start:sp.end])
		var bodies []string
		for i := len(kept) - 1; i >= 0; i-- {
			fx := kept[i].Fix
			text = text[:fx.Start-sp.start] + fx.Text + text[fx.End-sp.start:]
		}
		for _, f := range kept {
			body := "**" + f.Rule + "** " + f.Message
			if f.Hint != "" {
				body += " (" + f.Hint + ")"
			}
			bodies = append(bodies, body)
		}
		first := strings.Count(string(src[:sp.start]), "\n") + 1
		last := first + strings.Count(string(src[sp.start:sp.end]), "\n")
		out = append(out, github.Suggestion{Line: first, EndLine: last, Replacement: text, Body: strings.Join(bodies, "\n")})
	}
	return out
}
