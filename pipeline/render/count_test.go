package render

import (
	"fmt"
	"strings"
	"testing"

	"github.com/crieur/crieur/pipeline"
	"github.com/rivo/uniseg"
)

const (
	// thumb is 2 code points, 8 bytes, 1 grapheme cluster.
	thumb = "👍🏽"
	// family is 5 code points, 18 bytes, 1 grapheme cluster.
	family = "👨\u200d👩\u200d👧"
	// longURL is 62 characters.
	longURL = "https://example.org/saison/2026/programme-complet?utm_source=x"
)

func TestCount(t *testing.T) {
	tests := []struct {
		network, text string
		want          int
	}{
		// X, the cases of networks.md: é « » U+00A0 ’ – — weigh 1…
		{"x", "é", 1},
		{"x", "«", 1},
		{"x", "»", 1},
		{"x", "\u00a0", 1},
		{"x", "’", 1},
		{"x", "–", 1},
		{"x", "—", 1},
		// … U+202F, … and € weigh 2, a URL 23, an emoji 2.
		{"x", "\u202f", 2},
		{"x", "…", 2},
		{"x", "€", 2},
		{"x", longURL, 23},
		{"x", thumb, 2},
		{"x", family, 2},
		{"x", "🇧🇪", 2},
		{"x", "1\ufe0f\u20e3", 2},
		{"x", "❤\ufe0f", 2},
		{"x", "©", 1},             // text, U+00A9 weighs 1
		{"x", "™", 2},             // text, but above U+10FF
		{"x", "日本", 4},            // CJK weighs 2
		{"x", "Tapez e\u0301", 7}, // X counts the NFC form: é
		// A URL without a scheme weighs 23 too, under a top-level domain
		// twitter-text knows (.dupont is one); without one, a URL is
		// counted in full.
		{"x", "www.example.org", 23},
		{"x", "M.Dupont", 23},
		{"x", "le programme complet est sur laverriere.be", 29 + 23},
		{"x", "https://localhost:8080/galerie", 30},
		{"x", "fichier.txt", 11},
		// twemoji-parser 11 (twitter-text's) predates this flag: 🏳️ 2, ZWJ
		// 1, ⚧ 2, U+FE0F 2.
		{"x", "🏳️\u200d⚧️", 7},
		{"x", "«\u00a0Quelle soirée\u202f!\u00a0» Entrée : 5\u00a0€… " + longURL + " " + thumb,
			// « nbsp Quelle(6) space soirée(6) = 15, U+202F 2, ! nbsp » 3,
			// space Entrée(6) space : space 5 nbsp = 12, € 2, … 2, space 1,
			// URL 23, space 1, 👍🏽 2
			15 + 2 + 3 + 12 + 2 + 2 + 1 + 23 + 1 + 2},
		// Bluesky counts grapheme clusters.
		{"bluesky", "é", 1},
		{"bluesky", "e\u0301", 1},
		{"bluesky", thumb, 1},
		{"bluesky", family, 1},
		{"bluesky", "🇧🇪🇫🇷", 2},
		{"bluesky", "«\u00a0Oui\u202f!\u00a0»", 9},
		{"bluesky", longURL, 62},
		// Threads counts characters, an emoji its UTF-8 bytes.
		{"threads", "Bravo " + thumb, 6 + 8},
		{"threads", family, 18},
		{"threads", "«\u00a0Oui\u00a0» – …", 11},
		{"threads", longURL, 62},
		// Mastodon: characters, a URL 23, a mention without its domain.
		{"mastodon", "Merci @botanique@mastodon.social !", 6 + 10 + 2},
		{"mastodon", "Merci @bob !", 12},
		{"mastodon", "Voir " + longURL + ".", 5 + 23 + 1},
		{"mastodon", "écrivez à presse@botanique.be", 29},             // an email is no mention
		{"mastodon", "@alice@exemple.be, @bob@x.org.", 6 + 2 + 4 + 1}, // "@alice, @bob."
		{"mastodon", "https://mastodon.social/@botanique@mastodon.social", 23},
		{"mastodon", thumb + " " + family, 3}, // grapheme clusters
		{"mastodon", "Cafe\u0301", 4},
		// A URL ends where twitter-text's query ends: ?q= is the URL's, été
		// is text; an invisible direction mark after a URL is text.
		{"mastodon", "https://exemple.fr/?q=été", 23 + 3},
		{"mastodon", "https://exemple.fr/a\u200f.", 23 + 2},
		{"mastodon", "exemple.fr", 10}, // no scheme: Mastodon counts it in full
		// The Ruby gem's path takes a final parenthesised part, where
		// twitter-text's JavaScript stops before it.
		{"mastodon", "https://exemple.fr/e.(x)", 23},
		{"x", "https://exemple.fr/e.(x)", 23 + 4},
		// The others count characters (code points).
		{"linkedin", "«\u00a0Oui\u202f!\u00a0» " + thumb, 9 + 1 + 2},
		{"instagram", longURL, 62},
		{"facebook", family, 5},
		{"telegram", "é", 1},
		// Telegram counts UTF-16 code units: an emoji beyond U+FFFF is 2.
		{"telegram", "Bravo " + thumb, 6 + 4},
		{"telegram", strings.Repeat("é", 4000) + strings.Repeat("🎉", 60), 4120},
		{"telegram", "e\u0301", 2},
		{"discord", "e\u0301", 2},
		{"slack", "abc", 3},
		{"myspace", "abc", 3},
		{"x", "", 0},
		{"mastodon", "", 0},
	}
	for _, tt := range tests {
		if got := Count(tt.network, tt.text); got != tt.want {
			t.Errorf("Count(%q, %q) = %d, want %d", tt.network, tt.text, got, tt.want)
		}
	}
}

func TestCut(t *testing.T) {
	a := func(n int) string { return strings.Repeat("a", n) }
	tests := []struct {
		name, network, text string
		limit               int
		kept, cut           string
	}{
		{"fits", "x", a(280), 280, a(280), ""},
		{"one over", "x", a(281), 280, a(280), "a"},
		{"emoji not split on x", "x", a(279) + thumb, 280, a(279), thumb},
		{"emoji fits on x", "x", a(278) + thumb + "b", 280, a(278) + thumb, "b"},
		{"weight 2 at the edge", "x", a(279) + "€", 280, a(279), "€"},
		{"URL not split on x", "x", a(270) + " " + longURL, 280, a(270) + " ", longURL},
		{"URL fits on x", "x", a(256) + " " + longURL, 280, a(256) + " " + longURL, ""},
		{"ZWJ sequence not split on bluesky", "bluesky", a(299) + family + "b", 300, a(299) + family, "b"},
		{"ZWJ sequence kept whole on bluesky", "bluesky", a(299) + family, 299, a(299), family},
		{"combining accent not split", "bluesky", a(299) + "e\u0301t\u00e9", 300, a(299) + "e\u0301", "t\u00e9"},
		{"flag not split", "bluesky", a(299) + "🇧🇪🇫🇷", 300, a(299) + "🇧🇪", "🇫🇷"},
		{"URL not split on bluesky", "bluesky", a(290) + " " + longURL, 300, a(290) + " ", longURL},
		{"mention not split on mastodon", "mastodon", a(495) + " @botanique@mastodon.social", 500, a(495) + " ", "@botanique@mastodon.social"},
		{"mention counted short on mastodon", "mastodon", a(489) + " @botanique@mastodon.social", 500, a(489) + " @botanique@mastodon.social", ""},
		{"emoji bytes on threads", "threads", a(495) + thumb, 500, a(495), thumb},
		{"characters elsewhere", "linkedin", "été", 2, "ét", "é"},
		{"no limit", "slack", a(5000), 0, a(5000), ""},
		{"empty", "x", "", 280, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			kept, cut := Cut(tt.network, tt.text, tt.limit)
			if kept != tt.kept || cut != tt.cut {
				t.Errorf("Cut(%q, …, %d) = (…%q, %q), want (…%q, %q)",
					tt.network, tt.limit, tail(kept), cut, tail(tt.kept), tt.cut)
			}
		})
	}
}

// TestCutProperties checks, for every limit, that Cut keeps a prefix that
// fits, that one more grapheme cluster (or URL) would not fit, and that it
// cuts on a grapheme cluster boundary.
func TestCutProperties(t *testing.T) {
	text := "«\u00a0Quelle soirée\u202f!\u00a0» Merci @botanique@mastodon.social 👏🏽 " +
		longURL + " e\u0301 🇧🇪 " + family + " 1\ufe0f\u20e3 … €"
	boundaries := map[int]bool{0: true}
	for g, end := uniseg.NewGraphemes(text), 0; g.Next(); {
		end += len(g.Str())
		boundaries[end] = true
	}
	for _, network := range append(pipeline.NetworkNames(), "outbox") {
		for limit := 1; limit <= Count(network, text)+1; limit++ {
			kept, cut := Cut(network, text, limit)
			if kept+cut != text {
				t.Fatalf("Cut(%q, %d): kept+cut is not the text", network, limit)
			}
			if n := Count(network, kept); n > limit {
				t.Errorf("Cut(%q, %d): kept counts %d", network, limit, n)
			}
			if !boundaries[len(kept)] {
				t.Errorf("Cut(%q, %d) splits a grapheme cluster: …%q | %q", network, limit, tail(kept), cut)
			}
			if cut == "" {
				continue
			}
			next, _, _, _ := uniseg.FirstGraphemeClusterInString(cut, -1)
			if strings.HasPrefix(cut, "https://") {
				next = longURL
			}
			if strings.HasPrefix(cut, "@botanique@") {
				next = "@botanique@mastodon.social"
			}
			if n := Count(network, kept+next); n <= limit {
				t.Errorf("Cut(%q, %d) stopped early: …%q | %q", network, limit, tail(kept), cut)
			}
		}
	}
}

func tail(s string) string {
	if len(s) > 12 {
		return s[len(s)-12:]
	}
	return s
}

func BenchmarkCount(b *testing.B) {
	text := Plain(benchPost)
	b.ReportAllocs()
	for b.Loop() {
		for _, network := range []string{"mastodon", "bluesky", "x", "threads", "linkedin"} {
			Count(network, text)
		}
	}
}

func FuzzCut(f *testing.F) {
	f.Add("x", "«\u00a0Oui\u202f!\u00a0» https://example.org/a_(b). "+family, 12)
	f.Add("mastodon", "Merci @botanique@mastodon.social et @bob@x.org https://x.org/@bob@x.org", 20)
	f.Add("bluesky", "e\u0301\u200dhttps://x.fr 🇧🇪🇫🇷", 3)
	f.Add("threads", thumb+thumb+"\xff\xfe", 9)
	f.Fuzz(func(t *testing.T, network, text string, limit int) {
		if _, ok := pipeline.LookupNetwork(network); !ok && network != "outbox" {
			network = "x"
		}
		if limit <= 0 || limit > 10000 {
			return
		}
		kept, cut := Cut(network, text, limit)
		if kept+cut != text {
			t.Fatalf("Cut(%q, %q, %d): kept+cut = %q", network, text, limit, kept+cut)
		}
		if n := Count(network, kept); n > limit {
			t.Errorf("Cut(%q, %q, %d): kept %q counts %d", network, text, limit, kept, n)
		}
		if cut == "" && Count(network, text) > limit {
			t.Errorf("Cut(%q, %q, %d) kept all of a text counting %d", network, text, limit, Count(network, text))
		}
	})
}

// TestMastodonStatusLengthValidatorSpec ports the cases of Mastodon's
// spec/validators/status_length_validator_spec.rb (Mastodon 4.x), for
// the default limit of 500.
func TestMastodonStatusLengthValidatorSpec(t *testing.T) {
	a, b := strings.Repeat("a", 1), strings.Repeat("b", 1)
	rep := strings.Repeat
	tests := []struct {
		name string
		text string
		over bool
	}{
		{"adds an error when text is over 500 characters", rep(a, 520), true},
		{"counts URLs as 23 characters flat", rep(a, 500-1-23) + " http://" + rep(b, 30) + ".com/example", false},
		{"does not count non-autolinkable URLs as 23 characters flat", rep(a, 476) + "http://" + rep(b, 30) + ".com/example", true},
		{"does not count overly long URLs as 23 characters flat", "http://example.com/valid?" + rep("#foo?", 1000), true},
		{"counts only the front part of remote usernames", rep(a, 500-1-len("@alice")) + " @alice@" + rep(b, 30) + ".com", false},
		{"does count both parts of remote usernames for overly long domains", "@alice@" + rep(b, 500) + ".com", true},
		{"counts multi byte emoji as single character", rep("✨", 500), false},
		{"counts ZWJ sequence emoji as single character", rep("🏳️\u200d⚧️", 500), false},
	}
	for _, tt := range tests {
		if over := Count("mastodon", tt.text) > 500; over != tt.over {
			t.Errorf("%s: Count = %d, over 500: %v, want %v", tt.name, Count("mastodon", tt.text), over, tt.over)
		}
	}
}

func TestLinks(t *testing.T) {
	tests := []struct {
		network, text string
		want          []string
	}{
		{"x", "Le programme est sur laverriere.be et https://localhost:8080/x.", []string{"laverriere.be"}},
		{"x", "Voir https://exemple.fr/?q=été", []string{"https://exemple.fr/?q="}},
		{"mastodon", "Voir laverriere.be et https://laverriere.be/agenda. @alice@exemple.be", []string{"https://laverriere.be/agenda"}},
		{"bluesky", "https://laverriere.be", nil},
	}
	for _, tt := range tests {
		if got := Links(tt.network, tt.text); fmt.Sprint(got) != fmt.Sprint(tt.want) {
			t.Errorf("Links(%q, %q) = %q, want %q", tt.network, tt.text, got, tt.want)
		}
	}
}
