package render

import (
	"regexp"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// UnsentKind says why a piece of Markdown does not go out.
type UnsentKind int

const (
	// UnclosedComment is a <!-- with no --> after it: CommonMark makes
	// the rest of the text a comment, or sends the <!-- as text.
	UnclosedComment UnsentKind = iota + 1
	// CommentLine is text on the line of a comment block: CommonMark
	// drops the whole line with the comment.
	CommentLine
	// HTMLBlock is a block of raw HTML: networks take plain text and Plain
	// drops it, its text with it.
	HTMLBlock
	// LinkDefinition is a line Markdown reads as a link reference
	// definition ("[Info]: annulé") that no link uses: it is not sent.
	LinkDefinition
)

// Unsent is a piece of a part's Markdown that Plain does not send as
// written, from byte Start to End.
type Unsent struct {
	Start, End int
	Kind       UnsentKind
}

var closedComment = regexp.MustCompile(`(?s)<!--.*?-->`)

// FindUnsent lists the pieces of markdown that Plain drops or mangles
// beyond markup: unclosed comments, text sharing a line with a comment
// block, and HTML blocks. Comments (<!-- … -->) on lines of their own are
// notes and are not listed; nor is inline HTML (<b>…</b>), whose text is
// sent without its tags.
func FindUnsent(markdown string) []Unsent {
	if !strings.Contains(markdown, "<") && !strings.Contains(markdown, "]:") {
		return nil // no HTML, comment or link definition: nothing to parse for
	}
	return findUnsent(markdown)
}

func findUnsent(markdown string) []Unsent {
	src := []byte(markdown)
	ctx := parser.NewContext()
	doc := mdParser.Parse(text.NewReader(src), parser.WithContext(ctx))
	out := unusedDefinitions(markdown, ctx.References())
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.CodeSpan, *ast.CodeBlock, *ast.FencedCodeBlock:
			return ast.WalkSkipChildren, nil
		case *ast.HTMLBlock:
			if u, ok := htmlBlock(n, src); ok {
				out = append(out, u)
			}
			return ast.WalkSkipChildren, nil
		case *ast.Text:
			seg := n.Segment
			if i := strings.Index(string(src[seg.Start:]), "<!--"); i >= 0 && seg.Start+i < seg.Stop {
				out = append(out, Unsent{seg.Start + i, len(src), UnclosedComment})
				return ast.WalkStop, nil // the rest of the text is in its span
			}
		}
		return ast.WalkContinue, nil
	})
	return out
}

// unusedDefinitions finds the link reference definitions no link uses:
// the label is written once, in its definition. goldmark keeps no
// position for them; the definition is found by its text.
func unusedDefinitions(markdown string, refs []parser.Reference) []Unsent {
	var out []Unsent
	lower := strings.ToLower(markdown)
	for _, r := range refs {
		label := "[" + strings.ToLower(string(r.Label())) + "]"
		i := strings.Index(lower, label+":")
		if i < 0 || strings.Count(lower, label) > 1 {
			continue
		}
		end := strings.IndexByte(markdown[i:], '\n')
		if end < 0 {
			end = len(markdown) - i
		}
		out = append(out, Unsent{i, i + end, LinkDefinition})
	}
	return out
}

// htmlBlock says what of an HTML block does not go out: all of it, or for
// a comment block what is not a closed comment.
func htmlBlock(n *ast.HTMLBlock, src []byte) (Unsent, bool) {
	lines := n.Lines()
	if lines.Len() == 0 {
		return Unsent{}, false
	}
	start, end := lines.At(0).Start, lines.At(lines.Len()-1).Stop
	if n.HasClosure() {
		end = max(end, n.ClosureLine.Stop)
	}
	if n.HTMLBlockType != ast.HTMLBlockType2 {
		return Unsent{start, end, HTMLBlock}, true
	}
	rest := closedComment.ReplaceAllStringFunc(string(src[start:end]), func(c string) string { return strings.Repeat(" ", len(c)) })
	if i := strings.Index(rest, "<!--"); i >= 0 {
		return Unsent{start + i, len(src), UnclosedComment}, true
	}
	if t := strings.TrimSpace(rest); t != "" {
		i := strings.Index(rest, t)
		return Unsent{start + i, start + i + len(t), CommentLine}, true
	}
	return Unsent{}, false
}
