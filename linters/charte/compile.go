package charte

import (
	"fmt"
	"regexp"
	"runtime"
	"strings"
	"sync"
	"weak"

	"github.com/crieur/crieur/pipeline"
)

// compiled is a charter made ready to check posts: every term, token and
// pattern compiled once, and what is wrong in the charter itself.
type compiled struct {
	forbidden []termRule
	subs      []termRule
	custom    []*customRule
	sponsored []*phrase // the accepted mentions of a sponsored post
	retouched []*phrase
	virtual   []*phrase
	required  []string // hashtags every text carries, without #
	problems  []string // charte.config findings, one each per post
}

// termRule is a forbidden term or a substitution.
type termRule struct {
	ph      *phrase
	replace string // substitutions only
	message string // the charter's, shown as the hint
	sev     pipeline.Severity
}

// customRule is one entry of the charter's rules: list.
type customRule struct {
	id, kind string
	message  string
	sev      pipeline.Severity
	re       *regexp.Regexp // pattern, or nil
	tokens   []*phrase
	replace  string
	min, max int // occurrence; max 0: no maximum
}

// cache holds the compiled charters, keyed by a weak pointer to the
// charter, so a charter is compiled once per process and its compiled
// form goes when the charter does. A charter is read-only once loaded.
var cache sync.Map // weak.Pointer[pipeline.Charter] -> *compiled

func compiledFor(c *pipeline.Charter) *compiled {
	key := weak.Make(c)
	if v, ok := cache.Load(key); ok {
		return v.(*compiled)
	}
	v, loaded := cache.LoadOrStore(key, compile(c))
	if !loaded {
		runtime.AddCleanup(c, func(k weak.Pointer[pipeline.Charter]) { cache.Delete(k) }, key)
	}
	return v.(*compiled)
}

// Default severities of the rules whose entries in the charter may say
// their own.
const (
	forbiddenDefault    = pipeline.Error
	substitutionDefault = pipeline.Warning
	customDefault       = pipeline.Warning
)

func compile(c *pipeline.Charter) *compiled {
	cc := &compiled{}
	problem := func(format string, args ...any) {
		cc.problems = append(cc.problems, fmt.Sprintf(format, args...))
	}
	severity := func(where, s string, def pipeline.Severity) (pipeline.Severity, bool) {
		if strings.TrimSpace(s) == "" {
			return def, true
		}
		sev, err := pipeline.ParseSeverity(s)
		if err != nil {
			problem("%s: %v", where, err)
			return def, true
		}
		return sev, sev != 0
	}
	for i, t := range c.Forbidden {
		where := fmt.Sprintf("forbidden[%d]", i)
		ph, ok := newPhrase(t.Term)
		if !ok {
			problem("%s has no term", where)
			continue
		}
		if sev, on := severity(where+" ("+t.Term+")", t.Severity, forbiddenDefault); on {
			cc.forbidden = append(cc.forbidden, termRule{ph: ph, message: t.Message, sev: sev})
		}
	}
	for i, s := range c.Substitute {
		where := fmt.Sprintf("substitutions[%d]", i)
		ph, ok := newPhrase(s.Term)
		switch {
		case !ok:
			problem("%s has no term", where)
			continue
		case strings.TrimSpace(s.Replace) == "":
			problem("%s (%s) has no replace:", where, s.Term)
			continue
		}
		if sev, on := severity(where+" ("+s.Term+")", s.Severity, substitutionDefault); on {
			cc.subs = append(cc.subs, termRule{ph: ph, replace: strings.TrimSpace(s.Replace), message: s.Message, sev: sev})
		}
	}
	for i, r := range c.Rules {
		if cr := compileCustom(i, r, problem, severity); cr != nil {
			cc.custom = append(cc.custom, cr)
		}
	}
	phrases := func(list []string) []*phrase {
		var out []*phrase
		for _, s := range list {
			if ph, ok := newPhrase(s); ok {
				out = append(out, ph)
			}
		}
		return out
	}
	accepted := data.Mentions.Sponsored
	if len(c.Sponsored.Accepted) > 0 {
		accepted = c.Sponsored.Accepted
	}
	cc.sponsored = phrases(accepted)
	cc.retouched = phrases(data.Mentions.Retouched)
	cc.virtual = phrases(data.Mentions.Virtual)
	for _, h := range c.Hashtags.Required {
		if h = strings.TrimPrefix(strings.TrimSpace(h), "#"); h != "" {
			cc.required = append(cc.required, h)
		}
	}
	return cc
}

var customKinds = []string{"existence", "substitution", "occurrence", "capitalization"}

func compileCustom(i int, r pipeline.CustomRule, problem func(string, ...any), severity func(string, string, pipeline.Severity) (pipeline.Severity, bool)) *customRule {
	where := fmt.Sprintf("rules[%d]", i)
	id := strings.TrimSpace(r.ID)
	if id == "" {
		problem("%s has no id", where)
		return nil
	}
	where += " (" + id + ")"
	if !strings.HasPrefix(id, "charte.") {
		id = "charte." + id
	}
	cr := &customRule{id: id, kind: r.Kind, message: strings.TrimSpace(r.Message), replace: r.Replace, min: r.Min, max: r.Max}
	known := false
	for _, k := range customKinds {
		known = known || r.Kind == k
	}
	if !known {
		problem("%s: kind %q is not one of %s", where, r.Kind, strings.Join(customKinds, ", "))
		return nil
	}
	if r.Pattern != "" {
		re, err := pipeline.CompilePattern(r.Pattern)
		if err != nil { // loading the charter reports it at its line; a charter built in code gets it here
			problem("%s: %v", where, err)
			return nil
		}
		cr.re = re
	}
	for _, t := range r.Tokens {
		if ph, ok := newPhrase(t); ok {
			cr.tokens = append(cr.tokens, ph)
		}
	}
	switch {
	case r.Kind == "capitalization" && len(cr.tokens) == 0:
		problem("%s: a capitalization rule needs tokens: (the words as they must be spelled)", where)
		return nil
	case cr.re == nil && len(cr.tokens) == 0:
		problem("%s has neither pattern: nor tokens:", where)
		return nil
	case r.Kind == "substitution" && r.Replace == "":
		problem("%s: a substitution rule needs replace:", where)
		return nil
	case r.Kind == "occurrence" && r.Min == 0 && r.Max == 0:
		problem("%s: an occurrence rule needs min: or max:", where)
		return nil
	case r.Kind == "occurrence" && r.Max > 0 && r.Min > r.Max:
		problem("%s: min %d is more than max %d", where, r.Min, r.Max)
		return nil
	}
	sev, on := severity(where, r.Severity, customDefault)
	if !on {
		return nil
	}
	cr.sev = sev
	return cr
}
