package output

import (
	"cmp"
	"slices"

	"github.com/crieur/crieur/pipeline"
)

// RuleInfo describes a rule kind for machine-readable outputs (SARIF's
// tool.driver.rules): its id, a one-line description, where to read more
// and the severity it has when the charter does not say otherwise.
type RuleInfo struct {
	ID          string
	Description string
	HelpURI     string
	Default     pipeline.Severity
	// Binding: the rule can be neither silenced nor lowered (schema.*,
	// body.*), which its help says.
	Binding bool
}

// sorted returns a copy of fs in reading order: by path, line, column,
// rule, then message, so that every output is stable across runs.
func sorted(fs []pipeline.Finding) []pipeline.Finding {
	out := slices.Clone(fs)
	slices.SortStableFunc(out, func(a, b pipeline.Finding) int {
		return cmp.Or(
			cmp.Compare(a.Path, b.Path),
			cmp.Compare(a.Line, b.Line),
			cmp.Compare(a.Col, b.Col),
			cmp.Compare(a.Rule, b.Rule),
			cmp.Compare(a.Message, b.Message),
		)
	})
	return out
}

// counts tallies findings by severity. Findings at any other level (a rule
// switched off that still reported) are not counted.
type counts struct {
	Error      int `json:"error"`
	Warning    int `json:"warning"`
	Suggestion int `json:"suggestion"`
}

func count(fs []pipeline.Finding) counts {
	var c counts
	for _, f := range fs {
		switch f.Severity {
		case pipeline.Error:
			c.Error++
		case pipeline.Warning:
			c.Warning++
		case pipeline.Suggestion:
			c.Suggestion++
		}
	}
	return c
}
