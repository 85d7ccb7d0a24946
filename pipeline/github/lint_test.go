package github

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/crieur/crieur/pipeline"
	"github.com/crieur/crieur/pipeline/i18n"
)

// lintRun is a runner whose files and log a test reads, and a report
// whose review says what it was given.
func lintRun(t *testing.T, rep LintReport) (r *Runner, log *bytes.Buffer, summary, output string, _ LintReport) {
	dir := t.TempDir()
	summary, output = filepath.Join(dir, "summary"), filepath.Join(dir, "output")
	log = &bytes.Buffer{}
	r = NewRunner(runnerEnv(map[string]string{"GITHUB_STEP_SUMMARY": summary, "GITHUB_OUTPUT": output}), log)
	rep.Review = func(link func(string, int) string, note string) string {
		l := "no link"
		if link != nil {
			l = link("posts/a.md", 3)
		}
		return fmt.Sprintf("## review\n%s\nnote: %s\n", l, note)
	}
	return r, log, summary, output, rep
}

func readFile(t *testing.T, path string) string {
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// A pull request whose token cannot write: annotations (paths from the
// git root), outputs, and the review in the summary with a note saying
// why there is no comment; the note is also given back to be logged.
func TestReportLintReadOnly(t *testing.T) {
	r, log, summary, output, rep := lintRun(t, LintReport{Prefix: "site/",
		Findings: []pipeline.Finding{
			{Path: "posts/a.md", Line: 3, Col: 1, Rule: "typo", Severity: pipeline.Error, Message: "an error"},
			{Path: "posts/a.md", Line: 4, Col: 1, Rule: "tone", Severity: pipeline.Warning, Message: "a warning"},
		},
		Notices: []pipeline.Finding{{Path: "posts/b.md", Line: 1, Col: 1, Rule: "post.published", Severity: pipeline.Warning, Message: "went out"}},
	})
	ev := &Event{Owner: fakeOwner, Repo: fakeRepo, SHA: "merge", WhyReadOnly: "this pull request comes from a fork",
		PullRequest: &PullRequestEvent{Number: prNumber, HeadSHA: headSHA}}
	logs := r.ReportLint(context.Background(), ev, rep)
	note := "No comment on the pull request: this pull request comes from a fork. The annotations and this summary have everything."
	if len(logs) != 1 || logs[0].Error() != note {
		t.Errorf("logs = %v, want the note", logs)
	}
	for _, want := range []string{
		"::error col=1,file=site/posts/a.md,line=3,title=typo::an error\n",
		"::warning col=1,file=site/posts/a.md,line=4,title=tone::a warning\n",
		"::warning col=1,file=site/posts/b.md,line=1,title=post.published::went out\n",
	} {
		if !strings.Contains(log.String(), want) {
			t.Errorf("log lacks %q:\n%s", want, log)
		}
	}
	got := readFile(t, summary)
	if want := "## review\nhttps://github.com/octo-org/posts/blob/" + headSHA + "/site/posts/a.md#L3\nnote: " + note + "\n\n"; got != want {
		t.Errorf("summary %q, want %q", got, want)
	}
	if got := readFile(t, output); !strings.Contains(got, "findings<<") || !strings.Contains(got, "\n2\n") || !strings.Contains(got, "errors<<") || !strings.Contains(got, "\n1\n") {
		t.Errorf("outputs %q, want findings 2 and errors 1", got)
	}
}

// Outside a pull request (or without its event): the summary only.
func TestReportLintWithoutPullRequest(t *testing.T) {
	r, _, summary, _, rep := lintRun(t, LintReport{})
	if logs := r.ReportLint(context.Background(), nil, rep); len(logs) != 0 {
		t.Errorf("logs = %v", logs)
	}
	if got := readFile(t, summary); got != "## review\nno link\nnote: \n\n" {
		t.Errorf("summary %q", got)
	}
}

// A token that can write: the sticky comment, and the fix as a suggested
// change on the line the head has unchanged.
func TestReportLintComments(t *testing.T) {
	f := newFake(t)
	addLaunchPull(f)
	lines := make([]string, 24)
	lines[21], lines[22] = "See you soon.", "Thanks !"
	src := strings.Join(lines, "\n")
	at := strings.Index(src, " !")
	launch := "posts/2024-05-02-launch.md"
	r, _, _, _, rep := lintRun(t, LintReport{
		Findings: []pipeline.Finding{{Path: launch, Line: 23, Col: 7, Rule: "typo.fr.nbsp", Severity: pipeline.Warning, Message: "a narrow space",
			Fix: &pipeline.Fix{Start: at, End: at + 2, Text: "\u202f!"}}},
		Source:   func(string) ([]byte, error) { return []byte(src), nil },
		AtCommit: func(commit, path string) ([]byte, error) { return []byte(src), nil },
	})
	ev := &Event{Owner: fakeOwner, Repo: fakeRepo, APIURL: f.URL(), Token: fakeToken, CanWrite: true,
		PullRequest: &PullRequestEvent{Number: prNumber, HeadSHA: headSHA}}
	if logs := r.ReportLint(context.Background(), ev, rep); len(logs) != 0 {
		t.Errorf("logs = %v", logs)
	}
	cs := f.IssueComments(prNumber)
	if len(cs) != 1 || !strings.HasPrefix(cs[0].Body, Marker+"\n## review\n") {
		t.Errorf("comments %+v, want crieur's", cs)
	}
	rcs := f.ReviewComments(prNumber)
	if len(rcs) != 1 || rcs[0].Path != launch || *rcs[0].Line != 23 || !strings.Contains(rcs[0].Body, "```suggestion\nThanks\u202f!\n```") {
		t.Errorf("review comments %+v", rcs)
	}
}

// The API refuses the write (a fork's token on pull_request_target gone
// wrong): the note says so.
func TestReportLintRefused(t *testing.T) {
	f := newFake(t)
	addLaunchPull(f)
	f.SetReadOnly(true)
	r, _, summary, _, rep := lintRun(t, LintReport{})
	ev := &Event{Owner: fakeOwner, Repo: fakeRepo, APIURL: f.URL(), Token: fakeToken, CanWrite: true,
		PullRequest: &PullRequestEvent{Number: prNumber, HeadSHA: headSHA}}
	logs := r.ReportLint(context.Background(), ev, rep)
	if len(logs) != 1 || !strings.Contains(logs[0].Error(), "its token cannot write") {
		t.Errorf("logs = %v, want the note", logs)
	}
	if got := readFile(t, summary); !strings.Contains(got, "note: No comment on the pull request: its token cannot write") {
		t.Errorf("summary %q", got)
	}
}

// TestCatalog: every message in English, French and Dutch, with the same
// placeholders, none empty.
func TestCatalog(t *testing.T) {
	for _, p := range say.Problems() {
		t.Error(p)
	}
}

// TestNoteLanguages: the note that replaces the comment is in the
// reader's language, its reason too when the event says it.
func TestNoteLanguages(t *testing.T) {
	fork := &Event{Token: "t", PullRequest: &PullRequestEvent{Number: prNumber, IsFork: true, HeadRepo: "dominique/posts"}, Name: "pull_request"}
	fork.CanWrite, fork.WhyReadOnly = fork.canWrite()
	deleted := &Event{Token: "t", PullRequest: &PullRequestEvent{Number: prNumber, IsFork: true}, Name: "pull_request"}
	deleted.CanWrite, deleted.WhyReadOnly = deleted.canWrite()
	noToken := &Event{PullRequest: &PullRequestEvent{Number: prNumber}}
	noToken.CanWrite, noToken.WhyReadOnly = noToken.canWrite()
	for _, tc := range []struct {
		ev   *Event
		l    i18n.Lang
		want string
	}{
		{fork, i18n.French, "Pas de commentaire sur la pull request\u00a0: la pull request vient d’un fork (dominique/posts), son jeton est en lecture seule. Les annotations et ce résumé disent tout."},
		{deleted, i18n.Dutch, "Geen commentaar op de pull request: de pull request komt uit een fork (een verwijderde repository), de token heeft alleen leesrechten. De annotaties en deze samenvatting bevatten alles."},
		{noToken, i18n.French, "Pas de commentaire sur la pull request\u00a0: aucun jeton n’est fourni (ni l’entrée github-token ni GITHUB_TOKEN). Les annotations et ce résumé disent tout."},
		{deleted, i18n.English, "No comment on the pull request: the pull request comes from a fork (a deleted repository), its token is read-only. The annotations and this summary have everything."},
		{&Event{WhyReadOnly: "said by hand"}, i18n.French, "Pas de commentaire sur la pull request\u00a0: said by hand. Les annotations et ce résumé disent tout."},
	} {
		note, err := LintReport{Language: tc.l}.comment(context.Background(), tc.ev, nil)
		if err != nil || note != tc.want {
			t.Errorf("%s: %q (%v), want %q", tc.l, note, err, tc.want)
		}
	}
}
