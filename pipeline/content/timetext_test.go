package content

import (
	"errors"
	"testing"
	"time"

	"github.com/crieur/crieur/pipeline"
	"github.com/crieur/crieur/pipeline/i18n"
)

// TestTimeErrorIn: a date that cannot be read is said in the reader's
// language, the value quoted its way; English is the TimeError's own.
func TestTimeErrorIn(t *testing.T) {
	brussels, err := time.LoadLocation("Europe/Brussels")
	if err != nil {
		t.Skip(err)
	}
	for _, tc := range []struct {
		in        string
		l         i18n.Lang
		msg, hint string
	}{
		{"2026-12-01", i18n.French, "il manque l’heure à «\u202f2026-12-01\u202f»", "ajoutez l’heure\u00a0: 2026-12-01 09:30"},
		{"2026-13-01 09:30", i18n.French, "«\u202f2026-13-01 09:30\u202f» n’est pas une date valide\u00a0: mois hors limites", ""},
		{"03/04/2027 09:30", i18n.French, "la date «\u202f03/04/2027 09:30\u202f» est ambiguë\u00a0: 2027-04-03 09:30 ou 2027-03-04 09:30\u202f?",
			"écrivez 2027-04-03 09:30 (AAAA-MM-JJ HH:MM) si le jour vient en premier"},
		{"2027-03-28 02:30", i18n.Dutch, "2027-03-28 02:30 bestaat niet in Europe/Brussels: de klok gaat die nacht vooruit", ""},
		{"demain", i18n.Dutch, `"demain" is niet te lezen als datum en uur`, ""},
		{"2026-12-01", i18n.English, `"2026-12-01" has no time of day`, "add the hour: 2026-12-01 09:30"},
	} {
		_, err := pipeline.ParseTime(tc.in, brussels)
		var te *pipeline.TimeError
		if !errors.As(err, &te) {
			t.Fatalf("%s: %v, want a *TimeError", tc.in, err)
		}
		msg, hint := TimeErrorIn(te, tc.l)
		if msg != tc.msg || tc.hint != "" && hint != tc.hint {
			t.Errorf("%s in %s: %q (%q), want %q (%q)", tc.in, tc.l, msg, hint, tc.msg, tc.hint)
		}
	}
}

// TestRepeatIn: how a post repeats, in French and Dutch.
func TestRepeatIn(t *testing.T) {
	for _, tc := range []struct {
		repeat pipeline.Repeat
		l      i18n.Lang
		want   string
	}{
		{pipeline.Repeat{Every: pipeline.Interval{N: 2, Unit: "week"}}, i18n.French, "toutes les 2 semaines"},
		{pipeline.Repeat{Every: pipeline.Interval{N: 1, Unit: "month"}, On: []string{"premier mardi"}, Rule: "FREQ=MONTHLY;BYDAY=+1TU"}, i18n.French, "chaque mois\u00a0: premier mardi"},
		{pipeline.Repeat{Rule: "FREQ=MONTHLY;BYDAY=1TU;COUNT=6", Except: make([]time.Time, 2)}, i18n.French, "selon la règle FREQ=MONTHLY;BYDAY=1TU;COUNT=6, sauf 2 jours"},
		{pipeline.Repeat{Every: pipeline.Interval{N: 1, Unit: "day"}, Except: make([]time.Time, 1)}, i18n.Dutch, "elke dag, behalve 1 dag"},
		{pipeline.Repeat{Every: pipeline.Interval{N: 3, Unit: "month"}}, i18n.Dutch, "om de 3 maanden"},
	} {
		if got := RepeatIn(&tc.repeat, tc.l); got != tc.want {
			t.Errorf("RepeatIn(%s) = %q, want %q", tc.l, got, tc.want)
		}
	}
}

// TestTimeEnglish: the catalog's English of each TimeError is the
// error's own Msg and Hint, so that the translations follow it.
func TestTimeEnglish(t *testing.T) {
	brussels, err := time.LoadLocation("Europe/Brussels")
	if err != nil {
		t.Skip(err)
	}
	for _, in := range []string{"2026-12-01", "2026-13-01 09:30", "2026-02-30 09:30", "03/04/2027 09:30", "13/04/2027 09:30", "04/13/2027 09:30",
		"2027-03-28 02:30", "2026-10-25 02:30", "demain"} {
		_, err := pipeline.ParseTime(in, brussels)
		te := err.(*pipeline.TimeError)
		if msg, hint := timeText(te, i18n.English); msg != te.Msg || hint != te.Hint {
			t.Errorf("%s (%s): catalog says %q (%q), the error %q (%q)", in, te.ID, msg, hint, te.Msg, te.Hint)
		}
	}
	for _, in := range []string{"2026-02-30", "20/03/2027", "20/03/2027 25:30"} {
		_, err := pipeline.ParseDayFirst(in, brussels, true)
		if _, err2 := pipeline.ParseDay(in, brussels); in == "2026-02-30" {
			err = err2
		}
		te := err.(*pipeline.TimeError)
		if msg, hint := timeText(te, i18n.English); msg != te.Msg || hint != te.Hint {
			t.Errorf("%s (%s): catalog says %q (%q), the error %q (%q)", in, te.ID, msg, hint, te.Msg, te.Hint)
		}
	}
	r := pipeline.Repeat{Every: pipeline.Interval{N: 1, Unit: "month"}, On: []string{"first tuesday"}, Except: make([]time.Time, 3)}
	if got := RepeatIn(&r, i18n.English); got != r.Then() {
		t.Errorf("RepeatIn English %q, Then %q", got, r.Then())
	}
}
