package pipeline

import (
	"bytes"
	"encoding/base64"
	"image"
	"image/color"
	"image/gif"
	"image/jpeg"
	"image/png"
	"strings"
	"testing"
)

// postFile is a post as a CM writes it: accents, emoji, French quotes, a
// YAML block scalar with a more indented line and a blank line, a quoted
// first comment and a thread of two parts.
const postFile = `---
publish_at: 2026-12-01 09:30
variants:
  bluesky: |
    Ça commence « bientôt » !
      indenté 🎉 encore

    Fin — à demain.
first_comment: "Café ☕ ici"
---
Été à Bruxelles — 🎉 c’est parti !
Deuxième ligne, ünïcode.

---

Partie 2 : l’été 🌞.
`

// runeAt returns the character at a position of the file.
func runeAt(t *testing.T, file string, p Pos) (rune, bool) {
	t.Helper()
	lines := strings.Split(file, "\n")
	if p.Line < 1 || p.Line > len(lines) {
		return 0, false
	}
	rs := []rune(lines[p.Line-1])
	if p.Col < 1 || p.Col > len(rs) {
		return 0, false
	}
	return rs[p.Col-1], true
}

func TestPartPosOfMatchesTheFile(t *testing.T) {
	bodyStart := strings.Index(postFile, "Été")
	part2 := strings.Index(postFile, "Partie 2")
	quoted := strings.Index(postFile, "Café")
	tests := []struct {
		name string
		part Part
	}{
		{"body", Part{Source: postFile[bodyStart:part2], Line: 11, Col: 1}},
		{"second part of the thread", Part{Source: postFile[part2:], Line: 16, Col: 1}},
		{"indented block scalar", Part{Source: "Ça commence « bientôt » !\n  indenté 🎉 encore\n\nFin — à demain.\n", Line: 5, Col: 5, Indent: 4}},
		{"quoted scalar", Part{Source: "Café ☕ ici", Line: 9, Col: 17}},
	}
	if postFile[quoted-1] != '"' {
		t.Fatalf("test data: quoted scalar not found")
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checked := 0
			for i, r := range tt.part.Source {
				if r == '\n' {
					continue
				}
				pos := tt.part.PosOf(i)
				got, ok := runeAt(t, postFile, pos)
				if !ok || got != r {
					t.Errorf("PosOf(%d) = %v: the file has %q there, want %q", i, pos, got, r)
				}
				checked++
			}
			if checked == 0 {
				t.Fatal("nothing checked")
			}
		})
	}
}

func TestPartPosOf(t *testing.T) {
	body := Part{Source: "é🎉a\nbc", Line: 7, Col: 1}
	block := Part{Source: "ab\ncdé\n", Line: 3, Col: 5, Indent: 4}
	tests := []struct {
		name string
		part Part
		i    int
		want Pos
	}{
		{"start", body, 0, Pos{7, 1}},
		{"after a 2-byte character", body, 2, Pos{7, 2}},
		{"after a 4-byte emoji", body, 6, Pos{7, 3}},
		{"the newline", body, 7, Pos{7, 4}},
		{"next line", body, 8, Pos{8, 1}},
		{"end", body, len(body.Source), Pos{8, 3}},
		{"past the end is the end", body, 1000, Pos{8, 3}},
		{"block first line keeps its column", block, 1, Pos{3, 6}},
		{"block next line is indented", block, 3, Pos{4, 5}},
		{"block after an accent", block, 7, Pos{4, 8}},
		{"block trailing newline", block, len(block.Source), Pos{5, 5}},
		{"a part starting mid-line", Part{Source: "x\ny", Line: 2, Col: 10}, 0, Pos{2, 10}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.part.PosOf(tt.i); got != tt.want {
				t.Errorf("PosOf(%d) = %v, want %v", tt.i, got, tt.want)
			}
		})
	}
}

func TestPostPosOfAndTextFor(t *testing.T) {
	body := Text{Parts: []Part{{Source: "corps"}}}
	short := Text{Parts: []Part{{Source: "court"}}}
	p := &Post{Body: body, Variants: map[string]Text{"bluesky": short}, KeyPos: map[string]Pos{"publish_at": {2, 13}}}
	if got := p.PosOf("publish_at"); got != (Pos{2, 13}) {
		t.Errorf("PosOf(publish_at) = %v", got)
	}
	if got := p.PosOf("media[0].alt"); got != (Pos{1, 1}) {
		t.Errorf("PosOf of an absent key = %v, want 1:1", got)
	}
	if got := p.TextFor("bluesky").Parts[0].Source; got != "court" {
		t.Errorf("TextFor(bluesky) = %q, want the variant", got)
	}
	if got := p.TextFor("mastodon").Parts[0].Source; got != "corps" {
		t.Errorf("TextFor(mastodon) = %q, want the body", got)
	}
	if got := (Pos{3, 14}).String(); got != "3:14" {
		t.Errorf("Pos.String() = %q", got)
	}
}

// webp is a real 1×1 lossless WebP image (the standard library has no
// WebP encoder).
const webp = "UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA=="

func TestImageFormat(t *testing.T) {
	img := image.NewPaletted(image.Rect(0, 0, 8, 8), color.Palette{color.White, color.RGBA{200, 20, 20, 255}})
	img.SetColorIndex(3, 3, 1)
	encode := func(f func(*bytes.Buffer) error) []byte {
		t.Helper()
		var b bytes.Buffer
		if err := f(&b); err != nil {
			t.Fatal(err)
		}
		return b.Bytes()
	}
	jpg := encode(func(b *bytes.Buffer) error { return jpeg.Encode(b, img, &jpeg.Options{Quality: 80}) })
	pngData := encode(func(b *bytes.Buffer) error { return png.Encode(b, img) })
	gifData := encode(func(b *bytes.Buffer) error { return gif.Encode(b, img, nil) })
	webpData, err := base64.StdEncoding.DecodeString(webp)
	if err != nil {
		t.Fatal(err)
	}
	// The standard library agrees on what the generated files are.
	for name, data := range map[string][]byte{"jpeg": jpg, "png": pngData, "gif": gifData} {
		if _, format, err := image.DecodeConfig(bytes.NewReader(data)); err != nil || format != name {
			t.Fatalf("generated %s decodes as %q, %v", name, format, err)
		}
	}
	tests := []struct {
		name string
		head []byte
		want string
	}{
		{"jpeg", jpg, "jpeg"},
		{"png", pngData, "png"},
		{"gif", gifData, "gif"},
		{"gif87a", []byte("GIF87a\x01\x00\x01\x00"), "gif"},
		{"webp", webpData, "webp"},
		{"jpeg head only", jpg[:3], "jpeg"},
		{"png head only", pngData[:8], "png"},
		{"webp head only", webpData[:12], "webp"},
		{"empty", nil, ""},
		{"text", []byte("hello, this is not an image"), ""},
		{"two bytes of jpeg", jpg[:2], ""},
		{"truncated png signature", pngData[:7], ""},
		{"png signature with a bad byte", append([]byte("\x89PNG\r\n\x1a\x00"), pngData[8:]...), ""},
		{"riff that is not webp", []byte("RIFF\x24\x00\x00\x00WAVEfmt "), ""},
		{"truncated riff", webpData[:11], ""},
		{"bmp", []byte("BM\x3a\x00\x00\x00\x00\x00\x00\x00\x36\x00"), ""},
		{"svg", []byte(`<svg xmlns="http://www.w3.org/2000/svg"/>`), ""},
	}
	for _, tt := range tests {
		if got := ImageFormat(tt.head); got != tt.want {
			t.Errorf("%s: ImageFormat = %q, want %q", tt.name, got, tt.want)
		}
	}
}
