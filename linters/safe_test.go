package linters_test

import (
	"reflect"
	"testing"

	"github.com/crieur/crieur/linters"
	"github.com/crieur/crieur/pipeline"
)

// crieur fix applies the safe rules' fixes unless asked for rules or
// families by name; a spelling suggestion only when asked.
func TestFixesFor(t *testing.T) {
	fix := func(path, rule string, start int) pipeline.Finding {
		return pipeline.Finding{Path: path, Rule: rule, Fix: &pipeline.Fix{Start: start, End: start + 1}}
	}
	findings := []pipeline.Finding{
		fix("a.md", "typo.fr.nbsp", 1),
		fix("a.md", "spelling.fr", 2),
		fix("b.md", "charte.substitution", 3),
		fix("a.md", "typo.ellipsis", 4),
		{Path: "c.md", Rule: "typo.fr.nbsp"}, // no fix
	}
	starts := func(m map[string][]pipeline.Fix) map[string][]int {
		out := map[string][]int{}
		for p, fs := range m {
			for _, f := range fs {
				out[p] = append(out[p], f.Start)
			}
		}
		return out
	}
	for _, tt := range []struct {
		rules []string
		want  map[string][]int
	}{
		{nil, map[string][]int{"a.md": {1, 4}, "b.md": {3}}},
		{[]string{"spelling"}, map[string][]int{"a.md": {2}}},
		{[]string{"typo.ellipsis", "charte"}, map[string][]int{"a.md": {4}, "b.md": {3}}},
	} {
		if got := starts(linters.FixesFor(findings, tt.rules)); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("rules %v: %v, want %v", tt.rules, got, tt.want)
		}
	}
}
