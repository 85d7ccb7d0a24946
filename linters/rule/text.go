package rule

import (
	"bytes"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/crieur/crieur/pipeline"
	"github.com/crieur/crieur/pipeline/content"
)

// Parts lists every piece of prose of a post that goes out: the body (or
// its thread parts), each variant and the first comment, each once.
func Parts(p *pipeline.Post) []pipeline.Part {
	var out []pipeline.Part
	seen := map[[2]int]bool{}
	add := func(t pipeline.Text) {
		parts := append([]pipeline.Part(nil), t.Parts...)
		if t.FirstComment != nil {
			parts = append(parts, *t.FirstComment)
		}
		for _, part := range parts {
			k := [2]int{part.Line, part.Col}
			if !seen[k] {
				seen[k] = true
				out = append(out, part)
			}
		}
	}
	add(p.Body)
	for _, ch := range p.Channels {
		if v, ok := p.Variants[ch]; ok {
			add(v)
		}
	}
	return out
}

var (
	maskComment = regexp.MustCompile(`(?s)<!--.*?-->`)
	maskFence   = regexp.MustCompile("(?ms)^[ \t]*(```|~~~).*?^[ \t]*(```|~~~)[ \t]*$")
	maskCode    = regexp.MustCompile("`[^`\n]+`")
	// A URL stops at any space, Unicode ones included (a U+202F before « ! »).
	maskURL     = regexp.MustCompile(`(?i)\b(?:https?://|www\.)[^\s\p{Z}<>()\[\]«»"]+[^\s\p{Z}<>()\[\]«»".,;:!?'’]`)
	maskLinkDst = regexp.MustCompile(`\](\([^)\s]*\))`)
	maskEmail   = regexp.MustCompile(`[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.\p{L}{2,}`)
	maskMention = regexp.MustCompile(`(^|[^\p{L}\p{N}_])(@[\p{L}\p{N}_]+(?:[.-][\p{L}\p{N}_]+)*(?:@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+)?)`)
	maskHTML    = regexp.MustCompile(`</?[A-Za-z][^>\n]*>`)

	// What maskURL and maskMention match from their start on, anchored:
	// mask tries them only where a URL or a mention can start, instead of
	// at every byte (the two searches were most of the cost of masking).
	urlAt     = regexp.MustCompile(`(?i)^` + strings.TrimPrefix(maskURL.String(), `(?i)\b`))
	mentionAt = regexp.MustCompile(`^@[\p{L}\p{N}_]+(?:[.-][\p{L}\p{N}_]+)*(?:@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+)?`)
)

// Mask returns src with what is not prose blanked out byte for byte
// (spaces, newlines kept): HTML comments and tags, code, URLs, link
// targets, e-mail addresses and @mentions. Offsets in the result are
// offsets in src, so a rule can search the mask and point into the file.
// Hashtags are kept: each rule decides what to do with them.
//
// Every prose rule masks the same parts: the result is remembered, for
// the length of a lint run (the cache is emptied past 64k entries).
func Mask(src string) string { return maskMemo.Of(src, mask) }

var maskMemo pipeline.Memo // source -> mask

func mask(src string) string {
	b := []byte(src)
	blank := func(re *regexp.Regexp, group int, needs ...string) {
		if !slices.ContainsFunc(needs, func(n string) bool { return bytes.Contains(b, []byte(n)) }) {
			return // what every match holds is not there
		}
		for _, m := range re.FindAllSubmatchIndex(b, -1) {
			if start, end := m[2*group], m[2*group+1]; start >= 0 {
				blankBytes(b, start, end)
			}
		}
	}
	blank(maskComment, 0, "<!--")
	blank(maskFence, 0, "```", "~~~")
	blank(maskCode, 0, "`")
	blank(maskLinkDst, 1, "](")
	blankURLs(b)
	blankMentions(b)
	blank(maskEmail, 0, "@")
	blank(maskHTML, 0, "<")
	return string(b)
}

// blankBytes replaces bytes [start, end) of b with spaces, keeping
// newlines.
func blankBytes(b []byte, start, end int) {
	for i := start; i < end; i++ {
		if b[i] != '\n' {
			b[i] = ' '
		}
	}
}

// blankURLs blanks what maskURL matches, as FindAll would, trying urlAt
// only at the starts it allows: http or www (any case) after a word
// boundary (\b: ASCII word characters).
func blankURLs(b []byte) {
	for i := 0; i < len(b); i++ {
		c := b[i] | 0x20
		if c != 'h' && c != 'w' || i > 0 && isASCIIWord(b[i-1]) {
			continue
		}
		if m := urlAt.FindIndex(b[i:]); m != nil {
			blankBytes(b, i, i+m[1])
			i += m[1] - 1
		}
	}
}

// blankMentions blanks what maskMention's second group matches, as
// FindAll would: an @ at the start or after a character that is not a
// letter, digit or _, and that the previous mention did not take.
func blankMentions(b []byte) {
	taken := 0 // bytes before taken belong to a match already
	for i := 0; i < len(b); i++ {
		if b[i] != '@' {
			continue
		}
		if i > 0 {
			r, size := utf8.DecodeLastRune(b[:i])
			if i-size < taken || unicode.IsLetter(r) || unicode.IsNumber(r) || r == '_' {
				continue
			}
		}
		if m := mentionAt.FindIndex(b[i:]); m != nil {
			blankBytes(b, i, i+m[1])
			taken = i + m[1]
			i = taken - 1
		}
	}
}

func isASCIIWord(c byte) bool {
	return c == '_' || '0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
}

// Span is a range of bytes [Start, End) of a part's Source.
type Span struct{ Start, End int }

// Finder points findings at a part of a file. Make it with NewFinder,
// once per part: it indexes the part's lines once for all its findings.
type Finder struct {
	File *content.File
	Part pipeline.Part
	pos  *pipeline.PartPositions // nil: each At indexes the part again
}

// NewFinder returns a finder for part of f, its lines indexed.
func NewFinder(f *content.File, part pipeline.Part) Finder {
	pos := part.Positions()
	return Finder{File: f, Part: part, pos: &pos}
}

// PosOf maps a byte index of the part's Source to its position in the file.
func (fd Finder) PosOf(i int) pipeline.Pos {
	if fd.pos == nil {
		return fd.Part.PosOf(i)
	}
	return fd.pos.PosOf(i)
}

// Line returns the bytes [start, end) of the line of the part's Source
// that holds byte index i, without its newline.
func (fd Finder) Line(i int) (start, end int) {
	if fd.pos == nil {
		pos := fd.Part.Positions()
		fd.pos = &pos
	}
	return fd.pos.Line(i)
}

// At makes a finding over span of the part, with an optional replacement
// offered as a fix (nil: no fix).
func (fd Finder) At(span Span, id string, sev pipeline.Severity, msg, hint string, replacement *string) pipeline.Finding {
	if fd.pos == nil {
		pos := fd.Part.Positions()
		fd.pos = &pos
	}
	start := fd.PosOf(span.Start)
	end := fd.PosOf(span.End)
	f := pipeline.Finding{Path: fd.File.Post.Path, Line: start.Line, Col: start.Col, EndLine: end.Line, EndCol: end.Col,
		Rule: id, Severity: sev, Message: msg, Hint: hint}
	if replacement != nil && fd.Part.Fixable(span.Start, span.End, *replacement) && fd.inFile(span) {
		f.Fix = &pipeline.Fix{Start: fd.File.Offset(start), End: fd.File.Offset(end), Text: *replacement}
	}
	return f
}

// inFile makes sure that the file holds the span where the part's style
// says, byte for byte: the span and up to 16 bytes either side on its
// line (so that an insertion, an empty span, is checked too), in a time
// that does not grow with the line.
func (fd Finder) inFile(span Span) bool {
	ls, le := fd.Line(span.Start)
	a, b := max(ls, span.Start-16), min(le, span.End+16)
	for a > ls && !utf8.RuneStart(fd.Part.Source[a]) {
		a--
	}
	for b < le && !utf8.RuneStart(fd.Part.Source[b]) {
		b++
	}
	fa, fb := fd.File.Offset(fd.PosOf(a)), fd.File.Offset(fd.PosOf(b))
	return fa <= fb && fb <= len(fd.File.Source) && string(fd.File.Source[fa:fb]) == fd.Part.Source[a:b]
}
