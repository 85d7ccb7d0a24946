package tone

import (
	"strings"
	"testing"
	"testing/fstest"
	"unicode"
)

// TestDataLoads: the embedded files read and compile (a broken file
// would make the rule panic at its first post).
func TestDataLoads(t *testing.T) {
	d, err := loadData(dataFS)
	if err != nil {
		t.Fatal(err)
	}
	for _, code := range []string{"fr", "en", "nl"} {
		l, ok := d.langs[code]
		if !ok {
			t.Errorf("no %s.yml", code)
			continue
		}
		if l.profanity == nil || l.aggressive == nil {
			t.Errorf("%s: no profanity or aggressive list", code)
		}
	}
	if d.langs["fr"].address["tu"] == nil || d.langs["fr"].address["vous"] == nil {
		t.Error("fr.yml: no address forms")
	}
}

// found lints a sentence with a language's lists and returns the kinds
// of the profanity and aggressive phrases that cover the whole of want.
func found(l *lang, sentence, want string) map[string]bool {
	t := scan(sentence, l.elisions)
	kinds := map[string]bool{}
	start := strings.Index(sentence, want)
	for _, m := range []*matcher{l.profanity, l.aggressive} {
		for _, mt := range m.find(t.toks, every) {
			if s, e := t.span(mt); s == start && e == start+len(want) {
				kinds[mt.p.kind] = true
			}
		}
	}
	return kinds
}

// variants are the ways a CM may type a phrase of the data: as written,
// in capitals, capitalised at the start of a sentence, with the other
// apostrophe.
func variants(form string) []string {
	r := []rune(form)
	out := []string{form, strings.ToUpper(form), string(unicode.ToUpper(r[0])) + string(r[1:])}
	if strings.Contains(form, "’") {
		out = append(out, strings.ReplaceAll(form, "’", "'"))
	}
	if strings.Contains(form, "'") {
		out = append(out, strings.ReplaceAll(form, "'", "’"))
	}
	return out
}

// TestEveryEntryMatchesItself: each form of each list, written in a
// sentence as a CM would type it, is found whole and with its kind. An
// entry that cannot match (a typo in the syntax, a word the scanner cuts
// differently) fails here.
func TestEveryEntryMatchesItself(t *testing.T) {
	d, err := loadData(dataFS)
	if err != nil {
		t.Fatal(err)
	}
	for _, code := range []string{"fr", "en", "nl"} {
		raw, err := dataFS.ReadFile("data/" + code + ".yml")
		if err != nil {
			t.Fatal(err)
		}
		var lf langFile
		if err := decodeStrict(raw, &lf); err != nil {
			t.Fatal(err)
		}
		l := d.langs[code]
		lists := []struct {
			kind    string
			entries []entry
		}{{"insult", lf.Profanity.Insults}, {"vulgar", lf.Profanity.Vulgar}, {"aggressive", lf.Aggressive.Phrases}}
		for _, list := range lists {
			for _, e := range list.entries {
				for _, form := range e {
					if strings.ContainsAny(form, "|()*") {
						continue // a pattern: TestFrames covers the frames
					}
					for _, v := range variants(form) {
						sentence := "Alors " + v + " ici."
						if kinds := found(l, sentence, v); !kinds[list.kind] {
							t.Errorf("%s.yml: %s %q not found in %q (found %v)", code, list.kind, form, sentence, kinds)
						}
					}
				}
			}
		}
		// Every aimed word is an insult in the first reading of every frame.
		for _, f := range lf.Profanity.Aimed.Frames {
			for _, e := range lf.Profanity.Aimed.Words {
				for _, w := range e {
					phrase := firstReading(f, w)
					if kinds := found(l, "Alors "+phrase+" ici.", phrase); !kinds["insult"] {
						t.Errorf("%s.yml: frame %q with %q: %q not found as an insult", code, f, w, phrase)
					}
				}
			}
		}
		// The address forms, in a sentence.
		for form, forms := range map[string]map[string]entry{"tu": lf.Address.Tu, "vous": lf.Address.Vous} {
			for w := range forms {
				sentence := "Alors " + w + " ici."
				tx := scan(sentence, l.elisions)
				if ms := l.address[form].find(tx.toks, every); len(ms) == 0 {
					t.Errorf("%s.yml: address %s %q not found in %q", code, form, w, sentence)
				}
			}
		}
	}
}

// firstReading writes a frame with its first alternatives, its optional
// words left out and * replaced by w.
func firstReading(frame, w string) string {
	var out []string
	for _, f := range strings.Fields(frame) {
		if strings.HasPrefix(f, "(") {
			continue
		}
		if f == "*" {
			out = append(out, w)
			continue
		}
		out = append(out, strings.Split(f, "|")[0])
	}
	return strings.Join(out, " ")
}

// TestNotInsideWords: the short words of the lists never match inside
// longer words, whatever the case.
func TestNotInsideWords(t *testing.T) {
	d := theData()
	cases := map[string][]string{
		"fr": {"concert", "contact", "Confluent", "CONCERT", "reculer", "Martinique", "putative", "bordelais", "merdeuxième", "chiantissime", "connexion", "culture"},
		"en": {"class", "assess", "Scunthorpe", "shitake", "damnation", "cockpit", "hello", "peacock"},
		"nl": {"kutje", "lullig", "kakkerlak", "piste", "Pisa"},
	}
	for code, words := range cases {
		l := d.langs[code]
		for _, w := range words {
			tx := scan("Le "+w+" ici.", l.elisions)
			for _, m := range l.profanity.find(tx.toks, every) {
				s, e := tx.span(m)
				t.Errorf("%s: %q matched %q (%s) in %q", code, m.p.text, ("Le " + w + " ici.")[s:e], m.p.kind, w)
			}
		}
	}
}

// TestBrokenData: the loader refuses the mistakes a maintainer can make
// in the files, with the file named.
func TestBrokenData(t *testing.T) {
	good, err := dataFS.ReadFile("data/rules.yml")
	if err != nil {
		t.Fatal(err)
	}
	lang := func(body string) fstest.MapFS {
		return fstest.MapFS{"data/rules.yml": {Data: good}, "data/fr.yml": {Data: []byte(body)}}
	}
	tests := []struct {
		name string
		fsys fstest.MapFS
		want string
	}{
		{"an unknown key", lang("profanity:\n  insult: [con]\n"), "fr.yml"},
		{"* outside the frames", lang("profanity:\n  vulgar: [\"bande de *\"]\n"), "only stands in aimed.frames"},
		{"an optional first word", lang("aggressive:\n  phrases: [\"(vous) êtes\"]\n"), "optional"},
		{"a frame without *", lang("profanity:\n  aimed:\n    words: [idiot]\n    frames: [bande de]\n"), "one *"},
		{"frames without words", lang("profanity:\n  aimed:\n    frames: [\"bande de *\"]\n"), "without words"},
		{"an elision without apostrophe", lang("elisions:\n  l: [le]\n"), "apostrophe"},
		{"an address form without replacement", lang("address:\n  tu:\n    tu: \"\"\n"), "instead"},
		{"an empty form to write instead", lang("address:\n  vous:\n    votre: [ton, \"\"]\n"), "instead"},
		{"a phrase of punctuation only", lang("profanity:\n  vulgar: [\"!!\"]\n"), "holds no word"},
		{"a file not named after a language", fstest.MapFS{"data/rules.yml": {Data: good}, "data/french.yml": {Data: []byte("{}")}}, "language code"},
		{"messages left in rules.yml (they are in messages/)", fstest.MapFS{"data/rules.yml": {Data: append(append([]byte(nil), good...), "messages:\n  insult: {}\n"...)}}, "rules.yml"},
		{"a bad ratio", fstest.MapFS{"data/rules.yml": {Data: []byte(strings.Replace(string(good), "ratio: 0.6", "ratio: 60", 1))}}, "ratio"},
		{"a mark standing for letters", fstest.MapFS{"data/rules.yml": {Data: []byte(strings.Replace(string(good), `"‼": "!!"`, `"‼": "xx"`, 1))}}, "punctuation.marks"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := loadData(tc.fsys)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %v, want one saying %q", err, tc.want)
			}
		})
	}
}

// TestFold: the form words are compared in.
func TestFold(t *testing.T) {
	tests := map[string]string{
		"Putain":           "putain",
		"ENCULÉ":           "enculé",
		"encule\u0301":     "enculé",
		"D'":               "d’",
		"Aujourd\u02bchui": "aujourd’hui",
		"con\u00adnard":    "connard",
		"plain":            "plain",
		"ÇA":               "ça",
		"Noe\u0308l":       "noël",
		"x\u0301":          "x\u0301",
	}
	for in, want := range tests {
		if got := fold(in); got != want {
			t.Errorf("fold(%q) = %q, want %q", in, got, want)
		}
	}
	if got := strip("dégueulasse"); got != "degueulasse" {
		t.Errorf("strip: %q", got)
	}
}

// TestScan: how a text is cut into words.
func TestScan(t *testing.T) {
	elisions := theData().langs["fr"].elisions
	keys := func(s string) string {
		var out []string
		for _, tk := range scan(s, elisions).toks {
			out = append(out, tk.key)
		}
		return strings.Join(out, " ")
	}
	tests := map[string]string{
		"L’été d'un jusqu’au-boutiste":   "l’ été d’ un jusqu’ au boutiste",
		"aujourd’hui, prud'hommes":       "aujourd’hui prud’hommes",
		"Réveillez-vous ! a-t-il dit":    "réveillez vous a t il dit",
		"#JeudiJazz #RTBFLive #Jazz2026": "jeudi jazz rtbf live jazz 2026",
		"#bande_de_cons C# &#39;":        "bande de cons c 39",
		"con\u200bnard":                  "connard",
	}
	for in, want := range tests {
		if got := keys(in); got != want {
			t.Errorf("scan(%q) = %q, want %q", in, got, want)
		}
	}
	// Sentences and quotes.
	tx := scan("Un. Deux 2.5 trois ! « Quatre » cinq\nsix", elisions)
	var sentences, quoted []string
	for _, tk := range tx.toks {
		sentences = append(sentences, string(rune('0'+tk.sentence)))
		if tk.quoted {
			quoted = append(quoted, tk.key)
		}
	}
	if got := strings.Join(sentences, ""); got != "01111223" {
		t.Errorf("sentences %s, want 01111223 (un | deux 2 5 trois | quatre cinq | six)", got)
	}
	if strings.Join(quoted, " ") != "quatre" {
		t.Errorf("quoted %v, want [quatre]", quoted)
	}
}
