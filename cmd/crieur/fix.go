package main

import (
	"flag"
	"fmt"
	"os"
	"sort"

	"github.com/pmezard/go-difflib/difflib"

	"github.com/crieur/crieur/linters"
	"github.com/crieur/crieur/pipeline"
	"github.com/crieur/crieur/pipeline/content"
)

const fixHelp = `
Applies the fixes of the findings that have a safe, mechanical one:
French typography (typo.*), the charter's substitutions
(charte.substitution), campaign parameters on links (charte.links.utm) and
runs of !!! (tone.punctuation). --rule names the rules or families to fix
instead (spelling suggestions are only applied when asked by name). Only
the bytes a fix names change; a file whose fixed text would not load is
left as it was. --diff prints the changes as a unified diff and writes
nothing.
`

func runFix(e *env, args []string) int {
	fs := flag.NewFlagSet("fix", flag.ContinueOnError)
	diff := fs.Bool("diff", false, "print the changes as a unified diff, write nothing")
	rules := fs.String("rule", "", "only fix these rules or families, comma-separated (default: the safe ones)")
	nowFlag := fs.String("now", "", "the time to judge posts at (default: now)")
	paths, err := parse(e, "fix", fs, args)
	if err != nil {
		return exitFor(err)
	}
	repo, now, err := e.openAt(*nowFlag)
	if err != nil {
		return e.fail(err)
	}
	findings, _, _, err := lint(repo, paths, now)
	if err != nil {
		return e.fail(err)
	}
	asked := splitList(*rules)
	wanted := func(rule string) bool {
		if len(asked) == 0 {
			return linters.SafeFix(rule)
		}
		for _, id := range asked {
			if linters.Covers(id, rule) {
				return true
			}
		}
		return false
	}
	byPath := map[string][]pipeline.Fix{}
	var order []string
	for _, f := range findings {
		if f.Fix == nil || !wanted(f.Rule) {
			continue
		}
		if _, ok := byPath[f.Path]; !ok {
			order = append(order, f.Path)
		}
		byPath[f.Path] = append(byPath[f.Path], *f.Fix)
	}
	sort.Strings(order)
	total, files := 0, 0
	for _, rel := range order {
		src, err := os.ReadFile(repo.Abs(rel))
		if err != nil {
			return e.fail(err)
		}
		out, applied := pipeline.ApplyFixes(src, byPath[rel])
		if len(applied) == 0 || string(out) == string(src) {
			continue
		}
		// A fix must never break a post: the fixed file loads with no
		// more problems than before.
		_, before := repo.ParsePost(rel, src)
		if f, after := repo.ParsePost(rel, out); f == nil || errorCount(after) > errorCount(before) {
			fmt.Fprintf(e.stderr, "%s: left unchanged: the fixed text would not load\n", rel)
			continue
		}
		total += len(applied)
		files++
		if *diff {
			d, err := difflib.GetUnifiedDiffString(difflib.UnifiedDiff{
				A: difflib.SplitLines(string(src)), B: difflib.SplitLines(string(out)),
				FromFile: "a/" + rel, ToFile: "b/" + rel, Context: 1,
			})
			if err != nil {
				return e.fail(err)
			}
			fmt.Fprint(e.stdout, d)
			continue
		}
		if err := content.WriteFile(repo.Abs(rel), out); err != nil {
			return e.fail(err)
		}
		fmt.Fprintf(e.stdout, "fixed %s (%d %s)\n", rel, len(applied), plural(len(applied), "change", "changes"))
	}
	verb := "fixed"
	if *diff {
		verb = "would fix"
	}
	if total == 0 {
		fmt.Fprintln(e.stdout, "nothing to fix")
	} else {
		fmt.Fprintf(e.stdout, "%s %d %s in %d %s\n", verb, total, plural(total, "finding", "findings"), files, plural(files, "file", "files"))
	}
	return exitOK
}

func errorCount(fs []pipeline.Finding) int {
	n := 0
	for _, f := range fs {
		if f.Severity >= pipeline.Error {
			n++
		}
	}
	return n
}
