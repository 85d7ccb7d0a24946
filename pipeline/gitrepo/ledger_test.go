package gitrepo

import (
	"strings"
	"sync"
	"testing"

	"github.com/crieur/crieur/pipeline"
)

func openLedger(t *testing.T, dir string) (*Repo, *Ledger) {
	t.Helper()
	r, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	l, err := r.Ledger("origin", Credentials{Username: testUser, Token: testToken}, pipeline.Signature{Name: "crieur", Email: "crieur@example.org"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := l.Fetch(t.Context()); err != nil {
		t.Fatal(err)
	}
	return r, l
}

func constLines(file, text string) func(map[string][]byte) map[string][]byte {
	return func(map[string][]byte) map[string][]byte { return map[string][]byte{file: []byte(text)} }
}

// The ledger starts on a remote that has none, grows from shallow clones
// (as actions/checkout makes them), and is read back by another clone
// after a plain git fetch, without touching main.
func TestLedgerAppendAndRead(t *testing.T) {
	srv := newGitServer(t)
	srv.seed(t)
	mainBefore := srv.remoteHead(t)
	_, l := openLedger(t, srv.clone(t, "--depth", "1"))
	if err := l.Append(t.Context(), "crieur: claim 1", constLines("claims/2026-12.jsonl", "a\n")); err != nil {
		t.Fatal(err)
	}
	// A second run, on a fresh shallow clone.
	_, l2 := openLedger(t, srv.clone(t, "--depth", "1"))
	if got := string(l2.files["claims/2026-12.jsonl"]); got != "a\n" {
		t.Fatalf("second run reads %q", got)
	}
	if err := l2.Append(t.Context(), "crieur: claim 2", constLines("claims/2026-12.jsonl", "b\n")); err != nil {
		t.Fatal(err)
	}
	if err := l2.Append(t.Context(), "crieur: journal", constLines("journal/2026-12.jsonl", "r\n")); err != nil {
		t.Fatal(err)
	}
	if got := gitCmd(t, "", "--git-dir="+srv.Bare, "show", LedgerBranch+":claims/2026-12.jsonl"); got != "a\nb" {
		t.Errorf("remote claims = %q", got)
	}
	if got := srv.remoteHead(t); got != mainBefore {
		t.Errorf("main moved: %s, was %s", got, mainBefore)
	}
	// A CM's clone after git fetch reads it without the network.
	dir := srv.clone(t)
	gitCmd(t, dir, append(authed(), "fetch", "--quiet", "origin")...)
	r3, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	files, err := r3.LedgerFiles("origin")
	if err != nil {
		t.Fatal(err)
	}
	if string(files["claims/2026-12.jsonl"]) != "a\nb\n" || string(files["journal/2026-12.jsonl"]) != "r\n" {
		t.Errorf("LedgerFiles = %q", files)
	}
	if out := gitCmd(t, "", "--git-dir="+srv.Bare, "fsck", "--no-dangling"); strings.Contains(out, "error") {
		t.Errorf("fsck: %s", out)
	}
}

// Two runs append at once: one push wins, the other is refused, sees
// exactly the lines the winner added, and decides what is left.
func TestLedgerLostRace(t *testing.T) {
	srv := newGitServer(t)
	srv.seed(t)
	_, a := openLedger(t, srv.clone(t, "--depth", "1"))
	_, b := openLedger(t, srv.clone(t, "--depth", "1"))
	if err := a.Append(t.Context(), "a", constLines("claims/x.jsonl", "k1 by a\n")); err != nil {
		t.Fatal(err)
	}
	var saw []string
	err := b.Append(t.Context(), "b", func(added map[string][]byte) map[string][]byte {
		saw = append(saw, string(added["claims/x.jsonl"]))
		if len(added) > 0 {
			return map[string][]byte{"claims/x.jsonl": []byte("k2 by b\n")} // k1 taken: only k2
		}
		return map[string][]byte{"claims/x.jsonl": []byte("k1 by b\nk2 by b\n")}
	})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(saw, "|") != "|k1 by a\n" {
		t.Errorf("b was told %q", saw)
	}
	if got := gitCmd(t, "", "--git-dir="+srv.Bare, "show", LedgerBranch+":claims/x.jsonl"); got != "k1 by a\nk2 by b" {
		t.Errorf("remote = %q", got)
	}
}

// Many runs race for the same lines: every line the callers kept is on
// the remote once, and no two callers kept the same one.
func TestLedgerManyRunners(t *testing.T) {
	srv := newGitServer(t)
	srv.seed(t)
	const n = 4
	var ledgers []*Ledger
	for i := 0; i < n; i++ {
		_, l := openLedger(t, srv.clone(t, "--depth", "1"))
		ledgers = append(ledgers, l)
	}
	var wg sync.WaitGroup
	won := make([]bool, n)
	errs := make([]error, n)
	for i, l := range ledgers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[i] = l.Append(t.Context(), "claim", func(added map[string][]byte) map[string][]byte {
				if strings.Contains(string(added["claims/x.jsonl"]), "claim k") {
					won[i] = false
					return nil // someone claimed k first
				}
				won[i] = true
				return map[string][]byte{"claims/x.jsonl": []byte("claim k by " + string(rune('a'+i)) + "\n")}
			})
		}()
	}
	wg.Wait()
	winners := 0
	for i := range ledgers {
		if errs[i] != nil {
			t.Errorf("runner %d: %v", i, errs[i])
		}
		if won[i] {
			winners++
		}
	}
	got := gitCmd(t, "", "--git-dir="+srv.Bare, "show", LedgerBranch+":claims/x.jsonl")
	if winners != 1 || strings.Count(got, "claim k") != 1 {
		t.Errorf("%d winners, remote:\n%s", winners, got)
	}
}
