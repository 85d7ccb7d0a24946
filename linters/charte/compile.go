package charte

import (
	"fmt"
	"regexp"
	"runtime"
	"strings"
	"sync"
	"weak"

	"github.com/crieur/crieur/pipeline"
	"github.com/crieur/crieur/pipeline/i18n"
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
	required  []string  // hashtags every text carries, without #
	problems  []problem // charte.config findings, one each per post
}

// problem is what is wrong in a rule of the charter: a message of the
// catalog (config.<id>) and its placeholders, said in the reader's
// language when a post reports it.
type problem struct {
	id   string
	args i18n.Args
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
	problem := func(id string, args i18n.Args) {
		cc.problems = append(cc.problems, problem{id, args})
	}
	severity := func(where, s string, def pipeline.Severity) (pipeline.Severity, bool) {
		if strings.TrimSpace(s) == "" {
			return def, true
		}
		sev, err := pipeline.ParseSeverity(s)
		if err != nil {
			problem("error", i18n.Args{"where": where, "error": err.Error()})
			return def, true
		}
		return sev, sev != 0
	}
	for i, t := range c.Forbidden {
		where := fmt.Sprintf("forbidden[%d]", i)
		ph, ok := newPhrase(t.Term)
		if !ok {
			problem("no_term", i18n.Args{"where": where})
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
			problem("no_term", i18n.Args{"where": where})
			continue
		case strings.TrimSpace(s.Replace) == "":
			problem("no_replace", i18n.Args{"where": where, "term": s.Term})
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

func compileCustom(i int, r pipeline.CustomRule, problem func(string, i18n.Args), severity func(string, string, pipeline.Severity) (pipeline.Severity, bool)) *customRule {
	where := fmt.Sprintf("rules[%d]", i)
	id := strings.TrimSpace(r.ID)
	if id == "" {
		problem("no_id", i18n.Args{"where": where})
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
		problem("unknown_kind", i18n.Args{"where": where, "kind": r.Kind, "kinds": strings.Join(customKinds, ", ")})
		return nil
	}
	if r.Pattern != "" {
		re, err := pipeline.CompilePattern(r.Pattern)
		if err != nil { // loading the charter reports it at its line; a charter built in code gets it here
			problem("error", i18n.Args{"where": where, "error": err.Error()})
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
		problem("capitalization_tokens", i18n.Args{"where": where})
		return nil
	case cr.re == nil && len(cr.tokens) == 0:
		problem("no_pattern", i18n.Args{"where": where})
		return nil
	case r.Kind == "substitution" && r.Replace == "":
		problem("substitution_replace", i18n.Args{"where": where})
		return nil
	case r.Kind == "occurrence" && r.Min == 0 && r.Max == 0:
		problem("occurrence_bounds", i18n.Args{"where": where})
		return nil
	case r.Kind == "occurrence" && r.Max > 0 && r.Min > r.Max:
		problem("min_max", i18n.Args{"where": where, "min": r.Min, "max": r.Max})
		return nil
	}
	sev, on := severity(where, r.Severity, customDefault)
	if !on {
		return nil
	}
	cr.sev = sev
	return cr
}
