package render

import (
	"testing"
)

// What Plain would drop is found, so that lint can refuse it rather than
// let the text go out cut.
func TestFindUnsent(t *testing.T) {
	for _, c := range []struct {
		src  string
		want []Unsent
		sent string // what Plain sends, for the record
	}{
		{"Avant.\n<!-- note\n\nConcert annulé.\n", []Unsent{{7, 35, UnclosedComment}}, "Avant."},
		{"Avant. <!-- note\n\nConcert annulé.\n", []Unsent{{7, 35, UnclosedComment}}, "Avant. <!-- note\n\nConcert annulé."},
		{"<div>\nConcert annulé.\n</div>\n", []Unsent{{0, 30, HTMLBlock}}, ""},
		{"<div>Concert</div>\n\nfin\n", []Unsent{{0, 19, HTMLBlock}}, "fin"},
		{"<!-- note --> Concert annulé.\n", []Unsent{{14, 30, CommentLine}}, ""},
		{"<!-- a\nb --> c\n", []Unsent{{13, 14, CommentLine}}, ""},
		{"Texte <!-- note --> suite\n<!-- a -->\n<!-- crieur-disable x -->\nbas\n", nil, "Texte suite\nbas"},
		{"<b>gras</b> texte\n", nil, "gras texte"},
		{"`<!--` et ```\n<!--\n```\n", []Unsent{{14, 23, UnclosedComment}}, "<!-- et ```"}, // not a fence: a comment
		{"```\n<!--\n```\n", nil, "<!--"},
		{"[Info]: annulé\n\nLa suite.\n", []Unsent{{0, 15, LinkDefinition}}, "La suite."},
		{"Voir [le site][s].\n\n[s]: https://example.org\n", nil, "Voir le site (https://example.org)."},
	} {
		got := FindUnsent(c.src)
		if len(got) != len(c.want) || (len(got) > 0 && got[0] != c.want[0]) {
			t.Errorf("FindUnsent(%q) = %v, want %v", c.src, got, c.want)
		}
		if s := Plain(c.src); s != c.sent {
			t.Errorf("Plain(%q) = %q, want %q", c.src, s, c.sent)
		}
	}
}
