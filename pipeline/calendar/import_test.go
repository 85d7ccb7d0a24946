package calendar

import (
	"bytes"
	"reflect"
	"strings"
	"testing"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/crieur/crieur/pipeline"
	"github.com/crieur/crieur/pipeline/content"
)

// frontMatter is what a post file's front matter says, for the tests.
type frontMatter struct {
	Title     string   `yaml:"title"`
	PublishAt string   `yaml:"publish_at"`
	Channels  []string `yaml:"channels"`
	Lang      string   `yaml:"lang"`
	Campaign  string   `yaml:"campaign"`
	Media     []struct {
		File string `yaml:"file"`
		Alt  string `yaml:"alt"`
	} `yaml:"media"`
	Sponsored bool   `yaml:"sponsored"`
	Status    string `yaml:"status"`
}

// splitPost cuts a post file into its front matter and its body.
func splitPost(t testing.TB, data []byte) (frontMatter, string) {
	t.Helper()
	rest, ok := bytes.CutPrefix(data, []byte("---\n"))
	if !ok {
		t.Fatalf("no front matter:\n%s", data)
	}
	fm, body, ok := bytes.Cut(rest, []byte("\n---\n"))
	if !ok {
		t.Fatalf("front matter not closed:\n%s", data)
	}
	var m frontMatter
	dec := yaml.NewDecoder(bytes.NewReader(fm))
	dec.KnownFields(true)
	if err := dec.Decode(&m); err != nil {
		t.Fatalf("front matter: %v\n%s", err, data)
	}
	return m, string(body)
}

// A row makes the post file it says, whatever YAML makes of its values:
// the round trip through the front matter gives them back.
func TestRowFileRoundTrip(t *testing.T) {
	loc := brussels(t)
	tests := []struct {
		name     string
		row      Row
		path     string
		status   string
		publish  string
		wantText string
	}{
		{
			name:    "YAML-hostile values",
			row:     Row{Draft: content.Draft{PublishAt: at(t, loc, "2026-12-01 09:30"), Title: `"Quoted" : #hash, 'single' & *star* [x] {y} | > % @at`, Channels: []string{"a,b", "yes"}, Campaign: "no", Lang: "on", Text: "texte", Media: "media/x.jpg", Alt: "- tiret : deux-points # dièse"}},
			path:    "posts/2026/12/quoted-hash-single-star-x-y.md",
			status:  "scheduled",
			publish: "2026-12-01 09:30",
		},
		{
			name:     "slug from the text, draft",
			row:      Row{Draft: content.Draft{PublishAt: at(t, loc, "2027-01-05 08:00"), Text: "## Bonne année à **toutes** et à tous !\n\nsuite", Status: "draft"}},
			path:     "posts/2027/01/bonne-annee-a-toutes-et-a.md",
			status:   "draft",
			publish:  "2027-01-05 08:00",
			wantText: "## Bonne année à **toutes** et à tous !\n\nsuite\n",
		},
		{
			name:    "exported row of a published post",
			row:     Row{Draft: content.Draft{PublishAt: at(t, loc, "2026-12-01 09:30"), Text: "déjà parti", Status: "published", Path: "posts/2026/12/saison.md"}},
			path:    "posts/2026/12/saison.md",
			status:  "draft",
			publish: "2026-12-01 09:30",
		},
		{
			name:    "the hour the clocks go back, and an offset",
			row:     Row{Draft: content.Draft{PublishAt: time.Date(2026, 10, 25, 0, 30, 0, 0, time.UTC), Text: "nuit", Slug: "nuit"}},
			path:    "posts/2026/10/nuit.md",
			status:  "scheduled",
			publish: "2026-10-25T02:30:00+02:00",
		},
		{
			name:    "nothing to make a slug of",
			row:     Row{Draft: content.Draft{PublishAt: at(t, loc, "2026-12-31 23:59"), Text: "🎉"}},
			path:    "posts/2026/12/post.md",
			status:  "scheduled",
			publish: "2026-12-31 23:59",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			post := tt.row.newPost(loc)
			path, data := post.Path, post.Data
			if path != tt.path {
				t.Errorf("path %s, want %s", path, tt.path)
			}
			fm, text := splitPost(t, data)
			if fm.Title != tt.row.Title || !reflect.DeepEqual(fm.Channels, tt.row.Channels) ||
				fm.Campaign != tt.row.Campaign || fm.Lang != tt.row.Lang || fm.Status != tt.status || fm.PublishAt != tt.publish {
				t.Errorf("front matter %+v from\n%s", fm, data)
			}
			if tt.row.Media != "" && (len(fm.Media) != 1 || fm.Media[0].File != "/"+tt.row.Media || fm.Media[0].Alt != tt.row.Alt) {
				t.Errorf("media %+v", fm.Media)
			}
			want := tt.wantText
			if want == "" {
				want = tt.row.Text + "\n"
			}
			if text != want {
				t.Errorf("text %q, want %q", text, want)
			}
			if got, err := pipeline.ParseTime(fm.PublishAt, loc); err != nil || !got.Equal(tt.row.PublishAt) {
				t.Errorf("publish_at %s reads as %v (%v), want %v", fm.PublishAt, got, err, tt.row.PublishAt)
			}
		})
	}
}

// A plan read from CSV makes post files whose front matter says what the
// plan said.
func TestReadCSVThenNewPost(t *testing.T) {
	loc := brussels(t)
	data := "publish_at;title;text;channels;media;alt;sponsored\n" +
		"2026-12-01 09:30;Lancement : saison #1;\"La saison, enfin.\n\n---\n\nLa suite du fil\";mastodon bluesky;affiche.jpg;Affiche rouge;oui\n"
	rows, err := ReadCSV("plan.csv", strings.NewReader(data), loc)
	if err != nil {
		t.Fatal(err)
	}
	post := rows[0].newPost(loc)
	path, file := post.Path, post.Data
	if path != "posts/2026/12/lancement-saison-1.md" {
		t.Errorf("path %s", path)
	}
	fm, text := splitPost(t, file)
	if fm.Title != "Lancement : saison #1" || fm.PublishAt != "2026-12-01 09:30" || !fm.Sponsored ||
		len(fm.Media) != 1 || fm.Media[0].File != "/media/affiche.jpg" || fm.Media[0].Alt != "Affiche rouge" {
		t.Errorf("front matter %+v", fm)
	}
	if text != "La saison, enfin.\n\n---\n\nLa suite du fil\n" {
		t.Errorf("text %q", text)
	}
}
