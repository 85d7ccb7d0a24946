package editor_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/crieur/crieur/internal/testrepo"
	protocol "github.com/tliron/glsp/protocol_3_16"
)

// grammalectes are the processes this test started that run Grammalecte.
func grammalectes(t *testing.T) []int {
	t.Helper()
	stats, _ := filepath.Glob("/proc/[0-9]*/stat")
	var pids []int
	for _, st := range stats {
		b, err := os.ReadFile(st)
		if err != nil {
			continue // gone meanwhile
		}
		// pid (comm) state ppid …: comm may hold spaces, not ")".
		fields := strings.Fields(string(b[bytes.LastIndexByte(b, ')')+1:]))
		cmdline, _ := os.ReadFile(filepath.Join(filepath.Dir(st), "cmdline"))
		if len(fields) > 1 && fields[1] == strconv.Itoa(os.Getpid()) && bytes.Contains(cmdline, []byte("grammalecte")) {
			pid, _ := strconv.Atoi(filepath.Base(filepath.Dir(st)))
			pids = append(pids, pid)
		}
	}
	return pids
}

// Grammalecte runs once for the session, answers every check, and is
// stopped by the client's shutdown: no process is left behind.
func TestGrammalecteKeptThenStopped(t *testing.T) {
	if _, err := exec.LookPath("grammalecte-cli"); err != nil {
		t.Skip("grammalecte-cli is not installed")
	}
	if _, err := os.Stat("/proc/self/stat"); err != nil {
		t.Skip("no /proc to see processes in")
	}
	c := start(t, nil)
	uri := c.open(post, testrepo.Post("publish_at: 2026-12-10 10:00", "Les portes ouvre à 18 h.\n"))
	if !c.until(uri, "grammar", true) {
		t.Fatal("no grammar diagnostic")
	}
	first := grammalectes(t)
	if len(first) != 1 {
		t.Fatalf("%d Grammalecte processes, want 1", len(first))
	}
	for v := 2; v <= 3; v++ {
		c.change(uri, v, testrepo.Post("publish_at: 2026-12-10 10:00", fmt.Sprintf("Les portes ouvre à %d h.\n", 16+v)))
		if !c.until(uri, "grammar", true) {
			t.Fatalf("no grammar diagnostic for version %d", v)
		}
	}
	if now := grammalectes(t); len(now) != 1 || now[0] != first[0] {
		t.Errorf("Grammalecte processes %v after two changes, want the same %v", now, first)
	}
	// Killed, it is started again, and the editor's log says so.
	if err := syscall.Kill(first[0], syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	// Another place: the quick check does not show the last finding again.
	c.change(uri, 4, testrepo.Post("publish_at: 2026-12-10 10:00", "Les fenêtres ouvre à 21 h.\n"))
	if !c.until(uri, "grammar", true) {
		t.Fatal("no grammar diagnostic after Grammalecte was killed")
	}
	if msg := c.logged(); !strings.Contains(msg, "Grammalecte restarted") {
		t.Errorf("window/logMessage = %q, want a restart", msg)
	}
	c.call(protocol.MethodShutdown, nil, nil)
	if left := grammalectes(t); len(left) != 0 {
		t.Errorf("Grammalecte processes %v left after shutdown", left)
	}
	c.notify(protocol.MethodExit, nil)
}

// logged waits for a window/logMessage and says its message.
func (c *client) logged() string {
	c.t.Helper()
	timeout := time.After(5 * time.Second)
	for {
		select {
		case req := <-c.requests:
			var p protocol.LogMessageParams
			if req.Method == string(protocol.ServerWindowLogMessage) && json.Unmarshal(*req.Params, &p) == nil {
				return p.Message
			}
		case <-timeout:
			return ""
		}
	}
}

// Another post's change re-checks an open post's calendar rules, not its
// grammar: Grammalecte judges each post on its own, and its findings on
// a text it judged already are kept.
func TestOthersNotJudgedAgain(t *testing.T) {
	if _, err := exec.LookPath("grammalecte-cli"); err != nil {
		t.Skip("grammalecte-cli is not installed")
	}
	other := "posts/2026/autre.md"
	saved := testrepo.Post("publish_at: 2026-12-10 10:00", "Un autre post.\n")
	c := start(t, map[string]string{"charte.yml": gapCharter, other: saved})
	uri := c.open(post, testrepo.Post("publish_at: 2026-12-15 10:00", "Les portes ouvre à 18 h.\n"))
	if !c.until(uri, "grammar", true) {
		t.Fatal("no grammar diagnostic")
	}
	o := c.open(other, saved)
	c.change(o, 2, testrepo.Post("publish_at: 2026-12-15 09:30", "Un autre post.\n"))
	got := c.next(uri)
	if len(byCode(got.Diagnostics, "schedule.min_gap")) == 0 || len(byCode(got.Diagnostics, "grammar")) == 0 {
		t.Fatalf("after the other post moved: %q, want schedule.min_gap and the grammar finding kept", codes(got.Diagnostics))
	}
	quiet := time.After(1500 * time.Millisecond)
	for {
		select {
		case p := <-c.diags:
			if p.URI == uri {
				t.Fatalf("%s checked again (%q): Grammalecte judged its unchanged text twice", uri, codes(p.Diagnostics))
			}
		case <-quiet:
			return
		}
	}
}
