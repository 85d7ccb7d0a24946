package github

import (
	"context"
	"sort"
	"strings"

	"github.com/crieur/crieur/pipeline"
)

// suggestFixes offers the safe fixes as suggested changes on the lines
// they touch; those outside the diff are already annotations.
func (c *Client) suggestFixes(ctx context.Context, ev *Event, rep LintReport) error {
	byPath := map[string][]pipeline.Finding{}
	var paths []string
	for _, f := range rep.Findings {
		if f.Fix == nil {
			continue
		}
		if _, ok := byPath[f.Path]; !ok {
			paths = append(paths, f.Path)
		}
		byPath[f.Path] = append(byPath[f.Path], f)
	}
	pr := ev.PullRequest
	var sugg []Suggestion
	for _, path := range paths {
		sugg = append(sugg, rep.suggestionsIn(path, byPath[path], pr.HeadSHA)...)
	}
	if len(sugg) == 0 {
		return nil
	}
	_, err := c.SuggestChanges(ctx, ev.Owner, ev.Repo, pr.Number, pr.HeadSHA, sugg)
	return err
}

// suggestionsIn turns the fixes of the file at path (from the content
// root) into suggested changes, with the file's path from the git root.
func (rep LintReport) suggestionsIn(path string, fs []pipeline.Finding, head string) []Suggestion {
	b, err := rep.Source(path)
	if err != nil {
		return nil
	}
	var headLines []string // the pull request's head version
	if rep.AtCommit != nil {
		if hb, err := rep.AtCommit(head, rep.Prefix+path); err == nil {
			headLines = strings.Split(string(hb), "\n")
		}
	}
	lines := strings.Split(string(b), "\n")
	var out []Suggestion
	for _, s := range suggestionsFor(b, fs) {
		// The checkout may be GitHub's merge of the pull request into
		// main, whose lines can be shifted from the head's, where review
		// comments go: a suggestion is made only when the head has the
		// same lines at the same place (else the annotation stays).
		if sameLines(lines, headLines, s.Line, s.EndLine) {
			s.Path = rep.Prefix + path
			out = append(out, s)
		}
	}
	return out
}

// sameLines reports whether lines first to last (1-based) are the same in
// a and b.
func sameLines(a, b []string, first, last int) bool {
	if first < 1 || last > len(a) || last > len(b) {
		return false
	}
	for i := first - 1; i < last; i++ {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// suggestionsFor turns the fixes of one file (byte ranges and their new
// text) into suggested changes: the new text of the whole lines they
// touch. Fixes on the same lines make one suggestion, so that accepting it
// applies them all (two suggestions on one line would each undo the
// other); of two fixes that overlap, the first is kept.
func suggestionsFor(src []byte, fs []pipeline.Finding) []Suggestion {
	var out []Suggestion
	for _, sp := range fixSpans(src, fs) {
		out = append(out, sp.suggestion(src))
	}
	return out
}

// fixSpan is the whole lines some fixes touch, [start, end) in the source.
type fixSpan struct {
	start, end int
	fixes      []pipeline.Finding
}

// fixSpans groups the valid fixes by the lines they touch, in order: the
// fixes whose lines meet make one span.
func fixSpans(src []byte, fs []pipeline.Finding) []fixSpan {
	var spans []fixSpan
	for _, f := range fs {
		fx := f.Fix
		if fx == nil || fx.Start < 0 || fx.End > len(src) || fx.Start > fx.End {
			continue
		}
		start := strings.LastIndexByte(string(src[:fx.Start]), '\n') + 1
		end := len(src)
		if i := strings.IndexByte(string(src[fx.End:]), '\n'); i >= 0 {
			end = fx.End + i
		}
		spans = append(spans, fixSpan{start, end, []pipeline.Finding{f}})
	}
	sort.SliceStable(spans, func(i, j int) bool { return spans[i].start < spans[j].start })
	var merged []fixSpan
	for _, sp := range spans {
		if n := len(merged); n > 0 && sp.start <= merged[n-1].end {
			last := &merged[n-1]
			last.end = max(last.end, sp.end)
			last.fixes = append(last.fixes, sp.fixes...)
			continue
		}
		merged = append(merged, sp)
	}
	return merged
}

// suggestion applies the span's fixes (of two that overlap, the first) to
// its lines, and says what each one fixes.
func (sp fixSpan) suggestion(src []byte) Suggestion {
	fixes := append([]pipeline.Finding(nil), sp.fixes...)
	sort.SliceStable(fixes, func(i, j int) bool { return fixes[i].Fix.Start < fixes[j].Fix.Start })
	var kept []pipeline.Finding
	for _, f := range fixes {
		if n := len(kept); n > 0 && f.Fix.Start < kept[n-1].Fix.End {
			continue // overlaps the one before
		}
		kept = append(kept, f)
	}
	text := string(src[sp.start:sp.end])
	// Apply from the end so that earlier offsets stay right.
	for i := len(kept) - 1; i >= 0; i-- {
		fx := kept[i].Fix
		text = text[:fx.Start-sp.start] + fx.Text + text[fx.End-sp.start:]
	}
	var bodies []string
	for _, f := range kept {
		body := "**" + f.Rule + "** " + f.Message
		if f.Hint != "" {
			body += " (" + f.Hint + ")"
		}
		bodies = append(bodies, body)
	}
	first := strings.Count(string(src[:sp.start]), "\n") + 1
	last := first + strings.Count(string(src[sp.start:sp.end]), "\n")
	return Suggestion{Line: first, EndLine: last, Replacement: text, Body: strings.Join(bodies, "\n")}
}
