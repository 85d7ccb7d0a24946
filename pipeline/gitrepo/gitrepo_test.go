package gitrepo

import (
	"errors"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/crieur/crieur/pipeline"
	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/object"
)

// isolate keeps the user's git configuration out of the tests.
func isolate(t *testing.T) string {
	t.Helper()
	home := t.TempDir()
	t.Setenv("HOME", home)
	t.Setenv("XDG_CONFIG_HOME", "")
	return home
}

func initRepo(t *testing.T) (string, *git.Repository) {
	t.Helper()
	dir := t.TempDir()
	g, err := git.PlainInit(dir, false)
	if err != nil {
		t.Fatal(err)
	}
	return dir, g
}

func write(t *testing.T, dir, rel, content string) string {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func sameDir(t *testing.T, a, b string) bool {
	t.Helper()
	ra, err := filepath.EvalSymlinks(a)
	if err != nil {
		t.Fatal(err)
	}
	rb, err := filepath.EvalSymlinks(b)
	if err != nil {
		t.Fatal(err)
	}
	return ra == rb
}

func treeFiles(t *testing.T, c *object.Commit) []string {
	t.Helper()
	tree, err := c.Tree()
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	tree.Files().ForEach(func(f *object.File) error {
		names = append(names, f.Name)
		return nil
	})
	sort.Strings(names)
	return names
}

func TestOpen(t *testing.T) {
	dir, _ := initRepo(t)
	sub := filepath.Join(dir, "content", "posts", "2026")
	if err := os.MkdirAll(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, from := range []string{dir, sub, filepath.Join(dir, "content")} {
		r, err := Open(from)
		if err != nil {
			t.Fatalf("Open(%s): %v", from, err)
		}
		if !sameDir(t, r.Root, dir) {
			t.Errorf("Open(%s).Root = %s, want %s", from, r.Root, dir)
		}
	}
	// A relative path.
	t.Chdir(sub)
	r, err := Open(".")
	if err != nil {
		t.Fatal(err)
	}
	if !sameDir(t, r.Root, dir) {
		t.Errorf("Open(.) in a subfolder: Root = %s, want %s", r.Root, dir)
	}
}

func TestOpenOutsideARepository(t *testing.T) {
	dir := t.TempDir()
	_, err := Open(dir)
	if !errors.Is(err, ErrNotRepository) {
		t.Fatalf("Open outside a repository: %v, want ErrNotRepository", err)
	}
	if !strings.Contains(err.Error(), dir) || !strings.Contains(err.Error(), "--no-commit") {
		t.Errorf("error %q does not name the folder and the way out", err)
	}
}

func TestHeadOfEmptyRepository(t *testing.T) {
	dir, _ := initRepo(t)
	r, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	h, err := r.Head()
	if err != nil || h != "" {
		t.Errorf("Head() of an empty repository = %q, %v; want \"\", nil", h, err)
	}
}

func TestCommit(t *testing.T) {
	isolate(t)
	dir, g := initRepo(t)
	r, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	post := write(t, dir, "posts/2026/12/saison.md", "---\nstatus: published\n---\nÉté.\n")
	write(t, dir, "journal/2026-12.jsonl", "{}\n")
	write(t, dir, "outbox/mastodon/x.json", "{}\n") // changed, not handed to Commit
	who := pipeline.Signature{Name: "Camille Dupont", Email: "camille@example.org"}
	when := time.Date(2026, 12, 1, 9, 30, 5, 0, time.FixedZone("CET", 3600))
	msg := "crieur: publish 1 post to 2 channels\n\n- posts/2026/12/saison.md → mastodon 1\n"

	// Absolute and relative paths.
	hash, err := r.Commit([]string{post, "journal/2026-12.jsonl"}, msg, who, when)
	if err != nil {
		t.Fatal(err)
	}
	if len(hash) != 40 {
		t.Fatalf("Commit = %q, want a 40-digit hash", hash)
	}
	if head, err := r.Head(); err != nil || head != hash {
		t.Errorf("Head() = %q, %v; want %s", head, err, hash)
	}
	c, err := g.CommitObject(plumbing.NewHash(hash))
	if err != nil {
		t.Fatal(err)
	}
	if c.Message != msg {
		t.Errorf("message = %q, want %q", c.Message, msg)
	}
	if c.Author.Name != who.Name || c.Author.Email != who.Email || !c.Author.When.Equal(when) {
		t.Errorf("author = %v, want %v at %v", c.Author, who, when)
	}
	if c.Committer.Name != who.Name || c.Committer.Email != who.Email {
		t.Errorf("committer = %v, want %v", c.Committer, who)
	}
	if got := treeFiles(t, c); strings.Join(got, ",") != "journal/2026-12.jsonl,posts/2026/12/saison.md" {
		t.Errorf("commit holds %v, want the post and the journal only", got)
	}

	// Nothing changed: no commit.
	again, err := r.Commit([]string{post, "journal/2026-12.jsonl"}, "nothing", who, when.Add(time.Minute))
	if err != nil || again != "" {
		t.Errorf("Commit with nothing changed = %q, %v; want \"\", nil", again, err)
	}
	if head, _ := r.Head(); head != hash {
		t.Errorf("Head moved to %s without a change", head)
	}

	// A change to a tracked file: a second commit on top of the first.
	write(t, dir, "journal/2026-12.jsonl", "{}\n{}\n")
	second, err := r.Commit([]string{filepath.Join(dir, "journal", "2026-12.jsonl")}, "second", who, when.Add(time.Hour))
	if err != nil || second == "" || second == hash {
		t.Fatalf("second Commit = %q, %v", second, err)
	}
	c2, err := g.CommitObject(plumbing.NewHash(second))
	if err != nil {
		t.Fatal(err)
	}
	if len(c2.ParentHashes) != 1 || c2.ParentHashes[0].String() != hash {
		t.Errorf("parents = %v, want %s", c2.ParentHashes, hash)
	}
}

func TestCommitMissingFile(t *testing.T) {
	isolate(t)
	dir, _ := initRepo(t)
	r, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	_, err = r.Commit([]string{"posts/none.md"}, "x", pipeline.Signature{Name: "a", Email: "a@example.org"}, time.Now())
	if err == nil || !strings.Contains(err.Error(), "posts/none.md") {
		t.Errorf("Commit of a missing file: %v, want an error naming it", err)
	}
}

func TestAuthor(t *testing.T) {
	tests := []struct {
		name   string
		env    map[string]string
		local  *[2]string // user.name, user.email in .git/config
		global *[2]string // in ~/.gitconfig
		want   pipeline.Signature
	}{
		{name: "environment first", env: map[string]string{"GIT_AUTHOR_NAME": "Env Name", "GIT_AUTHOR_EMAIL": "env@example.org"},
			local: &[2]string{"Local", "local@example.org"}, global: &[2]string{"Global", "global@example.org"},
			want: pipeline.Signature{Name: "Env Name", Email: "env@example.org"}},
		{name: "repository config", local: &[2]string{"Local", "local@example.org"}, global: &[2]string{"Global", "global@example.org"},
			want: pipeline.Signature{Name: "Local", Email: "local@example.org"}},
		{name: "environment without email falls back to config", env: map[string]string{"GIT_AUTHOR_NAME": "Env Name"},
			local: &[2]string{"Local", "local@example.org"}, want: pipeline.Signature{Name: "Local", Email: "local@example.org"}},
		{name: "user config", global: &[2]string{"Global", "global@example.org"},
			want: pipeline.Signature{Name: "Global", Email: "global@example.org"}},
		{name: "default", want: pipeline.Signature{Name: "crieur", Email: "crieur@users.noreply.github.com"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			home := isolate(t)
			dir, g := initRepo(t)
			if tt.local != nil {
				cfg, err := g.Config()
				if err != nil {
					t.Fatal(err)
				}
				cfg.User.Name, cfg.User.Email = tt.local[0], tt.local[1]
				if err := g.SetConfig(cfg); err != nil {
					t.Fatal(err)
				}
			}
			if tt.global != nil {
				write(t, home, ".gitconfig", "[user]\n\tname = "+tt.global[0]+"\n\temail = "+tt.global[1]+"\n")
			}
			r, err := Open(dir)
			if err != nil {
				t.Fatal(err)
			}
			getenv := func(k string) string { return tt.env[k] }
			if got := r.Author(getenv); got != tt.want {
				t.Errorf("Author = %+v, want %+v", got, tt.want)
			}
		})
	}
}

func TestVersionsAndOrigin(t *testing.T) {
	isolate(t)
	dir, _ := initRepo(t)
	r, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	if v, err := r.Origin("posts/a.md"); err != nil || v.Commit != "" {
		t.Fatalf("Origin in an empty repository = %+v, %v", v, err)
	}
	camille := pipeline.Signature{Name: "Camille", Email: "camille@example.org"}
	bot := pipeline.Signature{Name: "crieur", Email: "crieur@users.noreply.github.com"}
	when := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
	post := write(t, dir, "posts/a.md", "v1\n")
	first, _ := r.Commit([]string{post}, "nouveau post", camille, when)
	write(t, dir, "posts/a.md", "v2\n")
	second, _ := r.Commit([]string{post}, "corrige la typo", camille, when.Add(time.Hour))
	other := write(t, dir, "posts/b.md", "b\n")
	r.Commit([]string{other}, "autre post", camille, when.Add(2*time.Hour))
	write(t, dir, "posts/a.md", "v2\nstate\n")
	r.Commit([]string{post}, "crieur: publish 1 post to 1 channel", bot, when.Add(3*time.Hour))

	vs, err := r.Versions("posts/a.md", 0)
	if err != nil {
		t.Fatal(err)
	}
	var msgs []string
	for _, v := range vs {
		msgs = append(msgs, v.Message)
	}
	if strings.Join(msgs, "|") != "crieur: publish 1 post to 1 channel|corrige la typo|nouveau post" || vs[2].Commit != first {
		t.Errorf("Versions = %q", msgs)
	}
	if vs, _ := r.Versions("posts/a.md", 1); len(vs) != 1 {
		t.Errorf("limit 1 gave %d versions", len(vs))
	}
	o, err := r.Origin("posts/a.md")
	if err != nil || o.Commit != second || o.Author != camille {
		t.Errorf("Origin = %+v, %v; want the person's last change %s", o, err, second)
	}
}
