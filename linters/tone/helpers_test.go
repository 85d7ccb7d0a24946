package tone_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/crieur/crieur/linters/rule"
	"github.com/crieur/crieur/linters/tone"
	"github.com/crieur/crieur/pipeline"
	"github.com/crieur/crieur/pipeline/content"
)

// The helpers build a real content repository in a temporary folder and
// load it as `crieur lint` does (content.Open, PostPaths, LoadPosts), so
// that the rule sees positions computed from real files.

const testConfig = `timezone: Europe/Brussels
defaults:
  channels: [mastodon]
  lang: fr
channels:
  mastodon:
    type: outbox
  bluesky:
    type: outbox
`

// testCharter is the charter of most tests: every switch left out (on),
// the reader addressed as vous.
const testCharter = `languages: [fr, en, nl]
tone:
  address: vous
`

const testVocabulary = "# vocabulaire\nDJ\nBOZAR\nVerrière\nTour-et-Taxis\n"

const postPath = "posts/2026/12/post.md"

var now = time.Date(2026, 12, 2, 12, 0, 0, 0, time.UTC)

// newRepo writes files (path -> content; crieur.yml, charte.yml and
// vocabulaire.txt get the defaults above unless given) and opens the
// repository.
func newRepo(t testing.TB, files map[string]string) *content.Repo {
	t.Helper()
	dir := t.TempDir()
	all := map[string]string{"crieur.yml": testConfig, "charte.yml": testCharter, "vocabulaire.txt": testVocabulary}
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

// loadOne loads the posts of the repository and returns the one at path;
// a load finding on it fails the test, so that the rule judges a post the
// loader accepted.
func loadOne(t testing.TB, r *content.Repo, path string) *content.File {
	t.Helper()
	paths, err := r.PostPaths()
	if err != nil {
		t.Fatal(err)
	}
	files, findings := r.LoadPosts(paths)
	for _, f := range findings {
		if f.Path == path {
			t.Fatalf("loading %s: %v", path, f)
		}
	}
	for _, f := range files {
		if f.Post.Path == path {
			return f
		}
	}
	t.Fatalf("%s not loaded (have %d posts)", path, len(files))
	return nil
}

// post makes a post file: front matter lines, then the body.
func post(front, body string) string {
	return "---\n" + strings.TrimSpace(front) + "\n---\n" + body
}

// lintPost writes one post (front matter without publish_at) into a
// repository with the given charter ("" for testCharter) and runs Tone.
func lintPost(t testing.TB, charter, front, body string) (string, *content.File, []pipeline.Finding) {
	t.Helper()
	src := post("publish_at: 2026-12-20 10:00\n"+front, body)
	files := map[string]string{postPath: src}
	if charter != "" {
		files["charte.yml"] = charter
	}
	r := newRepo(t, files)
	f := loadOne(t, r, postPath)
	return src, f, tone.Tone{}.Check(&rule.Context{Repo: r, Now: now}, f)
}

// posOf is the line and column (in characters) of the n-th (1-based)
// occurrence of sub in src, computed independently of the rule.
func posOf(t testing.TB, src, sub string, n int) (int, int) {
	t.Helper()
	off := -1
	for k := 0; k < n; k++ {
		i := strings.Index(src[off+1:], sub)
		if i < 0 {
			t.Fatalf("occurrence %d of %q not in the test file", n, sub)
		}
		off += 1 + i
	}
	line := strings.Count(src[:off], "\n") + 1
	col := utf8.RuneCountInString(src[strings.LastIndex(src[:off], "\n")+1:off]) + 1
	return line, col
}
