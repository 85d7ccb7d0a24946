package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/crieur/crieur/pipeline/content"
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
	repo, err := content.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	base := strings.Replace(publishedPost, "status: published\npublications:\n  local:\n    id: abc\n    url: https://example.org/abc\n    at: 2026-11-20T09:30:00+01:00\n    attempts: 1\n", "", 1)
	base = strings.Replace(base, "channels: [local]", "channels: [local, other]", 1)
	ours := strings.Replace(publishedPost, "channels: [local]", "channels: [local, other]", 1)
	theirs := strings.Replace(base, "Bonjour.", "Bonjour à tous.", 1)

	out, err := mergePostState(repo, "posts/a.md", []byte(base), []byte(ours), []byte(theirs))
	if err != nil || !strings.Contains(string(out), "Bonjour à tous.") || !strings.Contains(string(out), "    id: abc\n") {
		t.Errorf("merge = %v\n%s", err, out)
	}
	// A person retracted it on the remote meanwhile: theirs wins.
	retracted := strings.Replace(theirs, "channels: [local, other]", "channels: [local, other]\nstatus: retracted", 1)
	out, err = mergePostState(repo, "posts/a.md", []byte(base), []byte(ours), []byte(retracted))
	if err != nil || !strings.Contains(string(out), "status: retracted") || !strings.Contains(string(out), "    id: abc\n") {
		t.Errorf("merge onto a retraction = %v\n%s", err, out)
	}
	// Deleted on the remote: a human decides.
	if _, err := mergePostState(repo, "posts/a.md", []byte(base), []byte(ours), nil); err == nil || !strings.Contains(err.Error(), "deleted or renamed on the remote") {
		t.Errorf("deleted on the remote: %v", err)
	}
	// Another run recorded another id for the same channel: it went out twice.
	twice := strings.Replace(ours, "id: abc", "id: xyz", 1)
	if _, err := mergePostState(repo, "posts/a.md", []byte(base), []byte(ours), []byte(twice)); err == nil || !strings.Contains(err.Error(), "it went out twice") {
		t.Errorf("two ids: %v", err)
	}
	// The remote knows a channel went out that this run failed on: kept.
	failedHere := strings.Replace(ours, "    id: abc\n    url: https://example.org/abc\n", "    error: HTTP 500\n", 1)
	out, err = mergePostState(repo, "posts/a.md", []byte(base), []byte(failedHere), []byte(ours))
	if err != nil || !strings.Contains(string(out), "    id: abc\n") || strings.Contains(string(out), "HTTP 500") {
		t.Errorf("remote success kept = %v\n%s", err, out)
	}
}

// Two runs that both started a month's metrics file: the remote's rows,
// then ours, under one header.
func TestAppendCSVMerge(t *testing.T) {
	header := "time,post,channel\n"
	ours := header + "2026-12-02T07:00:00Z,a.md,mastodon\n"
	theirs := header + "2026-12-02T06:00:00Z,b.md,bluesky\n"
	got, err := appendCSVMerge(nil, []byte(ours), []byte(theirs))
	if err != nil || string(got) != theirs+"2026-12-02T07:00:00Z,a.md,mastodon\n" {
		t.Errorf("both created: %q, %v", got, err)
	}
	// The file existed before: plain append-only merge.
	base := header + "2026-12-01T07:00:00Z,c.md,x\n"
	got, err = appendCSVMerge([]byte(base), []byte(base+"2026-12-02T07:00:00Z,a.md,mastodon\n"), []byte(base+"2026-12-02T06:00:00Z,b.md,bluesky\n"))
	if err != nil || string(got) != base+"2026-12-02T06:00:00Z,b.md,bluesky\n2026-12-02T07:00:00Z,a.md,mastodon\n" {
		t.Errorf("existing file: %q, %v", got, err)
	}
	// Different headers (an older layout on one side): not merged silently.
	if _, err := appendCSVMerge([]byte(base), []byte("other\n"), []byte(theirs)); err == nil {
		t.Error("a rewritten file was merged as if appended to")
	}
}
