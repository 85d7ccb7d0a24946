package editor_test

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/crieur/crieur/pipeline/editor"
	"github.com/sourcegraph/jsonrpc2"
	protocol "github.com/tliron/glsp/protocol_3_16"
)

// BenchmarkDiagnostics measures what a CM waits for after the pause
// that ends her typing: from didChange to publishDiagnostics, for a
// typical post of content-example (its calendar of 30 posts loaded) with
// a grammar mistake added, the pause itself (Options.Delay) set to
// nothing. The first publication has every rule but the slow ones
// (Grammalecte); the second, every rule (BenchmarkDiagnosticsAll), from
// Grammalecte kept running (warm: the first check started it).
//
//	GOFLAGS=-tags=hunspell go test -run '^$' -bench Diagnostics ./pipeline/editor/
func BenchmarkDiagnostics(b *testing.B) { benchmarkDiagnostics(b, 1) }

// BenchmarkDiagnosticsAll waits for the publication with every rule.
func BenchmarkDiagnosticsAll(b *testing.B) { benchmarkDiagnostics(b, 2) }

func benchmarkDiagnostics(b *testing.B, publications int) {
	root, err := filepath.Abs("../../content-example")
	if err != nil {
		b.Fatal(err)
	}
	rel := "posts/2026/12/bilan-2026.md"
	src, err := os.ReadFile(filepath.Join(root, rel))
	if err != nil {
		b.Fatal(err)
	}
	toServer, fromClient := io.Pipe()
	toClient, fromServer := io.Pipe()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go editor.Serve(ctx, toServer, fromServer, editor.Options{Dir: root, Delay: time.Nanosecond})
	c := &client{t: b, dir: root, diags: make(chan published, 100)}
	c.conn = jsonrpc2.NewConn(ctx, jsonrpc2.NewBufferedStream(pipes{toClient, fromClient}, jsonrpc2.VSCodeObjectCodec{}), jsonrpc2.HandlerWithError(c.handle))
	defer c.conn.Close()
	uri := protocol.DocumentUri("file://" + root)
	c.call(protocol.MethodInitialize, protocol.InitializeParams{RootURI: &uri}, &protocol.InitializeResult{})
	text := string(src) + "\nLes portes ouvre à 18 h 30. "
	doc := c.open(rel, text)
	c.version(doc, 1, 2) // the first check loads the dictionaries and starts Grammalecte
	b.ResetTimer()
	var last published
	for i := 0; i < b.N; i++ {
		// A different text each time: a word typed at the end.
		c.change(doc, i+2, text+strings.Repeat("a", i%7+1))
		last = c.version(doc, i+2, publications)
	}
	b.StopTimer()
	if publications == 2 && len(byCode(last.Diagnostics, "grammar")) == 0 {
		b.Fatalf("no grammar diagnostic: %q", codes(last.Diagnostics))
	}
	c.version(doc, b.N+1, 2-publications) // the slow check, before the server stops
}
