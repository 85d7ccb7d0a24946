package content

import (
	"strconv"
	"strings"

	"github.com/crieur/crieur/pipeline"
	"github.com/crieur/crieur/pipeline/i18n"
)

// TimeErrorIn is what is wrong with a written date, and how to write it,
// in l: the TimeError's own English, or the catalog's time.<ID>. The
// date as written is quoted the way l quotes.
func TimeErrorIn(te *pipeline.TimeError, l i18n.Lang) (msg, hint string) {
	if l == i18n.English || l == "" || !say.Has("time."+te.ID+".message") {
		return te.Msg, te.Hint
	}
	return timeText(te, l)
}

// timeText is the catalog's time.<ID> in l.
func timeText(te *pipeline.TimeError, l i18n.Lang) (msg, hint string) {
	args := i18n.Args{}
	for k, v := range te.Args {
		args[k] = v
	}
	if v, ok := te.Args["value"]; ok {
		quoted := strconv.Quote(v)
		args["value"] = say.Text(l, "quoted", i18n.Args{"text": quoted[1 : len(quoted)-1]})
	}
	if r, ok := te.Args["reason"]; ok {
		args["reason"] = reasonIn(r, l)
	}
	return say.Text(l, "time."+te.ID+".message", args), say.Text(l, "time."+te.ID+".hint", args)
}

// reasonIn is what Go's time.Parse found wrong ("month out of range"),
// in l when the catalog has it.
func reasonIn(reason string, l i18n.Lang) string {
	part, _ := strings.CutSuffix(reason, " out of range")
	if part == "out of range" || part == "" {
		part = "out_of_range"
	}
	if say.Has("time.reason." + part) {
		return say.Text(l, "time.reason."+part, nil)
	}
	return reason
}

// RepeatIn says how a post repeats after its first occurrence, in l:
// "every 2 weeks", "every month on first tuesday", "by the rule
// FREQ=MONTHLY;BYDAY=1TU;COUNT=6", with ", except N days" when days are
// skipped (pipeline.Repeat.Then in English). The days of on: and the
// rule stay as the post wrote them.
func RepeatIn(r *pipeline.Repeat, l i18n.Lang) string {
	var s string
	switch {
	case r.Every.N == 0:
		s = say.Text(l, "then.rule", i18n.Args{"rule": r.Rule})
	case !say.Has("then.every." + r.Every.Unit):
		return r.Then()
	default:
		s = say.Count(l, "then.every."+r.Every.Unit, r.Every.N, nil)
		if len(r.On) > 0 {
			s = say.Text(l, "then.on", i18n.Args{"every": s, "on": strings.Join(r.On, ", ")})
		}
	}
	if len(r.Except) > 0 {
		s += say.Count(l, "then.except", len(r.Except), nil)
	}
	return s
}
