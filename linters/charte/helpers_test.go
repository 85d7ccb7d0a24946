package charte_test

import (
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/crieur/crieur/internal/testrepo"
	"github.com/crieur/crieur/linters/charte"
	"github.com/crieur/crieur/linters/rule"
	"github.com/crieur/crieur/pipeline"
	"github.com/crieur/crieur/pipeline/content"
)

// The helpers build a real content repository in a temporary folder and
// load it as `crieur lint` does (content.Open, PostPaths, LoadPosts), so
// the rule sees positions computed from real files. internal/testrepo
// holds their bodies.

// baseConfig declares channels on several networks; "fil" is a second
// Mastodon account, "annonces" a LinkedIn page.
const baseConfig = `timezone: Europe/Brussels
defaults:
  channels: [mastodon]
  lang: fr
channels:
  mastodon:
    type: outbox
  bluesky:
    type: outbox
  linkedin:
    type: outbox
  fil:
    type: outbox
    network: mastodon
  annonces:
    type: outbox
    network: linkedin
`

const postPath = "posts/2026/12/post.md"

var now = time.Date(2026, 12, 2, 12, 0, 0, 0, time.UTC)

// newRepo writes files (path -> content; crieur.yml gets baseConfig
// unless given) into a temporary folder and opens it.
func newRepo(t testing.TB, files map[string]string) *content.Repo {
	t.Helper()
	return testrepo.Open(t, map[string]string{"crieur.yml": baseConfig}, files)
}

var (
	// loadOne loads every post and returns the one at path; a load
	// finding on it fails the test, so the rule always judges a post the
	// loader took.
	loadOne = testrepo.LoadOne
	// post makes a post file: front matter lines, then the body.
	post = testrepo.Post
	// byRule keeps the findings of one rule id.
	byRule = testrepo.ByRule
	// posOf is the line and column (in characters) of the n-th (1-based)
	// occurrence of sub in src.
	posOf = testrepo.PosOf
	// applyFixes applies the fixes of findings to src; overlapping fixes
	// fail the test.
	applyFixes = testrepo.ApplyStrict
)

// lint writes a charter and one post, and runs the rule on the post.
func lint(t testing.TB, charter, src string) (*content.File, []pipeline.Finding) {
	t.Helper()
	r := newRepo(t, map[string]string{"charte.yml": charter, postPath: src})
	f := loadOne(t, r, postPath)
	return f, charte.Brand{}.Check(&rule.Context{Repo: r, Now: now}, f)
}

// want is one expected finding.
type want struct {
	rule string
	sev  pipeline.Severity
	at   string // the finding starts at this text of the file…
	nth  int    // …its nth occurrence (0 is 1)
	span bool   // and ends where this text ends
	say  string // the message holds this
	hint string // the hint holds this ("" not checked)
	fix  string // the fix writes this ("" no fix)
}

// tcase is a charter, a post, what the rule must say and the post once
// every fix is applied ("" when not checked).
type tcase struct {
	name    string
	charter string
	front   string
	body    string
	want    []want
	fixed   string
}

func runCases(t *testing.T, cases []tcase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			front := tc.front
			if front == "" {
				front = "publish_at: 2026-12-20 10:00"
			}
			src := post(front, tc.body)
			_, got := lint(t, tc.charter, src)
			sort.SliceStable(got, func(i, j int) bool {
				if got[i].Line != got[j].Line {
					return got[i].Line < got[j].Line
				}
				return got[i].Col < got[j].Col
			})
			if len(got) != len(tc.want) {
				t.Fatalf("got %d findings, want %d:\n%s", len(got), len(tc.want), list(got))
			}
			for _, f := range got {
				if m := placeholderRE.FindString(f.Message + f.Hint); m != "" {
					t.Errorf("%s: %s left unfilled in %q / %q", f.Rule, m, f.Message, f.Hint)
				}
			}
			for i, w := range tc.want {
				f := got[i]
				if f.Rule != w.rule || f.Severity != w.sev || f.Path != postPath {
					t.Errorf("finding %d = %v, want %s %s", i, f, w.sev, w.rule)
				}
				line, col := posOf(t, src, w.at, max(w.nth, 1))
				if f.Line != line || f.Col != col {
					t.Errorf("%s at %d:%d, want %d:%d (%q)", f.Rule, f.Line, f.Col, line, col, w.at)
				}
				if w.span {
					endLine, endCol := line+strings.Count(w.at, "\n"), col+len([]rune(w.at))
					if strings.Contains(w.at, "\n") {
						endCol = len([]rune(w.at[strings.LastIndexByte(w.at, '\n')+1:])) + 1
					}
					if f.EndLine != endLine || f.EndCol != endCol {
						t.Errorf("%s ends at %d:%d, want %d:%d", f.Rule, f.EndLine, f.EndCol, endLine, endCol)
					}
				}
				if !strings.Contains(f.Message, w.say) {
					t.Errorf("message %q does not say %q", f.Message, w.say)
				}
				if w.hint != "" && !strings.Contains(f.Hint, w.hint) {
					t.Errorf("hint %q does not say %q", f.Hint, w.hint)
				}
				switch {
				case w.fix == "" && f.Fix != nil:
					t.Errorf("%s: unexpected fix %+v", f.Rule, *f.Fix)
				case w.fix != "" && f.Fix == nil:
					t.Errorf("%s: no fix, want %q", f.Rule, w.fix)
				case w.fix != "" && f.Fix.Text != w.fix:
					t.Errorf("%s: fix writes %q, want %q", f.Rule, f.Fix.Text, w.fix)
				}
			}
			if tc.fixed != "" {
				if out := applyFixes(t, src, got); out != post(front, tc.fixed) {
					t.Errorf("fixed post:\n%s\nwant:\n%s", out, post(front, tc.fixed))
				}
			}
		})
	}
}

// placeholderRE is a {name} of defaults.yml that say did not fill.
var placeholderRE = regexp.MustCompile(`\{[a-z]+\}`)

func list(fs []pipeline.Finding) string {
	var b strings.Builder
	for _, f := range fs {
		b.WriteString("  " + f.String())
		if f.Fix != nil {
			b.WriteString(" fix=" + f.Fix.Text)
		}
		b.WriteString("\n")
	}
	return b.String()
}
