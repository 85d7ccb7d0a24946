package content

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const publishedPost = `---
publish_at: 2026-11-20 09:30
channels: [local]
status: published
publications:
  local:
    id: abc
    url: https://example.org/abc
    at: 2026-11-20T09:30:00+01:00
    attempts: 1
---
Bonjour.
`

// mergePostState re-applies crieur's state onto the remote's post: it
// keeps the remote's text and a person's status change, and refuses what
// a human must look at.
func TestMergePostState(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "crieur.yml"), []byte("timezone: Europe/Brussels\nchannels:\n  local:\n    type: outbox\n  other:\n    type: outbox\n"), 0o644)
	repo, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	base := strings.Replace(publishedPost, "status: published\npublications:\n  local:\n    id: abc\n    url: https://example.org/abc\n    at: 2026-11-20T09:30:00+01:00\n    attempts: 1\n", "", 1)
	base = strings.Replace(base, "channels: [local]", "channels: [local, other]", 1)
	ours := strings.Replace(publishedPost, "channels: [local]", "channels: [local, other]", 1)
	theirs := strings.Replace(base, "Bonjour.", "Bonjour à tous.", 1)

	out, err := repo.mergePostState("posts/a.md", []byte(base), []byte(ours), []byte(theirs))
	if err != nil || !strings.Contains(string(out), "Bonjour à tous.") || !strings.Contains(string(out), "    id: abc\n") {
		t.Errorf("merge = %v\n%s", err, out)
	}
	// A person retracted it on the remote meanwhile: theirs wins.
	retracted := strings.Replace(theirs, "channels: [local, other]", "channels: [local, other]\nstatus: retracted", 1)
	out, err = repo.mergePostState("posts/a.md", []byte(base), []byte(ours), []byte(retracted))
	if err != nil || !strings.Contains(string(out), "status: retracted") || !strings.Contains(string(out), "    id: abc\n") {
		t.Errorf("merge onto a retraction = %v\n%s", err, out)
	}
	// Deleted on the remote: a human decides.
	if _, err := repo.mergePostState("posts/a.md", []byte(base), []byte(ours), nil); err == nil || !strings.Contains(err.Error(), "deleted or renamed on the remote") {
		t.Errorf("deleted on the remote: %v", err)
	}
	// Another run recorded another id for the same channel: it went out twice.
	twice := strings.Replace(ours, "id: abc", "id: xyz", 1)
	if _, err := repo.mergePostState("posts/a.md", []byte(base), []byte(ours), []byte(twice)); err == nil || !strings.Contains(err.Error(), "it went out twice") {
		t.Errorf("two ids: %v", err)
	}
	// The remote knows a channel went out that this run failed on: kept.
	failedHere := strings.Replace(ours, "    id: abc\n    url: https://example.org/abc\n", "    error: HTTP 500\n", 1)
	out, err = repo.mergePostState("posts/a.md", []byte(base), []byte(failedHere), []byte(ours))
	if err != nil || !strings.Contains(string(out), "    id: abc\n") || strings.Contains(string(out), "HTTP 500") {
		t.Errorf("remote success kept = %v\n%s", err, out)
	}
}

// StateMerge picks each file's merge from the layout: the journal is
// appended to, a report is ours, a metrics file goes to the merge given,
// a post gets its state written again; anything else is refused.
func TestStateMerge(t *testing.T) {
	repo := testRepo(t)
	errCSV := errors.New("csv merge")
	merge := repo.StateMerge("site/", func(base, ours, theirs []byte) ([]byte, error) { return nil, errCSV })
	got, err := merge("site/journal/2026-12.jsonl", []byte("a\n"), []byte("a\nb\n"), []byte("a\nc\n"))
	if err != nil || string(got) != "a\nc\nb\n" {
		t.Errorf("journal: %q, %v", got, err)
	}
	got, err = merge("site/reports/2026-11/index.md", []byte("old"), []byte("ours"), []byte("theirs"))
	if err != nil || string(got) != "ours" {
		t.Errorf("report: %q, %v", got, err)
	}
	if _, err := merge("site/metrics/2026-12.csv", nil, []byte("h\n"), []byte("h\n")); err != errCSV {
		t.Errorf("metrics: %v, want the merge given", err)
	}
	if _, err := merge("site/posts/a.md", nil, []byte(publishedPost), nil); err == nil || !strings.Contains(err.Error(), "deleted or renamed") {
		t.Errorf("post: %v, want the post's state merge", err)
	}
	if _, err := merge("site/crieur.yml", nil, nil, nil); err == nil || !strings.Contains(err.Error(), "neither a post nor the journal") {
		t.Errorf("crieur.yml: %v", err)
	}
	if _, err := merge("other/journal/2026-12.jsonl", nil, nil, nil); err == nil || !strings.Contains(err.Error(), "outside the content repository") {
		t.Errorf("outside the prefix: %v", err)
	}
}
