// Package editor is crieur in the editor: a Language Server Protocol
// server (crieur lsp) that checks a post as the community manager types.
//
// Serve speaks JSON-RPC on a stream (the standard input and output of
// crieur lsp, a pipe in tests) with the types of glsp's protocol
// package (LSP 3.16). A Session holds the content repository, opened
// once, every post of the calendar, loaded once, and the open documents:
// a change re-checks its document after a short pause (Options.Delay)
// with the rule engine on the text in memory, the edited post standing
// in for its file among the others so that the calendar rules see the
// whole calendar. Findings become diagnostics (error, warning and
// suggestion become Error, Warning and Information); a finding with a
// fix becomes a quick fix, and a spelling finding also offers to add the
// word to the brand's vocabulary file. Saving crieur.yml, a charter or a
// vocabulary (or the client saying that such a file changed) reopens the
// repository and re-checks the open posts. Hovering over the front
// matter shows the post as each of its channels will show it, with its
// count and the network's limit.
//
// Rule of the room: imports pipeline, pipeline/content, pipeline/render,
// linters and its rule kinds, glsp's protocol types
// (github.com/tliron/glsp) and JSON-RPC 2.0 (github.com/sourcegraph/jsonrpc2)
// besides the standard library. It is given the folder, the environment
// and the clock; internal/archtest checks the imports.
package editor
