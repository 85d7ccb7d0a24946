package tone_test

import (
	"testing"
	"time"

	"github.com/crieur/crieur/internal/testrepo"
	"github.com/crieur/crieur/linters/rule"
	"github.com/crieur/crieur/linters/tone"
	"github.com/crieur/crieur/pipeline"
	"github.com/crieur/crieur/pipeline/content"
)

// The helpers build a real content repository in a temporary folder and
// load it as `crieur lint` does (content.Open, PostPaths, LoadPosts), so
// that the rule sees positions computed from real files. internal/testrepo
// holds their bodies.

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
	return testrepo.Open(t, map[string]string{"crieur.yml": testConfig, "charte.yml": testCharter, "vocabulaire.txt": testVocabulary}, files)
}

var (
	// loadOne loads the posts of the repository and returns the one at
	// path; a load finding on it fails the test, so that the rule judges
	// a post the loader accepted.
	loadOne = testrepo.LoadOne
	// post makes a post file: front matter lines, then the body.
	post = testrepo.Post
	// posOf is the line and column (in characters) of the n-th (1-based)
	// occurrence of sub in src, computed independently of the rule.
	posOf = testrepo.PosOf
)

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
