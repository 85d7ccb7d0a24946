package core_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/crieur/crieur/linters/core"
	"github.com/crieur/crieur/pipeline"
)

// mediaList writes a media: list of files, each with alt (or none when
// alt is "").
func mediaList(files []string, alts []string) string {
	var b strings.Builder
	b.WriteString("media:\n")
	for i, f := range files {
		fmt.Fprintf(&b, "  - file: %s\n", f)
		if alts[i] != "" {
			fmt.Fprintf(&b, "    alt: %s\n", alts[i])
		}
	}
	return b.String()
}

const goodAlt = "Affiche de la saison, fond rouge, programme des concerts"

func TestMedia(t *testing.T) {
	images := map[string]string{
		"media/a.jpg":     jpegImage(t),
		"media/b.png":     pngImage(t, 0),
		"media/big.png":   pngImage(t, 2_621_440), // 2.5 MB: over Bluesky's 2,000,000 bytes, under Mastodon's 16 MB
		"media/limit.png": pngImage(t, 2_000_000),
		"media/over.png":  pngImage(t, 2_000_001),
		"media/notes.jpg": "ceci n'est pas une image\n",
	}
	type want struct {
		rule     string
		sev      pipeline.Severity
		line     string // the finding is on the line holding this text (first one)
		col      int    // 0: not checked
		sayWhat  string // the message says this
		channels []string
	}
	tests := []struct {
		name  string
		front string
		want  []want
	}{
		{
			name:  "a good JPEG with alt text on every network that takes images",
			front: "channels: [mastodon, bluesky, x, linkedin, instagram]\n" + mediaList([]string{"/media/a.jpg"}, []string{goodAlt}),
		},
		{
			name:  "alt missing is an error at the media item",
			front: "channels: [mastodon]\n" + mediaList([]string{"/media/a.jpg", "/media/b.png"}, []string{goodAlt, ""}),
			want:  []want{{rule: "media.alt", sev: pipeline.Error, line: "- file: /media/b.png", col: 5, sayWhat: "/media/b.png has no alt text"}},
		},
		{
			name:  "alt of spaces is missing",
			front: "channels: [mastodon]\nmedia:\n  - file: /media/a.jpg\n    alt: \"   \"\n",
			want:  []want{{rule: "media.alt", sev: pipeline.Error, line: "- file: /media/a.jpg", sayWhat: "no alt text"}},
		},
		{
			name:  "alt shorter than the charter's alt_min is a warning at the alt",
			front: "channels: [mastodon]\n" + mediaList([]string{"/media/a.jpg"}, []string{"Affiche"}),
			want:  []want{{rule: "media.alt", sev: pipeline.Warning, line: "alt: Affiche", col: 10, sayWhat: "7 characters"}},
		},
		{
			name:  "alt of exactly alt_min characters (accents count once) is enough",
			front: "channels: [mastodon]\n" + mediaList([]string{"/media/a.jpg"}, []string{"Éclairage étéok"}),
		},
		{
			name:  "alt_min counts characters, not bytes: 14 characters in 17 bytes is short",
			front: "channels: [mastodon]\n" + mediaList([]string{"/media/a.jpg"}, []string{"Éclairage étéo"}),
			want:  []want{{rule: "media.alt", sev: pipeline.Warning, line: "alt: Éclairage", sayWhat: "14 characters"}},
		},
		{
			name:  "five images on bluesky",
			front: "channels: [bluesky]\n" + mediaList([]string{"/media/a.jpg", "/media/a.jpg", "/media/a.jpg", "/media/a.jpg", "/media/a.jpg"}, []string{goodAlt, goodAlt, goodAlt, goodAlt, goodAlt}),
			want:  []want{{rule: "media.count", sev: pipeline.Error, line: "- file:", sayWhat: "at most 4 images, this post has 5"}},
		},
		{
			name:  "four images on bluesky",
			front: "channels: [bluesky]\n" + mediaList([]string{"/media/a.jpg", "/media/a.jpg", "/media/a.jpg", "/media/a.jpg"}, []string{goodAlt, goodAlt, goodAlt, goodAlt}),
		},
		{
			name:  "instagram without an image",
			front: "channels: [mastodon, instagram]",
			want:  []want{{rule: "media.count", sev: pipeline.Error, line: "channels:", sayWhat: "instagram needs at least one image"}},
		},
		{
			name:  "a PNG on instagram, fine on mastodon",
			front: "channels: [mastodon, instagram]\n" + mediaList([]string{"/media/b.png"}, []string{goodAlt}),
			want:  []want{{rule: "media.format", sev: pipeline.Error, line: "- file: /media/b.png", col: 11, sayWhat: "is png: instagram takes jpeg", channels: []string{"instagram"}}},
		},
		{
			name:  "a file that is not an image",
			front: "channels: [mastodon]\n" + mediaList([]string{"/media/notes.jpg"}, []string{goodAlt}),
			want:  []want{{rule: "media.format", sev: pipeline.Error, line: "- file: /media/notes.jpg", sayWhat: "not an image"}},
		},
		{
			name:  "2.5 MB on bluesky, fine on mastodon",
			front: "channels: [bluesky, mastodon]\n" + mediaList([]string{"/media/big.png"}, []string{goodAlt}),
			want:  []want{{rule: "media.size", sev: pipeline.Error, line: "- file: /media/big.png", col: 11, sayWhat: "2.6 MB: bluesky takes at most 2.0 MB", channels: []string{"bluesky"}}},
		},
		{
			name:  "exactly 2,000,000 bytes is Bluesky's limit, not over it",
			front: "channels: [bluesky]\n" + mediaList([]string{"/media/limit.png"}, []string{goodAlt}),
		},
		{
			name:  "one byte over Bluesky's limit",
			front: "channels: [bluesky]\n" + mediaList([]string{"/media/over.png"}, []string{goodAlt}),
			want:  []want{{rule: "media.size", sev: pipeline.Error, line: "- file: /media/over.png"}},
		},
		{
			name:  "slack shows images as blocks by URL (media_base_url): no finding",
			front: "channels: [slack]\n" + mediaList([]string{"/media/a.jpg"}, []string{goodAlt}),
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			src := post("publish_at: 2026-12-20 10:00\n"+tc.front, "La saison commence.\n")
			files := map[string]string{postPath: src}
			for name, data := range images {
				if strings.Contains(src, "/"+name+"\n") {
					files[name] = data
				}
			}
			r := newRepo(t, files)
			got := check(t, core.Media{}, r, postPath)
			if len(got) != len(tc.want) {
				t.Fatalf("got %d findings, want %d:\n%v", len(got), len(tc.want), got)
			}
			for i, w := range tc.want {
				f := got[i]
				if f.Rule != w.rule || f.Severity != w.sev || f.Path != postPath {
					t.Errorf("finding %d = %v, want %s at %s", i, f, w.rule, w.sev)
				}
				if line := lineOf(t, src, w.line); f.Line != line {
					t.Errorf("%s on line %d, want %d (the line of %q)", f.Rule, f.Line, line, w.line)
				}
				if w.col != 0 && f.Col != w.col {
					t.Errorf("%s at column %d, want %d", f.Rule, f.Col, w.col)
				}
				if !strings.Contains(f.Message, w.sayWhat) {
					t.Errorf("message %q does not say %q", f.Message, w.sayWhat)
				}
				for _, ch := range w.channels {
					if !strings.Contains(f.Message, ch) {
						t.Errorf("message %q does not name channel %s", f.Message, ch)
					}
				}
			}
		})
	}
}
