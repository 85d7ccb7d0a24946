package report

import (
	"bytes"
	"errors"
	"io"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/crieur/crieur/internal/testrepo"
	"github.com/crieur/crieur/pipeline"
)

func TestCheckView(t *testing.T) {
	for _, ok := range [][2]string{{"", "fr"}, {"md", "en"}, {"markdown", "fr"}, {"html", "fr"}, {"csv", "en"}, {"md", "nl"}, {"html", ""}} {
		if err := CheckView(ok[0], ok[1]); err != nil {
			t.Errorf("%q %q: %v", ok[0], ok[1], err)
		}
	}
	if err := CheckView("pdf", "fr"); err == nil || err.Error() != `--format "pdf": use md, html or csv` {
		t.Errorf("pdf: %v", err)
	}
	if err := CheckView("md", "de"); err == nil || err.Error() != `--lang "de": use fr, en or nl` {
		t.Errorf("de: %v", err)
	}
}

func TestParseMonth(t *testing.T) {
	loc := brussels(t)
	now := time.Date(2027, 1, 3, 8, 0, 0, 0, loc)
	for s, want := range map[string]time.Time{
		"":        time.Date(2026, 12, 1, 0, 0, 0, 0, loc),
		"last":    time.Date(2026, 12, 1, 0, 0, 0, 0, loc),
		"current": time.Date(2027, 1, 1, 0, 0, 0, 0, loc),
		"2026-07": time.Date(2026, 7, 1, 0, 0, 0, 0, loc),
	} {
		if got, err := ParseMonth(s, now, loc); err != nil || !got.Equal(want) {
			t.Errorf("ParseMonth(%q) = %v, %v; want %v", s, got, err, want)
		}
	}
	if _, err := ParseMonth("2026-13", now, loc); err == nil || err.Error() != `"2026-13": use YYYY-MM (e.g. 2026-12), last or current` {
		t.Errorf("2026-13: %v", err)
	}
}

func TestCheckBrand(t *testing.T) {
	c := fixtureConfig()
	if CheckBrand(c, "") != nil || CheckBrand(c, "bistro") != nil || CheckBrand(&pipeline.Config{}, "any") != nil {
		t.Error("a brand of crieur.yml, all brands, or any brand without brands is refused")
	}
	if err := CheckBrand(c, "autre"); err == nil || err.Error() != `--brand "autre" is not a brand of crieur.yml (bistro, verriere)` {
		t.Errorf("autre: %v", err)
	}
}

// reporterFixture is a repository with one post that went out on
// 1 December 2026.
func reporterFixture(t *testing.T) *Reporter {
	t.Helper()
	repo := testrepo.Open(t, nil, map[string]string{
		"crieur.yml": "timezone: Europe/Brussels\nchannels:\n  mastodon:\n    type: outbox\n    network: mastodon\n    dir: outbox\n",
		pLancement:   testrepo.Post("publish_at: 2026-12-01 09:30\nchannels: [mastodon]", "La nouvelle **saison** commence !"),
	})
	if _, err := repo.Journal().Append(pub("2026-12-01T08:30:00Z", pipeline.ActionPublished, pLancement, "mastodon", "mastodon", "1")); err != nil {
		t.Fatal(err)
	}
	loc := repo.Config.Timezone
	return &Reporter{Repo: repo, Month: time.Date(2026, 12, 1, 0, 0, 0, 0, loc), Lang: "fr", Repository: "verriere/contenu",
		Readings: func(from, to time.Time) ([]pipeline.Reading, error) {
			if !from.Equal(time.Date(2026, 11, 1, 0, 0, 0, 0, loc)) || !to.Equal(time.Date(2027, 2, 1, 0, 0, 0, 0, loc)) {
				t.Errorf("readings from %v to %v: want the month before to the month after", from, to)
			}
			return []pipeline.Reading{{Time: ts("2026-12-02T08:00:00Z"), Post: pLancement, Channel: "mastodon", Network: "mastodon", ID: "1",
				Engagement: pipeline.Engagement{pipeline.Likes: 4}}}, nil
		},
		Write: func(string, func(io.Writer) error) error { t.Error("a file was written"); return nil }}
}

func TestReporterPrints(t *testing.T) {
	r := reporterFixture(t)
	var out bytes.Buffer
	var summary *Report
	r.Format, r.Stdout, r.Summary = "md", &out, func(rep *Report) { summary = rep }
	r.Review = func(in *Input, recs []pipeline.Record, month, end time.Time) {
		if len(recs) != 1 || !month.Equal(r.Month) || !end.Equal(r.Month.AddDate(0, 1, 0)) {
			t.Errorf("review of %d records, %v to %v", len(recs), month, end)
		}
		in.Caught = []pipeline.Caught{{Post: pLancement, Rule: "charte.forbidden", Severity: pipeline.Error, Message: "gratos", Author: "Dominique"}}
	}
	res, err := r.Run()
	if err != nil {
		t.Fatal(err)
	}
	md := out.String()
	for _, want := range []string{"# Rapport mensuel — décembre 2026", "La nouvelle saison commence", "charte.forbidden", "Dominique"} {
		if !strings.Contains(md, want) {
			t.Errorf("the Markdown lacks %q:\n%s", want, md)
		}
	}
	if summary != res.Report || res.Files != nil || len(res.Report.Publications) != 1 {
		t.Errorf("summary %p, report %p, files %v", summary, res.Report, res.Files)
	}
}

func TestReporterWritesAndCommits(t *testing.T) {
	r := reporterFixture(t)
	var out bytes.Buffer
	written := map[string]string{}
	r.Format, r.Stdout = "csv", &out // a folder or a commit: the three files, not the format
	r.Write = func(p string, write func(io.Writer) error) error {
		var b strings.Builder
		err := write(&b)
		written[p] = b.String()
		return err
	}
	var message string
	hashes := []string{"0123456789abcdef", ""}
	r.Commit = func(paths []string, msg string) (string, error) {
		if len(paths) != 3 {
			t.Errorf("committed %v", paths)
		}
		message = msg
		h := hashes[0]
		hashes = hashes[1:]
		return h, nil
	}
	res, err := r.Run()
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(r.Repo.Root, "reports", "2026-12")
	for _, name := range []string{"report.md", "report.html", "report.csv"} {
		if written[filepath.Join(dir, name)] == "" {
			t.Errorf("%s not written in %s: %v", name, dir, res.Files)
		}
	}
	if message != "crieur: report of 2026-12\n\n1 publication, 4 interactions.\n" {
		t.Errorf("commit message %q", message)
	}
	if m := CommitMessage(&Report{Month: r.Month, Brand: "verriere", Total: Group{Interactions: 1}}); m != "crieur: report of 2026-12 (verriere)\n\n0 publications, 1 interaction.\n" {
		t.Errorf("a brand's commit message %q", m)
	}
	if _, err := r.Run(); err != nil {
		t.Fatal(err)
	}
	if out.String() != "committed 0123456789ab\nthe report has not changed: nothing to commit\n" {
		t.Errorf("stdout %q", out.String())
	}
	r.Brand = "verriere"
	if p := r.path("report.md"); p != filepath.Join(r.Repo.Root, "reports", "2026-12", "verriere", "report.md") {
		t.Errorf("a brand's report goes to %s", p)
	}
	r.Dir = filepath.Join(t.TempDir(), "out")
	r.Commit = func([]string, string) (string, error) { return "", errors.New("git: locked") }
	if res, err := r.Run(); err == nil || res.Files[0] != filepath.Join(r.Dir, "report.md") {
		t.Errorf("into --out: %v, %v", res.Files, err)
	}
}
