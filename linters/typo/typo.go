package typo

import (
	"strings"

	"github.com/crieur/crieur/linters/rule"
	"github.com/crieur/crieur/pipeline"
	"github.com/crieur/crieur/pipeline/content"
	"github.com/crieur/crieur/pipeline/i18n"
)

// French checks French typography in French posts when the brand's
// charter asks for it (typography.french: true). typography.space chooses
// the space before ; ! ? and inside « » (narrow, U+202F, by default;
// nbsp, U+00A0, costs less on X); typography.quebec: true (or lang fr-CA)
// puts no space before ; ! ?.
type French struct{}

var _ rule.Rule = French{}

// Infos lists the ids French reports, all warnings by default (the
// charter's severity: can change them).
func (French) Infos() []rule.Info {
	out := make([]rule.Info, 0, len(ruleIDs))
	for _, id := range ruleIDs {
		out = append(out, rule.Info{ID: id, Description: describe(id), Default: pipeline.Warning})
	}
	return out
}

// Check looks at every piece of prose of the post that goes out: the body
// or its thread parts, the variants and the first comment.
func (French) Check(c *rule.Context, f *content.File) []pipeline.Finding {
	if c == nil || c.Repo == nil || f == nil || f.Post == nil {
		return nil
	}
	st, ok := styleFor(c.Repo.CharterFor(f.Post.Brand), f.Post.Lang)
	if !ok {
		return nil
	}
	var out []pipeline.Finding
	for _, part := range rule.Parts(f.Post) {
		fd := rule.NewFinder(f, part)
		for _, is := range scan(part.Source, rule.Mask(part.Source), st) {
			msg, hint := render(c.Language, is)
			repl := is.repl
			fnd := fd.At(rule.Span{Start: is.start, End: is.end}, is.id, pipeline.Warning, msg, hint, &repl)
			out = append(out, fnd)
		}
	}
	return out
}

// styleFor says whether a post in lang gets French typography under
// charter ch, and which. A post without a language is in the charter's
// first language (French when the charter names none).
func styleFor(ch *pipeline.Charter, lang string) (style, bool) {
	if ch == nil || !ch.Typography.French {
		return style{}, false
	}
	lang = strings.ToLower(strings.ReplaceAll(strings.TrimSpace(lang), "_", "-"))
	if lang == "" {
		lang = "fr"
		if len(ch.Languages) > 0 {
			lang = strings.ToLower(strings.TrimSpace(ch.Languages[0]))
		}
	}
	if lang != "fr" && !strings.HasPrefix(lang, "fr-") {
		return style{}, false
	}
	st := style{space: narrowSpace, quebec: ch.Typography.Quebec || lang == "fr-ca" || strings.HasPrefix(lang, "fr-ca-")}
	if ch.Typography.Space == "nbsp" {
		st.space = noBreakSpace
	}
	return st, true
}

// Describe says rule id in l (rule.Described).
func (French) Describe(l i18n.Lang, id string) string {
	return say.Line(l, "about."+id, nil)
}
