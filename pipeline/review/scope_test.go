package review

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

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
	atBase := func(path string) ([]byte, error) { return g.FileAt(base, path) }
	for _, tt := range []struct {
		path    string
		removed bool
		want    bool
	}{{"posts/a.md", false, true}, {"posts/b.md", true, true}, {"posts/c.md", false, false}} {
		got, ok := publishedTouched(repo, atBase, tt.path, tt.path, tt.removed)
		if ok != tt.want {
			t.Errorf("%s: reported %v, want %v", tt.path, ok, tt.want)
		}
		if ok && (got.Deleted != tt.removed || len(got.Where) != 1 || got.Where[0] != "local https://example.org/abc") {
			t.Errorf("%s: %+v", tt.path, got)
		}
	}
}

// On a protected main the base version of a post does not say it went
// out: the ledger does, and the review reads it there.
func TestPublishedTouchedFromTheLedger(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "crieur.yml"), []byte("timezone: Europe/Brussels\nchannels:\n  local:\n    type: outbox\n"), 0o644)
	os.MkdirAll(filepath.Join(dir, "posts"), 0o755)
	unpublished := "---\npublish_at: 2026-11-20 09:30\nchannels: [local]\n---\nBonjour.\n"
	os.WriteFile(filepath.Join(dir, "posts", "a.md"), []byte(strings.Replace(unpublished, "Bonjour.", "Bonsoir.", 1)), 0o644)
	repo, err := content.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	atBase := func(string) ([]byte, error) { return []byte(unpublished), nil }
	if _, ok := publishedTouched(repo, atBase, "posts/a.md", "posts/a.md", false); ok {
		t.Fatal("reported without a ledger")
	}
	at := time.Date(2026, 11, 20, 9, 30, 0, 0, time.UTC)
	repo.Ledger = &pipeline.Ledger{Journal: []pipeline.Record{{Action: pipeline.ActionPublished, Post: "posts/a.md", Channel: "local",
		Occurrence: at, Time: at, RemoteID: "abc", URL: "https://example.org/abc", Attempt: 1}}}
	got, ok := publishedTouched(repo, atBase, "posts/a.md", "posts/a.md", false)
	if !ok || len(got.Where) != 1 || got.Where[0] != "local https://example.org/abc" {
		t.Errorf("publishedTouched = %+v, %v; want the ledger's publication", got, ok)
	}
}

// Scope keeps the posts of the diff under the content root (a rename by
// its new path, a removal out), and reports the published ones the pull
// request rewrites or deletes, read at the base.
func TestScope(t *testing.T) {
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "site", "posts"), 0o755)
	os.WriteFile(filepath.Join(dir, "site", "crieur.yml"), []byte("timezone: Europe/Brussels\nchannels:\n  local:\n    type: outbox\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "site", "posts", "edited.md"), []byte(strings.Replace(publishedPost, "Bonjour.", "Bonsoir.", 1)), 0o644)
	repo, err := content.Open(filepath.Join(dir, "site"))
	if err != nil {
		t.Fatal(err)
	}
	base := map[string]string{"site/posts/edited.md": publishedPost, "site/posts/gone.md": publishedPost}
	atBase := func(path string) ([]byte, error) {
		if s, ok := base[path]; ok {
			return []byte(s), nil
		}
		return nil, errors.New("not at the base")
	}
	files := []ChangedFile{
		{Path: "site/posts/edited.md", Status: "modified"},
		{Path: "site/posts/new.md", PreviousPath: "site/posts/old.md", Status: "renamed"},
		{Path: "site/posts/gone.md", Status: "removed"},
		{Path: "site/posts/added.md", Status: "added"},
		{Path: "site/crieur.yml", Status: "modified"},
		{Path: "posts/elsewhere.md", Status: "added"},
	}
	scope, touched := Scope(repo, files, "site/", atBase)
	if !slices.Equal(scope, []string{"posts/edited.md", "posts/new.md", "posts/added.md"}) {
		t.Errorf("scope = %q", scope)
	}
	if len(touched) != 2 || touched[0].Path != "posts/edited.md" || touched[0].Deleted || touched[1].Path != "posts/gone.md" || !touched[1].Deleted {
		t.Fatalf("touched = %+v", touched)
	}
	if scope, touched := Scope(repo, files[4:], "site/", nil); scope == nil || len(scope) != 0 || touched != nil {
		t.Errorf("no post changed: scope %#v (want empty, not nil), touched %+v", scope, touched)
	}
	f := touched[1].Finding()
	if f.Path != "posts/gone.md" || f.Rule != "post.published" || !strings.Contains(f.Message, "deletes a post that already went out (local https://example.org/abc)") {
		t.Errorf("finding = %+v", f)
	}
}
