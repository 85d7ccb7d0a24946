package editor_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/crieur/crieur/internal/testrepo"
	protocol "github.com/tliron/glsp/protocol_3_16"
)

// gapCharter wants two hours between two posts.
const gapCharter = frenchCharter + "schedule:\n  min_gap: 2h\n"

// watching is a client that registers file watchers when asked.
func watching() protocol.ClientCapabilities {
	var caps protocol.ClientCapabilities
	if err := json.Unmarshal([]byte(`{"workspace": {"didChangeWatchedFiles": {"dynamicRegistration": true}}}`), &caps); err != nil {
		panic(err)
	}
	return caps
}

// registration waits for the server's client/registerCapability, and
// says the globs it asks to watch; none when it asks nothing within wait.
func (c *client) registration(wait time.Duration) []string {
	c.t.Helper()
	timeout := time.After(wait)
	for {
		select {
		case req := <-c.requests:
			if req.Method != string(protocol.ServerClientRegisterCapability) {
				continue
			}
			var p struct {
				Registrations []struct {
					Method          string `json:"method"`
					RegisterOptions struct {
						Watchers []struct {
							GlobPattern string `json:"globPattern"`
						} `json:"watchers"`
					} `json:"registerOptions"`
				} `json:"registrations"`
			}
			if err := json.Unmarshal(*req.Params, &p); err != nil || len(p.Registrations) != 1 || p.Registrations[0].Method != "workspace/didChangeWatchedFiles" {
				c.t.Fatalf("registerCapability %s: %v", *req.Params, err)
			}
			var globs []string
			for _, w := range p.Registrations[0].RegisterOptions.Watchers {
				globs = append(globs, w.GlobPattern)
			}
			return globs
		case <-timeout:
			return nil
		}
	}
}

// A client that registers file watchers is asked to watch the settings
// and the posts; one that cannot is asked nothing.
func TestWatchedFilesRegistration(t *testing.T) {
	c := startWith(t, nil, watching())
	globs := c.registration(5 * time.Second)
	for _, want := range []string{"**/crieur.yml", "**/charte.yml", "**/vocabulaire.txt", "**/posts/**/*.md"} {
		if !slices.Contains(globs, want) {
			t.Errorf("watchers = %q, want %s among them", globs, want)
		}
	}
	if globs := start(t, nil).registration(300 * time.Millisecond); globs != nil {
		t.Errorf("a client without dynamic registration was asked to watch %q", globs)
	}
}

// A post changed on disk outside the editor (git pull) re-checks the
// open posts: the calendar rules see it.
func TestWatchedPostChanged(t *testing.T) {
	c := startWith(t, map[string]string{"charte.yml": gapCharter}, watching())
	mine := testrepo.Post("publish_at: 2026-12-15 10:00", "Bonjour à toutes et à tous.\n")
	uri := c.open(post, mine)
	if got := c.next(uri); len(byCode(got.Diagnostics, "schedule.min_gap")) != 0 {
		t.Fatalf("diagnostics = %q before the pull", codes(got.Diagnostics))
	}
	if err := os.MkdirAll(filepath.Join(c.dir, "posts", "2026"), 0o755); err != nil {
		t.Fatal(err)
	}
	c.write("posts/2026/pulled.md", testrepo.Post("publish_at: 2026-12-15 09:30", "Un autre post.\n"))
	c.notify(protocol.MethodWorkspaceDidChangeWatchedFiles, protocol.DidChangeWatchedFilesParams{Changes: []protocol.FileEvent{{URI: c.uri("posts/2026/pulled.md"), Type: protocol.FileChangeTypeCreated}}})
	if !c.until(uri, "schedule.min_gap", true) {
		t.Error("no schedule.min_gap after a post 30 min before was pulled")
	}
}

// until waits for diagnostics of uri with (or without) a finding of rule.
func (c *client) until(uri protocol.DocumentUri, rule string, with bool) bool {
	c.t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for time.Now().Before(deadline) {
		select {
		case p := <-c.diags:
			if p.URI == uri && (len(byCode(p.Diagnostics, rule)) > 0) == with {
				return true
			}
		case <-time.After(time.Until(deadline)):
		}
	}
	return false
}

// The calendar rules read the other open posts as the editor has them,
// unsaved: moving one post in its buffer re-checks the other open ones.
func TestUnsavedPostsInCalendar(t *testing.T) {
	other := "posts/2026/autre.md"
	saved := testrepo.Post("publish_at: 2026-12-10 10:00", "Un autre post.\n")
	c := start(t, map[string]string{"charte.yml": gapCharter, other: saved})
	mine := testrepo.Post("publish_at: 2026-12-15 10:00", "Bonjour à toutes et à tous.\n")
	uri := c.open(post, mine)
	if got := c.next(uri); len(byCode(got.Diagnostics, "schedule.min_gap")) != 0 {
		t.Fatalf("diagnostics = %q, the other post is days before", codes(got.Diagnostics))
	}
	o := c.open(other, saved)
	c.change(o, 2, testrepo.Post("publish_at: 2026-12-15 09:30", "Un autre post.\n"))
	if !c.until(uri, "schedule.min_gap", true) {
		t.Fatal("no schedule.min_gap once the other post, unsaved, is 30 min before")
	}
	c.change(o, 3, saved)
	if !c.until(uri, "schedule.min_gap", false) {
		t.Error("schedule.min_gap stays once the other post is back days before")
	}
}
