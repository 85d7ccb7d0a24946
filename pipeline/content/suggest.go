package content

import "github.com/crieur/crieur/pipeline"

// Suggest is pipeline.Suggest, kept here for the wiring's convenience.
func Suggest(word string, candidates []string) string { return pipeline.Suggest(word, candidates) }

// didYouMean formats a suggestion for a hint.
func didYouMean(word string, candidates []string) string {
	if s := pipeline.Suggest(word, candidates); s != "" {
		return "did you mean " + s + "?"
	}
	return ""
}
