package linters_test

import (
	"fmt"
	"math/rand"
	"slices"
	"strings"
	"testing"

	"github.com/crieur/crieur/linters"
	"github.com/crieur/crieur/pipeline"
	"github.com/crieur/crieur/pipeline/content"
)

const postPath = "posts/2026/12/post.md"

// lintAll loads every post of r and lints them all with every rule, as
// `crieur lint` without arguments does.
func lintAll(t *testing.T, r *content.Repo) []pipeline.Finding {
	t.Helper()
	files, loadFindings := loadAll(t, r)
	return linters.New().Lint(&linters.Context{Repo: r, Now: now}, files, files, loadFindings)
}

// severities reduces findings to rule id -> severity; a rule reported
// twice with two severities fails the test.
func severities(t *testing.T, fs []pipeline.Finding) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, f := range fs {
		if s, ok := out[f.Rule]; ok && s != f.Severity.String() {
			t.Fatalf("%s reported as %s and %s", f.Rule, s, f.Severity)
		}
		out[f.Rule] = f.Severity.String()
	}
	return out
}

// threeFindings is a post that gets a schema.unknown_key (couleur), a
// media.alt (the first image) and a media.count (five images on Bluesky),
// all errors by default.
var threeFindings = post(`
publish_at: 2026-12-20 10:00
channels: [bluesky]
couleur: rouge
media:
  - file: /media/a.jpg
  - {file: /media/a.jpg, alt: Affiche de la saison sur fond rouge}
  - {file: /media/a.jpg, alt: Affiche de la saison sur fond rouge}
  - {file: /media/a.jpg, alt: Affiche de la saison sur fond rouge}
  - {file: /media/a.jpg, alt: Affiche de la saison sur fond rouge}
`, "La saison commence.\n")

func TestSeverityOverrides(t *testing.T) {
	tests := []struct {
		name     string
		severity string // the charter's severity: section
		want     map[string]string
	}{
		{
			name: "no override: the rules' own severities",
			want: map[string]string{"schema.unknown_key": "error", "media.alt": "error", "media.count": "error"},
		},
		{
			name:     "an exact id",
			severity: "media.alt: warning",
			want:     map[string]string{"schema.unknown_key": "error", "media.alt": "warning", "media.count": "error"},
		},
		{
			name:     "a family",
			severity: "media: suggestion",
			want:     map[string]string{"schema.unknown_key": "error", "media.alt": "suggestion", "media.count": "suggestion"},
		},
		{
			name:     "a family written with its dot, as the charter schema documents (schedule.)",
			severity: "'media.': warning",
			want:     map[string]string{"schema.unknown_key": "error", "media.alt": "warning", "media.count": "warning"},
		},
		{
			name:     "the longest match wins over the family",
			severity: "media: off\n  media.count: warning",
			want:     map[string]string{"schema.unknown_key": "error", "media.count": "warning"},
		},
		{
			name:     "the longest match wins, whatever the order",
			severity: "media.count: off\n  media: warning",
			want:     map[string]string{"schema.unknown_key": "error", "media.alt": "warning"},
		},
		{
			name:     "off removes",
			severity: "media.alt: off",
			want:     map[string]string{"schema.unknown_key": "error", "media.count": "error"},
		},
		{
			name:     "a prefix that is not a whole family does not match",
			severity: "med: off\n  media.al: off",
			want:     map[string]string{"schema.unknown_key": "error", "media.alt": "error", "media.count": "error"},
		},
		{
			name:     "all switches off every rule but schema",
			severity: "all: off",
			want:     map[string]string{"schema.unknown_key": "error"},
		},
		{
			name:     "schema cannot be lowered nor switched off",
			severity: "schema: off\n  schema.unknown_key: warning",
			want:     map[string]string{"schema.unknown_key": "error", "media.alt": "error", "media.count": "error"},
		},
		{
			name:     "a rule of a lowered family can be raised back",
			severity: "media: suggestion\n  media.alt: error",
			want:     map[string]string{"schema.unknown_key": "error", "media.alt": "error", "media.count": "suggestion"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			// Grammalecte is not what this test is about, and it
			// would start 110 times.
			charter := "languages: [fr]\nspelling:\n  grammar: false\n"
			if tc.severity != "" {
				charter += "severity:\n  " + tc.severity + "\n"
			}
			r := newRepo(t, map[string]string{
				"charte.yml":  charter,
				postPath:      threeFindings,
				"media/a.jpg": jpegImage(t),
			})
			// Map order is random: lint a few times so that "longest
			// wins" cannot pass by luck.
			for i := 0; i < 10; i++ {
				if got := severities(t, lintAll(t, r)); !mapsEqual(got, tc.want) {
					t.Fatalf("got %v, want %v", got, tc.want)
				}
			}
		})
	}
}

func mapsEqual(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || w != v {
			return false
		}
	}
	return true
}

// TestSeverityPerBrand: each brand's charter applies to its own posts.
func TestSeverityPerBrand(t *testing.T) {
	config := baseConfig + `brands:
  calme:
    charter: calme.yml
  strict:
    charter: strict.yml
`
	front := "publish_at: 2026-12-20 10:00\nchannels: [mastodon]\nmedia:\n  - file: /media/a.jpg\n"
	r := newRepo(t, map[string]string{
		"crieur.yml":              config,
		"calme.yml":               "severity:\n  media.alt: suggestion\n",
		"strict.yml":              "languages: [fr]\n",
		"posts/2026/12/calme.md":  post(front+"brand: calme", "Texte calme.\n"),
		"posts/2026/12/strict.md": post(front+"brand: strict", "Texte strict.\n"),
		"media/a.jpg":             jpegImage(t),
	})
	got := map[string]string{}
	for _, f := range lintAll(t, r) {
		got[f.Path+" "+f.Rule] = f.Severity.String()
	}
	want := map[string]string{
		"posts/2026/12/calme.md media.alt":  "suggestion",
		"posts/2026/12/strict.md media.alt": "error",
	}
	if !mapsEqual(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
}

func TestDisableFile(t *testing.T) {
	tests := []struct {
		name    string
		comment string
		want    []string // rule ids left, in reading order
	}{
		{"nothing silenced", "", []string{"schema.unknown_key", "media.count", "media.alt"}},
		{"a family", "<!-- crieur-disable media -->", []string{"schema.unknown_key"}},
		{"one rule", "<!-- crieur-disable media.alt -->", []string{"schema.unknown_key", "media.count"}},
		{"two rules, comma and space", "<!-- crieur-disable media.alt, media.count -->", []string{"schema.unknown_key"}},
		{"a family with its dot", "<!-- crieur-disable media. -->", []string{"schema.unknown_key"}},
		{"not a whole family", "<!-- crieur-disable med media.al -->", []string{"schema.unknown_key", "media.count", "media.alt"}},
		{"schema cannot be silenced", "<!-- crieur-disable schema schema.unknown_key all -->", []string{"schema.unknown_key"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			src := threeFindings + "\n" + tc.comment + "\n\n#culture\n"
			r := newRepo(t, map[string]string{postPath: src, "media/a.jpg": jpegImage(t)})
			var got []string
			for _, f := range lintAll(t, r) {
				got = append(got, f.Rule)
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("got %v, want %v", got, tc.want)
			}
		})
	}
}

func TestDisableNextLine(t *testing.T) {
	part := func(n int) string { return "Partie " + []string{"", "une", "deux"}[n] + " : " + long(320) }
	tests := []struct {
		name string
		src  string
		want []string // the lines (by their text) that keep a finding
	}{
		{
			name: "a YAML comment silences one media item's alt, not the other's",
			src: post(`
publish_at: 2026-12-20 10:00
channels: [mastodon]
media:
  # crieur-disable-next-line media.alt
  - file: /media/a.jpg
  - file: /media/b.jpg
`, "Texte.\n"),
			want: []string{"- file: /media/b.jpg"},
		},
		{
			name: "above the second part of a thread: only the first part is reported",
			src: post("publish_at: 2026-12-20 10:00\nchannels: [bluesky]",
				part(1)+"\n\n---\n\n<!-- crieur-disable-next-line length -->\n"+part(2)+"\n"),
			want: []string{"Partie une"},
		},
		{
			name: "above the first line of the body: only the second part is reported",
			src: post("publish_at: 2026-12-20 10:00\nchannels: [bluesky]",
				"<!-- crieur-disable-next-line length -->\n"+part(1)+"\n\n---\n\n"+part(2)+"\n"),
			want: []string{"Partie deux"},
		},
		{
			name: "blank lines between the comment and the text",
			src: post("publish_at: 2026-12-20 10:00\nchannels: [bluesky]",
				part(1)+"\n\n---\n<!-- crieur-disable-next-line length -->\n\n\n"+part(2)+"\n"),
			want: []string{"Partie une"},
		},
		{
			name: "another rule named: nothing silenced",
			src: post("publish_at: 2026-12-20 10:00\nchannels: [bluesky]",
				part(1)+"\n\n---\n\n<!-- crieur-disable-next-line media -->\n"+part(2)+"\n"),
			want: []string{"Partie une", "Partie deux"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := newRepo(t, map[string]string{postPath: tc.src, "media/a.jpg": jpegImage(t), "media/b.jpg": jpegImage(t)})
			var got, want []int
			for _, f := range lintAll(t, r) {
				if f.Rule != "length" && !strings.HasPrefix(f.Rule, "media.") {
					continue // the rules this test silences; others (typography, spelling) may speak
				}
				got = append(got, f.Line)
			}
			for _, w := range tc.want {
				want = append(want, lineOf(t, tc.src, w))
			}
			if !slices.Equal(got, want) {
				t.Errorf("findings on lines %v, want %v\n%s", got, want, numbered(tc.src))
			}
		})
	}
}

// numbered prints a file with line numbers, for failure messages.
func numbered(src string) string {
	var b strings.Builder
	for i, l := range strings.Split(src, "\n") {
		if r := []rune(l); len(r) > 60 {
			l = string(r[:60]) + "…"
		}
		fmt.Fprintf(&b, "%3d %s\n", i+1, l)
	}
	return b.String()
}

// everyFile is a calendar rule that reports on every file it is shown,
// and on the charter, and records how many files it saw.
type everyFile struct{ saw *int }

func (everyFile) Infos() []linters.Info {
	return []linters.Info{{ID: "test.calendar", Description: "test", Default: pipeline.Warning}}
}

func (r everyFile) CheckAll(c *linters.Context, files []*content.File) []pipeline.Finding {
	*r.saw = len(files)
	out := []pipeline.Finding{{Path: "charte.yml", Line: 1, Col: 1, Rule: "test.calendar", Severity: pipeline.Warning, Message: "charter"}}
	for _, f := range files {
		out = append(out, pipeline.Finding{Path: f.Post.Path, Line: 2, Col: 1, Rule: "test.calendar", Severity: pipeline.Warning, Message: "calendar"})
	}
	return out
}

func TestCalendarScope(t *testing.T) {
	front := "publish_at: 2026-12-20 10:00\nchannels: [mastodon]"
	r := newRepo(t, map[string]string{
		"charte.yml":         "severity:\n  test: suggestion\n",
		"posts/2026/12/a.md": post(front, "Premier.\n"),
		"posts/2026/12/b.md": post(front, "Deuxième.\n"),
		"posts/2026/12/c.md": post(front, "Troisième.\n<!-- crieur-disable test.calendar -->\n"),
		"posts/2026/12/d.md": post(front, "Quatrième.\n"),
	})
	files, _ := loadAll(t, r)
	if len(files) != 4 {
		t.Fatalf("loaded %d files", len(files))
	}
	var saw int
	e := &linters.Engine{CalendarRules: []linters.CalendarRule{everyFile{&saw}}}
	scope := []*content.File{files[2], files[0]} // c and a
	got := e.Lint(&linters.Context{Repo: r, Now: now}, scope, files, nil)
	if saw != 4 {
		t.Errorf("the calendar rule saw %d files, want the whole calendar (4)", saw)
	}
	// b and d are out of scope, the charter too; c silences the rule.
	want := []pipeline.Finding{{Path: "posts/2026/12/a.md", Line: 2, Col: 1, Rule: "test.calendar", Severity: pipeline.Suggestion, Message: "calendar"}}
	if !slices.Equal(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
}

// unordered is a rule that reports findings out of order.
type unordered struct{}

func (unordered) Infos() []linters.Info { return []linters.Info{{ID: "test.b"}, {ID: "test.a"}} }

func (unordered) Check(c *linters.Context, f *content.File) []pipeline.Finding {
	at := func(line, col int, id string) pipeline.Finding {
		return pipeline.Finding{Path: f.Post.Path, Line: line, Col: col, Rule: id, Severity: pipeline.Warning}
	}
	return []pipeline.Finding{at(9, 1, "test.b"), at(2, 5, "test.b"), at(2, 5, "test.a"), at(2, 1, "test.b"), at(10, 1, "test.a")}
}

func TestLintSorts(t *testing.T) {
	front := "publish_at: 2026-12-20 10:00\nchannels: [mastodon]"
	r := newRepo(t, map[string]string{
		"posts/2026/12/b.md":  post(front, "B.\n"),
		"posts/2026/12/a.md":  post(front, "A.\n"),
		"posts/2026/12/aa.md": post(front, "AA.\n"),
	})
	files, _ := loadAll(t, r)
	slices.Reverse(files)
	load := []pipeline.Finding{{Path: "posts/2026/12/a.md", Line: 9, Col: 1, Rule: "schema.body", Severity: pipeline.Error}}
	got := (&linters.Engine{Rules: []linters.Rule{unordered{}}}).Lint(&linters.Context{Repo: r, Now: now}, files, files, load)
	var keys []string
	for _, f := range got {
		keys = append(keys, fmt.Sprintf("%s:%02d:%02d %s", f.Path[len("posts/2026/12/"):], f.Line, f.Col, f.Rule))
	}
	want := []string{
		"a.md:02:01 test.b", "a.md:02:05 test.a", "a.md:02:05 test.b", "a.md:09:01 schema.body", "a.md:09:01 test.b", "a.md:10:01 test.a",
		"aa.md:02:01 test.b", "aa.md:02:05 test.a", "aa.md:02:05 test.b", "aa.md:09:01 test.b", "aa.md:10:01 test.a",
		"b.md:02:01 test.b", "b.md:02:05 test.a", "b.md:02:05 test.b", "b.md:09:01 test.b", "b.md:10:01 test.a",
	}
	if !slices.Equal(keys, want) {
		t.Errorf("order:\n%s\nwant:\n%s", strings.Join(keys, "\n"), strings.Join(want, "\n"))
	}
}

func TestSort(t *testing.T) {
	at := func(path string, line, col int, id string) pipeline.Finding {
		return pipeline.Finding{Path: path, Line: line, Col: col, Rule: id, Message: path + id}
	}
	want := []pipeline.Finding{
		at("charte.yml", 3, 1, "z"),
		at("posts/a.md", 0, 0, "schema.file"),
		at("posts/a.md", 1, 9, "b"),
		at("posts/a.md", 2, 1, "a"),
		at("posts/a.md", 2, 1, "b"),
		at("posts/a.md", 2, 10, "a"),
		at("posts/a.md", 10, 1, "a"),
		at("posts/b.md", 1, 1, "a"),
	}
	rng := rand.New(rand.NewSource(1))
	for i := 0; i < 20; i++ {
		got := slices.Clone(want)
		rng.Shuffle(len(got), func(i, j int) { got[i], got[j] = got[j], got[i] })
		linters.Sort(got)
		if !slices.Equal(got, want) {
			t.Fatalf("Sort gave %v, want %v", got, want)
		}
	}
}

// TestBodyBinding: a text that would not go out as lint read it cannot be
// silenced in the post nor lowered by the charter.
func TestBodyBinding(t *testing.T) {
	r := newRepo(t, map[string]string{
		"charte.yml":         "severity:\n  body: off\n  body.html: warning\n",
		"posts/2026/12/a.md": post("publish_at: 2026-12-20 10:00", "<!-- crieur-disable body body.html -->\n<div>\nConcert annulé.\n</div>\n"),
	})
	var got []string
	for _, f := range lintAll(t, r) {
		if strings.HasPrefix(f.Rule, "body.") && f.Severity == pipeline.Error {
			got = append(got, fmt.Sprintf("%s@%d", f.Rule, f.Line))
		}
	}
	if fmt.Sprint(got) != "[body.html@5]" {
		t.Errorf("got %v, want [body.html@5]", got)
	}
}

// onceRule reports a finding about the run on every post, as
// spelling.dictionary does.
type onceRule struct{}

func (onceRule) Infos() []linters.Info { return []linters.Info{{ID: "test.once", Once: true}} }

func (onceRule) Check(c *linters.Context, f *content.File) []pipeline.Finding {
	return []pipeline.Finding{{Path: f.Post.Path, Line: 3, Col: 7, Rule: "test.once", Severity: pipeline.Error, Message: "no dictionary for fr"}}
}

// TestOnceFindingsStayInPlace: a finding about the run is kept once, on
// the first post in path order, whatever order the posts are checked in.
func TestOnceFindingsStayInPlace(t *testing.T) {
	front := "publish_at: 2026-12-20 10:00\nchannels: [mastodon]"
	r := newRepo(t, map[string]string{
		"posts/2026/12/b.md": post(front, "B.\n"),
		"posts/2026/12/a.md": post(front, "A.\n"),
		"posts/2026/12/c.md": post(front, "C.\n"),
	})
	files, _ := loadAll(t, r)
	e := &linters.Engine{Rules: []linters.Rule{onceRule{}}}
	for range 20 {
		rand.Shuffle(len(files), func(i, j int) { files[i], files[j] = files[j], files[i] })
		got := e.Lint(&linters.Context{Repo: r, Now: now}, files, files, nil)
		if len(got) != 1 || got[0].Path != "posts/2026/12/a.md" {
			t.Fatalf("got %v, want the finding once, on a.md", got)
		}
	}
}
