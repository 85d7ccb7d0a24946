package report

import (
	"context"
	"image/color"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/crieur/crieur/internal/browser"
)

// The page as a client's browser shows it, on a desktop and on a phone:
// nothing requested from the network, the three charts drawn, the
// names of the month and of the posts on the screen.
func TestHTMLInBrowser(t *testing.T) {
	chromium := browser.Need(t)
	page := filepath.Join(t.TempDir(), "rapport.html")
	f, err := os.Create(page)
	if err != nil {
		t.Fatal(err)
	}
	if err := Build(fixtureInput(t)).HTML(f); err != nil {
		t.Fatal(err)
	}
	f.Close()
	for _, size := range []struct {
		name string
		w, h int
	}{{"desktop", 1280, 2400}, {"phone", 400, 2400}} {
		p, err := browser.Open(context.Background(), chromium, page, size.w, size.h)
		if err != nil {
			t.Fatal(err)
		}
		if len(p.Requests) > 0 {
			t.Errorf("%s: the page loaded from the network: %q", size.name, p.Requests)
		}
		if n := strings.Count(p.DOM, "<svg"); n != 3 {
			t.Errorf("%s: %d charts in the rendered page, want 3", size.name, n)
		}
		for _, want := range []string{"Décembre 2026", "Lancement de la saison 2026", "toujours en échec"} {
			if !strings.Contains(p.DOM, want) {
				t.Errorf("%s: the rendered page lacks %q", size.name, want)
			}
		}
		if n := browser.Pixels(p.Shot, color.RGBA{0x1e, 0x4e, 0x9c, 0xff}, 6); n < 1000 {
			t.Errorf("%s: %d pixels of the charts' colour: the charts are not on the screen", size.name, n)
		}
	}
}
