package tone

import (
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/crieur/crieur/linters/rule"
	"github.com/crieur/crieur/pipeline"
	"github.com/crieur/crieur/pipeline/content"
	"github.com/crieur/crieur/pipeline/i18n"
)

// Tone checks how a post speaks: swearing and insults, shouting in
// capitals, runs of !!! and ???, the address of the reader (tu or vous)
// and aggressive wording, with the word lists of the post's language
// (data/fr.yml, en.yml, nl.yml) and the charter's tone settings.
type Tone struct{}

var _ rule.Rule = Tone{}

// The rule ids.
const (
	IDProfanity   = "tone.profanity"
	IDShouting    = "tone.shouting"
	IDPunctuation = "tone.punctuation"
	IDAddress     = "tone.address"
	IDAggressive  = "tone.aggressive"
	IDWords       = "tone.words"
)

func (Tone) Infos() []rule.Info {
	return []rule.Info{
		{ID: IDProfanity, Default: pipeline.Error, Description: describe(i18n.English, IDProfanity)},
		{ID: IDShouting, Default: pipeline.Warning, Description: describe(i18n.English, IDShouting)},
		{ID: IDPunctuation, Default: pipeline.Warning, Description: describe(i18n.English, IDPunctuation)},
		{ID: IDAddress, Default: pipeline.Warning, Description: describe(i18n.English, IDAddress)},
		{ID: IDAggressive, Default: pipeline.Warning, Description: describe(i18n.English, IDAggressive)},
		{ID: IDWords, Default: pipeline.Warning, Description: describe(i18n.English, IDWords)},
	}
}

// Describe says rule id in l (rule.Described).
func (Tone) Describe(l i18n.Lang, id string) string { return describe(l, id) }

// on reads a charter switch: absent means on.
func on(b *bool) bool { return b == nil || *b }

// langCode is the language whose lists apply: the post's lang (fr-BE is
// fr), else the charter's first language, else French.
func langCode(post string, charter []string) string {
	code := strings.ToLower(strings.TrimSpace(post))
	if code == "" && len(charter) > 0 {
		code = strings.ToLower(strings.TrimSpace(charter[0]))
	}
	if i := strings.IndexAny(code, "-_"); i > 0 {
		code = code[:i]
	}
	if code == "" {
		code = "fr"
	}
	return code
}

// check is what one post is judged with.
type check struct {
	d      *data
	l      *lang
	code   string    // the post's language
	reader i18n.Lang // the reader's, whose language the findings speak
	tone   pipeline.ToneRules
	words  *matcher // the charter's tone.words

	vocab    []string        // vocabulary and spelling.accept, as written
	accepted map[string]bool // the same cut into words, built when a capital word needs it
}

func (Tone) Check(c *rule.Context, f *content.File) []pipeline.Finding {
	d := theData()
	p := f.Post
	ch := &pipeline.Charter{}
	var vocab []string
	if c != nil && c.Repo != nil {
		if cc := c.Repo.CharterFor(p.Brand); cc != nil {
			ch = cc
		}
		vocab = c.Repo.VocabularyFor(p.Brand)
	}
	code := langCode(p.Lang, ch.Languages)
	l := d.lang(code)
	var reader i18n.Lang
	if c != nil {
		reader = c.Language
	}
	ck := &check{d: d, l: l, code: code, reader: reader, tone: ch.Tone, words: d.charterWords(code, l, ch.Tone.Words),
		vocab: append(append([]string(nil), vocab...), ch.Spelling.Accept...)}
	var out []pipeline.Finding
	for _, part := range rule.Parts(p) {
		out = append(out, ck.part(rule.NewFinder(f, part))...)
	}
	return out
}

// hit is a phrase found over bytes [start, end) of a part.
type hit struct {
	p          *phrase
	start, end int
}

func hits(t *text, ms []match) []hit {
	out := make([]hit, 0, len(ms))
	for _, m := range ms {
		s, e := t.span(m)
		out = append(out, hit{p: m.p, start: s, end: e})
	}
	return out
}

// pick keeps hits that do not overlap: the higher rank first, then the
// longer, then the one written exactly as the data writes it (« votre »
// is found by both « votre » and « vôtre »: the first tells what to write
// instead), then the earlier; it returns them in the order of the text.
func pick(src string, hs []hit, rank func(hit) int) []hit {
	exact := func(h hit) bool { return fold(src[h.start:h.end]) == fold(h.p.text) }
	sort.SliceStable(hs, func(i, j int) bool {
		a, b := hs[i], hs[j]
		if ra, rb := rank(a), rank(b); ra != rb {
			return ra > rb
		}
		if la, lb := a.end-a.start, b.end-b.start; la != lb {
			return la > lb
		}
		if ea, eb := exact(a), exact(b); ea != eb {
			return ea
		}
		return a.start < b.start
	})
	var out []hit
	for _, h := range hs {
		if !overlaps(out, h) {
			out = append(out, h)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].start < out[j].start })
	return out
}

func overlaps(hs []hit, h hit) bool {
	for _, o := range hs {
		if h.start < o.end && o.start < h.end {
			return true
		}
	}
	return false
}

// drop removes the hits that lie inside one of the exceptions.
func drop(hs, except []hit) []hit {
	if len(except) == 0 {
		return hs
	}
	var out []hit
	for _, h := range hs {
		inside := false
		for _, x := range except {
			if x.start <= h.start && h.end <= x.end {
				inside = true
				break
			}
		}
		if !inside {
			out = append(out, h)
		}
	}
	return out
}

// said is a finding's message and hint in the reader's language, from
// the catalog (messages/*.yaml); vars are placeholder names and values,
// in pairs.
func (ck *check) said(key string, vars ...string) (string, string) {
	args := i18n.Args{}
	for i := 0; i+1 < len(vars); i += 2 {
		args[vars[i]] = vars[i+1]
	}
	return say.Text(ck.reader, key+".message", args), say.Text(ck.reader, key+".hint", args)
}

func every(*token) bool         { return true }
func outsideTags(t *token) bool { return t.tag == 0 }

// part judges one part of the post.
func (ck *check) part(fd rule.Finder) []pipeline.Finding {
	src := fd.Part.Source
	masked := rule.Mask(src)
	t := scan(masked, ck.l.elisions)
	var out []pipeline.Finding
	var swear []hit
	if on(ck.tone.Profanity) {
		swear = ck.profanity(src, t)
		for _, h := range swear {
			key, sev := "vulgar", pipeline.Warning
			if h.p.kind == "insult" {
				key, sev = "insult", pipeline.Error
			}
			msg, hint := ck.said(key, "text", src[h.start:h.end])
			out = append(out, fd.At(rule.Span{Start: h.start, End: h.end}, IDProfanity, sev, msg, hint, nil))
		}
	}
	if ck.words != nil {
		var hs []hit
		for _, h := range hits(t, ck.words.find(t.toks, every)) {
			if !overlaps(swear, h) {
				hs = append(hs, h)
			}
		}
		for _, h := range pick(src, hs, func(hit) int { return 0 }) {
			msg, hint := ck.said("words", "text", src[h.start:h.end])
			out = append(out, fd.At(rule.Span{Start: h.start, End: h.end}, IDWords, pipeline.Warning, msg, hint, nil))
		}
	}
	if on(ck.tone.Aggressive) && ck.l.aggressive != nil {
		hs := drop(hits(t, ck.l.aggressive.find(t.toks, outsideTags)), hits(t, ck.l.aggressiveExcept.find(t.toks, outsideTags)))
		for _, h := range pick(src, hs, func(hit) int { return 0 }) {
			msg, hint := ck.said("aggressive", "text", src[h.start:h.end])
			out = append(out, fd.At(rule.Span{Start: h.start, End: h.end}, IDAggressive, pipeline.Warning, msg, hint, nil))
		}
	}
	out = append(out, ck.address(fd, t)...)
	if on(ck.tone.Shouting) {
		out = append(out, ck.shouting(fd, t)...)
	}
	if on(ck.tone.Punctuation) {
		out = append(out, ck.punctuation(fd, masked)...)
	}
	return out
}

// profanity finds insults and vulgar words, in the text and in hashtags:
// piece by piece (#FilsDePute) and whole (#putaindeconcert has no pieces,
// #PuTain has two).
func (ck *check) profanity(src string, t *text) []hit {
	m := ck.l.profanity
	if m == nil {
		return nil
	}
	hs := hits(t, m.find(t.toks, every))
	for _, h := range t.tags {
		if h.last-h.first < 2 {
			continue
		}
		one := []token{{start: h.start, end: h.end, key: h.key, brk: true}}
		for _, p := range m.index[h.key] {
			if matchSlots(p.slots, one, 0, true, every) == 1 {
				hs = append(hs, hit{p: p, start: h.start, end: h.end})
			}
		}
	}
	hs = drop(hs, hits(t, ck.l.profanityExcept.find(t.toks, every)))
	return pick(src, hs, func(h hit) int {
		if h.p.kind == "insult" {
			return 1
		}
		return 0
	})
}

// address flags the forms of the address the charter does not use, in
// French posts (the languages whose file has an address section), outside
// quotes and hashtags.
func (ck *check) address(fd rule.Finder, t *text) []pipeline.Finding {
	want := ck.tone.Address
	if a, ok := ck.tone.Addresses[ck.code]; ok || ck.l.addressNames != nil {
		// tone.address speaks of French; other languages are named.
		want = a
	}
	var flag string
	switch want = strings.ToLower(strings.TrimSpace(want)); want {
	case "vous", "u":
		want, flag = "vous", "tu"
	case "tu", "je", "jij":
		want, flag = "tu", "vous"
	default:
		return nil
	}
	m := ck.l.address[flag]
	if m == nil {
		return nil
	}
	ok := func(tk *token) bool { return tk.tag == 0 && !tk.quoted }
	found := m.find(t.toks, ok)
	if flag == "tu" {
		found = append(found, initial(t.toks, ck.l.imperatives.find(t.toks, ok))...)
	}
	hs := drop(hits(t, hoursAfter(t.toks, found)), hits(t, ck.l.addressExcept.find(t.toks, ok)))
	var out []pipeline.Finding
	src := fd.Part.Source
	name := func(a string) string {
		if n := ck.l.addressNames[a]; n != "" {
			return n
		}
		return a
	}
	for _, h := range pick(src, hs, func(hit) int { return 0 }) {
		msg, hint := ck.said("address", "text", src[h.start:h.end], "found", name(flag), "address", name(want), "use", alternatives(ck.reader, h.p.use))
		out = append(out, fd.At(rule.Span{Start: h.start, End: h.end}, IDAddress, pipeline.Warning, msg, hint, nil))
	}
	return out
}

// alternatives says forms joined with "|" as a list in l: "tu, toi or
// te".
func alternatives(l i18n.Lang, forms string) string {
	fs := strings.Split(forms, "|")
	if len(fs) == 1 {
		return fs[0]
	}
	last := len(fs) - 1
	return say.Text(l, "or", i18n.Args{"some": strings.Join(fs[:last], say.Text(l, "list_separator", nil)), "last": fs[last]})
}

// initial keeps the matches that start a sentence (or follow a
// hashtag): a verb there without its subject is an imperative.
func initial(toks []token, ms []match) []match {
	var out []match
	for _, m := range ms {
		if m.from == 0 || toks[m.from-1].sentence != toks[m.from].sentence || toks[m.from-1].tag != 0 {
			// The finding is the verb: the words that made it one
			// (« Réserve ta ») have findings of their own.
			m.to = m.from + 1
			if toks[m.from].key == "n’" && len(toks) > m.from+1 {
				m.to = m.from + 2
			}
			out = append(out, m)
		}
	}
	return out
}

// hoursAfter drops a one-letter address form after a number: « 20 u »
// is 20 uur in Belgian Dutch, not the reader.
func hoursAfter(toks []token, ms []match) []match {
	out := ms[:0]
	for _, m := range ms {
		if m.to-m.from == 1 && toks[m.from].letters == 1 && m.from > 0 && toks[m.from-1].digits {
			continue
		}
		out = append(out, m)
	}
	return out
}

// isAccepted reports whether a word is written as in the vocabulary or the
// charter's spelling.accept (DJ, BOZAR): its capitals are its spelling.
func (ck *check) isAccepted(w string) bool {
	if ck.accepted == nil {
		ck.accepted = map[string]bool{}
		for _, v := range ck.vocab {
			for _, tk := range scan(v, nil).toks {
				ck.accepted[apostrophes(v[tk.start:tk.end])] = true
			}
		}
	}
	return ck.accepted[apostrophes(w)]
}

func apostrophes(w string) string { return strings.ReplaceAll(w, "'", "’") }

// shouting judges each sentence: mostly in capitals, or holding a long
// word in capitals.
func (ck *check) shouting(fd rule.Finder, t *text) []pipeline.Finding {
	var out []pipeline.Finding
	toks := t.toks
	for i := 0; i < len(toks); {
		j := i
		for j < len(toks) && toks[j].sentence == toks[i].sentence {
			j++
		}
		out = append(out, ck.sentence(fd, toks[i:j])...)
		i = j
	}
	return out
}

func allCaps(tk *token) bool { return tk.upper > 0 && tk.lower == 0 }

func (ck *check) sentence(fd rule.Finder, toks []token) []pipeline.Finding {
	cfg := ck.d.rules.Shouting
	src := fd.Part.Source
	candidate := false
	for k := range toks {
		if tk := &toks[k]; tk.tag == 0 && allCaps(tk) && tk.upper >= 2 {
			candidate = true
			break
		}
	}
	if !candidate {
		return nil
	}
	// The words that count: no hashtag, no number, no word of the
	// vocabulary written as there.
	counted := make([]bool, len(toks))
	first, last := -1, -1
	anyLower := false
	for k := range toks {
		tk := &toks[k]
		if tk.tag != 0 {
			continue
		}
		if first < 0 {
			first = k
		}
		last = k
		if tk.digits || tk.letters == 0 || tk.upper > 0 && ck.isAccepted(src[tk.start:tk.end]) {
			continue
		}
		counted[k] = true
		if tk.lower > 0 {
			anyLower = true
		}
	}
	acronym := func(tk *token) bool { return allCaps(tk) && tk.letters >= 2 && tk.letters <= cfg.AcronymMax }
	shout, percent := false, 0
	if !anyLower {
		words, long, letters, upper := 0, 0, 0, 0
		for k := range toks {
			if tk := &toks[k]; counted[k] && tk.letters >= 2 {
				words++
				if tk.letters >= cfg.MinWord {
					long++
				}
				letters += tk.letters
				upper += tk.upper
			}
		}
		if words >= cfg.MinWords && long >= 1 && upper > 0 {
			shout, percent = true, upper*100/letters
		}
	} else {
		words, letters, upper := 0, 0, 0
		for k := range toks {
			if tk := &toks[k]; counted[k] && tk.letters >= cfg.MinWord && !acronym(tk) {
				words++
				letters += tk.letters
				upper += tk.upper
			}
		}
		if words >= cfg.MinWords && float64(upper) > cfg.Ratio*float64(letters) {
			shout, percent = true, upper*100/letters
		}
	}
	if shout {
		msg, hint := ck.said("shouting_sentence", "percent", strconv.Itoa(percent))
		return []pipeline.Finding{fd.At(rule.Span{Start: toks[first].start, End: toks[last].end}, IDShouting, pipeline.Warning, msg, hint, nil)}
	}
	if cfg.WordMin == 0 {
		return nil
	}
	// A long word in capitals, with the capital words hyphenated to it
	// (RENDEZ-VOUS) or elided before it (L’ENTRÉE).
	var out []pipeline.Finding
	for k := 0; k < len(toks); k++ {
		tk := &toks[k]
		if !counted[k] || !allCaps(tk) || tk.letters < cfg.WordMin {
			continue
		}
		a, b := k, k
		for a > 0 && toks[a].joined && toks[a-1].tag == 0 && allCaps(&toks[a-1]) {
			a--
		}
		for b+1 < len(toks) && toks[b+1].joined && toks[b+1].tag == 0 && allCaps(&toks[b+1]) {
			b++
		}
		w := src[toks[a].start:toks[b].end]
		lower := strings.ToLower(w)
		if a == first {
			r, n := utf8.DecodeRuneInString(lower)
			lower = string(unicode.ToUpper(r)) + lower[n:]
		}
		msg, hint := ck.said("shouting_word", "text", w, "lower", lower)
		out = append(out, fd.At(rule.Span{Start: toks[a].start, End: toks[b].end}, IDShouting, pipeline.Warning, msg, hint, nil))
		k = b
	}
	return out
}

// punctuation flags runs of ! and ? (spaces between them allowed, as
// French typography puts some) and offers the first mark alone.
func (ck *check) punctuation(fd rule.Finder, masked string) []pipeline.Finding {
	cfg := ck.d.rules.Punctuation
	src := fd.Part.Source
	var out []pipeline.Finding
	for i := 0; i < len(masked); {
		r, n := utf8.DecodeRuneInString(masked[i:])
		marks, ok := ck.d.marks[r]
		if !ok {
			i += n
			continue
		}
		start, end, j := i, i+n, i+n
		for j < len(masked) {
			r2, n2 := utf8.DecodeRuneInString(masked[j:])
			if m, ok := ck.d.marks[r2]; ok {
				marks += m
				j += n2
				end = j
				continue
			}
			if r2 != '\n' && unicode.IsSpace(r2) {
				j += n2
				continue
			}
			break
		}
		i = j
		if masked[end-1] == '!' && end < len(masked) && masked[end] == '[' { // ![image](…)
			end = start + len(strings.TrimRightFunc(masked[start:end-1], unicode.IsSpace))
			marks = marks[:len(marks)-1]
		}
		if marks == "" {
			continue
		}
		same := strings.Count(marks, marks[:1]) == len(marks)
		if same && len(marks) >= cfg.Same || !same && len(marks) >= cfg.Mixed {
			mark := marks[:1]
			msg, hint := ck.said("punctuation", "text", src[start:end], "mark", mark)
			out = append(out, fd.At(rule.Span{Start: start, End: end}, IDPunctuation, pipeline.Warning, msg, hint, &mark))
		}
	}
	return out
}
