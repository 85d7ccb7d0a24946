package grammar

import (
	"bufio"
	"os"
	"strings"
	"sync"
)

// tag is what the French Hunspell dictionary (Dicollecte's fr.dic, the
// one the spelling rule reads) says of an entry: its part of speech and
// gender, from its po: and is: fields.
type tag uint16

const (
	noun  tag = 1 << iota // po:nom
	adj                   // po:adj
	verb1                 // po:v1: a verb of the first group (-er)
	verb                  // any other verb
	mas                   // is:mas
	fem                   // is:fem
	epi                   // is:epi: either gender
	other                 // any other part of speech (adverb, pronoun…)
)

// lexicon maps each entry of fr.dic (a lemma: the infinitive of a verb,
// the masculine singular of a noun or adjective) to its tags, every line
// of the same word together.
type lexicon map[string]tag

var (
	lexOnce sync.Once
	lex     lexicon
)

// french returns the lexicon read from the first dictionary of the data
// file's list that exists; an empty one when none does (the rules that
// need it then say nothing).
func french() lexicon {
	lexOnce.Do(func() {
		lex = lexicon{}
		for _, p := range data.Dictionaries {
			if l, err := readLexicon(p); err == nil {
				lex = l
				return
			}
		}
	})
	return lex
}

func readLexicon(path string) (lexicon, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	l := lexicon{}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64*1024), 1024*1024)
	for sc.Scan() {
		word, rest, _ := strings.Cut(sc.Text(), "/")
		var t tag
		for _, field := range strings.Fields(rest) {
			switch {
			case field == "po:nom":
				t |= noun
			case field == "po:adj":
				t |= adj
			case strings.HasPrefix(field, "po:v1"):
				t |= verb1
			case strings.HasPrefix(field, "po:v"):
				t |= verb
			case field == "is:mas":
				t |= mas
			case field == "is:fem":
				t |= fem
			case field == "is:epi":
				t |= epi
			case strings.HasPrefix(field, "po:"):
				t |= other
			}
		}
		if word != "" && t != 0 {
			l[word] |= t
		}
	}
	return l, sc.Err()
}

// gender says whether a noun, as written (singular or plural), is only
// feminine or only masculine; "" when it is not a noun of the lexicon,
// when it is both or when its gender depends on the person (is:epi, or
// no gender given).
func (l lexicon) gender(w string) string {
	for _, lemma := range singulars(w) {
		t, ok := l[lemma]
		if !ok || t&noun == 0 {
			continue
		}
		switch {
		case t&epi != 0 || t&fem != 0 && t&mas != 0:
			return ""
		case t&fem != 0:
			return "fem"
		case t&mas != 0:
			return "mas"
		}
		return ""
	}
	return ""
}

// singulars lists the words w may be the plural of, w first.
func singulars(w string) []string {
	out := []string{w}
	switch {
	case strings.HasSuffix(w, "aux"):
		out = append(out, strings.TrimSuffix(w, "aux")+"al", strings.TrimSuffix(w, "x"))
	case strings.HasSuffix(w, "s"), strings.HasSuffix(w, "x"):
		out = append(out, w[:len(w)-1])
	}
	return out
}

// v1 says whether w is the infinitive of a verb of the first group.
func (l lexicon) v1(inf string) bool { return l[inf]&verb1 != 0 }

// firstGroup splits a form of a first-group verb written with one of the
// endings é, ée, és, ées, er, ez into the verb's infinitive and the
// ending; ok is false when w is no such form.
func (l lexicon) firstGroup(w string) (inf, ending string, ok bool) {
	for _, e := range []string{"ées", "és", "ée", "é", "er", "ez"} {
		if stem, found := strings.CutSuffix(w, e); found && stem != "" {
			inf = stem + "er"
			if l.v1(inf) {
				return inf, e, true
			}
			return "", "", false
		}
	}
	return "", "", false
}

// nominal says whether w, as written, is a noun or adjective of its own
// with a gender (côté, marché, dîner): a word that is not only a verb
// form.
func (l lexicon) nominal(w string) bool {
	t := l[w]
	return t&(noun|adj) != 0 && t&(mas|fem|epi) != 0
}
