package content

import (
	"errors"

	"github.com/crieur/crieur/pipeline"
)

// didYouMean formats a suggestion for a hint.
func didYouMean(word string, candidates []string) string {
	if s := pipeline.Suggest(word, candidates); s != "" {
		return "did you mean " + s + "?"
	}
	return ""
}

// split returns the message and hint of an error.
func split(err error) (string, string) {
	var te *pipeline.TimeError
	if errors.As(err, &te) {
		return te.Msg, te.Hint
	}
	return err.Error(), ""
}
