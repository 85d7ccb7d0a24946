package gitrepo

import (
	"bytes"
	"encoding/base64"
	"errors"
	"fmt"
	"net/http"
	"net/http/cgi"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/crieur/crieur/pipeline"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/transport"
)

// The tests push to a real git: a bare repository served by git
// http-backend (smart HTTP) through net/http/cgi, behind basic auth.

const (
	testUser  = "x-access-token"
	testToken = "ghs_s3cr3tT0kenN0tToPrint"
)

const (
	journalPath = "journal/2026-12.jsonl"
	postPath    = "posts/2026/12/saison.md"
	seedPost    = "---\ntitle: Saison\nstatus: scheduled\n---\nLa saison commence.\n"
	seedJournal = `{"event":"seed"}` + "\n"
)

// gitServer is a remote: Bare is its repository, URL the address to clone.
type gitServer struct {
	URL  string
	Bare string
}

// gitEnv isolates the tests from the developer's git configuration, for
// go-git (HOME) and for the git command.
func gitEnv(t *testing.T) {
	t.Helper()
	isolate(t)
	t.Setenv("GIT_CONFIG_GLOBAL", os.DevNull)
	t.Setenv("GIT_CONFIG_NOSYSTEM", "1")
	t.Setenv("GIT_TERMINAL_PROMPT", "0")
	t.Setenv("GIT_AUTHOR_NAME", "Test Person")
	t.Setenv("GIT_AUTHOR_EMAIL", "person@example.org")
	t.Setenv("GIT_COMMITTER_NAME", "Test Person")
	t.Setenv("GIT_COMMITTER_EMAIL", "person@example.org")
}

// git runs the git command in dir and returns its trimmed output.
func gitCmd(t *testing.T, dir string, args ...string) string {
	t.Helper()
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, errb.String())
	}
	return strings.TrimSpace(out.String())
}

// authed is the git command's option that sends the test credentials (a
// top-level -c: not written into the clone's configuration).
func authed() []string {
	b := base64.StdEncoding.EncodeToString([]byte(testUser + ":" + testToken))
	return []string{"-c", "http.extraHeader=Authorization: Basic " + b}
}

func newGitServer(t *testing.T) *gitServer {
	t.Helper()
	gitEnv(t)
	backend := filepath.Join(gitCmd(t, "", "--exec-path"), "git-http-backend")
	if _, err := os.Stat(backend); err != nil {
		t.Skipf("git http-backend not found: %v", err)
	}
	root := t.TempDir()
	bare := filepath.Join(root, "remote.git")
	gitCmd(t, root, "init", "--quiet", "--bare", "--initial-branch=main", bare)
	gitCmd(t, bare, "config", "http.receivepack", "true")
	gitCmd(t, bare, "config", "receive.denyNonFastForwards", "true")
	cgiHome := t.TempDir()
	var stderr lockedBuffer // git http-backend's and the hooks' messages
	t.Cleanup(func() {
		if t.Failed() && stderr.String() != "" {
			t.Logf("git http-backend said:\n%s", stderr.String())
		}
	})
	h := &cgi.Handler{
		Stderr: &stderr,
		Path:   backend,
		Env: []string{
			"GIT_PROJECT_ROOT=" + root,
			"GIT_HTTP_EXPORT_ALL=1",
			"GIT_CONFIG_GLOBAL=" + os.DevNull,
			"GIT_CONFIG_NOSYSTEM=1",
			"HOME=" + cgiHome,
		},
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		u, p, ok := r.BasicAuth()
		if !ok || u != testUser || p != testToken {
			w.Header().Set("WWW-Authenticate", `Basic realm="git"`)
			http.Error(w, "bad credentials", http.StatusUnauthorized)
			return
		}
		h.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	return &gitServer{URL: srv.URL + "/remote.git", Bare: bare}
}

type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.String()
}

// clone clones the remote with the git command (as actions/checkout
// does) and returns the work tree; extra options such as --depth 1 go to
// git clone.
func (s *gitServer) clone(t *testing.T, extra ...string) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "work")
	gitCmd(t, "", append(append(authed(), "clone", "--quiet"), append(extra, s.URL, dir)...)...)
	return dir
}

// seed makes the remote's first commits: a README, then a post and a
// journal.
func (s *gitServer) seed(t *testing.T) {
	t.Helper()
	dir := s.clone(t)
	gitCmd(t, dir, "symbolic-ref", "HEAD", "refs/heads/main")
	write(t, dir, "README.md", "Posts.\n")
	gitCmd(t, dir, "add", ".")
	gitCmd(t, dir, "commit", "--quiet", "-m", "start")
	write(t, dir, postPath, seedPost)
	write(t, dir, journalPath, seedJournal)
	gitCmd(t, dir, "add", ".")
	gitCmd(t, dir, "commit", "--quiet", "-m", "seed")
	gitCmd(t, dir, append(authed(), "push", "--quiet", "origin", "main")...)
}

// remoteHead is the remote branch's commit, read with the git command.
func (s *gitServer) remoteHead(t *testing.T) string {
	t.Helper()
	return gitCmd(t, "", "--git-dir="+s.Bare, "rev-parse", "main")
}

// remoteFile is a file at the remote branch's head.
func (s *gitServer) remoteFile(t *testing.T, path string) string {
	t.Helper()
	return gitCmd(t, "", "--git-dir="+s.Bare, "show", "main:"+path) + "\n"
}

func appendFile(t *testing.T, dir, rel, text string) {
	t.Helper()
	f, err := os.OpenFile(filepath.Join(dir, rel), os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.WriteString(text); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
}

func readFile(t *testing.T, dir, rel string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, rel))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// The publisher's run, in miniature: it writes the post's state and
// appends a journal line, then commits both.
const publishedState = "status: published\npublications:\n  mastodon:\n    id: \"1099\"\n"

func publish(t *testing.T, r *Repo, line string) string {
	t.Helper()
	post := strings.Replace(readFile(t, r.Root, postPath), "status: scheduled\n", publishedState, 1)
	write(t, r.Root, postPath, post)
	appendFile(t, r.Root, journalPath, line)
	who := pipeline.Signature{Name: "crieur", Email: "crieur@users.noreply.github.com"}
	when := time.Date(2026, 12, 1, 9, 30, 5, 0, time.UTC)
	h, err := r.Commit([]string{filepath.Join(r.Root, postPath), journalPath}, "crieur: publish 1 post to 1 channel\n", who, when)
	if err != nil || h == "" {
		t.Fatalf("Commit = %q, %v", h, err)
	}
	return h
}

// otherPush is someone else's change pushed from another clone: it edits
// the post's body and appends a journal line.
func otherPush(t *testing.T, dir, body, line string) string {
	t.Helper()
	gitCmd(t, dir, append(authed(), "pull", "--quiet", "--ff-only")...)
	post := readFile(t, dir, postPath)
	i := strings.LastIndex(post, "---\n") + len("---\n")
	write(t, dir, postPath, post[:i]+body)
	appendFile(t, dir, journalPath, line)
	gitCmd(t, dir, "commit", "--quiet", "-am", "edit the post's text")
	gitCmd(t, dir, append(authed(), "push", "--quiet", "origin", "main")...)
	return gitCmd(t, dir, "rev-parse", "HEAD")
}

// testMerge does what the lead's merge does with pipeline/content, on a
// line-based fake of a post: the state (the status: line and the
// publications: block of the front matter) of ours written into theirs;
// journal lines re-appended with pipeline.AppendOnlyMerge.
func testMerge(path string, base, ours, theirs []byte) ([]byte, error) {
	switch {
	case strings.HasPrefix(path, "journal/"):
		return pipeline.AppendOnlyMerge(base, ours, theirs)
	case strings.HasPrefix(path, "posts/"):
		if theirs == nil {
			return nil, errors.New("the post was deleted on the remote: its state has nowhere to go")
		}
		front, _, err := splitFront(string(ours))
		if err != nil {
			return nil, err
		}
		state := stateLines(front, true)
		tf, body, err := splitFront(string(theirs))
		if err != nil {
			return nil, fmt.Errorf("the remote's version takes no state: %w", err)
		}
		kept := stateLines(tf, false)
		return []byte("---\n" + strings.Join(append(kept, state...), "") + "---\n" + body), nil
	}
	return nil, fmt.Errorf("%s: not a file crieur writes", path)
}

func splitFront(s string) (front []string, body string, err error) {
	if !strings.HasPrefix(s, "---\n") {
		return nil, "", errors.New("no front matter")
	}
	rest := s[len("---\n"):]
	end := strings.Index(rest, "---\n")
	if end < 0 {
		return nil, "", errors.New("front matter not closed")
	}
	return strings.SplitAfter(rest[:end], "\n")[:strings.Count(rest[:end], "\n")], rest[end+len("---\n"):], nil
}

// stateLines returns the state lines of a front matter (want true) or the
// others (want false).
func stateLines(front []string, want bool) []string {
	var out []string
	inPubs := false
	for _, l := range front {
		isState := strings.HasPrefix(l, "status:") || strings.HasPrefix(l, "publications:") ||
			(inPubs && strings.HasPrefix(l, " "))
		inPubs = strings.HasPrefix(l, "publications:") || (inPubs && strings.HasPrefix(l, " "))
		if isState == want {
			out = append(out, l)
		}
	}
	return out
}

func TestPush(t *testing.T) {
	srv := newGitServer(t)
	srv.seed(t)
	r, err := Open(srv.clone(t))
	if err != nil {
		t.Fatal(err)
	}
	local := publish(t, r, `{"event":"published"}`+"\n")
	res, err := r.Push(t.Context(), PushOptions{Auth: Credentials{Username: testUser, Token: testToken}, Replay: r.Reapply(testMerge)})
	if err != nil {
		t.Fatal(err)
	}
	if res.Commit != local || res.Replays != 0 || res.UpToDate {
		t.Errorf("Push = %+v, want commit %s pushed as is", res, local)
	}
	if got := srv.remoteHead(t); got != local {
		t.Errorf("remote main = %s, want %s", got, local)
	}
	if log := gitCmd(t, "", "--git-dir="+srv.Bare, "log", "--format=%s", "main"); log != "crieur: publish 1 post to 1 channel\nseed\nstart" {
		t.Errorf("remote log:\n%s", log)
	}
	// Again: nothing to send.
	res, err = r.Push(t.Context(), PushOptions{Auth: Credentials{Username: testUser, Token: testToken}})
	if err != nil || !res.UpToDate || res.Commit != local {
		t.Errorf("second Push = %+v, %v; want up to date", res, err)
	}
}

func TestPushRecoversFromAMovedBranch(t *testing.T) {
	for _, tc := range []struct {
		name  string
		clone []string
	}{
		{"full clone", nil},
		// actions/checkout fetches one commit by default.
		{"shallow clone", []string{"--depth", "1"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv := newGitServer(t)
			srv.seed(t)
			r, err := Open(srv.clone(t, tc.clone...))
			if err != nil {
				t.Fatal(err)
			}
			if _, err := os.Stat(filepath.Join(r.Root, ".git", "shallow")); (err == nil) != (tc.clone != nil) {
				t.Fatalf("shallow clone: %v", err)
			}
			other := srv.clone(t)

			// Uncommitted work the re-application must leave alone: a
			// tracked file and an untracked one.
			write(t, r.Root, "README.md", "Posts, edited.\n")
			write(t, r.Root, "outbox/x.json", "{}\n")

			local := publish(t, r, `{"event":"published","by":"crieur"}`+"\n")
			theirs := otherPush(t, other, "La saison commence demain.\n", `{"event":"edit","by":"person"}`+"\n")

			res, err := r.Push(t.Context(), PushOptions{Auth: Credentials{Username: testUser, Token: testToken}, Replay: r.Reapply(testMerge)})
			if err != nil {
				t.Fatal(err)
			}
			if res.Replays != 1 || res.Commit == local || res.UpToDate {
				t.Errorf("Push = %+v, want one re-application", res)
			}
			// Linear: the remote's commit, then crieur's.
			if got := srv.remoteHead(t); got != res.Commit {
				t.Errorf("remote main = %s, want %s", got, res.Commit)
			}
			if log := gitCmd(t, "", "--git-dir="+srv.Bare, "log", "--format=%H %P|%s|%an <%ae> %ad", "--date=iso-strict", "main"); !strings.HasPrefix(log,
				res.Commit+" "+theirs+"|crieur: publish 1 post to 1 channel|crieur <crieur@users.noreply.github.com> 2026-12-01T09:30:05+00:00\n"+theirs+" ") {
				t.Errorf("remote log:\n%s", log)
			}
			wantJournal := seedJournal + `{"event":"edit","by":"person"}` + "\n" + `{"event":"published","by":"crieur"}` + "\n"
			if got := srv.remoteFile(t, journalPath); got != wantJournal {
				t.Errorf("journal:\n%s\nwant:\n%s", got, wantJournal)
			}
			wantPost := "---\ntitle: Saison\n" + publishedState + "---\nLa saison commence demain.\n"
			if got := srv.remoteFile(t, postPath); got != wantPost {
				t.Errorf("post:\n%s\nwant:\n%s", got, wantPost)
			}
			// The local repository is on the pushed commit, its files
			// the remote's, the uncommitted work still there.
			if head, _ := r.Head(); head != res.Commit {
				t.Errorf("local HEAD = %s, want %s", head, res.Commit)
			}
			if got := readFile(t, r.Root, journalPath); got != wantJournal {
				t.Errorf("local journal:\n%s", got)
			}
			if got := readFile(t, r.Root, postPath); got != wantPost {
				t.Errorf("local post:\n%s", got)
			}
			if got := readFile(t, r.Root, "README.md"); got != "Posts, edited.\n" {
				t.Errorf("uncommitted edit lost: %q", got)
			}
			if got := readFile(t, r.Root, "outbox/x.json"); got != "{}\n" {
				t.Errorf("untracked file lost: %q", got)
			}
			if status := gitCmd(t, r.Root, "status", "--porcelain"); status != "M README.md\n?? outbox/" && status != "M README.md\n?? outbox/x.json" {
				t.Errorf("git status:\n%s", status)
			}
			if _, err := r.git.Reference(unpushedRef, false); !errors.Is(err, plumbing.ErrReferenceNotFound) {
				t.Errorf("%s left behind: %v", unpushedRef, err)
			}
		})
	}
}

func TestPushRecoversANewJournal(t *testing.T) {
	// A new month: both sides create the journal file.
	srv := newGitServer(t)
	srv.seed(t)
	r, err := Open(srv.clone(t))
	if err != nil {
		t.Fatal(err)
	}
	other := srv.clone(t)
	const jan = "journal/2027-01.jsonl"
	write(t, other, jan, "{\"by\":\"other\"}\n")
	gitCmd(t, other, "add", jan)
	gitCmd(t, other, "commit", "--quiet", "-m", "other run")
	gitCmd(t, other, append(authed(), "push", "--quiet", "origin", "main")...)

	write(t, r.Root, jan, "{\"by\":\"crieur\"}\n")
	if _, err := r.Commit([]string{jan}, "crieur: record", pipeline.Signature{Name: "crieur", Email: "c@example.org"}, time.Now()); err != nil {
		t.Fatal(err)
	}
	res, err := r.Push(t.Context(), PushOptions{Auth: Credentials{Token: testToken}, Replay: r.Reapply(testMerge)})
	if err != nil {
		t.Fatal(err)
	}
	if res.Replays != 1 {
		t.Errorf("Push = %+v", res)
	}
	if got := srv.remoteFile(t, jan); got != "{\"by\":\"other\"}\n{\"by\":\"crieur\"}\n" {
		t.Errorf("journal:\n%s", got)
	}
}

func TestPushWrongToken(t *testing.T) {
	srv := newGitServer(t)
	srv.seed(t)
	r, err := Open(srv.clone(t))
	if err != nil {
		t.Fatal(err)
	}
	local := publish(t, r, "{}\n")
	const wrong = "ghs_wr0ngT0kenN0tToPrint"
	for _, auth := range []Credentials{{Username: testUser, Token: wrong}, {}} {
		_, err = r.Push(t.Context(), PushOptions{Auth: auth, Replay: r.Reapply(testMerge)})
		if err == nil {
			t.Fatalf("Push with %v: no error", auth)
		}
		msg := err.Error()
		if strings.Contains(msg, wrong) || strings.Contains(msg, testToken) {
			t.Errorf("the error shows the token: %s", msg)
		}
		if !errors.Is(err, transport.ErrAuthenticationRequired) || !strings.Contains(msg, "authentication required") {
			t.Errorf("Push with %v: %v, want a clear authentication error", auth, msg)
		}
		if auth.Token != "" && !strings.Contains(msg, `refused the token of "x-access-token"`) || auth.Token == "" && !strings.Contains(msg, "no token given") {
			t.Errorf("the error does not say whose credentials: %s", msg)
		}
		t.Log(msg)
	}
	if fmt.Sprint(Credentials{Token: wrong}) != "x-access-token:***" || strings.Contains(fmt.Sprintf("%#v %+v", Credentials{Token: wrong}, PushOptions{Auth: Credentials{Token: wrong}}), wrong) {
		t.Errorf("Credentials print their token")
	}
	if head, _ := r.Head(); head != local {
		t.Errorf("local HEAD moved to %s", head)
	}

	// A password in the remote's URL is hidden too.
	gitCmd(t, r.Root, "remote", "set-url", "origin", strings.Replace(srv.URL, "://", "://"+testUser+":"+wrong+"@", 1))
	r, err = Open(r.Root)
	if err != nil {
		t.Fatal(err)
	}
	_, err = r.Push(t.Context(), PushOptions{})
	if err == nil || strings.Contains(err.Error(), wrong) || !errors.Is(err, transport.ErrAuthenticationRequired) || !strings.Contains(err.Error(), "in the remote's URL") {
		t.Errorf("Push to a URL with a wrong password: %v", err)
	}
	t.Log(err)
}

func TestPushReplayFails(t *testing.T) {
	srv := newGitServer(t)
	srv.seed(t)
	r, err := Open(srv.clone(t))
	if err != nil {
		t.Fatal(err)
	}
	other := srv.clone(t)
	local := publish(t, r, `{"event":"published"}`+"\n")
	localPost, localJournal := readFile(t, r.Root, postPath), readFile(t, r.Root, journalPath)

	// Someone deletes the post meanwhile: its state has nowhere to go.
	gitCmd(t, other, "rm", "--quiet", postPath)
	gitCmd(t, other, "commit", "--quiet", "-m", "remove the post")
	gitCmd(t, other, append(authed(), "push", "--quiet", "origin", "main")...)
	theirs := srv.remoteHead(t)

	_, err = r.Push(t.Context(), PushOptions{Auth: Credentials{Username: testUser, Token: testToken}, Replay: r.Reapply(testMerge)})
	var np *NotPushedError
	if !errors.As(err, &np) || np.Commit != local {
		t.Fatalf("Push = %v, want a NotPushedError keeping %s", err, local)
	}
	msg := err.Error()
	if !strings.Contains(msg, local) || !strings.Contains(msg, "deleted on the remote") || strings.Contains(msg, testToken) {
		t.Errorf("error %q does not name the kept commit and the reason, or shows the token", msg)
	}
	t.Log(msg)
	if got := srv.remoteHead(t); got != theirs {
		t.Errorf("remote main = %s, want it untouched at %s", got, theirs)
	}
	// Back where it was: branch, files, index.
	if head, _ := r.Head(); head != local {
		t.Errorf("local HEAD = %s, want %s", head, local)
	}
	if readFile(t, r.Root, postPath) != localPost || readFile(t, r.Root, journalPath) != localJournal {
		t.Errorf("local files not restored")
	}
	if status := gitCmd(t, r.Root, "status", "--porcelain"); status != "" {
		t.Errorf("git status after a failed re-application:\n%s", status)
	}
}

func TestPushGivesUpWhenTheRemoteKeepsMoving(t *testing.T) {
	srv := newGitServer(t)
	srv.seed(t)
	r, err := Open(srv.clone(t))
	if err != nil {
		t.Fatal(err)
	}
	other := srv.clone(t)
	publish(t, r, `{"event":"published"}`+"\n")
	n := 0
	move := func() {
		n++
		otherPush(t, other, fmt.Sprintf("Version %d.\n", n), fmt.Sprintf(`{"edit":%d}`+"\n", n))
	}
	move()
	reapply := r.Reapply(testMerge)
	replay := func(local string) ([]string, string, error) {
		paths, msg, err := reapply(local)
		move() // and the remote moves again before the push
		return paths, msg, err
	}
	_, err = r.Push(t.Context(), PushOptions{Auth: Credentials{Username: testUser, Token: testToken}, Replay: replay, Tries: 3})
	var np *NotPushedError
	if !errors.Is(err, ErrRemoteMoved) || !errors.As(err, &np) {
		t.Fatalf("Push = %v, want ErrRemoteMoved", err)
	}
	msg := err.Error()
	if !strings.Contains(msg, "3 times") || !strings.Contains(msg, np.Commit) || strings.Contains(msg, testToken) {
		t.Errorf("error: %s", msg)
	}
	t.Log(msg)
	if n != 3 {
		t.Errorf("the remote moved %d times, want 3 (one before the first push, one per re-application)", n)
	}
	// The kept commit is the last re-application: every change of both
	// sides so far, on top of the remote's second-to-last commit.
	if head, _ := r.Head(); head != np.Commit {
		t.Errorf("local HEAD = %s, want %s", head, np.Commit)
	}
	want := seedJournal + `{"edit":1}` + "\n" + `{"edit":2}` + "\n" + `{"event":"published"}` + "\n"
	if got, err := r.FileAt(np.Commit, journalPath); err != nil || string(got) != want {
		t.Errorf("journal in the kept commit:\n%s (%v)\nwant:\n%s", got, err, want)
	}
	if got := gitCmd(t, r.Root, "status", "--porcelain"); got != "" {
		t.Errorf("git status:\n%s", got)
	}
}

func TestPushRefusesToReapplyOtherCommits(t *testing.T) {
	srv := newGitServer(t)
	srv.seed(t)
	r, err := Open(srv.clone(t))
	if err != nil {
		t.Fatal(err)
	}
	other := srv.clone(t)
	write(t, r.Root, "README.md", "A person's unpushed change.\n")
	if _, err := r.Commit([]string{"README.md"}, "readme", pipeline.Signature{Name: "p", Email: "p@example.org"}, time.Now()); err != nil {
		t.Fatal(err)
	}
	local := publish(t, r, "{}\n")
	otherPush(t, other, "Text.\n", "{}\n")

	called := false
	_, err = r.Push(t.Context(), PushOptions{Auth: Credentials{Token: testToken}, Replay: func(string) ([]string, string, error) {
		called = true
		return nil, "", nil
	}})
	var np *NotPushedError
	if !errors.As(err, &np) || np.Commit != local || !strings.Contains(err.Error(), "other commits") || called {
		t.Errorf("Push = %v (Replay called: %v), want a refusal naming %s", err, called, local)
	}
	if head, _ := r.Head(); head != local {
		t.Errorf("local HEAD = %s, want %s", head, local)
	}
}

func TestPushRefusesToOverwriteUncommittedWork(t *testing.T) {
	srv := newGitServer(t)
	srv.seed(t)
	r, err := Open(srv.clone(t))
	if err != nil {
		t.Fatal(err)
	}
	other := srv.clone(t)
	local := publish(t, r, "{}\n")
	otherPush(t, other, "Text.\n", "{}\n")
	appendFile(t, r.Root, journalPath, "{\"uncommitted\":true}\n")

	_, err = r.Push(t.Context(), PushOptions{Auth: Credentials{Token: testToken}, Replay: r.Reapply(testMerge)})
	var np *NotPushedError
	if !errors.As(err, &np) || np.Commit != local || !strings.Contains(err.Error(), "uncommitted changes to "+journalPath) {
		t.Errorf("Push = %v", err)
	}
	if got := readFile(t, r.Root, journalPath); !strings.HasSuffix(got, "{\"uncommitted\":true}\n") {
		t.Errorf("uncommitted line lost:\n%s", got)
	}
}

func TestPushWithoutReplay(t *testing.T) {
	srv := newGitServer(t)
	srv.seed(t)
	r, err := Open(srv.clone(t))
	if err != nil {
		t.Fatal(err)
	}
	other := srv.clone(t)
	local := publish(t, r, "{}\n")
	otherPush(t, other, "Text.\n", "{}\n")
	_, err = r.Push(t.Context(), PushOptions{Auth: Credentials{Token: testToken}})
	var np *NotPushedError
	if !errors.Is(err, ErrNoReplay) || !errors.As(err, &np) || np.Commit != local {
		t.Errorf("Push = %v, want ErrNoReplay keeping %s", err, local)
	}
}

func TestReapplyChecksCoverage(t *testing.T) {
	srv := newGitServer(t)
	srv.seed(t)
	r, err := Open(srv.clone(t))
	if err != nil {
		t.Fatal(err)
	}
	other := srv.clone(t)
	local := publish(t, r, "{}\n")
	otherPush(t, other, "Text.\n", "{}\n")
	// A Replay that forgets the post.
	reapply := r.Reapply(testMerge)
	_, err = r.Push(t.Context(), PushOptions{Auth: Credentials{Token: testToken}, Replay: func(l string) ([]string, string, error) {
		_, msg, err := reapply(l)
		return []string{filepath.Join(r.Root, journalPath)}, msg, err
	}})
	var np *NotPushedError
	if !errors.As(err, &np) || np.Commit != local || !strings.Contains(err.Error(), postPath+", changed by the commit, was not re-applied") {
		t.Errorf("Push = %v", err)
	}
	if status := gitCmd(t, r.Root, "status", "--porcelain"); status != "" {
		t.Errorf("git status:\n%s", status)
	}
}

func TestFileAtAndChangedFiles(t *testing.T) {
	gitEnv(t)
	dir, _ := initRepo(t)
	r, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	who := pipeline.Signature{Name: "a", Email: "a@example.org"}
	write(t, dir, "a.txt", "one\n")
	write(t, dir, "sub/b.txt", "b\n")
	first, err := r.Commit([]string{"a.txt", "sub/b.txt"}, "first", who, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	write(t, dir, "a.txt", "two\n")
	write(t, dir, "c.txt", "c\n")
	if err := os.Remove(filepath.Join(dir, "sub", "b.txt")); err != nil {
		t.Fatal(err)
	}
	second, err := r.Commit([]string{"a.txt", "c.txt", "sub/b.txt"}, "second", who, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ rev, path, want string }{
		{first, "a.txt", "one\n"}, {second, "a.txt", "two\n"}, {second + "^", "a.txt", "one\n"},
		{"HEAD", "c.txt", "c\n"}, {"HEAD~1", filepath.Join("sub", "b.txt"), "b\n"},
	} {
		if got, err := r.FileAt(tc.rev, tc.path); err != nil || string(got) != tc.want {
			t.Errorf("FileAt(%s, %s) = %q, %v; want %q", tc.rev, tc.path, got, err, tc.want)
		}
	}
	for _, tc := range []struct{ rev, path string }{{first, "c.txt"}, {second, "sub/b.txt"}, {second, "sub"}, {second, "nowhere/x"}} {
		if _, err := r.FileAt(tc.rev, tc.path); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("FileAt(%s, %s): %v, want ErrNotExist", tc.rev, tc.path, err)
		}
	}
	if _, err := r.FileAt("nosuchbranch", "a.txt"); err == nil || errors.Is(err, os.ErrNotExist) {
		t.Errorf("FileAt of an unknown revision: %v", err)
	}
	if got, err := r.ChangedFiles(first, second); err != nil || strings.Join(got, ",") != "a.txt,c.txt,sub/b.txt" {
		t.Errorf("ChangedFiles = %v, %v", got, err)
	}
	if got, err := r.ChangedFiles("", first); err != nil || strings.Join(got, ",") != "a.txt,sub/b.txt" {
		t.Errorf("ChangedFiles from the empty tree = %v, %v", got, err)
	}
	if got, err := r.ChangedFiles(second, second); err != nil || len(got) != 0 {
		t.Errorf("ChangedFiles of a commit with itself = %v, %v", got, err)
	}
}

func TestPushRecoversFromALostRace(t *testing.T) {
	// Another push lands between the check go-git makes (the remote head
	// is in HEAD's history) and the server's update of the branch: the
	// server refuses with its own words, not go-git's "non-fast-forward".
	// A pre-receive hook plays the other push, once.
	srv := newGitServer(t)
	srv.seed(t)
	hook := `#!/bin/sh
[ -e raced ] && exit 0
touch raced
unset GIT_QUARANTINE_PATH GIT_OBJECT_DIRECTORY GIT_ALTERNATE_OBJECT_DIRECTORIES
export GIT_AUTHOR_NAME=racer GIT_AUTHOR_EMAIL=racer@example.org GIT_COMMITTER_NAME=racer GIT_COMMITTER_EMAIL=racer@example.org
new=$(git commit-tree -p refs/heads/main -m race 'refs/heads/main^{tree}') || exit 1
git update-ref refs/heads/main "$new"
`
	if err := os.WriteFile(filepath.Join(srv.Bare, "hooks", "pre-receive"), []byte(hook), 0o755); err != nil {
		t.Fatal(err)
	}
	r, err := Open(srv.clone(t))
	if err != nil {
		t.Fatal(err)
	}
	local := publish(t, r, `{"event":"published"}`+"\n")
	res, err := r.Push(t.Context(), PushOptions{Auth: Credentials{Token: testToken}, Replay: r.Reapply(testMerge)})
	if err != nil {
		t.Fatal(err)
	}
	if res.Replays != 1 || res.Commit == local {
		t.Errorf("Push = %+v, want one re-application", res)
	}
	if log := gitCmd(t, "", "--git-dir="+srv.Bare, "log", "--format=%s", "main"); log != "crieur: publish 1 post to 1 channel\nrace\nseed\nstart" {
		t.Errorf("remote log:\n%s", log)
	}
	if got := srv.remoteFile(t, journalPath); got != seedJournal+`{"event":"published"}`+"\n" {
		t.Errorf("journal:\n%s", got)
	}
}

func TestPushBringsTheRemotesNewAndDeletedFiles(t *testing.T) {
	srv := newGitServer(t)
	srv.seed(t)
	r, err := Open(srv.clone(t))
	if err != nil {
		t.Fatal(err)
	}
	other := srv.clone(t)
	const added = "posts/2026/12/autre.md"
	gitCmd(t, other, "rm", "--quiet", "README.md")
	write(t, other, added, "---\nstatus: draft\n---\nAutre.\n")
	gitCmd(t, other, "add", added)
	gitCmd(t, other, "commit", "--quiet", "-m", "another post, no README")
	gitCmd(t, other, append(authed(), "push", "--quiet", "origin", "main")...)

	publish(t, r, "{}\n")
	res, err := r.Push(t.Context(), PushOptions{Auth: Credentials{Token: testToken}, Replay: r.Reapply(testMerge)})
	if err != nil || res.Replays != 1 {
		t.Fatalf("Push = %+v, %v", res, err)
	}
	if got := gitCmd(t, "", "--git-dir="+srv.Bare, "ls-tree", "-r", "--name-only", "main"); got != journalPath+"\n"+added+"\n"+postPath {
		t.Errorf("remote files:\n%s", got)
	}
	if _, err := os.Stat(filepath.Join(r.Root, "README.md")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("README.md, deleted on the remote, still in the work tree: %v", err)
	}
	if got := readFile(t, r.Root, added); got != "---\nstatus: draft\n---\nAutre.\n" {
		t.Errorf("%s: %q", added, got)
	}
	if status := gitCmd(t, r.Root, "status", "--porcelain"); status != "" {
		t.Errorf("git status:\n%s", status)
	}
}

// A push error that quotes the Basic authorization header (as some
// servers and proxies do on 401 and 403) shows neither the token nor its
// base64 form.
func TestRedactorHidesBasicAuth(t *testing.T) {
	const token = "ghs_redactme0123456789"
	basic := base64.StdEncoding.EncodeToString([]byte("x-access-token:" + token))
	rd := redactor{pipeline.NewMasker(token)}
	err := rd.wrap(fmt.Errorf("authentication required: Authorization: Basic %s (token %s)", basic, token))
	if strings.Contains(err.Error(), token) || strings.Contains(err.Error(), basic) {
		t.Errorf("the error shows the token: %v", err)
	}
}
