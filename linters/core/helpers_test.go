package core_test

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/crieur/crieur/linters/rule"
	"github.com/crieur/crieur/pipeline"
	"github.com/crieur/crieur/pipeline/content"
)

// The helpers below build a real content repository in a temporary folder
// and load it the way `crieur lint` does (content.Open, PostPaths,
// LoadPosts), so that the rules see positions computed from real files.

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
	dir := t.TempDir()
	all := map[string]string{"crieur.yml": baseConfig, "charte.yml": baseCharter}
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

// loadOne loads every post of the repository and returns the one at
// path. A load finding on that post fails the test: the rules must judge
// a post that the loader accepted, or a test could pass for the wrong
// reason.
func loadOne(t *testing.T, r *content.Repo, path string) *content.File {
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

// check loads the post at path and runs one rule on it.
func check(t *testing.T, ru rule.Rule, r *content.Repo, path string) []pipeline.Finding {
	t.Helper()
	f := loadOne(t, r, path)
	return ru.Check(&rule.Context{Repo: r, Now: now}, f)
}

// post makes a post file: front matter lines, then the body.
func post(front, body string) string {
	return "---\n" + strings.TrimSpace(front) + "\n---\n" + body
}

// lineOf is the 1-based line of the first occurrence of sub in src.
func lineOf(t *testing.T, src, sub string) int {
	t.Helper()
	i := strings.Index(src, sub)
	if i < 0 {
		t.Fatalf("%q not in the test file", sub)
	}
	return strings.Count(src[:i], "\n") + 1
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

// jpegImage encodes a small real JPEG.
func jpegImage(t *testing.T) string {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 16, 9))
	for x := 0; x < 16; x++ {
		img.Set(x, x%9, color.RGBA{R: 200, A: 255})
	}
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, nil); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

// pngImage encodes a small real PNG; with size > 0 a tEXt chunk pads it
// to exactly size bytes, and it stays a valid PNG.
func pngImage(t *testing.T, size int) string {
	t.Helper()
	img := image.NewNRGBA(image.Rect(0, 0, 8, 8))
	img.Set(3, 3, color.NRGBA{G: 255, A: 255})
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	b := buf.Bytes()
	if size <= 0 {
		return string(b)
	}
	const chunkOverhead = 12 // length, type, CRC
	key := []byte("Comment\x00")
	pad := size - len(b) - chunkOverhead - len(key)
	if pad < 0 {
		t.Fatalf("cannot pad a %d-byte PNG to %d bytes", len(b), size)
	}
	data := append(key, bytes.Repeat([]byte{'x'}, pad)...)
	chunk := binary.BigEndian.AppendUint32(nil, uint32(len(data)))
	chunk = append(chunk, "tEXt"...)
	chunk = append(chunk, data...)
	chunk = binary.BigEndian.AppendUint32(chunk, crc32.ChecksumIEEE(chunk[4:]))
	iend := len(b) - 12 // IEND is the last chunk, 12 bytes with no data
	out := append(append(append([]byte(nil), b[:iend]...), chunk...), b[iend:]...)
	if len(out) != size {
		t.Fatalf("padded PNG is %d bytes, want %d", len(out), size)
	}
	return string(out)
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
