package content

import (
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/teambition/rrule-go"
	"gopkg.in/yaml.v3"

	"github.com/crieur/crieur/pipeline"
	"github.com/crieur/crieur/pipeline/i18n"
)

// ruleKeys are the parts of an RRULE a repeat may have. DTSTART is
// publish_at; BYHOUR, BYMINUTE and BYSECOND would post several times a
// day (the time of day is publish_at's); BYEASTER is not RFC 5545.
var ruleKeys = []string{"FREQ", "INTERVAL", "COUNT", "UNTIL", "BYDAY", "BYMONTHDAY", "BYMONTH", "BYYEARDAY", "BYWEEKNO", "BYSETPOS", "WKST"}

// ruleFreqs are the frequencies a post may repeat at: daily at most.
var ruleFreqs = []string{"DAILY", "WEEKLY", "MONTHLY", "YEARLY"}

// rulePart is one KEY=VALUE of a rule, with its byte offset in the
// YAML value.
type rulePart struct {
	key, value string
	off        int
}

// splitRule cuts a rule into its parts, upper-cased: an optional RRULE:
// in front, KEY=VALUE parts separated by ; (spaces and tabs around them
// do not count), an optional ; at the end. An empty part keeps its
// place, as a part with no key.
func splitRule(s string) []rulePart {
	body := strings.TrimRight(s, " \t")
	body = strings.TrimSuffix(body, ";")
	off := len(s) - len(strings.TrimLeft(s, " \t"))
	if strings.HasPrefix(asciiUpper(s[off:]), "RRULE:") {
		off += len("RRULE:")
	}
	if off >= len(body) {
		return nil
	}
	var out []rulePart
	for _, raw := range strings.Split(body[off:], ";") {
		start := off + len(raw) - len(strings.TrimLeft(raw, " \t"))
		off += len(raw) + 1
		k, v, _ := strings.Cut(asciiUpper(strings.Trim(raw, " \t")), "=")
		out = append(out, rulePart{key: strings.Trim(k, " \t"), value: strings.Trim(v, " \t"), off: start})
	}
	return out
}

// asciiUpper upper-cases ASCII letters only: an RRULE is ASCII, and
// strings.ToUpper would read a dotless ı as I.
func asciiUpper(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' {
			return r - 'a' + 'A'
		}
		return r
	}, s)
}

// ruleHasEnd reports whether a rule gives COUNT or UNTIL.
func ruleHasEnd(s string) bool {
	for _, p := range splitRule(s) {
		if p.key == "COUNT" || p.key == "UNTIL" {
			return true
		}
	}
	return false
}

// addIn reports a finding at byte off of a one-line scalar's value.
func (d *yamlDoc) addIn(n *yaml.Node, off int, rule, msg, hint string) {
	p := d.pos(n)
	if n.Line > 0 && !strings.Contains(n.Value, "\n") && (n.Style == 0 || n.Style == yaml.DoubleQuotedStyle || n.Style == yaml.SingleQuotedStyle || n.Style == yaml.FlowStyle) {
		if n.Style == yaml.DoubleQuotedStyle || n.Style == yaml.SingleQuotedStyle {
			p.Col++
		}
		p.Col += off
	}
	d.findings = append(d.findings, pipeline.Finding{
		Path: d.path, Line: p.Line, Col: p.Col,
		Rule: rule, Severity: pipeline.Error, Message: msg, Hint: hint,
	})
}

// readRule reads repeat.rule, an RFC 5545 RRULE, part by part so that an
// error points at its part.
func (d *yamlDoc) readRule(n *yaml.Node, loc *time.Location) (*rrule.ROption, string) {
	s, ok := d.str(n, "repeat.rule")
	if !ok {
		return nil, ""
	}
	parts := splitRule(s)
	if strings.Contains(s, "\n") || len(parts) == 0 {
		d.add(n, "schema.repeat", d.text("repeat.rule.not_rule", i18n.Args{"value": d.q(s)}), d.text("repeat.rule.hint", nil))
		return nil, ""
	}
	seen := map[string]bool{}
	var kept []string
	for _, p := range parts {
		if m := checkRulePart(p, seen); m.id != "" {
			msg, hint := d.rulePartIn(m)
			d.addIn(n, p.off, "schema.repeat", "repeat.rule: "+msg, hint)
			return nil, ""
		}
		kept = append(kept, p.key+"="+p.value)
	}
	if !seen["FREQ"] {
		d.said(n, "schema.repeat", "repeat.rule.no_freq", nil)
		return nil, ""
	}
	opt, err := rrule.StrToROptionInLocation(strings.Join(kept, ";"), loc)
	if err == nil {
		_, err = rrule.NewRRule(*opt)
	}
	if err != nil {
		d.add(n, "schema.repeat", "repeat.rule: "+err.Error(), d.text("repeat.rule.hint", nil))
		return nil, ""
	}
	for _, p := range parts {
		if p.key == "UNTIL" && len(p.value) == len("20060102") {
			opt.Until = opt.Until.AddDate(0, 0, 1).Add(-time.Second) // the whole day, as until:
		}
	}
	return opt, strings.Join(kept, ";")
}

// checkRulePart judges one part of a rule on its own: a known key, once,
// a value the library reads, a frequency of a day or more. Its message
// is the catalog's (repeat.rule.*), its id empty when the part is good.
func checkRulePart(p rulePart, seen map[string]bool) message {
	args := i18n.Args{"key": p.key, "value": p.value}
	if p.key == "" && p.value == "" {
		return message{"repeat.rule.empty_part", nil}
	}
	if p.value == "" {
		return message{"repeat.rule.not_kv", i18n.Args{"value": p.key, "quote": true}}
	}
	if !slices.Contains(ruleKeys, p.key) {
		switch p.key {
		case "DTSTART":
			return message{"repeat.rule.dtstart", nil}
		case "BYHOUR", "BYMINUTE", "BYSECOND":
			return message{"repeat.rule.by_time", args}
		}
		return message{"repeat.rule.unknown", args}
	}
	if seen[p.key] {
		return message{"repeat.rule.twice", args}
	}
	seen[p.key] = true
	if p.key == "FREQ" && !slices.Contains(ruleFreqs, p.value) {
		switch p.value {
		case "HOURLY", "MINUTELY", "SECONDLY":
			return message{"repeat.rule.flood", args}
		}
		return message{"repeat.rule.freq", args}
	}
	if (p.key == "COUNT" || p.key == "INTERVAL") && !positive(p.value) {
		return message{"repeat.rule.positive", args}
	}
	freq := "FREQ=YEARLY;"
	if p.key == "FREQ" {
		freq = ""
	}
	if _, err := rrule.StrToROption(freq + p.key + "=" + p.value); err != nil {
		return message{"repeat.rule.unreadable", args}
	}
	return message{}
}

// rulePartIn is what checkRulePart found, and its hint, in the
// document's language.
func (d *yamlDoc) rulePartIn(m message) (msg, hint string) {
	if m.args["quote"] == true {
		m.args["value"] = d.q(m.args["value"].(string))
	}
	msg, hint = d.in(m)
	switch m.id {
	case "repeat.rule.not_kv":
		hint = d.text("repeat.rule.hint", nil)
	case "repeat.rule.unknown":
		hint = hintOr(d.suggest(m.args["key"].(string), ruleKeys), d.text("repeat.rule.unknown.known", i18n.Args{"list": strings.Join(ruleKeys, ", ")}))
	case "repeat.rule.unreadable":
		hint = d.partHint(m.args["key"].(string))
	}
	return msg, hint
}

func positive(s string) bool {
	n, err := strconv.Atoi(s)
	return err == nil && n >= 1 && n <= 9999 && !strings.HasPrefix(s, "+")
}

// partHint says how a part's value is written.
func (d *yamlDoc) partHint(key string) string {
	switch key {
	case "BYDAY", "UNTIL", "WKST":
		return d.text("repeat.rule."+strings.ToLower(key)+"_hint", nil)
	}
	return d.text("repeat.rule.numbers_hint", i18n.Args{"key": key})
}
