package editor_test

import (
	"context"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/crieur/crieur/internal/testrepo"
	"github.com/crieur/crieur/pipeline/editor"
	"github.com/sourcegraph/jsonrpc2"
	protocol "github.com/tliron/glsp/protocol_3_16"
)

const baseConfig = `timezone: Europe/Brussels
language: en
defaults:
  channels: [mastodon]
  lang: fr
charter: charte.yml
vocabulary: vocabulaire.txt
channels:
  mastodon:
    type: outbox
`

const frenchCharter = "typography:\n  french: true\n"

// judged is when every test's posts are judged.
var judged = time.Date(2026, 12, 2, 12, 0, 0, 0, time.UTC)

// published is a publishDiagnostics notification. Not glsp's type: its
// IntegerOrString (a diagnostic's code) cannot be read back from JSON
// (UnmarshalJSON has a value receiver).
type published struct {
	URI         protocol.DocumentUri `json:"uri"`
	Version     *int                 `json:"version"`
	Diagnostics []diagnostic         `json:"diagnostics"`
}

type diagnostic struct {
	Range    protocol.Range `json:"range"`
	Severity int            `json:"severity"`
	Code     string         `json:"code"`
	Message  string         `json:"message"`
}

// client is a language client talking to editor.Serve over pipes.
type client struct {
	t     testing.TB
	conn  *jsonrpc2.Conn
	dir   string
	diags chan published
	// requests are the server's requests and notifications but
	// publishDiagnostics (client/registerCapability, window/logMessage).
	requests chan *jsonrpc2.Request
}

// pipes joins two one-way pipes into each side's stream.
type pipes struct {
	io.Reader
	io.WriteCloser
}

func (p pipes) Close() error { return p.WriteCloser.Close() }

// start writes files into a repository (crieur.yml and charte.yml by
// default), starts a server on it and initializes it.
func start(t testing.TB, files map[string]string) *client {
	t.Helper()
	return startWith(t, files, protocol.ClientCapabilities{})
}

// startWith starts a server for a client that can do caps.
func startWith(t testing.TB, files map[string]string, caps protocol.ClientCapabilities) *client {
	t.Helper()
	repo := testrepo.Open(t, map[string]string{"crieur.yml": baseConfig, "charte.yml": frenchCharter, "vocabulaire.txt": "crieur\n"}, files)
	// OS pipes, as crieur lsp's standard input and output are: io.Pipe
	// has no buffer, and a client answering the server on its read loop
	// while the server writes to it on its own would wait on each other.
	toServer, fromClient, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	toClient, fromServer, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	served := make(chan error, 1)
	go func() {
		served <- editor.Serve(ctx, toServer, fromServer, editor.Options{
			Dir: repo.Root, Now: func() time.Time { return judged }, Delay: 5 * time.Millisecond,
		})
	}()
	c := &client{t: t, dir: repo.Root, diags: make(chan published, 100), requests: make(chan *jsonrpc2.Request, 100)}
	c.conn = jsonrpc2.NewConn(ctx, jsonrpc2.NewBufferedStream(pipes{toClient, fromClient}, jsonrpc2.VSCodeObjectCodec{}), jsonrpc2.HandlerWithError(c.handle))
	t.Cleanup(func() {
		cancel()
		c.conn.Close()
		select {
		case <-served:
		case <-time.After(5 * time.Second):
			t.Error("the server did not stop")
		}
	})
	var res protocol.InitializeResult
	root := protocol.DocumentUri("file://" + repo.Root)
	c.call(protocol.MethodInitialize, protocol.InitializeParams{RootURI: &root, Capabilities: caps}, &res)
	c.notify(protocol.MethodInitialized, protocol.InitializedParams{})
	return c
}

func (c *client) handle(_ context.Context, _ *jsonrpc2.Conn, req *jsonrpc2.Request) (any, error) {
	if req.Method == protocol.ServerTextDocumentPublishDiagnostics && req.Params != nil {
		var p published
		if err := json.Unmarshal(*req.Params, &p); err != nil {
			c.t.Errorf("publishDiagnostics: %v", err)
		}
		c.diags <- p
		return nil, nil
	}
	select {
	case c.requests <- req:
	default: // nobody looks
	}
	return nil, nil
}

func (c *client) call(method string, params, result any) {
	c.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := c.conn.Call(ctx, method, params, result); err != nil {
		c.t.Fatalf("%s: %v", method, err)
	}
}

func (c *client) notify(method string, params any) {
	c.t.Helper()
	if err := c.conn.Notify(context.Background(), method, params); err != nil {
		c.t.Fatalf("%s: %v", method, err)
	}
}

// uri is a file of the repository's URI.
func (c *client) uri(rel string) protocol.DocumentUri {
	return protocol.DocumentUri("file://" + filepath.Join(c.dir, filepath.FromSlash(rel)))
}

// open opens a document with text.
func (c *client) open(rel, text string) protocol.DocumentUri {
	uri := c.uri(rel)
	c.notify(protocol.MethodTextDocumentDidOpen, protocol.DidOpenTextDocumentParams{TextDocument: protocol.TextDocumentItem{URI: uri, LanguageID: "markdown", Version: 1, Text: text}})
	return uri
}

// change replaces a document's text.
func (c *client) change(uri protocol.DocumentUri, version int, text string) {
	c.notify(protocol.MethodTextDocumentDidChange, protocol.DidChangeTextDocumentParams{
		TextDocument:   protocol.VersionedTextDocumentIdentifier{TextDocumentIdentifier: protocol.TextDocumentIdentifier{URI: uri}, Version: protocol.Integer(version)},
		ContentChanges: []any{protocol.TextDocumentContentChangeEventWhole{Text: text}},
	})
}

// next waits for the diagnostics of uri.
func (c *client) next(uri protocol.DocumentUri) published {
	c.t.Helper()
	timeout := time.After(10 * time.Second)
	for {
		select {
		case p := <-c.diags:
			if p.URI == uri {
				return p
			}
		case <-timeout:
			c.t.Fatalf("no diagnostics for %s within 10 s", uri)
		}
	}
}

// write writes a file of the repository.
func (c *client) write(rel, data string) {
	c.t.Helper()
	if err := os.WriteFile(filepath.Join(c.dir, filepath.FromSlash(rel)), []byte(data), 0o644); err != nil {
		c.t.Fatal(err)
	}
}

// version waits for n publications of a version of uri's diagnostics,
// and says the last.
func (c *client) version(uri protocol.DocumentUri, v, n int) published {
	c.t.Helper()
	var last published
	for n > 0 {
		if p := c.next(uri); p.Version != nil && *p.Version == v {
			n--
			last = p
		}
	}
	return last
}
