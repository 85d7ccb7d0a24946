package editor

import (
	"os"
	"strings"

	"github.com/crieur/crieur/linters/spelling"
	"github.com/crieur/crieur/pipeline"
	"github.com/crieur/crieur/pipeline/i18n"
	"github.com/tliron/glsp"
	protocol "github.com/tliron/glsp/protocol_3_16"
)

// codeAction offers, for each finding the range touches, its fix, and
// for a word the spelling rule does not know, adding it to the brand's
// vocabulary.
func (s *Session) codeAction(_ *glsp.Context, p *protocol.CodeActionParams) (any, error) {
	s.mu.Lock()
	d, ok := s.docs[p.TextDocument.URI]
	var c *checked
	if ok && d.checked != nil && d.checked.text == d.text {
		c = d.checked
	}
	repo, lang := s.repo, s.language()
	s.mu.Unlock()
	actions := []protocol.CodeAction{}
	if c == nil {
		return actions, nil
	}
	for i, f := range c.findings {
		if !overlaps(c.diags[i].Range, p.Range) {
			continue
		}
		if f.Fix != nil && f.Fix.Start >= 0 && f.Fix.End <= len(c.text) && f.Fix.Start <= f.Fix.End {
			actions = append(actions, c.fixAction(p.TextDocument.URI, i, lang))
		}
		if f.Rule == spelling.ID && repo != nil && c.file != nil {
			if a, ok := c.vocabularyAction(i, vocabularyFile(repo.Config, c.file.Post.Brand), repo.Abs, lang); ok {
				actions = append(actions, a)
			}
		}
	}
	return actions, nil
}

// language is the reader's (s.mu held).
func (s *Session) language() i18n.Lang {
	if s.engine == nil {
		return i18n.Choose("", s.o.Getenv)
	}
	return s.engine.Language
}

// fixAction is finding i's fix as a workspace edit of the document.
func (c *checked) fixAction(uri protocol.DocumentUri, i int, lang i18n.Lang) protocol.CodeAction {
	f := c.findings[i]
	kind := protocol.CodeActionKindQuickFix
	preferred := true
	edit := protocol.TextEdit{
		Range:   protocol.Range{Start: c.position(f.Fix.Start), End: c.position(f.Fix.End)},
		NewText: f.Fix.Text,
	}
	return protocol.CodeAction{
		Title:       say.Text(lang, "fix", i18n.Args{"message": f.Message, "text": f.Fix.Text, "rule": f.Rule}),
		Kind:        &kind,
		Diagnostics: []protocol.Diagnostic{c.diags[i]},
		IsPreferred: &preferred,
		Edit:        &protocol.WorkspaceEdit{Changes: map[protocol.DocumentUri][]protocol.TextEdit{uri: {edit}}},
	}
}

// vocabularyAction adds the word finding i is about to the end of the
// vocabulary file (rel to the content root; abs makes it absolute), one
// word a line. None when the file cannot be read.
func (c *checked) vocabularyAction(i int, rel string, abs func(string) string, lang i18n.Lang) (protocol.CodeAction, bool) {
	start, end := c.offsets(c.findings[i])
	word := strings.TrimSpace(c.text[start:end])
	path := abs(rel)
	data, err := os.ReadFile(path)
	if word == "" || err != nil {
		return protocol.CodeAction{}, false
	}
	text := word + "\n"
	if len(data) > 0 && data[len(data)-1] != '\n' {
		text = "\n" + text
	}
	vocab := &checked{text: string(data), lines: pipeline.NewLines(string(data))}
	at := vocab.position(len(data))
	kind := protocol.CodeActionKindQuickFix
	return protocol.CodeAction{
		Title:       say.Text(lang, "add_word", i18n.Args{"word": word, "file": rel}),
		Kind:        &kind,
		Diagnostics: []protocol.Diagnostic{c.diags[i]},
		Edit: &protocol.WorkspaceEdit{Changes: map[protocol.DocumentUri][]protocol.TextEdit{
			uriOf(path): {{Range: protocol.Range{Start: at, End: at}, NewText: text}},
		}},
	}, true
}

// vocabularyFile names a brand's vocabulary file, as spelling reads it.
func vocabularyFile(c *pipeline.Config, brand string) string {
	if b, ok := c.Brands[brand]; ok && b.Vocabulary != "" {
		return b.Vocabulary
	}
	if c.Vocabulary != "" {
		return c.Vocabulary
	}
	return "vocabulaire.txt"
}

// overlaps says whether two ranges share a point (an empty range
// touching another counts: the cursor on a finding).
func overlaps(a, b protocol.Range) bool {
	return !before(a.End, b.Start) && !before(b.End, a.Start)
}

func before(a, b protocol.Position) bool {
	return a.Line < b.Line || a.Line == b.Line && a.Character < b.Character
}
