package linters_test

import (
	"testing"

	"github.com/crieur/crieur/linters"
	"github.com/crieur/crieur/pipeline/i18n"
)

// TestLanguages: the engine's own words speak its language: the schema
// ids' descriptions (SARIF) and a path that is not a post.
func TestLanguages(t *testing.T) {
	r := newRepo(t, map[string]string{"notes/c.md": post("publish_at: 2026-12-20 10:00", "Pas un post.\n")})
	for _, tc := range []struct {
		l              i18n.Lang
		about, outside string
	}{
		{"", "A key that crieur does not know (a typo?).", "notes/c.md is not under posts/: crieur reads posts from posts/**/*.md"},
		{i18n.French, "Une clé que crieur ne connaît pas (une faute de frappe\u202f?).", "notes/c.md n’est pas sous posts/\u00a0: crieur lit les posts dans posts/**/*.md"},
		{i18n.Dutch, "Een sleutel die crieur niet kent (een tikfout?).", "notes/c.md staat niet onder posts/: crieur leest posts uit posts/**/*.md"},
	} {
		e := &linters.Engine{Language: tc.l}
		found := false
		for _, in := range e.Infos() {
			if in.ID == "schema.unknown_key" {
				found = true
				if in.Description != tc.about {
					t.Errorf("%s: %q, want %q", tc.l, in.Description, tc.about)
				}
			}
		}
		if !found {
			t.Errorf("%s: no schema.unknown_key", tc.l)
		}
		if _, _, _, err := e.LintPaths(r, []string{"notes/c.md"}, now); err == nil || err.Error() != tc.outside {
			t.Errorf("%s: %v, want %q", tc.l, err, tc.outside)
		}
	}
	if linters.SchemaInfos[0].Description != "The front matter is not valid YAML." {
		t.Errorf("SchemaInfos must stay English: %q", linters.SchemaInfos[0].Description)
	}
}
