package report

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"html"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/crieur/crieur/internal/browser"
)

// measure is run in the page by the test only (the report has no
// script): it sends the frame around it what a person would see wrong,
// which the frame writes on its <html data-measure>. The page must not be wider than the window; no box may spill
// its text out of itself or off the screen, unless it is inside a frame
// that scrolls sideways; no word shorter than 15 letters may be split
// over two lines.
const measure = `<script>(function () {
var de = document.documentElement, W = window.innerWidth;
var out = {text: document.body.innerText, svgs: document.querySelectorAll("svg").length, scrollWidth: de.scrollWidth, innerWidth: W, height: Math.ceil(document.body.getBoundingClientRect().bottom), spill: [], off: [], split: []};
function scrolls(el) {
  for (var e = el; e && e !== document.body; e = e.parentElement) {
    var o = getComputedStyle(e).overflowX;
    if (o === "auto" || o === "scroll") return true;
  }
  return false;
}
function name(el) {
  return el.tagName.toLowerCase() + (el.className && typeof el.className === "string" ? "." + el.className.trim().split(/\s+/).join(".") : "") + " «" + (el.textContent || "").trim().slice(0, 40) + "»";
}
var all = document.body.querySelectorAll("*");
for (var i = 0; i < all.length; i++) {
  var el = all[i];
  if (el.closest("svg") || scrolls(el)) continue;
  var cs = getComputedStyle(el);
  if (cs.display === "none" || cs.visibility === "hidden") continue;
  var r = el.getBoundingClientRect();
  if (r.width === 0 && r.height === 0) continue;
  if (r.right > W + 0.5 || r.left < -0.5) out.off.push(name(el) + " " + Math.round(r.left) + "–" + Math.round(r.right));
  if (cs.display !== "inline" && el.clientWidth > 0 && el.scrollWidth > el.clientWidth + 1 && el.tagName !== "DETAILS") out.spill.push(name(el) + " " + el.scrollWidth + ">" + el.clientWidth);
}
var walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
for (var n = walk.nextNode(); n; n = walk.nextNode()) {
  if (n.parentElement.closest("svg")) continue;
  var re = /[^\s\-\u2010-\u2014]+/g, m; // a break after a hyphen is no split
  while ((m = re.exec(n.data))) {
    var ws = n.data.lastIndexOf(" ", m.index) + 1, we = n.data.indexOf(" ", m.index);
    if ((we < 0 ? n.data.length : we) - ws >= 15) continue; // a long word may break anywhere
    var rg = document.createRange();
    rg.setStart(n, m.index); rg.setEnd(n, m.index + m[0].length);
    var tops = {}, k = 0, rs = rg.getClientRects();
    for (var j = 0; j < rs.length; j++) { var t = Math.round(rs[j].top); if (!tops[t] && rs[j].width > 0) { tops[t] = 1; k++; } }
    if (k > 1) out.split.push(m[0]);
  }
}
parent.postMessage(JSON.stringify(out), "*");
})();</script>`

type measured struct {
	Text                            string // what is on the screen
	SVGs                            int
	ScrollWidth, InnerWidth, Height int
	Spill, Off, Split               []string
}

var measureAttr = regexp.MustCompile(`data-measure="([^"]*)"`)

// instrument is the page with the measuring script, allowed by its CSP.
func instrument(t *testing.T, page []byte) []byte {
	const csp = `content="default-src 'none'; style-src 'unsafe-inline'; img-src data:"`
	if !bytes.Contains(page, []byte(csp)) || !bytes.Contains(page, []byte("</body>")) {
		t.Fatal("the page has no CSP meta or no </body>: cannot instrument it")
	}
	page = bytes.Replace(page, []byte(csp), []byte(`content="default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src 'unsafe-inline'"`), 1)
	return bytes.Replace(page, []byte("</body>"), []byte(measure+"</body>"), 1)
}

// frame shows the page in a frame of the given width: Chromium's
// headless window is never narrower than 500 px, a frame can be.
func frame(t *testing.T, page string, width, height int) string {
	path := strings.TrimSuffix(page, ".html") + "-" + itoa(width) + ".html"
	src := fmt.Sprintf(`<!DOCTYPE html><html><body style="margin:0"><iframe src=%q title="report" style="border:0;display:block;width:%dpx;height:%dpx"></iframe>`+
		`<script>addEventListener("message", function (e) { document.documentElement.setAttribute("data-measure", e.data); });</script></body></html>`, filepath.Base(page), width, height)
	if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// screenshotDir is where the screenshots go: CRIEUR_SCREENSHOTS, or a
// folder of the system's temporary one, never the repository.
func screenshotDir(t *testing.T) string {
	dir := os.Getenv("CRIEUR_SCREENSHOTS")
	if dir == "" {
		dir = filepath.Join(os.TempDir(), "crieur-report-screenshots")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshots in %s", dir)
	return dir
}

// saveShot writes the screenshot cut to the frame's width and the page's
// height.
func saveShot(t *testing.T, path string, img image.Image, width, height int) {
	b := img.Bounds()
	if height > 0 && height < b.Dy() {
		b.Max.Y = b.Min.Y + height
	}
	b.Max.X = min(b.Max.X, b.Min.X+width)
	if s, ok := img.(interface {
		SubImage(image.Rectangle) image.Image
	}); ok {
		img = s.SubImage(b)
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

// The page as a client's browser shows it, on a phone (400 px) and on a
// desktop (1280 px): nothing requested from the network, nothing wider
// than the screen, no text spilling out of its box or cut mid-word, the
// charts on the screen; a screenshot of each in screenshotDir.
func TestHTMLInBrowser(t *testing.T) {
	chromium := browser.Need(t)
	shots := screenshotDir(t)
	for _, tt := range []struct {
		name   string
		input  func(*Input)
		widths []int
		svgs   int
		want   []string
	}{
		{"decembre-fr", func(*Input) {}, []int{400, 1280}, 3, []string{"Décembre 2026", "Lancement de la saison 2026", "toujours en échec", "bistro, La Verrière", "base faible"}},
		{"december-en-verriere", func(in *Input) { in.Lang, in.Brand = "en", "verriere" }, []int{400}, 3, []string{"December 2026", "La Verrière", "When to post"}},
		{"sans-releves-fr", func(in *Input) { in.Readings = nil }, []int{400}, 1, []string{"crieur metrics", "Publications par canal"}},
		{"long-fr", func(in *Input) { *in = bigInput(t, 40) }, []int{400}, 3, []string{"Décembre 2026"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			in := fixtureInput(t)
			tt.input(&in)
			var b bytes.Buffer
			if err := Build(in).HTML(&b); err != nil {
				t.Fatal(err)
			}
			page := filepath.Join(t.TempDir(), "rapport.html")
			if err := os.WriteFile(page, instrument(t, b.Bytes()), 0o644); err != nil {
				t.Fatal(err)
			}
			for _, width := range tt.widths {
				checkInBrowser(t, chromium, page, width, filepath.Join(shots, tt.name+"-"+itoa(width)+".png"), tt.svgs, tt.want)
			}
		})
	}
}

func checkInBrowser(t *testing.T, chromium, page string, width int, shot string, svgs int, want []string) {
	const height = 9000
	start := time.Now()
	p, err := browser.Open(context.Background(), chromium, frame(t, page, width, height), max(width, 500), height)
	if err != nil {
		t.Fatal(err)
	}
	var m measured
	if found := measureAttr.FindStringSubmatch(p.DOM); found == nil {
		t.Fatalf("%d px: the measuring script left nothing", width)
	} else if err := json.Unmarshal([]byte(html.UnescapeString(found[1])), &m); err != nil {
		t.Fatalf("%d px: %v", width, err)
	}
	saveShot(t, shot, p.Shot, width, m.Height)
	t.Logf("%d px: %s (page %d px high, %s)", width, shot, m.Height, time.Since(start).Round(time.Millisecond))
	if len(p.Requests) > 0 {
		t.Errorf("%d px: the page loaded from the network: %q", width, p.Requests)
	}
	if m.InnerWidth != width || m.ScrollWidth > m.InnerWidth {
		t.Errorf("%d px: the page is %d px wide in a window of %d", width, m.ScrollWidth, m.InnerWidth)
	}
	for _, problems := range []struct {
		what string
		list []string
	}{{"off the screen", m.Off}, {"spilling out of its box", m.Spill}, {"words split over two lines", m.Split}} {
		if len(problems.list) > 0 {
			t.Errorf("%d px: %s: %q", width, problems.what, problems.list)
		}
	}
	if m.SVGs != svgs {
		t.Errorf("%d px: %d charts in the rendered page, want %d", width, m.SVGs, svgs)
	}
	for _, w := range want {
		if !strings.Contains(m.Text, w) {
			t.Errorf("%d px: the rendered page lacks %q", width, w)
		}
	}
	if n := browser.Pixels(p.Shot, color.RGBA{0x1e, 0x4e, 0x9c, 0xff}, 6); n < 1000 {
		t.Errorf("%d px: %d pixels of the charts' colour: the charts are not on the screen", width, n)
	}
}
