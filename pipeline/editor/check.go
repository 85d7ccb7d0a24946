package editor

import (
	"maps"
	"slices"
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
	version  protocol.UInteger
	lines    *pipeline.Lines
	file     *content.File // nil when the post cannot be parsed at all
	findings []pipeline.Finding
	diags    []protocol.Diagnostic // findings[i]'s is diags[i]
}

// check lints a document's current text with the quick rules and
// publishes its diagnostics, with what the slow rules said last where the
// text they were about has not moved; then it has the slow rules
// (Grammalecte) check it too, once at a time per document. Results for a
// text that changed meanwhile are dropped: the next check says them.
func (s *Session) check(uri protocol.DocumentUri) {
	c, d := s.run(uri, false)
	if c == nil {
		return
	}
	s.mu.Lock()
	if d.text != c.text {
		s.mu.Unlock()
		return
	}
	for _, k := range d.slow {
		if k.end <= len(c.text) && c.text[k.start:k.end] == k.text {
			c.add(k.f)
		}
	}
	d.checked = c
	start := !d.slowBusy && d.slowText != c.text
	d.slowAgain = d.slowAgain || d.slowBusy
	d.slowBusy = d.slowBusy || start
	s.mu.Unlock()
	s.publish(uri, c)
	if start {
		go s.checkSlow(uri)
	}
}

// checkSlow runs every rule, the slow ones included, until the text it
// checked is still the document's, and publishes what they found.
func (s *Session) checkSlow(uri protocol.DocumentUri) {
	for {
		c, d := s.run(uri, true)
		if c == nil {
			return
		}
		s.mu.Lock()
		current := d.text == c.text
		if current {
			d.checked = c
			d.slow = c.slowOnly(d.checkedQuick)
			d.slowText = c.text
		}
		again := d.slowAgain || !current
		d.slowAgain = false
		d.slowBusy = again
		s.mu.Unlock()
		if current {
			s.publish(uri, c)
		}
		if !again {
			return
		}
	}
}

// run lints the document's current text: with every rule when all, else
// with the quick ones.
func (s *Session) run(uri protocol.DocumentUri, all bool) (*checked, *document) {
	s.mu.Lock()
	d, ok := s.docs[uri]
	if !ok {
		s.mu.Unlock()
		return nil, nil
	}
	c := &checked{text: d.text, version: protocol.UInteger(max(d.version, 0)), lines: pipeline.NewLines(d.text)}
	repo, engine, posts := s.repo, s.quick, s.posts
	if all {
		engine = s.engine
	}
	for _, f := range s.settingsOf(pathOf(uri)) {
		c.add(f)
	}
	unsaved := s.unsaved(uri)
	s.mu.Unlock()
	if repo != nil && engine != nil {
		c.rel = repo.Rel(pathOf(uri))
		if content.IsPostPath(c.rel) {
			var fs []pipeline.Finding
			c.file, fs = lint(engine, repo, calendar(repo, posts, unsaved), c.rel, []byte(c.text), s.o.Now())
			for _, f := range fs {
				c.add(f)
			}
		}
	}
	if !all {
		s.mu.Lock()
		d.checkedQuick = c.findings
		s.mu.Unlock()
	}
	return c, d
}

// add adds a finding and its diagnostic.
func (c *checked) add(f pipeline.Finding) {
	c.findings = append(c.findings, f)
	c.diags = append(c.diags, c.diagnostic(f))
}

// slowOnly is what the slow rules found: the findings the quick check
// did not, each with the text it is about.
func (c *checked) slowOnly(quick []pipeline.Finding) []kept {
	seen := map[string]bool{}
	for _, f := range quick {
		seen[f.String()] = true
	}
	var out []kept
	for _, f := range c.findings {
		if !seen[f.String()] {
			start, end := c.offsets(f)
			out = append(out, kept{f: f, start: start, end: end, text: c.text[start:end]})
		}
	}
	return out
}

// kept is a slow rule's finding, shown again by the quick checks while
// the text it is about stays where it was.
type kept struct {
	f          pipeline.Finding
	start, end int
	text       string
}

// publish sends a check's diagnostics.
func (s *Session) publish(uri protocol.DocumentUri, c *checked) {
	diags := c.diags
	if diags == nil {
		diags = []protocol.Diagnostic{}
	}
	s.notify(protocol.ServerTextDocumentPublishDiagnostics, protocol.PublishDiagnosticsParams{URI: uri, Version: &c.version, Diagnostics: diags})
}

// calendar is the posts as saved on disk, but the open ones (unsaved,
// by path) as the editor has them, new ones included.
func calendar(repo *content.Repo, posts []*content.File, unsaved map[string][]byte) []*content.File {
	if len(unsaved) == 0 {
		return posts
	}
	out := make([]*content.File, 0, len(posts)+len(unsaved))
	for _, p := range posts {
		if _, open := unsaved[p.Post.Path]; !open {
			out = append(out, p)
		}
	}
	for _, rel := range slices.Sorted(maps.Keys(unsaved)) {
		if f, _ := repo.ParsePost(rel, unsaved[rel]); f != nil {
			out = append(out, f)
		}
	}
	return out
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
