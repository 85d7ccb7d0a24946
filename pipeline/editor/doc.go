// Package editor is crieur in the editor: a Language Server Protocol
// server (crieur lsp) that checks a post as the community manager types.
//
// Serve speaks JSON-RPC on a stream (the standard input and output of
// crieur lsp, a pipe in tests) with the types of glsp's protocol
// package (LSP 3.16). A Session holds the content repository, opened
// once, every post of the calendar, loaded once, and the open documents:
// a change re-checks its document after a short pause (Options.Delay)
// with the rule engine on the text in memory, the open posts (saved or
// not) standing in for their files among the others so that the calendar
// rules see the calendar as the editor has it; the other open posts are
// checked again too. A check publishes twice: first every rule but
// Grammalecte, then every rule. Grammalecte runs in one process kept for
// the session (grammar.Process: started at the first check, restarted
// once when it dies or does not answer, which window/logMessage says;
// stopped at the client's shutdown, or when Serve returns), so that the
// second publication comes some 50 ms after the first rather than 2 s.
// Findings become diagnostics (error, warning and suggestion become
// Error, Warning and Information); a finding with a fix becomes a quick
// fix, and a spelling finding also offers to add the word to the brand's
// vocabulary file. Saving crieur.yml, a charter or a vocabulary reopens
// the repository and re-checks the open posts; so does a change outside
// the editor (git pull) to those files or to a post, which the server
// asks the client to watch (client/registerCapability of
// workspace/didChangeWatchedFiles) when the client can register
// watchers. Hovering over the front matter shows the post as each of
// its channels will show it, with its count and the network's limit.
//
// Rule of the room: imports pipeline, pipeline/content, pipeline/render,
// linters and its rule kinds, glsp's protocol types
// (github.com/tliron/glsp) and JSON-RPC 2.0 (github.com/sourcegraph/jsonrpc2)
// besides the standard library. It is given the folder, the environment
// and the clock; the only process it starts is Grammalecte's, through
// linters/grammar. internal/archtest checks the imports.
package editor
