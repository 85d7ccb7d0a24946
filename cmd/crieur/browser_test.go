package main

// The HTML crieur writes for people who never open a terminal (the
// calendar page, the monthly report) is opened in a real headless
// Chromium (Debian's): it must render, show its content and charts, and
// load nothing from the network. Set CRIEUR_SCREENSHOTS to a folder to
// keep the screenshots and look at them.

import (
	"bytes"
	"context"
	"image/color"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/crieur/crieur/internal/browser"
	"github.com/crieur/crieur/pipeline"
	"github.com/crieur/crieur/pipeline/content"
	"github.com/crieur/crieur/pipeline/metrics"
)

// copyExample copies content-example into a new git repository.
func copyExample(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "site")
	if out, err := exec.Command("cp", "-r", "../../content-example", dir).CombinedOutput(); err != nil {
		t.Fatalf("cp: %v %s", err, out)
	}
	for _, args := range [][]string{{"init", "-q", "-b", "main"}, {"add", "-A"}, {"commit", "-q", "-m", "contenu"}} {
		cmd := exec.Command("git", args...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "GIT_AUTHOR_NAME=Camille", "GIT_AUTHOR_EMAIL=c@example.org",
			"GIT_COMMITTER_NAME=Camille", "GIT_COMMITTER_EMAIL=c@example.org", "HOME="+t.TempDir())
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v %s", args, err, out)
		}
	}
	return dir
}

// crieurIn runs crieur in dir and fails the test unless it exits 0.
func crieurIn(t *testing.T, dir string, args ...string) string {
	t.Helper()
	var out, errb bytes.Buffer
	env := func(k string) string {
		if k == "HOME" {
			return dir
		}
		return os.Getenv(k)
	}
	if code := run(context.Background(), append([]string{"-C", dir}, args...), nil, &out, &errb, env); code != 0 {
		t.Fatalf("crieur %v: exit %d\n%s%s", args, code, out.String(), errb.String())
	}
	return out.String()
}

// keep saves a screenshot when CRIEUR_SCREENSHOTS names a folder.
func keep(t *testing.T, name string, png []byte) {
	if d := os.Getenv("CRIEUR_SCREENSHOTS"); d != "" {
		if err := os.WriteFile(filepath.Join(d, name), png, 0o644); err != nil {
			t.Error(err)
		}
	}
}

func TestCalendarPageInBrowser(t *testing.T) {
	chromium := browser.Need(t)
	dir := copyExample(t)
	page := filepath.Join(t.TempDir(), "site", "index.html")
	crieurIn(t, dir, "plan", "--html", page, "--from", "2026-11-01", "--to", "2026-12-31", "--now", "2026-11-20 10:00")

	for _, size := range []struct {
		name string
		w, h int
	}{{"desktop", 1280, 2400}, {"phone", 400, 2400}} {
		p, err := browser.Open(context.Background(), chromium, page, size.w, size.h)
		if err != nil {
			t.Fatal(err)
		}
		keep(t, "calendar-"+size.name+".png", p.PNG)
		if len(p.Requests) > 0 {
			t.Errorf("%s: the page loaded from the network: %q", size.name, p.Requests)
		}
		for _, want := range []string{"novembre 2026", "décembre 2026", "Jeudi jazz", `id="semaine"`} {
			if !strings.Contains(p.DOM, want) {
				t.Errorf("%s: the rendered page lacks %q", size.name, want)
			}
		}
		// Published posts carry a green left border, scheduled ones a
		// blue one: both are on the screen, not only in the source.
		green := browser.Pixels(p.Shot, color.RGBA{0x15, 0x80, 0x3d, 0xff}, 6)
		blue := browser.Pixels(p.Shot, color.RGBA{0x25, 0x63, 0xeb, 0xff}, 6)
		if green < 50 || blue < 50 {
			t.Errorf("%s: %d green and %d blue pixels: the posts' states are not visible", size.name, green, blue)
		}
	}
}

func TestReportInBrowser(t *testing.T) {
	chromium := browser.Need(t)
	dir := copyExample(t)
	// Readings for content-example's November publications, two per
	// publication: a day and a week after it went out.
	recs, err := content.Journal{Dir: filepath.Join(dir, "journal")}.Read()
	if err != nil {
		t.Fatal(err)
	}
	var rs []pipeline.Reading
	for i, r := range recs {
		if r.Action != pipeline.ActionPublished {
			continue
		}
		for day, factor := range map[int]int64{1: 1, 7: 3} {
			rs = append(rs, pipeline.Reading{Time: r.Time.AddDate(0, 0, day), Post: r.Post, Channel: r.Channel, Network: r.Network, ID: r.RemoteID,
				Engagement: pipeline.Engagement{pipeline.Likes: factor * int64(3+i%7), pipeline.Reposts: factor * int64(i%3), pipeline.Replies: int64(i % 2)}})
		}
	}
	if len(rs) < 20 {
		t.Fatalf("content-example has %d readings to draw, want more", len(rs))
	}
	if _, err := (metrics.Store{Dir: filepath.Join(dir, "metrics")}).Append(rs...); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "rapport")
	crieurIn(t, dir, "report", "--month", "2026-11", "--out", out, "--now", "2026-12-01 08:00")
	for _, name := range []string{"report.md", "report.html", "report.csv"} {
		if _, err := os.Stat(filepath.Join(out, name)); err != nil {
			t.Error(err)
		}
	}
	p, err := browser.Open(context.Background(), chromium, filepath.Join(out, "report.html"), 1280, 3000)
	if err != nil {
		t.Fatal(err)
	}
	keep(t, "report.png", p.PNG)
	if len(p.Requests) > 0 {
		t.Errorf("the report loaded from the network: %q", p.Requests)
	}
	if n := strings.Count(p.DOM, "<svg"); n < 3 {
		t.Errorf("%d charts in the rendered report, want at least 3 (per day, per channel, weekday × hour)", n)
	}
	for _, want := range []string{"novembre 2026", "Jeudi jazz"} {
		if !strings.Contains(p.DOM, want) {
			t.Errorf("the rendered report lacks %q", want)
		}
	}
	// The charts' bars are drawn in the accent colour: they are on the
	// screen, not only in the source.
	if n := browser.Pixels(p.Shot, color.RGBA{0x1e, 0x4e, 0x9c, 0xff}, 6); n < 2000 {
		t.Errorf("%d pixels of the charts' colour on the screenshot: the charts are not visible", n)
	}
}
