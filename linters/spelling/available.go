package spelling

import (
	"github.com/crieur/crieur/pipeline"
	"github.com/crieur/crieur/pipeline/i18n"
)

// Available says whether lint can check the spelling of a lang here, as
// the rule would look for and load its dictionary: empty when it can,
// else what spelling.dictionary would say and how to fix it, in l (crieur
// doctor).
func Available(lang string, getenv func(string) string, l i18n.Lang) (problem, hint string) {
	h, err := Spelling{Getenv: getenv}.open(lang, nil)
	if err == nil {
		release(h)
		return "", ""
	}
	f := dictionaryFinding(l, &pipeline.Post{}, lang, err)
	return f.Message, f.Hint
}
