package content

import (
	"strings"
	"time"

	"github.com/teambition/rrule-go"
	"gopkg.in/yaml.v3"

	"github.com/crieur/crieur/pipeline"
	"github.com/crieur/crieur/pipeline/i18n"
)

// repeatNodes are the keys of a repeat: mapping, as read.
type repeatNodes struct {
	every, on, rule, end *yaml.Node
	except               []*yaml.Node // the days of except: that were read, as rep.Except
}

// readRepeat reads a repeat: mapping. The short form (every:, until:,
// count:) steps by pipeline.Interval; on: or rule: make a calendar rule
// (RFC 5545 RRULE), expanded here from start (publish_at) in loc.
func (d *yamlDoc) readRepeat(v *yaml.Node, start time.Time, loc *time.Location) *pipeline.Repeat {
	rep := &pipeline.Repeat{}
	var n repeatNodes
	for _, kv := range d.pairs(v, "repeat") {
		switch kv.key.Value {
		case "every":
			n.every = kv.val
			rep.Every, _ = d.readEvery(kv.val)
		case "until":
			n.end = kv.key
			if s, ok := d.str(kv.val, "repeat.until"); ok {
				t, err := pipeline.ParseDay(s, loc)
				if err != nil {
					msg, hint := d.split(err)
					d.add(kv.val, "schema.repeat", "repeat.until: "+msg, hint)
				}
				rep.Until = t
			}
		case "count":
			n.end = kv.key
			if c, ok := d.integer(kv.val, "repeat.count"); ok {
				if c < 1 {
					d.add(kv.val, "schema.repeat", d.text("repeat.count", nil), "")
				}
				rep.Count = c
			}
		case "on":
			n.on = kv.val
		case "rule":
			n.rule = kv.val
		case "except":
			rep.Except, n.except = d.readExcept(kv.val, loc)
		default:
			d.unknownKey(kv.key, "repeat", []string{"every", "until", "count", "on", "rule", "except"},
				map[string]string{"end": "more_alias.until", "times": "more_alias.count", "interval": "more_alias.every",
					"rrule": "more_alias.rule", "exdate": "more_alias.except", "exceptions": "more_alias.except", "days": "more_alias.on",
					"sauf": "more_alias.english_except", "behalve": "more_alias.english_except", "jours": "more_alias.english_on",
					"dagen": "more_alias.english_on", "règle": "more_alias.english_rule", "regel": "more_alias.english_rule"})
		}
	}
	if !d.repeatShape(v, n) {
		return nil
	}
	if n.on == nil && n.rule == nil {
		if rep.Every.N == 0 {
			return nil
		}
		if len(n.except) > 0 {
			d.checkExcept(n.except, rep, shortForm(rep, start))
		}
		return rep
	}
	opt := d.ruleOption(n, rep, loc)
	if opt == nil {
		return nil
	}
	return d.expandRule(v, n, rep, opt, start)
}

// repeatShape checks which keys go together: every: or rule:, on: only
// with every:, and an end (until:, count:, or UNTIL/COUNT in rule:).
func (d *yamlDoc) repeatShape(v *yaml.Node, n repeatNodes) bool {
	switch {
	case n.every == nil && n.rule == nil:
		d.said(v, "schema.repeat", "repeat.no_every", nil)
		return false
	case n.every != nil && n.rule != nil:
		d.said(n.rule, "schema.repeat", "repeat.both", nil)
		return false
	case n.on != nil && n.rule != nil:
		d.said(n.on, "schema.repeat", "repeat.on_rule", nil)
		return false
	case n.end == nil && (n.rule == nil || !ruleHasEnd(n.rule.Value)):
		d.said(v, "schema.repeat", "repeat.no_end", nil)
		return false
	}
	return true
}

// readEvery reads repeat.every.
func (d *yamlDoc) readEvery(v *yaml.Node) (pipeline.Interval, bool) {
	s, ok := d.str(v, "repeat.every")
	if !ok {
		return pipeline.Interval{}, false
	}
	iv, err := ParseInterval(s)
	if err != nil {
		msg := err.Error()
		if ie, ok := err.(*intervalError); ok {
			msg = d.text("repeat.every."+ie.id, i18n.Args{"value": d.q(ie.s)})
		}
		d.add(v, "schema.repeat", msg, d.text("repeat.every.hint", nil))
		return pipeline.Interval{}, false
	}
	return iv, true
}

// readExcept reads repeat.except: days (YYYY-MM-DD) on which an
// occurrence is skipped, at midnight in loc.
func (d *yamlDoc) readExcept(v *yaml.Node, loc *time.Location) ([]time.Time, []*yaml.Node) {
	days, nodes := d.strList(v, "repeat.except")
	var out []time.Time
	var read []*yaml.Node
	for i, s := range days {
		t, err := time.ParseInLocation(time.DateOnly, s, loc)
		if err != nil {
			d.said(nodes[i], "schema.repeat", "repeat.except_day", i18n.Args{"value": d.q(s)})
			continue
		}
		out = append(out, t)
		read = append(read, nodes[i])
	}
	return out, read
}

// shortForm lists every occurrence of a short-form repeat, none skipped.
func shortForm(rep *pipeline.Repeat, start time.Time) []time.Time {
	if start.IsZero() || rep.Every.N == 0 {
		return nil
	}
	all := *rep
	all.Except = nil
	p := pipeline.Post{PublishAt: start, Repeat: &all}
	return p.Occurrences(start, rep.Bound(start, 100000))
}

// checkExcept reports a day of except: on which no occurrence falls.
func (d *yamlDoc) checkExcept(nodes []*yaml.Node, rep *pipeline.Repeat, all []time.Time) {
	if len(all) == 0 {
		return
	}
	for i, day := range rep.Except {
		if occursOn(all, day) {
			continue
		}
		d.said(nodes[i], "schema.repeat", "repeat.except_none", i18n.Args{"day": d.day(day), "around": d.around(all, day)})
	}
}

func occursOn(all []time.Time, day time.Time) bool {
	y, m, dd := day.Date()
	for _, t := range all {
		if ty, tm, td := t.In(day.Location()).Date(); ty == y && tm == m && td == dd {
			return true
		}
	}
	return false
}

// around names the occurrences just before and after day.
func (d *yamlDoc) around(all []time.Time, day time.Time) string {
	var out []string
	for i, t := range all {
		if !t.Before(day) {
			if i > 0 {
				out = append(out, d.dayShort(all[i-1]))
			}
			out = append(out, d.dayShort(t))
			return strings.Join(out, ", ")
		}
	}
	return d.text("repeat.the_last", i18n.Args{"day": d.dayShort(all[len(all)-1])})
}

// ruleOption is the rule of a repeat written with rule: or with every:
// and on:, its end taken from until: or count: when given there.
func (d *yamlDoc) ruleOption(n repeatNodes, rep *pipeline.Repeat, loc *time.Location) *rrule.ROption {
	var opt *rrule.ROption
	if n.rule != nil {
		opt, rep.Rule = d.readRule(n.rule, loc)
	} else if opt, rep.On = d.readOn(n.on, rep.Every); opt != nil {
		rep.Rule = opt.RRuleString()
	}
	if opt == nil {
		return nil
	}
	if n.end != nil && (opt.Count > 0 || !opt.Until.IsZero()) {
		d.said(n.end, "schema.repeat", "repeat.end_twice", i18n.Args{"key": n.end.Value})
		return nil
	}
	if n.end != nil {
		opt.Count, opt.Until = rep.Count, rep.Until
	}
	rep.Count, rep.Until = opt.Count, opt.Until
	return opt
}

// expandRule lists the rule's occurrences from start, at most
// pipeline.MaxRuleOccurrences, and checks that start is the first and
// that every day of except: is one.
func (d *yamlDoc) expandRule(v *yaml.Node, n repeatNodes, rep *pipeline.Repeat, opt *rrule.ROption, start time.Time) *pipeline.Repeat {
	at := n.rule
	if at == nil {
		at = n.on
	}
	if start.IsZero() {
		return rep // no publish_at: reported elsewhere
	}
	opt.Dtstart = start
	r, err := rrule.NewRRule(*opt)
	if err != nil {
		d.add(at, "schema.repeat", "repeat: "+err.Error(), d.text("repeat.rule.hint", nil))
		return nil
	}
	next := r.Iterator()
	for t, ok := next(); ok; t, ok = next() {
		if len(rep.Times) == pipeline.MaxRuleOccurrences {
			d.said(v, "schema.repeat", "repeat.too_many", i18n.Args{"max": pipeline.MaxRuleOccurrences, "date": t.Format(time.DateOnly)})
			return nil
		}
		rep.Times = append(rep.Times, t)
	}
	if len(rep.Times) == 0 {
		d.said(at, "schema.repeat", "repeat.none", nil)
		return nil
	}
	if first := rep.Times[0]; !first.Equal(start) {
		d.said(at, "schema.repeat", "repeat.not_first", i18n.Args{"start": d.day(start), "first": d.day(first), "write": first.Format("2006-01-02 15:04")})
		return nil
	}
	d.checkExcept(n.except, rep, rep.Times)
	return rep
}
