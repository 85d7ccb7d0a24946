package charte

import (
	"strings"

	"github.com/crieur/crieur/linters/rule"
	"github.com/crieur/crieur/pipeline"
)

// prose runs the rules that look for words in one part of the post:
// forbidden terms, substitutions, inclusive writing and the charter's own
// rules that point at a place (existence, substitution, capitalization).
// It searches the masked part, so URLs, code, comments, mentions and
// e-mail addresses never match.
func (k *check) prose(part pipeline.Part) {
	m := k.mask(part)
	lower := fold(m)
	for _, t := range k.cc.forbidden {
		for _, sp := range t.ph.findIn(lower) {
			found := part.Source[sp.Start:sp.End]
			msg, hint := k.say("charte.forbidden", "found", found, "term", t.ph.text)
			if t.message != "" {
				hint = t.message
			}
			k.at(part, sp, "charte.forbidden", t.sev, msg, hint, nil)
		}
	}
	for _, t := range k.cc.subs {
		for _, sp := range t.ph.findIn(lower) {
			if t.ph.inside(lower, sp.Start, t.replace) {
				continue
			}
			k.substitute(part, m, sp, "charte.substitution", t.sev, t.replace, t.message, "charte.substitution", false)
		}
	}
	k.inclusive(part, m)
	for _, cr := range k.cc.custom {
		switch cr.kind {
		case "existence":
			for _, sp := range cr.findIn(m, lower) {
				msg, hint := k.say("custom.existence", "found", part.Source[sp.Start:sp.End], "id", cr.id)
				if cr.message != "" {
					hint = cr.message
				}
				k.at(part, sp, cr.id, cr.sev, msg, hint, nil)
			}
		case "substitution":
			if cr.re != nil {
				for _, loc := range cr.re.FindAllStringSubmatchIndex(m, -1) {
					if loc[1] == loc[0] {
						continue
					}
					sp := rule.Span{Start: loc[0], End: loc[1]}
					// $1 in replace takes the group from the source, not the mask:
					// the mask changes no byte of prose.
					repl := string(cr.re.ExpandString(nil, cr.replace, part.Source, loc))
					if written(part.Source, loc[0], loc[1], repl) {
						continue
					}
					k.substitute(part, m, sp, cr.id, cr.sev, repl, cr.message, "custom.substitution", true)
				}
			}
			for _, tok := range cr.tokens {
				for _, sp := range tok.findIn(lower) {
					if tok.inside(lower, sp.Start, cr.replace) {
						continue
					}
					k.substitute(part, m, sp, cr.id, cr.sev, cr.replace, cr.message, "custom.substitution", false)
				}
			}
		case "capitalization":
			for _, tok := range cr.tokens {
				for _, sp := range tok.findIn(lower) {
					found := part.Source[sp.Start:sp.End]
					if found == tok.text {
						continue
					}
					msg, hint := k.say("custom.capitalization", "found", found, "token", tok.text, "id", cr.id)
					if cr.message != "" {
						hint = cr.message
					}
					fix := tok.text
					k.at(part, sp, cr.id, cr.sev, msg, hint, &fix)
				}
			}
		}
	}
}

// substitute reports found at sp, to be replaced with repl: in found's
// case unless verbatim (a pattern's replacement is written as wanted),
// with a fix unless the word before must change too (an elision).
func (k *check) substitute(part pipeline.Part, m string, sp rule.Span, id string, sev pipeline.Severity, repl, charterMsg, msgKey string, verbatim bool) {
	found := part.Source[sp.Start:sp.End]
	if !verbatim {
		repl = adaptCase(found, repl, sentenceStart(m, sp.Start))
	}
	if repl == found {
		return
	}
	msg, hint := k.say(msgKey, "found", found, "replace", repl, "id", id)
	if charterMsg != "" {
		hint = charterMsg
	}
	var fix *string
	if ok, before := elisionOK(m, sp.Start, found, repl); ok {
		fix = &repl
	} else {
		_, h := k.say("elision", "before", before)
		hint += "; " + h
	}
	k.at(part, sp, id, sev, msg, hint, fix)
}

// find returns where a custom rule's pattern and tokens match in s,
// pattern matches first; empty matches are skipped.
func (cr *customRule) find(s string) []rule.Span {
	return cr.findIn(s, fold(s))
}

// findIn is find when fold(s) is at hand.
func (cr *customRule) findIn(s, lower string) []rule.Span {
	var out []rule.Span
	if cr.re != nil {
		for _, loc := range cr.re.FindAllStringIndex(s, -1) {
			if loc[1] > loc[0] {
				out = append(out, rule.Span{Start: loc[0], End: loc[1]})
			}
		}
	}
	for _, tok := range cr.tokens {
		out = append(out, tok.findIn(lower)...)
	}
	return out
}

// written reports whether s[st:en] lies within repl already written
// around it, so a pattern whose replacement holds what it matches
// (Verrière -> La Verrière) does not flag its own fix.
func written(s string, st, en int, repl string) bool {
	found := s[st:en]
	for o := strings.Index(repl, found); o >= 0; {
		if start := st - o; start >= 0 && strings.HasPrefix(s[start:], repl) {
			return true
		}
		next := strings.Index(repl[o+1:], found)
		if next < 0 {
			break
		}
		o += 1 + next
	}
	return false
}
