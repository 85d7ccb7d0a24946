package github

import (
	"context"
	"errors"
	"fmt"
	"strconv"

	"github.com/crieur/crieur/pipeline"
	"github.com/crieur/crieur/pipeline/i18n"
)

// LintReport is what a lint run tells GitHub.
type LintReport struct {
	// Prefix is the content root's path from the git root, with a final
	// slash ("" when they are the same folder): GitHub places annotations
	// and suggestions by paths from the git root.
	Prefix string
	// Findings are lint's, their paths from the content root.
	Findings []pipeline.Finding
	// Notices are annotated too, but are no findings: the outputs do not
	// count them and no suggestion comes from them (a published post the
	// pull request touches).
	Notices []pipeline.Finding
	// Review is the review in Markdown, with links to the lines (link is
	// nil when the repository is unknown) and a note at the end ("" for
	// none): the job summary, and the sticky comment on a pull request.
	Review func(link func(path string, line int) string, note string) string
	// Source reads a file of the checkout by its path from the content
	// root: the text the fixes' offsets are in.
	Source func(path string) ([]byte, error)
	// AtCommit reads a file as a commit has it, by its path from the git
	// root; nil when there is no history (no suggestion is made then).
	AtCommit func(commit, path string) ([]byte, error)
	// Language is the reader's: the note's, the suggestions' review's.
	Language i18n.Lang
}

// ReportLint tells the run and the pull request what lint found, as
// reviewdog's github service does: an annotation per finding and notice,
// the outputs findings and errors, the review in the job summary and, on
// a pull request whose token can write, in the sticky comment, with the
// safe fixes as suggested changes on the lines the head has unchanged.
// When there can be no comment (a fork's read-only token), the summary's
// note says why: the annotations and the summary have everything. ev may
// be nil (the event could not be read). What the caller should log comes
// back: what could not be done, and the note.
func (r *Runner) ReportLint(ctx context.Context, ev *Event, rep LintReport) []error {
	var logs []error
	if err := r.Annotate(rep.atRoot(rep.Findings)); err != nil {
		logs = append(logs, fmt.Errorf("%s: %w", say.Text(rep.Language, "log.annotations", nil), err))
	}
	errs := 0
	for _, f := range rep.Findings {
		if f.Severity >= pipeline.Error {
			errs++
		}
	}
	r.SetOutput("findings", strconv.Itoa(len(rep.Findings)))
	r.SetOutput("errors", strconv.Itoa(errs))
	r.Annotate(rep.atRoot(rep.Notices))
	link := rep.link(ev)
	if ev == nil || ev.PullRequest == nil {
		r.Summary(rep.Review(link, ""))
		return logs
	}
	note, err := rep.comment(ctx, ev, link)
	if err != nil {
		logs = append(logs, err)
	}
	if note != "" {
		logs = append(logs, errors.New(note))
	}
	r.Summary(rep.Review(link, note))
	return logs
}

// comment leaves the review as the sticky comment, then the fixes as
// suggested changes. It returns why there is no comment ("" when there is
// one), or what went wrong with the suggestions.
func (rep LintReport) comment(ctx context.Context, ev *Event, link func(string, int) string) (string, error) {
	l := rep.Language
	if !ev.CanWrite {
		return say.Text(l, "note.read_only", i18n.Args{"why": ev.whyIn(l)}), nil
	}
	c, err := NewClient(ev.APIURL, ev.Token, nil)
	if err == nil {
		c.Language = l
		_, err = c.StickyComment(ctx, ev.Owner, ev.Repo, ev.PullRequest.Number, rep.Review(link, ""))
	}
	switch {
	case errors.Is(err, ErrReadOnly):
		return say.Text(l, "note.token", nil), nil
	case err != nil:
		return say.Text(l, "note.failed", i18n.Args{"error": err.Error()}), nil
	}
	if err := c.suggestFixes(ctx, ev, rep); err != nil {
		return "", fmt.Errorf("%s: %w", say.Text(l, "log.suggestions", nil), err)
	}
	return "", nil
}

// atRoot gives findings their paths from the git root.
func (rep LintReport) atRoot(fs []pipeline.Finding) []pipeline.Finding {
	return pipeline.Prefixed(fs, rep.Prefix)
}

// link is a file's line on GitHub, at the pull request's head (else the
// run's commit); nil when the repository is unknown.
func (rep LintReport) link(ev *Event) func(path string, line int) string {
	if ev == nil || ev.Owner == "" {
		return nil
	}
	sha := ev.SHA
	if ev.PullRequest != nil && ev.PullRequest.HeadSHA != "" {
		sha = ev.PullRequest.HeadSHA
	}
	return func(path string, line int) string {
		return fmt.Sprintf("https://github.com/%s/%s/blob/%s/%s%s#L%d", ev.Owner, ev.Repo, sha, rep.Prefix, path, line)
	}
}
