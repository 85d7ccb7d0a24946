package calendar

import (
	"bytes"
	"errors"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/crieur/crieur/internal/testrepo"
	"github.com/crieur/crieur/pipeline"
	"github.com/crieur/crieur/pipeline/content"
	"github.com/crieur/crieur/pipeline/i18n"
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

// importFixture is a repository with a post to come, a post that went
// out, a recurring post and a draft.
func importFixture(t *testing.T, journal string) *content.Repo {
	t.Helper()
	files := map[string]string{
		"crieur.yml":                  "timezone: Europe/Brussels\nchannels:\n  mastodon:\n    type: outbox\n  bluesky:\n    type: outbox\n",
		"posts/2027/03/jazz.md":       "---\n# soirée du mois\ntitle: Soirée jazz   # calendrier\npublish_at: 2027-03-18 19:00\nchannels: [mastodon]\ncampaign: jazz\n---\n\nJazz au bar ce soir.\n",
		"posts/2027/03/parti.md":      "---\npublish_at: 2027-03-01 10:00\nchannels: [mastodon]\nstatus: published\npublications:\n  mastodon:\n    id: \"1\"\n    attempts: 1\n---\nDéjà parti.\n",
		"posts/2027/03/hebdo.md":      "---\npublish_at: 2027-03-15 09:00\nchannels: [mastodon]\nrepeat:\n  every: week\n  count: 3\n---\nChaque lundi.\n",
		"posts/2027/03/renomme.md":    "---\nid: expo-printemps\npublish_at: 2027-03-12 10:00\nchannels: [mastodon]\n---\nL'expo de printemps.\n",
		"posts/2027/03/sans-trace.md": "---\npublish_at: 2027-03-02 10:00\nchannels: [mastodon]\n---\nParti sans trace dans le fichier.\n",
	}
	if journal != "" {
		files["journal/2027-03.jsonl"] = journal
	}
	return testrepo.Open(t, nil, files)
}

const importHeader = "publish_at;channels;lang;campaign;status;title;path;text\n"

func TestImporter(t *testing.T) {
	jazz := "posts/2027/03/jazz.md"
	tests := []struct {
		name    string
		csv     string
		journal string
		dry     bool
		out     string            // stdout, or stderr when the import is refused
		files   map[string]string // path -> a line it must have ("!" first: must not have)
		refused bool
	}{{
		name: "unchanged rows, as plan --csv writes them",
		csv: importHeader + "2027-03-18 19:00;mastodon;;jazz;scheduled;Soirée jazz;posts/2027/03/jazz.md;Jazz au bar ce soir.\n" +
			"2027-03-01 10:00;mastodon;;;published;;posts/2027/03/parti.md;Déjà parti.\n" +
			"2027-03-22 09:00;mastodon;;;scheduled;;posts/2027/03/hebdo.md;Chaque lundi.\n",
		out: "unchanged posts/2027/03/jazz.md\nunchanged posts/2027/03/parti.md\nunchanged posts/2027/03/hebdo.md\n0 created, 0 updated, 3 unchanged, 0 refused\n",
	}, {
		name: "French headers, a day-first date, a new row",
		csv: "Date;Canaux;Titre;Texte;Campagne;Chemin\n" +
			"20/03/2027 18:30;mastodon bluesky;Soirée jazz;Jazz au bar ce soir.;;posts/2027/03/jazz.md\n" +
			"25/03/2027 10:00;mastodon;;Nouveau post;;\n",
		out:   "updated posts/2027/03/jazz.md\ncreated posts/2027/03/nouveau-post.md\n1 created, 1 updated, 0 unchanged, 0 refused\n",
		files: map[string]string{jazz: "publish_at: 2027-03-20 18:30", "posts/2027/03/nouveau-post.md": "publish_at: 2027-03-25 10:00"},
	}, {
		name:  "dry run: a diff, nothing written",
		csv:   importHeader + "2027-03-18 19:00;mastodon;;jazz;draft;Soirée jazz;posts/2027/03/jazz.md;Jazz au bar demain.\n",
		dry:   true,
		out:   "--- a/posts/2027/03/jazz.md\n+++ b/posts/2027/03/jazz.md\n-Jazz au bar ce soir.\n+status: draft\n+Jazz au bar demain.\n0 to create, 1 to update, 0 unchanged, 0 refused (dry run: nothing written)\n",
		files: map[string]string{"!" + jazz: "status: draft"},
	}, {
		name:    "a post that went out is not edited",
		csv:     importHeader + "2027-03-01 11:00;mastodon;;;published;;posts/2027/03/parti.md;Déjà parti.\n",
		out:     "plan.csv:2:A (publish_at): posts/2027/03/parti.md already went out (status: published): the spreadsheet changes its publish_at",
		refused: true,
	}, {
		name:    "the journal says it went out, the file does not",
		csv:     importHeader + "2027-03-02 10:00;mastodon;;;scheduled;;posts/2027/03/sans-trace.md;Corrigé.\n",
		journal: `{"time":"2027-03-02T10:00:03+01:00","action":"published","post":"posts/2027/03/sans-trace.md","channel":"mastodon","id":"9"}` + "\n",
		out:     "plan.csv:2:H (text): posts/2027/03/sans-trace.md already went out (the journal has it published on mastodon)",
		refused: true,
	}, {
		name: "nothing is half-applied",
		csv: importHeader + "2027-03-19 19:00;mastodon;;jazz;scheduled;Soirée jazz;posts/2027/03/jazz.md;Jazz au bar ce soir.\n" +
			"2027-03-29 10:00;mastodon;;;scheduled;;posts/2027/03/hebdo.md;Chaque lundi.\n" +
			"2027-03-22 09:00;mastodon;;;scheduled;;posts/2027/03/hebdo.md;Chaque lundi matin.\n",
		out: "plan.csv:3:A (publish_at): 2027-03-29 10:00 is not a date of the recurring post posts/2027/03/hebdo.md (the dates of a recurring post come from its repeat: change them in the file, and leave this cell as plan --csv wrote it)\n" +
			"1 refused, so nothing was imported (0 to create, 2 to update, 0 unchanged)",
		files:   map[string]string{jazz: "publish_at: 2027-03-18 19:00"},
		refused: true,
	}, {
		name:  "every row of a recurring post says the same text",
		csv:   importHeader + "2027-03-15 09:00;mastodon;;;scheduled;;posts/2027/03/hebdo.md;Chaque lundi matin.\n2027-03-22 09:00;mastodon;;;scheduled;;posts/2027/03/hebdo.md;Chaque lundi matin.\n",
		out:   "updated posts/2027/03/hebdo.md\n0 created, 1 updated, 0 unchanged, 0 refused\n",
		files: map[string]string{"posts/2027/03/hebdo.md": "Chaque lundi matin.", "!posts/2027/03/hebdo.md": "publish_at: 2027-03-22"},
	}, {
		name:    "two rows for one post",
		csv:     importHeader + "2027-03-18 19:00;mastodon;;jazz;scheduled;Soirée jazz;posts/2027/03/jazz.md;A\n2027-03-18 19:00;mastodon;;jazz;scheduled;Soirée jazz;posts/2027/03/jazz.md;B\n",
		out:     "plan.csv:3:G (path): row 2 names posts/2027/03/jazz.md too (keep one row per post)",
		refused: true,
	}, {
		name:    "a new post that would not load, said in its cell",
		csv:     "publish_at;channels;media;text\n2027-03-25 10:00;myspace;absente.jpg;Texte\n",
		out:     "plan.csv:2:B (channels): unknown channel \"myspace\"",
		refused: true,
	}, {
		name:  "a post named by its id, whatever its path",
		csv:   "publish_at;id;path;text\n2027-03-13 10:00;expo-printemps;posts/2027/02/ancien-nom.md;L'expo de printemps.\n",
		out:   "updated posts/2027/03/renomme.md\n0 created, 1 updated, 0 unchanged, 0 refused\n",
		files: map[string]string{"posts/2027/03/renomme.md": "publish_at: 2027-03-13 10:00"},
	}, {
		name:    "an id no post has",
		csv:     "publish_at;id;text\n2027-03-13 10:00;expo-ete;L'expo d'été.\n",
		out:     `plan.csv:2:B (id): no post has id "expo-ete" (write the id: of the post to update, or leave the cell empty for a new post)`,
		refused: true,
	}, {
		name:    "an update that would not load",
		csv:     importHeader + "2027-03-18 19:00;myspace;;jazz;scheduled;Soirée jazz;posts/2027/03/jazz.md;Jazz au bar ce soir.\n",
		out:     `plan.csv:2:B (channels): posts/2027/03/jazz.md: the edited post would not load`,
		refused: true,
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			repo := importFixture(t, tt.journal)
			var stdout, stderr strings.Builder
			im := &Importer{Repo: repo, DryRun: tt.dry, Stdout: &stdout, Stderr: &stderr, Diff: func(path string, old, new []byte, _ i18n.Lang) (string, error) {
				return lineDiff(path, string(old), string(new)), nil
			}}
			err := im.Run("plan.csv", strings.NewReader(tt.csv))
			got := stdout.String()
			if tt.refused {
				got = stderr.String()
				if !errors.Is(err, ErrRefused) || stdout.Len() > 0 {
					t.Errorf("err %v, stdout %q; want it refused", err, stdout.String())
				}
			} else if err != nil {
				t.Fatalf("%v\n%s", err, stderr.String())
			}
			if !strings.Contains(got, tt.out) {
				t.Errorf("got\n%s\nwant\n%s", got, tt.out)
			}
			for path, line := range tt.files {
				path, not := strings.CutPrefix(path, "!")
				data, err := repo.ReadPost(path)
				if err != nil {
					t.Fatal(err)
				}
				if has := strings.Contains(string(data), line); has == not {
					t.Errorf("%s (has %q: %v, want %v):\n%s", path, line, has, !not, data)
				}
			}
		})
	}
}

// lineDiff is a rough diff for the tests: the lines that differ.
func lineDiff(path, old, new string) string {
	s := "--- a/" + path + "\n+++ b/" + path + "\n"
	a, b := strings.Split(old, "\n"), strings.Split(new, "\n")
	for _, l := range a {
		if !slices.Contains(b, l) {
			s += "-" + l + "\n"
		}
	}
	for _, l := range b {
		if !slices.Contains(a, l) {
			s += "+" + l + "\n"
		}
	}
	return s
}

// An edit keeps the author's comments and key order: only the lines of
// the fields that changed differ.
func TestImporterMinimalDiff(t *testing.T) {
	repo := importFixture(t, "")
	im := &Importer{Repo: repo}
	csv := importHeader + "2027-03-18 20:00;mastodon bluesky;;jazz;scheduled;Soirée jazz;posts/2027/03/jazz.md;Jazz au bar ce soir.\n"
	if err := im.Run("plan.csv", strings.NewReader(csv)); err != nil {
		t.Fatal(err)
	}
	data, _ := repo.ReadPost("posts/2027/03/jazz.md")
	want := "---\n# soirée du mois\ntitle: Soirée jazz   # calendrier\npublish_at: 2027-03-18 20:00\nchannels: [mastodon, bluesky]\ncampaign: jazz\n---\n\nJazz au bar ce soir.\n"
	if string(data) != want {
		t.Errorf("got\n%s\nwant\n%s", data, want)
	}
}

// A row that moves a post to a time already past is warned of: the post
// would go out at the next publish run. A draft is not.
func TestImporterWarnsOfAPastTime(t *testing.T) {
	repo := importFixture(t, "")
	var stdout, stderr strings.Builder
	im := &Importer{Repo: repo, Now: time.Date(2027, 3, 19, 12, 0, 0, 0, repo.Config.Timezone), Stdout: &stdout, Stderr: &stderr}
	csv := importHeader + "2027-03-18 20:00;mastodon;;jazz;scheduled;Soirée jazz;posts/2027/03/jazz.md;Jazz au bar ce soir.\n" +
		"2027-03-17 10:00;mastodon;;;draft;Brouillon;;Pas encore.\n" +
		"2027-03-20 10:00;mastodon;;;;Demain;;Demain.\n"
	if err := im.Run("plan.csv", strings.NewReader(csv)); err != nil {
		t.Fatal(err)
	}
	want := "plan.csv:2:A (publish_at): warning: 2027-03-18 20:00 is past: posts/2027/03/jazz.md goes out at the next publish run (set a later time, or status draft to keep it back)\n"
	if stderr.String() != want {
		t.Errorf("stderr:\n%s\nwant:\n%s", stderr.String(), want)
	}
	if !strings.Contains(stdout.String(), "2 created, 1 updated") {
		t.Errorf("stdout:\n%s", stdout.String())
	}
}
