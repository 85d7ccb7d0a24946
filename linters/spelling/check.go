package spelling

import (
	"bytes"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/crieur/crieur/linters/rule"
)

// checker judges the words of one language with one loaded dictionary,
// under one charter.
type checker struct {
	h       *handle
	hs      *hunspell
	lang    language
	reject  map[string]bool  // normalised, lower-cased single words
	phrases []*regexp.Regexp // rejected phrases of several words
	// elsewhere are words other rules of the charter flag with their own
	// message and fix (substitutions: Bxl, forbidden terms: gratos).
	elsewhere map[string]bool
	hashtags  string // "split" or "skip"
	// budget is how many more words may get suggestions: Hunspell takes
	// 10 to 250 ms to suggest for one French word.
	budget int
	// fine are the tokens found without fault in this run with the same
	// dictionary, charter and language (nil: none remembered).
	fine *fineWords
}

// problem is one word at fault, as byte spans of the text checked: the
// word itself, and the whole token it was found in (« l’ête » for
// « ête »), which is what the hunspell command line reports.
type problem struct {
	span, token rule.Span
	word        string
	rejected    bool
	suggestions []string
}

var (
	entityRE  = regexp.MustCompile(`&(?:[A-Za-z][A-Za-z0-9]*|#[0-9]+|#[xX][0-9A-Fa-f]+);`)
	hashtagRE = regexp.MustCompile(`(?:^|[^\p{L}\p{N}_&#/])(#[\p{L}\p{N}_]*\p{L}[\p{L}\p{N}_\p{M}]*)`)
	// hashtagAt is hashtagRE's hashtag, anchored: hashtagSpans tries it
	// only at a # (searching the whole text was a tenth of the rule).
	hashtagAt = regexp.MustCompile(`^#[\p{L}\p{N}_]*\p{L}[\p{L}\p{N}_\p{M}]*`)
)

// hashtagSpans lists the hashtags of b as hashtagRE's FindAll finds
// them (its group 1): a # at the start or after a character that is not
// a letter, digit, _, &, # or /, and that the previous hashtag did not
// take.
func hashtagSpans(b []byte) [][2]int {
	var out [][2]int
	taken := 0
	for i := bytes.IndexByte(b, '#'); i >= 0; {
		ok := true
		if i > 0 {
			r, size := utf8.DecodeLastRune(b[:i])
			ok = i-size >= taken && !unicode.IsLetter(r) && !unicode.IsNumber(r) && !strings.ContainsRune("_&#/", r)
		}
		next := i + 1
		if ok {
			if m := hashtagAt.FindIndex(b[i:]); m != nil {
				out = append(out, [2]int{i, i + m[1]})
				taken, next = i+m[1], i+m[1]
			}
		}
		j := bytes.IndexByte(b[next:], '#')
		if j < 0 {
			break
		}
		i = next + j
	}
	return out
}

// blank replaces bytes [start, end) of b with spaces, keeping newlines.
func blank(b []byte, start, end int) {
	for i := start; i < end; i++ {
		if b[i] != '\n' {
			b[i] = ' '
		}
	}
}

// maskProse blanks what is not prose, byte for byte: what rule.Mask
// blanks (URLs, code, e-mail addresses, @mentions, HTML), and HTML
// entities (&nbsp;) and bare domain names (verriere.example.org).
func maskProse(src string) []byte {
	b := []byte(rule.Mask(src))
	for _, m := range entityRE.FindAllIndex(b, -1) {
		blank(b, m[0], m[1])
	}
	if conf.domain != nil && mayHoldDomain(b) {
		for _, m := range conf.domain.FindAllSubmatchIndex(b, -1) {
			blank(b, m[2], m[3])
		}
	}
	return b
}

// mayHoldDomain says whether b has a dot followed by the first byte of a
// top-level domain of spelling.yml: where conf.domain can match.
func mayHoldDomain(b []byte) bool {
	for i := bytes.IndexByte(b, '.'); i >= 0 && i+1 < len(b); {
		if conf.tldStart[b[i+1]] {
			return true
		}
		next := bytes.IndexByte(b[i+1:], '.')
		if next < 0 {
			return false
		}
		i += 1 + next
	}
	return false
}

// text checks a piece of Markdown and returns its problems, with spans
// that are byte offsets in src.
func (ck *checker) text(src string) []problem {
	b := maskProse(src)
	var out []problem
	for _, m := range hashtagSpans(b) {
		start, end := m[0], m[1]
		if ck.hashtags == "split" {
			out = append(out, ck.hashtag(string(b[start+1:end]), start+1)...)
		}
		blank(b, start, end)
	}
	masked := string(b)
	for _, re := range ck.phrases {
		for _, m := range re.FindAllStringSubmatchIndex(masked, -1) {
			span := rule.Span{Start: m[2], End: m[3]}
			out = append(out, problem{span: span, token: span, word: src[m[2]:m[3]], rejected: true})
		}
	}
	for _, t := range tokens(masked) {
		w := masked[t.start:t.end]
		key := tokenAt(w, t.first, t.dot)
		if ck.fine.has(key) {
			continue
		}
		n := len(out)
		ck.word(w, t.start, t.first, t.dot, rule.Span{Start: t.start, End: t.end}, &out)
		if len(out) == n {
			ck.fine.add(key)
		}
	}
	return out
}

// token is a run of letters, digits and marks, with the apostrophes and
// hyphens between them (l’été, c’est-à-dire, -t-il).
type token struct {
	start, end int
	first      bool // it starts a sentence
	dot        bool // a period follows it (etc.)
}

// isWordRune is a character that continues a word: a letter, a digit, a
// combining mark (but not the variation selectors and the keycap of
// emojis: ❤️, 1️⃣).
func isWordRune(r rune) bool {
	if r == 'ʼ' {
		return false
	}
	if unicode.IsMark(r) {
		return !(0xfe00 <= r && r <= 0xfe0f) && !(0xe0100 <= r && r <= 0xe01ef) && r != 0x20e3
	}
	return unicode.IsLetter(r) || unicode.IsNumber(r)
}

// startsWord is a character a word can start with: a letter or a digit.
func startsWord(r rune) bool { return r != 'ʼ' && (unicode.IsLetter(r) || unicode.IsNumber(r)) }

func isApostrophe(r rune) bool { return r == '\'' || r == '’' || r == 'ʼ' }

func isHyphen(r rune) bool { return r == '-' || r == '‐' || r == '‑' }

// isJoiner is a character that stays inside a word between two letters:
// apostrophes, hyphens, and invisible ones (soft hyphen, zero-width
// joiners and spaces, word joiner).
func isJoiner(r rune) bool {
	return isApostrophe(r) || isHyphen(r) || isMedian(r) ||
		r == '\u00ad' || r == '\u200b' || r == '\u200c' || r == '\u200d' || r == '\u2060'
}

// isMedian is the point of inclusive writing (spectateur·ices).
func isMedian(r rune) bool { return r == '·' || r == '‧' || r == '⋅' }

func endsSentence(r rune) bool {
	return r == '.' || r == '!' || r == '?' || r == '…' || r == '\n'
}

// tokens cuts masked text into words.
func tokens(s string) []token {
	// About a word every six bytes of French.
	out := make([]token, 0, len(s)/6+1)
	first := true // the text starts a sentence
	prev := rune(-1)
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		lead := isHyphen(r) && !isWordRune(prev) && !isHyphen(prev)
		if lead {
			next, _ := utf8.DecodeRuneInString(s[i+size:])
			lead = unicode.IsLetter(next) && next != 'ʼ'
		}
		if !startsWord(r) && !lead {
			if endsSentence(r) {
				first = true
			}
			prev = r
			i += size
			continue
		}
		start := i
		i += size
		for i < len(s) {
			r, size := utf8.DecodeRuneInString(s[i:])
			if isWordRune(r) {
				i += size
				continue
			}
			if isJoiner(r) {
				next, nsize := utf8.DecodeRuneInString(s[i+size:])
				if isWordRune(next) {
					i += size + nsize
					continue
				}
			}
			break
		}
		t := token{start: start, end: i, first: first}
		if i < len(s) && s[i] == '.' {
			t.dot = true
		}
		out = append(out, t)
		first = false
		prev, _ = utf8.DecodeLastRuneInString(s[:i])
	}
	return out
}

// normalize writes a word the way dictionaries do: straight apostrophes,
// ASCII hyphens, no invisible characters.
func normalize(w string) string {
	if strings.IndexFunc(w, func(r rune) bool { return r > 0x7f }) < 0 {
		return w
	}
	var b strings.Builder
	for _, r := range w {
		switch {
		case isApostrophe(r):
			b.WriteByte('\'')
		case isHyphen(r):
			b.WriteByte('-')
		case isMedian(r):
			b.WriteRune('·')
		case isJoiner(r):
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// foldKey is the form reject lists compare: normalised and lower-cased.
func foldKey(w string) string { return strings.ToLower(normalize(w)) }

// skipped is a token that is not a word to check: numbers, amounts,
// times, ordinals, Roman numerals.
func skipped(w string) bool {
	for _, re := range conf.skip {
		if re.MatchString(w) {
			return true
		}
	}
	return isRoman(w)
}

var romanRE = regexp.MustCompile(`^M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})$`)

// isRoman reports whether w is a Roman numeral (XIV), maybe with an
// ordinal ending (XXe, Ier).
func isRoman(w string) bool {
	// Most words are not: a numeral starts with one of its letters.
	if w == "" || !strings.ContainsRune("MDCLXVI", rune(w[0])) {
		return false
	}
	if romanRE.MatchString(w) {
		return true
	}
	for _, end := range conf.RomanOrdinals {
		if n := strings.TrimSuffix(w, end); n != w && n != "" && romanRE.MatchString(n) {
			return true
		}
	}
	return false
}

// known asks the dictionary about w, and about the forms it may take:
// an abbreviation before its period (etc.), a word capitalised because
// it starts a sentence.
func (ck *checker) known(w string, first, dot bool) bool {
	n := normalize(w)
	if ck.hs.spell(n) {
		return true
	}
	if dot && ck.hs.spell(n+".") {
		return true
	}
	if first {
		if r, size := utf8.DecodeRuneInString(n); unicode.IsUpper(r) {
			rest := n[size:]
			if strings.ToLower(rest) == rest {
				return ck.hs.spell(string(unicode.ToLower(r)) + rest)
			}
		}
	}
	return false
}

// piece is a part of a token: an elided word, a possessive's owner, a
// member of a hyphenated compound.
type piece struct {
	text  string
	start int // byte offset in the checked text
	first bool
	dot   bool
}

// pieces splits a word the way French and English build words: after an
// elision (l’ été), before a possessive ending (Maëlle ’s), at hyphens
// (c’est à dire). It returns nil for a word that does not split.
func (ck *checker) pieces(w string, start int, first, dot bool) []piece {
	if i := strings.IndexFunc(w, isApostrophe); i > 0 {
		_, size := utf8.DecodeRuneInString(w[i:])
		if rest := w[i+size:]; rest != "" && ck.elision(w[:i]) {
			return []piece{{text: rest, start: start + i + size, first: false, dot: dot}}
		}
	}
	n := normalize(w)
	for _, end := range ck.lang.Possessives {
		if strings.HasSuffix(n, end) && len(n) > len(end) {
			// The ending is at the end of w too (normalize only changes
			// apostrophes and hyphens, and drops invisible characters).
			cut := len(w)
			for k := 0; k < utf8.RuneCountInString(end); k++ {
				_, size := utf8.DecodeLastRuneInString(w[:cut])
				cut -= size
			}
			return []piece{{text: w[:cut], start: start, first: first}}
		}
	}
	var out []piece
	at := 0
	for i, r := range w {
		if isHyphen(r) {
			if i > at {
				out = append(out, piece{text: w[at:i], start: start + at, first: first && at == 0})
			}
			at = i + utf8.RuneLen(r)
		}
	}
	if at == 0 {
		return nil
	}
	if at < len(w) {
		out = append(out, piece{text: w[at:], start: start + at, dot: dot})
	}
	return out
}

func (ck *checker) elision(prefix string) bool {
	p := strings.ToLower(prefix)
	for _, e := range ck.lang.Elisions {
		if p == e {
			return true
		}
	}
	return false
}

// rejectedIn finds the words of the charter's reject list in w or in its
// pieces: a rejected word stays rejected after l’ or inside a compound,
// even when Hunspell accepts the whole.
func (ck *checker) rejectedIn(w string, start int, first, dot bool) []piece {
	if len(ck.reject) == 0 {
		return nil
	}
	if ck.reject[foldKey(w)] {
		return []piece{{text: w, start: start}}
	}
	var out []piece
	for _, p := range ck.pieces(w, start, first, dot) {
		out = append(out, ck.rejectedIn(p.text, p.start, p.first, p.dot)...)
	}
	return out
}

// word checks one token, or a piece of one, adding what is wrong to out.
// tok is the whole token, for the record.
func (ck *checker) word(w string, start int, first, dot bool, tok rule.Span, out *[]problem) {
	if w == "" || skipped(w) && !strings.ContainsFunc(w, isHyphen) {
		return // a compound with a number (Covid-19) is checked piece by piece
	}
	if bad := ck.rejectedIn(w, start, first, dot); len(bad) > 0 {
		for _, p := range bad {
			*out = append(*out, problem{span: rule.Span{Start: p.start, End: p.start + len(p.text)}, token: tok,
				word: p.text, rejected: true, suggestions: ck.suggest(p.text, false)})
		}
		return
	}
	if ck.elsewhere[foldKey(w)] || ck.known(w, first, dot) {
		return
	}
	if strings.ContainsFunc(w, isMedian) {
		ck.inclusive(w, start, first, dot, tok, out)
		return
	}
	if ps := ck.pieces(w, start, first, dot); ps != nil {
		for _, p := range ps {
			ck.word(p.text, p.start, p.first, p.dot, tok, out)
		}
		return
	}
	*out = append(*out, problem{span: rule.Span{Start: start, End: start + len(w)}, token: tok,
		word: w, suggestions: ck.suggest(w, false)})
}

// suggest asks the dictionary for replacements of w, without w itself
// and without rejected words, written with w's apostrophe; in a hashtag,
// only replacements that can stay in a hashtag.
func (ck *checker) suggest(w string, hashtag bool) []string {
	if ck.budget <= 0 || utf8.RuneCountInString(w) > conf.SuggestMax {
		return nil
	}
	ck.budget--
	apos := ""
	if i := strings.IndexFunc(w, isApostrophe); i >= 0 {
		r, _ := utf8.DecodeRuneInString(w[i:])
		apos = string(r)
	}
	var out []string
	seen := map[string]bool{normalize(w): true}
	for _, s := range ck.h.suggest(normalize(w)) {
		if apos != "" {
			s = strings.NewReplacer("'", apos, "’", apos, "ʼ", apos).Replace(s)
		}
		n := normalize(s)
		if seen[n] || ck.reject[foldKey(s)] {
			continue
		}
		if hashtag && strings.IndexFunc(s, func(r rune) bool { return !isWordRune(r) && r != '_' }) >= 0 {
			continue
		}
		seen[n] = true
		out = append(out, s)
		if len(out) == conf.Suggestions {
			break
		}
	}
	return out
}

// hashtag checks the words of a hashtag (without its #), written in
// CamelCase (#JeudiJazz) or run together (#jeudijazz). start is the
// offset of its first letter.
func (ck *checker) hashtag(tag string, start int) []problem {
	tok := rule.Span{Start: start - 1, End: start + len(tag)}
	if ck.reject[foldKey(tag)] {
		return []problem{{span: rule.Span{Start: start, End: start + len(tag)}, token: tok, word: tag, rejected: true,
			suggestions: ck.suggest(tag, true)}}
	}
	if ck.known(tag, true, false) {
		return nil
	}
	var out []problem
	for _, p := range camelParts(tag) {
		w := tag[p.Start:p.End]
		span := rule.Span{Start: start + p.Start, End: start + p.End}
		switch {
		case skipped(w):
		case ck.reject[foldKey(w)]:
			out = append(out, problem{span: span, token: tok, word: w, rejected: true, suggestions: ck.suggest(w, true)})
		case ck.known(w, true, false), ck.compound(w):
		default:
			out = append(out, problem{span: span, token: tok, word: w, suggestions: ck.suggest(w, true)})
		}
	}
	return out
}

// camelParts cuts a hashtag into words: at underscores, before a capital
// that follows a small letter (Jeudi|Jazz), before the last capital of a
// run followed by a small letter (NYC|Jazz), between letters and digits.
func camelParts(tag string) []rule.Span {
	var out []rule.Span
	rs := []rune(tag)
	offs := make([]int, len(rs)+1)
	o := 0
	for i, r := range rs {
		offs[i] = o
		o += utf8.RuneLen(r)
	}
	offs[len(rs)] = o
	start := 0
	cut := func(i int) {
		if i > start {
			out = append(out, rule.Span{Start: offs[start], End: offs[i]})
		}
		start = i
	}
	for i, r := range rs {
		if r == '_' {
			cut(i)
			start = i + 1
			continue
		}
		if i == 0 || rs[i-1] == '_' {
			continue
		}
		p := rs[i-1]
		switch {
		case unicode.IsUpper(r) && unicode.IsLower(p):
			cut(i)
		case unicode.IsUpper(p) && unicode.IsLower(r) && i >= 2 && unicode.IsUpper(rs[i-2]):
			cut(i - 1)
		case unicode.IsDigit(r) != unicode.IsDigit(p) && !unicode.IsMark(r):
			cut(i)
		}
	}
	cut(len(rs))
	return out
}

// compound reports whether w, run together in a hashtag, splits into
// words the dictionary knows (jeudijazz: jeudi jazz).
func (ck *checker) compound(w string) bool {
	rs := []rune(strings.ToLower(w))
	min := conf.HashtagSplit.Min
	if len(rs) < 2*min || len(rs) > conf.HashtagSplit.Max {
		return false
	}
	ok := make([]bool, len(rs)+1) // ok[i]: rs[:i] splits into known words
	ok[0] = true
	for i := min; i <= len(rs); i++ {
		for j := i - min; j >= 0 && !ok[i]; j-- {
			if ok[j] && (j > 0 || i < len(rs)) && ck.hs.spell(string(rs[j:i])) {
				ok[i] = true
			}
		}
	}
	return ok[len(rs)]
}

// inclusive checks a word of inclusive writing (ami·e·s): every piece
// after a point must be an ending of the language's list, and the word
// before the first point (or all pieces joined: tou·te·s) a known word.
func (ck *checker) inclusive(w string, start int, first, dot bool, tok rule.Span, out *[]problem) {
	parts := strings.FieldsFunc(w, isMedian)
	whole := func() {
		*out = append(*out, problem{span: rule.Span{Start: start, End: start + len(w)}, token: tok, word: w})
	}
	if len(parts) < 2 {
		whole()
		return
	}
	for _, p := range parts[1:] {
		if !slices.Contains(ck.lang.Inclusive, strings.ToLower(p)) {
			whole()
			return
		}
	}
	if ck.known(strings.Join(parts, ""), first, dot) {
		return
	}
	ck.word(parts[0], start, first, false, tok, out)
}
