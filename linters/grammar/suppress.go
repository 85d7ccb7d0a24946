package grammar

import (
	"regexp"
	"strings"
	"unicode"
)

// social says whether a finding of Grammalecte's on bytes [start, end) of
// a line is a false alarm of social-media French: it touches a hashtag,
// an emoji, an inclusive form (« abonné·es », « ami.e.s »), an acronym or
// a word of the vocabulary (« la DJ », « la CEO », « la Quai Neuf »), or
// it is about agreement on a line with an inclusive doublet (« chères et
// chers abonnés », « tous et toutes »).
func social(text string, start, end int, typ string, vocab []string) bool {
	lo, hi := around(text, start, end)
	near := text[lo:hi]
	if strings.ContainsAny(near, "#·•") || inclusiveDots.MatchString(near) || strings.ContainsFunc(near, isEmoji) {
		return true
	}
	for _, w := range strings.FieldsFunc(near, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
		if acronym(w) {
			return true
		}
	}
	for _, v := range vocab {
		if v == "" {
			continue
		}
		for i := 0; ; {
			k := strings.Index(text[i:], v)
			if k < 0 {
				break
			}
			if i+k < hi && i+k+len(v) > lo {
				return true
			}
			i += k + len(v)
		}
	}
	return data.AgreementTypes[typ] && hasDoublet(text)
}

// inclusiveDots are the forms of inclusive writing with periods or
// brackets: « ami.e.s », « étudiant.es », « abonné(e)s ».
var inclusiveDots = regexp.MustCompile(`\p{L}[.(](?:e|es|ne|nes|le|les|rice|rices|euse|euses|ère|ères|ice|ices)\b\)?`)

// around widens [start, end) to the word before and the word after.
func around(text string, start, end int) (int, int) {
	lo := strings.LastIndexFunc(strings.TrimRightFunc(text[:start], unicode.IsSpace), unicode.IsSpace) + 1
	rest := text[end:]
	trimmed := strings.TrimLeftFunc(rest, unicode.IsSpace)
	off := len(rest) - len(trimmed)
	k := strings.IndexFunc(trimmed, unicode.IsSpace)
	if k < 0 {
		k = len(trimmed)
	}
	return lo, end + off + k
}

// acronym: two letters or more, all capitals (DJ, CEO, CM, RTBF).
func acronym(w string) bool {
	n := 0
	for _, r := range w {
		if !unicode.IsUpper(r) {
			return false
		}
		n++
	}
	return n >= 2
}

func isEmoji(r rune) bool {
	return r >= 0x1F000 && r <= 0x1FAFF || r >= 0x2600 && r <= 0x27BF || r == 0xFE0F
}

var pairRE = regexp.MustCompile(`(?i)([\p{L}]+)\s+(?:et|ou)\s+([\p{L}]+)`)

// hasDoublet says whether text holds a masculine and a feminine form of
// the same word joined by « et » or « ou ».
func hasDoublet(text string) bool {
	for _, m := range pairRE.FindAllStringSubmatch(text, -1) {
		a, b := strings.ToLower(m[1]), strings.ToLower(m[2])
		if feminineOf(a, b) || feminineOf(b, a) {
			return true
		}
	}
	return false
}

// feminineOf says whether f is a feminine form of the masculine m.
func feminineOf(m, f string) bool {
	for _, p := range data.Doublets {
		if len(p) == 2 && p[0] == m && p[1] == f {
			return true
		}
	}
	ms, fs := strings.TrimSuffix(m, "s"), strings.TrimSuffix(f, "s")
	if (strings.HasSuffix(m, "s") || strings.HasSuffix(m, "x")) != strings.HasSuffix(f, "s") {
		return false
	}
	ms = strings.TrimSuffix(ms, "x")
	if len(ms) < 2 {
		return false
	}
	for _, e := range [][2]string{{"", "e"}, {"er", "ère"}, {"eu", "euse"}, {"eur", "euse"}, {"eur", "rice"}, {"teur", "trice"}, {"if", "ive"}, {"en", "enne"}, {"el", "elle"}, {"et", "ette"}, {"on", "onne"}, {"ien", "ienne"}} {
		if stem, ok := strings.CutSuffix(ms, e[0]); ok && stem+e[1] == fs {
			return true
		}
	}
	return false
}
