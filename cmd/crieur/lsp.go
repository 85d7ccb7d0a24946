package main

import "github.com/crieur/crieur/pipeline/editor"

type lspOptions struct{ noFlags }

// run serves on the raw standard input and output: LSP messages are not lines.
func (lspOptions) run(e *env, _ []string) error {
	return editor.Serve(e.ctx, e.stdin, e.commands, editor.Options{Dir: e.dir, Getenv: e.getenv})
}
