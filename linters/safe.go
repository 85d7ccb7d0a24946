package linters

import "github.com/crieur/crieur/pipeline"

// safeFixes are the rule families whose fixes crieur fix applies without
// being asked by name: mechanical changes that cannot alter what a post
// says (typography, the charter's substitutions, campaign parameters on
// links, runs of !!!). Spelling suggestions are not among them: a
// dictionary's first guess is not always the word the author meant.
var safeFixes = []string{"typo", "charte.substitution", "charte.links.utm", "tone.punctuation"}

// SafeFix reports whether crieur fix applies a rule's fixes by default.
func SafeFix(rule string) bool {
	for _, id := range safeFixes {
		if matches(id, rule) {
			return true
		}
	}
	return false
}

// Covers reports whether a rule id or family given by the user (on the
// command line, in a comment) covers a rule.
func Covers(id, rule string) bool { return matches(id, rule) }

// FixesFor picks among findings the fixes crieur fix applies, by file:
// the safe rules' by default, or, when rules names rules or families,
// theirs (Covers). Each file's fixes keep the findings' order.
func FixesFor(findings []pipeline.Finding, rules []string) map[string][]pipeline.Fix {
	wanted := func(rule string) bool {
		if len(rules) == 0 {
			return SafeFix(rule)
		}
		for _, id := range rules {
			if Covers(id, rule) {
				return true
			}
		}
		return false
	}
	byPath := map[string][]pipeline.Fix{}
	for _, f := range findings {
		if f.Fix != nil && wanted(f.Rule) {
			byPath[f.Path] = append(byPath[f.Path], *f.Fix)
		}
	}
	return byPath
}
