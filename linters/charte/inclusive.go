package charte

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/crieur/crieur/linters/rule"
	"github.com/crieur/crieur/pipeline"
)

// Inclusive writing (charter key inclusive:).
//
//   - forbid: the point médian between letters (« spectateur·ices »,
//     « ami·e·s »), and the same forms written with dots (« ami.e.s »,
//     « acteur.rice.s ») are flagged; no fix, as a doublet needs a writer.
//   - require: inclusive forms written with another separator (« ami.e.s »,
//     « ami-e-s », « ami(e)s », « ami•e•s ») are flagged, with the point
//     médian form as the fix (« ami·e·s »). The checker does not look for
//     masculine generics: that needs grammar.
//   - allow, or nothing: no check.
//
// Dotted forms must end in a feminine suffix of defaults.yml, in the case
// of the word, and must not be part of a longer dotted or slashed run, so
// domain names (verriere.example.org) and abbreviations (p.ex.) are not
// inclusive writing. URLs and e-mail addresses are masked before.
var (
	letters   = `[\p{L}\p{M}]`
	medianRE  = regexp.MustCompile(letters + `+(?:[` + regexp.QuoteMeta(data.Inclusive.Median+data.Inclusive.Lookalikes) + `]` + letters + `+)+`)
	dotRE     = regexp.MustCompile(letters + `{2,}(?:\.` + letters + `+)+`)
	hyphenRE  = regexp.MustCompile(letters + `{2,}(?:` + hyphenClass + letters + `+)+`)
	parenRE   = regexp.MustCompile(letters + `{2,}\((` + letters + `+)\)(` + letters + `*)`)
	suffixes  = lowerSet(data.Inclusive.Suffixes)
	hyphenOne = lowerSet(data.Inclusive.HyphenSingle)
	median    = data.Inclusive.Median
)

func (k *check) inclusive(part pipeline.Part, m string) {
	if k.ch.Inclusive != "forbid" && k.ch.Inclusive != "require" {
		return
	}
	// The expressions scan every word: run each only when the text holds
	// its separator between two letters.
	hasMedian := strings.ContainsAny(m, median+data.Inclusive.Lookalikes)
	hasDot := joins(m, func(r rune) bool { return r == '.' })
	switch k.ch.Inclusive {
	case "forbid":
		if !hasMedian && !hasDot {
			return
		}
		for _, loc := range medianRE.FindAllStringIndex(m, -1) {
			form := m[loc[0]:loc[1]]
			if strings.Contains(form, median) || feminine(splitAny(form, data.Inclusive.Lookalikes), nil) {
				k.inclusiveFinding(part, loc, "charte.inclusive", "")
			}
		}
		for _, loc := range dotRE.FindAllStringIndex(m, -1) {
			if dotted(m, loc) {
				k.inclusiveFinding(part, loc, "charte.inclusive", "")
			}
		}
	case "require":
		if !hasMedian && !hasDot && !joins(m, isHyphen) && !strings.Contains(m, "(") {
			return
		}
		for _, loc := range medianRE.FindAllStringIndex(m, -1) {
			form := m[loc[0]:loc[1]]
			if strings.ContainsAny(form, data.Inclusive.Lookalikes) {
				if segs := splitAny(form, median+data.Inclusive.Lookalikes); feminine(segs, nil) {
					k.inclusiveFinding(part, loc, "charte.inclusive.require", strings.Join(segs, median))
				}
			}
		}
		for _, loc := range dotRE.FindAllStringIndex(m, -1) {
			if dotted(m, loc) {
				k.inclusiveFinding(part, loc, "charte.inclusive.require", strings.ReplaceAll(m[loc[0]:loc[1]], ".", median))
			}
		}
		for _, loc := range hyphenRE.FindAllStringIndex(m, -1) {
			segs := splitAny(m[loc[0]:loc[1]], "-‐‑")
			if feminine(segs, hyphenOne) {
				k.inclusiveFinding(part, loc, "charte.inclusive.require", strings.Join(segs, median))
			}
		}
		for _, loc := range parenRE.FindAllStringSubmatchIndex(m, -1) {
			base, suf, tail := m[loc[0]:loc[2]-1], m[loc[2]:loc[3]], m[loc[4]:loc[5]]
			segs := []string{base, suf}
			if tail != "" {
				segs = append(segs, tail)
			}
			if feminine(segs, nil) && (loc[1] == len(m) || !isWord(firstRune(m[loc[1]:]))) {
				k.inclusiveFinding(part, loc[:2], "charte.inclusive.require", strings.Join(segs, median))
			}
		}
	}
}

func (k *check) inclusiveFinding(part pipeline.Part, loc []int, key, replace string) {
	found := part.Source[loc[0]:loc[1]]
	msg, hint := k.say(key, "found", found, "replace", replace)
	sev := pipeline.Error
	var fix *string
	if replace != "" {
		sev, fix = pipeline.Warning, &replace
	}
	k.at(part, rule.Span{Start: loc[0], End: loc[1]}, "charte.inclusive", sev, msg, hint, fix)
}

// joins reports whether s has a separator (sep) between two letters.
func joins(s string, sep func(rune) bool) bool {
	prev := rune(0)
	for i, r := range s {
		if sep(r) && unicode.IsLetter(prev) {
			if next, _ := utf8.DecodeRuneInString(s[i+utf8.RuneLen(r):]); unicode.IsLetter(next) {
				return true
			}
		}
		prev = r
	}
	return false
}

// dotted reports whether the dotted run at loc of s is an inclusive form
// (« ami.e.s ») rather than a domain, a path or an abbreviation.
func dotted(s string, loc []int) bool {
	if loc[0] > 0 {
		if r := lastRune(s[:loc[0]]); strings.ContainsRune("./@:_", r) || unicode.IsDigit(r) {
			return false
		}
	}
	if loc[1] < len(s) {
		rest := s[loc[1]:]
		r := firstRune(rest)
		if strings.ContainsRune("/@_", r) || unicode.IsDigit(r) || r == '.' && len(rest) > 1 && unicode.IsDigit(firstRune(rest[1:])) {
			return false
		}
	}
	return feminine(strings.Split(s[loc[0]:loc[1]], "."), nil)
}

// feminine reports whether segs is a word, a feminine suffix and
// optionally a plural s: [ami e s], [acteur rice s], [tou te s]. Two
// segments need a suffix of single when single is not nil. The suffix
// and the s are in the case of the word: « AMI.E.S », not « fin.Les ».
func feminine(segs []string, single map[string]bool) bool {
	if len(segs) < 2 || len(segs) > 3 || len([]rune(segs[0])) < 2 {
		return false
	}
	caps := isUpperWord(segs[0])
	for _, s := range segs[1:] {
		if caps && s != strings.ToUpper(s) || !caps && s != strings.ToLower(s) {
			return false
		}
	}
	suf := strings.ToLower(segs[1])
	if len(segs) == 2 {
		if single != nil {
			return single[suf]
		}
		return suffixes[suf]
	}
	return suffixes[suf] && strings.ToLower(segs[2]) == "s"
}

func isUpperWord(s string) bool {
	n := 0
	for _, r := range s {
		if unicode.IsLower(r) {
			return false
		}
		if unicode.IsUpper(r) {
			n++
		}
	}
	return n >= 2
}

func splitAny(s, seps string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return strings.ContainsRune(seps, r) })
}

func firstRune(s string) rune {
	for _, r := range s {
		return r
	}
	return 0
}

func lastRune(s string) rune {
	r, _ := utf8.DecodeLastRuneInString(s)
	return r
}
