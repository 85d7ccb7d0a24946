package render

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/crieur/crieur/pipeline"
)

func viewPost() (*pipeline.Post, map[string]pipeline.ChannelConfig) {
	loc := time.FixedZone("CET", 3600)
	fc := pipeline.Part{Source: "Et voilà."}
	p := &pipeline.Post{
		Path: "posts/a.md", PublishAt: time.Date(2026, 12, 1, 9, 30, 0, 0, loc), Status: pipeline.StatusScheduled,
		Lang: "fr", Campaign: "hiver", Channels: []string{"masto", "court", "gone"},
		Body:  pipeline.Text{Parts: []pipeline.Part{{Source: "Bonjour *tout le monde*,\nà demain."}}, FirstComment: &fc},
		Media: []pipeline.Media{{File: "a.jpg", Path: "posts/a.jpg"}},
	}
	channels := map[string]pipeline.ChannelConfig{
		"masto": {Name: "masto", Network: "mastodon", Account: "@crieur"},
		"court": {Name: "court", Network: "telegram", Limit: 20},
	}
	return p, channels
}

// The text view: the header, then each channel the post names and
// crieur.yml knows, measured, with what would be cut and the images.
func TestWritePreview(t *testing.T) {
	p, channels := viewPost()
	var b strings.Builder
	WritePreview(&b, p, channels)
	got := b.String()
	for _, want := range []string{
		"posts/a.md\n  Tue 2026-12-01 09:30 CET · scheduled · lang fr · campaign hiver\n",
		"\n── masto (mastodon @crieur) " + strings.Repeat("─", 50-len("masto")-len("mastodon @crieur")) + "\n32/500 graphemes ✓\n  │ Bonjour tout le monde,\n  │ à demain.\n",
		"first comment, 9/500 graphemes ✓\n  │ Et voilà.\n  🖼 posts/a.jpg — ⚠ no alt text\n",
		"── court (telegram) ",
		"32/20 UTF-16 code units ✗ 12 over\n",
		"  ✂ would be cut: ",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("preview lacks %q:\n%s", want, got)
		}
	}
	if strings.Contains(got, "gone") {
		t.Errorf("a channel missing from crieur.yml is shown:\n%s", got)
	}
	if !strings.HasSuffix(got, "\n\n") {
		t.Errorf("the preview does not end with a blank line: %q", got)
	}
}

// The JSON view: the post's date in full, one rendering per known channel.
func TestPreviewOf(t *testing.T) {
	p, channels := viewPost()
	b, err := json.Marshal(PreviewOf(p, channels))
	if err != nil {
		t.Fatal(err)
	}
	got := string(b)
	if !strings.HasPrefix(got, `{"path":"posts/a.md","publish_at":"2026-12-01T09:30:00+01:00","status":"scheduled","channels":[`) || strings.Count(got, `"channel":`) != 2 {
		t.Errorf("json: %s", got)
	}
	p.PublishAt = time.Time{}
	if b, _ := json.Marshal(PreviewOf(p, nil)); string(b) != `{"path":"posts/a.md","status":"scheduled","channels":null}` {
		t.Errorf("a draft with no channel known: %s", b)
	}
}
