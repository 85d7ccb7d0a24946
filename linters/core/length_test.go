package core_test

import (
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/rivo/uniseg"

	"github.com/crieur/crieur/linters/core"
	"github.com/crieur/crieur/pipeline"
)

const postPath = "posts/2026/12/post.md"

// lengthCase is one post and what Length must say about it, channel by
// channel: the count/limit of each finding, in the message.
type lengthCase struct {
	name     string
	front    string // without publish_at
	body     string
	want     map[string]string // channel -> "n/limit" in the message; absent: no finding
	wantLine string            // when set, every finding is on the line holding this text
	wantCol  int               // and at this column (0: not checked)
	wantIn   string            // and its message says this
}

func runLength(t *testing.T, tc lengthCase) {
	t.Helper()
	src := post("publish_at: 2026-12-20 10:00\n"+tc.front, tc.body)
	r := newRepo(t, map[string]string{postPath: src})
	got := check(t, core.Length{}, r, postPath)
	seen := map[string]bool{}
	for _, f := range got {
		if f.Rule != "length" || f.Severity != pipeline.Error || f.Path != postPath {
			t.Errorf("unexpected finding %v", f)
			continue
		}
		ch := channelOf(f.Message)
		want, ok := tc.want[ch]
		switch {
		case !ok:
			t.Errorf("channel %s: unexpected finding %v", ch, f)
		case !strings.Contains(f.Message, " "+want+" "):
			t.Errorf("channel %s: message %q, want the count %s", ch, f.Message, want)
		}
		seen[ch] = true
		if tc.wantLine != "" {
			if line := lineOf(t, src, tc.wantLine); f.Line != line {
				t.Errorf("channel %s: finding on line %d, want %d (the line of %.20q)", ch, f.Line, line, tc.wantLine)
			}
		}
		if tc.wantCol != 0 && f.Col != tc.wantCol {
			t.Errorf("channel %s: finding at column %d, want %d", ch, f.Col, tc.wantCol)
		}
		if tc.wantIn != "" && !strings.Contains(f.Message, tc.wantIn) {
			t.Errorf("channel %s: message %q does not say %q", ch, f.Message, tc.wantIn)
		}
		if f.Hint == "" {
			t.Errorf("channel %s: no hint in %v", ch, f)
		}
	}
	for ch := range tc.want {
		if !seen[ch] {
			t.Errorf("channel %s: no length finding, want %s (findings: %v)", ch, tc.want[ch], got)
		}
	}
}

// channelOf reads the channel out of "… too long for CHANNEL: …".
func channelOf(msg string) string {
	_, after, ok := strings.Cut(msg, " too long for ")
	if !ok {
		return "?"
	}
	ch, _, _ := strings.Cut(after, ":")
	return ch
}

// graphemes builds French text of n grapheme clusters that holds a
// decomposed é (2 code points) and a family emoji (5 code points), so that
// it has n+5 code points: only grapheme counting gets n.
func graphemes(t *testing.T, n int) string {
	t.Helper()
	head := "Au cafe\u0301 en famille 👨\u200d👩\u200d👧 : "
	s := head + prose(n-uniseg.GraphemeClusterCount(head))
	if g := uniseg.GraphemeClusterCount(s); g != n {
		t.Fatalf("test text has %d graphemes, want %d", g, n)
	}
	if c := utf8.RuneCountInString(s); c != n+5 {
		t.Fatalf("test text has %d code points, want %d", c, n+5)
	}
	return s
}

const longURL = "https://example.org/programme/saison-2026/concerts-du-mois-de-decembre?utm_source=social&utm_medium=post"

func TestLengthPerNetwork(t *testing.T) {
	if len(longURL) < 90 {
		t.Fatal("the URL must be much longer than 23 for the URL cases to mean anything")
	}
	tests := []lengthCase{
		{
			name:  "301 graphemes fail bluesky, pass mastodon",
			front: "channels: [bluesky, mastodon]",
			body:  graphemes(t, 301) + "\n",
			want:  map[string]string{"bluesky": "301/300"},
		},
		{
			name:  "300 graphemes (305 code points) fit bluesky",
			front: "channels: [bluesky]",
			body:  graphemes(t, 300) + "\n",
		},
		{
			name:  "bluesky also limits bytes: 150 family emojis are 150 graphemes but 3750 bytes",
			front: "channels: [bluesky]",
			body:  strings.Repeat("👨\u200d👩\u200d👧\u200d👦", 150) + "\n",
			want:  map[string]string{"bluesky": "3750/3000"},
		},
		{
			name:  "a URL counts 23 on mastodon: 476 + 1 + 23 = 500 fits",
			front: "channels: [mastodon]",
			body:  prose(476) + " " + longURL + "\n",
		},
		{
			name:  "a URL counts 23 on mastodon: 477 + 1 + 23 = 501",
			front: "channels: [mastodon]",
			body:  prose(477) + " " + longURL + "\n",
			want:  map[string]string{"mastodon": "501/500"},
		},
		{
			name:  "a URL weighs 23 on x: 256 + 1 + 23 = 280 fits",
			front: "channels: [x]",
			body:  prose(256) + " " + longURL + "\n",
		},
		{
			name:  "a URL weighs 23 on x: 257 + 1 + 23 = 281",
			front: "channels: [x]",
			body:  prose(257) + " " + longURL + "\n",
			want:  map[string]string{"x": "281/280"},
		},
		{
			name:  "a URL counts in full on linkedin",
			front: "channels: [linkedin]",
			body:  prose(3000-len(longURL)) + " " + longURL + "\n",
			want:  map[string]string{"linkedin": "3001/3000"},
		},
		{
			// Issue 16: 274/280 for crieur's count before, 284 for X, which
			// counts the scheme-less URL as 23.
			name:  "a domain without a scheme weighs 23 on x",
			front: "channels: [x]",
			body:  prose(242) + " le programme complet est sur laverriere.be\n",
			want:  map[string]string{"x": "295/280"},
		},
		{
			name:  "a URL without a known top-level domain counts in full on x",
			front: "channels: [x]",
			body:  prose(250) + " https://localhost:8080/galerie\n",
			want:  map[string]string{"x": "281/280"},
		},
		{
			name:  "U+202F weighs 2 on x, 1 on mastodon",
			front: "channels: [x, mastodon]",
			body:  prose(278) + "\u202f!\n",
			want:  map[string]string{"x": "281/280"},
		},
		{
			name:  "the same text with a plain space fits x",
			front: "channels: [x]",
			body:  prose(278) + " !\n",
		},
		{
			name:     "a thread part over the limit is reported at that part's line",
			front:    "channels: [bluesky, mastodon]",
			body:     "Première partie, courte.\n\n---\n\nDeuxième : " + prose(310) + "\n\n---\n\nTroisième partie.\n",
			want:     map[string]string{"bluesky": "321/300"},
			wantLine: "Deuxième : ",
			wantCol:  1,
			wantIn:   "part 2 of the thread",
		},
		{
			name:     "a part that starts with comments is reported at its text, where a disable-next-line comment points",
			front:    "channels: [bluesky]",
			body:     "<!-- relu par Zoé -->\n<!-- crieur-disable-next-line tone -->\n\nTexte " + prose(300) + "\n",
			want:     map[string]string{"bluesky": "306/300"},
			wantLine: "Texte ",
			wantCol:  1,
		},
		{
			name:  "mastodon counts a thread part by part",
			front: "channels: [mastodon]",
			body:  prose(450) + "\n\n---\n\n" + prose(450) + "\n",
		},
		{
			name:     "linkedin has no threads: the parts are counted joined, at the first part",
			front:    "channels: [linkedin, mastodon]",
			body:     strings.Repeat("Partie "+prose(443)+"\n\n---\n\n", 6) + "Fin " + prose(446) + "\n",
			want:     map[string]string{"linkedin": fmt.Sprintf("%d/3000", 7*450+6*2)},
			wantLine: "Partie ",
			wantCol:  1,
			wantIn:   "the text is too long",
		},
		{
			name:  "a variant replaces the body on its channel",
			front: "channels: [bluesky, mastodon]\nvariants:\n  bluesky: La saison commence le 1er décembre !",
			body:  prose(400) + "\n",
		},
		{
			name:     "a long variant is reported at the variant's line",
			front:    "channels: [bluesky, mastodon]\nvariants:\n  bluesky: |\n    Variante " + prose(300) + "\n",
			body:     "Court.\n",
			want:     map[string]string{"bluesky": "309/300"},
			wantLine: "    Variante ",
			wantCol:  5,
		},
		{
			name:     "the first comment is counted",
			front:    "channels: [bluesky, mastodon]\nfirst_comment: Commentaire " + prose(300),
			body:     "Court.\n",
			want:     map[string]string{"bluesky": "312/300"},
			wantLine: "first_comment: ",
			wantCol:  len("first_comment: ") + 1,
			wantIn:   "first comment",
		},
		{
			name:  "limit: in crieur.yml raises the network's limit",
			front: "channels: [mastodon, large]",
			body:  prose(600) + "\n",
			want:  map[string]string{"mastodon": "600/500"},
		},
		{
			name:  "limit: in crieur.yml lowers the limit, still counted the network's way (76 + 1 + 23 fits 100)",
			front: "channels: [court]",
			body:  prose(76) + " " + longURL + "\n",
		},
		{
			name:  "limit: lower, one over",
			front: "channels: [court]",
			body:  prose(77) + " " + longURL + "\n",
			want:  map[string]string{"court": "101/100"},
		},
		{
			name:  "slack has no limit",
			front: "channels: [slack]",
			body:  prose(5000) + "\n",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) { runLength(t, tc) })
	}
}

func TestLengthRefusedCharacterOnX(t *testing.T) {
	src := post("publish_at: 2026-12-20 10:00\nchannels: [x, mastodon]", "Bonjour\ufeff à tous.\n")
	r := newRepo(t, map[string]string{postPath: src})
	got := check(t, core.Length{}, r, postPath)
	if len(got) != 1 || !strings.Contains(got[0].Message, "U+FEFF") || !strings.Contains(got[0].Message, "x refuses") {
		t.Fatalf("findings %v, want one saying x refuses U+FEFF", got)
	}
}
