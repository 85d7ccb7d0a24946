package pipeline

import "strings"

// TextStyle is how a file holds a part's text: as it is (the body, a YAML
// literal block), or as a YAML scalar whose bytes are the text only under
// conditions. A fix replaces bytes of the file: it can point into a part
// only where each byte of Source is a byte of the file, and only with a
// text that the style can hold as it is.
type TextStyle int

const (
	// Verbatim: Source is the file's text, line for line once Indent
	// columns are taken off (the body; a literal block scalar, |, |- or
	// |+, without indentation indicator or leading blank line).
	Verbatim TextStyle = iota
	// Plain: a plain YAML scalar on one line (no escape exists there).
	Plain
	// SingleQuoted: '…' on one line, without '' inside.
	SingleQuoted
	// DoubleQuoted: "…" on one line, without any \ escape.
	DoubleQuoted
	// Rewritten: YAML changed the text on its way out of the file (a
	// folded block, a scalar over several lines, an escape), so no
	// offset of Source is exactly one of the file: no fix.
	Rewritten
)

// Fixable says whether a fix can replace Source[start:end] in the file
// with text and leave the part saying Source with that one change: the
// span and the text stay on one line (except in the body), and the text
// brings in nothing the style reads as syntax (a quote in a quoted
// scalar; in a plain one « : », « # », flow indicators; in a block,
// spaces at a line's start, which would change its indentation).
func (p Part) Fixable(start, end int, text string) bool {
	if start < 0 || end < start || end > len(p.Source) || strings.Contains(p.Source[start:end], "\n") {
		return false
	}
	switch p.Style {
	case Verbatim:
		if p.Indent == 0 {
			return true
		}
		atLineStart := start == 0 || p.Source[start-1] == '\n'
		return !strings.Contains(text, "\n") && !(atLineStart && strings.HasPrefix(text, " "))
	case DoubleQuoted:
		return !strings.ContainsAny(text, "\"\\\n")
	case SingleQuoted:
		return !strings.ContainsAny(text, "'\n")
	case Plain:
		// What the scalar would say must still read as one plain
		// scalar: YAML trims spaces and tabs (not U+00A0) at its ends.
		after := p.Source[:start] + text + p.Source[end:]
		return after != "" && strings.Trim(after, " \t") == after && !strings.ContainsAny(text, ",[]{}\n") &&
			!strings.Contains(after, ": ") && !strings.Contains(after, " #") && !strings.HasSuffix(after, ":") &&
			!strings.ContainsRune("-?:|>!&*%@`'\"#,[]{}", rune(after[0]))
	}
	return false
}
