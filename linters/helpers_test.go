package linters_test

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

	"github.com/crieur/crieur/pipeline"
	"github.com/crieur/crieur/pipeline/content"
)

// These helpers build a real content repository in a temporary folder and
// load it as `crieur lint` does. linters/core's tests have their twin.

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
// defaults to baseConfig, charte.yml to an empty charter.
func newRepo(t *testing.T, files map[string]string) *content.Repo {
	t.Helper()
	dir := t.TempDir()
	all := map[string]string{"crieur.yml": baseConfig, "charte.yml": "languages: [fr]\n"}
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

// loadAll loads every post, as lint does without arguments.
func loadAll(t *testing.T, r *content.Repo) ([]*content.File, []pipeline.Finding) {
	t.Helper()
	paths, err := r.PostPaths()
	if err != nil {
		t.Fatal(err)
	}
	return r.LoadPosts(paths)
}

// post makes a post file: front matter, then the body.
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

// long returns n characters of French prose without Markdown syntax.
func long(n int) string {
	const base = "Venez découvrir la saison d'été à Bruxelles, où chaque soirée réserve une surprise. "
	r := []rune(strings.Repeat(base, n/len([]rune(base))+1))[:n]
	r[n-1] = 'e'
	return string(r)
}

// jpegImage encodes a small real JPEG.
func jpegImage(t *testing.T) string {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 16, 9))
	img.Set(2, 2, color.RGBA{R: 200, A: 255})
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, nil); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

// pngImage encodes a small real PNG padded by a tEXt chunk to size bytes.
func pngImage(t *testing.T, size int) string {
	t.Helper()
	var buf bytes.Buffer
	if err := png.Encode(&buf, image.NewGray(image.Rect(0, 0, 4, 4))); err != nil {
		t.Fatal(err)
	}
	b := buf.Bytes()
	data := append([]byte("Comment\x00"), bytes.Repeat([]byte{'x'}, size-len(b)-12-len("Comment\x00"))...)
	chunk := binary.BigEndian.AppendUint32(nil, uint32(len(data)))
	chunk = append(append(chunk, "tEXt"...), data...)
	chunk = binary.BigEndian.AppendUint32(chunk, crc32.ChecksumIEEE(chunk[4:]))
	iend := len(b) - 12
	out := append(append(append([]byte(nil), b[:iend]...), chunk...), b[iend:]...)
	if _, err := png.Decode(bytes.NewReader(out)); err != nil || len(out) != size {
		t.Fatalf("padded PNG: %d bytes, %v", len(out), err)
	}
	return string(out)
}
