package mastodon

import (
	"html"
	"regexp"
	"strings"
	"unicode"
)

// htmlText is a status's content (HTML) as text: tags dropped, entities
// unescaped. Paragraphs and line breaks leave no space; fingerprint does
// not need them.
func htmlText(content string) string {
	var b strings.Builder
	in := false
	for _, r := range content {
		switch {
		case r == '<':
			in = true
		case r == '>' && in:
			in = false
		case !in:
			b.WriteRune(r)
		}
	}
	return html.UnescapeString(b.String())
}

var (
	scheme = regexp.MustCompile(`(?i)\bhttps?://`)
	// A mention's @domain: servers show @name for @name@domain.
	mentionDomain = regexp.MustCompile(`(^|[^\p{L}\p{N}_])(@[\p{L}\p{N}_]+(?:[.-][\p{L}\p{N}_]+)*)@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*(?::[0-9]+)?`)
)

// fingerprint is what is compared of a part's text and a status's
// content: the letters and digits, lower-cased, once URL schemes and the
// @domain of mentions are dropped (the server's markup shows them or not).
// A text without letters or digits (emoji only) keeps its other
// non-space characters.
func fingerprint(s string) string {
	s = scheme.ReplaceAllString(s, "")
	s = mentionDomain.ReplaceAllString(s, "$1$2")
	var b strings.Builder
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(unicode.ToLower(r))
		}
	}
	if b.Len() > 0 {
		return b.String()
	}
	for _, r := range s {
		if !unicode.IsSpace(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}
