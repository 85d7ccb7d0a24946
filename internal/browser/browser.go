// Package browser opens a page crieur wrote (the HTML report, the
// calendar page) in a real headless Chromium, Debian's package, and gives
// the tests what a person would get: the document after rendering, a
// screenshot, and every network request the page tried.
//
// Requests are seen by sending all of Chromium's traffic to a proxy on
// 127.0.0.1 that records and refuses it: a self-contained page must make
// none. Chromium's own background traffic is switched off by flags (the
// same ones known to work on this machine), so what reaches the proxy
// comes from the page.
//
// Without Chromium a test is skipped and says how to install it; when
// CRIEUR_REQUIRE_SERVICES=1 (CI) it fails instead.
package browser

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"
)

// Need returns the path of Chromium, skipping (or failing, when required)
// the test when it is not installed.
func Need(t testing.TB) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	msg := "headless browser not installed: apt-get install chromium (scripts/deps.sh --tests does it)"
	if os.Getenv("CRIEUR_REQUIRE_SERVICES") == "1" {
		t.Fatal(msg)
	}
	t.Skip(msg)
	return ""
}

// Page is what Chromium made of a file.
type Page struct {
	DOM      string      // the document after rendering (--dump-dom)
	Shot     image.Image // the screenshot
	PNG      []byte      // the same, encoded
	Requests []string    // every request that left the page: "GET http://…", "CONNECT host:443"
}

// Open renders file (an absolute path) at the window size w×h and returns
// what Chromium made of it.
func Open(ctx context.Context, chromium, file string, w, h int) (*Page, error) {
	proxy := &recorder{}
	srv := httptest.NewServer(proxy)
	defer srv.Close()

	dir, err := os.MkdirTemp("", "crieur-chromium-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	shot := filepath.Join(dir, "shot.png")
	url := "file://" + filepath.ToSlash(file)

	dom, err := run(ctx, chromium, dir, srv.URL, w, h, "--dump-dom", url)
	if err != nil {
		return nil, err
	}
	if _, err := run(ctx, chromium, dir, srv.URL, w, h, "--screenshot="+shot, url); err != nil {
		return nil, err
	}
	b, err := os.ReadFile(shot)
	if err != nil {
		return nil, fmt.Errorf("chromium wrote no screenshot: %w", err)
	}
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		return nil, fmt.Errorf("chromium's screenshot: %w", err)
	}
	return &Page{DOM: dom, Shot: img, PNG: b, Requests: proxy.seen()}, nil
}

// run starts Chromium once, with a fresh profile, every background
// service off and all traffic through the proxy.
func run(ctx context.Context, chromium, dir, proxy string, w, h int, args ...string) (string, error) {
	ctx, cancel := context.WithTimeout(ctx, 60*time.Second)
	defer cancel()
	profile, err := os.MkdirTemp(dir, "profile-")
	if err != nil {
		return "", err
	}
	all := append([]string{
		"--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
		"--no-first-run", "--disable-background-networking",
		"--disable-component-update", "--disable-sync",
		"--disable-default-apps", "--disable-extensions", "--mute-audio",
		"--disable-client-side-phishing-detection", "--disable-domain-reliability",
		"--no-pings", "--disable-breakpad", "--no-default-browser-check",
		"--disable-features=Translate,OptimizationHints,MediaRouter,DialMediaRouteProvider,AutofillServerCommunication,CertificateTransparencyComponentUpdater,NetworkTimeServiceQuerying,InterestFeedContentSuggestions",
		"--hide-scrollbars", "--force-device-scale-factor=1",
		"--user-data-dir=" + profile,
		"--proxy-server=" + proxy,
		// Loopback goes through the proxy too: a page must not reach
		// even a local server.
		"--proxy-bypass-list=<-loopback>",
		fmt.Sprintf("--window-size=%d,%d", w, h),
		"--virtual-time-budget=3000",
	}, args...)
	cmd := exec.CommandContext(ctx, chromium, all...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		return "", fmt.Errorf("chromium %s: %v\n%s", strings.Join(args, " "), err, tail(errb.String()))
	}
	return out.String(), nil
}

func tail(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	if len(lines) > 20 {
		lines = lines[len(lines)-20:]
	}
	return strings.Join(lines, "\n")
}

// chromiums are the hosts Chromium itself calls whatever the flags (its
// updater and its sign-in), seen on Debian's chromium 156: not the page's
// doing, so not counted. A page of crieur's has nothing to fetch there.
var chromiums = map[string]bool{
	"update.googleapis.com": true,
	"accounts.google.com":   true,
	"clients2.google.com":   true,
}

// recorder is the proxy: it writes down every request and refuses it.
type recorder struct {
	mu   sync.Mutex
	reqs []string
}

func (r *recorder) ServeHTTP(w http.ResponseWriter, req *http.Request) {
	target := req.URL.String()
	if req.Method == http.MethodConnect {
		target = req.Host
	}
	if chromiums[req.URL.Hostname()] || chromiums[strings.Split(req.Host, ":")[0]] {
		http.Error(w, "no network", http.StatusForbidden)
		return
	}
	r.mu.Lock()
	r.reqs = append(r.reqs, req.Method+" "+target)
	r.mu.Unlock()
	http.Error(w, "crieur test: no network for a self-contained page", http.StatusForbidden)
}

func (r *recorder) seen() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := append([]string(nil), r.reqs...)
	sort.Strings(out)
	return out
}

// Pixels counts the pixels of img within tol (per channel, 0–255) of c:
// how much of a colour, a chart's bars say, is on the screen.
func Pixels(img image.Image, c color.RGBA, tol int) int {
	n := 0
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, _ := img.At(x, y).RGBA()
			if near(int(r>>8), int(c.R), tol) && near(int(g>>8), int(c.G), tol) && near(int(bl>>8), int(c.B), tol) {
				n++
			}
		}
	}
	return n
}

func near(a, b, tol int) bool {
	d := a - b
	if d < 0 {
		d = -d
	}
	return d <= tol
}
