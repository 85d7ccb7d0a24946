package grammar

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/crieur/crieur/linters/rule"
	"github.com/crieur/crieur/pipeline"
	"github.com/crieur/crieur/pipeline/content"
	"github.com/crieur/crieur/pipeline/i18n"
)

// The ids of crieur's own French rules (french.yml says what each finds).
const (
	idParticiple = "grammar.fr.participle"
	idInfinitive = "grammar.fr.infinitive"
	idPlein      = "grammar.fr.plein"
	idAdjective  = "grammar.fr.adjective"
	idEtre       = "grammar.fr.etre"
	idAvoir      = "grammar.fr.avoir"
	idA          = "grammar.fr.a"
	idSe         = "grammar.fr.se"
	idNe         = "grammar.fr.ne"
	idEst        = "grammar.fr.est"
)

// French is crieur's own French grammar: the real-word mistakes of
// community managers that Grammalecte misses or words less well (an
// infinitive for a participle, « en plein saison », « de nombreux
// personnes », « d’êtres », « ils ont décidés », « il nous à dit »).
// Each finding offers its fix. It runs on French posts whose charter
// leaves grammar on, with or without Grammalecte; it reads parts of
// speech and genders from the French Hunspell dictionary.
type French struct{}

var _ rule.Rule = French{}

// Advisory: its findings are warnings unless a charter says otherwise.
func (French) Advisory() {}

func (French) Infos() []rule.Info {
	out := make([]rule.Info, 0, len(frenchIDs))
	for _, id := range frenchIDs {
		out = append(out, rule.Info{ID: id, Description: describe(i18n.English, id), Default: pipeline.Warning})
	}
	return out
}

// Describe says rule id in l (rule.Described).
func (French) Describe(l i18n.Lang, id string) string { return describe(l, id) }

// Check looks at every piece of prose of a French post that goes out.
func (French) Check(c *rule.Context, f *content.File) []pipeline.Finding {
	if c == nil || c.Repo == nil || f == nil || f.Post == nil || !strings.HasPrefix(strings.ToLower(f.Post.Lang), "fr") {
		return nil
	}
	if on, _ := c.Repo.CharterFor(f.Post.Brand).Spelling.GrammarOn(); !on {
		return nil
	}
	var out []pipeline.Finding
	for _, part := range rule.Parts(f.Post) {
		fd := rule.NewFinder(f, part)
		for _, is := range Mistakes(rule.Mask(part.Source)) {
			msg, hint := sayMistake(c.Language, is.ID, is.pairs)
			fix := is.Fix
			out = append(out, fd.At(rule.Span{Start: is.Start, End: is.End}, is.ID, pipeline.Warning, msg, hint, &fix))
		}
	}
	return out
}

// Mistake is one finding of crieur's French rules: bytes [Start, End) of
// the text are to be replaced by Fix.
type Mistake struct {
	ID         string
	Start, End int
	Fix        string
	pairs      []string // placeholders of the message
}

// Mistakes finds the mistakes of French prose text (masked: links,
// mentions and code blanked out).
func Mistakes(text string) []Mistake {
	toks := tokenize(text)
	l := french()
	var out []Mistake
	for _, find := range []func(lexicon, []token, string) []Mistake{participles, infinitives, plein, adjectives, etre, avoirAgreement, aVerb, ceSe, onNe, etEst} {
		out = append(out, find(l, toks, text)...)
	}
	return out
}

// token is a word of the text. joined: only spaces (no line break, no
// punctuation) separate it from the word before, or that word is elided
// (« d’ »).
type token struct {
	start, end int
	w          string // lower case, ’ for the apostrophe
	upper      bool   // starts with a capital
	elided     bool   // d’, l’, qu’…
	joined     bool
	tag        bool // a hashtag
}

var wordRE = regexp.MustCompile(`[\p{L}\p{N}]+(?:[-·][\p{L}\p{N}]+)*`)

// elisions are the words written with an apostrophe before a vowel.
var elisions = map[string]bool{"l": true, "d": true, "j": true, "m": true, "t": true, "s": true, "n": true, "c": true, "qu": true, "jusqu": true, "lorsqu": true, "puisqu": true}

func tokenize(text string) []token {
	var toks []token
	for _, m := range wordRE.FindAllStringIndex(text, -1) {
		tk := token{start: m[0], end: m[1], w: strings.ToLower(text[m[0]:m[1]])}
		r, _ := utf8.DecodeRuneInString(text[m[0]:])
		tk.upper = unicode.IsUpper(r)
		if a, size := utf8.DecodeRuneInString(text[m[1]:]); (a == '\'' || a == '’') && elisions[tk.w] {
			tk.end += size
			tk.w += "’"
			tk.elided = true
		}
		tk.tag = m[0] > 0 && (text[m[0]-1] == '#' || text[m[0]-1] == '@')
		if n := len(toks); n > 0 && !tk.tag && !toks[n-1].tag {
			prev := toks[n-1]
			gap := text[prev.end:tk.start]
			tk.joined = prev.elided && gap == "" || !prev.elided && gap != "" && strings.TrimFunc(gap, func(r rune) bool { return r != '\n' && unicode.IsSpace(r) }) == ""
		}
		toks = append(toks, tk)
	}
	return toks
}

// next returns the index of the word after i when it is joined to it,
// -1 otherwise.
func next(toks []token, i int) int {
	if i+1 < len(toks) && toks[i+1].joined {
		return i + 1
	}
	return -1
}

// prev returns the index of the word before i when i is joined to it.
func prev(toks []token, i int) int {
	if i > 0 && i < len(toks) && toks[i].joined {
		return i - 1
	}
	return -1
}

// skip moves past the joined words after i that are in s, at most n.
func skip(toks []token, i int, s set, n int) int {
	for k := 0; k < n; k++ {
		j := next(toks, i)
		if j < 0 || !s[toks[j].w] {
			break
		}
		i = j
	}
	return i
}

// written gives w the capital of the word it replaces.
func written(w string, tk token) string {
	if !tk.upper {
		return w
	}
	r, size := utf8.DecodeRuneInString(w)
	return string(unicode.ToUpper(r)) + w[size:]
}

func mistake(id string, tk token, text, fix string, pairs ...string) Mistake {
	return span(id, tk, tk, text, fix, pairs...)
}

// span is a mistake over the words from first to last (« pouvez
// réservez »): the fix keeps the words before last and replaces last,
// so that one finding covers the whole mistake and Grammalecte's reading
// of it, whichever word it points at, yields to it.
func span(id string, first, last token, text, fix string, pairs ...string) Mistake {
	fix = text[first.start:last.start] + written(fix, last)
	return Mistake{ID: id, Start: first.start, End: last.end, Fix: fix, pairs: append([]string{"text", text[first.start:last.end], "fix", fix}, pairs...)}
}

// fixed is m with the whole fix given, where span's fix only changes
// its last word: the fix the message quotes too.
func (m Mistake) fixed(fix string) Mistake {
	m.Fix, m.pairs[3] = fix, fix
	return m
}

func isPlural(w string) bool { return strings.HasSuffix(w, "s") || strings.HasSuffix(w, "x") }
