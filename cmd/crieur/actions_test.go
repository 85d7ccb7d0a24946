package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/crieur/crieur/pipeline"
	"github.com/crieur/crieur/pipeline/content"
	"github.com/crieur/crieur/pipeline/gitrepo"
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

// A pull request that deletes a published post, or changes its text, is
// reported; changing only its front matter is not.
func TestPublishedTouched(t *testing.T) {
	dir := t.TempDir()
	git := func(args ...string) string {
		cmd := exec.Command("git", append([]string{"-c", "user.name=T", "-c", "user.email=t@example.org"}, args...)...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "GIT_CONFIG_GLOBAL=/dev/null", "GIT_CONFIG_NOSYSTEM=1")
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
		return strings.TrimSpace(string(out))
	}
	write := func(rel, s string) {
		os.MkdirAll(filepath.Dir(filepath.Join(dir, rel)), 0o755)
		if err := os.WriteFile(filepath.Join(dir, rel), []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	git("init", "-q", "-b", "main")
	write("crieur.yml", "timezone: Europe/Brussels\nchannels:\n  local:\n    type: outbox\n")
	write("posts/a.md", publishedPost)
	write("posts/b.md", publishedPost)
	write("posts/c.md", publishedPost)
	git("add", "-A")
	git("commit", "-q", "-m", "base")
	base := git("rev-parse", "HEAD")
	write("posts/a.md", strings.Replace(publishedPost, "Bonjour.", "Bonjour à tous.", 1))
	write("posts/c.md", strings.Replace(publishedPost, "publish_at: 2026-11-20 09:30", "publish_at: 2026-11-20 09:30\ncampaign: hiver", 1))
	os.Remove(filepath.Join(dir, "posts/b.md"))
	repo, err := content.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	g, err := gitrepo.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		path    string
		removed bool
		want    bool
	}{{"posts/a.md", false, true}, {"posts/b.md", true, true}, {"posts/c.md", false, false}} {
		got, ok := publishedTouched(repo, g, base, tt.path, tt.path, tt.removed)
		if ok != tt.want {
			t.Errorf("%s: reported %v, want %v", tt.path, ok, tt.want)
		}
		if ok && (got.Deleted != tt.removed || len(got.Where) != 1 || got.Where[0] != "local https://example.org/abc") {
			t.Errorf("%s: %+v", tt.path, got)
		}
	}
}

func TestSuggestionsForMergesFixesOnALine(t *testing.T) {
	src := "---\ntitle: x\n---\nBonjour ! Concerts à Bxl...\nFin.\nÀ Bxl\n"
	at := func(s string, nth int) int {
		i := -1
		for ; nth >= 0; nth-- {
			j := strings.Index(src[i+1:], s)
			if j < 0 {
				t.Fatalf("%q not in the source", s)
			}
			i += j + 1
		}
		return i
	}
	fix := func(rule, old string, nth int, text string) pipeline.Finding {
		s := at(old, nth)
		return pipeline.Finding{Rule: rule, Message: rule + " message", Fix: &pipeline.Fix{Start: s, End: s + len(old), Text: text}}
	}
	fs := []pipeline.Finding{
		fix("charte.substitution", "Bxl", 0, "Bruxelles"),
		fix("typo.fr.nbsp", " !", 0, "\u202f!"),
		fix("typo.ellipsis", "...", 0, "…"),
		fix("typo.overlap", "Bxl...", 0, "X"), // overlaps the first: dropped
		fix("charte.substitution", "Bxl", 1, "Bruxelles"),
	}
	got := suggestionsFor([]byte(src), fs)
	if len(got) != 2 {
		t.Fatalf("%d suggestions, want 2 (one per line): %+v", len(got), got)
	}
	if got[0].Line != 4 || got[0].EndLine != 4 || got[0].Replacement != "Bonjour\u202f! Concerts à Bruxelles…" {
		t.Errorf("line 4: %+v", got[0])
	}
	if got[0].Body != "**typo.fr.nbsp** typo.fr.nbsp message\n**charte.substitution** charte.substitution message\n**typo.ellipsis** typo.ellipsis message" {
		t.Errorf("line 4 body: %q", got[0].Body)
	}
	if got[1].Line != 6 || got[1].Replacement != "À Bruxelles" {
		t.Errorf("line 6: %+v", got[1])
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
