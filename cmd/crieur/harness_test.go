package main

// The exactly-once proof: crieur run as a GitHub runner runs it, many
// times, with everything a runner lives through.
//
// Each run is `crieur publish --push` in a fresh shallow clone of a remote
// served by git http-backend. The remote's main refuses pushes (GitHub's
// GH006, as a pre-receive hook) for the first half of the runs and accepts
// them for the second. Runs are SIGKILLed at a random moment, or
// cancelled as Actions cancels (SIGINT, then SIGTERM, then SIGKILL), and
// some cycles start two runners at once; between runs, the community
// manager moves posts into a folder through main. The posts go to a
// recording webhook that can be asked (find_url), one that cannot, and,
// when the real servers run, GoToSocial (Mastodon) and the PDS (Bluesky).
// Each cycle is a quarter of an hour of the posts' schedule and of the
// claims' wall clock (CRIEUR_FAULT=clock+…).
//
// Then a few clean runs a day later settle what is left, and every due
// delivery is checked: received exactly once (and recorded), or not
// received and left for a human with the reason. Nothing twice, nothing
// lost, no claim left open, one went-out record per delivery.
//
// CRIEUR_HARNESS_RUNS sets the number of runs (the suite runs a few
// dozen; scripts/exactly-once.sh runs 300 and prints the figures).

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"math/rand"
	"net/http"
	"net/http/cgi"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/crieur/crieur/pipeline"
	"github.com/crieur/crieur/pipeline/content"
)

type harness struct {
	t        *testing.T
	bin      string // crieur
	bare     string
	url      string
	cm       string // the community manager's clone
	hook     *recorder
	blind    *recorder
	env      []string
	rng      *rand.Rand
	runID    string
	real     bool // GoToSocial and the PDS take part
	services map[string]string
	start    time.Time // the schedule's first quarter
	fig      figures
	logs     []string // every run's output, for a delivery that went wrong
}

// figures are what the harness did and found.
type figures struct {
	Runs, Killed, Cancelled, TwoRunnerCycles, Moves, Cycles int
	ProtectedRuns, OpenRuns                                 int
	Due, Once, ForHuman, Twice, Lost, Unrecorded            int
	Recovered, CheckByHand, OpenClaims, DoubleRecords       int
	ExitCodes                                               map[int]int
}

func TestExactlyOnceOnRunners(t *testing.T) {
	if testing.Short() {
		t.Skip("the harness runs crieur many times")
	}
	runs := 24
	if v := os.Getenv("CRIEUR_HARNESS_RUNS"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil {
			t.Fatal(err)
		}
		runs = n
	}
	h := newHarness(t, runs)
	posts := h.seed(runs)
	cycle := 0
	for h.fig.Runs < runs {
		h.cycle(cycle, runs)
		cycle++
	}
	h.fig.Cycles = cycle
	// Settle: clean runs, a day later each, when every claim has lapsed.
	for i := 1; i <= 3; i++ {
		h.runOnce(h.at(cycle), fmt.Sprintf("clock+%dh", 24*i), "")
	}
	h.check(posts)
	b, _ := json.MarshalIndent(h.fig, "", "  ")
	t.Logf("figures:\n%s", b)
	if out := os.Getenv("CRIEUR_HARNESS_REPORT"); out != "" {
		os.WriteFile(out, append(b, '\n'), 0o644)
	}
	if h.fig.Twice+h.fig.Lost+h.fig.Unrecorded+h.fig.OpenClaims+h.fig.DoubleRecords > 0 {
		t.Errorf("exactly once broken: %d twice, %d lost, %d unrecorded, %d claims open, %d deliveries recorded twice",
			h.fig.Twice, h.fig.Lost, h.fig.Unrecorded, h.fig.OpenClaims, h.fig.DoubleRecords)
	}
}

func newHarness(t *testing.T, runs int) *harness {
	gitEnv := []string{"GIT_CONFIG_GLOBAL=" + os.DevNull, "GIT_CONFIG_NOSYSTEM=1", "GIT_TERMINAL_PROMPT=0",
		"GIT_AUTHOR_NAME=Camille CM", "GIT_AUTHOR_EMAIL=camille@example.org", "GIT_COMMITTER_NAME=Camille CM", "GIT_COMMITTER_EMAIL=camille@example.org"}
	h := &harness{t: t, rng: rand.New(rand.NewSource(time.Now().UnixNano())), runID: strconv.FormatInt(time.Now().UnixNano(), 36),
		start: time.Date(2026, 12, 1, 8, 0, 0, 0, brussels(t)), fig: figures{ExitCodes: map[int]int{}}}
	t.Logf("seed %s", h.runID)
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	bin := t.TempDir()
	h.bin = filepath.Join(bin, "crieur")
	if err := os.Symlink(exe, h.bin); err != nil {
		t.Fatal(err)
	}
	root := t.TempDir()
	h.bare = filepath.Join(root, "posts.git")
	h.git(root, "init", "-q", "--bare", "-b", "main", h.bare)
	h.git(h.bare, "config", "http.receivepack", "true")
	h.git(h.bare, "config", "receive.denyNonFastForwards", "true")
	backend := filepath.Join(strings.TrimSpace(h.git("", "--exec-path")), "git-http-backend")
	var mu sync.Mutex
	var stderr bytes.Buffer
	cgiH := &cgi.Handler{Path: backend, Stderr: ghLockedWriter{&mu, &stderr},
		Env: []string{"GIT_PROJECT_ROOT=" + root, "GIT_HTTP_EXPORT_ALL=1", "GIT_CONFIG_GLOBAL=" + os.DevNull, "GIT_CONFIG_NOSYSTEM=1", "HOME=" + root, "REMOTE_USER=x-access-token"}}
	srv := httptest.NewServer(cgiH)
	t.Cleanup(srv.Close)
	h.url = srv.URL + "/posts.git"
	h.hook, h.blind = newRecorder(), newRecorder()
	t.Cleanup(h.hook.srv.Close)
	t.Cleanup(h.blind.srv.Close)
	h.env = append(os.Environ(), gitEnv...)
	h.env = append(h.env, "HOME="+root, "GITHUB_TOKEN=ghs_harness", "HOOK_URL="+h.hook.srv.URL+"/hook", "HOOK_FIND_URL="+h.hook.srv.URL+"/find",
		"BLIND_URL="+h.blind.srv.URL+"/hook")
	if se, err := servicesEnv(); err == nil {
		h.real, h.services = true, se
		h.env = append(h.env, "MASTODON_TOKEN="+se["GTS_ALICE_TOKEN"], "GTS_URL="+se["GTS_URL"], "PDS_URL="+se["PDS_URL"],
			"PDS_HANDLE="+se["PDS_ALICE_HANDLE"], "BLUESKY_APP_PASSWORD="+se["PDS_ALICE_PASSWORD"])
	} else if os.Getenv("CRIEUR_REQUIRE_SERVICES") == "1" {
		t.Fatalf("the real servers are required: %v", err)
	} else {
		t.Logf("without GoToSocial and the PDS (%v): webhooks only", err)
	}
	return h
}

func brussels(t *testing.T) *time.Location {
	loc, err := time.LoadLocation("Europe/Brussels")
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

func (h *harness) git(dir string, args ...string) string {
	h.t.Helper()
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	cmd.Env = h.env
	if cmd.Env == nil {
		cmd.Env = append(os.Environ(), "GIT_CONFIG_GLOBAL="+os.DevNull, "GIT_CONFIG_NOSYSTEM=1")
	}
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		h.t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, errb.String())
	}
	return out.String()
}

// at is the schedule's time at a cycle.
func (h *harness) at(cycle int) time.Time {
	return h.start.Add(time.Duration(cycle) * 15 * time.Minute)
}

// seed writes the repository: a post every few quarters, each on two
// channels, about one delivery per run in all.
func (h *harness) seed(runs int) int {
	h.cm = filepath.Join(h.t.TempDir(), "cm")
	h.git("", "clone", "-q", h.url, h.cm)
	channels := "  hook:\n    type: webhook\n    secrets:\n      url: HOOK_URL\n      find_url: HOOK_FIND_URL\n" +
		"  blind:\n    type: webhook\n    secrets:\n      url: BLIND_URL\n"
	if h.real {
		channels += "  mastodon:\n    type: mastodon\n    secrets:\n      token: MASTODON_TOKEN\n    options:\n      server: " + h.services["GTS_URL"] + "\n" +
			"  bluesky:\n    type: bluesky\n    secrets:\n      app_password: BLUESKY_APP_PASSWORD\n    options:\n      handle: " + h.services["PDS_ALICE_HANDLE"] + "\n      service: " + h.services["PDS_URL"] + "\n      link_cards: \"false\"\n"
	}
	write := func(rel, text string) {
		p := filepath.Join(h.cm, rel)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			h.t.Fatal(err)
		}
	}
	write("crieur.yml", "timezone: Europe/Brussels\nchannels:\n"+channels)
	write(".gitignore", ".crieur/\n")
	n := runs/2 + 2
	cycles := runs * 3 / 4
	for i := 0; i < n; i++ {
		at := h.at(i * cycles / n)
		pair := []string{"hook", "blind"}
		if h.real {
			pair = [][]string{{"hook", "mastodon"}, {"blind", "bluesky"}, {"mastodon", "bluesky"}, {"hook", "blind"}}[i%4]
		}
		// Every other post has an id; the others are known by their
		// path, unique to this harness run: the networks keep the
		// deliveries' keys of earlier runs.
		id := ""
		if i%2 == 0 {
			id = fmt.Sprintf("id: annonce-%d-%s\n", i, h.runID)
		}
		write(fmt.Sprintf("posts/p%03d-%s.md", i, h.runID), fmt.Sprintf("---\n%spublish_at: %s\nchannels: [%s]\n---\n%s\n",
			id, at.Format("2006-01-02 15:04"), strings.Join(pair, ", "), h.text(i)))
		h.fig.Due += len(pair)
	}
	h.git(h.cm, "add", "-A")
	h.git(h.cm, "commit", "-q", "-m", "posts")
	h.git(h.cm, "push", "-q", "origin", "main")
	return n
}

// text is post i's text: unique to this harness run.
func (h *harness) text(i int) string {
	return fmt.Sprintf("Annonce %d de la série %s, à bientôt.", i, h.runID)
}

// cycle is a quarter of an hour: perhaps a move by the community
// manager, then one run, or two at once.
func (h *harness) cycle(c, runs int) {
	protected := h.fig.Runs < runs/2
	hook := filepath.Join(h.bare, "hooks", "pre-receive")
	if protected {
		if err := protectMain(h.bare); err != nil {
			h.t.Fatal(err)
		}
	} else {
		os.Remove(hook)
	}
	if h.rng.Intn(10) == 0 {
		h.move(protected)
	}
	offset := fmt.Sprintf("clock+%dm", c*15)
	if h.rng.Intn(6) == 0 {
		h.fig.TwoRunnerCycles++
		var wg sync.WaitGroup
		for i := 0; i < 2; i++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				h.runOnce(h.at(c), offset, h.fault())
			}()
		}
		wg.Wait()
	} else {
		h.runOnce(h.at(c), offset, h.fault())
	}
	if protected {
		h.fig.ProtectedRuns = h.fig.Runs
	}
	h.fig.OpenRuns = h.fig.Runs - h.fig.ProtectedRuns
}

func (h *harness) fault() string {
	switch h.rng.Intn(4) {
	case 0:
		return "kill"
	case 1:
		return "cancel"
	}
	return ""
}

// move has the community manager move a post into a folder, through
// main (past the protection, as an admin merging a pull request).
func (h *harness) move(protected bool) {
	h.git(h.cm, "pull", "-q", "--rebase", "origin", "main")
	matches, _ := filepath.Glob(filepath.Join(h.cm, "posts", "p*.md"))
	if len(matches) == 0 {
		return
	}
	sort.Strings(matches)
	from := matches[h.rng.Intn(len(matches))]
	rel, _ := filepath.Rel(h.cm, from)
	os.MkdirAll(filepath.Join(h.cm, "posts", "moved"), 0o755)
	h.git(h.cm, "mv", rel, filepath.Join("posts", "moved", filepath.Base(rel)))
	h.git(h.cm, "commit", "-q", "-m", "range "+rel)
	if protected {
		os.Remove(filepath.Join(h.bare, "hooks", "pre-receive"))
	}
	h.git(h.cm, "push", "-q", "origin", "main")
	if protected {
		protectMain(h.bare)
	}
	h.fig.Moves++
}

var runMu sync.Mutex // guards the figures

// runOnce is one run on a fresh clone, with a fault.
func (h *harness) runOnce(now time.Time, offset, fault string) {
	dir := filepath.Join(h.t.TempDir(), "run")
	h.git("", "clone", "-q", "--depth", "1", h.url, dir)
	cmd := exec.Command(h.bin, "publish", "--push", "--now", now.Format("2006-01-02 15:04"), "--timeout", "10s", "--tries", "2")
	cmd.Dir = dir
	cmd.Env = append(h.env, "CRIEUR_FAULT="+offset)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		h.t.Fatal(err)
	}
	delay := time.Duration(h.randN(1500)) * time.Millisecond
	var timers []*time.Timer
	signal := func(after time.Duration, s syscall.Signal) {
		timers = append(timers, time.AfterFunc(after, func() { cmd.Process.Signal(s) }))
	}
	switch fault {
	case "kill":
		signal(delay, syscall.SIGKILL)
	case "cancel": // as Actions: SIGINT, SIGTERM 7.5 s later, SIGKILL 2.5 s after (here 3 s and 1 s)
		signal(delay, syscall.SIGINT)
		signal(delay+3*time.Second, syscall.SIGTERM)
		signal(delay+4*time.Second, syscall.SIGKILL)
	}
	err := cmd.Wait()
	for _, tm := range timers {
		tm.Stop()
	}
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode() // -1 when killed
	}
	runMu.Lock()
	defer runMu.Unlock()
	h.logs = append(h.logs, fmt.Sprintf("--- run %d at %s (%s), fault %q after %s, exit %d:\n%s", h.fig.Runs+1, now.Format("15:04"), offset, fault, delay, code, out.String()))
	h.fig.Runs++
	h.fig.ExitCodes[code]++
	switch fault {
	case "kill":
		h.fig.Killed++
	case "cancel":
		h.fig.Cancelled++
	}
	if code == 2 && fault == "" && !strings.Contains(out.String(), "other runs kept writing first") {
		h.t.Logf("run at %s (%s) exited 2:\n%s", now.Format("15:04"), offset, out.String())
	}
}

func (h *harness) randN(n int) int {
	runMu.Lock()
	defer runMu.Unlock()
	return h.rng.Intn(n)
}

var postNumber = regexp.MustCompile(`Annonce (\d+) de la série ([0-9a-z]+)`)

// check counts, for every delivery, what the networks received and what
// the ledger and main say.
func (h *harness) check(posts int) {
	received := map[string]map[int]int{"hook": {}, "blind": {}, "mastodon": {}, "bluesky": {}}
	for ch, rec := range map[string]*recorder{"hook": h.hook, "blind": h.blind} {
		for text, n := range rec.texts() {
			if m := postNumber.FindStringSubmatch(text); m != nil && m[2] == h.runID {
				i, _ := strconv.Atoi(m[1])
				received[ch][i] += n
			}
		}
	}
	if h.real {
		for _, text := range h.mastodonTexts() {
			if m := postNumber.FindStringSubmatch(text); m != nil && m[2] == h.runID {
				i, _ := strconv.Atoi(m[1])
				received["mastodon"][i]++
			}
		}
		for _, text := range h.blueskyTexts() {
			if m := postNumber.FindStringSubmatch(text); m != nil && m[2] == h.runID {
				i, _ := strconv.Atoi(m[1])
				received["bluesky"][i]++
			}
		}
	}
	ledger := h.ledger()
	h.fig.OpenClaims = len(ledger.Open())
	wentOut := map[string]int{} // "channel/number" -> went-out records
	byHand := map[string]string{}
	file := regexp.MustCompile(`p(\d+)-[0-9a-z]+\.md$`)
	for _, r := range ledger.Journal {
		m := file.FindStringSubmatch(r.Post)
		if m == nil {
			continue
		}
		i, _ := strconv.Atoi(m[1])
		k := fmt.Sprintf("%s/%d", r.Channel, i)
		switch {
		case r.WentOut():
			wentOut[k]++
			if r.Action == pipeline.ActionRecovered {
				h.fig.Recovered++
			}
		case r.Action == pipeline.ActionFailed && r.Attempt >= pipeline.MaxAttempts:
			byHand[k] = r.Error
		}
	}
	h.fig.CheckByHand = len(byHand)
	for i := 0; i < posts; i++ {
		for _, ch := range h.channelsOf(i) {
			k := fmt.Sprintf("%s/%d", ch, i)
			n := received[ch][i]
			switch {
			case n > 1:
				h.fig.Twice++
				h.t.Errorf("%s received %d times", k, n)
				h.explain(i)
			case n == 1 && wentOut[k] == 0 && byHand[k] == "":
				h.fig.Unrecorded++
				h.t.Errorf("%s went out and nothing says so", k)
			case n == 1:
				h.fig.Once++
				if wentOut[k] == 0 {
					h.fig.ForHuman++ // sent, and left for a human to confirm: it did
				}
			case byHand[k] != "":
				h.fig.ForHuman++
			default:
				h.fig.Lost++
				h.t.Errorf("%s never went out and nothing says why", k)
				h.explain(i)
			}
			if wentOut[k] > 1 {
				h.fig.DoubleRecords++
				h.t.Errorf("%s has %d went-out records", k, wentOut[k])
				h.explain(i)
			}
		}
	}
}

// explain logs the runs that speak of post i.
func (h *harness) explain(i int) {
	name := fmt.Sprintf("p%03d-%s.md", i, h.runID)
	for _, l := range h.logs {
		if strings.Contains(l, name) {
			h.t.Log(l)
		}
	}
	h.t.Logf("ledger lines of %s:\n%s", name, h.grepLedger(name))
}

func (h *harness) grepLedger(name string) string {
	var b strings.Builder
	for _, f := range strings.Fields(h.git(h.bare, "ls-tree", "-r", "--name-only", "crieur/ledger")) {
		for _, line := range strings.Split(h.git(h.bare, "show", "crieur/ledger:"+f), "\n") {
			if strings.Contains(line, name) {
				b.WriteString(f + ": " + line + "\n")
			}
		}
	}
	return b.String()
}

// channelsOf is post i's channels, as seed wrote them.
func (h *harness) channelsOf(i int) []string {
	if h.real {
		return [][]string{{"hook", "mastodon"}, {"blind", "bluesky"}, {"mastodon", "bluesky"}, {"hook", "blind"}}[i%4]
	}
	return []string{"hook", "blind"}
}

// ledger reads the remote's ledger branch, straight from the bare
// repository.
func (h *harness) ledger() *pipeline.Ledger {
	files := map[string][]byte{}
	list := h.git(h.bare, "ls-tree", "-r", "--name-only", "crieur/ledger")
	for _, name := range strings.Fields(list) {
		files[name] = []byte(h.git(h.bare, "show", "crieur/ledger:"+name))
	}
	l, err := content.ReadLedger(files)
	if err != nil {
		h.t.Fatal(err)
	}
	return l
}

func (h *harness) getJSON(u, token string, out any) {
	req, _ := http.NewRequest("GET", u, nil)
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		h.t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	if res.StatusCode != 200 {
		h.t.Fatalf("GET %s: %d %s", u, res.StatusCode, b)
	}
	if err := json.Unmarshal(b, out); err != nil {
		h.t.Fatal(err)
	}
}

// mastodonTexts is every post of the test account on GoToSocial, page by
// page, newest first, down to this harness run's first.
func (h *harness) mastodonTexts() []string {
	base, tok := h.services["GTS_URL"], h.services["GTS_ALICE_TOKEN"]
	var me struct{ ID string }
	h.getJSON(base+"/api/v1/accounts/verify_credentials", tok, &me)
	var texts []string
	for maxID := ""; ; {
		var sts []struct{ ID, Content string }
		h.getJSON(base+"/api/v1/accounts/"+me.ID+"/statuses?limit=40&max_id="+url.QueryEscape(maxID), tok, &sts)
		if len(sts) == 0 {
			return texts
		}
		ours := false
		for _, s := range sts {
			texts = append(texts, s.Content)
			ours = ours || strings.Contains(s.Content, h.runID)
		}
		if !ours && len(texts) > 400 {
			return texts // older than this run
		}
		maxID = sts[len(sts)-1].ID
	}
}

// blueskyTexts is every post of the test account on the PDS.
func (h *harness) blueskyTexts() []string {
	var texts []string
	for cursor := ""; ; {
		var page struct {
			Cursor  string
			Records []struct{ Value struct{ Text string } }
		}
		h.getJSON(h.services["PDS_URL"]+"/xrpc/com.atproto.repo.listRecords?collection=app.bsky.feed.post&limit=100&repo="+
			url.QueryEscape(h.services["PDS_ALICE_DID"])+"&cursor="+url.QueryEscape(cursor), "", &page)
		for _, r := range page.Records {
			texts = append(texts, r.Value.Text)
		}
		if page.Cursor == "" || len(page.Records) == 0 {
			return texts
		}
		cursor = page.Cursor
	}
}
