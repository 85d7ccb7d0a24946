package editor

import (
	"bytes"
	"strings"

	"github.com/crieur/crieur/pipeline/content"
	"github.com/crieur/crieur/pipeline/render"
	"github.com/tliron/glsp"
	protocol "github.com/tliron/glsp/protocol_3_16"
)

// hover shows, over the front matter, the post as each of its channels
// will show it, each part's count against the network's limit: the view
// crieur preview prints, of the text being typed (as last checked).
func (s *Session) hover(_ *glsp.Context, p *protocol.HoverParams) (*protocol.Hover, error) {
	s.mu.Lock()
	d, ok := s.docs[p.TextDocument.URI]
	var c *checked
	if ok {
		c = d.checked
	}
	repo := s.repo
	s.mu.Unlock()
	if c == nil || c.file == nil || repo == nil || !inFront(c.text, int(p.Position.Line)) {
		return nil, nil
	}
	var b bytes.Buffer
	render.WritePreviewIn(&b, c.file.Post, repo.Config.Channels, repo.Language, content.RepeatIn)
	return &protocol.Hover{Contents: protocol.MarkupContent{
		Kind:  protocol.MarkupKindMarkdown,
		Value: "```text\n" + strings.TrimSpace(b.String()) + "\n```",
	}}, nil
}

// inFront says whether line (from 0) is in the front matter: from the
// opening --- to the closing one.
func inFront(text string, line int) bool {
	lines := strings.SplitN(text, "\n", line+2)
	if len(lines) == 0 || strings.TrimSpace(lines[0]) != "---" {
		return false
	}
	for i := 1; i < len(lines) && i <= line; i++ {
		if strings.TrimSpace(lines[i]) == "---" {
			return i == line
		}
	}
	return line < len(lines)
}
