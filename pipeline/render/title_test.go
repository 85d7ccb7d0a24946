package render

import (
	"strings"
	"testing"

	"github.com/crieur/crieur/pipeline"
)

func body(src string) pipeline.Text {
	return pipeline.Text{Parts: []pipeline.Part{{Source: src}}}
}

func TestTitle(t *testing.T) {
	tests := []struct {
		name, title, body, want string
	}{
		{"explicit title", "  Lancement   de la saison ", "Autre chose", "Lancement de la saison"},
		{"heading and emphasis", "", "## La **nouvelle** saison _commence_ !\nsuite", "La nouvelle saison commence !"},
		{"link and image", "", "![Affiche rouge](affiche.jpg) Voir [le programme](https://example.org/p) ici", "Affiche rouge Voir le programme ici"},
		{"reference link and autolink", "", "Lisez [ceci][1] sur <https://example.org>", "Lisez ceci sur https://example.org"},
		{"blank lines, comment and quote", "", "\n\n<!-- crieur-disable tone.shouting -->\n\n> « Citation » de `Victor`", "« Citation » de Victor"},
		{"list item", "", "- premier point\n- second", "premier point"},
		{"ordered item", "", "1. premier point", "premier point"},
		{"inside a word", "", "le fichier snake_case et 2*3", "le fichier snake_case et 2*3"},
		{"escapes and strike", "", `\*pas\* ~~barré~~ ~20 €`, "*pas* barré ~20 €"},
		{"html", "", "Un<br>saut <b>gras</b>", "Unsaut gras"},
		{"hashtags stay", "", "#culture #Bruxelles", "#culture #Bruxelles"},
		{"cut at a word", "", "La nouvelle saison du Botanique commence le premier décembre avec des concerts", "La nouvelle saison du Botanique commence le premier…"},
		{"cut in a long word", "", strings.Repeat("é", 70), strings.Repeat("é", 59) + "…"},
		{"no text", "", "\n\n", "jeudi"},
		{"only a rule", "", "***\n", "jeudi"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := &pipeline.Post{Path: "posts/2026/12/jeudi.md", Title: tt.title, Body: body(tt.body)}
			got := Title(p)
			if got != tt.want {
				t.Errorf("Title = %q, want %q", got, tt.want)
			}
			if n := len([]rune(got)); n > TitleMax {
				t.Errorf("Title has %d runes, more than %d", n, TitleMax)
			}
		})
	}
}

// TestFirstLine holds the title to what the calendar's own stripper gave
// where Plain writes the text otherwise (links, lists, headings, comments,
// emphasis), and says where the title now follows CommonMark, as Plain
// does, rather than guess: a mark that opens nothing is text, an entity is
// its character, an HTML block says nothing.
func TestFirstLine(t *testing.T) {
	tests := []struct{ name, in, want string }{
		// Plain writes "le programme (https://example.org/p)": a title keeps the text.
		{"inline link", "Voir [le programme](https://example.org/p) ici", "Voir le programme ici"},
		{"link without text", "[](https://example.org/p) Concert", "Concert"},
		{"defined reference", "Lisez [ceci][prog]\n\n[prog]: https://example.org/p", "Lisez ceci"},
		{"collapsed reference", "Lisez [ceci][] ici", "Lisez ceci ici"},
		{"shortcut without definition stays", "[Concours] Gagnez deux places", "[Concours] Gagnez deux places"},
		{"linked image", "[![Affiche](a.jpg)](https://example.org) Concert", "Affiche Concert"},
		{"bare and angle addresses", "https://example.org/a_b_c et <https://example.org/x>", "https://example.org/a_b_c et https://example.org/x"},
		// Plain writes "• premier point": a title has no bullet, no number.
		{"bullet", "* premier point\n* second", "premier point"},
		{"nested list", "- \n  - sous-point", "sous-point"},
		{"ordered from 2026", "2026. Une année", "Une année"},
		{"quote in a list", "- > « Citation »", "« Citation »"},
		// Headings and rules.
		{"closed heading", "# Titre #\ntexte", "Titre"},
		{"setext heading", "Titre\n=====\ntexte", "Titre"},
		{"empty heading", "#\n\nTexte", "Texte"},
		{"rule then text", "---\n\nTexte", "Texte"},
		{"hashtags are not headings", "#culture #Bruxelles", "#culture #Bruxelles"},
		// Comments say nothing, on their own line or in the text.
		{"comment line", "<!-- crieur-disable tone.shouting -->\nTexte", "Texte"},
		{"comment in the text", "Texte <!-- note --> suite", "Texte suite"},
		{"multi-line comment", "<!--\nnote\n-->\nTexte", "Texte"},
		// Emphasis and code.
		{"emphasis over two lines", "**début\nfin** du texte", "début"},
		{"code span", "Tapez `#sortir` ce soir", "Tapez #sortir ce soir"},
		{"fenced code", "```\nmake concert\n```", "make concert"},
		{"no-break spaces folded", "Concert\u202f! 20\u00a0h", "Concert ! 20 h"},
		{"soft break: the first line", "Première ligne\nseconde ligne", "Première ligne"},
		// CommonMark, as Plain: what the networks are sent.
		{"a mark that opens nothing is text", "Gratuit* pour les enfants", "Gratuit* pour les enfants"},
		{"an entity is its character", "Tom &amp; Jerry", "Tom & Jerry"},
		{"an HTML block says nothing", "<div>\nDans le bloc\n</div>\n\nTexte", "Texte"},
		{"nothing", "\n \n", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := FirstLine(tt.in); got != tt.want {
				t.Errorf("FirstLine(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}
