package render

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Span is a piece of a text: its byte offsets (End exclusive) and the
// piece itself.
type Span struct {
	Start, End int
	Text       string
}

// URLs finds the http(s) URLs in plain text, with their byte offsets.
//
// A URL starts with http:// or https:// (any case) where a word does not
// go on before it, and runs until white space, a control character or one
// of < > " « » “ ” ‹ ›. Punctuation that ends a sentence is not part of it:
// . , ; : ! ? ' " … ’ * and a ) ] or } that closes nothing inside the URL,
// so "(voir https://fr.wikipedia.org/wiki/Liège_(ville))." keeps the
// parentheses of the article and loses the last two characters.
// URLs without a scheme (example.org, www.example.org) are not found.
func URLs(text string) []Span {
	var spans []Span
	for i := 0; i < len(text); {
		j := indexScheme(text[i:])
		if j < 0 {
			break
		}
		start := i + j
		end := urlEnd(text, start)
		if end > start {
			spans = append(spans, Span{Start: start, End: end, Text: text[start:end]})
			i = end
			continue
		}
		i = start + 1
	}
	return spans
}

// indexScheme returns the offset of the first "http://" or "https://" in s
// (any case) that starts a word, or -1.
func indexScheme(s string) int {
	for i := 0; i < len(s); i++ {
		if s[i] != 'h' && s[i] != 'H' {
			continue
		}
		if !hasPrefixFold(s[i:], "http://") && !hasPrefixFold(s[i:], "https://") {
			continue
		}
		if i > 0 {
			r, _ := utf8.DecodeLastRuneInString(s[:i])
			if isWordRune(r) {
				continue
			}
		}
		return i
	}
	return -1
}

// urlEnd returns where the URL starting at start ends, or start when there
// is no host after the scheme.
func urlEnd(text string, start int) int {
	end := start
	for end < len(text) {
		r, size := utf8.DecodeRuneInString(text[end:])
		if endsURL(r) {
			break
		}
		end += size
	}
	u := text[start:end]
	for len(u) > 0 {
		r, size := utf8.DecodeLastRuneInString(u)
		if !trailing(r, u) {
			break
		}
		u = u[:len(u)-size]
	}
	host := u[strings.Index(u, "://")+3:]
	if host == "" {
		return start
	}
	if r, _ := utf8.DecodeRuneInString(host); !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '[' {
		return start
	}
	return start + len(u)
}

// endsURL reports whether r cannot be inside a URL.
func endsURL(r rune) bool {
	switch r {
	case '<', '>', '"', '«', '»', '“', '”', '‹', '›', utf8.RuneError:
		return true
	}
	return unicode.IsSpace(r) || unicode.IsControl(r)
}

// trailing reports whether r, the last character of the URL u, is
// punctuation of the sentence rather than of the URL.
func trailing(r rune, u string) bool {
	switch r {
	case '.', ',', ';', ':', '!', '?', '\'', '"', '…', '’', '*':
		return true
	case ')':
		return strings.Count(u, ")") > strings.Count(u, "(")
	case ']':
		return strings.Count(u, "]") > strings.Count(u, "[")
	case '}':
		return strings.Count(u, "}") > strings.Count(u, "{")
	}
	return false
}

// isWordRune reports whether r continues a word: a letter, a digit, a
// combining mark, an underscore or a joiner.
func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r) ||
		r == '_' || r == '\u200d'
}

func hasPrefixFold(s, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
}
