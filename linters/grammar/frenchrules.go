package grammar

import "strings"

// participles: « restez connecter », « nous sommes arriver », « on a
// manger »: a first-group verb in -er or -ez after rester, or after être
// or avoir following a subject pronoun.
func participles(l lexicon, toks []token, text string) []Mistake {
	var out []Mistake
	for i, tk := range toks {
		ending, ok := data.ParticipleAfter[tk.w]
		if !ok || tk.tag {
			continue
		}
		subj := ""
		if nounSubject(l, toks, i) {
			// « l’équipe a travailler »: a noun is the subject.
		} else if !data.ResterAnySubject[tk.w] {
			p := prev(toks, i)
			if p >= 0 && (toks[p].w == "ne" || toks[p].w == "n’") {
				p = prev(toks, p)
			}
			if p < 0 || !data.ParticipleSubjects[toks[p].w] {
				continue
			}
			subj = toks[p].w
		}
		j := next(toks, skip(toks, i, data.AvoirAdverbs, 2))
		if j < 0 || toks[j].upper || data.ParticipleExcept[toks[j].w] {
			continue
		}
		inf, e, ok := l.firstGroup(toks[j].w)
		if !ok || e != "er" && e != "ez" || l.nominal(toks[j].w) {
			continue
		}
		if ending != "é" || !isAvoir(tk.w) {
			switch subj {
			case "elle":
				ending = "ée"
			case "elles":
				ending = "ées"
			}
		}
		fix := strings.TrimSuffix(inf, "er") + ending
		out = append(out, span(idParticiple, tk, toks[j], text, fix, "verb", text[tk.start:tk.end]))
	}
	return out
}

// nounSubject says whether the word i, a form of avoir, follows a noun
// after a determiner (« l’équipe a »).
func nounSubject(l lexicon, toks []token, i int) bool {
	if !data.AvoirAnySubject[toks[i].w] {
		return false
	}
	p := prev(toks, i)
	if p < 0 || l.gender(toks[p].w) == "" && l[toks[p].w]&noun == 0 {
		return false
	}
	d := prev(toks, p)
	return d >= 0 && data.SubjectDeterminers[toks[d].w]
}

func isAvoir(w string) bool {
	return strings.HasPrefix(w, "a") || strings.HasPrefix(w, "o") || strings.HasPrefix(w, "eu")
}

// infinitives: « pour réservé », « vous pouvez réservez », « n’hésitez
// pas à nous contactez »: a participle or an -ez form where the
// infinitive belongs.
func infinitives(l lexicon, toks []token, text string) []Mistake {
	var out []Mistake
	for i, tk := range toks {
		if tk.tag || !trigger(toks, i) {
			continue
		}
		j := skip(toks, i, data.ObjectPronouns, 2)
		article := j > i && strings.HasPrefix(toks[j].w, "l")
		j = next(toks, j)
		if j < 0 || toks[j].upper || data.InfinitiveExcept[toks[j].w] {
			continue
		}
		w := toks[j].w
		inf, e, ok := l.firstGroup(w)
		if !ok || e == "er" || l.nominal(w) {
			continue
		}
		// A participle used as a noun or adjective (« pour les invités »,
		// « sans engagement ») after a preposition or an article.
		if (article || data.InfinitivePrep[toks[i].w] != nil || tk.w == "pour" || tk.w == "sans") && e != "ez" && l.known(w) {
			continue
		}
		out = append(out, span(idInfinitive, tk, toks[j], text, inf, "verb", text[tk.start:tk.end]))
	}
	return out
}

// trigger says whether the word i asks for an infinitive after it.
func trigger(toks []token, i int) bool {
	w := toks[i].w
	if data.InfinitiveAfter[w] {
		return true
	}
	if w == "d’" {
		w = "de"
	}
	before, ok := data.InfinitivePrep[w]
	if !ok {
		return false
	}
	p := prev(toks, i)
	if p >= 0 && toks[p].w == "pas" {
		p = prev(toks, p)
	}
	return p >= 0 && before[strings.TrimPrefix(toks[p].w, "n’")]
}

// known says whether w, or the masculine singular it may be a form of,
// is a noun or an adjective of the lexicon.
func (l lexicon) known(w string) bool {
	for _, s := range []string{w, strings.TrimSuffix(w, "s"), strings.TrimSuffix(strings.TrimSuffix(w, "s"), "e")} {
		if l[s]&(noun|adj) != 0 {
			return true
		}
	}
	return false
}

// plein: « en plein saison ».
func plein(l lexicon, toks []token, text string) []Mistake {
	var out []Mistake
	for i, tk := range toks {
		if tk.w != data.Plein["before"] {
			continue
		}
		j := next(toks, i)
		if j < 0 || toks[j].w != data.Plein["word"] {
			continue
		}
		k := next(toks, j)
		if k < 0 || toks[k].upper || isPlural(toks[k].w) || l.gender(toks[k].w) != "fem" {
			continue
		}
		out = append(out, span(idPlein, toks[j], toks[k], text, text[toks[k].start:toks[k].end], "noun", text[toks[k].start:toks[k].end]).fixed(written(data.Plein["fix"], toks[j])+text[toks[j].end:toks[k].end]))
	}
	return out
}

// adjectives: « de nombreux personnes », « d’éventuels questions »,
// « de nombreuses événements »: an adjective before a noun of the other
// gender.
func adjectives(l lexicon, toks []token, text string) []Mistake {
	var out []Mistake
	for i, tk := range toks {
		for _, g := range []struct{ from, want, says string }{{"masculine", "fem", "feminine"}, {"feminine", "mas", "masculine"}} {
			alt, ok := data.Adjectives[g.from][tk.w]
			if !ok || tk.tag {
				continue
			}
			j := i
			if tk.w == "tous" || tk.w == "toutes" {
				j = next(toks, i)
				if j < 0 || !data.Determiners[toks[j].w] {
					continue
				}
			}
			k := next(toks, j)
			if k < 0 {
				continue
			}
			n := toks[k]
			if n.upper || n.tag || len(n.w) < 3 || data.NounExcept[n.w] || data.AdjectiveExcept[tk.w+" "+n.w] || isPlural(tk.w) != isPlural(n.w) && !strings.HasSuffix(tk.w, "x") {
				continue
			}
			if strings.HasSuffix(tk.w, "x") && !isPlural(n.w) || l[n.w]&(verb|verb1|other) != 0 || l.gender(n.w) != g.want {
				continue
			}
			out = append(out, span(idAdjective, tk, n, text, n.w, "noun", text[n.start:n.end], "gender", g.says).fixed(written(alt, tk)+text[tk.end:n.end]))
		}
	}
	return out
}

// etre: « merci d’êtres venus », « pour êtres informés ».
func etre(_ lexicon, toks []token, text string) []Mistake {
	var out []Mistake
	for i, tk := range toks {
		if tk.w != "êtres" {
			continue
		}
		p := prev(toks, i)
		if p >= 0 && (toks[p].w == "d’" || toks[p].w == "de") {
			p = prev(toks, p)
		}
		if p < 0 || !data.EtreAfter[toks[p].w] {
			continue
		}
		if n := next(toks, i); n >= 0 && data.EtreNouns[toks[n].w] {
			continue
		}
		out = append(out, mistake(idEtre, tk, text, "être"))
	}
	return out
}

// avoirAgreement: « ils ont décidés »: a participle agreed with the
// subject after avoir, no object before it (« que », a pronoun).
func avoirAgreement(l lexicon, toks []token, text string) []Mistake {
	var out []Mistake
	for i, tk := range toks {
		a := next(toks, i)
		if a >= 0 && (toks[a].w == "n’" || toks[a].w == "ne") {
			a = next(toks, a)
		}
		if a < 0 {
			continue
		}
		sep := " "
		if tk.elided {
			sep = ""
		}
		if !data.AvoirAfter[tk.w+sep+toks[a].w] {
			continue
		}
		if p := prev(toks, i); p >= 0 && (toks[p].w == "que" || toks[p].w == "qu’") {
			continue
		}
		j := next(toks, skip(toks, a, data.AvoirAdverbs, 2))
		if j < 0 || toks[j].upper || data.AvoirExcept[toks[j].w] {
			continue
		}
		inf, e, ok := l.firstGroup(toks[j].w)
		if !ok || e != "és" && e != "ée" && e != "ées" {
			continue
		}
		out = append(out, span(idAvoir, toks[a], toks[j], text, strings.TrimSuffix(inf, "er")+"é"))
	}
	return out
}

// aVerb: « il nous à dit », « on à reçu »: the preposition for the verb
// avoir, between a subject and a past participle.
func aVerb(l lexicon, toks []token, text string) []Mistake {
	var out []Mistake
	for i, tk := range toks {
		if tk.w != "à" {
			continue
		}
		p := prev(toks, i)
		for k := 0; k < 2 && p >= 0 && data.AObjects[toks[p].w]; k++ {
			p = prev(toks, p)
		}
		if p < 0 || !data.ASubjects[toks[p].w] {
			continue
		}
		n := next(toks, i)
		if n < 0 {
			continue
		}
		w := toks[n].w
		_, e, ok := l.firstGroup(w)
		if !data.AParticiples[w] && !(ok && e == "é" && !l.nominal(w)) {
			continue
		}
		out = append(out, span(idA, tk, toks[n], text, w).fixed(written("a", tk)+text[tk.end:toks[n].end]))
	}
	return out
}
