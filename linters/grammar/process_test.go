package grammar

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/crieur/crieur/pipeline"
)

// corpus is every post of the French grammar corpus (linters/quality),
// by path.
func corpus(t testing.TB) map[string]string {
	t.Helper()
	posts := map[string]string{}
	for _, root := range []string{"../quality/testdata/french/posts"} {
		err := filepath.WalkDir(root, func(path string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(path, ".md") {
				return err
			}
			b, err := os.ReadFile(path)
			rel, _ := filepath.Rel(root, path)
			posts[filepath.ToSlash(filepath.Join("posts", filepath.Base(filepath.Dir(root)), rel))] = string(b)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return posts
}

func strs(fs []pipeline.Finding) []string {
	out := make([]string, len(fs))
	for i, f := range fs {
		out[i] = f.String()
	}
	slices.Sort(out)
	return out
}

// Grammalecte kept running finds what grammalecte-cli finds, at the same
// places, over the corpus of French posts (typography on, so that its
// typography findings are compared too).
func TestProcessSameAsCommand(t *testing.T) {
	needGrammalecte(t)
	posts := corpus(t)
	if len(posts) < 200 {
		t.Fatalf("%d posts: the corpus was not found", len(posts))
	}
	c, files := repoWith(t, "languages: [fr]\ntypography:\n  french: true\n", posts)
	p := &Process{}
	defer p.Close()
	once := strs(Grammar{}.CheckAll(c, files))
	kept := strs(Grammar{Process: p}.CheckAll(c, files))
	if len(once) < 100 {
		t.Fatalf("%d findings: grammalecte-cli said too little to compare", len(once))
	}
	if !reflect.DeepEqual(once, kept) {
		t.Errorf("grammalecte-cli and the kept process differ:\ncli:  %q\nkept: %q", diff(once, kept), diff(kept, once))
	}
	t.Logf("%d posts, %d findings, the same", len(files), len(kept))
}

// diff is what a has that b has not.
func diff(a, b []string) []string {
	var out []string
	for _, s := range a {
		if !slices.Contains(b, s) {
			out = append(out, s)
		}
	}
	return out
}

// Grammalecte counts code points: after accents and an emoji (one code
// point, two UTF-16 units, four bytes), a finding is where it is.
func TestProcessPositions(t *testing.T) {
	needGrammalecte(t)
	src := "---\npublish_at: 2027-01-05 10:00\n---\nÉté 😀 à Liège : les portes ouvre tôt.\n"
	c, files := repoWith(t, "languages: [fr]\n", map[string]string{"posts/p.md": src})
	p := &Process{}
	defer p.Close()
	for _, g := range []Grammar{{}, {Process: p}} {
		var got []pipeline.Finding
		for _, f := range g.CheckAll(c, files) {
			if f.Rule == "grammar" {
				got = append(got, f)
			}
		}
		// "ouvre" is at column 28 in characters (the emoji is one).
		if len(got) != 1 || got[0].Line != 4 || got[0].Col != 28 || got[0].EndCol != 33 {
			t.Errorf("process %v: findings %q, want one at 4:28-33 (« ouvre »)", g.Process != nil, strs(got))
		}
	}
}

// A driver that dies is started again, once, and says so.
func TestProcessRestartsWhenKilled(t *testing.T) {
	needGrammalecte(t)
	var mu sync.Mutex
	var logged []string
	p := &Process{Log: func(s string) { mu.Lock(); logged = append(logged, s); mu.Unlock() }}
	defer p.Close()
	ask := func() {
		t.Helper()
		ans, err := p.check([]string{"Les portes ouvre à 18 h.\n"})
		if err != nil || len(ans.Data) != 1 {
			t.Fatalf("check: %+v, %v", ans, err)
		}
	}
	ask()
	pid := p.Pid()
	proc, err := os.FindProcess(pid)
	if err != nil {
		t.Fatal(err)
	}
	if err := proc.Kill(); err != nil {
		t.Fatal(err)
	}
	time.Sleep(50 * time.Millisecond)
	ask()
	if p.Pid() == pid || p.Pid() == 0 {
		t.Errorf("pid %d after the kill of %d: not restarted", p.Pid(), pid)
	}
	mu.Lock()
	defer mu.Unlock()
	if len(logged) != 1 || !strings.Contains(logged[0], "restarted") {
		t.Errorf("log = %q, want one restart", logged)
	}
}

// fakeCommand is a grammalecte-cli whose first line runs script instead
// of Python.
func fakeCommand(t *testing.T, script string) string {
	t.Helper()
	dir := t.TempDir()
	python := filepath.Join(dir, "python")
	cli := filepath.Join(dir, "grammalecte-cli")
	if err := os.WriteFile(python, []byte("#!/bin/sh\n"+script+"\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(cli, []byte("#!"+python+"\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	return cli
}

// A driver that never answers costs two timeouts (the request, then the
// same after a restart), then an error: never a hang.
func TestProcessHangs(t *testing.T) {
	var logged []string
	p := &Process{Command: fakeCommand(t, `echo '{"ready":"fake"}'; exec sleep 600`), Timeout: 200 * time.Millisecond,
		Log: func(s string) { logged = append(logged, s) }}
	defer p.Close()
	start := time.Now()
	_, err := p.check([]string{"Bonjour.\n"})
	if err == nil || !strings.Contains(err.Error(), "no answer within 200ms") {
		t.Errorf("err = %v, want no answer", err)
	}
	if d := time.Since(start); d > 3*time.Second {
		t.Errorf("it took %s", d)
	}
	if len(logged) != 1 {
		t.Errorf("log = %q, want one restart", logged)
	}
}

// A driver that cannot start says why: the last line of its error output.
func TestProcessCannotStart(t *testing.T) {
	p := &Process{Command: fakeCommand(t, `echo "ModuleNotFoundError: No module named 'grammalecte'" >&2; exit 1`)}
	defer p.Close()
	_, err := p.check([]string{"Bonjour.\n"})
	if err == nil || !strings.Contains(err.Error(), "No module named 'grammalecte'") {
		t.Errorf("err = %v, want Python's", err)
	}
	p = &Process{Command: "crieur-no-such-grammalecte"}
	if _, err := p.check([]string{"Bonjour.\n"}); err == nil || !strings.Contains(err.Error(), "is not installed") {
		t.Errorf("err = %v, want not installed", err)
	}
}

// Close ends the driver: no process is left, and later requests fail.
func TestProcessClose(t *testing.T) {
	needGrammalecte(t)
	p := &Process{}
	if _, err := p.check([]string{"Bonjour.\n"}); err != nil {
		t.Fatal(err)
	}
	pid := p.Pid()
	if err := p.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(fmt.Sprintf("/proc/%d", pid)); err == nil {
		t.Errorf("process %d still there after Close", pid)
	}
	if _, err := p.check([]string{"Bonjour.\n"}); err != errClosed {
		t.Errorf("err = %v after Close, want %v", err, errClosed)
	}
}

// Close does not wait for a request under way, nor for a driver to
// start: it ends its driver, and the request fails at once, without a
// restart. No process is left.
func TestProcessCloseDuringRequest(t *testing.T) {
	for name, script := range map[string]string{
		"starting": `exec sleep 600`,
		"checking": `echo '{"ready":"fake"}'; exec sleep 600`,
	} {
		t.Run(name, func(t *testing.T) {
			var mu sync.Mutex
			var logged []string
			p := &Process{Command: fakeCommand(t, script), Timeout: time.Minute,
				Log: func(s string) { mu.Lock(); logged = append(logged, s); mu.Unlock() }}
			done := make(chan error, 1)
			go func() {
				_, err := p.check([]string{"Bonjour.\n"})
				done <- err
			}()
			pid := 0
			for ; pid == 0; pid = p.Pid() {
				time.Sleep(10 * time.Millisecond)
			}
			time.Sleep(100 * time.Millisecond)
			p.Close()
			if _, err := os.Stat(fmt.Sprintf("/proc/%d/cmdline", pid)); err == nil {
				t.Errorf("process %d still there after Close", pid)
			}
			select {
			case err := <-done:
				if err == nil {
					t.Error("the request under way did not fail")
				}
			case <-time.After(5 * time.Second):
				t.Fatal("the request under way still waits 5 s after Close")
			}
			mu.Lock()
			defer mu.Unlock()
			if len(logged) != 0 {
				t.Errorf("log = %q, want no restart after Close", logged)
			}
		})
	}
}

// The driver ends by itself when its input ends, as when crieur is
// killed: no Grammalecte outlives crieur.
func TestDriverEndsWithItsInput(t *testing.T) {
	needGrammalecte(t)
	p := &Process{}
	defer p.Close()
	if _, err := p.check([]string{"Bonjour.\n"}); err != nil {
		t.Fatal(err)
	}
	r := p.running
	r.stdin.Close()
	select {
	case _, open := <-r.answers:
		if open {
			t.Error("the driver answered after its input ended")
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the driver still runs 10 s after its input ended")
	}
	if err := r.cmd.Wait(); err != nil {
		t.Errorf("the driver ended with %v, want on its own", err)
	}
}
