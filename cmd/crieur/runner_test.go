package main

// What the exactly-once tests need of a GitHub runner's surroundings: a
// main branch that refuses pushes as a protected branch does, and a
// webhook receiver that records every delivery it gets.

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/rogpeppe/go-internal/testscript"
)

// protectHook refuses every update of main, with GitHub's own words for
// a branch that requires pull requests (GH006); other branches pass.
const protectHook = `#!/bin/sh
while read old new ref; do
  if [ "$ref" = "refs/heads/main" ]; then
    echo "error: GH006: Protected branch update failed for refs/heads/main." >&2
    echo "error: Changes must be made through a pull request." >&2
    exit 1
  fi
done
exit 0
`

// protectMain makes the bare repository refuse pushes to main.
func protectMain(bare string) error {
	hooks := filepath.Join(bare, "hooks")
	if err := os.MkdirAll(hooks, 0o755); err != nil {
		return err
	}
	// Beside, then renamed: a hook may be running (a push whose client
	// was killed goes on on the server), and a running file cannot be
	// written to.
	hook := filepath.Join(hooks, "pre-receive")
	if b, err := os.ReadFile(hook); err == nil && string(b) == protectHook {
		return nil
	}
	if err := os.WriteFile(hook+".tmp", []byte(protectHook), 0o755); err != nil {
		return err
	}
	return os.Rename(hook+".tmp", hook)
}

// recorder is a webhook receiver that keeps every delivery it got, by
// key, and answers find_url for the keys it has.
type recorder struct {
	srv  *httptest.Server
	mu   sync.Mutex
	got  map[string]int // key -> deliveries received
	text map[string]int // the text of the first part -> deliveries received
	post int
}

func newRecorder() *recorder {
	rec := &recorder{got: map[string]int{}, text: map[string]int{}}
	rec.srv = httptest.NewServer(http.HandlerFunc(rec.serve))
	return rec
}

func (rec *recorder) serve(w http.ResponseWriter, r *http.Request) {
	rec.mu.Lock()
	defer rec.mu.Unlock()
	switch {
	case r.Method == http.MethodPost && r.URL.Path == "/hook":
		var body struct {
			Key   string   `json:"key"`
			Parts []string `json:"parts"`
		}
		b, _ := io.ReadAll(r.Body)
		if json.Unmarshal(b, &body) != nil || body.Key == "" {
			http.Error(w, "no key", http.StatusBadRequest)
			return
		}
		rec.got[body.Key]++
		if len(body.Parts) > 0 {
			rec.text[body.Parts[0]]++
		}
		rec.post++
		fmt.Fprintf(w, `{"id":"hook-%s","url":"https://hooks.example/%s"}`, body.Key[:8], body.Key)
	case r.Method == http.MethodGet && r.URL.Path == "/find":
		key := r.URL.Query().Get("key")
		if rec.got[key] == 0 {
			http.NotFound(w, r)
			return
		}
		fmt.Fprintf(w, `{"id":"hook-%s","url":"https://hooks.example/%s"}`, key[:8], key)
	default:
		http.NotFound(w, r)
	}
}

// twice lists the keys received more than once.
func (rec *recorder) twice() []string {
	rec.mu.Lock()
	defer rec.mu.Unlock()
	var out []string
	for k, n := range rec.got {
		if n > 1 {
			out = append(out, k+" ×"+strconv.Itoa(n))
		}
	}
	sort.Strings(out)
	return out
}

// texts is how many times each text was received.
func (rec *recorder) texts() map[string]int {
	rec.mu.Lock()
	defer rec.mu.Unlock()
	out := map[string]int{}
	for k, v := range rec.text {
		out[k] = v
	}
	return out
}

func (rec *recorder) keys() int {
	rec.mu.Lock()
	defer rec.mu.Unlock()
	return len(rec.got)
}

var recorders sync.Map // *testscript.TestScript -> *recorder

// runnerCmds: protect BARE (main refuses pushes, as GitHub's GH006);
// hook serve (a recording webhook: $HOOK_URL, $HOOK_FIND_URL); hook keys N
// (N distinct deliveries received); hook once (fails when a key came
// more than once).
var runnerCmds = map[string]func(ts *testscript.TestScript, neg bool, args []string){
	"protect": func(ts *testscript.TestScript, neg bool, args []string) {
		if len(args) != 1 {
			ts.Fatalf("usage: protect BARE")
		}
		ts.Check(protectMain(ts.MkAbs(args[0])))
	},
	"hook": func(ts *testscript.TestScript, neg bool, args []string) {
		if len(args) == 0 {
			ts.Fatalf("usage: hook serve|keys N|once")
		}
		if args[0] == "serve" {
			rec := newRecorder()
			ts.Defer(rec.srv.Close)
			recorders.Store(ts, rec)
			ts.Setenv("HOOK_URL", rec.srv.URL+"/hook")
			ts.Setenv("HOOK_FIND_URL", rec.srv.URL+"/find")
			return
		}
		v, ok := recorders.Load(ts)
		if !ok {
			ts.Fatalf("hook serve first")
		}
		rec := v.(*recorder)
		switch args[0] {
		case "keys":
			want, err := strconv.Atoi(args[1])
			ts.Check(err)
			if got := rec.keys(); (got == want) == neg {
				ts.Fatalf("the webhook received %d distinct deliveries, want %d", got, want)
			}
		case "once":
			if t := rec.twice(); len(t) > 0 {
				ts.Fatalf("received more than once: %s", strings.Join(t, ", "))
			}
		default:
			ts.Fatalf("unknown: hook %s", args[0])
		}
	},
}
