package gitrepo

import (
	"fmt"
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

// Origin walks the history once for all files; it must say what Versions
// says, file by file, merges and crieur's commits included.
func TestOriginAgreesWithVersions(t *testing.T) {
	isolate(t)
	dir, _ := initRepo(t)
	gitc := func(args ...string) {
		t.Helper()
		cmd := exec.Command("git", append([]string{"-C", dir, "-c", "user.name=Sam", "-c", "user.email=sam@example.org"}, args...)...)
		cmd.Env = append(os.Environ(), "GIT_COMMITTER_DATE=", "GIT_AUTHOR_DATE=")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	step := 0
	commit := func(msg string, files ...string) {
		t.Helper()
		step++
		for _, f := range files {
			write(t, dir, f, fmt.Sprintf("%s %d\n", f, step))
		}
		gitc("add", "-A")
		d := fmt.Sprintf("2026-12-01T10:%02d:00Z", step)
		cmd := exec.Command("git", "-C", dir, "-c", "user.name=Sam", "-c", "user.email=sam@example.org", "commit", "-q", "-m", msg)
		cmd.Env = append(os.Environ(), "GIT_COMMITTER_DATE="+d, "GIT_AUTHOR_DATE="+d)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("commit: %v\n%s", err, out)
		}
	}
	gitc("checkout", "-q", "-b", "main")
	commit("posts", "posts/a.md", "posts/b.md", "posts/c.md")
	commit("crieur: publish 1 post to 1 channel", "posts/a.md", "journal/2026-12.jsonl")
	gitc("checkout", "-q", "-b", "pr")
	commit("edit b", "posts/b.md")
	gitc("checkout", "-q", "main")
	commit("crieur: publish 1 post to 1 channel", "posts/c.md", "journal/2026-12.jsonl")
	step++
	cmd := exec.Command("git", "-C", dir, "-c", "user.name=Sam", "-c", "user.email=sam@example.org", "merge", "-q", "--no-ff", "-m", "Merge pull request #2", "pr")
	cmd.Env = append(os.Environ(), fmt.Sprintf("GIT_COMMITTER_DATE=2026-12-01T10:%02d:00Z", step), fmt.Sprintf("GIT_AUTHOR_DATE=2026-12-01T10:%02d:00Z", step))
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("merge: %v\n%s", err, out)
	}
	commit("crieur: publish 1 post to 1 channel", "posts/b.md", "journal/2026-12.jsonl")
	commit("new post d", "posts/d.md")

	r, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{"posts/a.md", "posts/b.md", "posts/c.md", "posts/d.md", "journal/2026-12.jsonl", "posts/none.md"} {
		vs, err := r.Versions(p, 0)
		if err != nil {
			t.Fatal(err)
		}
		var want pipeline.Version
		for _, v := range vs {
			if !v.IsCrieurs() {
				want = v
				break
			}
		}
		got, err := r.Origin(p)
		if err != nil || got.Commit != want.Commit {
			t.Errorf("Origin(%s) = %.12s %q, %v; Versions says %.12s %q", p, got.Commit, got.Message, err, want.Commit, want.Message)
		}
	}
}
