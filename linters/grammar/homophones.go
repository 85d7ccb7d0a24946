package grammar

import "strings"

// ceSe: « ils ce sont rencontrés », « l’atelier ce déroule »: « ce »
// before a verb where the reflexive pronoun belongs.
func ceSe(l lexicon, toks []token, text string) []Mistake {
	var out []Mistake
	for i, tk := range toks {
		if tk.w != "ce" {
			continue
		}
		j := next(toks, i)
		if j < 0 || !data.SeVerbs[toks[j].w] || l.gender(toks[j].w) == "mas" {
			continue
		}
		if !data.SeAlone[toks[j].w] {
			// « ce sont » is right before a noun: a participle after it
			// (« ce sont rencontrés ») makes it the pronoun.
			k := next(toks, j)
			if k < 0 {
				continue
			}
			if _, e, ok := l.firstGroup(toks[k].w); !ok || e == "er" || e == "ez" || l.nominal(toks[k].w) {
				continue
			}
		}
		out = append(out, span(idSe, tk, toks[j], text, toks[j].w).fixed(written("se", tk)+text[tk.end:toks[j].end]))
	}
	return out
}

// onNe: « on a jamais », « on est pas »: the negation without its
// « ne ».
func onNe(_ lexicon, toks []token, text string) []Mistake {
	var out []Mistake
	for i, tk := range toks {
		if tk.w != "on" {
			continue
		}
		j := next(toks, i)
		if j < 0 || !data.NeVerbs[toks[j].w] {
			continue
		}
		k := next(toks, j)
		if k < 0 || !data.NeWords[toks[k].w] {
			continue
		}
		ne := "ne "
		if strings.ContainsRune("aeéèêiîoôuh", []rune(toks[j].w)[0]) {
			ne = "n’"
		}
		out = append(out, span(idNe, tk, toks[k], text, toks[k].w).fixed(text[tk.start:tk.end]+" "+ne+text[toks[j].start:toks[k].end]))
	}
	return out
}

// etEst: « le spectacle et complet. »: a determiner and a noun that
// start the clause, « et », one adjective, and the clause ends.
func etEst(l lexicon, toks []token, text string) []Mistake {
	var out []Mistake
	for i, tk := range toks {
		if tk.w != "et" || i < 2 {
			continue
		}
		n, d := prev(toks, i), prev(toks, i-1)
		if n < 0 || d < 0 || !data.EstDeterminers[toks[d].w] || toks[d].joined || l.gender(toks[n].w) == "" {
			continue
		}
		j := next(toks, i)
		if j < 0 || next(toks, j) >= 0 || !adjective(l, toks[j].w) {
			continue
		}
		out = append(out, mistake(idEst, tk, text, "est"))
	}
	return out
}

// adjective says whether w is an adjective (a noun too, at times:
// « complet »), or the participle of a
// first-group verb, in any of its forms.
func adjective(l lexicon, w string) bool {
	if _, e, ok := l.firstGroup(w); ok && e != "er" && e != "ez" {
		return true
	}
	for _, s := range []string{w, strings.TrimSuffix(w, "s"), strings.TrimSuffix(strings.TrimSuffix(w, "s"), "e")} {
		if t := l[s]; t&adj != 0 && t&(verb|verb1|other) == 0 {
			return true
		}
	}
	return false
}
