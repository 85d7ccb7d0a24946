package content_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/crieur/crieur/pipeline/content"
)

var starterNow = time.Date(2027, 3, 10, 15, 0, 0, 0, time.UTC)

// A starter in each language opens as a content repository, its charter
// and its draft load without a finding, and it declares every network
// asked as an outbox channel that names the network's secrets.
func TestWriteStarter(t *testing.T) {
	for _, lang := range content.StarterLangs {
		t.Run(lang, func(t *testing.T) {
			dir := t.TempDir()
			s := content.Starter{Lang: lang, Timezone: "Europe/Brussels", Brand: "La Verrière", Networks: content.StarterNetworks(),
				Schemas: fstest.MapFS{"crieur.schema.json": {Data: []byte("{}")}, "charte.schema.json": {Data: []byte("{}")}}}
			written, err := content.WriteStarter(dir, s, starterNow)
			if err != nil {
				t.Fatal(err)
			}
			for _, want := range []string{"crieur.yml", "charte.yml", "vocabulaire.txt", ".gitignore", ".vscode/settings.json", ".vscode/crieur/charte.schema.json"} {
				if !contains(written, want) {
					t.Errorf("%s not written (%v)", want, written)
				}
			}
			r, err := content.Open(dir)
			if err != nil {
				t.Fatal(err)
			}
			for _, n := range content.StarterNetworks() {
				cc, ok := r.Config.Channels[n]
				if !ok || cc.Type != "outbox" || cc.Network != n || len(cc.Secrets) == 0 {
					t.Errorf("channel %s: %+v", n, cc)
				}
			}
			if r.Config.Defaults.Lang != lang || contains(r.Config.Defaults.Channels, "instagram") {
				t.Errorf("defaults %+v: want lang %s, and no channel that needs an image", r.Config.Defaults, lang)
			}
			paths, err := r.PostPaths()
			if err != nil || len(paths) != 1 {
				t.Fatalf("posts %v, %v", paths, err)
			}
			files, findings := r.LoadPosts(paths)
			if len(findings) > 0 {
				t.Fatalf("the first post: %v", findings)
			}
			p := files[0].Post
			if p.Status != "draft" || p.Lang != lang || p.PublishAt.In(r.Config.Timezone).Format("2006-01-02 15:04") != "2027-03-11 09:00" {
				t.Errorf("the first post: status %s, lang %s, at %s", p.Status, p.Lang, p.PublishAt)
			}
			voc, _ := os.ReadFile(filepath.Join(dir, "vocabulaire.txt"))
			if !strings.Contains(string(voc), "\nVerrière\n") || !strings.Contains(string(voc), "\ncrieur\n") {
				t.Errorf("vocabulaire.txt lacks the brand's words:\n%s", voc)
			}
			// A second time: crieur.yml is there, nothing is replaced.
			if _, err := content.WriteStarter(dir, s, starterNow); err == nil {
				t.Error("a second starter over the first was written")
			}
		})
	}
}

// Wrong answers are refused with what to write.
func TestStarterCheck(t *testing.T) {
	good := content.Starter{Lang: "fr", Timezone: "Europe/Paris", Brand: "Les Mots", Networks: []string{"mastodon"}}
	tests := []struct {
		name string
		edit func(*content.Starter)
		want string
	}{
		{"a language crieur has no words for", func(s *content.Starter) { s.Lang = "de" }, "fr, en, nl"},
		{"a time zone that is not one", func(s *content.Starter) { s.Timezone = "Paris" }, "not an IANA time zone"},
		{"a misspelled network", func(s *content.Starter) { s.Networks = []string{"mastadon"} }, "did you mean mastodon?"},
		{"no network", func(s *content.Starter) { s.Networks = nil }, "no network"},
		{"a brand that would break YAML", func(s *content.Starter) { s.Brand = "A: B" }, "brand name"},
	}
	if err := good.Check(); err != nil {
		t.Fatal(err)
	}
	for _, tc := range tests {
		s := good
		tc.edit(&s)
		if err := s.Check(); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: %v, want …%s…", tc.name, err, tc.want)
		}
	}
}

// Ask keeps a default on Enter, asks again after a wrong answer, and
// stops quietly at the end of the input.
func TestStarterAsk(t *testing.T) {
	s := content.Starter{Lang: "fr", Timezone: "Europe/Paris", Brand: "dossier", Networks: []string{"mastodon", "bluesky"}}
	var out strings.Builder
	in := "Librairie Les Mots\n\nParis\nEurope/Paris\nmastodon, linkedin\n"
	if err := s.Ask(strings.NewReader(in), &out); err != nil {
		t.Fatal(err)
	}
	if s.Brand != "Librairie Les Mots" || s.Lang != "fr" || s.Timezone != "Europe/Paris" || strings.Join(s.Networks, ",") != "mastodon,linkedin" {
		t.Errorf("got %+v", s)
	}
	if !strings.Contains(out.String(), "Fuseau horaire [Europe/Paris] : ") || !strings.Contains(out.String(), "Réessayez") {
		t.Errorf("the questions:\n%s", out.String())
	}
	s2 := content.Starter{Lang: "en", Timezone: "UTC", Brand: "x", Networks: []string{"bluesky"}}
	if err := s2.Ask(strings.NewReader("Zaal\n"), &out); err != nil || s2.Brand != "Zaal" || s2.Networks[0] != "bluesky" {
		t.Errorf("end of input: %+v, %v", s2, err)
	}
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// crieur works from any folder of a content repository, as git does;
// not above the git repository it is in.
func TestFindRoot(t *testing.T) {
	top := t.TempDir()
	root := filepath.Join(top, "repo", "site")
	deep := filepath.Join(root, "posts", "2027", "01")
	if err := os.MkdirAll(deep, 0o755); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(root, "crieur.yml"), []byte("timezone: Europe/Brussels\nchannels:\n  m:\n    type: outbox\n"), 0o644)
	for _, dir := range []string{root, deep, filepath.Join(root, "posts")} {
		if got := content.FindRoot(dir); got != root {
			t.Errorf("FindRoot(%s) = %s, want %s", dir, got, root)
		}
	}
	// A git repository inside, without crieur.yml: its root is a boundary.
	inner := filepath.Join(deep, "other")
	os.MkdirAll(filepath.Join(inner, ".git"), 0o755)
	if got := content.FindRoot(inner); got != inner {
		t.Errorf("FindRoot crossed a git repository's root: %s", got)
	}
	if r, err := content.Open(deep); err != nil || r.Root != root {
		t.Errorf("Open(deep) = %v, %v", r, err)
	}
}
