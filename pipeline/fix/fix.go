// Package fix is crieur fix: it applies the safe fixes lint found to the
// post files, or shows them as a unified diff in which the invisible
// characters a fix changes (a narrow no-break space for a space) are
// made visible.
//
// Rule of the room: a use case: imports pipeline, pipeline/content and
// go-difflib, besides the standard library. internal/archtest checks the
// imports.
package fix

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"
	"unicode"

	"github.com/pmezard/go-difflib/difflib"

	"github.com/crieur/crieur/pipeline"
	"github.com/crieur/crieur/pipeline/content"
)

// Fixer applies fixes to a content repository's posts.
type Fixer struct {
	Repo   *content.Repo
	Diff   bool      // show the fixes, change nothing
	Stdout io.Writer // the diff, and what was fixed
	Stderr io.Writer // the files left unchanged, the names kept
	// Guesses are the spelling rule's fixes, by path: a dictionary's
	// guess. One that would change a capitalized word (a name: Dumont is
	// not a misspelled Dupont) is applied only when Confirm, shown every
	// such change, says yes; nil keeps them all.
	Guesses map[string][]pipeline.Fix
	Confirm func(changes []string) bool
	// Quiet (crieur -q): say nothing of what was fixed; a diff, the
	// names kept and the errors are still written.
	Quiet bool
}

// Ask is a Confirm that asks on a terminal: it shows the changes on out
// and reads a yes (y, o, j: yes, oui, ja) from in. Without a terminal to
// ask on, given is the answer (crieur fix --yes, or --diff, which writes
// nothing).
func Ask(in io.Reader, out io.Writer, given, terminal bool) func(changes []string) bool {
	return func(changes []string) bool {
		if given || !terminal {
			return given
		}
		fmt.Fprintf(out, "these spelling fixes change names:\n  %s\napply them? [y/N] ", strings.Join(changes, "\n  "))
		answer, _ := bufio.NewReader(in).ReadString('\n')
		a := strings.ToLower(strings.TrimSpace(answer))
		return a != "" && strings.ContainsRune("yoj", rune(a[0]))
	}
}

// Result counts what was (or would be) fixed.
type Result struct{ Fixes, Files int }

// Run applies the fixes of each post, by path, in the order of the paths.
// It ends with a line that says what was done (Result.Line), unless Quiet.
func (f Fixer) Run(byPath map[string][]pipeline.Fix) (Result, error) {
	byPath, err := f.holdNames(byPath)
	if err != nil {
		return Result{}, err
	}
	var r Result
	for _, rel := range slices.Sorted(maps.Keys(byPath)) {
		n, err := f.file(rel, byPath[rel])
		if err != nil {
			return r, err
		}
		if n > 0 {
			r.Fixes += n
			r.Files++
		}
	}
	if !f.Quiet {
		fmt.Fprintln(f.Stdout, r.Line(f.Diff))
	}
	return r, nil
}

// holdNames takes out the guesses that would change a capitalized word,
// unless Confirm, shown them all, says yes.
func (f Fixer) holdNames(byPath map[string][]pipeline.Fix) (map[string][]pipeline.Fix, error) {
	var changes []string
	kept := map[string][]pipeline.Fix{}
	for _, rel := range slices.Sorted(maps.Keys(byPath)) {
		src, err := f.Repo.ReadPost(rel)
		if err != nil {
			return nil, err
		}
		for _, fx := range byPath[rel] {
			if word := string(src[min(fx.Start, len(src)):min(fx.End, len(src))]); slices.Contains(f.Guesses[rel], fx) && startsUpper(word) {
				changes = append(changes, fmt.Sprintf("%s: %s → %s", rel, word, fx.Text))
				continue
			}
			kept[rel] = append(kept[rel], fx)
		}
	}
	if len(changes) == 0 {
		return byPath, nil
	}
	if f.Confirm != nil && f.Confirm(changes) {
		return byPath, nil
	}
	fmt.Fprintf(f.Stderr, "kept %d %s as written (a name is not a misspelling; crieur fix --rule spelling --yes changes them):\n  %s\n",
		len(changes), plural(len(changes), "name", "names"), strings.Join(changes, "\n  "))
	return kept, nil
}

func startsUpper(word string) bool {
	for _, r := range word {
		return unicode.IsUpper(r)
	}
	return false
}

// Line says what the run did.
func (r Result) Line(diff bool) string {
	if r.Fixes == 0 {
		return "nothing to fix"
	}
	verb := "fixed"
	if diff {
		verb = "would fix"
	}
	return fmt.Sprintf("%s %d %s in %d %s", verb, r.Fixes, plural(r.Fixes, "finding", "findings"), r.Files, plural(r.Files, "file", "files"))
}

// file applies fixes to the post at rel, or prints them as a diff, and
// returns how many it applied. A file whose fixed text would not load is
// left as it was, and said so.
func (f Fixer) file(rel string, fixes []pipeline.Fix) (int, error) {
	src, err := f.Repo.ReadPost(rel)
	if err != nil {
		return 0, err
	}
	out, applied, err := f.Repo.FixPost(rel, src, fixes)
	if errors.Is(err, content.ErrFixBreaks) {
		fmt.Fprintf(f.Stderr, "%s: left unchanged: %v\n", rel, err)
		return 0, nil
	}
	if err != nil || len(applied) == 0 {
		return 0, err
	}
	if f.Diff {
		d, err := Diff(rel, src, out)
		if err != nil {
			return 0, err
		}
		fmt.Fprint(f.Stdout, d)
		return len(applied), nil
	}
	if err := content.WriteFile(f.Repo.Abs(rel), out); err != nil {
		return 0, err
	}
	if !f.Quiet {
		fmt.Fprintf(f.Stdout, "fixed %s (%d %s)\n", rel, len(applied), plural(len(applied), "change", "changes"))
	}
	return len(applied), nil
}

// Diff is the change of the file at rel as a unified diff to read (its
// invisible characters shown, see Visible), from /dev/null when old is
// nil (a new file): crieur fix --diff, import --dry-run.
func Diff(rel string, old, new []byte) (string, error) {
	d := difflib.UnifiedDiff{A: diffLines(old), B: diffLines(new), FromFile: "a/" + rel, ToFile: "b/" + rel, Context: 1}
	if old == nil {
		d.FromFile = "/dev/null"
	}
	s, err := difflib.GetUnifiedDiffString(d)
	return Visible(s), err
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

// invisible names the characters a reader cannot tell from a space, or
// cannot see at all.
var invisible = map[rune]struct{ mark, name string }{
	'\u00A0': {"⟨nbsp⟩", "no-break space U+00A0"}, '\u202F': {"⟨fine⟩", "narrow no-break space U+202F"},
	'\u2009': {"⟨thin⟩", "thin space U+2009"}, '\u200B': {"⟨zwsp⟩", "zero-width space U+200B"},
	'\u200D': {"⟨zwj⟩", "zero-width joiner U+200D"}, '\u2060': {"⟨wj⟩", "word joiner U+2060"},
	'\uFEFF': {"⟨bom⟩", "byte order mark U+FEFF"}, '\t': {"⟨tab⟩", "tab"},
}

// Visible marks the invisible characters of a diff's changed lines, and
// says so under it: « 19 h » and « 19⟨fine⟩h » look different. The file
// itself keeps the real characters.
func Visible(diff string) string {
	lines := strings.SplitAfter(diff, "\n")
	used := map[rune]bool{}
	for i, l := range lines {
		if !(strings.HasPrefix(l, "+") || strings.HasPrefix(l, "-")) || strings.HasPrefix(l, "+++") || strings.HasPrefix(l, "---") {
			continue
		}
		var b strings.Builder
		for _, r := range l {
			if inv, ok := invisible[r]; ok {
				b.WriteString(inv.mark)
				used[r] = true
				continue
			}
			b.WriteRune(r)
		}
		lines[i] = b.String()
	}
	out := strings.Join(lines, "")
	if len(used) > 0 {
		var legend []string
		for _, r := range slices.Sorted(maps.Keys(used)) {
			legend = append(legend, invisible[r].mark+" "+invisible[r].name)
		}
		out += "(invisible characters shown as " + strings.Join(legend, ", ") + ")\n"
	}
	return out
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
