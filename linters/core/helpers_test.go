package core_test

import (
	"image/jpeg"
	"image/png"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/crieur/crieur/internal/testrepo"
	"github.com/crieur/crieur/linters/rule"
	"github.com/crieur/crieur/pipeline"
	"github.com/crieur/crieur/pipeline/content"
)

// The helpers below build a real content repository in a temporary folder
// and load it the way `crieur lint` does (content.Open, PostPaths,
// LoadPosts), so that the rules see positions computed from real files.
// internal/testrepo holds their bodies.

// baseConfig declares one channel per network the tests need. Outbox
// channels named after a network stand in for it; the last three show a
// channel whose network differs from its name and limit: overrides.
const baseConfig = `timezone: Europe/Brussels
defaults:
  channels: [mastodon]
  lang: fr
channels:
  mastodon:
    type: outbox
  bluesky:
    type: outbox
  x:
    type: outbox
  linkedin:
    type: outbox
  instagram:
    type: outbox
  slack:
    type: outbox
  court:
    type: outbox
    network: mastodon
    limit: 100
  large:
    type: outbox
    network: mastodon
    limit: 1000
`

const baseCharter = `media:
  alt_min: 15
`

// now is the lint time of every test: 2 December 2026, noon in Brussels.
var now = time.Date(2026, 12, 2, 12, 0, 0, 0, brussels())

func brussels() *time.Location {
	loc, err := time.LoadLocation("Europe/Brussels")
	if err != nil {
		panic(err)
	}
	return loc
}

// newRepo writes files (path -> content; crieur.yml and charte.yml get
// the defaults above unless given) into a temporary folder and opens it.
func newRepo(t *testing.T, files map[string]string) *content.Repo {
	t.Helper()
	return testrepo.Open(t, map[string]string{"crieur.yml": baseConfig, "charte.yml": baseCharter}, files)
}

var (
	// loadOne loads every post of the repository and returns the one at
	// path. A load finding on that post fails the test: the rules must
	// judge a post that the loader accepted, or a test could pass for the
	// wrong reason.
	loadOne = testrepo.LoadOne
	// post makes a post file: front matter lines, then the body.
	post = testrepo.Post
	// lineOf is the 1-based line of the first occurrence of sub in src.
	lineOf = testrepo.LineOf
	// byRule keeps the findings of one rule id.
	byRule = testrepo.ByRule
	// jpegImage encodes a small real JPEG.
	jpegImage = testrepo.JPEG
	// pngImage encodes a small real PNG; with size > 0 a tEXt chunk pads
	// it to exactly size bytes, and it stays a valid PNG.
	pngImage = testrepo.PNG
)

// check loads the post at path and runs one rule on it.
func check(t *testing.T, ru rule.Rule, r *content.Repo, path string) []pipeline.Finding {
	t.Helper()
	f := loadOne(t, r, path)
	return ru.Check(&rule.Context{Repo: r, Now: now}, f)
}

// prose returns French text of exactly n code points, each its own
// grapheme cluster and weighing 1 on X (accents, apostrophes, commas), with
// no Markdown syntax and no space at either end.
func prose(n int) string {
	const base = "Venez découvrir la saison d'été à Bruxelles, où chaque soirée réserve une surprise. "
	var b strings.Builder
	for utf8.RuneCountInString(b.String()) < n {
		b.WriteString(base)
	}
	r := []rune(b.String())[:n]
	if r[0] == ' ' {
		r[0] = 'V'
	}
	if r[n-1] == ' ' {
		r[n-1] = 'e'
	}
	return string(r)
}

// TestImageHelpers checks that the images the tests write are images: a
// media.format or media.size test must not pass because a file is junk.
func TestImageHelpers(t *testing.T) {
	if _, err := jpeg.Decode(strings.NewReader(jpegImage(t))); err != nil {
		t.Errorf("jpegImage: %v", err)
	}
	for _, size := range []int{0, 2_000_000, 2_621_440} {
		data := pngImage(t, size)
		if _, err := png.Decode(strings.NewReader(data)); err != nil {
			t.Errorf("pngImage(%d): %v", size, err)
		}
		if got := pipeline.ImageFormat([]byte(data)); got != "png" {
			t.Errorf("pngImage(%d) is %q", size, got)
		}
	}
}
