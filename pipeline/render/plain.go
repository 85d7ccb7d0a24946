package render

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/crieur/crieur/pipeline"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// mdParser parses posts: CommonMark, with Linkify so that bare URLs are
// seen as links (and not broken by emphasis on their underscores), and
// strikethrough so that ~~text~~ loses its tildes. No typographer: the
// community manager's quotes and apostrophes are kept as typed. The parser
// is safe for concurrent use once built.
var mdParser = goldmark.New(goldmark.WithExtensions(
	extension.Linkify,
	extension.Strikethrough,
)).Parser()

// Plain renders one Markdown part of a post to the plain text social
// networks take.
//
// Blocks are separated as in the source (one blank line at most), soft line
// breaks are kept, markup is dropped and its text kept: [text](url) becomes
// "text (url)", an image its alt text, a list item "• item" or "1. item",
// nested lists two spaces further in. Raw HTML and comments disappear,
// escapes and entities are resolved. Everything else, hashtags, mentions,
// « », no-break spaces, passes through byte for byte.
//
// The rendering is remembered for the length of a run (the cache is
// emptied past 64k entries): lint renders each part once for the body
// check and once per channel of the post.
func Plain(markdown string) string { return plainMemo.Of(markdown, plain) }

var plainMemo pipeline.Memo // Markdown -> Plain

func plain(markdown string) string {
	src := capLinks(capNesting([]byte(markdown)))
	doc := mdParser.Parse(text.NewReader(src))
	r := &plainRenderer{src: src}
	return tidy(r.blocks(doc))
}

// plainRenderer walks the AST of one part. It keeps no state between
// blocks; afterHTML only tells the inline walk that raw HTML was just
// dropped. title renders a link as its text alone (see Title).
type plainRenderer struct {
	src       []byte
	afterHTML bool
	title     bool
}

// blocks renders the block children of parent. Two blocks are separated
// by a blank line when the source had one between them, by a newline
// otherwise: a comment line between two lines of text leaves no blank
// line, a list right under its introduction stays right under it.
func (r *plainRenderer) blocks(parent ast.Node) string { return r.join(parent, "") }

// join renders the block children of parent, separated as blocks
// describes; every child after the first is indented by indent (the
// later paragraphs and nested lists of a list item).
func (r *plainRenderer) join(parent ast.Node, indent string) string {
	var b strings.Builder
	blank := false
	for c := parent.FirstChild(); c != nil; c = c.NextSibling() {
		if c.HasBlankPreviousLines() {
			blank = true
		}
		s := r.block(c)
		if s == "" {
			continue
		}
		if b.Len() > 0 && indent != "" {
			s = indent + strings.ReplaceAll(s, "\n", "\n"+indent)
		}
		if b.Len() > 0 {
			if blank {
				b.WriteString("\n\n")
			} else {
				b.WriteByte('\n')
			}
		}
		b.WriteString(s)
		blank = false
	}
	return b.String()
}

// block renders one block; "" means it leaves nothing behind.
func (r *plainRenderer) block(n ast.Node) string {
	switch n := n.(type) {
	case *ast.HTMLBlock, *ast.ThematicBreak:
		return ""
	case *ast.CodeBlock, *ast.FencedCodeBlock:
		return r.code(n)
	case *ast.List:
		return r.list(n)
	case *ast.Paragraph, *ast.TextBlock, *ast.Heading:
		return r.inlines(n)
	default: // document, blockquote, list item, blocks of extensions
		if n.FirstChild() == nil {
			return ""
		}
		if n.FirstChild().Type() == ast.TypeInline {
			return r.inlines(n)
		}
		return r.blocks(n)
	}
}

func (r *plainRenderer) code(n ast.Node) string {
	var b strings.Builder
	lines := n.Lines()
	for i := 0; i < lines.Len(); i++ {
		seg := lines.At(i)
		b.Write(seg.Value(r.src))
	}
	return strings.TrimRight(b.String(), "\n")
}

// list renders a list: "• " or "N. " before each item's first line, the
// lines of nested lists indented by two spaces.
func (r *plainRenderer) list(l *ast.List) string {
	var b strings.Builder
	number := l.Start
	for item := l.FirstChild(); item != nil; item = item.NextSibling() {
		if b.Len() > 0 {
			if item.HasBlankPreviousLines() {
				b.WriteString("\n\n")
			} else {
				b.WriteByte('\n')
			}
		}
		if l.IsOrdered() {
			b.WriteString(strconv.Itoa(number))
			b.WriteByte(l.Marker)
			b.WriteByte(' ')
			number++
		} else {
			b.WriteString("• ")
		}
		b.WriteString(r.item(item))
	}
	return b.String()
}

// item renders a list item's blocks like blocks does, indenting by two
// spaces every block after the first: nested lists, a second paragraph.
// The lines of the first paragraph are not indented: a line right under
// an item is often one the author meant to be outside the list (lazy
// continuation), and indentation costs characters.
func (r *plainRenderer) item(item ast.Node) string { return r.join(item, "  ") }

// inlines renders the inline children of n.
func (r *plainRenderer) inlines(n ast.Node) string {
	var b []byte
	r.afterHTML = false
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		b = r.inline(b, c)
	}
	return string(b)
}

func (r *plainRenderer) inline(b []byte, n ast.Node) []byte {
	afterHTML := r.afterHTML
	r.afterHTML = false
	switch n := n.(type) {
	case *ast.Text:
		v := n.Segment.Value(r.src)
		if afterHTML && len(b) > 0 && b[len(b)-1] == ' ' {
			// "texte <!-- note --> suite": one space, not two.
			v = trimLeadingSpace(v)
		}
		if n.IsRaw() {
			b = append(b, v...)
		} else {
			b = unescape(b, v)
		}
		if n.SoftLineBreak() || n.HardLineBreak() {
			b = append(b, '\n')
		}
	case *ast.String:
		if n.IsRaw() || n.IsCode() {
			b = append(b, n.Value...)
		} else {
			b = unescape(b, n.Value)
		}
	case *ast.CodeSpan:
		// Backslashes and entities are literal in code; a line ending
		// inside a code span is a space (CommonMark).
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			t, ok := c.(*ast.Text)
			if !ok {
				continue
			}
			v := t.Segment.Value(r.src)
			if l := len(v); l > 0 && v[l-1] == '\n' {
				b = append(b, v[:l-1]...)
				b = append(b, ' ')
			} else {
				b = append(b, v...)
			}
		}
	case *ast.AutoLink:
		// <https://…>, <name@example.org> and what Linkify found: the
		// text as written, never a mailto: nobody typed.
		b = append(b, n.Label(r.src)...)
	case *ast.Link:
		b = r.link(b, n)
	case *ast.RawHTML:
		r.afterHTML = true
	default: // emphasis, strong, strikethrough, image (its alt text)
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			b = r.inline(b, c)
		}
	}
	return b
}

// link renders [text](url) as "text (url)", or as the URL alone when the
// text says nothing more than the URL.
func (r *plainRenderer) link(b []byte, n *ast.Link) []byte {
	var label []byte
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		label = r.inline(label, c)
	}
	r.afterHTML = false
	if r.title {
		return append(b, label...)
	}
	dest := string(unescape(nil, n.Destination))
	l := strings.TrimSpace(string(label))
	if l == "" || sameURL(l, dest) {
		return append(b, dest...)
	}
	if dest == "" {
		return append(b, label...)
	}
	b = append(b, label...)
	b = append(b, " ("...)
	b = append(b, dest...)
	return append(b, ')')
}

// sameURL reports whether a link's text is its destination, give or take
// the scheme, a mailto: or a final slash: [example.org](https://example.org/).
func sameURL(label, dest string) bool {
	if label == dest {
		return true
	}
	strip := func(s string) string {
		for _, scheme := range []string{"https://", "http://", "mailto:"} {
			if len(s) >= len(scheme) && strings.EqualFold(s[:len(scheme)], scheme) {
				s = s[len(scheme):]
				break
			}
		}
		return strings.TrimSuffix(s, "/")
	}
	return strip(label) == strip(dest)
}

func trimLeadingSpace(v []byte) []byte {
	for len(v) > 0 && v[0] == ' ' {
		v = v[1:]
	}
	return v
}

// unescape appends v to b with backslash escapes and entity references
// resolved in a single pass, as CommonMark does: `\&amp;` stays "&amp;",
// `&#92;#` stays `\#`.
func unescape(b, v []byte) []byte {
	for i := 0; i < len(v); {
		c := v[i]
		switch {
		case c == '\\' && i+1 < len(v) && util.IsPunct(v[i+1]):
			b = append(b, v[i+1])
			i += 2
			continue
		case c == '&':
			if s, n := entity(v[i:]); n > 0 {
				b = append(b, s...)
				i += n
				continue
			}
		case c == 0:
			b = utf8.AppendRune(b, utf8.RuneError)
			i++
			continue
		}
		b = append(b, c)
		i++
	}
	return b
}

// entity decodes the character reference at the start of v ("&amp;",
// "&#233;", "&#x202F;") and says how many bytes it took; 0 when v does not
// start with one.
func entity(v []byte) (string, int) {
	if len(v) < 3 || v[0] != '&' {
		return "", 0
	}
	if v[1] == '#' {
		digits, base, start := 7, 10, 2
		if v[2] == 'x' || v[2] == 'X' {
			digits, base, start = 6, 16, 3
		}
		end := start
		for end < len(v) && end-start < digits && isDigit(v[end], base) {
			end++
		}
		if end == start || end >= len(v) || v[end] != ';' {
			return "", 0
		}
		n, err := strconv.ParseUint(string(v[start:end]), base, 32)
		cp := rune(n)
		if err != nil || cp == 0 || !utf8.ValidRune(cp) {
			cp = utf8.RuneError
		}
		return string(cp), end + 1
	}
	end := 1
	for end < len(v) && end < 40 && util.IsAlphaNumeric(v[end]) {
		end++
	}
	if end == 1 || end >= len(v) || v[end] != ';' {
		return "", 0
	}
	e, ok := util.LookUpHTML5EntityByName(string(v[1:end]))
	if !ok {
		return "", 0
	}
	return string(e.Characters), end + 1
}

func isDigit(c byte, base int) bool {
	if base == 16 {
		return util.IsHexDecimal(c)
	}
	return util.IsNumeric(c)
}

// tidy trims the spaces and tabs that end lines and the blank lines that
// start or end the text. Other white space (U+00A0, U+202F) is content.
func tidy(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " \t\r")
	}
	for len(lines) > 0 && lines[0] == "" {
		lines = lines[1:]
	}
	for len(lines) > 0 && lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	return strings.Join(lines, "\n")
}
