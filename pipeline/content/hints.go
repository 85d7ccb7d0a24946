package content

import (
	"errors"
	"strings"
	"time"

	"github.com/crieur/crieur/pipeline"
	"github.com/crieur/crieur/pipeline/i18n"
)

// didYouMean formats a suggestion for a hint, in English: crieur init's
// questions (starter.go) speak English.
func didYouMean(word string, candidates []string) string {
	if s := pipeline.Suggest(word, candidates); s != "" {
		return "did you mean " + s + "?"
	}
	return ""
}

// split returns the message and hint of an error, in the document's
// language when it is a pipeline.TimeError.
func (d *yamlDoc) split(err error) (string, string) {
	var te *pipeline.TimeError
	if errors.As(err, &te) {
		return TimeErrorIn(te, d.lang)
	}
	return err.Error(), ""
}

// day is a day as the messages name it: "Monday 2027-08-02" in English,
// "lundi 2027-08-02" in French.
func (d *yamlDoc) day(t time.Time) string {
	return d.text("weekday."+strings.ToLower(t.Weekday().String()), nil) + " " + t.Format(time.DateOnly)
}

// dayShort is day with the weekday shortened: "Mon 2027-08-02".
func (d *yamlDoc) dayShort(t time.Time) string {
	return d.text("weekday_short."+strings.ToLower(t.Weekday().String()), nil) + " " + t.Format(time.DateOnly)
}

// message is a finding's message and hint from the catalog: id.message
// and id.hint when the catalog has them, else id itself and no hint.
type message struct {
	id   string
	args i18n.Args
}

// in is the message and its hint in the document's language.
func (d *yamlDoc) in(m message) (msg, hint string) {
	if say.Has(m.id + ".message") {
		return d.text(m.id+".message", m.args), d.text(m.id+".hint", m.args)
	}
	return d.text(m.id, m.args), ""
}
