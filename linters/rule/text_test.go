package rule

import (
	"math/rand/v2"
	"regexp"
	"strings"
	"testing"
)

func TestMask(t *testing.T) {
	tests := []struct {
		in      string
		blanked []string // the parts that must become spaces, in order
	}{
		{"Voir https://example.org/a?b=c. Merci", []string{"https://example.org/a?b=c"}},
		{"Écrivez à presse@verriere.be !", []string{"presse@verriere.be"}},
		{"Avec @lotte@mastodon.example et @bob.", []string{"@lotte@mastodon.example", "@bob"}},
		{"Un `code` ici", []string{"`code`"}},
		{"<!-- crieur-disable x -->\nTexte", []string{"<!-- crieur-disable x -->"}},
		{"[le programme](https://x.org/p) !", []string{"(https://x.org/p)"}},
		{"#culture reste, l’été aussi", nil},
	}
	for _, tt := range tests {
		want := tt.in
		for _, b := range tt.blanked {
			want = strings.Replace(want, b, strings.Repeat(" ", len(b)), 1)
		}
		if got := Mask(tt.in); got != want {
			t.Errorf("Mask(%q)\n got %q\nwant %q", tt.in, got, want)
		}
	}
}

// maskByRegexps is mask as it was written first, every pattern searched
// over the whole text: mask must blank exactly the same bytes.
func maskByRegexps(src string) string {
	b := []byte(src)
	blank := func(re *regexp.Regexp, group int) {
		for _, m := range re.FindAllSubmatchIndex(b, -1) {
			if m[2*group] >= 0 {
				blankBytes(b, m[2*group], m[2*group+1])
			}
		}
	}
	for _, re := range []*regexp.Regexp{maskComment, maskFence, maskCode} {
		blank(re, 0)
	}
	blank(maskLinkDst, 1)
	blank(maskURL, 0)
	blank(maskMention, 2)
	blank(maskEmail, 0)
	blank(maskHTML, 0)
	return string(b)
}

// maskAlphabet is what URLs, mentions, addresses, code and tags are made
// of, and the characters around them that decide where they start.
var maskAlphabet = []string{"h", "H", "ttp", "s", "://", "w", "W", "ww.", ".", "@", "a", "é", "_", "-", " ", "\u202f",
	"#", "<", ">", "/", "`", "```", "(", ")", "](", "]", "\n", "’", "1", "!", "<!--", "-->", "org", "x"}

func TestMaskSameAsRegexps(t *testing.T) {
	rnd := rand.New(rand.NewPCG(19, 2))
	for n := 0; n < 20000; n++ {
		var b strings.Builder
		for k := rnd.IntN(40); k >= 0; k-- {
			b.WriteString(maskAlphabet[rnd.IntN(len(maskAlphabet))])
		}
		if src := b.String(); mask(src) != maskByRegexps(src) {
			t.Fatalf("mask(%q)\n = %q\nregexps say %q", src, mask(src), maskByRegexps(src))
		}
	}
}

func FuzzMask(f *testing.F) {
	for _, s := range []string{"Voir https://example.org/a?b=c. Merci", "Avec @lotte@mastodon.example et @bob.", "x@@y a@b.co Www.x.be"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		if got, want := mask(src), maskByRegexps(src); got != want {
			t.Fatalf("mask(%q)\n = %q\nregexps say %q", src, got, want)
		}
	})
}
