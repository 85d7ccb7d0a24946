package calendar

import (
	"strings"
	"testing"

	"github.com/crieur/crieur/pipeline"
	"github.com/crieur/crieur/pipeline/i18n"
)

// samplePosts is a small calendar: a recurring post, a published one, a
// failed one and a draft, in Brussels in December 2026.
func samplePosts(t testing.TB) []*pipeline.Post {
	loc := brussels(t)
	first := at(t, loc, "2026-12-03 12:00")
	return []*pipeline.Post{
		{
			Path:      "posts/2026/12/saison.md",
			Title:     "Lancement de la saison",
			PublishAt: at(t, loc, "2026-12-01 09:30"),
			Channels:  []string{"mastodon", "bluesky"},
			Lang:      "fr",
			Campaign:  "saison-2026",
			Status:    pipeline.StatusScheduled,
			Body:      body("La nouvelle saison commence le 1er décembre ! Découvrez le programme :\nhttps://example.org/saison\n\n#culture #Bruxelles\n"),
		},
		{
			Path:      "posts/2026/12/jeudi.md",
			PublishAt: first,
			Channels:  []string{"mastodon"},
			Lang:      "fr",
			Status:    pipeline.StatusPublished,
			Repeat:    &pipeline.Repeat{Every: pipeline.Interval{N: 1, Unit: "week"}, Count: 2},
			Body:      body("## Le *jeudi* du jardin\nVenez, c'est gratuit ; vraiment."),
			Publications: map[string]pipeline.Publication{
				"mastodon": {ID: "1099", URL: "https://mastodon.social/@botanique/1099", At: first, Occurrence: first, Attempts: 1},
			},
		},
		{
			Path:      "posts/2026/12/concert.md",
			PublishAt: at(t, loc, "2026-12-03 18:00"),
			Channels:  []string{"linkedin", "bluesky"},
			Lang:      "en",
			Status:    pipeline.StatusFailed,
			Body: pipeline.Text{Parts: []pipeline.Part{
				{Source: "@botanique Concert \"complet\", désolé\n"},
				{Source: "Second part of the thread\n"},
			}},
			Publications: map[string]pipeline.Publication{
				"bluesky": {At: at(t, loc, "2026-12-03 18:05"), Occurrence: at(t, loc, "2026-12-03 18:00"), Attempts: 1, Error: "503 Service Unavailable"},
			},
		},
		{
			Path:      "posts/2026/12/brouillon.md",
			PublishAt: at(t, loc, "2026-12-02 10:00"),
			Channels:  []string{"mastodon"},
			Status:    pipeline.StatusDraft,
			Body:      body("Pas encore"),
		},
	}
}

func sampleEntries(t testing.TB) []pipeline.Entry {
	loc := brussels(t)
	return Entries(samplePosts(t), at(t, loc, "2026-12-01 00:00"), at(t, loc, "2026-12-31 23:59"))
}

func TestWriteText(t *testing.T) {
	var b strings.Builder
	if err := WriteText(&b, sampleEntries(t), brussels(t)); err != nil {
		t.Fatal(err)
	}
	want := `Tue 2026-12-01
  09:30    mastodon, bluesky  [scheduled]  Lancement de la saison  (posts/2026/12/saison.md)

Thu 2026-12-03
  12:00 ↻  mastodon           [published]  Le jeudi du jardin  (posts/2026/12/jeudi.md)
  18:00    linkedin, bluesky  [failed]     @botanique Concert "complet", désolé  (posts/2026/12/concert.md)

Thu 2026-12-10
  12:00 ↻  mastodon           [scheduled]  Le jeudi du jardin  (posts/2026/12/jeudi.md)

4 posts, 6 publications, 2026-12-01 → 2026-12-10
`
	if got := b.String(); got != want {
		t.Errorf("WriteText wrote\n%s\nwant\n%s", got, want)
	}
}

func TestWriteTextEmpty(t *testing.T) {
	var b strings.Builder
	if err := WriteText(&b, nil, brussels(t)); err != nil {
		t.Fatal(err)
	}
	if got, want := b.String(), "0 posts, 0 publications\n"; got != want {
		t.Errorf("WriteText wrote %q, want %q", got, want)
	}
}

// The table in French: weekdays and statuses in the reader's words, the
// columns padded to the longest of them, the dates ISO.
func TestWriteTextFrench(t *testing.T) {
	var b strings.Builder
	if err := WriteTextIn(&b, sampleEntries(t), brussels(t), i18n.French); err != nil {
		t.Fatal(err)
	}
	want := `mar. 2026-12-01
  09:30    mastodon, bluesky  [programmé]  Lancement de la saison  (posts/2026/12/saison.md)

jeu. 2026-12-03
  12:00 ↻  mastodon           [publié]     Le jeudi du jardin  (posts/2026/12/jeudi.md)
  18:00    linkedin, bluesky  [en échec]   @botanique Concert "complet", désolé  (posts/2026/12/concert.md)

jeu. 2026-12-10
  12:00 ↻  mastodon           [programmé]  Le jeudi du jardin  (posts/2026/12/jeudi.md)

4 posts, 6 publications, 2026-12-01 → 2026-12-10
`
	if got := b.String(); got != want {
		t.Errorf("WriteTextIn wrote\n%s\nwant\n%s", got, want)
	}
	b.Reset()
	if err := WriteTextIn(&b, nil, brussels(t), i18n.Dutch); err != nil {
		t.Fatal(err)
	}
	if got, want := b.String(), "0 posts, 0 publicaties\n"; got != want {
		t.Errorf("WriteTextIn wrote %q, want %q", got, want)
	}
}
