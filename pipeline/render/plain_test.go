package render

import (
	"strings"
	"sync"
	"testing"
	"unicode/utf8"
)

func TestPlain(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{
			name: "post of the format doc",
			in: "La nouvelle saison commence le 1er décembre ! Découvrez le programme :\n" +
				"https://example.org/saison\n\n#culture #Bruxelles\n",
			want: "La nouvelle saison commence le 1er décembre ! Découvrez le programme :\n" +
				"https://example.org/saison\n\n#culture #Bruxelles",
		},
		{
			name: "French typography byte for byte",
			in:   "«\u00a0Quelle soirée\u202f!\u00a0» nous dit l’équipe… Rendez-vous à 20\u00a0h\u00a0: entrée libre – ou presque — 5\u00a0€.",
			want: "«\u00a0Quelle soirée\u202f!\u00a0» nous dit l’équipe… Rendez-vous à 20\u00a0h\u00a0: entrée libre – ou presque — 5\u00a0€.",
		},
		{
			name: "soft line breaks kept, paragraphs one blank line apart",
			in:   "\n\nPremière ligne\nDeuxième ligne   \n\n\n\nAutre paragraphe\n\n",
			want: "Première ligne\nDeuxième ligne\n\nAutre paragraphe",
		},
		{
			name: "hard breaks",
			in:   "Avec deux espaces  \nAvec une barre\\\nFin",
			want: "Avec deux espaces\nAvec une barre\nFin",
		},
		{
			name: "emphasis, strong, strikethrough, code",
			in:   "Un *très* beau **concert**, ~~complet~~ ___bientôt___ complet. Tapez `#sortir` ou `a\\b &amp;`.",
			want: "Un très beau concert, complet bientôt complet. Tapez #sortir ou a\\b &amp;.",
		},
		{
			name: "underscores inside words are not emphasis",
			in:   "#fete_de_la_musique avec @jean_dupont et @marie_curie",
			want: "#fete_de_la_musique avec @jean_dupont et @marie_curie",
		},
		{
			name: "links",
			in: "Réservez [sur notre site](https://example.org/billets?utm_source=x&utm_medium=social) " +
				"ou [https://example.org](https://example.org), [example.org](https://example.org/), " +
				"[](https://example.org/vide) et <https://example.org/auto>.",
			want: "Réservez sur notre site (https://example.org/billets?utm_source=x&utm_medium=social) " +
				"ou https://example.org, https://example.org/, https://example.org/vide et https://example.org/auto.",
		},
		{
			name: "link text keeps its own emphasis dropped, title dropped",
			in:   "[Le **programme** complet](https://example.org/programme \"Programme\")",
			want: "Le programme complet (https://example.org/programme)",
		},
		{
			name: "bare URLs with underscores and parentheses",
			in:   "Voir https://example.org/mon_beau_fichier_v2.pdf et https://fr.wikipedia.org/wiki/Liège_(ville).",
			want: "Voir https://example.org/mon_beau_fichier_v2.pdf et https://fr.wikipedia.org/wiki/Liège_(ville).",
		},
		{
			name: "image alt text",
			in:   "![Affiche de la saison, fond rouge](../media/affiche.jpg)\nÀ partager !",
			want: "Affiche de la saison, fond rouge\nÀ partager !",
		},
		{
			name: "mentions and emails stay as written",
			in:   "Merci @botanique@mastodon.social, @bob et (@alice@exemple.be) ! Écrivez à presse@botanique.be.\n@botanique@mastodon.social en tête de ligne",
			want: "Merci @botanique@mastodon.social, @bob et (@alice@exemple.be) ! Écrivez à presse@botanique.be.\n@botanique@mastodon.social en tête de ligne",
		},
		{
			name: "hashtags are not headings, headings are lines",
			in:   "# Saison 2026\n#culture #Bruxelles\n\n## Programme ##\nTexte",
			want: "Saison 2026\n#culture #Bruxelles\n\nProgramme\nTexte",
		},
		{
			name: "escapes and entities",
			in:   "\\#PasUnTitre \\*pas en italique\\* Dupont &amp; fils&nbsp;: 5&#x202F;€ &eacute;t&#233; \\&amp; &unknown;",
			want: "#PasUnTitre *pas en italique* Dupont & fils\u00a0: 5\u202f€ été &amp; &unknown;",
		},
		{
			name: "disable comments leave no line behind",
			in:   "<!-- crieur-disable tone.caps -->\nBonjour à toutes et à tous,\n<!-- crieur-disable-next-line spelling -->\nVenez nombreux !\n\n<!-- fin -->\n",
			want: "Bonjour à toutes et à tous,\nVenez nombreux !",
		},
		{
			name: "comment between paragraphs keeps one blank line",
			in:   "Premier.\n\n<!-- note -->\n\nSecond.",
			want: "Premier.\n\nSecond.",
		},
		{
			name: "inline HTML dropped, its text kept",
			in:   "Un <b>grand</b> merci <!-- interne --> à vous<br>!",
			want: "Un grand merci à vous!",
		},
		{
			name: "HTML block dropped",
			in:   "Avant\n<div>\ncaché\n</div>\n\nAprès",
			want: "Avant\n\nAprès",
		},
		{
			name: "bullet lists, nested lists, lazy lines",
			in:   "Au programme :\n- concerts\n- ateliers\n  * poterie\n    + tour\n  * gravure\n- expositions\nRéservez vite !",
			want: "Au programme :\n• concerts\n• ateliers\n  • poterie\n    • tour\n  • gravure\n• expositions\nRéservez vite !",
		},
		{
			name: "ordered lists keep their start",
			in:   "Les étapes :\n1. réserver\n2. venir\n\nSuite :\n\n7) sept\n8) huit",
			want: "Les étapes :\n1. réserver\n2. venir\n\nSuite :\n\n7) sept\n8) huit",
		},
		{
			name: "loose list keeps its blank lines, second paragraph indented",
			in:   "- un\n\n- deux\n\n  suite de deux\n- trois",
			want: "• un\n\n• deux\n\n  suite de deux\n• trois",
		},
		{
			name: "ordered list nested in bullets",
			in:   "- jour 1\n  1. matin\n  2. soir",
			want: "• jour 1\n  1. matin\n  2. soir",
		},
		{
			name: "blockquote lines unchanged",
			in:   "Elle a dit :\n\n> «\u00a0C’est *magnifique*\u00a0»\n> et elle avait raison",
			want: "Elle a dit :\n\n«\u00a0C’est magnifique\u00a0»\net elle avait raison",
		},
		{
			name: "fenced and indented code",
			in:   "Code :\n\n```sh\ncrieur publish\n  --dry-run\n```\n\n    indenté",
			want: "Code :\n\ncrieur publish\n  --dry-run\n\nindenté",
		},
		{
			name: "thematic break dropped",
			in:   "Avant\n\n***\n\nAprès",
			want: "Avant\n\nAprès",
		},
		{
			name: "CRLF",
			in:   "Ligne un\r\nLigne deux\r\n\r\nParagraphe",
			want: "Ligne un\nLigne deux\n\nParagraphe",
		},
		{
			name: "emoji pass through",
			in:   "Bravo 👏🏽 à l’équipe 👨‍👩‍👧 ❤️ 🇧🇪",
			want: "Bravo 👏🏽 à l’équipe 👨‍👩‍👧 ❤️ 🇧🇪",
		},
		{name: "empty", in: "", want: ""},
		{name: "only a comment", in: "<!-- crieur-disable x -->\n", want: ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Plain(tt.in); got != tt.want {
				t.Errorf("Plain(%q)\n got %q\nwant %q", tt.in, got, tt.want)
			}
		})
	}
}

// TestPlainConcurrent backs the claim that the shared parser is safe for
// concurrent use (run with -race).
func TestPlainConcurrent(t *testing.T) {
	want := Plain(benchPost)
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			if got := Plain(benchPost); got != want {
				t.Errorf("concurrent Plain = %q, want %q", got, want)
			}
		})
	}
	wg.Wait()
}

func FuzzPlain(f *testing.F) {
	for _, seed := range []string{
		"",
		"Bonjour *tout* le **monde** !\n\n#culture @botanique@mastodon.social",
		"- un\n  - deux\n    1. trois\n\n> cité",
		"[lien](https://example.org/a_b) ![alt](x.png) <https://x.fr> &amp; \\# &#x202F;",
		"<!-- crieur-disable x -->\n«\u00a0Quoi\u202f?\u00a0»\n```\ncode\n```",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, in string) {
		out := Plain(in)
		if utf8.ValidString(in) && !utf8.ValidString(out) {
			t.Errorf("Plain(%q) = %q, not valid UTF-8", in, out)
		}
		if strings.HasPrefix(out, "\n") || strings.HasSuffix(out, "\n") {
			t.Errorf("Plain(%q) = %q: leading or trailing line break", in, out)
		}
	})
}

const benchPost = `<!-- crieur-disable-next-line tone.caps -->
# Lancement de la saison

La nouvelle saison commence le **1er décembre** ! Découvrez le programme :
https://example.org/saison?utm_source=mastodon&utm_campaign=saison-2026

Au programme :
- des *concerts* 🎶
- des ateliers ([inscription](https://example.org/ateliers))
  1. poterie
  2. gravure
- une exposition « Lumières »

Merci à @botanique@mastodon.social et à l’équipe 👏🏽 !

#culture #Bruxelles
`

// BenchmarkPlain measures the rendering itself, not Plain's cache.
func BenchmarkPlain(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		plain(benchPost)
	}
}
