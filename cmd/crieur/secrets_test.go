package main

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"io"
	"io/fs"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	gogit "github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/object"

	"github.com/crieur/crieur/pipeline"
	"github.com/crieur/crieur/pipeline/channels"
)

// TestSecretsNeverLeak is issue 14's campaign against hostile servers,
// in the suite: every channel type of the registry is configured against
// a local server that fails in one way (no server, no answer, 400, 401,
// 403, 404, 429 or 500 whose body echoes the whole request, a 200 that
// echoes it in the fields the adapter reads back), with distinctive
// secret values of several shapes; crieur publish (which sends a due post
// and takes down a retracted one), then crieur metrics, run in-process as
// in GitHub Actions (--tries 1, short timeouts). No secret, nor any form
// of a part of one (pipeline.SecretForms, the percent- and JSON-encoded
// value, the Basic token of a URL's userinfo, the first and last eight
// bytes of each secret part), may then appear on stdout (but in
// ::add-mask:: commands, which must register every form first), on
// stderr, in any file of the repository (posts, journal, metrics, state),
// in any git object, loose or packed (read whole with go-git, as git
// cat-file --batch-all-objects would: git log -p shows pieces of them),
// in the job summary or in the step's outputs. Each place is also read
// with its percent-encoding and JSON escapes undone, once and twice, for
// a secret leaked under layers of encoding. A case whose server nobody
// connected to fails: it would try nothing.
func TestSecretsNeverLeak(t *testing.T) {
	img := jpegImage(t)
	types := channels.Types()
	if testing.Short() {
		t.Log("-short: one secret shape per channel type")
	}
	var cases []leakCase
	for _, typ := range types {
		if why, ok := noHostileServer[typ]; ok {
			t.Logf("channel type %s is not tried: %s", typ, why)
			continue
		}
		a, ok := hostileAdapters[typ]
		if !ok {
			t.Errorf("channel type %s has no hostile setup in hostileAdapters: say how to point it at a local server (or why it cannot be, in noHostileServer)", typ)
			continue
		}
		for _, m := range hostileModes {
			for i, k := range secretKinds {
				if testing.Short() && i > 0 {
					break
				}
				cases = append(cases, leakCase{typ: typ, adapter: a, mode: m, kind: k})
			}
		}
	}
	for typ := range hostileAdapters {
		if !contains(types, typ) {
			t.Errorf("hostileAdapters has %s, which the registry does not know", typ)
		}
	}
	start := time.Now()
	sem := make(chan struct{}, 32) // most of a case is waiting on a socket or a backoff
	var wg sync.WaitGroup
	for _, c := range cases {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			t.Run(c.typ+"/"+c.mode.name+"/"+c.kind.name, func(t *testing.T) { c.run(t, img) })
		}()
	}
	wg.Wait()
	t.Logf("%d cases (%d channel types × %d failure modes × %d secret shapes) in %v",
		len(cases), len(types)-len(noHostileServer), len(hostileModes), len(cases)/len(hostileModes)/max(1, len(types)-len(noHostileServer)), time.Since(start).Round(time.Millisecond))
}

// noHostileServer lists the channel types that talk to no server, and why.
var noHostileServer = map[string]string{
	"outbox": "it writes files in the repository and calls no network: there is no answer to make hostile",
}

// A hostileMode is how the server answers every request.
type hostileMode struct {
	name    string
	status  int  // 0: no server (connection refused) or no answer (timeout)
	hang    bool // accept the request and never answer
	refused bool // nothing listens
	text    bool // the echo as plain text (Express's "Cannot POST /path"), else JSON
	late    bool // 200 to the first request and to reads, 400 to later writes
	// timeout is publish's --timeout (and twice it bounds metrics): short
	// where the server makes crieur wait or back off, which is most of
	// the test's time, long enough elsewhere for a loaded machine.
	timeout string
}

var hostileModes = []hostileMode{
	{name: "refused", refused: true, timeout: "1s"},
	{name: "timeout", hang: true, timeout: "500ms"},
	{name: "400", status: 400, text: true, timeout: "3s"},
	{name: "401", status: 401, timeout: "3s"},
	{name: "403", status: 403, text: true, timeout: "3s"},
	{name: "404", status: 404, text: true, timeout: "3s"},
	{name: "429", status: 429, timeout: "1s"},
	{name: "500", status: 500, timeout: "1s"},
	{name: "200", status: 200, timeout: "3s"},
	// late: the first request and every read are answered as in 200, the
	// writes after the first fail with a 400 echoing the request, so that
	// an adapter's later calls (an upload, the post itself, a reply) meet
	// a hostile error too, not only its first (a login, a check).
	{name: "late", status: 200, late: true, timeout: "3s"},
}

// A secretKind makes distinctive secret values of one shape, for each
// shape an adapter accepts: a token, a Telegram bot token (digits, a
// colon, letters, digits, - and _ only), and a URL to the server under a
// path (webhooks). tag tells apart the secrets of one channel.
type secretKind struct {
	name string
	// misfit: the values are not of the shape the adapter accepts; some
	// adapters refuse them before any request.
	misfit   bool
	token    func(tag string) string
	telegram func(tag string) string
	url      func(base *url.URL, path, tag string, userinfo bool) string
}

// longPart is 400 bytes of letters, digits, - and _ that repeat nothing
// eight bytes long.
func longPart(tag string) string {
	const alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_"
	var b strings.Builder
	b.WriteString("Long" + tag)
	for i := 0; b.Len() < 400; i++ {
		b.WriteByte(alphabet[(i*7+i/64)%len(alphabet)])
	}
	return b.String()
}

// special is a token with every character that means something in a URL,
// a header, JSON or YAML.
func special(tag string) string { return `sp3c&+/=?#%` + tag + `@:"<>'\ ~;,$zQ` }

var secretKinds = []secretKind{
	{
		name:     "plain",
		token:    func(tag string) string { return "PlainT0kenValue" + tag + "x9Qz4Lw" },
		telegram: func(tag string) string { return "770012345:PlainT0ken" + tag + "x9Qz4Lw" },
		url: func(base *url.URL, path, tag string, _ bool) string {
			return base.String() + path + "/PlainT0ken" + tag + "x9Qz4Lw"
		},
	},
	{
		name:  "special",
		token: special,
		// A bot token cannot hold any of these: the adapter refuses it
		// before any request.
		telegram: func(tag string) string { return "880012345:Sp3c-_" + tag + "_-Zq9w" },
		url: func(base *url.URL, path, tag string, _ bool) string {
			return base.String() + path + "/Sp3cPath" + tag + "Zq9?token=" + url.QueryEscape(special(tag))
		},
	},
	{
		name: "url",
		token: func(tag string) string {
			return "https://robot:Pa55w0rd" + tag + "Xy@vault.example/keys/K3ySegm3nt" + tag + "?token=QueryT0ken" + tag + "Z7&v=1"
		},
		telegram: func(tag string) string { return "991234567:UrlT0kenIsNotABotToken" + tag },
		url: func(base *url.URL, path, tag string, userinfo bool) string {
			u := *base
			if userinfo {
				u.User = url.UserPassword("robot", "Pa55w0rd"+tag+"Xy")
			}
			return u.String() + path + "/K3ySegm3nt" + tag + "?token=QueryT0ken" + tag + "Z7"
		},
	},
	{
		// What a hand pasting a secret makes: blanks around it, a line
		// break inside (no valid header can carry it), a URL that is not
		// one, a bot token without its colon.
		name:     "misfit",
		misfit:   true,
		token:    func(tag string) string { return "  MisfitT0ken\nValue" + tag + "zz9 \n" },
		telegram: func(tag string) string { return "NotABotT0ken" + tag + "zz9" },
		url:      func(_ *url.URL, _, tag string, _ bool) string { return "NotAUrlT0ken" + tag + "zz9" },
	},
	{
		// Longer than the 300 characters an error keeps of a server's
		// words, as a JWT is: a mask after the cut would miss it.
		name:     "long",
		token:    func(tag string) string { return "eyJhbGciOiJIUzI1NiJ9." + longPart(tag) + ".Sig" + tag + "nAtUrE_x9" },
		telegram: func(tag string) string { return "5550001:" + longPart(tag) },
		url: func(base *url.URL, path, tag string, _ bool) string {
			return base.String() + path + "/" + longPart(tag)
		},
	},
	{
		name:     "short",
		token:    func(tag string) string { return "Sh8K" + tag + "q7Z" },
		telegram: func(tag string) string { return "123:Sh8" + tag },
		url: func(base *url.URL, path, tag string, _ bool) string {
			return base.String() + path + "/Sh8K" + tag + "q7Z"
		},
	},
}

// A secretSlot is one secret of a channel: its name in crieur.yml and
// the shape the adapter accepts.
type secretSlot struct {
	name  string
	shape string // token, telegram, or url:<path> (a URL to the server)
	// noUserinfo: the adapter refuses a URL with user:password@.
	noUserinfo bool
}

// A hostileAdapter is how a channel type is pointed at the server:
// options ({server} is the hostile server's URL, {media} a well-behaved
// one that serves the post's image, as a repository's published images
// are) and secrets.
type hostileAdapter struct {
	options map[string]string
	secrets []secretSlot
	// answer200, when set, answers some requests of the 200 mode in the
	// shape the adapter needs to go on (a list, a numeric id, an upload
	// URL on the API's host, an answer with another status), the echo
	// still in every string it reads back; nil for the others, which get
	// echoFields.
	answer200 func(r *http.Request, e echo) any
	// published is the id of a post the channel published a few days
	// ago, in the shape its network gives, which crieur metrics then
	// reads from the same server ("" for a number).
	published string
}

var hostileAdapters = map[string]hostileAdapter{
	"mastodon": {options: map[string]string{"server": "{server}"}, secrets: []secretSlot{{name: "token", shape: "token"}},
		answer200: func(r *http.Request, e echo) any {
			if r.Method == http.MethodGet && strings.HasSuffix(r.URL.Path, "/statuses") {
				return []any{} // nothing posted yet: it goes on to post
			}
			return nil
		}},
	"bluesky": {options: map[string]string{"handle": "crieur.example.org", "service": "{server}", "appview": "{server}"},
		secrets: []secretSlot{{name: "app_password", shape: "token"}},
		answer200: func(r *http.Request, e echo) any {
			switch {
			case strings.HasSuffix(r.URL.Path, "/com.atproto.repo.getRecord"):
				// Not out yet: it goes on to upload and create.
				return answer{http.StatusBadRequest, map[string]any{"error": "RecordNotFound", "message": e.dump}}
			case strings.HasSuffix(r.URL.Path, "/com.atproto.repo.uploadBlob"):
				return map[string]any{"blob": map[string]any{"$type": "blob", "ref": map[string]any{"$link": e.line}, "mimeType": "image/jpeg", "size": 1}}
			}
			return nil
		},
		published: "at://did:plc:abcdefghijklmnopqrstuvwx/app.bsky.feed.post/3kabcdefghij2"},
	"x": {options: map[string]string{"api": "{server}", "username": "crieur"},
		secrets: []secretSlot{{name: "consumer_key", shape: "token"}, {name: "consumer_secret", shape: "token"},
			{name: "access_token", shape: "token"}, {name: "access_token_secret", shape: "token"}},
		answer200: func(r *http.Request, e echo) any {
			switch {
			case strings.HasPrefix(r.URL.Path, "/2/media"):
				return map[string]any{"data": map[string]any{"id": "1234567890"}} // X checks its ids are numbers
			case r.URL.Path == "/2/users/me":
				return map[string]any{"data": map[string]any{"id": "42", "username": e.line}}
			case r.Method == http.MethodGet:
				return map[string]any{"data": []any{}, "meta": map[string]any{}} // nothing posted yet
			}
			return nil
		}},
	"linkedin": {options: map[string]string{"organization": "12345", "api": "{server}", "oauth": "{server}"},
		secrets: []secretSlot{{name: "token", shape: "token"}, {name: "client_id", shape: "token"}, {name: "client_secret", shape: "token"}},
		answer200: func(r *http.Request, e echo) any {
			switch {
			case r.URL.Path == "/rest/images" && r.Method == http.MethodPost:
				return map[string]any{"value": map[string]any{"uploadUrl": e.server + "/upload/" + url.PathEscape(e.line), "image": "urn:li:image:" + e.line}}
			case strings.HasPrefix(r.URL.Path, "/rest/images/"):
				return map[string]any{"status": "AVAILABLE", "id": e.dump}
			case r.Method == http.MethodGet && r.URL.Query().Get("q") == "author":
				return map[string]any{"elements": []any{}} // nothing posted yet
			}
			return nil
		},
		published: "urn:li:share:7000000000000000000"},
	"facebook": {options: map[string]string{"page": "1234567890", "api": "{server}"},
		secrets:   []secretSlot{{name: "page_token", shape: "token"}},
		published: "1234567890_9876543210"},
	"instagram": {options: map[string]string{"user": "17841400000000000", "api": "{server}", "media_base_url": "{media}/"},
		secrets: []secretSlot{{name: "token", shape: "token"}},
		answer200: func(r *http.Request, e echo) any {
			if strings.HasSuffix(r.URL.Path, "/content_publishing_limit") {
				return map[string]any{"data": []any{}}
			}
			return nil
		}},
	"threads": {options: map[string]string{"api": "{server}", "media_base_url": "{media}/"},
		secrets: []secretSlot{{name: "token", shape: "token"}}},
	"telegram": {options: map[string]string{"chat": "@crieurtest", "api": "{server}"},
		secrets: []secretSlot{{name: "bot_token", shape: "telegram"}}},
	"discord": {secrets: []secretSlot{{name: "webhook_url", shape: "url:/api/webhooks/123456789012345678", noUserinfo: true}}},
	"slack": {options: map[string]string{"media_base_url": "{media}"},
		secrets: []secretSlot{{name: "webhook_url", shape: "url:/services/T0001/B0001", noUserinfo: true}}},
	"webhook": {secrets: []secretSlot{{name: "url", shape: "url:/hook"}, {name: "find_url", shape: "url:/find"}, {name: "signing_secret", shape: "token"}}},
}

type leakCase struct {
	typ     string
	adapter hostileAdapter
	mode    hostileMode
	kind    secretKind
}

func (c leakCase) run(t *testing.T, img []byte) {
	srv := newHostileServer(t, c.mode, c.adapter.answer200)
	media := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "image/jpeg")
		w.Write(img)
	}))
	defer media.Close()
	base, err := url.Parse(srv.url)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	env := map[string]string{
		"GITHUB_ACTIONS":      "true",
		"GITHUB_STEP_SUMMARY": filepath.Join(dir, "summary.md"),
		"GITHUB_OUTPUT":       filepath.Join(dir, "output.txt"),
		"GIT_AUTHOR_NAME":     "Camille CM", "GIT_AUTHOR_EMAIL": "camille@example.org",
		"GIT_COMMITTER_NAME": "Camille CM", "GIT_COMMITTER_EMAIL": "camille@example.org",
		"HOME": dir,
	}
	var secrets []string
	var yml strings.Builder
	fmt.Fprintf(&yml, "timezone: Europe/Brussels\nchannels:\n  target:\n    type: %s\n    secrets:\n", c.typ)
	for i, s := range c.adapter.secrets {
		tag := string(rune('A' + i))
		var v string
		switch {
		case s.shape == "token":
			v = c.kind.token(tag)
		case s.shape == "telegram":
			v = c.kind.telegram(tag)
		case strings.HasPrefix(s.shape, "url:"):
			v = c.kind.url(base, strings.TrimPrefix(s.shape, "url:"), tag, !s.noUserinfo)
		default:
			t.Fatalf("unknown secret shape %q", s.shape)
		}
		name := "CRIEUR_HOSTILE_" + strings.ToUpper(s.name)
		env[name] = v
		secrets = append(secrets, v)
		fmt.Fprintf(&yml, "      %s: %s\n", s.name, name)
	}
	if len(c.adapter.options) > 0 {
		yml.WriteString("    options:\n")
		for _, k := range sortedKeys(c.adapter.options) {
			v, _ := json.Marshal(strings.NewReplacer("{server}", srv.url, "{media}", media.URL).Replace(c.adapter.options[k]))
			fmt.Fprintf(&yml, "      %s: %s\n", k, v)
		}
	}
	published := c.adapter.published
	if published == "" {
		published = "1790000000000000000"
	}
	// Another id of the same shape, for a post taken down: its last
	// character changed to one every shape allows.
	last := byte('3')
	if published[len(published)-1] == last {
		last = '4'
	}
	retracted := published[:len(published)-1] + string(last)
	repo := filepath.Join(dir, "repo")
	writeFiles(t, repo, map[string]string{
		"crieur.yml":               yml.String(),
		"media/carre.jpg":          string(img),
		"posts/2026/12/hostile.md": "---\npublish_at: 2026-12-01 09:30\nchannels: [target]\nlang: fr\nmedia:\n  - file: ../../../media/carre.jpg\n    alt: Un carré rouge sur fond blanc\n---\nBonjour à toutes et à tous, la saison commence.\n",
		".gitignore":               "",
		// Out three days ago: crieur metrics reads it.
		"journal/2026-11.jsonl": `{"time":"2026-11-28T10:00:00+01:00","action":"published","post":"posts/2026/11/earlier.md","channel":"target","network":"` + c.typ +
			`","key":"0123456789abcdef01234567","occurrence":"2026-11-28T10:00:00+01:00","content_hash":"sha256:00","remote_id":"` + published + `","url":"https://example.org/p/1","attempt":1}` + "\n",
		"posts/2026/11/earlier.md": "---\npublish_at: 2026-11-28 10:00\nchannels: [target]\nlang: fr\nstatus: published\npublications:\n  target:\n" +
			"    id: " + published + "\n    url: https://example.org/p/1\n    at: 2026-11-28T10:00:00+01:00\n    occurrence: 2026-11-28T10:00:00+01:00\n    attempts: 1\n---\nLa veille.\n",
		// Out a week ago, taken down now: crieur publish deletes it first.
		"posts/2026/11/retire.md": "---\npublish_at: 2026-11-24 10:00\nchannels: [target]\nlang: fr\nstatus: retracted\npublications:\n  target:\n" +
			"    id: " + retracted + "\n    url: https://example.org/p/2\n    at: 2026-11-24T10:00:00+01:00\n    occurrence: 2026-11-24T10:00:00+01:00\n    attempts: 1\n---\nUne erreur.\n",
	})
	commitAll(t, repo)

	var stdout, stderr, mstdout, mstderr bytes.Buffer
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	getenv := func(k string) string { return env[k] }
	code := run(ctx, []string{"-C", repo, "publish", "--now", "2026-12-01 10:00", "--tries", "1", "--timeout", c.mode.timeout},
		nil, &stdout, &stderr, getenv)
	t.Logf("publish: exit %d, %d requests\nstdout:\n%s\nstderr:\n%s", code, srv.hits.Load(), stdout.String(), stderr.String())
	// crieur metrics reads the engagement of what went out, from the same
	// server.
	before, beforeConns := srv.hits.Load(), srv.conns.Load()
	// It has no --timeout: its context is cut instead.
	perCall, _ := time.ParseDuration(c.mode.timeout)
	mctx, mcancel := context.WithTimeout(ctx, 2*perCall)
	defer mcancel()
	mcode := run(mctx, []string{"-C", repo, "metrics", "--now", "2026-12-01 10:05"}, nil, &mstdout, &mstderr, getenv)
	t.Logf("metrics: exit %d, %d requests\nstdout:\n%s\nstderr:\n%s", mcode, srv.hits.Load()-before, mstdout.String(), mstderr.String())
	if !c.mode.refused && !c.kind.misfit && beforeConns == 0 {
		t.Errorf("publish: nothing connected to the server: this case tries nothing")
	}
	if !c.mode.refused && !c.kind.misfit && channels.WhyNoMetrics(c.typ) == "" &&
		srv.conns.Load() == beforeConns && srv.hits.Load() == before {
		t.Errorf("metrics: nothing connected to the server: it reads nothing")
	}
	if code == exitUsage && !strings.Contains(stdout.String(), "failed ") {
		t.Errorf("publish did not run to the end (exit %d)", code)
	}

	checkMasksRegistered(t, "publish", stdout.String(), secrets)
	if channels.WhyNoMetrics(c.typ) == "" {
		checkMasksRegistered(t, "metrics", mstdout.String(), secrets)
	}
	needles := leakNeedles(secrets)
	where := map[string]string{
		"stdout":         withoutMaskCommands(stdout.String()),
		"stderr":         stderr.String(),
		"metrics stdout": withoutMaskCommands(mstdout.String()),
		"metrics stderr": mstderr.String(),
		"summary":        readOrEmpty(env["GITHUB_STEP_SUMMARY"]),
		"outputs":        readOrEmpty(env["GITHUB_OUTPUT"]),
		"git objects":    gitObjects(t, repo),
	}
	filepath.WalkDir(repo, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			t.Errorf("read %s: %v", p, err)
			return nil
		}
		rel, _ := filepath.Rel(dir, p)
		where[rel] = string(b)
		return nil
	})
	for _, place := range sortedKeys(where) {
		found := 0
		for _, text := range decodedViews(where[place]) {
			for _, n := range needles {
				if i := strings.Index(text, n.form); i >= 0 {
					if found == 0 {
						t.Errorf("%s leaks %s: …%s…", place, n.what, snippet(text, i, len(n.form)))
					}
					found++
				}
			}
		}
		if found > 1 {
			t.Errorf("%s leaks %d more forms", place, found-1)
		}
	}
}

// A needle is a form of a secret that must not be seen.
type needle struct{ form, what string }

// leakNeedles are the forms of the secrets that must appear nowhere.
func leakNeedles(secrets []string) []needle {
	seen := map[string]bool{}
	var out []needle
	add := func(form, what string) {
		if len(form) >= 6 && !seen[form] {
			seen[form] = true
			out = append(out, needle{form, what})
		}
	}
	for _, s := range secrets {
		q := fmt.Sprintf("%q", s)
		for _, f := range pipeline.SecretForms(s) {
			add(f, fmt.Sprintf("the form %q of the secret %s", f, q))
		}
		add(strictEscape(s), "the percent-encoded secret "+q)
		j, _ := json.Marshal(s)
		add(string(j[1:len(j)-1]), "the JSON-encoded secret "+q)
		parts := []string{strings.TrimSpace(s)}
		if u, err := url.Parse(s); err == nil && u.Host != "" {
			parts = pipeline.URLSecrets(u)
			if u.User != nil {
				add(base64.StdEncoding.EncodeToString([]byte(u.User.String())), "the Basic token of the userinfo of "+q)
				if p, ok := u.User.Password(); ok {
					add(base64.StdEncoding.EncodeToString([]byte(u.User.Username()+":"+p)), "the Basic token of the userinfo of "+q)
				}
			}
		}
		for _, p := range parts {
			if len(p) >= 8 {
				add(p[:8], fmt.Sprintf("the start %q of the secret part %q", p[:8], p))
				add(p[len(p)-8:], fmt.Sprintf("the end %q of the secret part %q", p[len(p)-8:], p))
			}
		}
	}
	return out
}

// decodedViews are a text as it is and with its percent-encoding and its
// JSON string escapes undone, once and twice, with + as a space and not:
// a secret a server echoed, JSON-encoded and then put into a URL, shows
// in one of them whatever the layers.
func decodedViews(s string) []string {
	views := []string{s}
	if !strings.ContainsAny(s, `%\`) {
		return views
	}
	seen := map[string]bool{s: true}
	for _, plus := range []bool{false, true} {
		v := s
		for range 3 {
			v = unescapeAll(v, plus)
			if !seen[v] {
				seen[v] = true
				views = append(views, v)
			}
		}
	}
	return views
}

// unescapeAll undoes %XX, and JSON's \uXXXX, \n, \", \\ and the like,
// in one pass; plus also reads + as a space, as a query does.
func unescapeAll(s string, plus bool) string {
	unhex := func(h string) (int, bool) {
		n, err := strconv.ParseUint(h, 16, 32)
		return int(n), err == nil
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '%' && i+2 < len(s):
			if n, ok := unhex(s[i+1 : i+3]); ok {
				b.WriteByte(byte(n))
				i += 2
				continue
			}
		case c == '+' && plus:
			b.WriteByte(' ')
			continue
		case c == '\\' && i+1 < len(s):
			switch e := s[i+1]; e {
			case 'u':
				if i+5 < len(s) {
					if n, ok := unhex(s[i+2 : i+6]); ok {
						b.WriteRune(rune(n))
						i += 5
						continue
					}
				}
			case 'n', 't', 'r', '"', '\\', '/':
				b.WriteByte(map[byte]byte{'n': '\n', 't': '\t', 'r': '\r', '"': '"', '\\': '\\', '/': '/'}[e])
				i++
				continue
			}
		}
		b.WriteByte(c)
	}
	return b.String()
}

// strictEscape percent-encodes all but RFC 3986's unreserved characters,
// as OAuth 1.0a signs and sends them.
func strictEscape(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || strings.IndexByte("-._~", c) >= 0 {
			b.WriteByte(c)
		} else {
			fmt.Fprintf(&b, "%%%02X", c)
		}
	}
	return b.String()
}

// checkMasksRegistered checks that crieur asked the runner to hide every
// form of every secret (each line of it: the runner masks line by line),
// before it printed anything else, so that the job's log hides what the
// runner sees, from crieur or from any program after it.
func checkMasksRegistered(t *testing.T, command, stdout string, secrets []string) {
	t.Helper()
	registered := map[string]bool{}
	other := false
	for _, l := range strings.Split(stdout, "\n") {
		if m, ok := strings.CutPrefix(l, "::add-mask::"); ok {
			if other {
				t.Errorf("%s: ::add-mask::%s comes after other output", command, m)
			}
			// The command's data is escaped (%25, %0D, %0A); the runner
			// reads it unescaped.
			registered[strings.NewReplacer("%0D", "\r", "%0A", "\n", "%25", "%").Replace(m)] = true
		} else if l != "" {
			other = true
		}
	}
	for _, s := range secrets {
		for _, f := range pipeline.SecretForms(s) {
			for _, l := range strings.Split(f, "\n") {
				if strings.TrimSpace(l) != "" && !registered[l] {
					t.Errorf("%s: %q, a form of the secret %q, is not registered with ::add-mask::", command, l, s)
				}
			}
		}
	}
}

// withoutMaskCommands drops the ::add-mask:: lines, which hand the
// secrets to the runner so that it hides them.
func withoutMaskCommands(s string) string {
	var keep []string
	for _, l := range strings.Split(s, "\n") {
		if !strings.HasPrefix(l, "::add-mask::") {
			keep = append(keep, l)
		}
	}
	return strings.Join(keep, "\n")
}

func snippet(s string, i, n int) string {
	from, to := max(0, i-60), min(len(s), i+n+60)
	return strings.ReplaceAll(s[from:to], "\n", "⏎")
}

// hostileServer answers every request the same hostile way and counts
// them.
type hostileServer struct {
	url   string
	hits  atomic.Int64 // requests
	conns atomic.Int64 // connections (a loaded machine may not read a request before the client gives up)
}

// An answer is an answer200 with a status of its own.
type answer struct {
	status int
	body   any
}

// An echo is a request as a hostile server quotes it back: whole, on one
// line (for headers and ids), and the server's own address.
type echo struct{ dump, line, server string }

func newHostileServer(t *testing.T, m hostileMode, answer200 func(*http.Request, echo) any) *hostileServer {
	s := &hostileServer{}
	if m.refused {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		s.url = "http://" + l.Addr().String()
		l.Close()
		return s
	}
	done := make(chan struct{})
	ts := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n := s.hits.Add(1)
		body, _ := io.ReadAll(r.Body)
		if m.hang {
			select {
			case <-r.Context().Done():
			case <-done:
			}
			return
		}
		dump := dumpRequest(r, body)
		// A one-line echo in the headers a network answers with (an id, a
		// location).
		line := r.Method + " " + r.URL.RequestURI() + " " + r.Header.Get("Authorization")
		w.Header().Set("X-Restli-Id", "urn:li:share:"+line)
		w.Header().Set("Location", "/"+line)
		write := r.Method != http.MethodGet && r.Method != http.MethodHead
		switch {
		case m.late && write && n > 1:
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusBadRequest)
			json.NewEncoder(w).Encode(map[string]any{"error": map[string]any{"message": dump}, "message": dump, "detail": dump, "description": dump})
		case m.status == http.StatusOK:
			w.Header().Set("Content-Type", "application/json")
			var body any
			if answer200 != nil {
				body = answer200(r, echo{dump, line, s.url})
			}
			if body == nil {
				body = echoFields(dump, line)
			}
			if a, ok := body.(answer); ok {
				w.WriteHeader(a.status)
				body = a.body
			}
			json.NewEncoder(w).Encode(body)
		case m.text:
			w.Header().Set("Content-Type", "text/plain")
			w.WriteHeader(m.status)
			fmt.Fprintf(w, "Cannot %s %s\n%s", r.Method, r.URL.RequestURI(), dump)
		default:
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(m.status)
			json.NewEncoder(w).Encode(map[string]any{
				"error":       map[string]any{"message": dump, "type": "OAuthException", "code": 190, "error_user_msg": dump, "error_user_title": dump},
				"message":     dump,
				"detail":      dump,
				"title":       dump,
				"description": dump,
				"errors":      []map[string]string{{"message": dump, "detail": dump}},
			})
		}
	}))
	ts.Config.ConnState = func(_ net.Conn, st http.ConnState) {
		if st == http.StateNew {
			s.conns.Add(1)
		}
	}
	ts.Start()
	t.Cleanup(func() { close(done); ts.Close() })
	s.url = ts.URL
	return s
}

// dumpRequest is the whole request as a server would quote it: method,
// URL, headers and body.
func dumpRequest(r *http.Request, body []byte) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s %s\nHost: %s\n", r.Method, r.URL.RequestURI(), r.Proto, r.Host)
	for _, k := range sortedKeys(r.Header) {
		for _, v := range r.Header[k] {
			fmt.Fprintf(&b, "%s: %s\n", k, v)
		}
	}
	b.WriteString("\n")
	b.Write(body)
	return b.String()
}

// echoFields is a 200 answer that echoes the request in the fields the
// adapters read back: ids, URLs, handles, statuses, errors.
func echoFields(dump, line string) map[string]any {
	return map[string]any{
		"id": dump, "url": dump, "uri": dump, "cid": dump, "permalink_url": dump, "post_id": dump,
		"accessJwt": line, "refreshJwt": line, "handle": dump, "did": dump, // the tokens go into a header
		"channel_id": dump, "guild_id": dump, "timestamp": dump,
		"message": dump, "description": dump, "error_description": dump, "error_message": dump, "detail": dump,
		"status_code": "FINISHED", "status": "FINISHED",
		"ok":     true,
		"result": map[string]any{"message_id": 1, "date": 1, "chat": map[string]any{"id": 1, "type": "channel", "username": dump}},
		"data":   map[string]any{"id": dump, "text": dump, "username": dump},
		"value":  map[string]any{"uploadUrl": dump, "image": dump},
	}
}

func jpegImage(t *testing.T) []byte {
	m := image.NewRGBA(image.Rect(0, 0, 4, 4))
	for x := 0; x < 4; x++ {
		for y := 0; y < 4; y++ {
			m.Set(x, y, color.RGBA{R: 200, A: 255})
		}
	}
	var b bytes.Buffer
	if err := jpeg.Encode(&b, m, nil); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, s := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// commitAll makes dir a git repository whose one commit holds its files
// (with go-git: hundreds of cases, no process each).
func commitAll(t *testing.T, dir string) {
	t.Helper()
	r, err := gogit.PlainInitWithOptions(dir, &gogit.PlainInitOptions{InitOptions: gogit.InitOptions{DefaultBranch: plumbing.NewBranchReferenceName("main")}})
	if err != nil {
		t.Fatal(err)
	}
	wt, err := r.Worktree()
	if err != nil {
		t.Fatal(err)
	}
	if err := wt.AddWithOptions(&gogit.AddOptions{All: true}); err != nil {
		t.Fatal(err)
	}
	sig := &object.Signature{Name: "Camille CM", Email: "camille@example.org", When: time.Date(2026, 11, 20, 10, 0, 0, 0, time.UTC)}
	if _, err := wt.Commit("a post", &gogit.CommitOptions{Author: sig, Committer: sig}); err != nil {
		t.Fatal(err)
	}
}

// gitObjects is every object of the repository, loose or packed,
// decompressed (go-git: no process per case).
func gitObjects(t *testing.T, dir string) string {
	t.Helper()
	r, err := gogit.PlainOpen(dir)
	if err != nil {
		t.Fatal(err)
	}
	iter, err := r.Storer.IterEncodedObjects(plumbing.AnyObject)
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	err = iter.ForEach(func(o plumbing.EncodedObject) error {
		rd, err := o.Reader()
		if err != nil {
			return err
		}
		defer rd.Close()
		fmt.Fprintf(&b, "%s %s %d\n", o.Hash(), o.Type(), o.Size())
		_, err = io.Copy(&b, rd)
		b.WriteString("\n")
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func readOrEmpty(p string) string {
	b, _ := os.ReadFile(p)
	return string(b)
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
