package browser

import (
	"context"
	"image/color"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func write(t *testing.T, html string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "page.html")
	if err := os.WriteFile(p, []byte(html), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// The proxy sees what a page loads, so a test of a self-contained page
// can fail: an image from the network shows up as a request.
func TestOpenSeesRequestsAndPixels(t *testing.T) {
	chromium := Need(t)
	page := write(t, `<!doctype html><html><body style="margin:0;background:#fff">
<div id="box" style="width:200px;height:100px;background:#d0021b"></div>
<img src="http://example.org/logo.png" alt="">
<script>document.getElementById("box").setAttribute("data-seen", "yes")</script>
</body></html>`)
	p, err := Open(context.Background(), chromium, page, 400, 300)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(p.DOM, `data-seen="yes"`) {
		t.Errorf("the DOM is not the rendered one:\n%s", p.DOM)
	}
	found := false
	for _, r := range p.Requests {
		if strings.Contains(r, "example.org") {
			found = true
		}
	}
	if !found {
		t.Errorf("the image from example.org was not seen; requests: %q", p.Requests)
	}
	red := Pixels(p.Shot, color.RGBA{0xd0, 0x02, 0x1b, 0xff}, 8)
	if red < 200*100*9/10 {
		t.Errorf("%d red pixels on the screenshot, want about %d", red, 200*100)
	}
}

// A page that loads nothing makes no request: Chromium's own background
// traffic does not reach the proxy.
func TestOpenQuietPage(t *testing.T) {
	chromium := Need(t)
	page := write(t, `<!doctype html><meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<p style="color:#123456">Bonjour</p><img src="http://example.org/blocked.png" alt="">`)
	p, err := Open(context.Background(), chromium, page, 400, 300)
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Requests) != 0 {
		t.Errorf("requests from a page whose policy forbids them: %q", p.Requests)
	}
	if !strings.Contains(p.DOM, "Bonjour") {
		t.Errorf("DOM: %s", p.DOM)
	}
}
