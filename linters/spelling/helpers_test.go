package spelling_test

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/crieur/crieur/linters/rule"
	"github.com/crieur/crieur/pipeline"
	"github.com/crieur/crieur/pipeline/content"
)

// The helpers build a real content repository in a temporary folder and
// load it the way `crieur lint` does (content.Open, PostPaths,
// LoadPosts), so that findings carry positions computed from real files.

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
	dir := t.TempDir()
	all := map[string]string{"crieur.yml": baseConfig, "charte.yml": baseCharter, "vocabulaire.txt": baseVocabulary}
	for k, v := range files {
		all[k] = v
	}
	for rel, data := range all {
		p := filepath.Join(dir, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	r, err := content.Open(dir)
	if err != nil {
		t.Fatalf("open the test repository: %v", err)
	}
	return r
}

// loadAll loads every post; a load finding fails the test, so that the
// rule judges only posts the loader accepted.
func loadAll(t testing.TB, r *content.Repo) []*content.File {
	t.Helper()
	paths, err := r.PostPaths()
	if err != nil {
		t.Fatal(err)
	}
	files, findings := r.LoadPosts(paths)
	for _, f := range findings {
		t.Fatalf("loading: %v", f)
	}
	return files
}

// loadOne loads the post at path.
func loadOne(t testing.TB, r *content.Repo, path string) *content.File {
	t.Helper()
	for _, f := range loadAll(t, r) {
		if f.Post.Path == path {
			return f
		}
	}
	t.Fatalf("%s not loaded", path)
	return nil
}

// check runs one rule on the post at path, in a run of its own.
func check(t testing.TB, ru rule.Rule, r *content.Repo, path string) []pipeline.Finding {
	t.Helper()
	return ru.Check(&rule.Context{Repo: r, Now: now}, loadOne(t, r, path))
}

// post makes a post file: front matter lines, then the body.
func post(front, body string) string {
	return "---\n" + strings.TrimSpace(front) + "\n---\n" + body
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

// applyFixes applies every fix of the findings to src.
func applyFixes(src string, fs []pipeline.Finding) string {
	var fixes []pipeline.Fix
	for _, f := range fs {
		if f.Fix != nil {
			fixes = append(fixes, *f.Fix)
		}
	}
	out, _ := pipeline.ApplyFixes([]byte(src), fixes)
	return string(out)
}

// byRule keeps the findings of one rule id.
func byRule(fs []pipeline.Finding, id string) []pipeline.Finding {
	var out []pipeline.Finding
	for _, f := range fs {
		if f.Rule == id {
			out = append(out, f)
		}
	}
	return out
}

func sorted(s []string) []string {
	s = append([]string(nil), s...)
	sort.Strings(s)
	return s
}
