package render

//go:generate go run gen_x.go

import (
	"regexp"
	"sort"
	"strings"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/crieur/crieur/pipeline"
)

// X counts a text as twitter-text 3.1.0's parseTweet does with its
// default configuration (v3), the npm package X's own clients use:
//
//   - the text is first put in Unicode normal form C (e + U+0301 is é);
//   - a URL weighs 23, with or without its scheme (laverriere.be,
//     www.example.org and even M.Dupont, .dupont being a top-level domain),
//     when twitter-text's URL extraction finds it: a domain under one of the
//     top-level domains twitter-text knows (x_tables.go), labels of at most
//     63 characters once in punycode, at most 4096 characters in all; a URL
//     without a known domain (https://localhost:8080/) is counted character
//     by character;
//   - an emoji twemoji-parser finds weighs 2, whatever its code points;
//   - any other character weighs 1 in U+0000–U+10FF, U+2000–U+200D,
//     U+2010–U+201F and U+2032–U+2037, and 2 elsewhere (… U+202F € CJK);
//   - a text holding U+FFFE, U+FEFF or U+FFFF is refused, as is an empty one.
//
// xParse returns the weighted length and whether X accepts the text (at
// most 280, the limit of pipeline's table, twitter-text's
// maxWeightedTweetLength).
func xParse(text string) (weight int, valid bool) {
	text = normNFC(text)
	urls := twitterURLs(text, false)
	emojis := xEmojis(text)
	valid = true
	for i := 0; i < len(text); {
		for len(urls) > 0 && urls[0].Start < i {
			urls = urls[1:]
		}
		for len(emojis) > 0 && emojis[0].Start < i {
			emojis = emojis[1:]
		}
		switch {
		case len(urls) > 0 && urls[0].Start == i:
			weight += urlLength
			// parseTweet skips the length of the URL it reports, in UTF-16
			// code units: past the middle of a character beyond U+FFFF,
			// its second half weighs 2 on its own.
			for n := urls[0].units; n > 0 && i < len(text); {
				r, size := utf8.DecodeRuneInString(text[i:])
				if u := utf16.RuneLen(r); u == 2 && n == 1 {
					weight += 2
				}
				n -= utf16.RuneLen(r)
				i += size
			}
			continue
		case len(emojis) > 0 && emojis[0].Start == i:
			weight += 2
			i = emojis[0].End
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		if r == 0xFFFE || r == 0xFEFF || r == 0xFFFF {
			valid = false
		}
		weight += xWeight(r)
		i += size
	}
	limit, _ := pipeline.LookupNetwork("x")
	return weight, valid && weight > 0 && weight <= limit.Limit
}

var xEmoji = regexp.MustCompile(xEmojiPattern)

// xEmojis finds the emojis as twemoji-parser does.
func xEmojis(text string) []Span {
	var out []Span
	for i := 0; i < len(text); {
		loc := xEmoji.FindStringIndex(text[i:])
		if loc == nil {
			break
		}
		start, end := i+loc[0], i+loc[1]
		// twemoji-parser's "(?!\ufe0e)": a lone code point followed by text
		// presentation is no emoji.
		if r, size := utf8.DecodeRuneInString(text[start:]); size == end-start && strings.HasPrefix(text[end:], "\ufe0e") && inRunes(textBeforeVS15, r) {
			i = end
			continue
		}
		out = append(out, Span{Start: start, End: end, Text: text[start:end]})
		i = end
	}
	return out
}

func inRunes(sorted []rune, r rune) bool {
	i := sort.Search(len(sorted), func(i int) bool { return sorted[i] >= r })
	return i < len(sorted) && sorted[i] == r
}

// The character classes of twitter-text's URL expressions, which match
// without regard to case.
const (
	// latinAccents and cyrillic are twitter-text's latinAccentChars and
	// cyrillicLettersAndMarks.
	latinAccents = `\x{c0}-\x{d6}\x{d8}-\x{f6}\x{f8}-\x{ff}\x{100}-\x{24f}\x{253}\x{254}\x{256}\x{257}\x{259}\x{25b}\x{263}\x{268}\x{26f}\x{272}\x{289}\x{28b}\x{2bb}\x{300}-\x{36f}\x{1e00}-\x{1eff}`
	cyrillic     = `\x{400}-\x{4ff}`
	pathChar     = `[a-z` + cyrillic + `0-9!*';:=+,.$/%#\[\]\-\x{2013}_~@|&` + latinAccents + `]`
	pathEnd      = `[+\-a-z` + cyrillic + `0-9=_#/` + latinAccents + `]`
	parens       = `\((?:` + pathChar + `+|(?:` + pathChar + `*\(` + pathChar + `+\)` + pathChar + `*))\)`
	// urlPath is validUrlPath as twitter-text builds it: its ending
	// characters, "[…]|(?:parens)", are inlined without a group, so their
	// | splits the whole: a segment ends with an ending character, or is
	// only a parenthesised part.
	urlPath = `(?:(?:` + pathChar + `*(?:` + parens + pathChar + `*)*` + pathEnd + `|(?:` + parens + `))|(?:@` + pathChar + `+/))`
	// The query's classes are ASCII only: written with both cases, they
	// need no case folding (which in Go would admit ſ as s).
	rubyURLPath = `(?:(?:` + pathChar + `*(?:` + parens + pathChar + `*)*(?:` + pathEnd + `|` + parens + `))|(?:` + pathChar + `+/))`
	queryChar   = `[a-zA-Z0-9!?*'@();:&=+$/%#\[\]\-_.,~|]`
	queryEnd    = `[a-zA-Z0-9\-_&=#/]`
	query       = `\?` + queryChar + `*` + queryEnd
)

var (
	// xURLTail is what follows a URL's domain: a port, a path, a query,
	// each optional.
	xURLTail = regexp.MustCompile(`^(?::([0-9]+))?(/(?i:` + urlPath + `)*)?(` + query + `)?`)
	// rubyURLTail is the same in the Ruby gem, where an expression put in
	// another keeps its group: a segment ends with an ending character or
	// a parenthesised part; or it is path characters and a /.
	rubyURLTail = regexp.MustCompile(`^(?::([0-9]+))?(/(?i:` + rubyURLPath + `)*)?(` + query + `)?`)
	// xTco is twitter-text's validTcoUrl.
	xTco = regexp.MustCompile(`^[hH][tT][tT][pP][sS]?://[tT]\.[cC][oO]/([a-zA-Z0-9]+)(?:` + query + `)?`)
)

// xURLs finds the URLs as twitter-text's extractUrlsWithIndices does (with
// extractUrlsWithoutProtocol, the default), in byte offsets of text.
//
// twitter-text runs one regular expression with lookaheads; this is the
// same search written out: at each position, a character that may come
// before a URL (or the start of the text), an optional http:// or
// https://, a domain (xDomain), then xURLTail. A match twitter-text
// rejects afterwards (too long, a label too long, a scheme-less URL after
// - _ . or /) still consumes its text, as there.
func xURLs(text string) []Span {
	var out []Span
	for _, u := range twitterURLs(text, false) {
		out = append(out, u.Span)
	}
	return out
}

// xURL is a URL twitter-text finds: where it is, and the length in UTF-16
// code units of the URL it reports, which parseTweet skips as weighing
// 23. Without a scheme and with a path, that URL is the ASCII domain and
// the path (url.replace(domain, asciiDomain)): shorter than the span when
// the domain held more than its ASCII part, whose rest parseTweet then
// counts character by character.
type xURL struct {
	Span
	units int
}

// twitterURLs is xURLs, or with ruby the URLs that the twitter-text Ruby
// gem extracts for Mastodon's StatusLengthValidator
// (extract_url_without_protocol: false): only those with a scheme; the
// gem sees a string as code points, not UTF-16 code units, and its
// is_valid_domain counts the URL in code points, the domain in punycode.
func twitterURLs(text string, ruby bool) []xURL {
	if !ruby && !strings.Contains(text, ".") || ruby && !strings.Contains(text, ":") {
		return nil
	}
	var urls []xURL
	for pos := 0; pos < len(text); {
		m, ok := xNextURL(text, pos, !ruby)
		if !ok {
			break
		}
		pos = m.end
		if ruby {
			urls = append(urls, m.rubyURLs(text)...)
		} else {
			urls = append(urls, m.urls(text)...)
		}
	}
	return urls
}

// xMatch is one match of twitter-text's extractUrl expression.
type xMatch struct {
	before string // the character before, "" at the start
	// low: the match starts at the second half (a low surrogate) of the
	// character at start, a code point beyond U+FFFF, as JavaScript's
	// expressions see strings in UTF-16 code units: the first half is the
	// character before, the second a domain character.
	low              bool
	start, end       int // the URL
	scheme           bool
	domainStart      int
	domainEnd        int
	pathEnd, tailEnd int // the path ends at pathEnd (domainEnd or after the port when none)
	hasPath          bool
}

// xNextURL finds the first match of extractUrl at or after pos; utf16:
// as JavaScript sees the text, in UTF-16 code units.
func xNextURL(text string, pos int, utf16 bool) (xMatch, bool) {
	tail := xURLTail
	if !utf16 {
		tail = rubyURLTail
	}
	for s := pos; s < len(text); {
		r, size := utf8.DecodeRuneInString(text[s:])
		if size == 4 && utf16 {
			// Its first half comes before a URL whose domain starts with
			// its second half (both are domain characters); then the
			// second half comes before a URL after it.
			if m, ok := xURLAt(text, s, true, xURLTail); ok {
				m.before = "\ufffd"
				return m, true
			}
		}
		if precedesURL(r) {
			if m, ok := xURLAt(text, s+size, false, tail); ok {
				m.before = text[s : s+size]
				return m, true
			}
		}
		if s == 0 {
			if m, ok := xURLAt(text, 0, false, tail); ok {
				return m, true
			}
		}
		s += size
	}
	return xMatch{}, false
}

// precedesURL is twitter-text's validUrlPrecedingChars but for the start
// of the text: anything but an ASCII letter or digit, @ ＠ $ # ＃ and the
// invalid characters.
func precedesURL(r rune) bool {
	switch {
	case 'a' <= r && r <= 'z', 'A' <= r && r <= 'Z', '0' <= r && r <= '9':
		return false
	}
	switch r {
	case '@', '＠', '$', '#', '＃', 0xFFFE, 0xFEFF, 0xFFFF:
		return false
	}
	return true
}

// xURLAt matches a URL starting at u: a scheme when there is one (and
// without it when the URL with it fails), a domain, then the tail. low:
// the URL starts at the second half of the character at u (see xMatch).
func xURLAt(text string, u int, low bool, tailRe *regexp.Regexp) (xMatch, bool) {
	for _, scheme := range []string{"https://", "http://", ""} {
		if scheme != "" && (low || !hasPrefixFold(text[u:], scheme)) {
			continue
		}
		d := u + len(scheme)
		end, ok := xDomain(text, d)
		if !ok {
			continue
		}
		m := xMatch{start: u, low: low, scheme: scheme != "", domainStart: d, domainEnd: end}
		tail := tailRe.FindStringSubmatchIndex(foldSafe(text[end:]))
		m.tailEnd = end + tail[1]
		m.pathEnd = m.tailEnd
		if tail[6] >= 0 {
			m.pathEnd = end + tail[6]
		}
		m.hasPath = tail[4] >= 0
		m.end = m.tailEnd
		return m, true
	}
	return xMatch{}, false
}

// foldSafe hides from Go's case-insensitive matching the two characters it
// folds to ASCII letters where JavaScript does not (the Kelvin and
// Ångström signs), without changing a byte offset.
func foldSafe(s string) string {
	if !strings.ContainsAny(s, "\u212a\u212b") {
		return s
	}
	return strings.NewReplacer("\u212a", "\u2e80", "\u212b", "\u2e80").Replace(s)
}

// urls is what extractUrlsWithIndices keeps of a match: nothing when
// isValidUrl refuses it; the URL (or, for t.co, its slug and query) when
// it has a scheme; without one, the ASCII domains inside the domain (the
// last one with the path, when there is a path), unless a - _ . or /
// comes before.
func (m xMatch) urls(text string) []xURL {
	url, domain := text[m.start:m.end], text[m.domainStart:m.domainEnd]
	scheme := len("https://")
	if m.scheme {
		scheme = m.domainStart - m.start
	}
	if !xValidURL(url, scheme, domain, m.low) {
		return nil
	}
	if m.scheme {
		if loc := xTco.FindStringSubmatchIndex(url); loc != nil {
			if loc[3]-loc[2] > 40 {
				return nil
			}
			url = url[:loc[1]]
		}
		return []xURL{{Span{Start: m.start, End: m.start + len(url), Text: url}, utf16Len(url)}}
	}
	if b := m.before; b == "-" || b == "_" || b == "." || b == "/" {
		return nil
	}
	var out []xURL
	for _, a := range asciiDomains(domain) {
		start, end := m.domainStart+a[0], m.domainStart+a[1]
		out = append(out, xURL{Span{Start: start, End: end}, utf16Len(text[start:end])})
	}
	if last := len(out) - 1; last >= 0 && m.hasPath {
		out[last].units += utf16Len(text[m.domainEnd:m.end])
		out[last].End = m.end
	}
	for i := range out {
		out[i].Text = text[out[i].Start:out[i].End]
	}
	return out
}

// rubyURLs is what the Ruby gem's extract_urls_with_indices keeps of a
// match, without scheme-less URLs: the URL (a t.co one cut after its slug
// and query) when its domain's labels are at most 63 characters once in
// punycode and the URL at most 4096 code points, the domain counted in
// punycode where that is longer.
func (m xMatch) rubyURLs(text string) []xURL {
	if !m.scheme {
		return nil
	}
	url, domain := text[m.start:m.end], text[m.domainStart:m.domainEnd]
	if loc := xTco.FindStringSubmatchIndex(url); loc != nil {
		if loc[3]-loc[2] > 40 {
			return nil
		}
		url = url[:loc[1]]
	}
	encoded := 0
	for i, label := range strings.Split(domain, ".") {
		n := punycodeLen([]rune(label))
		if n < 1 || n > 63 {
			return nil
		}
		if i > 0 {
			encoded++
		}
		encoded += n
	}
	length := utf8.RuneCountInString(url) + max(0, encoded-utf8.RuneCountInString(domain))
	if length > 4096 {
		return nil
	}
	return []xURL{{Span{Start: m.start, End: m.start + len(url), Text: url}, utf16Len(url)}}
}

// xDomain matches twitter-text's validDomain at d: labels followed by a
// dot, as many as possible first, then a top-level domain; it returns the
// end of the top-level domain.
func xDomain(text string, d int) (int, bool) {
	// The labels: a label is a run of domain characters, _ and -, starting
	// and ending with a domain character and followed by a dot; the last
	// label before the top-level domain has no _.
	type label struct {
		end        int
		underscore bool
	}
	var labels []label
	for p := d; ; {
		q, underscore, ok := domainLabel(text, p)
		if !ok {
			break
		}
		labels = append(labels, label{q, underscore})
		p = q + 1
	}
	for k := len(labels) - 1; k >= 0; k-- {
		if labels[k].underscore {
			continue
		}
		if end, ok := xTLD(text, labels[k].end+1); ok {
			return end, true
		}
	}
	return 0, false
}

// domainLabel reads a label at p: its end (where the dot is), whether it
// holds an underscore.
func domainLabel(text string, p int) (end int, underscore, ok bool) {
	q := p
	var first, last rune = -1, -1
	for q < len(text) {
		r, size := utf8.DecodeRuneInString(text[q:])
		if r == '.' {
			break
		}
		if r != '_' && r != '-' && !domainChar(r) {
			return 0, false, false
		}
		if first < 0 {
			first = r
		}
		last = r
		underscore = underscore || r == '_'
		q += size
	}
	if q == p || q == len(text) || !domainChar(first) || !domainChar(last) {
		return 0, false, false
	}
	return q, underscore, true
}

// domainChar is twitter-text's validDomainChars: anything but its
// punctuation, spaces, invalid characters and directional marks.
func domainChar(r rune) bool {
	if r < 0x80 {
		return !(0x09 <= r && r <= 0x0D || r == ' ' || strings.ContainsRune(`!'#%&()*+,-./:;<=>?@[\]^_{|}~$`, r))
	}
	switch {
	case r == 0x85, r == 0xA0, r == 0x1680, r == 0x180E, 0x2000 <= r && r <= 0x200A,
		r == 0x2028, r == 0x2029, r == 0x202F, r == 0x205F, r == 0x3000,
		r == 0xFFFE, r == 0xFEFF, r == 0xFFFF,
		0x202A <= r && r <= 0x202E, r == 0x061C, r == 0x200E, r == 0x200F, 0x2066 <= r && r <= 0x2069:
		return false
	}
	return true
}

// xTLD matches a top-level domain at p, as twitter-text tries them: the
// generic ones, then the country ones, each in its table's order, each
// only when no ASCII letter, digit, @, + or - follows; then punycode
// (xn-- and letters, digits, -).
func xTLD(text string, p int) (int, bool) {
	if p >= len(text) {
		return 0, false
	}
	first, _ := utf8.DecodeRuneInString(text[p:])
	for _, tld := range xTLDsByInitial[jsUpper(first)] {
		if end, ok := prefixJS(text, p, tld); ok && tldEnds(text, end) {
			return end, true
		}
	}
	if end, ok := prefixJS(text, p, "xn--"); ok {
		q := end
		for q < len(text) {
			c := text[q]
			if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-') {
				break
			}
			q++
		}
		if q > end {
			return q, true
		}
	}
	return 0, false
}

// xTLDsByInitial holds the generic then the country top-level domains,
// in their tables' order, by their first letter in upper case: only those
// can match where a letter is.
var xTLDsByInitial = func() map[rune][]string {
	m := map[rune][]string{}
	for _, table := range [][]string{xGenericTLDs, xCountryTLDs} {
		for _, tld := range table {
			r, _ := utf8.DecodeRuneInString(tld)
			m[jsUpper(r)] = append(m[jsUpper(r)], tld)
		}
	}
	return m
}()

// tldEnds is the lookahead after a top-level domain: the end, or a
// character that is not an ASCII letter or digit, @, + or -.
func tldEnds(text string, end int) bool {
	if end == len(text) {
		return true
	}
	c := text[end]
	return !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '@' || c == '+' || c == '-')
}

// prefixJS reports whether text at p starts with lower, compared as a
// JavaScript expression with the i flag compares: both in upper case,
// except that a non-ASCII character never matches an ASCII one.
func prefixJS(text string, p int, lower string) (int, bool) {
	for _, want := range lower {
		if p >= len(text) {
			return 0, false
		}
		r, size := utf8.DecodeRuneInString(text[p:])
		if r != want && jsUpper(r) != jsUpper(want) {
			return 0, false
		}
		p += size
	}
	return p, true
}

func jsUpper(r rune) rune {
	u := unicode.ToUpper(r)
	if r >= 0x80 && u < 0x80 {
		return r
	}
	return u
}

// asciiDomains finds twitter-text's validAsciiDomain in a domain, one
// after the other as String.replace does: labels of ASCII letters and
// digits, -, Latin letters with accents, each followed by a dot, then a
// top-level domain (the lookahead sees the domain's end as the end).
// It returns their offsets in domain.
func asciiDomains(domain string) [][2]int {
	var out [][2]int
	for pos := 0; pos < len(domain); {
		found := false
		for s := pos; s < len(domain); {
			if end, ok := asciiDomainAt(domain, s); ok {
				// extractUrlsWithIndices finds it back with indexOf.
				i := pos + strings.Index(domain[pos:], domain[s:end])
				out = append(out, [2]int{i, i + end - s})
				pos, found = end, true
				break
			}
			_, size := utf8.DecodeRuneInString(domain[s:])
			s += size
		}
		if !found {
			break
		}
	}
	return out
}

// asciiDomainAt matches validAsciiDomain at s of domain.
func asciiDomainAt(domain string, s int) (int, bool) {
	var dots []int
	for p := s; ; {
		q := p
		for q < len(domain) {
			r, size := utf8.DecodeRuneInString(domain[q:])
			if !asciiDomainChar(r) {
				break
			}
			q += size
		}
		if q == p || q == len(domain) || domain[q] != '.' {
			break
		}
		dots = append(dots, q)
		p = q + 1
	}
	for k := len(dots) - 1; k >= 0; k-- {
		if end, ok := xTLD(domain, dots[k]+1); ok {
			return end, true
		}
	}
	return 0, false
}

// asciiDomainChar: [\-a-z0-9] and twitter-text's Latin accents, any case
// as JavaScript's i flag has it: r matches when it, its upper case or its
// lower case (with the same upper case) is in the class.
func asciiDomainChar(r rune) bool {
	switch {
	case r == '-', 'a' <= r && r <= 'z', 'A' <= r && r <= 'Z', '0' <= r && r <= '9':
		return true
	}
	return latinAccent(r) || latinAccent(jsUpper(r)) || latinAccent(unicode.ToLower(r)) && jsUpper(unicode.ToLower(r)) == jsUpper(r)
}

func latinAccent(r rune) bool {
	switch {
	case 0xC0 <= r && r <= 0xD6, 0xD8 <= r && r <= 0xF6, 0xF8 <= r && r <= 0x24F,
		0x300 <= r && r <= 0x36F, 0x1E00 <= r && r <= 0x1EFF:
		return true
	}
	switch r {
	case 0x253, 0x254, 0x256, 0x257, 0x259, 0x25B, 0x263, 0x268, 0x26F, 0x272, 0x289, 0x28B, 0x2BB:
		return true
	}
	return false
}

// xValidURL is twitter-text's isValidUrl: the domain's labels are 1 to 63
// characters long once in punycode (a domain starting with xn-- must be
// an ASCII domain), and the URL with its scheme at most 4096 UTF-16 code
// units.
func xValidURL(url string, scheme int, domain string, low bool) bool {
	if strings.HasPrefix(domain, "xn--") && len(asciiDomains(domain)) == 0 {
		return false
	}
	for i, label := range strings.Split(domain, ".") {
		runes := []rune(label)
		if i == 0 && low {
			runes[0] = 0xDC00 + (runes[0]-0x10000)&0x3FF
		}
		if n := punycodeLen(runes); n < 1 || n > 63 {
			return false
		}
	}
	// isValidUrl adds the scheme's length to the URL's, which holds it
	// already when it has one.
	n := utf16Len(url) + scheme
	if low {
		n--
	}
	return n <= 4096
}

func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		n += utf16.RuneLen(r)
	}
	return n
}

// normNFC is the text X counts: in Unicode normal form C.
func normNFC(s string) string { return norm.NFC.String(s) }
