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
		lines := map[int]int{} // line start in the part -> its offset in the file, -1: not a copy
		for _, is := range scan(part.Source, rule.Mask(part.Source), st) {
			msg, hint := render(c.Language, is)
			repl := is.repl
			fnd := fd.At(rule.Span{Start: is.start, End: is.end}, is.id, pipeline.Warning, msg, hint, &repl)
			if fnd.Fix != nil && !sameInFile(fd, lines, is.start, is.end, fnd.Fix) {
				fnd.Fix = nil
			}
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

// sameInFile reports whether a fix may be applied: the line of the part
// that holds bytes [start, end) is, byte for byte, a line of the file at
// the place the fix names. It is not for a YAML value written in quotes
// (in single quotes, two apostrophes of the file are one of the value) or
// folded over several lines: positions in such a value do not map onto
// the file's bytes.
//
// lines remembers the answer for each line of the part: comparing a line
// for every finding on it was quadratic on a post written on one line.
func sameInFile(fd rule.Finder, lines map[int]int, start, end int, fix *pipeline.Fix) bool {
	ls, _ := fd.Line(start)
	a, ok := lines[ls]
	if !ok {
		a = lineInFile(fd, ls)
		lines[ls] = a
	}
	return a >= 0 && fix.Start == a+(start-ls) && fix.End == a+(end-ls)
}

// lineInFile is the offset in the file of the line of the part starting
// at ls when the file holds it byte for byte, -1 otherwise.
func lineInFile(fd rule.Finder, ls int) int {
	f, src := fd.File, fd.Part.Source
	_, le := fd.Line(ls)
	a, b := f.Offset(fd.PosOf(ls)), f.Offset(fd.PosOf(le))
	if a > b || b > len(f.Source) || string(f.Source[a:b]) != src[ls:le] {
		return -1
	}
	if b < len(f.Source) && f.Source[b] != '\n' && f.Source[b] != '\r' {
		return -1
	}
	return a
}

// Describe says rule id in l (rule.Described).
func (French) Describe(l i18n.Lang, id string) string {
	return say.Line(l, "about."+id, nil)
}
