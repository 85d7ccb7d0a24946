package tone

import (
	"fmt"
	"strings"
)

// A phrase is a word or words of the data, compiled: a sequence of
// slots, each a choice among alternatives, each alternative a run of
// words. Written as in the data files: words separated by spaces, a|b for
// a choice, (a|b) for a slot that may be skipped, * for the aimed words.
type phrase struct {
	text  string // as written in the data
	slots []slot
	kind  string // insult, vulgar, aggressive, words, address, except
	use   string // address: what to write instead
}

type slot struct {
	alts [][]wordSet
	opt  bool
}

// wordSet holds the folded forms a word of a phrase accepts.
type wordSet map[string]struct{}

// lang is what a language file says, compiled.
type lang struct {
	elisions map[string]bool     // folded elided forms
	full     map[string][]string // elided form -> full forms
	elided   map[string][]string // full form -> elided forms

	profanity, profanityExcept   *matcher
	aggressive, aggressiveExcept *matcher
	address                      map[string]*matcher // "tu", "vous" -> the forms to flag when the charter says the other
	addressExcept                *matcher
	// imperatives: the verbs of the address tu, flagged under vous at
	// the start of a sentence only (« Viens », « Pense à réserver »).
	imperatives *matcher
	// addressNames: what the language calls the addresses tu and vous
	// (Dutch: je, u); nil: tu and vous.
	addressNames map[string]string
}

// forms lists what a word of the data accepts in a text: itself, itself
// without accents (people drop them; the reverse is not true: « sale »
// must not find « salé »), and its elided or full forms.
func (l *lang) forms(folded string) wordSet {
	set := wordSet{folded: {}}
	set[strip(folded)] = struct{}{}
	for _, f := range l.full[folded] {
		set[f] = struct{}{}
	}
	for _, e := range l.elided[folded] {
		set[e] = struct{}{}
	}
	return set
}

// words cuts a word of the data into the words a text would have (an
// elision and a hyphen cut it: n’avez is n’ avez) and returns their forms.
func (l *lang) words(w string) []wordSet {
	t := scan(w, l.elisions)
	var out []wordSet
	for _, tk := range t.toks {
		out = append(out, l.forms(tk.key))
	}
	return out
}

// compile reads one phrase of the data. star holds the alternatives of
// *, nil where * is not allowed.
func (l *lang) compile(text, kind string, star [][]wordSet) (*phrase, error) {
	p := &phrase{text: text, kind: kind}
	for _, field := range strings.Fields(text) {
		var s slot
		if strings.HasPrefix(field, "(") && strings.HasSuffix(field, ")") {
			s.opt = true
			field = field[1 : len(field)-1]
		}
		for _, alt := range strings.Split(field, "|") {
			if alt == "*" {
				if star == nil {
					return nil, fmt.Errorf("%q: * only stands in aimed.frames", text)
				}
				s.alts = append(s.alts, star...)
				continue
			}
			ws := l.words(alt)
			if len(ws) == 0 {
				return nil, fmt.Errorf("%q: %q holds no word", text, alt)
			}
			s.alts = append(s.alts, ws)
		}
		p.slots = append(p.slots, s)
	}
	if len(p.slots) == 0 {
		return nil, fmt.Errorf("an empty phrase")
	}
	if p.slots[0].opt {
		return nil, fmt.Errorf("%q starts with an optional word: write the phrase with and without it", text)
	}
	return p, nil
}

// matcher finds phrases in a text, indexed by the forms of their first
// word.
type matcher struct {
	index map[string][]*phrase
	n     int
}

func (m *matcher) add(p *phrase) {
	if m.index == nil {
		m.index = map[string][]*phrase{}
	}
	seen := map[string]bool{}
	for _, alt := range p.slots[0].alts {
		for k := range alt[0] {
			if !seen[k] {
				seen[k] = true
				m.index[k] = append(m.index[k], p)
			}
		}
	}
	m.n++
}

// match is a phrase found over tokens [from, to).
type match struct {
	p        *phrase
	from, to int
}

// find returns every phrase that starts at a token where ok holds and
// runs over tokens where ok holds, the longest reading of each.
func (m *matcher) find(toks []token, ok func(*token) bool) []match {
	if m == nil || m.n == 0 {
		return nil
	}
	var out []match
	for i := range toks {
		if !ok(&toks[i]) {
			continue
		}
		for _, p := range m.index[toks[i].key] {
			if end := matchSlots(p.slots, toks, i, true, ok); end > i {
				out = append(out, match{p: p, from: i, to: end})
			}
		}
	}
	return out
}

// matchSlots matches slots from token i and returns the end of the
// longest match, or -1.
func matchSlots(slots []slot, toks []token, i int, first bool, ok func(*token) bool) int {
	if len(slots) == 0 {
		return i
	}
	best := -1
	s := slots[0]
	if s.opt {
		best = matchSlots(slots[1:], toks, i, first, ok)
	}
	for _, alt := range s.alts {
		j := matchRun(alt, toks, i, first, ok)
		if j < 0 {
			continue
		}
		if end := matchSlots(slots[1:], toks, j, false, ok); end > best {
			best = end
		}
	}
	return best
}

// matchRun matches words in a row from token i.
func matchRun(run []wordSet, toks []token, i int, first bool, ok func(*token) bool) int {
	for k, set := range run {
		t := i + k
		if t >= len(toks) || !ok(&toks[t]) || toks[t].brk && !(first && k == 0) {
			return -1
		}
		if _, in := set[toks[t].key]; !in {
			return -1
		}
	}
	return i + len(run)
}

// span is the byte range of the part a match covers.
func (t *text) span(m match) (int, int) { return t.toks[m.from].start, t.toks[m.to-1].end }
