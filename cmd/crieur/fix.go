package main

import (
	"flag"
	"io"

	"github.com/crieur/crieur/linters"
	"github.com/crieur/crieur/pipeline/fix"
)

type fixOptions struct {
	diff, yes  bool
	rules, now string
}

func (o *fixOptions) flags(fs *flag.FlagSet) {
	fs.BoolVar(&o.diff, "diff", false, "print the changes as a unified diff, write nothing")
	fs.StringVar(&o.rules, "rule", "", "only fix these rules or families, comma-separated (default: the safe ones)")
	fs.StringVar(&o.now, "now", "", "the time to judge posts at (default: now)")
	fs.BoolVar(&o.yes, "yes", false, "with --rule spelling: change capitalized words (names) too, without asking")
}

func (o *fixOptions) run(e *env, paths []string) error {
	w, now, err := e.open(o.now)
	if err != nil {
		return err
	}
	findings, _, _, err := w.linters().LintPaths(w.repo, paths, now)
	if err != nil {
		return err
	}
	_, err = fix.Fixer{Repo: w.repo, Diff: o.diff, Stdout: e.stdout, Stderr: e.stderr, Confirm: fix.Ask(e.stdin, e.stdout, o.yes || o.diff, isTerminal(e.stdin)),
		Guesses: linters.FixesFor(findings, []string{"spelling"}), Quiet: e.said == io.Discard}.Run(linters.FixesFor(findings, splitList(o.rules)))
	return err
}
