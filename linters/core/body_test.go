package core_test

import (
	"fmt"
	"testing"

	"github.com/crieur/crieur/linters/core"
)

// TestBody: what the networks would not get as written is an error at its
// line and column, in the body, a variant and the first comment; notes
// in comments of their own and inline HTML are fine.
func TestBody(t *testing.T) {
	tests := []struct {
		name, front, body string
		want              []string // rule@line:col; the body starts on line 5
	}{
		{"unclosed comment cuts the rest", "", "Avant.\n<!-- note\n\nConcert annulé.\n", []string{"body.comment@6:1"}},
		{"unclosed comment inline", "", "Avant. <!-- note\n\nConcert annulé.\n", []string{"body.comment@5:8"}},
		{"text after a comment on its line", "", "<!-- note --> Concert annulé.\n", []string{"body.comment@5:15"}},
		{"HTML only", "", "<div>\nConcert annulé.\n</div>\n", []string{"body.html@5:1"}},
		{"HTML block then text", "", "<p align=center>Concert</p>\n\nLa suite.\n", []string{"body.html@5:1"}},
		{"a line read as a link definition", "", "Le concert.\n\n[Mise à jour]: annulé\n", []string{"body.link_definition@7:1"}},
		{"a link definition a link uses", "", "Voir [le site][s].\n\n[s]: https://example.org\n", nil},
		{"an image without alt is all", "", "![](https://example.org/a.jpg)\n", []string{"body.empty@5:1"}},
		{"in a variant", "variants:\n  mastodon: |\n    <!-- à revoir\n    Concert.", "Texte.\n", []string{"body.comment@5:5"}},
		{"in the first comment", "first_comment: \"<div>Billets</div>\"", "Texte.\n", []string{"body.html@3:17"}},
		{"notes and inline HTML are fine", "", "<!-- crieur-disable length -->\nTexte <!-- note --> et <b>gras</b>.\n<!--\nune note\nsur deux lignes\n-->\nFin.\n", nil},
		{"code is not a comment", "", "Tapez `<!--` puis :\n\n```\n<div>\n```\n", nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			front := "publish_at: 2026-12-20 10:00\nchannels: [mastodon]"
			if tc.front != "" {
				front = "channels: [mastodon]\n" + tc.front + "\npublish_at: 2026-12-20 10:00"
			}
			r := newRepo(t, map[string]string{postPath: post(front, tc.body)})
			var got []string
			for _, f := range check(t, core.Body{}, r, postPath) {
				if f.Hint == "" {
					t.Errorf("no hint: %v", f)
				}
				got = append(got, fmt.Sprintf("%s@%d:%d", f.Rule, f.Line, f.Col))
			}
			if fmt.Sprint(got) != fmt.Sprint(tc.want) {
				t.Errorf("got %v, want %v", got, tc.want)
			}
		})
	}
}
