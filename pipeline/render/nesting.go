package render

import "bytes"

// maxNesting is how deep one line may open quotes and list items, each
// marker inside the previous one ("- - > 1. x"). Goldmark reads the rest
// of the line again at every level, so a line of nested markers costs the
// square of its length (100 KB of "- " took half a minute); no post nests
// sixteen lists or quotes on one line.
const maxNesting = 16

// capNesting returns src where a line opens more than maxNesting quotes or
// list items with the marker past the limit escaped: it and what follows
// are the text of the deepest item. src itself is returned when no line
// goes that deep.
func capNesting(src []byte) []byte {
	var out []byte
	done := 0 // bytes of src already copied to out
	for start := 0; start < len(src); {
		end := bytes.IndexByte(src[start:], '\n')
		if end < 0 {
			end = len(src)
		} else {
			end += start + 1
		}
		if at := pastLimit(src[start:end]); at >= 0 {
			out = append(out, src[done:start+at]...)
			out = append(out, '\\')
			done = start + at
		}
		start = end
	}
	if out == nil {
		return src
	}
	return append(out, src[done:]...)
}

// pastLimit returns the offset in line of the character to escape so that
// the marker past maxNesting is text (the '.' or ')' of a number, the
// marker itself otherwise), -1 when the line does not nest that deep.
func pastLimit(line []byte) int {
	i, depth := skipBlanks(line, 0, len(line)), 0
	for i < len(line) {
		n, esc := marker(line[i:])
		if n == 0 {
			return -1
		}
		if depth == maxNesting {
			return i + esc
		}
		depth++
		j := skipBlanks(line, i+n, i+n+4)
		if j == i+n && line[i] != '>' {
			return -1 // a list marker must be followed by a blank
		}
		i = j
	}
	return -1
}

// marker says how long the block-quote or list marker at the start of s
// is, and where the character to escape it is; 0 when there is none.
func marker(s []byte) (n, esc int) {
	switch {
	case len(s) == 0:
		return 0, 0
	case s[0] == '>':
		return 1, 0
	case s[0] == '-' || s[0] == '*' || s[0] == '+':
		return 1, 0
	}
	d := 0
	for d < len(s) && d < 9 && s[d] >= '0' && s[d] <= '9' {
		d++
	}
	if d > 0 && d < len(s) && (s[d] == '.' || s[d] == ')') {
		return d + 1, d
	}
	return 0, 0
}

// skipBlanks returns the offset of the first byte at or after i, and
// before max, that is not a space or a tab.
func skipBlanks(s []byte, i, max int) int {
	for i < len(s) && i < max && (s[i] == ' ' || s[i] == '\t') {
		i++
	}
	return i
}

// A word (a run without white space) this long that opens links this many
// times is no text a person wrote: goldmark looks for the end of each
// link's destination to the end of the word, so "[a](" repeated costs the
// square of its length (80 KB took ten seconds).
const (
	longWord      = 1024
	maxWordLinks  = 16
	linkDestStart = "]("
)

// capLinks returns src where a long word opens more than maxWordLinks
// link destinations with their "(" escaped: the word is text. src itself
// is returned when no word does.
func capLinks(src []byte) []byte {
	var out []byte
	done := 0
	for start := 0; start < len(src); {
		end := start
		for end < len(src) && !isBlank(src[end]) {
			end++
		}
		word := src[start:end]
		if len(word) > longWord && bytes.Count(word, []byte(linkDestStart)) > maxWordLinks {
			out = append(out, src[done:start]...)
			out = append(out, bytes.ReplaceAll(word, []byte(linkDestStart), []byte(`]\(`))...)
			done = end
		}
		start = end + 1
	}
	if out == nil {
		return src
	}
	return append(out, src[done:]...)
}

func isBlank(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'
}
