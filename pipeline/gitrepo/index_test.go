package gitrepo

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/go-git/go-git/v5"

	"github.com/crieur/crieur/pipeline"
)

// A run killed while the index was written leaves it empty (go-git
// truncates, then writes): Open rebuilds it from HEAD, keeps what the
// killed run wrote into the work tree, and the next commit works.
func TestOpenRepairsATruncatedIndex(t *testing.T) {
	isolate(t)
	dir, _ := initRepo(t)
	r, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	who := pipeline.Signature{Name: "crieur", Email: "crieur@example.org"}
	a := write(t, dir, "posts/a.md", "---\nstatus: scheduled\n---\nUn.\n")
	b := write(t, dir, "posts/b.md", "Deux.\n")
	first, err := r.Commit([]string{a, b}, "posts", who, time.Now())
	if err != nil || first == "" {
		t.Fatalf("first commit %q, %v", first, err)
	}
	if err := r.CanCommit(); err != nil {
		t.Fatalf("CanCommit on a sound repository: %v", err)
	}

	// The killed run had written the state, then died in the index.
	write(t, dir, "posts/a.md", "---\nstatus: published\n---\nUn.\n")
	if err := os.Truncate(filepath.Join(dir, ".git", "index"), 0); err != nil {
		t.Fatal(err)
	}
	if err := r.CanCommit(); err == nil || !strings.Contains(err.Error(), "index") {
		t.Fatalf("CanCommit on a truncated index: %v, want an error about the index", err)
	}

	r, err = Open(dir)
	if err != nil {
		t.Fatalf("Open on a truncated index: %v", err)
	}
	if !strings.Contains(r.Repaired, "rebuilt it from HEAD") {
		t.Errorf("Repaired = %q", r.Repaired)
	}
	if err := r.CanCommit(); err != nil {
		t.Fatalf("CanCommit after the repair: %v", err)
	}
	second, err := r.Commit([]string{a}, "state", who, time.Now())
	if err != nil || second == "" {
		t.Fatalf("commit after the repair %q, %v", second, err)
	}
	if got, _ := r.FileAt(second, "posts/a.md"); !strings.Contains(string(got), "published") {
		t.Errorf("posts/a.md in the commit:\n%s", got)
	}
	if got, err := r.FileAt(second, "posts/b.md"); err != nil || string(got) != "Deux.\n" {
		t.Errorf("posts/b.md lost by the repair: %q, %v", got, err)
	}

	// go-git and git both see a clean work tree.
	g, err := git.PlainOpen(dir)
	if err != nil {
		t.Fatal(err)
	}
	wt, _ := g.Worktree()
	if st, err := wt.Status(); err != nil || !st.IsClean() {
		t.Errorf("status after the repair: %v, %v", st, err)
	}
	if out, err := exec.Command("git", "-C", dir, "status", "--porcelain").CombinedOutput(); err == nil && len(out) != 0 {
		t.Errorf("git status after the repair:\n%s", out)
	}
	if left, _ := filepath.Glob(filepath.Join(dir, ".git", "*crieur-*")); len(left) > 0 {
		t.Errorf("temporary files left in .git: %v", left)
	}
	if left, _ := filepath.Glob(filepath.Join(dir, ".git", "refs", "heads", "*crieur-*")); len(left) > 0 {
		t.Errorf("temporary files left in .git/refs/heads: %v", left)
	}
	if reopened, err := Open(dir); err != nil || reopened.Repaired != "" {
		t.Errorf("a sound index repaired again: %q, %v", reopened.Repaired, err)
	}
}

// An index that is garbage, not only empty, is rebuilt the same way; in
// a repository without a commit it becomes empty.
func TestOpenRepairsAGarbageIndexWithoutHead(t *testing.T) {
	isolate(t)
	dir, _ := initRepo(t)
	if err := os.WriteFile(filepath.Join(dir, ".git", "index"), []byte("DIRC\x00\x00"), 0o644); err != nil {
		t.Fatal(err)
	}
	r, err := Open(dir)
	if err != nil || r.Repaired == "" {
		t.Fatalf("Open = %q, %v", r.Repaired, err)
	}
	a := write(t, dir, "posts/a.md", "Un.\n")
	if h, err := r.Commit([]string{a}, "first", pipeline.Signature{Name: "a", Email: "a@example.org"}, time.Now()); err != nil || h == "" {
		t.Fatalf("commit after the repair %q, %v", h, err)
	}
}
