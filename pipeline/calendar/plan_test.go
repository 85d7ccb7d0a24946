package calendar

import (
	"errors"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/crieur/crieur/internal/testrepo"
	"github.com/crieur/crieur/pipeline"
	"github.com/crieur/crieur/pipeline/content"
)

// plannerFixture: posts 8 days before now's day (out of the default
// period), 7 days before, 60 and 61 days after, on 3 December, and one
// that cannot be read.
func plannerFixture(t *testing.T) (*Planner, *strings.Builder, *strings.Builder) {
	t.Helper()
	post := func(at string) string {
		return testrepo.Post("publish_at: "+at+"\nchannels: [mastodon]", "Le post du "+at)
	}
	repo := testrepo.Open(t, nil, map[string]string{
		"crieur.yml":                "timezone: Europe/Brussels\nchannels:\n  mastodon:\n    type: outbox\n    network: mastodon\n    dir: outbox\n",
		"posts/2026/11/avant.md":    post("2026-11-14 09:00"),
		"posts/2026/11/debut.md":    post("2026-11-15 09:00"),
		"posts/2026/12/decembre.md": post("2026-12-03 18:00"),
		"posts/2027/01/fin.md":      post("2027-01-21 09:00"),
		"posts/2027/01/apres.md":    post("2027-01-22 09:00"),
		"posts/2026/12/casse.md":    "---\npublish_at: [\n---\nCassé\n",
	})
	var stdout, stderr strings.Builder
	p := &Planner{Repo: repo, Now: time.Date(2026, 11, 22, 12, 0, 0, 0, repo.Config.Timezone), Stdout: &stdout, Stderr: &stderr,
		Write: func(string, func(io.Writer) error) error { t.Error("a file was written"); return nil },
		Lint: func(_, _ []*content.File, _ []pipeline.Finding) []pipeline.Finding {
			t.Error("linted without a web page")
			return nil
		}}
	return p, &stdout, &stderr
}

func TestPlannerDefaultPeriod(t *testing.T) {
	p, stdout, stderr := plannerFixture(t)
	left, err := p.Run()
	if err != nil || left != 1 {
		t.Fatalf("left %d, %v; want the broken post left out", left, err)
	}
	text := stdout.String()
	for _, want := range []string{"debut.md", "decembre.md", "fin.md", "2026-11-15 → 2027-01-21"} {
		if !strings.Contains(text, want) {
			t.Errorf("the calendar lacks %q:\n%s", want, text)
		}
	}
	for _, not := range []string{"avant.md", "apres.md", "casse.md"} {
		if strings.Contains(text, not) {
			t.Errorf("the calendar has %q:\n%s", not, text)
		}
	}
	if !strings.HasPrefix(stderr.String(), "crieur plan: 1 post left out because it cannot be read (run crieur lint):\n  posts/2026/12/casse.md:") {
		t.Errorf("stderr %q", stderr.String())
	}
}

func TestPlannerPeriod(t *testing.T) {
	p, stdout, _ := plannerFixture(t)
	loc := p.Repo.Config.Timezone
	p.From, p.To, p.ToDay = time.Date(2026, 11, 26, 0, 0, 0, 0, loc), time.Date(2026, 12, 3, 0, 0, 0, 0, loc), true
	if _, err := p.Run(); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(stdout.String(), "decembre.md") || strings.Contains(stdout.String(), "debut.md") {
		t.Errorf("the whole last day, from --from:\n%s", stdout)
	}
	p.ToDay = false // a time: the period ends there
	stdout.Reset()
	if _, err := p.Run(); err != nil || stdout.String() != "nothing between 2026-11-26 and 2026-12-03 00:00; next: 2026-12-03 18:00 posts/2026/12/decembre.md\n" {
		t.Errorf("--to a time:\n%s, %v", stdout, err)
	}
	p.From = time.Date(2026, 12, 31, 0, 0, 0, 0, loc)
	if _, err := p.Run(); err == nil || err.Error() != "--to 2026-12-03 is before --from 2026-12-31" {
		t.Errorf("error %v", err)
	}
}

func TestPlannerFormats(t *testing.T) {
	p, stdout, _ := plannerFixture(t)
	p.ICS, p.CSV, p.HTML = "agenda.ics", "-", "plan.html"
	written := map[string]string{}
	p.Write = func(name string, write func(io.Writer) error) error {
		var b strings.Builder
		err := write(&b)
		written[name] = b.String()
		return err
	}
	p.Lint = func(scope, all []*content.File, load []pipeline.Finding) []pipeline.Finding {
		if len(scope) != 5 || len(all) != 5 || len(load) == 0 {
			t.Errorf("linted %d of %d posts with %d load findings; want the 5 that can be read", len(scope), len(all), len(load))
		}
		return []pipeline.Finding{{Path: "posts/2026/12/decembre.md", Rule: "typo.x"}}
	}
	p.Page = func(w io.Writer, pg Page) error {
		if len(pg.Findings["posts/2026/12/decembre.md"]) != 1 || len(pg.Entries) != 3 || !pg.To.Equal(pg.From.AddDate(0, 0, 68).Add(-time.Second)) {
			t.Errorf("page %+v", pg)
		}
		_, err := io.WriteString(w, "<html>")
		return err
	}
	if _, err := p.Run(); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(written["agenda.ics"], "BEGIN:VCALENDAR") || !strings.Contains(written["-"], "publish_at,") || written["plan.html"] != "<html>" {
		t.Errorf("written %v", written)
	}
	if stdout.Len() > 0 {
		t.Errorf("the text as well:\n%s", stdout)
	}
	p.Page = func(io.Writer, Page) error { return errors.New("template: boom") }
	if _, err := p.Run(); err == nil || err.Error() != "template: boom" {
		t.Errorf("error %v", err)
	}
}
