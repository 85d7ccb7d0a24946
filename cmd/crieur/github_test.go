package main

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/cgi"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/crieur/crieur/internal/fakegithub"
)

// The scripts that run crieur as a GitHub Action talk to GitHub through
// internal/fakegithub (the documented REST routes, strict about what
// GitHub would refuse), and push to a real git served over smart HTTP by
// git http-backend, behind the token as GitHub asks for it. The `github`
// command drives both:
//
//	github serve OWNER/REPO TOKEN  start the fake API for the rest of the script; sets GITHUB_API_URL
//	github remote BARE             serve the bare repository BARE over HTTP (basic auth x-access-token:TOKEN);
//	                               sets GITHUB_REMOTE (its URL) and GITHUB_REMOTE_AUTH (the header
//	                               actions/checkout leaves in http.extraheader)
//	github pull N AUTHOR BASE HEAD pull request N by AUTHOR from HEAD into BASE (revisions of the script's
//	                               repository): its files, patches and hunks are git diff's of BASE...HEAD,
//	                               its commits are associated with it; again after a push to HEAD, the
//	                               review comments follow their lines or become outdated, as on GitHub
//	github review N USER STATE     USER reviews N: APPROVED, CHANGES_REQUESTED, COMMENTED or DISMISSED
//	github merged N REV [LOGIN]    N was merged as commit REV by LOGIN (default: its author)
//	github comments N              print N's conversation comments: "--- comment ID by LOGIN ---", the body
//	github suggestions N           print N's review comments: "--- PATH:START-LINE ---" (or
//	                               "--- PATH:outdated (was START-LINE) ---"), the body
//	github requests                print the API requests, "METHOD /path?query", in order
//	github ok                      the fake refused nothing (every command but serve, rev and payload checks it first)
//	github rev VAR REV             set $VAR to the commit REV names
//	github payload TEMPLATE FILE   write FILE: TEMPLATE with $VAR and ${VAR} replaced (a webhook payload with SHAs)

var githubCmds = map[string]func(ts *testscript.TestScript, neg bool, args []string){
	"github": cmdGitHub,
}

// mergeCmds joins sets of testscript commands; a name defined twice is
// a mistake.
func mergeCmds(sets ...map[string]func(ts *testscript.TestScript, neg bool, args []string)) map[string]func(ts *testscript.TestScript, neg bool, args []string) {
	all := map[string]func(ts *testscript.TestScript, neg bool, args []string){}
	for _, set := range sets {
		for name, cmd := range set {
			if _, dup := all[name]; dup {
				panic("testscript command " + name + " defined twice")
			}
			all[name] = cmd
		}
	}
	return all
}

// scriptTB is the fake's TB in a script: it keeps the errors (reported
// from the server's goroutines) for the next github command to fail on.
type scriptTB struct {
	mu   sync.Mutex
	errs []string
}

func (r *scriptTB) Errorf(format string, args ...any) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.errs = append(r.errs, fmt.Sprintf(format, args...))
}

func (r *scriptTB) Helper() {}

func (r *scriptTB) errors() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]string(nil), r.errs...)
}

// ghState is one script's GitHub.
type ghState struct {
	tb      *scriptTB
	srv     *fakegithub.Server
	token   string
	heads   map[int]string // each pull request's head commit, to follow its comments after a push
	authors map[int]string // each pull request's author
	clock   time.Time      // when the next review or merge happens: a minute after the last
}

// ghStates holds each running script's state. It cannot live in
// env.Values: ts.Value reads only what Params.Setup stored, and the state
// is made by github serve, mid-script.
var ghStates sync.Map // *testscript.TestScript -> *ghState

func cmdGitHub(ts *testscript.TestScript, neg bool, args []string) {
	if neg {
		ts.Fatalf("unsupported: ! github (use github ok, and stdout after github comments…)")
	}
	if len(args) == 0 {
		ts.Fatalf("usage: github serve|remote|pull|review|merged|comments|suggestions|requests|ok|rev|payload ...")
	}
	sub, args := args[0], args[1:]
	switch sub {
	case "serve":
		ghServe(ts, args)
		return
	case "rev":
		if len(args) != 2 {
			ts.Fatalf("usage: github rev VAR REV")
		}
		ts.Setenv(args[0], ghRevParse(ts, args[1]))
		return
	case "payload":
		ghPayload(ts, args)
		return
	}
	st := ghStateOf(ts)
	if errs := st.tb.errors(); len(errs) > 0 {
		ts.Fatalf("the fake GitHub refused requests that GitHub would refuse:\n\t%s", strings.Join(errs, "\n\t"))
	}
	w := ts.Stdout()
	switch sub {
	case "ok":
		if len(args) != 0 {
			ts.Fatalf("usage: github ok")
		}
	case "remote":
		ghRemote(ts, st, args)
	case "pull":
		ghPull(ts, st, args)
	case "review":
		if len(args) != 3 {
			ts.Fatalf("usage: github review N USER STATE")
		}
		st.clock = st.clock.Add(time.Minute)
		st.srv.AddReview(ghAtoi(ts, args[0]), fakegithub.Human(args[1]), args[2], st.clock)
	case "merged":
		if len(args) != 2 && len(args) != 3 {
			ts.Fatalf("usage: github merged N REV [LOGIN]")
		}
		n := ghAtoi(ts, args[0])
		by := ""
		if len(args) == 3 {
			by = args[2]
		}
		if by == "" {
			by = st.authors[n]
		}
		if by == "" {
			ts.Fatalf("github merged %d: no such pull request (github pull first)", n)
		}
		st.clock = st.clock.Add(time.Minute)
		st.srv.Merge(n, ghRevParse(ts, args[1]), fakegithub.Human(by), st.clock)
	case "comments":
		if len(args) != 1 {
			ts.Fatalf("usage: github comments N")
		}
		for _, c := range st.srv.IssueComments(ghAtoi(ts, args[0])) {
			fmt.Fprintf(w, "--- comment %d by %s ---\n%s\n", c.ID, c.User.Login, c.Body)
		}
	case "suggestions":
		if len(args) != 1 {
			ts.Fatalf("usage: github suggestions N")
		}
		for _, c := range st.srv.ReviewComments(ghAtoi(ts, args[0])) {
			where := ""
			switch {
			case c.Line == nil:
				start := *c.OriginalLine
				if c.OriginalStartLine != nil {
					start = *c.OriginalStartLine
				}
				where = fmt.Sprintf("outdated (was %d-%d)", start, *c.OriginalLine)
			default:
				start := *c.Line
				if c.StartLine != nil {
					start = *c.StartLine
				}
				where = fmt.Sprintf("%d-%d", start, *c.Line)
			}
			fmt.Fprintf(w, "--- %s:%s ---\n%s\n", c.Path, where, c.Body)
		}
	case "requests":
		for _, r := range st.srv.Requests() {
			fmt.Fprintln(w, r)
		}
	default:
		ts.Fatalf("unknown: github %s", sub)
	}
}

func ghStateOf(ts *testscript.TestScript) *ghState {
	v, ok := ghStates.Load(ts)
	if !ok {
		ts.Fatalf("no fake GitHub: github serve OWNER/REPO TOKEN first")
	}
	return v.(*ghState)
}

func ghServe(ts *testscript.TestScript, args []string) {
	if len(args) != 2 {
		ts.Fatalf("usage: github serve OWNER/REPO TOKEN")
	}
	owner, repo, ok := strings.Cut(args[0], "/")
	if !ok || owner == "" || repo == "" || strings.Contains(repo, "/") {
		ts.Fatalf("github serve: %q is not OWNER/REPO", args[0])
	}
	if _, dup := ghStates.Load(ts); dup {
		ts.Fatalf("github serve: already serving")
	}
	st := &ghState{tb: &scriptTB{}, token: args[1], heads: map[int]string{}, authors: map[int]string{},
		clock: time.Date(2026, 11, 20, 8, 0, 0, 0, time.UTC)}
	st.srv = fakegithub.New(st.tb, owner, repo, args[1])
	ghStates.Store(ts, st)
	ts.Defer(func() {
		st.srv.Close()
		ghStates.Delete(ts)
	})
	ts.Setenv("GITHUB_API_URL", st.srv.URL())
}

// ghPull adds (or, after a push, updates) a pull request from the
// script's git repository.
func ghPull(ts *testscript.TestScript, st *ghState, args []string) {
	if len(args) != 4 {
		ts.Fatalf("usage: github pull N AUTHOR BASE HEAD")
	}
	n, author, baseRev, headRev := ghAtoi(ts, args[0]), args[1], args[2], args[3]
	base, head := ghRevParse(ts, baseRev), ghRevParse(ts, headRev)
	// GitHub compares the head with the merge base (three dots).
	mb := strings.TrimSpace(ghGit(ts, "merge-base", base, head))

	var files []fakegithub.File
	hunks := map[string][][2]int{}
	fields := strings.Split(strings.TrimSuffix(ghGit(ts, "diff", "--name-status", "-z", "-M", mb, head), "\x00"), "\x00")
	for i := 0; i+1 < len(fields); {
		code := fields[i]
		f := fakegithub.File{Filename: fields[i+1]}
		paths := []string{f.Filename}
		i += 2
		switch code[0] {
		case 'A':
			f.Status = "added"
		case 'M':
			f.Status = "modified"
		case 'D':
			f.Status = "removed"
		case 'T':
			f.Status = "changed"
		case 'R', 'C':
			if i >= len(fields) {
				ts.Fatalf("git diff --name-status: %q", fields)
			}
			f.Status = map[byte]string{'R': "renamed", 'C': "copied"}[code[0]]
			f.PreviousFilename, f.Filename = f.Filename, fields[i]
			paths = []string{f.PreviousFilename, f.Filename}
			i++
		default:
			ts.Fatalf("git diff --name-status: status %q", code)
		}
		rev := head
		if f.Status == "removed" {
			rev = mb
		}
		f.SHA = strings.TrimSpace(ghGit(ts, "rev-parse", rev+":"+f.Filename))
		diff := ghGit(ts, append([]string{"diff", "--no-color", "--no-ext-diff", "-M", "-U3", mb, head, "--"}, paths...)...)
		f.Patch, f.Additions, f.Deletions, hunks[f.Filename] = ghPatch(ts, diff)
		files = append(files, f)
	}
	owner, repo := st.srv.Owner(), st.srv.Repo()
	full := owner + "/" + repo
	title := strings.TrimSpace(ghGit(ts, "log", "-1", "--format=%s", head))
	st.srv.AddPull(fakegithub.Pull{
		Number: n, Title: title, User: fakegithub.Human(author),
		Head: fakegithub.Branch{Label: owner + ":" + headRev, Ref: headRev, SHA: head, Repo: &fakegithub.Repository{FullName: full}},
		Base: fakegithub.Branch{Label: owner + ":" + baseRev, Ref: baseRev, SHA: base, Repo: &fakegithub.Repository{FullName: full}},
	}, files, hunks)
	st.authors[n] = author
	for _, c := range strings.Fields(ghGit(ts, "rev-list", mb+".."+head)) {
		st.srv.LinkCommit(c, n)
	}
	if old := st.heads[n]; old != "" && old != head {
		st.srv.MoveReviewComments(n, ghLineMover(ts, old, head))
	}
	st.heads[n] = head
}

var ghHunkRE = regexp.MustCompile(`^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@`)

// ghHunk is a hunk header's ranges: old lines a to a+b-1 became new lines
// c to c+d-1.
type ghHunk struct{ a, b, c, d int }

func ghParseHunks(ts *testscript.TestScript, diff string) []ghHunk {
	var hs []ghHunk
	for _, l := range strings.Split(diff, "\n") {
		m := ghHunkRE.FindStringSubmatch(l)
		if m == nil {
			continue
		}
		n := func(s string) int {
			if s == "" {
				return 1 // a count left out is 1
			}
			return ghAtoi(ts, s)
		}
		hs = append(hs, ghHunk{n(m[1]), n(m[2]), n(m[3]), n(m[4])})
	}
	return hs
}

// ghPatch is one file's git diff as GitHub's "patch": the hunks, from
// the first @@ on, without the headers nor the final newline; the lines
// added and deleted; the RIGHT lines of each hunk (the +c,d ranges).
func ghPatch(ts *testscript.TestScript, diff string) (patch string, adds, dels int, ranges [][2]int) {
	i := strings.Index(diff, "\n@@ ")
	if i < 0 {
		return "", 0, 0, nil // binary, a pure rename, a mode change
	}
	patch = strings.TrimSuffix(diff[i+1:], "\n")
	inHunk := false
	for _, l := range strings.Split(patch, "\n") {
		switch {
		case strings.HasPrefix(l, "@@"):
			inHunk = true
		case inHunk && strings.HasPrefix(l, "+"):
			adds++
		case inHunk && strings.HasPrefix(l, "-"):
			dels++
		}
	}
	for _, h := range ghParseHunks(ts, patch) {
		if h.d > 0 {
			ranges = append(ranges, [2]int{h.c, h.c + h.d - 1})
		}
	}
	return patch, adds, dels, ranges
}

// ghLineMover says where a line of a file at old is at head, by git diff
// -U0: false when the line changed or went away.
func ghLineMover(ts *testscript.TestScript, old, head string) func(path string, line int) (int, bool) {
	cache := map[string][]ghHunk{}
	return func(path string, line int) (int, bool) {
		hs, ok := cache[path]
		if !ok {
			hs = ghParseHunks(ts, ghGit(ts, "diff", "--no-color", "--no-ext-diff", "-U0", old, head, "--", path))
			cache[path] = hs
		}
		shift := 0
		for _, h := range hs {
			switch {
			case h.b > 0 && h.a <= line && line < h.a+h.b:
				return 0, false // changed or removed
			case h.b > 0 && h.a+h.b <= line, h.b == 0 && h.a < line:
				shift += h.d - h.b
			}
		}
		return line + shift, true
	}
}

// ghRemote serves a bare repository with git http-backend, as GitHub
// serves a repository to actions/checkout and to a push with the
// workflow's token: basic auth, user x-access-token, the token as
// password.
func ghRemote(ts *testscript.TestScript, st *ghState, args []string) {
	if len(args) != 1 {
		ts.Fatalf("usage: github remote BARE")
	}
	bare := ts.MkAbs(args[0])
	if _, err := os.Stat(filepath.Join(bare, "HEAD")); err != nil {
		ts.Fatalf("github remote: %s is not a bare repository (git init --bare first): %v", args[0], err)
	}
	ghGitIn(ts, bare, "config", "http.receivepack", "true")
	ghGitIn(ts, bare, "config", "receive.denyNonFastForwards", "true")
	backend := filepath.Join(strings.TrimSpace(ghGit(ts, "--exec-path")), "git-http-backend")
	if _, err := os.Stat(backend); err != nil {
		ts.Fatalf("git http-backend not found: %v", err)
	}
	var stderr bytes.Buffer
	var mu sync.Mutex
	h := &cgi.Handler{
		Path:   backend,
		Stderr: ghLockedWriter{&mu, &stderr},
		Env: []string{
			"GIT_PROJECT_ROOT=" + filepath.Dir(bare),
			"GIT_HTTP_EXPORT_ALL=1",
			"GIT_CONFIG_GLOBAL=" + os.DevNull,
			"GIT_CONFIG_NOSYSTEM=1",
			"HOME=" + ts.Getenv("WORK"),
		},
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if u, p, ok := r.BasicAuth(); !ok || u != "x-access-token" || p != st.token {
			w.Header().Set("WWW-Authenticate", `Basic realm="GitHub"`)
			http.Error(w, "Invalid username or token.", http.StatusUnauthorized)
			return
		}
		h.ServeHTTP(w, r)
	}))
	ts.Defer(func() {
		srv.Close()
		mu.Lock()
		defer mu.Unlock()
		if stderr.Len() > 0 {
			ts.Logf("git http-backend said:\n%s", stderr.String())
		}
	})
	ts.Setenv("GITHUB_REMOTE", srv.URL+"/"+filepath.Base(bare))
	ts.Setenv("GITHUB_REMOTE_AUTH", "AUTHORIZATION: basic "+base64.StdEncoding.EncodeToString([]byte("x-access-token:"+st.token)))
}

type ghLockedWriter struct {
	mu *sync.Mutex
	w  *bytes.Buffer
}

func (l ghLockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}

// ghPayload writes a webhook payload from a template that names commits
// by variables (github rev).
func ghPayload(ts *testscript.TestScript, args []string) {
	if len(args) != 2 {
		ts.Fatalf("usage: github payload TEMPLATE FILE")
	}
	var missing []string
	out := os.Expand(ts.ReadFile(args[0]), func(k string) string {
		v := ts.Getenv(k)
		if v == "" {
			missing = append(missing, k)
		}
		return v
	})
	if len(missing) > 0 {
		ts.Fatalf("github payload %s: unset %s", args[0], strings.Join(missing, ", "))
	}
	if !json.Valid([]byte(out)) {
		ts.Fatalf("github payload %s: not JSON:\n%s", args[0], out)
	}
	ts.Check(os.WriteFile(ts.MkAbs(args[1]), []byte(out), 0o644))
}

// ghGit runs git in the script's current directory and returns its output.
func ghGit(ts *testscript.TestScript, args ...string) string {
	return ghGitIn(ts, ts.MkAbs("."), args...)
}

func ghGitIn(ts *testscript.TestScript, dir string, args ...string) string {
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "HOME="+ts.Getenv("HOME"), "GIT_CONFIG_NOSYSTEM=1", "LC_ALL=C")
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		ts.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, errb.String())
	}
	return out.String()
}

// ghRevParse is the commit a revision names.
func ghRevParse(ts *testscript.TestScript, rev string) string {
	return strings.TrimSpace(ghGit(ts, "rev-parse", "--verify", "--quiet", rev+"^{commit}"))
}

func ghAtoi(ts *testscript.TestScript, s string) int {
	n, err := strconv.Atoi(s)
	if err != nil {
		ts.Fatalf("%q is not a number", s)
	}
	return n
}
