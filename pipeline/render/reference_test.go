package render

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/crieur/crieur/internal/reference"
)

// The differential tests: crieur's counting against the networks' own
// reference implementations, run with node on the same texts (see
// internal/reference). Each says how many cases it compared and how many
// disagree; the cases where crieur disagrees on purpose are listed, with
// the reason, in knownX.

// conformance reads the inputs of a reference's own test suite, kept in
// testdata/reference (see its README).
func conformance(t *testing.T, name string) []string {
	t.Helper()
	raw, err := os.ReadFile("testdata/reference/" + name)
	if err != nil {
		t.Fatal(err)
	}
	var cases []struct{ Text string }
	if err := json.Unmarshal(raw, &cases); err != nil {
		t.Fatal(err)
	}
	texts := make([]string, len(cases))
	for i, c := range cases {
		texts[i] = c.Text
	}
	return texts
}

// frenchPosts are realistic posts of a cultural venue, in French
// typography, and the cases that issue 16 names.
var frenchPosts = []string{
	"Ce week-end à La Verrière\u00a0: concerts, ateliers et visites guidées pour toute la famille. Entrée libre, réservation conseillée. Le programme complet est sur laverriere.be",
	"« Quelle soirée\u202f! » Merci à toutes et à tous 🙏 Rendez-vous le 14\u00a0mars pour la suite\u00a0: https://laverriere.be/agenda?saison=2026&lang=fr",
	"Tout le programme\u00a0: www.laverriere.be/programme — et la billetterie ouvre lundi.",
	"Avec M.Dupont et Mme Durand, à 20\u00a0h.",
	"Plus d'infos sur verriere.brussels et sur abc.net.au (en anglais).",
	"L'affiche (affiche.com.pdf) est prête.",
	"Notre partenaire example.organic soutient l'événement.",
	"Le tarif réduit est à 5\u00a0€… pour les moins de 26 ans.",
	"Écoutez l'épisode sur https://podcast.example.fr/épisodes/été-2026 !",
	"Voir https://fr.wikipedia.org/wiki/Liège_(ville). Et aussi (https://laverriere.be).",
	"Les photos sont là\u00a0: https://localhost:8080/galerie/2026",
	"Tapez e\u0301te\u0301 en décomposé, ou NFC\u00a0: été.",
	"Un caractère interdit\ufeff ici.",
	"Et là \ufffe, et là \uffff.",
	"#Festival2026 @laverriere: on vous attend ! 🎉🎶 https://t.co/abc123XYZ",
	"Lien direct : https://t.co/" + strings.Repeat("a", 41),
	"Un domaine trop long : " + strings.Repeat("a", 64) + ".com et un bon : " + strings.Repeat("b", 63) + ".com",
	"https://" + strings.Repeat("x", 64) + ".example.org/",
	"Drapeaux 🇧🇪🇫🇷🏳️‍🌈🏳️‍⚧️, familles 👨‍👩‍👧‍👦 👩🏽‍💻, cœurs ❤ ❤️ ❤︎, keycaps 1️⃣ #️⃣.",
	"Le site‎ laverriere.be‏ (avec marques de direction)",
	"Sur le site de l'ULB: ulb.be/fr, l'UCLouvain: uclouvain.be.",
	"Courriel : info@laverriere.be, ou via contact.laverriere.be.",
	"Fichier programme.txt et image.jpg, pas des liens ; mais app.py oui ? Et logo.png ?",
	"À voir : «\u00a0laverriere.be\u00a0» et “www.example.org”…",
	"Horaires 9.30 – 17.30, tél. 02.123.45.67, version 1.2.3.",
}

// adversarialPieces are put together at random into texts no one would
// write, to find where two implementations part.
var adversarialPieces = []string{
	"a", "é", "e\u0301", " ", "\u00a0", "\u202f", "\n", ".", "..", ",", ";", ":", "!", "?", "…", "«", "»", "(", ")", "[", "]", "'", "’", "\"", "-", "_", "/", "@", "#", "$", "%", "&", "=", "+", "~", "|",
	"http://", "https://", "HTTPS://", "www.", "t.co/", "xn--", "xn--bcher-kva", ".com", ".COM", ".be", ".brussels", ".dupont", ".org", ".organic", ".au", ".net", ".co", ".jpg", ".pdf", ".txt", ".рф", ".онлайн", ".香港", ".コム",
	"example", "laverriere", "bücher", "日本", "пример", "مثال", "localhost", ":8080", "/path", "/été", "?q=été", "?q=1&r=2", "#frag", "(x)", "/(a(b)c)",
	"👍🏽", "🏳️‍⚧️", "❤", "❤️", "©", "™", "1️⃣", "🇧🇪", "😀\ufe0e", "⌚\ufe0e", "☝🏽",
	"\u200e", "\u200f", "\u202a", "\u2066", "\ufeff", "\ufffe", "\u200d", "\u0301", "\U0001F600", "𝐀",
	"\u212a", "\u212b", "ſ", "\u3002", "\uff0e",
}

// generated returns n texts built at random (with a fixed seed, so the
// same ones every run) from realistic posts and adversarial pieces.
func generated(n int) []string {
	rng := rand.New(rand.NewPCG(16, 2026))
	var out []string
	for range n {
		var b strings.Builder
		if rng.IntN(3) == 0 {
			b.WriteString(frenchPosts[rng.IntN(len(frenchPosts))])
		}
		for range 1 + rng.IntN(12) {
			b.WriteString(adversarialPieces[rng.IntN(len(adversarialPieces))])
		}
		if rng.IntN(4) == 0 {
			b.WriteString(strings.Repeat("é", rng.IntN(300)))
		}
		out = append(out, b.String())
	}
	return out
}

// urlPieces make texts dense in what twitter-text's URL extraction
// weighs: schemes, ports, paths with parentheses, t.co, punycode and IDN
// domains, labels near 63 characters, full-width and ideographic dots.
var urlPieces = []string{
	"https://a.b.c.example.com", "http://xn--bcher-kva.ch/", "bücher.de", "例え.テスト", "münchen.de/straße", "t.co/ab12", "https://t.co/",
	"foo.com:443/", ":", "/a(b)c", "(", "@user/", "~", "%20", "!", "*", "=", "é.com", "ñ.es", "ß.de", "a_b.com", "_a.com", "-a.com",
	"a-.com", "1.2.3.4", "192.168.0.1", "x.co.uk", "x.CO.UK", "x.Co", "WWW.EXAMPLE.COM", "ｗｗｗ.example.com", "example。com",
	"example．com", strings.Repeat("z", 62), strings.Repeat("é", 30), "\u0000", "\t", "\u3000", "\u2028",
}

// generatedURLs returns n texts built at random (with a fixed seed) from
// the adversarial pieces and urlPieces.
func generatedURLs(n int) []string {
	rng := rand.New(rand.NewPCG(7, 77))
	pieces := append(append([]string{}, adversarialPieces...), urlPieces...)
	out := make([]string, 0, n)
	for range n {
		var b strings.Builder
		for range 1 + rng.IntN(10) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		out = append(out, b.String())
	}
	return out
}

// knownX lists the texts where crieur counts otherwise than twitter-text
// on purpose, each with the reason. Empty: crieur counts as twitter-text.
var knownX = map[string]string{}

type xVerdict struct {
	Weight int
	Valid  bool
	URLs   [][2]int
}

func TestXAgainstTwitterText(t *testing.T) {
	t.Parallel()
	corpus := map[string][]string{
		"twitter-text's conformance suite": conformance(t, "twitter-text-conformance.json"),
		"French posts":                     frenchPosts,
		"generated":                        generated(3000),
		"generated with URLs":              generatedURLs(5000),
	}
	names := []string{"twitter-text's conformance suite", "French posts", "generated", "generated with URLs"}
	var all []string
	for _, name := range names {
		all = append(all, corpus[name]...)
	}
	var answers []xVerdict
	reference.Run(t, "testdata/reference/twitter-text.js", all, &answers, "twitter-text")
	for _, name := range names {
		texts := corpus[name]
		want := answers[:len(texts)]
		answers = answers[len(texts):]
		differ := 0
		for i, text := range texts {
			w, valid := xParse(text)
			got := xVerdict{Weight: w, Valid: valid, URLs: utf16Indices(text, xURLs(normNFC(text)))}
			if got.Weight == want[i].Weight && got.Valid == want[i].Valid && fmt.Sprint(got.URLs) == fmt.Sprint(want[i].URLs) {
				continue
			}
			if _, ok := knownX[text]; ok {
				continue
			}
			differ++
			if differ <= 20 {
				t.Errorf("%s: %q\n crieur:       %d valid=%v URLs %v\n twitter-text: %d valid=%v URLs %v",
					name, text, got.Weight, got.Valid, got.URLs, want[i].Weight, want[i].Valid, want[i].URLs)
			}
		}
		t.Logf("x, %s: %d cases compared with twitter-text, %d disagree", name, len(texts), differ)
	}
}

// utf16Indices turns byte offsets of spans into UTF-16 code unit offsets,
// as JavaScript counts.
func utf16Indices(text string, spans []Span) [][2]int {
	text = normNFC(text)
	out := [][2]int{}
	for _, s := range spans {
		out = append(out, [2]int{utf16Count(text[:s.Start]), utf16Count(text[:s.End])})
	}
	return out
}

func utf16Count(s string) int {
	return len(utf16.Encode([]rune(s)))
}

// knownBlueskyLength lists the texts whose graphemes crieur counts
// otherwise than @atproto/api, each with the reason.
var knownBlueskyLength = map[string]string{
	// Node's Intl.Segmenter (ICU) joins conjuncts of Indic scripts into one
	// cluster (Unicode 15.1's rule GB9c and ICU's aksara rules for Khmer
	// and Myanmar); uniseg 0.4.7, the newest, follows Unicode 15.0. crieur
	// counts more there: it never lets through what Bluesky refuses.
	"#महात्मा #महात्मा_१२३४ #१२३४ गांधी":   "Indic conjuncts (Unicode 15.1)",
	"#មហាត្មះគន្ធី #မြင့်မြတ်သော #ຊີວະສາດ": "Khmer and Myanmar conjuncts (ICU)",
}

func TestBlueskyLengthAgainstAtproto(t *testing.T) {
	t.Parallel()
	corpus := map[string][]string{
		"twitter-text's conformance suite": conformance(t, "twitter-text-conformance.json"),
		"French posts":                     frenchPosts,
		"generated":                        generated(3000),
	}
	names := []string{"twitter-text's conformance suite", "French posts", "generated"}
	var all []string
	for _, name := range names {
		all = append(all, corpus[name]...)
	}
	var answers []struct{ Graphemes, Bytes int }
	reference.Run(t, "testdata/reference/atproto-length.mjs", all, &answers, "@atproto/api")
	for _, name := range names {
		texts := corpus[name]
		want := answers[:len(texts)]
		answers = answers[len(texts):]
		differ, known := 0, 0
		for i, text := range texts {
			if g := Count("bluesky", text); g == want[i].Graphemes && len(text) == want[i].Bytes {
				continue
			}
			if _, ok := knownBlueskyLength[text]; ok && Count("bluesky", text) > want[i].Graphemes {
				known++
				continue
			}
			differ++
			if differ <= 20 {
				t.Errorf("%s: %q\n crieur:       %d graphemes, %d bytes\n @atproto/api: %d graphemes, %d bytes",
					name, text, Count("bluesky", text), len(text), want[i].Graphemes, want[i].Bytes)
			}
		}
		t.Logf("bluesky length, %s: %d cases compared with @atproto/api, %d disagree (and %d known, documented differences)", name, len(texts), differ, known)
	}
}

// TestCutOnGeneratedTexts holds Cut to its promise on the generated
// texts: kept and cut make the text, and kept fits.
func TestCutOnGeneratedTexts(t *testing.T) {
	for _, text := range generated(400) {
		for _, network := range []string{"x", "mastodon", "bluesky", "telegram", "threads"} {
			limit := Count(network, text) / 2
			if limit == 0 {
				continue
			}
			kept, cut := Cut(network, text, limit)
			if kept+cut != text {
				t.Fatalf("Cut(%q, %q, %d): kept+cut is not the text", network, text, limit)
			}
			if n := Count(network, kept); n > limit {
				t.Errorf("Cut(%q, %q, %d): kept %q counts %d", network, text, limit, kept, n)
			}
		}
	}
}
