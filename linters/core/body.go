package core

import (
	"regexp"
	"strings"

	"github.com/crieur/crieur/linters/rule"
	"github.com/crieur/crieur/pipeline"
	"github.com/crieur/crieur/pipeline/content"
	"github.com/crieur/crieur/pipeline/i18n"
	"github.com/crieur/crieur/pipeline/render"
)

// Body checks that what lint reads is what goes out: the rendering every
// network gets (render.Plain) drops HTML blocks and everything after a
// comment that is never closed, and a part can render to nothing. Each is
// an error, so that a post is never sent cut or empty.
type Body struct{}

var _ rule.Rule = Body{}

func (Body) Infos() []rule.Info {
	return []rule.Info{
		{ID: "body.comment", Description: describe("body.comment"), Default: pipeline.Error},
		{ID: "body.html", Description: describe("body.html"), Default: pipeline.Error},
		{ID: "body.link_definition", Description: describe("body.link_definition"), Default: pipeline.Error},
		{ID: "body.empty", Description: describe("body.empty"), Default: pipeline.Error},
	}
}

var noteRE = regexp.MustCompile(`(?s)<!--.*?-->`)

func (Body) Check(c *rule.Context, f *content.File) []pipeline.Finding {
	var l i18n.Lang
	if c != nil {
		l = c.Language
	}
	var out []pipeline.Finding
	for _, part := range rule.Parts(f.Post) {
		unsent := render.FindUnsent(part.Source)
		for _, u := range unsent {
			out = append(out, unsentFinding(l, f, part, u))
		}
		// An empty or comment-only part is schema.body's or schema.thread's.
		if len(unsent) == 0 && strings.TrimSpace(render.Plain(part.Source)) == "" && strings.TrimSpace(noteRE.ReplaceAllString(part.Source, "")) != "" {
			out = append(out, rule.Finder{File: f, Part: part}.At(rule.Span{Start: 0, End: len(strings.TrimRight(part.Source, "\n"))}, "body.empty", pipeline.Error,
				say.Text(l, "body.empty", nil), say.Text(l, "body.empty_hint", nil), nil))
		}
	}
	return out
}

func unsentFinding(l i18n.Lang, f *content.File, part pipeline.Part, u render.Unsent) pipeline.Finding {
	fd := rule.Finder{File: f, Part: part}
	span := rule.Span{Start: u.Start, End: len(strings.TrimRight(part.Source[:u.End], "\n"))}
	switch u.Kind {
	case render.UnclosedComment:
		span.End = u.Start + len("<!--")
		return fd.At(span, "body.comment", pipeline.Error, say.Text(l, "body.unclosed", nil), say.Text(l, "body.unclosed_hint", nil), nil)
	case render.CommentLine:
		return fd.At(span, "body.comment", pipeline.Error, say.Text(l, "body.comment_line", nil), say.Text(l, "body.comment_line_hint", nil), nil)
	case render.LinkDefinition:
		return fd.At(span, "body.link_definition", pipeline.Error, say.Text(l, "body.link_definition", nil), say.Text(l, "body.link_definition_hint", nil), nil)
	default:
		return fd.At(span, "body.html", pipeline.Error, say.Text(l, "body.html", nil), say.Text(l, "body.html_hint", nil), nil)
	}
}
