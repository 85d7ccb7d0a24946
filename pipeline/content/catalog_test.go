package content

import (
	"testing"

	"github.com/crieur/crieur/pipeline/i18n"
)

// TestCatalog: every message in English, French and Dutch, with the same
// placeholders, none empty; every alias hint is in the catalog.
func TestCatalog(t *testing.T) {
	for _, p := range say.Problems() {
		t.Error(p)
	}
	for key, id := range postAliases {
		if !say.Has(id) {
			t.Errorf("alias %s: %s is not in messages/", key, id)
		}
	}
}

// TestLanguages: a post's load findings speak the reader's language
// (Repo.Language, else crieur.yml's language:), with French quotes and
// spaces; keys and rule ids stay as written.
func TestLanguages(t *testing.T) {
	src := []byte("---\npublish_at: 2026-12-20 10:00\ndate: demain\nchannels: [mastodn]\n---\nBonjour.\n")
	for _, tc := range []struct {
		lang, config i18n.Lang
		want         []string
	}{
		{"", "", []string{
			`unknown key "date" in the front matter`, "did you mean publish_at?",
			`unknown channel "mastodn"`, "did you mean mastodon?"}},
		{"", i18n.French, []string{
			"clé «\u202fdate\u202f» inconnue dans l’en-tête (front matter)", "vouliez-vous dire publish_at\u202f?",
			"canal «\u202fmastodn\u202f» inconnu", "vouliez-vous dire mastodon\u202f?"}},
		{i18n.Dutch, i18n.French, []string{
			`onbekende sleutel "date" in de front matter`, "bedoelde je publish_at?",
			`onbekend kanaal "mastodn"`, "bedoelde je mastodon?"}},
	} {
		r := testRepo(t)
		r.Language, r.Config.Language = tc.lang, string(tc.config)
		_, fs := r.ParsePost("posts/a.md", src)
		var got []string
		for _, f := range fs {
			got = append(got, f.Message, f.Hint)
		}
		if len(got) != len(tc.want) {
			t.Fatalf("%s/%s: %q, want %q", tc.lang, tc.config, got, tc.want)
		}
		for i := range got {
			if got[i] != tc.want[i] {
				t.Errorf("%s/%s: %q, want %q", tc.lang, tc.config, got[i], tc.want[i])
			}
		}
	}
}

// TestMediaLanguages: a missing image is said in the reader's language.
func TestMediaLanguages(t *testing.T) {
	src := []byte("---\npublish_at: 2026-12-20 10:00\nmedia:\n  - file: nope.jpg\n---\nBonjour.\n")
	for l, want := range map[i18n.Lang]string{
		i18n.English: "media file nope.jpg not found",
		i18n.French:  "fichier média nope.jpg introuvable",
		i18n.Dutch:   "mediabestand nope.jpg niet gevonden",
	} {
		r := testRepo(t)
		r.Language = l
		_, fs := r.ParsePost("posts/a.md", src)
		if len(fs) != 1 || fs[0].Message != want || fs[0].Hint == "" {
			t.Errorf("%s: %v, want %q with a hint", l, fs, want)
		}
	}
}
