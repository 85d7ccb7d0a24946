package render

import (
	"bytes"
	"path"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/crieur/crieur/pipeline"
)

// TitleMax is the length of a title made from a post's text, in runes,
// "…" included.
const TitleMax = 60

// Title is what the calendar, its web page and the report call a post: its
// title when it has one (white space folded), otherwise the first line of
// its text as Plain renders it, a link reduced to its text, cut to
// TitleMax characters with "…". A post without either is called by its
// file name.
func Title(p *pipeline.Post) string {
	if t := strings.Join(strings.Fields(p.Title), " "); t != "" {
		return t
	}
	if len(p.Body.Parts) > 0 {
		if t := FirstLine(p.Body.Parts[0].Source); t != "" {
			return cut(t, TitleMax)
		}
	}
	return strings.TrimSuffix(path.Base(p.Path), ".md")
}

// FirstLine is the first line of a Markdown part that says something, as
// plain text: the first line of the first paragraph, heading or code
// block with text, in a quote or a list item as well, white space folded,
// a link reduced to its text. Comments, raw HTML and thematic breaks say
// nothing. Title is made of it, and the file name of an imported post.
func FirstLine(markdown string) string {
	src := capLinks(capNesting([]byte(markdown)))
	ctx := titleContext{Context: parser.NewContext(), labels: referenceLabels(src)}
	doc := mdParser.Parse(text.NewReader(src), parser.WithContext(ctx))
	r := &plainRenderer{src: src, title: true}
	var line string
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		var s string
		switch n.(type) {
		case *ast.HTMLBlock, *ast.ThematicBreak:
			return ast.WalkSkipChildren, nil
		case *ast.CodeBlock, *ast.FencedCodeBlock:
			s = r.code(n)
		case *ast.Paragraph, *ast.TextBlock, *ast.Heading:
			s = r.inlines(n)
		default:
			return ast.WalkContinue, nil
		}
		for _, l := range strings.Split(s, "\n") {
			if line = strings.Join(strings.Fields(l), " "); line != "" {
				return ast.WalkStop, nil
			}
		}
		return ast.WalkSkipChildren, nil
	})
	return line
}

// titleContext is a parser context in which the references that the
// full and collapsed reference links of the source name are defined,
// where the post defines them or not: a title keeps the text of
// "[ceci][1]" even when the post does not say where 1 leads. A shortcut
// "[Concours]" stays as it is typed unless the post defines it.
type titleContext struct {
	parser.Context
	labels map[string]bool
}

func (c titleContext) Reference(label string) (parser.Reference, bool) {
	if r, ok := c.Context.Reference(label); ok {
		return r, true
	}
	if c.labels[label] {
		return parser.NewReference([]byte(label), nil, nil), true
	}
	return nil, false
}

// referenceLabels lists the labels of "[text][label]" and of "[label][]"
// in src, normalized as goldmark looks them up.
func referenceLabels(src []byte) map[string]bool {
	labels := map[string]bool{}
	for i := 0; ; {
		at := bytes.Index(src[i:], []byte("]["))
		if at < 0 {
			return labels
		}
		at += i
		end := bytes.IndexByte(src[at+2:], ']')
		if end < 0 {
			return labels
		}
		label := src[at+2 : at+2+end]
		if util.IsBlank(label) {
			if open := bytes.LastIndexByte(src[:at], '['); open >= 0 {
				label = src[open+1 : at]
			}
		}
		labels[util.ToLinkReference(label)] = true
		i = at + 2
	}
}

// cut shortens s to at most n runes, "…" included, at a space when one is
// near the end.
func cut(s string, n int) string {
	rs := []rune(s)
	if len(rs) <= n {
		return s
	}
	rs = rs[:n-1]
	for i := len(rs) - 1; i > (n*2)/3; i-- {
		if rs[i] == ' ' {
			rs = rs[:i]
			break
		}
	}
	return strings.TrimRight(string(rs), " ,;:.-–—") + "…"
}
