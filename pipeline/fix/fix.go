// Package fix is crieur fix: it applies the safe fixes lint found to the
// post files, or shows them as a unified diff in which the invisible
// characters a fix changes (a narrow no-break space for a space) are
// made visible.
//
// It speaks the reader's language (Repo.Language): messages/*.yaml.
//
// Rule of the room: a use case: imports pipeline, pipeline/content,
// pipeline/i18n and go-difflib, besides the standard library. internal/archtest checks the
// imports.
package fix

import (
	"bufio"
	"cmp"
	"embed"
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
	"github.com/crieur/crieur/pipeline/i18n"
)

//go:embed messages
var catalog embed.FS

// say is what crieur fix says, in each reader's language (messages/*.yaml).
var say = i18n.MustLoad(catalog, "messages")

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
	Confirm func(Names) bool
	// Quiet (crieur -q): say nothing of what was fixed; a diff, the
	// names kept and the errors are still written.
	Quiet bool
}

// Names are the spelling fixes that would change names, one "path: word
// → fix" each, to confirm in Lang.
type Names struct {
	Changes []string
	Lang    i18n.Lang
}

// Ask is a Confirm that asks on a terminal, in the reader's language: it
// shows the changes on out and reads a yes (y, o, j: yes, oui, ja) from
// in. Without a terminal to ask on, given is the answer (crieur fix
// --yes, or --diff, which writes nothing).
func Ask(in io.Reader, out io.Writer, given, terminal bool) func(Names) bool {
	return func(n Names) bool {
		if given || !terminal {
			return given
		}
		fmt.Fprint(out, say.Text(n.Lang, "names.ask", i18n.Args{"list": strings.Join(n.Changes, "\n  ")}))
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
		fmt.Fprintln(f.Stdout, r.Line(f.Diff, f.lang()))
	}
	return r, nil
}

// lang is the reader's language.
func (f Fixer) lang() i18n.Lang {
	return cmp.Or(f.Repo.Language, i18n.English)
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
	if f.Confirm != nil && f.Confirm(Names{changes, f.lang()}) {
		return byPath, nil
	}
	fmt.Fprintln(f.Stderr, say.Count(f.lang(), "names.kept", len(changes), i18n.Args{"list": strings.Join(changes, "\n  ")}))
	return kept, nil
}

func startsUpper(word string) bool {
	for _, r := range word {
		return unicode.IsUpper(r)
	}
	return false
}

// Line says what the run did, in l.
func (r Result) Line(diff bool, l i18n.Lang) string {
	if r.Fixes == 0 {
		return say.Text(l, "nothing", nil)
	}
	id := "fixed"
	if diff {
		id = "would_fix"
	}
	return say.Text(l, id, i18n.Args{"findings": say.Count(l, "findings", r.Fixes, nil), "files": say.Count(l, "files", r.Files, nil)})
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
		fmt.Fprintln(f.Stderr, say.Text(f.lang(), "file.breaks", i18n.Args{"path": rel}))
		return 0, nil
	}
	if err != nil || len(applied) == 0 {
		return 0, err
	}
	if f.Diff {
		d, err := Diff(rel, src, out, f.lang())
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
		fmt.Fprintln(f.Stdout, say.Count(f.lang(), "file.fixed", len(applied), i18n.Args{"path": rel}))
	}
	return len(applied), nil
}

// Diff is the change of the file at rel as a unified diff to read (its
// invisible characters shown, see Visible), from /dev/null when old is
// nil (a new file): crieur fix --diff, import --dry-run. The legend of
// the invisible characters is in l.
func Diff(rel string, old, new []byte, l i18n.Lang) (string, error) {
	d := difflib.UnifiedDiff{A: diffLines(old), B: diffLines(new), FromFile: "a/" + rel, ToFile: "b/" + rel, Context: 1}
	if old == nil {
		d.FromFile = "/dev/null"
	}
	s, err := difflib.GetUnifiedDiffString(d)
	return Visible(s, l), err
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

// invisible marks the characters a reader cannot tell from a space, or
// cannot see at all: ⟨mark⟩, named by invisible.mark in the catalog.
var invisible = map[rune]string{
	'\u00A0': "nbsp", '\u202F': "fine", '\u2009': "thin", '\u200B': "zwsp",
	'\u200D': "zwj", '\u2060': "wj", '\uFEFF': "bom", '\t': "tab",
}

// Visible marks the invisible characters of a diff's changed lines, and
// says so under it: « 19 h » and « 19⟨fine⟩h » look different. The file
// itself keeps the real characters. The legend is in l.
func Visible(diff string, l i18n.Lang) string {
	lines := strings.SplitAfter(diff, "\n")
	used := map[rune]bool{}
	for i, l := range lines {
		if !(strings.HasPrefix(l, "+") || strings.HasPrefix(l, "-")) || strings.HasPrefix(l, "+++") || strings.HasPrefix(l, "---") {
			continue
		}
		var b strings.Builder
		for _, r := range l {
			if mark, ok := invisible[r]; ok {
				b.WriteString("⟨" + mark + "⟩")
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
			legend = append(legend, "⟨"+invisible[r]+"⟩ "+say.Text(l, "invisible."+invisible[r], nil))
		}
		out += say.Text(l, "legend", i18n.Args{"list": strings.Join(legend, ", ")}) + "\n"
	}
	return out
}
