package spelling_test

import (
	"sort"
	"testing"
	"time"

	"github.com/crieur/crieur/internal/testrepo"
	"github.com/crieur/crieur/linters/rule"
	"github.com/crieur/crieur/pipeline"
	"github.com/crieur/crieur/pipeline/content"
)

// The helpers build a real content repository in a temporary folder and
// load it the way `crieur lint` does (content.Open, PostPaths,
// LoadPosts), so that findings carry positions computed from real files.
// internal/testrepo holds their bodies.

const baseConfig = `timezone: Europe/Brussels
defaults:
  channels: [mastodon]
  lang: fr
channels:
  mastodon:
    type: outbox
  bluesky:
    type: outbox
`

// baseCharter splits hashtags, as content-example does; tests that need
// another charter give their own charte.yml.
const baseCharter = `spelling:
  hashtags: split
  reject: [Bruxelle, Molenbeeck]
`

// baseVocabulary holds the names the tests use. Most tests share it, so
// that they share one loaded dictionary.
const baseVocabulary = `# names
Verrière
Maëlle
Dufrasne
Molenbeek
Molenbeek-Saint-Jean
Jeudi jazz
`

const postPath = "posts/2026/12/test.md"

var now = time.Date(2026, 12, 2, 12, 0, 0, 0, time.UTC)

// newRepo writes files (path -> content; crieur.yml, charte.yml and
// vocabulaire.txt get the defaults above unless given) into a temporary
// folder and opens it.
func newRepo(t testing.TB, files map[string]string) *content.Repo {
	t.Helper()
	return testrepo.Open(t, map[string]string{"crieur.yml": baseConfig, "charte.yml": baseCharter, "vocabulaire.txt": baseVocabulary}, files)
}

// loadOne loads the post at path.
func loadOne(t testing.TB, r *content.Repo, path string) *content.File {
	t.Helper()
	return testrepo.Find(t, loadAll(t, r), path)
}

var (
	// loadAll loads every post; a load finding fails the test, so that
	// the rule judges only posts the loader accepted.
	loadAll = testrepo.LoadAll
	// post makes a post file: front matter lines, then the body.
	post = testrepo.Post
	// applyFixes applies every fix of the findings to src.
	applyFixes = testrepo.Apply
	// byRule keeps the findings of one rule id.
	byRule = testrepo.ByRule
)

// check runs one rule on the post at path, in a run of its own.
func check(t testing.TB, ru rule.Rule, r *content.Repo, path string) []pipeline.Finding {
	t.Helper()
	return ru.Check(&rule.Context{Repo: r, Now: now}, loadOne(t, r, path))
}

// words lists the text each finding covers in src, in order.
func words(t testing.TB, src string, fs []pipeline.Finding) []string {
	t.Helper()
	f := fileOf(src)
	out := []string{}
	for _, fd := range fs {
		start := f.offset(fd.Line, fd.Col)
		end := f.offset(fd.EndLine, fd.EndCol)
		if end < start {
			t.Fatalf("finding %v ends before it starts", fd)
		}
		out = append(out, src[start:end])
	}
	return out
}

// lines indexes a file's lines to turn positions into offsets without
// the code under test.
type lines struct {
	src   string
	start []int
}

func fileOf(src string) lines {
	l := lines{src: src, start: []int{0}}
	for i := 0; i < len(src); i++ {
		if src[i] == '\n' {
			l.start = append(l.start, i+1)
		}
	}
	return l
}

func (l lines) offset(line, col int) int {
	off := l.start[line-1]
	for c := 1; c < col; c++ {
		_, size := decodeRune(l.src[off:])
		off += size
	}
	return off
}

func decodeRune(s string) (rune, int) {
	for i, r := range s {
		if i == 0 {
			n := len(string(r))
			return r, n
		}
	}
	return 0, 0
}

func sorted(s []string) []string {
	s = append([]string(nil), s...)
	sort.Strings(s)
	return s
}
