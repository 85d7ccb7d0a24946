package main

import (
	"errors"
	"flag"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/pmezard/go-difflib/difflib"

	"github.com/crieur/crieur/linters"
	"github.com/crieur/crieur/pipeline"
	"github.com/crieur/crieur/pipeline/content"
)

type fixOptions struct {
	diff       bool
	rules, now string
}

func (o *fixOptions) flags(fs *flag.FlagSet) {
	fs.BoolVar(&o.diff, "diff", false, "print the changes as a unified diff, write nothing")
	fs.StringVar(&o.rules, "rule", "", "only fix these rules or families, comma-separated (default: the safe ones)")
	fs.StringVar(&o.now, "now", "", "the time to judge posts at (default: now)")
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
	byPath := linters.FixesFor(findings, splitList(o.rules))
	total, files := 0, 0
	for _, rel := range slices.Sorted(maps.Keys(byPath)) {
		n, err := e.fixFile(w.repo, rel, byPath[rel], o.diff)
		if err != nil {
			return err
		}
		if n > 0 {
			total += n
			files++
		}
	}
	verb := "fixed"
	if o.diff {
		verb = "would fix"
	}
	if total == 0 {
		fmt.Fprintln(e.stdout, "nothing to fix")
	} else {
		fmt.Fprintf(e.stdout, "%s %d %s in %d %s\n", verb, total, plural(total, "finding", "findings"), files, plural(files, "file", "files"))
	}
	return nil
}

// fixFile applies fixes to the post at rel, or prints them as a unified
// diff, and returns how many it applied. A file whose fixed text would
// not load is left as it was, and said so.
func (e *env) fixFile(repo *content.Repo, rel string, fixes []pipeline.Fix, diff bool) (int, error) {
	src, err := repo.ReadPost(rel)
	if err != nil {
		return 0, err
	}
	out, applied, err := repo.FixPost(rel, src, fixes)
	if errors.Is(err, content.ErrFixBreaks) {
		fmt.Fprintf(e.stderr, "%s: left unchanged: %v\n", rel, err)
		return 0, nil
	}
	if err != nil || len(applied) == 0 {
		return 0, err
	}
	if diff {
		d, err := unifiedDiff(rel, src, out)
		if err != nil {
			return 0, err
		}
		fmt.Fprint(e.stdout, d)
		return len(applied), nil
	}
	if err := content.WriteFile(repo.Abs(rel), out); err != nil {
		return 0, err
	}
	fmt.Fprintf(e.stdout, "fixed %s (%d %s)\n", rel, len(applied), plural(len(applied), "change", "changes"))
	return len(applied), nil
}

// unifiedDiff is the change of the file at rel as a unified diff, from
// /dev/null when old is nil (a new file).
func unifiedDiff(rel string, old, new []byte) (string, error) {
	d := difflib.UnifiedDiff{A: diffLines(old), B: diffLines(new), FromFile: "a/" + rel, ToFile: "b/" + rel, Context: 1}
	if old == nil {
		d.FromFile = "/dev/null"
	}
	return difflib.GetUnifiedDiffString(d)
}

// diffLines splits a file in lines, each with its line break (difflib's
// SplitLines adds an empty line after the last one).
func diffLines(b []byte) []string {
	lines := strings.SplitAfter(string(b), "\n")
	if last := len(lines) - 1; lines[last] == "" {
		lines = lines[:last]
	} else {
		lines[last] += "\n" // no line break at the end of the file
	}
	return lines
}
