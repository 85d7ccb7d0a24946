package render

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/crieur/crieur/pipeline"
	"github.com/crieur/crieur/pipeline/i18n"
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
	WritePreviewIn(&b, p, channels, i18n.English, nil)
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

// The text view in French and Dutch: the weekday, the status and the
// words around the text in the reader's language, the dates ISO, the
// repeat said by the function passed in.
func TestWritePreviewIn(t *testing.T) {
	p, channels := viewPost()
	p.Repeat = &pipeline.Repeat{Every: pipeline.Interval{N: 1, Unit: "week"}}
	then := func(r *pipeline.Repeat, l i18n.Lang) string { return "chaque semaine (" + string(l) + ")" }
	var b strings.Builder
	WritePreviewIn(&b, p, channels, i18n.French, then)
	got := b.String()
	for _, want := range []string{
		"posts/a.md\n  mar. 2026-12-01 09:30 CET, puis chaque semaine (fr) · programmé · langue fr · campagne hiver\n",
		"\n32/500 graphèmes ✓\n",
		"premier commentaire, 9/500 graphèmes ✓\n",
		"🖼 posts/a.jpg — ⚠ pas de texte alternatif\n",
		"32/20 unités UTF-16 ✗ 12 de trop\n",
		"  ✂ serait coupé\u00a0: ",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("French preview lacks %q:\n%s", want, got)
		}
	}
	b.Reset()
	p.PublishAt, p.Repeat = time.Time{}, nil
	WritePreviewIn(&b, p, channels, i18n.Dutch, nil)
	if want := "posts/a.md\n  geen datum (concept) · gepland · taal fr · campagne hiver\n"; !strings.HasPrefix(b.String(), want) {
		t.Errorf("Dutch preview: %q, want prefix %q", b.String(), want)
	}
}

// The English view is WritePreview's, word for word, with the English
// repeat when no function says it.
func TestWritePreviewInEnglish(t *testing.T) {
	p, channels := viewPost()
	p.Repeat = &pipeline.Repeat{Every: pipeline.Interval{N: 2, Unit: "day"}}
	var a, b strings.Builder
	WritePreviewIn(&a, p, channels, i18n.English, nil)
	WritePreviewIn(&b, p, channels, "", nil)
	if a.String() != b.String() || !strings.Contains(a.String(), "09:30 CET, then every 2 days · scheduled") {
		t.Errorf("English:\n%s\nvs\n%s", a.String(), b.String())
	}
}

// Every status a post can have, and the calendar's missed, has its words.
func TestStatusIn(t *testing.T) {
	for _, s := range append(pipeline.Statuses, pipeline.StatusMissed) {
		if !say.Has("status." + string(s)) {
			t.Errorf("status %s has no words in messages/", s)
		}
	}
	if got := StatusIn(pipeline.StatusMissed, i18n.French) + " " + DayIn(time.Date(2026, 12, 14, 9, 0, 0, 0, time.UTC), i18n.Dutch); got != "manqué ma 2026-12-14" {
		t.Errorf("got %q", got)
	}
}

// Every unit pipeline.Counting.Unit names has its words.
func TestUnitKeys(t *testing.T) {
	for c := pipeline.CountRunes; c <= pipeline.CountUTF16; c++ {
		if _, ok := unitKeys[c.Unit()]; !ok {
			t.Errorf("unit %q has no key", c.Unit())
		}
	}
	for _, key := range unitKeys {
		if !say.Has(key) {
			t.Errorf("%s missing from messages/", key)
		}
	}
}

// TestCatalog: every message in English, French and Dutch, with the same
// placeholders, none empty.
func TestCatalog(t *testing.T) {
	for _, p := range say.Problems() {
		t.Error(p)
	}
}
