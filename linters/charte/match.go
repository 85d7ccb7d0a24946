package charte

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/crieur/crieur/linters/rule"
)

// A phrase is a word or phrase of the charter (a forbidden term, a
// substitution, a token, a legal mention) found as a whole word or
// phrase, whatever its case: « Gratos » and « GRATOS » are « gratos »,
// « gratosse » is not. An apostrophe is a word's edge, so the elided
// « d’kiffer » or « l'e-mail » hold the term. Inside the phrase, a space
// matches any run of spaces (line breaks and no-break spaces too), an
// apostrophe ' ’ or ʼ any of them, a hyphen - ‐ or ‑ any of them.
//
// The search runs on the text in lower case (fold), without (?i): the
// expression then starts with a literal, which Go's regexp finds fast.
type phrase struct {
	text string
	re   *regexp.Regexp // on folded text
	// key is the longest run of the phrase without space, apostrophe or
	// hyphen, folded: a text that lacks it cannot hold the phrase.
	key string
}

var (
	spaceClass      = `[\s\x{00A0}\x{202F}\x{2009}\x{2007}]+`
	apostropheClass = `['’ʼ]`
	hyphenClass     = `[-‐‑]`
)

func newPhrase(s string) (*phrase, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil, false
	}
	var b strings.Builder
	inSpace := false
	for _, r := range fold(s) {
		if isSpace(r) {
			if !inSpace {
				b.WriteString(spaceClass)
			}
			inSpace = true
			continue
		}
		inSpace = false
		switch {
		case isApostrophe(r):
			b.WriteString(apostropheClass)
		case isHyphen(r):
			b.WriteString(hyphenClass)
		default:
			b.WriteString(regexp.QuoteMeta(string(r)))
		}
	}
	key := ""
	for _, run := range strings.FieldsFunc(fold(s), func(r rune) bool { return isSpace(r) || isApostrophe(r) || isHyphen(r) }) {
		if len(run) > len(key) {
			key = run
		}
	}
	return &phrase{text: s, re: regexp.MustCompile(b.String()), key: key}, true
}

// fold writes s in lower case, rune by rune, leaving the rare letters
// whose lower case takes another number of bytes (İ, ẞ, the Kelvin sign)
// as they are: every byte offset in fold(s) is the same in s.
func fold(s string) string {
	if !utf8.ValidString(s) {
		return s // strings.Map would change the invalid bytes' length
	}
	return strings.Map(func(r rune) rune {
		if l := unicode.ToLower(r); l != r && utf8.RuneLen(l) == utf8.RuneLen(r) {
			return l
		}
		return r
	}, s)
}

// find returns the whole-word occurrences of the phrase in s.
func (ph *phrase) find(s string) []rule.Span {
	return ph.findIn(fold(s))
}

// findIn is find when fold(s) is at hand.
func (ph *phrase) findIn(folded string) []rule.Span {
	if !strings.Contains(folded, ph.key) {
		return nil
	}
	return findWhole(ph.re, folded) // a letter folded is a letter: the edges are the same
}

// inside reports whether the match at st of folded is the phrase within
// repl, already written there: « ville » in « ville de Bruxelles » when
// the charter turns ville into ville de Bruxelles, so that a fixed text is
// not flagged again.
func (ph *phrase) inside(folded string, st int, repl string) bool {
	fr := fold(repl)
	for _, sp := range ph.findIn(fr) {
		if start := st - sp.Start; start >= 0 && strings.HasPrefix(folded[start:], fr) {
			return true
		}
	}
	return false
}

// findWhole returns the matches of re in s that start and end at the
// edge of a word (where the match itself starts or ends with a letter).
// A rejected match does not hide one that starts inside it.
func findWhole(re *regexp.Regexp, s string) []rule.Span {
	var out []rule.Span
	for off := 0; off < len(s); {
		loc := re.FindStringIndex(s[off:])
		if loc == nil {
			break
		}
		st, en := off+loc[0], off+loc[1]
		if en > st && wholeWord(s, st, en) {
			out = append(out, rule.Span{Start: st, End: en})
			off = en
			continue
		}
		_, size := utf8.DecodeRuneInString(s[st:])
		off = st + max(size, 1)
	}
	return out
}

// wholeWord reports whether s[st:en] neither continues the word before
// it nor the word after it. A hyphen between letters joins a word:
// « mail » is not in « e-mail ».
func wholeWord(s string, st, en int) bool {
	first, _ := utf8.DecodeRuneInString(s[st:en])
	last, _ := utf8.DecodeLastRuneInString(s[st:en])
	if isWord(first) && st > 0 {
		r, size := utf8.DecodeLastRuneInString(s[:st])
		if isWord(r) {
			return false
		}
		if isHyphen(r) {
			if r2, _ := utf8.DecodeLastRuneInString(s[:st-size]); isWord(r2) {
				return false
			}
		}
	}
	if isWord(last) && en < len(s) {
		r, size := utf8.DecodeRuneInString(s[en:])
		if isWord(r) {
			return false
		}
		if isHyphen(r) {
			if r2, _ := utf8.DecodeRuneInString(s[en+size:]); isWord(r2) {
				return false
			}
		}
	}
	return true
}

func isWord(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r) || r == '_'
}

func isSpace(r rune) bool {
	return unicode.IsSpace(r) || r == '\u202F' || r == '\u00A0' || r == '\u2009' || r == '\u2007'
}

func isApostrophe(r rune) bool { return r == '\'' || r == '’' || r == 'ʼ' }

func isHyphen(r rune) bool { return r == '-' || r == '‐' || r == '‑' }

// adaptCase writes repl in the case found is written in: in capitals when
// found is (« BXL » gives « BRUXELLES »), with a capital first letter when
// found has one or starts a sentence (« Résa » gives « Réservation »),
// as the charter writes it otherwise (« bxl » gives « Bruxelles »).
func adaptCase(found, repl string, sentenceStart bool) string {
	upper, lower := 0, 0
	var first rune = -1
	for _, r := range found {
		if !unicode.IsLetter(r) {
			continue
		}
		if first < 0 {
			first = r
		}
		if unicode.IsUpper(r) {
			upper++
		} else if unicode.IsLower(r) {
			lower++
		}
	}
	switch {
	case upper >= 2 && lower == 0:
		return strings.ToUpper(repl)
	case first >= 0 && unicode.IsUpper(first) || sentenceStart:
		return upperFirst(repl)
	}
	return repl
}

func upperFirst(s string) string {
	for i, r := range s {
		if unicode.IsLetter(r) {
			return s[:i] + string(unicode.ToUpper(r)) + s[i+utf8.RuneLen(r):]
		}
	}
	return s
}

var listMarker = regexp.MustCompile(`^[ \t]*(?:>[ \t]*)*(?:[-*+][ \t]+|\d{1,3}[.)][ \t]+)?`)

// sentenceStart reports whether the word at i of s starts a sentence:
// the start of the text, of a paragraph or of a list item, or after
// . ! ? or …, past spaces and opening quotes or brackets.
func sentenceStart(s string, i int) bool {
	lineStart := strings.LastIndexByte(s[:i], '\n') + 1
	line := s[lineStart:i]
	marker := listMarker.FindString(line)
	if rest := strings.TrimRightFunc(line[len(marker):], isOpener); rest != "" {
		r, _ := utf8.DecodeLastRuneInString(rest)
		return strings.ContainsRune(".!?…", r)
	}
	if strings.TrimLeft(marker, " \t>") != "" {
		return true // the first word of a list item
	}
	if lineStart == 0 {
		return true
	}
	prev := s[:lineStart-1]
	prevLine := strings.TrimRightFunc(prev[strings.LastIndexByte(prev, '\n')+1:], isSpace)
	if strings.TrimSpace(prevLine) == "" {
		return true
	}
	r, _ := utf8.DecodeLastRuneInString(prevLine)
	return strings.ContainsRune(".!?…", r)
}

func isOpener(r rune) bool {
	return isSpace(r) || strings.ContainsRune("«“\"([*_", r)
}

// Sets of French words, from defaults.yml.
var (
	elidedWords   = lowerSet(data.French.Elided)
	elidableWords = lowerSet(data.French.Elidable)
)

func lowerSet(list []string) map[string]bool {
	m := make(map[string]bool, len(list))
	for _, s := range list {
		m[strings.ToLower(s)] = true
	}
	return m
}

// initial classes a word by its first letter, for elision: 'v' a vowel,
// 'h' an h (mute or not: unknown), 'c' a consonant, 0 not a letter.
func initial(s string) byte {
	for _, r := range s {
		if !unicode.IsLetter(r) {
			return 0
		}
		r = unicode.ToLower(r)
		switch {
		case r == 'h':
			return 'h'
		case strings.ContainsRune(data.French.Vowels, r):
			return 'v'
		}
		return 'c'
	}
	return 0
}

// elisionOK reports whether found, at st of s, can become repl without
// touching the word before: that word is not elided before it
// (« l’e-mail ») or elidable (« de mail »), or both words begin alike.
// It returns the word before when it must change.
func elisionOK(s string, st int, found, repl string) (bool, string) {
	a, b := initial(found), initial(repl)
	if a == b || a == 0 || b == 0 {
		return true, ""
	}
	before := s[:st]
	r, size := utf8.DecodeLastRuneInString(before)
	if isApostrophe(r) {
		w := lastWord(before[:len(before)-size])
		if elidedWords[strings.ToLower(w)] {
			return false, w + string(r)
		}
		return true, ""
	}
	trimmed := strings.TrimRightFunc(before, isSpace)
	if len(trimmed) == len(before) {
		return true, ""
	}
	w := lastWord(trimmed)
	if elidableWords[strings.ToLower(w)] {
		return false, w
	}
	return true, ""
}

// lastWord is the run of letters that ends s.
func lastWord(s string) string {
	i := len(s)
	for i > 0 {
		r, size := utf8.DecodeLastRuneInString(s[:i])
		if !unicode.IsLetter(r) {
			break
		}
		i -= size
	}
	return s[i:]
}
