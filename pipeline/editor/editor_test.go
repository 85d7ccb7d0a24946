package editor_test

import (
	"strings"
	"testing"

	"github.com/crieur/crieur/internal/testrepo"
	protocol "github.com/tliron/glsp/protocol_3_16"
)

const post = "posts/2026/bonjour.md"

// byCode keeps the diagnostics of one rule.
func byCode(ds []diagnostic, rule string) []diagnostic {
	var out []diagnostic
	for _, d := range ds {
		if d.Code == rule {
			out = append(out, d)
		}
	}
	return out
}

func codes(ds []diagnostic) []string {
	var out []string
	for _, d := range ds {
		out = append(out, d.Code+": "+d.Message)
	}
	return out
}

func TestDiagnosticsFixAndChange(t *testing.T) {
	c := start(t, nil)
	text := testrepo.Post("publish_at: 2026-12-10 10:00", "Bonjour à tous !\n")
	uri := c.open(post, text)
	got := c.next(uri)
	typo := byCode(got.Diagnostics, "typo.fr.nbsp")
	if len(typo) != 1 {
		t.Fatalf("diagnostics = %q, want one typo.fr.nbsp", codes(got.Diagnostics))
	}
	// "Bonjour à tous !" is line 3 (from 0); the finding covers the space
	// and "!", characters 14 to 16 ("à" is one UTF-16 unit).
	want := protocol.Range{Start: protocol.Position{Line: 3, Character: 14}, End: protocol.Position{Line: 3, Character: 16}}
	if typo[0].Range != want {
		t.Errorf("range = %+v, want %+v", typo[0].Range, want)
	}
	if typo[0].Severity != int(protocol.DiagnosticSeverityWarning) {
		t.Errorf("severity = %d, want Warning (%d)", typo[0].Severity, protocol.DiagnosticSeverityWarning)
	}

	var actions []protocol.CodeAction
	c.call(protocol.MethodTextDocumentCodeAction, protocol.CodeActionParams{
		TextDocument: protocol.TextDocumentIdentifier{URI: uri},
		Range:        typo[0].Range,
	}, &actions)
	var edit *protocol.TextEdit
	for _, a := range actions {
		if a.Edit != nil && strings.HasPrefix(a.Title, "Fix: ") {
			e := a.Edit.Changes[uri][0]
			edit = &e
		}
	}
	if edit == nil {
		t.Fatalf("code actions = %+v, want a fix", actions)
	}
	if edit.Range != want || edit.NewText != "\u202f!" {
		t.Errorf("fix = %+v %q, want the space replaced by a narrow no-break space", edit.Range, edit.NewText)
	}

	c.change(uri, 2, strings.Replace(text, " !", "\u202f!", 1))
	if got := c.next(uri); len(byCode(got.Diagnostics, "typo.fr.nbsp")) != 0 || *got.Version != 2 {
		t.Errorf("after the fix: version %d, diagnostics %q", *got.Version, codes(got.Diagnostics))
	}
}
