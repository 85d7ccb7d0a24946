package editor

import (
	"time"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/crieur/crieur/linters"
	"github.com/crieur/crieur/pipeline"
	"github.com/crieur/crieur/pipeline/content"
	protocol "github.com/tliron/glsp/protocol_3_16"
)

// checked is what one check of a document found, in which text.
type checked struct {
	rel      string
	text     string
	lines    *pipeline.Lines
	file     *content.File // nil when the post cannot be parsed at all
	findings []pipeline.Finding
	diags    []protocol.Diagnostic // findings[i]'s is diags[i]
}

// check lints a document's current text and publishes its diagnostics,
// unless the text changed meanwhile (the next check will).
func (s *Session) check(uri protocol.DocumentUri) {
	s.mu.Lock()
	d, ok := s.docs[uri]
	if !ok {
		s.mu.Unlock()
		return
	}
	text, version := d.text, protocol.UInteger(max(d.version, 0))
	repo, engine, posts := s.repo, s.engine, s.posts
	s.mu.Unlock()

	c := &checked{text: text, lines: pipeline.NewLines(text)}
	if repo != nil && engine != nil {
		c.rel = repo.Rel(pathOf(uri))
		if content.IsPostPath(c.rel) {
			c.file, c.findings = lint(engine, repo, posts, c.rel, []byte(text), s.o.Now())
		}
	}
	c.diags = make([]protocol.Diagnostic, 0, len(c.findings))
	for _, f := range c.findings {
		c.diags = append(c.diags, c.diagnostic(f))
	}
	s.mu.Lock()
	if d.text != text {
		s.mu.Unlock()
		return
	}
	d.checked = c
	s.mu.Unlock()
	s.notify(protocol.ServerTextDocumentPublishDiagnostics, protocol.PublishDiagnosticsParams{URI: uri, Version: &version, Diagnostics: c.diags})
}

// lint checks the post rel, whose text is src, among the calendar's
// other posts: the per-post rules on it, the calendar rules over all,
// the edited text standing in for the file on disk.
func lint(engine *linters.Engine, repo *content.Repo, posts []*content.File, rel string, src []byte, now time.Time) (*content.File, []pipeline.Finding) {
	f, problems := repo.ParsePost(rel, src)
	if f == nil {
		return nil, problems
	}
	all := make([]*content.File, 0, len(posts)+1)
	for _, p := range posts {
		if p.Post.Path != rel {
			all = append(all, p)
		}
	}
	all = append(all, f)
	var mine []pipeline.Finding
	for _, fd := range engine.Lint(&linters.Context{Repo: repo, Now: now}, []*content.File{f}, all, problems) {
		if fd.Path == rel {
			mine = append(mine, fd)
		}
	}
	return f, mine
}

// severities are the LSP's for crieur's.
var severities = map[pipeline.Severity]protocol.DiagnosticSeverity{
	pipeline.Error:      protocol.DiagnosticSeverityError,
	pipeline.Warning:    protocol.DiagnosticSeverityWarning,
	pipeline.Suggestion: protocol.DiagnosticSeverityInformation,
}

// diagnostic is a finding as the editor shows it.
func (c *checked) diagnostic(f pipeline.Finding) protocol.Diagnostic {
	sev, ok := severities[f.Severity]
	if !ok {
		sev = protocol.DiagnosticSeverityHint
	}
	source := "crieur"
	msg := f.Message
	if f.Hint != "" {
		msg += " (" + f.Hint + ")"
	}
	return protocol.Diagnostic{
		Range:    c.span(f),
		Severity: &sev,
		Code:     &protocol.IntegerOrString{Value: f.Rule},
		Source:   &source,
		Message:  msg,
	}
}

// span is a finding's range: lines from 1 and columns in characters from
// 1 to the LSP's lines from 0 and UTF-16 units from 0. A finding of no
// width covers the character it is on, so that it can be seen.
func (c *checked) span(f pipeline.Finding) protocol.Range {
	start, end := c.offsets(f)
	return protocol.Range{Start: c.position(start), End: c.position(end)}
}

// offsets are a finding's bytes in the text.
func (c *checked) offsets(f pipeline.Finding) (int, int) {
	line, col := max(f.Line, 1), max(f.Col, 1)
	start := c.lines.Offset(line-1, col)
	end := start
	switch {
	case f.EndLine > line:
		end = c.lines.Offset(f.EndLine-1, max(f.EndCol, 1))
	case f.EndCol > col:
		end = c.lines.Offset(line-1, f.EndCol)
	}
	if end <= start && start < len(c.text) && c.text[start] != '\n' {
		_, n := utf8.DecodeRuneInString(c.text[start:])
		end = start + n
	}
	return start, end
}

// position is a byte offset's line and UTF-16 column.
func (c *checked) position(off int) protocol.Position {
	off = min(max(off, 0), len(c.text))
	line, _ := c.lines.At(off)
	start := c.lines.Offset(line, 1)
	return protocol.Position{Line: protocol.UInteger(line), Character: protocol.UInteger(utf16Len(c.text[start:off]))}
}

// utf16Len is the length of s in UTF-16 code units.
func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		n += utf16.RuneLen(r)
	}
	return n
}

// offsetOf is the byte offset of an LSP position in text.
func offsetOf(text string, lines *pipeline.Lines, p protocol.Position) int {
	start := lines.Offset(int(p.Line), 1)
	if int(p.Line) >= lines.Count() {
		return len(text)
	}
	units := int(p.Character)
	i := start
	for i < len(text) && units > 0 && text[i] != '\n' {
		r, n := utf8.DecodeRuneInString(text[i:])
		units -= utf16.RuneLen(max(r, 0))
		i += n
	}
	return i
}

// applyChange applies an incremental change to text.
func applyChange(text string, c protocol.TextDocumentContentChangeEvent) string {
	if c.Range == nil {
		return c.Text
	}
	lines := pipeline.NewLines(text)
	start, end := offsetOf(text, lines, c.Range.Start), offsetOf(text, lines, c.Range.End)
	if end < start {
		start, end = end, start
	}
	return text[:start] + c.Text + text[end:]
}
