package editor_test

import (
	"slices"
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

// A word the dictionary does not know: a quick fix adds it to the
// vocabulary file; saving the file re-checks the post without it.
func TestVocabulary(t *testing.T) {
	c := start(t, nil)
	uri := c.open(post, testrepo.Post("publish_at: 2026-12-10 10:00", "Le Zwanzefest commence.\n"))
	sp := byCode(c.next(uri).Diagnostics, "spelling")
	if len(sp) != 1 {
		t.Fatalf("want one spelling diagnostic, got %+v", sp)
	}
	var actions []protocol.CodeAction
	c.call(protocol.MethodTextDocumentCodeAction, protocol.CodeActionParams{TextDocument: protocol.TextDocumentIdentifier{URI: uri}, Range: sp[0].Range}, &actions)
	var add *protocol.CodeAction
	for i, a := range actions {
		if a.Title == "Add “Zwanzefest” to vocabulaire.txt" {
			add = &actions[i]
		}
	}
	if add == nil {
		t.Fatalf("no action adds the word: %+v", actions)
	}
	edits := add.Edit.Changes[c.uri("vocabulaire.txt")]
	at := protocol.Position{Line: 1, Character: 0}
	if len(edits) != 1 || edits[0].NewText != "Zwanzefest\n" || edits[0].Range.Start != at || edits[0].Range.End != at {
		t.Fatalf("edit = %+v, want Zwanzefest on a new last line", add.Edit.Changes)
	}
	c.write("vocabulaire.txt", "crieur\nZwanzefest\n")
	c.notify(protocol.MethodTextDocumentDidSave, protocol.DidSaveTextDocumentParams{TextDocument: protocol.TextDocumentIdentifier{URI: c.uri("vocabulaire.txt")}})
	for {
		if got := byCode(c.next(uri).Diagnostics, "spelling"); len(got) == 0 {
			break // a publication may come from the check before the save
		}
	}
}

// Over the front matter, hover shows each channel's rendering and count.
func TestHover(t *testing.T) {
	c := start(t, nil)
	uri := c.open(post, testrepo.Post("publish_at: 2026-12-10 10:00", "Bonjour à tous.\n"))
	c.next(uri)
	var h struct {
		Contents protocol.MarkupContent `json:"contents"`
	}
	c.call(protocol.MethodTextDocumentHover, protocol.HoverParams{TextDocumentPositionParams: protocol.TextDocumentPositionParams{TextDocument: protocol.TextDocumentIdentifier{URI: uri}, Position: protocol.Position{Line: 1, Character: 3}}}, &h)
	if !strings.Contains(h.Contents.Value, "mastodon") || !strings.Contains(h.Contents.Value, "15/500 graphemes") {
		t.Errorf("hover = %q, want mastodon's rendering, 15/500 graphemes", h.Contents.Value)
	}
	var none *protocol.Hover
	c.call(protocol.MethodTextDocumentHover, protocol.HoverParams{TextDocumentPositionParams: protocol.TextDocumentPositionParams{TextDocument: protocol.TextDocumentIdentifier{URI: uri}, Position: protocol.Position{Line: 3, Character: 3}}}, &none)
	if none != nil {
		t.Errorf("hover over the body = %+v, want none", none)
	}
}

// A broken crieur.yml is shown where it is broken; mending it and saving
// clears it and checks the posts again.
func TestSettingsProblems(t *testing.T) {
	c := start(t, nil)
	uri := c.open(post, testrepo.Post("publish_at: 2026-12-10 10:00", "Bonjour à tous !\n"))
	c.next(uri)
	c.write("crieur.yml", baseConfig+"channels_typo: 3\n")
	c.notify(protocol.MethodTextDocumentDidSave, protocol.DidSaveTextDocumentParams{TextDocument: protocol.TextDocumentIdentifier{URI: c.uri("crieur.yml")}})
	got := c.next(c.uri("crieur.yml"))
	if len(got.Diagnostics) == 0 || got.Diagnostics[0].Range.Start.Line != 10 {
		t.Fatalf("crieur.yml's diagnostics = %+v, want one on line 10 (from 0)", got.Diagnostics)
	}
	c.write("crieur.yml", baseConfig)
	c.notify(protocol.MethodTextDocumentDidSave, protocol.DidSaveTextDocumentParams{TextDocument: protocol.TextDocumentIdentifier{URI: c.uri("crieur.yml")}})
	if got := c.next(c.uri("crieur.yml")); len(got.Diagnostics) != 0 {
		t.Errorf("after the mend: %+v", got.Diagnostics)
	}
	if got := byCode(c.next(uri).Diagnostics, "typo.fr.nbsp"); len(got) != 1 {
		t.Errorf("the post is not checked again: %+v", got)
	}
}

// In the front matter, completion offers the keys, then the repository's
// channels and the other posts' campaigns.
func TestCompletion(t *testing.T) {
	c := start(t, map[string]string{"posts/2026/autre.md": testrepo.Post("publish_at: 2026-12-11 10:00\ncampaign: noel26", "Autre.\n")})
	uri := c.open(post, testrepo.Post("publish_at: 2026-12-10 10:00\nchannels: [\ncampaign: \npu", "Bonjour.\n"))
	c.next(uri)
	labels := func(line, char int) []string {
		var items []protocol.CompletionItem
		c.call(protocol.MethodTextDocumentCompletion, protocol.CompletionParams{TextDocumentPositionParams: protocol.TextDocumentPositionParams{TextDocument: protocol.TextDocumentIdentifier{URI: uri}, Position: protocol.Position{Line: protocol.UInteger(line), Character: protocol.UInteger(char)}}}, &items)
		var out []string
		for _, it := range items {
			out = append(out, it.Label)
		}
		return out
	}
	if got := strings.Join(labels(2, 11), " "); got != "mastodon" {
		t.Errorf("channels: %q, want mastodon", got)
	}
	if got := strings.Join(labels(3, 10), " "); got != "noel26" {
		t.Errorf("campaign: %q, want noel26", got)
	}
	if got := labels(4, 2); !slices.Contains(got, "publish_at") || !slices.Contains(got, "channels") {
		t.Errorf("keys: %q", got)
	}
	if got := labels(6, 2); len(got) != 0 {
		t.Errorf("in the body: %q, want nothing", got)
	}
}
