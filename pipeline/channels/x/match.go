package x

import (
	"html"
	"strings"
)

// comparable is a text as the look-up compares it: HTML entities
// unescaped (the API returns & < > as &amp; &lt; &gt;), white space
// collapsed, and links removed (X replaces every URL with a t.co link, and
// links written without a scheme too).
func comparable(s string) string {
	words := strings.Fields(html.UnescapeString(s))
	out := words[:0]
	for _, w := range words {
		if !isLink(w) {
			out = append(out, w)
		}
	}
	return strings.Join(out, " ")
}

// isLink reports whether a word holds a URL: a scheme (https://…) or a
// domain-like name (exemple.fr, exemple.fr/page): letters or digits, a
// dot, then at least two ASCII letters.
func isLink(w string) bool {
	if strings.Contains(w, "://") {
		return true
	}
	for i := 1; i+2 < len(w); i++ {
		if w[i] != '.' || !isAlnum(w[i-1]) {
			continue
		}
		j := i + 1
		for j < len(w) && isLetter(w[j]) {
			j++
		}
		if j-i-1 >= 2 && (j == len(w) || !isAlnum(w[j])) {
			return true
		}
	}
	return false
}

func isLetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }
func isAlnum(c byte) bool  { return isLetter(c) || '0' <= c && c <= '9' }
