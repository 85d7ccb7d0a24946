package linters_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/crieur/crieur/linters"
	"github.com/crieur/crieur/pipeline"
	"github.com/crieur/crieur/pipeline/content"
)

// yielding reports fixed findings under a rule that yields to the family
// "test.own", and ownRule reports the family's findings.
type yielding struct{ fs []pipeline.Finding }

func (yielding) Infos() []linters.Info {
	return []linters.Info{{ID: "test.other", Description: "test", Default: pipeline.Warning, Yields: "test.own"}}
}

func (r yielding) CheckAll(*linters.Context, []*content.File) []pipeline.Finding { return r.fs }

type ownRule struct{ fs []pipeline.Finding }

func (ownRule) Infos() []linters.Info {
	return []linters.Info{{ID: "test.own.x", Description: "test", Default: pipeline.Warning}}
}

func (r ownRule) Check(*linters.Context, *content.File) []pipeline.Finding { return r.fs }

// A rule that yields loses its findings where the family it yields to
// says something at the same place, and keeps the others.
func TestYields(t *testing.T) {
	r := newRepo(t, map[string]string{postPath: post("publish_at: 2026-12-20 10:00", "Venez!\nLe 2ème.\n")})
	files, _ := loadAll(t, r)
	f := func(id string, line, col, end int) pipeline.Finding {
		return pipeline.Finding{Path: postPath, Line: line, Col: col, EndCol: end, Rule: id, Severity: pipeline.Warning, Message: id}
	}
	own := []pipeline.Finding{f("test.own.x", 3, 6, 7), f("test.own.x", 4, 10, 10)}
	other := []pipeline.Finding{
		f("test.other", 3, 5, 7),  // overlaps the first: dropped
		f("test.other", 3, 1, 3),  // elsewhere on the line: kept
		f("test.other", 4, 9, 10), // beside an insertion: dropped
		f("test.other", 3, 7, 8),  // touches the first, shares nothing: kept
		f("test.other", 5, 6, 7),  // another line: kept
	}
	e := &linters.Engine{Rules: []linters.Rule{ownRule{own}}, CalendarRules: []linters.CalendarRule{yielding{other}}}
	got := e.Lint(&linters.Context{Repo: r, Now: now}, files, files, nil)
	want := []pipeline.Finding{own[0], other[1], other[3], own[1], other[4]}
	linters.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("got %v\nwant %v", got, want)
	}
}

// With Grammalecte: its typography is reported where crieur's typo rules
// say nothing (straight quotes, 19h), not where they speak (the missing
// space before « ! », the three dots); the fixes of both, applied, leave
// a post neither complains about.
func TestGrammalecteTypography(t *testing.T) {
	if _, err := exec.LookPath("grammalecte-cli"); err != nil {
		t.Skip("grammalecte-cli is not installed (scripts/deps.sh installs it; CI runs this test)")
	}
	body := "Venez! Concert à 19h sur \"Les quais de Saône\"...\n"
	r := newRepo(t, map[string]string{
		"charte.yml": "languages: [fr]\ntypography:\n  french: true\n  space: narrow\n",
		postPath:     post("publish_at: 2026-12-20 10:00", body),
	})
	fs := lintAll(t, r)
	at := func(id string) []string {
		var out []string
		for _, f := range fs {
			if f.Rule == id || strings.HasPrefix(f.Rule, id+".") {
				out = append(out, string([]rune(strings.TrimSuffix(body, "\n"))[f.Col-1:max(f.EndCol-1, f.Col)]))
			}
		}
		return out
	}
	typo, gram := at("typo"), at("grammar.typo")
	if len(typo) < 2 {
		t.Fatalf("typo findings: %q (want the « ! » and the dots)", typo)
	}
	for _, w := range []string{"19h", "\""} {
		if !slices.Contains(gram, w) {
			t.Errorf("no grammar.typo on %q: %q", w, gram)
		}
	}
	for _, f := range fs {
		if f.Rule != "grammar.typo" {
			continue
		}
		for _, g := range fs {
			if strings.HasPrefix(g.Rule, "typo.") && g.Line == f.Line && g.Col < max(f.EndCol, f.Col+1) && f.Col < max(g.EndCol, g.Col+1) {
				t.Errorf("said twice: %v and %v", f, g)
			}
		}
	}
	// crieur fix typo grammar.typo
	path := filepath.Join(r.Root, postPath)
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	fixed, applied := pipeline.ApplyFixes(src, linters.FixesFor(fs, []string{"typo", "grammar.typo"})[postPath])
	if len(applied) < 4 {
		t.Errorf("applied %d fixes", len(applied))
	}
	if err := os.WriteFile(path, fixed, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, f := range lintAll(t, r) {
		if strings.HasPrefix(f.Rule, "typo.") || f.Rule == "grammar.typo" {
			t.Errorf("after the fixes (%q): %v", fixed, f)
		}
	}
}

// batched is a Batched calendar rule that records how many files it saw.
type batched struct{ everyFile }

func (batched) Batched() {}

// A Batched rule sees the posts in scope only: linting one post does not
// send the whole calendar to Grammalecte.
func TestBatchedSeesScope(t *testing.T) {
	front := "publish_at: 2026-12-20 10:00\nchannels: [mastodon]"
	r := newRepo(t, map[string]string{
		"posts/2026/12/a.md": post(front, "Premier.\n"),
		"posts/2026/12/b.md": post(front, "Deuxième.\n"),
	})
	files, _ := loadAll(t, r)
	var saw int
	e := &linters.Engine{CalendarRules: []linters.CalendarRule{batched{everyFile{&saw}}}}
	e.Lint(&linters.Context{Repo: r, Now: now}, files[:1], files, nil)
	if saw != 1 {
		t.Errorf("the batched rule saw %d files, want the one in scope", saw)
	}
}

// advisory is an Advisory rule that counts its runs.
type advisory struct{ everyFile }

func (advisory) Advisory() {}

// A run that acts on errors only (publish) skips an advisory rule, unless
// a charter makes one of its ids an error; other runs always run it.
func TestErrorsOnlySkipsAdvisoryRules(t *testing.T) {
	front := "publish_at: 2026-12-20 10:00\nchannels: [mastodon]"
	for _, tc := range []struct {
		charter    string
		errorsOnly bool
		runs       bool
	}{
		{"", false, true},
		{"", true, false},
		{"severity:\n  test.calendar: error\n", true, true},
		{"severity:\n  test: error\n", true, true},
		{"severity:\n  test.calendar: suggestion\n", true, false},
	} {
		files := map[string]string{"posts/2026/12/a.md": post(front, "Premier.\n")}
		if tc.charter != "" {
			files["charte.yml"] = tc.charter
		}
		r := newRepo(t, files)
		all, _ := loadAll(t, r)
		saw := -1
		e := &linters.Engine{CalendarRules: []linters.CalendarRule{advisory{everyFile{&saw}}}}
		e.Lint(&linters.Context{Repo: r, Now: now, ErrorsOnly: tc.errorsOnly}, all, all, nil)
		if ran := saw >= 0; ran != tc.runs {
			t.Errorf("charter %q, errors only %v: ran %v, want %v", tc.charter, tc.errorsOnly, ran, tc.runs)
		}
	}
}
