package core

import (
	"regexp"
	"strings"

	"github.com/crieur/crieur/linters/rule"
	"github.com/crieur/crieur/pipeline"
	"github.com/crieur/crieur/pipeline/content"
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
		{ID: "body.comment", Description: "A <!-- comment that is never closed, or text on the line of a comment: it would not be sent.", Default: pipeline.Error},
		{ID: "body.html", Description: "A block of HTML: networks take plain text, so it and its text would not be sent.", Default: pipeline.Error},
		{ID: "body.link_definition", Description: "A line Markdown reads as a link definition ([Info]: …) that no link uses: it would not be sent.", Default: pipeline.Error},
		{ID: "body.empty", Description: "A text that sends nothing once its Markdown is rendered.", Default: pipeline.Error},
	}
}

var noteRE = regexp.MustCompile(`(?s)<!--.*?-->`)

func (Body) Check(_ *rule.Context, f *content.File) []pipeline.Finding {
	var out []pipeline.Finding
	for _, part := range rule.Parts(f.Post) {
		unsent := render.FindUnsent(part.Source)
		for _, u := range unsent {
			out = append(out, unsentFinding(f, part, u))
		}
		// An empty or comment-only part is schema.body's or schema.thread's.
		if len(unsent) == 0 && strings.TrimSpace(render.Plain(part.Source)) == "" && strings.TrimSpace(noteRE.ReplaceAllString(part.Source, "")) != "" {
			out = append(out, rule.Finder{File: f, Part: part}.At(rule.Span{Start: 0, End: len(strings.TrimRight(part.Source, "\n"))}, "body.empty", pipeline.Error,
				"this text sends nothing once its Markdown is rendered", "write the words of the post: an image without alt text, a rule or a link without text is not a post", nil))
		}
	}
	return out
}

func unsentFinding(f *content.File, part pipeline.Part, u render.Unsent) pipeline.Finding {
	fd := rule.Finder{File: f, Part: part}
	span := rule.Span{Start: u.Start, End: len(strings.TrimRight(part.Source[:u.End], "\n"))}
	switch u.Kind {
	case render.UnclosedComment:
		span.End = u.Start + len("<!--")
		return fd.At(span, "body.comment", pipeline.Error, "this <!-- comment is never closed: the text after it would not go out as written",
			"close the note with --> where it ends, or remove the <!--", nil)
	case render.CommentLine:
		return fd.At(span, "body.comment", pipeline.Error, "text on the line of a <!-- comment --> is not sent",
			"put the comment on a line of its own and the text on the next line", nil)
	case render.LinkDefinition:
		return fd.At(span, "body.link_definition", pipeline.Error, "Markdown reads this line as a link definition, and no link uses it: it is not sent",
			"write \\[ instead of [ at the start of the line, or drop the brackets", nil)
	default:
		return fd.At(span, "body.html", pipeline.Error, "this HTML block is not sent, nor the text inside it: networks take plain text",
			"write the text without the HTML tags; keep notes in <!-- … --> on lines of their own", nil)
	}
}
