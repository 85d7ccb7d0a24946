package tone

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// token is one word of a part, as the tone rules see it: French elided
// forms (l’, d’, qu’) are words of their own, a hyphen separates words,
// and each piece of a hashtag (#JeudiJazz: Jeudi, Jazz) is a word marked
// with the hashtag it belongs to. Offsets are bytes of the part's Source.
type token struct {
	start, end int
	key        string // folded: lower case, ’ for every apostrophe, accents composed

	letters, upper, lower int  // letters, and how many are upper or lower case
	digits                bool // the word holds a digit (4K, MP3, 2026)

	tag      int  // 1-based number of the hashtag it is a piece of, 0 outside hashtags
	sentence int  // sentences are cut at . ! ? … and line ends
	quoted   bool // between quotation marks: « », “ ”, „ ”, ‹ ›, " "
	brk      bool // something other than spaces and hyphens comes before it: a phrase cannot run into it
	joined   bool // only a hyphen or nothing separates it from the word before (RENDEZ-VOUS, L’ENTRÉE)
}

// hashtag is a hashtag's body (without #) and the range of its pieces.
type hashtag struct {
	start, end  int
	key         string
	first, last int // tokens [first, last)
}

// text is a part cut into words.
type text struct {
	toks []token
	tags []hashtag
}

// scanner cuts a masked part into tokens.
type scanner struct {
	src      string
	elisions map[string]bool // folded elided forms ("l’", "qu’"); nil: none
	t        *text

	sentence    int
	newSentence bool
	brk         bool
	joined      bool
	depth       int  // quotation depth
	straight    bool // inside "…"
	newlines    int  // line ends since the last visible character
}

// scan cuts src (a part's Source after rule.Mask) into words.
func scan(src string, elisions map[string]bool) *text {
	s := &scanner{src: src, elisions: elisions, t: &text{toks: make([]token, 0, len(src)/6+1)}, brk: true}
	for i := 0; i < len(src); {
		r, n := utf8.DecodeRuneInString(src[i:])
		switch {
		case isWordRune(r):
			i = s.word(i)
			s.newlines = 0
		case r == '#' && s.hashtagAt(i):
			i = s.hashtag(i)
			s.newlines = 0
		default:
			i += n
			s.gap(r, i)
		}
	}
	return s.t
}

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

// isInvisible reports characters that may sit inside a word without
// showing: soft hyphen, zero-width space and joiners, word joiner.
func isInvisible(r rune) bool {
	switch r {
	case '\u00ad', '\u200b', '\u200c', '\u200d', '\u2060', '\ufeff':
		return true
	}
	return false
}

func isApostrophe(r rune) bool { return r == '\'' || r == '’' || r == 'ʼ' }

func isHyphen(r rune) bool { return r == '-' || r == '\u2010' || r == '\u2011' }

// runeAt returns the rune at byte i of the source, or 0 past its end.
func (s *scanner) runeAt(i int) (rune, int) {
	if i >= len(s.src) {
		return 0, 0
	}
	return utf8.DecodeRuneInString(s.src[i:])
}

// gap handles a character between words; after is the offset past it.
func (s *scanner) gap(r rune, after int) {
	switch {
	case r == '\n':
		s.newlines++
		if s.newlines >= 2 { // a blank line: a new paragraph closes every quote
			s.depth, s.straight = 0, false
		}
		s.newSentence, s.brk, s.joined = true, true, false
	case unicode.IsSpace(r):
		s.joined = false
	case isHyphen(r):
		s.newlines = 0
	case r == '*' || r == '_' || r == '~': // Markdown emphasis: no break
		s.newlines = 0
		s.joined = false
	default:
		s.newlines = 0
		s.brk, s.joined = true, false
		switch r {
		case '!', '?', '…', '‼', '⁉', '⁈', '⁇':
			s.newSentence = true
		case '.':
			if next, _ := s.runeAt(after); next == 0 || unicode.IsSpace(next) || strings.ContainsRune("»”\"’)", next) {
				s.newSentence = true
			}
		case '«', '“', '„', '‹':
			s.depth++
		case '»', '”', '›':
			if s.depth > 0 {
				s.depth--
			}
		case '"':
			s.straight = !s.straight
		}
	}
}

// word scans a word from i and returns the offset after it. An elided
// form (l’, qu’) becomes a word of its own; another apostrophe between
// letters stays in the word (aujourd’hui, don’t).
func (s *scanner) word(i int) int {
	start := i
	for i < len(s.src) {
		r, n := utf8.DecodeRuneInString(s.src[i:])
		next, _ := s.runeAt(i + n)
		switch {
		case isWordRune(r):
			i += n
			continue
		case isInvisible(r) && isWordRune(next):
			i += n
			continue
		case isApostrophe(r) && i > start:
			if s.elisions != nil && s.elisions[fold(s.src[start:i])+"’"] {
				s.emit(start, i+n, 0)
				i += n
				start = i
				continue
			}
			if isWordRune(next) {
				i += n
				continue
			}
		}
		break
	}
	if i > start {
		s.emit(start, i, 0)
	}
	return i
}

// hashtagAt reports whether the # at i starts a hashtag: it follows no
// word (C#) nor & (an HTML entity), and a word character follows it.
func (s *scanner) hashtagAt(i int) bool {
	if next, _ := s.runeAt(i + 1); !isWordRune(next) {
		return false
	}
	if i == 0 {
		return true
	}
	prev, _ := utf8.DecodeLastRuneInString(s.src[:i])
	return !isWordRune(prev) && prev != '&'
}

// hashtag scans the hashtag at i; each piece (cut at _ and at case and
// digit changes) is a token. A phrase neither enters nor leaves it.
func (s *scanner) hashtag(i int) int {
	start := i + 1
	end := start
	for end < len(s.src) {
		r, n := utf8.DecodeRuneInString(s.src[end:])
		if !isWordRune(r) && r != '_' && !isInvisible(r) {
			break
		}
		end += n
	}
	s.brk, s.joined = true, false
	id := len(s.t.tags) + 1
	first := len(s.t.toks)
	for _, p := range pieces(s.src[start:end]) {
		s.emit(start+p[0], start+p[1], id)
	}
	s.t.tags = append(s.t.tags, hashtag{start: start, end: end, key: fold(s.src[start:end]), first: first, last: len(s.t.toks)})
	s.brk, s.joined = true, false
	return end
}

// pieces cuts a hashtag's body into words: at underscores, between a
// lower-case and an upper-case letter (JeudiJazz), before the last capital
// of a run followed by lower case (RTBFLive: RTBF, Live), and between
// letters and digits (Jazz2026). It returns byte ranges.
func pieces(body string) [][2]int {
	var out [][2]int
	rs := []rune(body)
	offs := make([]int, len(rs)+1)
	for i, o := 0, 0; i < len(rs); i++ {
		offs[i] = o
		o += utf8.RuneLen(rs[i])
		offs[i+1] = o
	}
	start := -1
	flush := func(i int) {
		if start >= 0 && i > start {
			out = append(out, [2]int{offs[start], offs[i]})
		}
		start = -1
	}
	for i, r := range rs {
		if r == '_' {
			flush(i)
			continue
		}
		if start < 0 {
			start = i
			continue
		}
		prev := rs[i-1]
		var next rune
		if i+1 < len(rs) {
			next = rs[i+1]
		}
		cut := unicode.IsLower(prev) && unicode.IsUpper(r) ||
			unicode.IsUpper(prev) && unicode.IsUpper(r) && unicode.IsLower(next) ||
			unicode.IsDigit(prev) != unicode.IsDigit(r) && !unicode.Is(unicode.Mn, r) && !isInvisible(r)
		if cut {
			flush(i)
			start = i
		}
	}
	flush(len(rs))
	return out
}

// emit adds the token [start, end) of the source.
func (s *scanner) emit(start, end, tag int) {
	if s.newSentence {
		s.sentence++
		s.newSentence = false
	}
	w := s.src[start:end]
	tk := token{start: start, end: end, key: fold(w), tag: tag, sentence: s.sentence,
		quoted: s.depth > 0 || s.straight, brk: s.brk, joined: s.joined && len(s.t.toks) > 0}
	for _, r := range w {
		switch {
		case unicode.IsDigit(r):
			tk.digits = true
		case unicode.IsLetter(r):
			tk.letters++
			if unicode.IsUpper(r) {
				tk.upper++
			} else if unicode.IsLower(r) {
				tk.lower++
			}
		}
	}
	s.t.toks = append(s.t.toks, tk)
	s.brk, s.joined = false, true
}

// fold is the form words are compared in: lower case, every apostrophe
// as ’, a letter followed by a combining accent composed into one
// (e + U+0301 is é), invisible characters dropped.
func fold(w string) string {
	simple := true
	for i := 0; i < len(w); i++ {
		if c := w[i]; c >= utf8.RuneSelf || 'A' <= c && c <= 'Z' || c == '\'' {
			simple = false
			break
		}
	}
	if simple {
		return w
	}
	var b strings.Builder
	b.Grow(len(w))
	var prev rune = -1
	flush := func() {
		if prev >= 0 {
			b.WriteRune(prev)
		}
	}
	for _, r := range w {
		switch {
		case isInvisible(r):
			continue
		case isApostrophe(r) || r == '‘':
			r = '’'
		case unicode.Is(unicode.Mn, r):
			if c, ok := composed[[2]rune{prev, r}]; ok {
				prev = c
				continue
			}
		default:
			r = unicode.ToLower(r)
		}
		flush()
		prev = r
	}
	flush()
	return b.String()
}

// composed maps a lower-case letter and a combining accent to the letter
// that holds both, for the letters of French, Dutch and English.
var composed = map[[2]rune]rune{}

// unaccented maps an accented lower-case letter to its base letter.
var unaccented = map[rune]rune{}

func init() {
	const (
		grave, acute, circumflex, tilde, diaeresis, cedilla = '\u0300', '\u0301', '\u0302', '\u0303', '\u0308', '\u0327'
	)
	table := []struct {
		base   rune
		mark   rune
		letter rune
	}{
		{'a', grave, 'à'}, {'a', acute, 'á'}, {'a', circumflex, 'â'}, {'a', tilde, 'ã'}, {'a', diaeresis, 'ä'},
		{'e', grave, 'è'}, {'e', acute, 'é'}, {'e', circumflex, 'ê'}, {'e', diaeresis, 'ë'},
		{'i', grave, 'ì'}, {'i', acute, 'í'}, {'i', circumflex, 'î'}, {'i', diaeresis, 'ï'},
		{'o', grave, 'ò'}, {'o', acute, 'ó'}, {'o', circumflex, 'ô'}, {'o', tilde, 'õ'}, {'o', diaeresis, 'ö'},
		{'u', grave, 'ù'}, {'u', acute, 'ú'}, {'u', circumflex, 'û'}, {'u', diaeresis, 'ü'},
		{'y', acute, 'ý'}, {'y', diaeresis, 'ÿ'}, {'c', cedilla, 'ç'}, {'n', tilde, 'ñ'},
	}
	for _, e := range table {
		composed[[2]rune{e.base, e.mark}] = e.letter
		unaccented[e.letter] = e.base
	}
}

// strip removes the accents of a folded word (enculé: encule).
func strip(w string) string {
	return strings.Map(func(r rune) rune {
		if b, ok := unaccented[r]; ok {
			return b
		}
		return r
	}, w)
}
