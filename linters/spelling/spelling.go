package spelling

import (
	"errors"
	"fmt"
	"os"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/crieur/crieur/linters/rule"
	"github.com/crieur/crieur/pipeline"
	"github.com/crieur/crieur/pipeline/content"
	"github.com/crieur/crieur/pipeline/i18n"
)

// Spelling checks every word of a post's text, its variants, first
// comment and image descriptions with the Hunspell dictionary of the
// post's lang, plus the brand's vocabulary and the charter's accepted
// words; the charter's rejected words are always flagged. Each unknown
// word comes with up to three suggestions, the first offered as a fix.
//
// The zero value searches dictionaries in the folders listed in
// CRIEUR_DICTIONARIES, then in the dictionaries folder beside the
// executable (a release archive's), then the system folders of
// spelling.yml.
type Spelling struct {
	// Getenv reads the environment (os.Getenv when nil).
	Getenv func(string) string
	// Folders replaces the system folders searched after
	// CRIEUR_DICTIONARIES, when not nil.
	Folders []string
}

var _ rule.Rule = Spelling{}

// Rule ids.
const (
	ID           = "spelling"
	IDDictionary = "spelling.dictionary"
)

func (Spelling) Infos() []rule.Info {
	return []rule.Info{
		{ID: ID, Description: say.Text(i18n.English, "about."+ID, nil), Default: pipeline.Warning},
		{ID: IDDictionary, Description: say.Text(i18n.English, "about."+IDDictionary, nil), Default: pipeline.Error, Once: true},
	}
}

// open finds the dictionary of lang (in the environment's folder, then
// the bundled one and the system's, or s.Folders) and loads it with the
// words to accept.
func (s Spelling) open(lang string, words []string) (*handle, error) {
	dict, err := find(lang, s.folders())
	if err != nil {
		return nil, err
	}
	return acquire(dict, words)
}

// openFor is open for a post of brand in the lint run of r: where the
// dictionary is and what the brand adds are worked out once per run.
func (s Spelling) openFor(r *content.Repo, lang, brand string, charter *pipeline.Charter) (*handle, error) {
	dict, err := findFor(r, lang, s.folders())
	if err != nil {
		return nil, err
	}
	w := wordsFor(r, brand, charter)
	return acquireKey(dict, w.list, w.key)
}

// folders lists where dictionaries are looked for: the environment's
// folders, then the bundled one and the system's, or s.Folders.
func (s Spelling) folders() []string {
	getenv := s.Getenv
	if getenv == nil {
		getenv = os.Getenv
	}
	system := append(bundledFolder(), conf.Folders...)
	if s.Folders != nil {
		system = s.Folders
	}
	return folders(getenv, system)
}

// Check judges the spelling of one post in its language.
func (s Spelling) Check(c *rule.Context, f *content.File) []pipeline.Finding {
	p := f.Post
	charter := c.Repo.CharterFor(p.Brand)
	if e := charter.Spelling.Enabled; e != nil && !*e {
		return nil
	}
	lang := p.Lang
	if lang == "" {
		return nil // no language to check against (crieur.yml sets none)
	}
	h, err := s.openFor(c.Repo, lang, p.Brand, charter)
	if err != nil {
		// On every post of the language: the engine keeps the first (Once).
		return []pipeline.Finding{dictionaryFinding(c.Language, p, lang, err)}
	}
	defer release(h)
	base, _ := langParts(lang)
	ck := &checker{h: h, hs: h.hs, lang: conf.Languages[base], hashtags: charter.Spelling.Hashtags, budget: conf.SuggestPost,
		fine: fineFor(c.Repo, h, charter, base)}
	ck.setReject(charter.Spelling.Reject)
	ck.setElsewhere(charter)
	vocab := vocabularyFile(c.Repo, p.Brand)
	var out []pipeline.Finding
	for _, part := range rule.Parts(p) {
		fd := rule.NewFinder(f, part)
		for _, pb := range ck.text(part.Source) {
			out = append(out, finding(c.Language, pb, lang, vocab, func(sp rule.Span, msg, hint string, fix *string) pipeline.Finding {
				return fd.At(sp, ID, pipeline.Warning, msg, hint, fix)
			}))
		}
	}
	for i, m := range p.Media {
		key := fmt.Sprintf("media[%d].alt", i)
		pos, ok := p.KeyPos[key]
		if !ok || strings.TrimSpace(m.Alt) == "" {
			continue
		}
		part, exact := altPart(f, pos, m.Alt)
		fd := rule.NewFinder(f, part)
		for _, pb := range ck.text(m.Alt) {
			out = append(out, finding(c.Language, pb, lang, vocab, func(sp rule.Span, msg, hint string, fix *string) pipeline.Finding {
				if !exact {
					return rule.At(p, pos, ID, pipeline.Warning, msg, hint)
				}
				return fd.At(sp, ID, pipeline.Warning, msg, hint, fix)
			}))
		}
	}
	return out
}

// finding turns a problem into a finding through at, which places it.
func finding(l i18n.Lang, pb problem, lang, vocab string, at func(rule.Span, string, string, *string) pipeline.Finding) pipeline.Finding {
	var fix *string
	if len(pb.suggestions) > 0 {
		fix = &pb.suggestions[0]
	}
	list := strings.Join(pb.suggestions, ", ")
	args := i18n.Args{"word": pb.word, "lang": lang, "suggestions": list, "vocabulary": vocab}
	var msg, hint string
	if pb.rejected {
		msg = say.Text(l, "rejected", args)
		hint = say.Text(l, "rejected_hint_none", nil)
		if list != "" {
			hint = say.Text(l, "rejected_hint", args)
		}
	} else {
		msg = say.Text(l, "unknown", args)
		hint = say.Text(l, "unknown_hint_none", args)
		if list != "" {
			hint = say.Text(l, "unknown_hint", args)
		}
	}
	return at(pb.span, msg, hint, fix)
}

// altPart is where an image description sits in the file: exact when
// the YAML value holds the text as it is (plain or quoted without
// escapes, on one line), so that findings point at the word.
func altPart(f *content.File, pos pipeline.Pos, alt string) (pipeline.Part, bool) {
	line := f.Line(pos.Line)
	rs := []rune(line)
	if pos.Col < 1 || pos.Col > len(rs) {
		return pipeline.Part{}, false
	}
	rest := string(rs[pos.Col-1:])
	col, style := pos.Col, pipeline.Plain
	if strings.HasPrefix(rest, `"`) || strings.HasPrefix(rest, `'`) {
		style = map[byte]pipeline.TextStyle{'"': pipeline.DoubleQuoted, '\'': pipeline.SingleQuoted}[rest[0]]
		rest, col = rest[1:], col+1
	}
	if strings.Contains(alt, "\n") || !strings.HasPrefix(rest, alt) {
		return pipeline.Part{}, false
	}
	return pipeline.Part{Source: alt, Line: pos.Line, Col: col, Style: style}, true
}

// accepted lists the words added to the dictionary for a brand: its
// vocabulary and the charter's spelling.accept, each word of a phrase
// on its own, and an elided word without its elision too.
func accepted(r *content.Repo, brand string, charter *pipeline.Charter) []string {
	var out []string
	add := func(list []string) {
		for _, entry := range list {
			for _, w := range strings.Fields(entry) {
				w = strings.Trim(w, ".,;:!?«»\"()")
				if w == "" {
					continue
				}
				out = append(out, normalize(w))
				if i := strings.IndexFunc(w, isApostrophe); i > 0 {
					_, size := utf8.DecodeRuneInString(w[i:])
					if rest := w[i+size:]; rest != "" {
						out = append(out, normalize(rest))
					}
				}
			}
		}
	}
	add(r.VocabularyFor(brand))
	add(charter.Spelling.Accept)
	return out
}

// setReject reads the charter's spelling.reject: single words are looked
// up as tokens, phrases are searched in the text.
func (ck *checker) setReject(list []string) {
	ck.reject = map[string]bool{}
	for _, entry := range list {
		words := strings.Fields(entry)
		switch len(words) {
		case 0:
		case 1:
			ck.reject[foldKey(words[0])] = true
		default:
			var parts []string
			for _, w := range words {
				q := regexp.QuoteMeta(normalize(w))
				q = strings.ReplaceAll(q, "'", `['’ʼ]`)
				q = strings.ReplaceAll(q, "-", `[-‐‑]`)
				parts = append(parts, q)
			}
			ck.phrases = append(ck.phrases, regexp.MustCompile(`(?i)(?:^|[^\p{L}\p{N}\p{M}])(`+strings.Join(parts, `\s+`)+`)(?:$|[^\p{L}\p{N}\p{M}])`))
		}
	}
}

// setElsewhere notes the single words that other rules of the charter
// flag, each with its own message and fix: a substitution's term (Bxl →
// Bruxelles) and a forbidden term (gratos). Spelling does not flag them
// a second time with suggestions of its own.
func (ck *checker) setElsewhere(charter *pipeline.Charter) {
	ck.elsewhere = map[string]bool{}
	var terms []string
	for _, s := range charter.Substitute {
		terms = append(terms, s.Term)
	}
	for _, f := range charter.Forbidden {
		terms = append(terms, f.Term)
	}
	for _, t := range terms {
		if ws := strings.Fields(t); len(ws) == 1 {
			ck.elsewhere[foldKey(ws[0])] = true
		}
	}
}

// vocabularyFile names the brand's vocabulary file, for hints.
func vocabularyFile(r *content.Repo, brand string) string {
	if b, ok := r.Config.Brands[brand]; ok && b.Vocabulary != "" {
		return b.Vocabulary
	}
	if r.Config.Vocabulary != "" {
		return r.Config.Vocabulary
	}
	return "vocabulaire.txt"
}

// dictionaryFinding says that a language cannot be checked, and how to
// make it so.
func dictionaryFinding(l i18n.Lang, p *pipeline.Post, lang string, err error) pipeline.Finding {
	var miss *missingError
	names, name, pkg := candidates(lang)
	searched, reason := "", err.Error()
	if errors.As(err, &miss) {
		searched = strings.Join(miss.folders, ", ")
		if searched == "" {
			searched = say.Text(l, "no_folder", nil)
		}
		reason = say.Text(l, "not_found", nil)
	}
	args := i18n.Args{"name": languageName(l, lang, name), "lang": lang, "reason": reason, "package": pkg,
		"file": names[0], "env": conf.Env, "folders": searched, "engine": Engine}
	msg := say.Text(l, "dictionary", args)
	hint := say.Text(l, "dictionary_hint", args)
	if miss == nil && !strings.HasPrefix(Engine, "libhunspell") {
		// Found but unreadable by the pure-Go engine (gospell cannot
		// read the Dutch dictionary's compound rules).
		hint = say.Text(l, "dictionary_hint_engine", args)
	}
	return rule.At(p, p.PosOf("lang"), IDDictionary, pipeline.Error, msg, hint)
}

// Describe says rule id in l (rule.Described).
func (Spelling) Describe(l i18n.Lang, id string) string {
	return say.Line(l, "about."+id, nil)
}
