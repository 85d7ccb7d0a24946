package linters_test

import (
	"strings"
	"testing"
	"time"

	"github.com/crieur/crieur/internal/testrepo"
	"github.com/crieur/crieur/pipeline/content"
)

// These helpers build a real content repository in a temporary folder and
// load it as `crieur lint` does; internal/testrepo holds their bodies.

const baseConfig = `timezone: Europe/Brussels
defaults:
  channels: [mastodon]
  lang: fr
channels:
  mastodon:
    type: outbox
  bluesky:
    type: outbox
  instagram:
    type: outbox
  slack:
    type: outbox
`

// now is the lint time: 2 December 2026, noon in Brussels.
var now = func() time.Time {
	loc, err := time.LoadLocation("Europe/Brussels")
	if err != nil {
		panic(err)
	}
	return time.Date(2026, 12, 2, 12, 0, 0, 0, loc)
}()

// newRepo writes files into a temporary folder and opens it; crieur.yml
// defaults to baseConfig, charte.yml to a charter with French and no
// grammar (Grammalecte, a process started on every lint, is for the
// tests about it, which write their own charter).
func newRepo(t *testing.T, files map[string]string) *content.Repo {
	t.Helper()
	return testrepo.Open(t, map[string]string{"crieur.yml": baseConfig, "charte.yml": "languages: [fr]\nspelling:\n  grammar: false\n"}, files)
}

var (
	// loadAll loads every post, as lint does without arguments, and
	// returns the load findings too.
	loadAll = testrepo.Load
	// post makes a post file: front matter, then the body.
	post = testrepo.Post
	// lineOf is the 1-based line of the first occurrence of sub in src.
	lineOf = testrepo.LineOf
	// jpegImage encodes a small real JPEG.
	jpegImage = testrepo.JPEG
	// pngImage encodes a small real PNG padded to size bytes.
	pngImage = testrepo.PNG
)

// long returns n characters of French prose without Markdown syntax.
func long(n int) string {
	const base = "Venez découvrir la saison d'été à Bruxelles, où chaque soirée réserve une surprise. "
	r := []rune(strings.Repeat(base, n/len([]rune(base))+1))[:n]
	r[n-1] = 'e'
	return string(r)
}
