package pipeline

import (
	"sort"
	"unicode/utf8"
)

// Lines indexes a text once, in one pass, so that any byte offset maps to
// its line and column in characters in O(log n): the start of every line,
// and every markEvery bytes the number of characters before that point.
// Mapping each finding by scanning from the start made lint quadratic in
// the findings of a long post (a megabyte of text took a minute).
// Characters are counted as utf8.RuneCountInString counts them: an invalid
// byte is one character.
type Lines struct {
	src    string
	starts []int  // byte offset of the start of each line
	marks  []mark // marks[k] is the first character boundary at or after k*markEvery
}

type mark struct{ off, chars int }

const markEvery = 64

// NewLines indexes s.
func NewLines(s string) *Lines {
	l := &Lines{src: s, starts: []int{0}, marks: make([]mark, 0, len(s)/markEvery+1)}
	n := 0
	for i, r := range s {
		if i >= len(l.marks)*markEvery {
			l.marks = append(l.marks, mark{i, n})
		}
		if r == '\n' {
			l.starts = append(l.starts, i+1)
		}
		n++
	}
	if len(l.marks) == 0 {
		l.marks = append(l.marks, mark{0, 0})
	}
	return l
}

// Count is the number of lines: one more than the newlines.
func (l *Lines) Count() int { return len(l.starts) }

// At returns the 0-based line and the 1-based column (in characters) of
// byte offset i, clamped to the text.
func (l *Lines) At(i int) (line, col int) {
	i = min(max(i, 0), len(l.src))
	line = sort.Search(len(l.starts), func(k int) bool { return l.starts[k] > i }) - 1
	return line, l.chars(i) - l.chars(l.starts[line]) + 1
}

// Offset returns the byte offset of a 0-based line and 1-based column, the
// inverse of At. A column past the end of its line is the line's end (its
// newline); a line past the last is the end of the text.
func (l *Lines) Offset(line, col int) int {
	if line < 0 {
		return 0
	}
	if line >= len(l.starts) {
		return len(l.src)
	}
	start, end := l.starts[line], len(l.src)
	if line+1 < len(l.starts) {
		end = l.starts[line+1] - 1
	}
	if col <= 1 {
		return start
	}
	return min(l.offsetOf(l.chars(start)+col-1), end)
}

// chars is the number of characters in src[:i].
func (l *Lines) chars(i int) int {
	k := min(i/markEvery, len(l.marks)-1)
	for l.marks[k].off > i {
		k--
	}
	return l.marks[k].chars + utf8.RuneCountInString(l.src[l.marks[k].off:i])
}

// offsetOf is the byte offset of the character numbered n (0-based), the
// end of the text past the last one.
func (l *Lines) offsetOf(n int) int {
	k := sort.Search(len(l.marks), func(k int) bool { return l.marks[k].chars > n }) - 1
	off, c := l.marks[k].off, l.marks[k].chars
	for c < n && off < len(l.src) {
		_, size := utf8.DecodeRuneInString(l.src[off:])
		off += size
		c++
	}
	return off
}
