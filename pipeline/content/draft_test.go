package content

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/crieur/crieur/pipeline"
)

func brussels(t testing.TB) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation("Europe/Brussels")
	if err != nil {
		t.Fatalf("load Europe/Brussels: %v", err)
	}
	return loc
}

// at is a local time in loc, "2006-01-02 15:04".
func at(t testing.TB, loc *time.Location, s string) time.Time {
	t.Helper()
	v, err := time.ParseInLocation("2006-01-02 15:04", s, loc)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func TestSlugify(t *testing.T) {
	tests := []struct {
		in   string
		max  int
		want string
	}{
		{"Lancement de la saison", 6, "lancement-de-la-saison"},
		{"L'été indien à Bruxelles : concerts, expos et fêtes !", 6, "l-ete-indien-a-bruxelles-concerts"},
		{"Œuvres d'Ærø, garçon & cœur", 6, "oeuvres-d-aero-garcon-coeur"},
		{"ÇA VA ? Señor Straße", 6, "ca-va-senor-strasse"},
		{"#culture @botanique https://example.org/saison www.example.org Noël", 6, "culture-botanique-noel"},
		{"Programme 2026–2027 : 12 concerts", 6, "programme-2026-2027-12-concerts"},
		{"un deux trois quatre cinq six sept huit", 6, "un-deux-trois-quatre-cinq-six"},
		{"un deux trois quatre cinq six sept huit", 0, "un-deux-trois-quatre-cinq-six-sept-huit"},
		{"Mon-Slug_été", 0, "mon-slug-ete"},
		{"🎉🎉", 6, ""},
		{"Ελληνικά mix", 6, "mix"},
		{strings.Repeat("abcdefghij ", 20), 0, strings.TrimSuffix(strings.Repeat("abcdefghij-", 7), "-")},
	}
	for _, tt := range tests {
		if got := slugify(tt.in, tt.max); got != tt.want {
			t.Errorf("slugify(%q, %d) = %q, want %q", tt.in, tt.max, got, tt.want)
		}
	}
}

func TestDraftNewPost(t *testing.T) {
	loc := brussels(t)
	d := Draft{
		PublishAt: at(t, loc, "2026-12-01 09:30"),
		Channels:  []string{"mastodon", "bluesky"},
		Lang:      "fr",
		Campaign:  "saison-2026",
		Title:     "Lancement : la saison #1",
		Text:      "La saison commence !\r\n\r\n#culture\n",
		Media:     "media/affiche.jpg",
		Alt:       "Affiche : fond rouge",
		Sponsored: true,
	}
	post := d.NewPost(loc, nil)
	path, data := post.Path, post.Data
	if path != "posts/2026/12/lancement-la-saison-1.md" {
		t.Errorf("path %s", path)
	}
	want := `---
title: 'Lancement : la saison #1'
publish_at: 2026-12-01 09:30
channels: [mastodon, bluesky]
lang: fr
campaign: saison-2026
media:
  - file: /media/affiche.jpg
    alt: 'Affiche : fond rouge'
sponsored: true
status: scheduled
---
La saison commence !

#culture
`
	if string(data) != want {
		t.Errorf("NewPost wrote\n%s\nwant\n%s", data, want)
	}
}

// The YAML 1.1 readers (yaml.v2, which adrg/frontmatter uses) read yes,
// no, on and off as booleans: they are quoted.
func TestDraftQuotesOldBooleans(t *testing.T) {
	data := Draft{PublishAt: time.Date(2026, 12, 1, 9, 30, 0, 0, time.UTC), Text: "x", Title: "Yes", Channels: []string{"on"}, Campaign: "off"}.NewPost(time.UTC, nil).Data
	for _, want := range []string{`title: "Yes"`, `channels: ["on"]`, `campaign: "off"`} {
		if !strings.Contains(string(data), want+"\n") {
			t.Errorf("no %s in\n%s", want, data)
		}
	}
}

// The slug is the Slug, else the Title's first six words, else those of
// the text's first line as firstLine reads it, else "post"; a Path
// overrides it.
func TestDraftPath(t *testing.T) {
	loc := brussels(t)
	when := at(t, loc, "2027-01-05 08:00")
	firstLine := func(markdown string) string {
		return strings.NewReplacer("#", "", "*", "").Replace(strings.SplitN(markdown, "\n", 2)[0])
	}
	for _, tt := range []struct {
		d         Draft
		firstLine func(string) string
		want      string
	}{
		{Draft{Slug: "voeux", Title: "Bonne année", Text: "Meilleurs vœux"}, firstLine, "posts/2027/01/voeux.md"},
		{Draft{Title: "Bonne année à toutes et à tous !", Text: "Meilleurs vœux"}, firstLine, "posts/2027/01/bonne-annee-a-toutes-et-a.md"},
		{Draft{Title: "🎉", Text: "Meilleurs vœux"}, firstLine, "posts/2027/01/meilleurs-voeux.md"},
		{Draft{Text: "## Meilleurs **vœux**\n\nsuite"}, firstLine, "posts/2027/01/meilleurs-voeux.md"},
		{Draft{Text: "Meilleurs vœux"}, nil, "posts/2027/01/post.md"},
		{Draft{Text: "🎉"}, firstLine, "posts/2027/01/post.md"},
		{Draft{Title: "Bonne année", Path: "posts/2026/12/saison.md"}, firstLine, "posts/2026/12/saison.md"},
	} {
		tt.d.PublishAt = when
		if got := tt.d.NewPost(loc, tt.firstLine).Path; got != tt.want {
			t.Errorf("%+v: path %s, want %s", tt.d, got, tt.want)
		}
	}
	if got := Slugify("Lancement : Saison #1 – été"); got != "lancement-saison-1-ete" {
		t.Errorf("Slugify: %q", got)
	}
}

// crieur new starts a post tomorrow at 09:30 in the repository's zone,
// in its language, with the title and a hashtag to replace.
func TestNewDraft(t *testing.T) {
	r := testRepo(t)
	now := time.Date(2026, 11, 30, 23, 30, 0, 0, time.UTC) // 00:30 on 1 December in Brussels
	d := r.NewDraft("Lancement de la saison", now)
	want := Draft{
		PublishAt: at(t, brussels(t), "2026-12-02 09:30"),
		Lang:      "fr",
		Title:     "Lancement de la saison",
		Text:      "Lancement de la saison\n\n#hashtag",
		Status:    pipeline.StatusDraft, // crieur new never makes a live post
	}
	if !d.PublishAt.Equal(want.PublishAt) || d.PublishAt.Location() != r.Config.Timezone {
		t.Errorf("publish at %v, want %v", d.PublishAt, want.PublishAt)
	}
	d.PublishAt = want.PublishAt
	if !reflect.DeepEqual(d, want) {
		t.Errorf("NewDraft = %+v, want %+v", d, want)
	}
	post := d.NewPost(r.Config.Timezone, nil)
	wantFile := "---\ntitle: Lancement de la saison\npublish_at: 2026-12-02 09:30\nlang: fr\nstatus: draft\n---\nLancement de la saison\n\n#hashtag\n"
	if post.Path != "posts/2026/12/lancement-de-la-saison.md" || string(post.Data) != wantFile {
		t.Errorf("NewPost = %s\n%s", post.Path, post.Data)
	}
	if problems, err := r.CheckNew([]NewPost{post}); len(problems) > 0 || err != nil {
		t.Errorf("the new post does not load: %v, %v", problems, err)
	}
}
