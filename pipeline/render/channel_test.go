package render

import (
	"strings"
	"testing"
	"time"

	"github.com/crieur/crieur/pipeline"
)

func TestPartsFor(t *testing.T) {
	thread := pipeline.Text{Parts: []pipeline.Part{
		{Source: "Premier message.\n\n", Line: 6, Col: 1},
		{Source: "\nDeuxième 🎉.\n\n", Line: 10, Col: 1},
		{Source: "\nTroisième.\n", Line: 14, Col: 1},
	}}
	joined := "Premier message.\n\nDeuxième 🎉.\n\nTroisième."
	one := pipeline.Text{Parts: []pipeline.Part{{Source: "Seul.\n", Line: 4, Col: 1}}}
	tests := []struct {
		network string
		text    pipeline.Text
		want    []string
	}{
		{"mastodon", thread, []string{"Premier message.\n\n", "\nDeuxième 🎉.\n\n", "\nTroisième.\n"}},
		{"bluesky", thread, []string{"Premier message.\n\n", "\nDeuxième 🎉.\n\n", "\nTroisième.\n"}},
		{"x", thread, []string{"Premier message.\n\n", "\nDeuxième 🎉.\n\n", "\nTroisième.\n"}},
		{"threads", thread, []string{"Premier message.\n\n", "\nDeuxième 🎉.\n\n", "\nTroisième.\n"}},
		{"linkedin", thread, []string{joined}},
		{"facebook", thread, []string{joined}},
		{"telegram", thread, []string{joined}},
		{"", thread, []string{joined}},
		{"linkedin", one, []string{"Seul.\n"}},
		{"mastodon", one, []string{"Seul.\n"}},
		{"linkedin", pipeline.Text{}, nil},
	}
	for _, tt := range tests {
		network, _ := pipeline.LookupNetwork(tt.network)
		got := partsFor(tt.text, network)
		var src []string
		for _, p := range got {
			src = append(src, p.Source)
		}
		if strings.Join(src, "|") != strings.Join(tt.want, "|") || len(src) != len(tt.want) {
			t.Errorf("partsFor(%q) with %d parts = %q, want %q", tt.network, len(tt.text.Parts), src, tt.want)
		}
		if len(got) > 0 && len(tt.text.Parts) > 0 && (got[0].Line != tt.text.Parts[0].Line || got[0].Col != tt.text.Parts[0].Col) {
			t.Errorf("partsFor(%q) starts at %d:%d, want the first part's %d:%d", tt.network, got[0].Line, got[0].Col, tt.text.Parts[0].Line, tt.text.Parts[0].Col)
		}
	}
	// Joining does not touch the post's own parts.
	if thread.Parts[0].Source != "Premier message.\n\n" {
		t.Errorf("partsFor changed the text: %q", thread.Parts[0].Source)
	}
}

// Message is ForChannel's rendering keyed by the delivery, what the
// publisher sends: a thread where the network has threads, joined where it
// has none, the variant's text, the body's first comment, and the images
// where the network takes them, at the paths abs gives.
func TestMessage(t *testing.T) {
	body := pipeline.Text{
		Parts:        []pipeline.Part{{Source: "**Un**\n", Line: 5, Col: 1}, {Source: "Deux\n", Line: 9, Col: 1}},
		FirstComment: &pipeline.Part{Source: "Le _programme_", Line: 3, Col: 16},
	}
	p := &pipeline.Post{Path: "posts/a.md", Lang: "fr", Body: body,
		Variants: map[string]pipeline.Text{"court": {Parts: []pipeline.Part{{Source: "Court", Line: 4, Col: 9}}}},
		Media:    []pipeline.Media{{File: "a.jpg", Path: "posts/a.jpg", Alt: "Affiche"}}}
	abs := func(path string) string { return "/repo/" + path }
	at := time.Date(2026, 12, 1, 9, 30, 0, 0, time.UTC)
	tests := []struct {
		cc    pipeline.ChannelConfig
		parts []string
		from  []int // the lines the parts start at
		media bool
	}{
		{pipeline.ChannelConfig{Name: "masto", Network: "mastodon"}, []string{"Un", "Deux"}, []int{5, 9}, true},
		{pipeline.ChannelConfig{Name: "pro", Network: "linkedin"}, []string{"Un\n\nDeux"}, []int{5}, true},
		{pipeline.ChannelConfig{Name: "court", Network: "bluesky"}, []string{"Court"}, []int{4}, true},
		{pipeline.ChannelConfig{Name: "local", Network: "outbox"}, []string{"Un\n\nDeux"}, []int{5}, true},
	}
	for _, tt := range tests {
		d := pipeline.Delivery{Post: p, Channel: tt.cc.Name, Occurrence: at}
		m := Message(d, tt.cc, abs)
		if m.Key != d.Key() || m.Post != "posts/a.md" || m.Lang != "fr" {
			t.Errorf("%s: key, post, lang = %q, %q, %q", tt.cc.Name, m.Key, m.Post, m.Lang)
		}
		if strings.Join(m.Parts, "|") != strings.Join(tt.parts, "|") || len(m.Parts) != len(tt.parts) {
			t.Errorf("%s: parts = %q, want %q", tt.cc.Name, m.Parts, tt.parts)
		}
		if m.FirstComment != "Le programme" {
			t.Errorf("%s: first comment = %q", tt.cc.Name, m.FirstComment)
		}
		want := pipeline.Attachment{Path: "/repo/posts/a.jpg", Name: "posts/a.jpg", Alt: "Affiche"}
		if tt.media != (len(m.Media) == 1 && m.Media[0] == want) {
			t.Errorf("%s: media = %+v", tt.cc.Name, m.Media)
		}
		rd := ForChannel(p, tt.cc)
		for i, pc := range rd.Parts {
			if i < len(tt.from) && pc.From.Line != tt.from[i] {
				t.Errorf("%s: part %d comes from line %d, want %d", tt.cc.Name, i+1, pc.From.Line, tt.from[i])
			}
		}
		if rd.FirstComment == nil || rd.FirstComment.From.Line != 3 || rd.FirstComment.From.Col != 16 {
			t.Errorf("%s: first comment from %+v", tt.cc.Name, rd.FirstComment)
		}
	}
}
