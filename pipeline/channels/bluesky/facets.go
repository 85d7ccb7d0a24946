package bluesky

//go:generate go run gen_tlds.go

import (
	"regexp"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// span is a link, a mention or a hashtag found in a text, in UTF-8 byte
// offsets (end exclusive), as app.bsky.richtext.facet#byteSlice counts.
type span struct {
	Start, End int
	Kind       string // "link", "mention" or "tag"
	Value      string // the link's URI, the mention's handle, the tag without '#' (a cashtag with its '$')
}

// The facets are found as @atproto/api 0.21.0's detectFacets finds them
// (RichText.detectFacetsWithoutResolution, what the Bluesky app runs on
// a post), so that a post published by crieur links what the app would
// have linked, and only that. Its expressions are JavaScript's, where \s
// is any Unicode space (U+00A0 and U+202F of French typography too, and
// U+FEFF) and \S the rest; Go's \s is ASCII only, so they are spelt out.
const (
	jsSpace    = `\t\n\x{0b}\f\r \x{a0}\x{1680}\x{2000}-\x{200a}\x{2028}\x{2029}\x{202f}\x{205f}\x{3000}\x{feff}`
	tagBreaker = `\x{ad}\x{2060}\x{200a}\x{200b}\x{200c}\x{200d}\x{20e2}`
)

var (
	// MENTION_REGEX: after the start, a space or "(", @ and letters,
	// digits, dots and hyphens up to a word boundary.
	mentionRe = regexp.MustCompile(`(^|[` + jsSpace + `]|\()@([a-zA-Z0-9.-]+)\b`)
	// URL_REGEX (flags g, i, m): after the start, a space or "(", either
	// http:// or https:// and what is not a space, or a domain (a letter,
	// letters and digits, then dot-separated labels) and what is not a
	// space.
	urlRe = regexp.MustCompile(`(^|[` + jsSpace + `]|\()(([hH][tT][tT][pP][sS]?://[^` + jsSpace + `]+)|(([a-zA-Z][a-zA-Z0-9]*(?:\.[a-zA-Z0-9]+)+)[^` + jsSpace + `]*))`)
	// TAG_REGEX (flags g, u): after the start or a space, # or ＃, then a
	// run of what is not a space nor a tag breaker, holding at least one
	// character that is not a digit nor punctuation. The (?!\ufe0f) that
	// keeps "#️⃣" from being a tag is checked in code.
	tagRe = regexp.MustCompile(`(^|[` + jsSpace + `])[#＃]([^` + jsSpace + tagBreaker + `]*[^\d` + jsSpace + `\p{P}` + tagBreaker + `]+[^` + jsSpace + tagBreaker + `]*)?`)
	// CASHTAG_REGEX: after the start, a space or "(", $ and a ticker of a
	// letter and at most 4 letters or digits, then (a lookahead, checked in
	// code) a space, the end or . , ; : ! ? ) " ' ’.
	cashtagRe = regexp.MustCompile(`(^|[` + jsSpace + `]|\()\$([A-Za-z][A-Za-z0-9]{0,4})`)
)

// findSpans returns the mentions, links, hashtags and cashtags of a text,
// as detectFacets finds them, sorted by their start (for the same start,
// in that order).
func findSpans(text string) []span {
	var spans []span
	for _, m := range mentionRe.FindAllStringSubmatchIndex(text, -1) {
		handle := text[m[4]:m[5]]
		if !validDomain(handle) && !strings.HasSuffix(handle, ".test") {
			continue // probably not a handle
		}
		spans = append(spans, span{Start: m[4] - 1, End: m[5], Kind: "mention", Value: strings.ToLower(handle)})
	}
	for _, m := range urlRe.FindAllStringSubmatchIndex(text, -1) {
		start, end := m[4], m[5]
		uri := text[start:end]
		if !strings.HasPrefix(uri, "http") {
			if m[10] < 0 || !validDomain(text[m[10]:m[11]]) {
				continue
			}
			uri = "https://" + uri
		}
		// Punctuation that ends a sentence, and a ) the link does not open.
		if c := uri[len(uri)-1]; strings.IndexByte(".,;:!?", c) >= 0 {
			uri, end = uri[:len(uri)-1], end-1
		}
		if strings.HasSuffix(uri, ")") && !strings.Contains(uri, "(") {
			uri, end = uri[:len(uri)-1], end-1
		}
		// Where crieur parts from detectFacets, for French text: a link
		// does not end with … » ” ’ (and the sentence's punctuation before
		// them), which close a sentence or a quotation, not an address: the
		// app would link https://laverriere.be… and lead nowhere.
		if n := frenchTail(uri); n > 0 && n < len(uri)-len("https://") {
			uri, end = uri[:len(uri)-n], end-n
		}
		spans = append(spans, span{Start: start, End: end, Kind: "link", Value: uri})
	}
	for _, m := range tagRe.FindAllStringSubmatchIndex(text, -1) {
		if m[4] < 0 || strings.HasPrefix(text[m[4]:m[5]], "\ufe0f") {
			continue
		}
		tag := strings.TrimFunc(text[m[4]:m[5]], jsTrimmed)
		tag = strings.TrimRightFunc(tag, func(r rune) bool { return unicode.Is(unicode.P, r) })
		if tag == "" || utf16Len(tag) > 64 && graphemes(tag) > 64 {
			continue
		}
		hash := m[3] // the # or ＃
		_, size := utf8.DecodeRuneInString(text[hash:])
		spans = append(spans, span{Start: hash, End: hash + size + len(tag), Kind: "tag", Value: tag})
	}
	for pos := 0; pos < len(text); {
		m := cashtagRe.FindStringSubmatchIndex(text[pos:])
		if m == nil {
			break
		}
		for i := range m {
			m[i] += pos
		}
		if !cashtagEnds(text, m[5]) || m[2] == m[3] && m[2] != 0 { // ^ only at the text's start
			// JavaScript tries the next position: past the match's first
			// character.
			_, size := utf8.DecodeRuneInString(text[m[0]:])
			pos = m[0] + size
			continue
		}
		spans = append(spans, span{Start: m[4] - 1, End: m[5], Kind: "tag", Value: "$" + strings.ToUpper(text[m[4]:m[5]])})
		pos = m[5]
	}
	sort.SliceStable(spans, func(i, j int) bool { return spans[i].Start < spans[j].Start })
	return spans
}

// frenchTail is the length in bytes of what ends uri after its address:
// a run of … » ” ’ and of . , ; : ! ? among them, when the run holds one of
// the first four.
func frenchTail(uri string) int {
	n, closing := 0, false
	for n < len(uri) {
		r, size := utf8.DecodeLastRuneInString(uri[:len(uri)-n])
		switch {
		case strings.ContainsRune("…»”’", r):
			closing = true
		case strings.ContainsRune(".,;:!?", r):
		default:
			if closing {
				return n
			}
			return 0
		}
		n += size
	}
	return 0
}

// cashtagEnds is CASHTAG_REGEX's lookahead at end: a space, the end, or
// . , ; : ! ? ) " ' ’.
func cashtagEnds(text string, end int) bool {
	if end == len(text) {
		return true
	}
	r, _ := utf8.DecodeRuneInString(text[end:])
	return jsSpaceRune(r) || strings.ContainsRune(`.,;:!?)"'’`, r)
}

// graphemes counts the grapheme clusters of s closely enough for a tag's
// limit of 64 (the adapter may not import a segmenter): a code point
// starts a cluster unless it is a combining mark, a joiner, a variation
// selector, an emoji modifier or a tag character, follows a joiner, or
// pairs with the regional indicator before it.
func graphemes(s string) int {
	n := 0
	var prev rune
	ri := false
	for _, r := range s {
		switch {
		case unicode.In(r, unicode.Mn, unicode.Me, unicode.Mc), r == 0x200D, 0xFE00 <= r && r <= 0xFE0F,
			0x1F3FB <= r && r <= 0x1F3FF, 0xE0020 <= r && r <= 0xE007F, prev == 0x200D:
		case 0x1F1E6 <= r && r <= 0x1F1FF:
			if !ri {
				n++
			}
			ri = !ri
		default:
			n++
		}
		if !(0x1F1E6 <= r && r <= 0x1F1FF) {
			ri = false
		}
		prev = r
	}
	return n
}

// jsSpaceRune is JavaScript's \s.
func jsSpaceRune(r rune) bool {
	switch r {
	case '\t', '\n', '\v', '\f', '\r', ' ', 0xA0, 0x1680, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000, 0xFEFF:
		return true
	}
	return 0x2000 <= r && r <= 0x200A
}

// jsTrimmed is what String.prototype.trim removes: \s.
func jsTrimmed(r rune) bool { return jsSpaceRune(r) }

// validDomain is detectFacets' isValidDomain: the text ends with a dot and
// a top-level domain of the tlds package, compared as written (in lower
// case: "Exemple.FR" is no domain there).
func validDomain(s string) bool {
	for i := len(s) - 1; i >= 0; i-- {
		if s[i] == '.' {
			if tldSet[s[i+1:]] {
				return true
			}
		}
	}
	return false
}

var tldSet = func() map[string]bool {
	m := make(map[string]bool, len(tlds))
	for _, t := range tlds {
		m[t] = true
	}
	return m
}()

func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		if r >= 0x10000 {
			n += 2
		} else {
			n++
		}
	}
	return n
}
