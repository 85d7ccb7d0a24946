package spelling

import (
	"os"

	"github.com/crieur/crieur/pipeline"
	"github.com/crieur/crieur/pipeline/i18n"
)

// Available says whether lint can check the spelling of a lang here, as
// the rule would look for and load its dictionary: empty when it can,
// else what spelling.dictionary would say and how to fix it, in l (crieur
// doctor).
func Available(lang string, getenv func(string) string, l i18n.Lang) (problem, hint string) {
	if getenv == nil {
		getenv = os.Getenv
	}
	dict, err := find(lang, folders(getenv, append(bundledFolder(), conf.Folders...)))
	if err == nil {
		var h *handle
		if h, err = acquire(dict, nil); err == nil {
			release(h)
			return "", ""
		}
	}
	f := dictionaryFinding(l, &pipeline.Post{}, lang, err)
	return f.Message, f.Hint
}
