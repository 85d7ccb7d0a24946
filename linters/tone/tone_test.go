package tone_test

import (
	"fmt"
	"sort"
	"strings"
	"testing"

	"github.com/crieur/crieur/linters/rule"
	"github.com/crieur/crieur/linters/tone"
	"github.com/crieur/crieur/pipeline"
)

// want is one finding a case expects: its rule and severity, and the text
// it covers (the n-th occurrence of text in the file, 1 when n is 0),
// which gives its start and end positions.
type want struct {
	rule string
	sev  pipeline.Severity
	text string
	n    int
}

func profane(text string) want { return want{tone.IDProfanity, pipeline.Warning, text, 0} }
func insult(text string) want  { return want{tone.IDProfanity, pipeline.Error, text, 0} }
func shout(text string) want   { return want{tone.IDShouting, pipeline.Warning, text, 0} }
func marks(text string) want   { return want{tone.IDPunctuation, pipeline.Warning, text, 0} }
func addr(text string) want    { return want{tone.IDAddress, pipeline.Warning, text, 0} }
func aggr(text string) want    { return want{tone.IDAggressive, pipeline.Warning, text, 0} }
func word(text string) want    { return want{tone.IDWords, pipeline.Warning, text, 0} }

// nth is the same finding on a later occurrence of its text.
func (w want) nth(n int) want { w.n = n; return w }

type toneCase struct {
	name    string
	charter string // "" for testCharter
	front   string // front matter besides publish_at
	body    string
	want    []want
}

func runCases(t *testing.T, cases []toneCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			src, _, got := lintPost(t, tc.charter, tc.front, tc.body)
			var gotKeys, wantKeys []string
			for _, f := range got {
				if f.Path != postPath || f.Message == "" || f.Hint == "" || f.EndLine == 0 {
					t.Errorf("incomplete finding %#v", f)
				}
				gotKeys = append(gotKeys, fmt.Sprintf("%d:%d-%d:%d %s %s", f.Line, f.Col, f.EndLine, f.EndCol, f.Severity, f.Rule))
			}
			for _, w := range tc.want {
				n := w.n
				if n == 0 {
					n = 1
				}
				line, col := posOf(t, src, w.text, n)
				endLine, endCol := line, col+len([]rune(w.text))
				if i := strings.LastIndex(w.text, "\n"); i >= 0 {
					endLine += strings.Count(w.text, "\n")
					endCol = len([]rune(w.text[i+1:])) + 1
				}
				wantKeys = append(wantKeys, fmt.Sprintf("%d:%d-%d:%d %s %s", line, col, endLine, endCol, w.sev, w.rule))
			}
			sort.Strings(gotKeys)
			sort.Strings(wantKeys)
			if strings.Join(gotKeys, "\n") != strings.Join(wantKeys, "\n") {
				t.Errorf("findings differ\n got:\n  %s\nwant:\n  %s\nall findings:\n%s", strings.Join(gotKeys, "\n  "), strings.Join(wantKeys, "\n  "), list(got))
			}
		})
	}
}

func list(fs []pipeline.Finding) string {
	var b strings.Builder
	for _, f := range fs {
		fmt.Fprintf(&b, "  %v\n", f)
	}
	return b.String()
}

func TestProfanity(t *testing.T) {
	runCases(t, []toneCase{
		{name: "a vulgar word is a warning, at its place",
			body: "Putain, quelle soirée.\n",
			want: []want{profane("Putain")}},
		{name: "con is a word, not the start of concert, contact or Confluent",
			body: "Le concert, le contact et Confluent : c’est con, les cons.\n",
			want: []want{profane("con").nth(3), profane("cons")}},
		{name: "aimed at people it is an insult, an error; the vulgar word inside is not reported twice",
			body: "Bande de cons.\n",
			want: []want{insult("Bande de cons")}},
		{name: "de stands for d’ with either apostrophe",
			body: "Bande d’idiots. Espèce d'imbécile.\n",
			want: []want{insult("Bande d’idiots"), insult("Espèce d'imbécile")}},
		{name: "idiot that aims at nobody is no insult",
			body: "Une idée idiote, ce serait idiot de rater ça.\n",
		},
		{name: "t’es stands for tu es: an insult, and the address",
			body: "T’es con.\n",
			want: []want{insult("T’es con"), addr("T’")}},
		{name: "an insult is an error on its own; plural and feminine forms are listed",
			body: "Connards et connasses, salopes.\n",
			want: []want{insult("Connards"), insult("connasses"), insult("salopes")}},
		{name: "a word written with accents matches it typed without them",
			body: "Quel encule.\n",
			want: []want{insult("encule")}},
		{name: "a decomposed accent is the same letter",
			body: "Enfoire\u0301 !\n",
			want: []want{insult("Enfoire\u0301")}},
		{name: "a word written without accent does not match the accented word: salé is not sale",
			body: "Caramel salé et beurre salé au bar. Sale con.\n",
			want: []want{insult("Sale con")}},
		{name: "capitals: the word is still vulgar, and shouted",
			body: "PUTAIN de concert.\n",
			want: []want{profane("PUTAIN"), shout("PUTAIN")}},
		{name: "inside hashtags: whole, by pieces; other hashtags are fine",
			body: "Ce soir. #merde #FilsDePute #JeudiJazz #concert\n",
			want: []want{profane("merde"), insult("FilsDePute")}},
		{name: "a hashtag whose pieces hide the word",
			body: "Ce soir. #PuTain\n",
			want: []want{profane("PuTain")}},
		{name: "music terms, dishes and typography are no swearing",
			body: "Allegro con brio, puis andante con moto. Chili con carne au bar, au fond du cul-de-sac.\n",
		},
		{name: "a phrase does not run across punctuation",
			body: "Une bande, de cons il n’y en a pas. Vous êtes, idiots.\n",
			want: []want{profane("cons")}},
		{name: "frames: vous êtes (vraiment) des",
			body: "Vous êtes vraiment des idiots. Vous êtes des crétins.\n",
			want: []want{insult("Vous êtes vraiment des idiots"), insult("Vous êtes des crétins")}},
		{name: "a URL, inline code and a mention are not prose",
			body: "Voir https://example.org/merde/con et `putain` avec @connard.\n",
		},
		{name: "English lists for an English post",
			front: "lang: en",
			body:  "This is shit, damn. You idiots! A stupid idea. Pros and cons. A Bitches Brew tribute.\n",
			want:  []want{profane("shit"), profane("damn"), insult("You idiots")}},
		{name: "Dutch lists for a Dutch post; compounds are listed whole",
			front: "lang: nl",
			body:  "Wat een kutweer, godverdomme. Jij idioot. Naar Manneken Pis. Een kutje.\n",
			want:  []want{profane("kutweer"), profane("godverdomme"), insult("Jij idioot")}},
		{name: "fr-BE is French",
			front: "lang: fr-BE",
			body:  "Merde.\n",
			want:  []want{profane("Merde")}},
	})
}

// TestLanguageFallback: a post without lang, in a repository without a
// default language, is read in the charter's first language.
func TestLanguageFallback(t *testing.T) {
	src := post("publish_at: 2026-12-20 10:00", "Kut. Merde.\n")
	r := newRepo(t, map[string]string{
		"crieur.yml": "timezone: Europe/Brussels\ndefaults:\n  channels: [mastodon]\nchannels:\n  mastodon:\n    type: outbox\n",
		"charte.yml": "languages: [nl, fr]\n",
		postPath:     src,
	})
	f := loadOne(t, r, postPath)
	if f.Post.Lang != "" {
		t.Fatalf("the post has lang %q; the test needs none", f.Post.Lang)
	}
	got := tone.Tone{}.Check(&rule.Context{Repo: r, Now: now}, f)
	if len(got) != 1 || got[0].Rule != tone.IDProfanity || got[0].Col != 1 || !strings.Contains(got[0].Message, "Kut") {
		t.Errorf("want «Kut» alone (Dutch lists), got:\n%s", list(got))
	}
}

func TestShouting(t *testing.T) {
	runCases(t, []toneCase{
		{name: "a sentence in capitals",
			body: "NOUVEAU CONCERT CE SOIR À LA VERRIÈRE !\n",
			want: []want{shout("NOUVEAU CONCERT CE SOIR À LA VERRIÈRE")}},
		{name: "mostly in capitals, some words not",
			body: "NOUVEAU CONCERT ce SAMEDI soir.\n",
			want: []want{shout("NOUVEAU CONCERT ce SAMEDI soir")}},
		{name: "acronyms and the vocabulary keep their capitals",
			body: "Le DJ de la RTBF et la SNCB au BOZAR, avec UTM et la STIB.\n",
		},
		{name: "short words all in capitals are still shouting",
			body: "MERCI À TOUS !\n",
			want: []want{shout("MERCI À TOUS")}},
		{name: "one long word in capitals",
			body: "Entrée GRATUITE ce soir.\n",
			want: []want{shout("GRATUITE")}},
		{name: "hyphenated and elided words go with it",
			body: "RENDEZ-VOUS au foyer. L’ENTRÉE est libre.\n",
			want: []want{shout("RENDEZ-VOUS"), shout("L’ENTRÉE")}},
		{name: "hashtags are not shouting",
			body: "Ce soir au foyer. #CONCERTGRATUIT #BRUXELLES\n",
		},
		{name: "a capitalised vocabulary word in capitals is shouting; written as in the vocabulary it is not",
			body: "La VERRIÈRE ouvre ses portes ce soir. La Verrière ouvre.\n",
			want: []want{shout("VERRIÈRE")}},
		{name: "spelling.accept counts as vocabulary",
			charter: "tone:\n  address: vous\nspelling:\n  accept: [UNESCO]\n",
			body:    "Patrimoine de l’UNESCO, et NOUVEAU.\n",
			want:    []want{shout("NOUVEAU")}},
		{name: "without it, a long acronym is a shouted word",
			body: "Patrimoine de l’UNESCO.\n",
			want: []want{shout("UNESCO")}},
		{name: "numbers are not words",
			body: "Concert 4K, son MP3 et 2026 à 20H30.\n",
		},
		{name: "each line is its own sentence",
			body: "Programme\nCE SOIR AU FOYER\nEntrée libre\n",
			want: []want{shout("CE SOIR AU FOYER")}},
		{name: "a part in a variant, indented, points at its line",
			front: "channels: [mastodon, bluesky]\nvariants:\n  bluesky: |\n    Court.\n    ENTRÉE GRATUITE CE SOIR.",
			body:  "Entrée libre.\n",
			want:  []want{shout("ENTRÉE GRATUITE CE SOIR")}},
	})
}

func TestPunctuation(t *testing.T) {
	runCases(t, []toneCase{
		{name: "runs of the same mark from two",
			body: "Vite !! Quoi ??? Oui !!!!\n",
			want: []want{marks("!!"), marks("???"), marks("!!!!")}},
		{name: "mixed runs from three; ?! alone is fine",
			body: "Quoi ?! Vraiment ?!? Hein !?!?\n",
			want: []want{marks("?!?"), marks("!?!?")}},
		{name: "spaces between the marks, French style",
			body: "Super ! ! ! Génial\u202f!\u202f!\n",
			want: []want{marks("! ! !"), marks("!\u202f!")}},
		{name: "one character standing for two marks",
			body: "Super ‼ Quoi ⁉\n",
			want: []want{marks("‼")}},
		{name: "not in URLs, code, nor an image after a mark",
			body: "Voir https://example.org/a??b=c et `!!!`. Regardez ![photo](https://example.org/p.jpg)\n",
		},
		{name: "a run before an image keeps its marks but the image's",
			body: "Regardez !!![photo](https://example.org/p.jpg)\n",
			want: []want{marks("!!")}},
	})
}

func TestAddress(t *testing.T) {
	vous := "tone:\n  address: vous\n"
	tu := "tone:\n  address: tu\n"
	runCases(t, []toneCase{
		{name: "vous: every form of tu, t’ before a vowel, ta after à",
			charter: vous,
			body:    "Tu viens ? Toi aussi, avec ta famille, ton ami et tes enfants : on te garde à ta place, elle t’attend, t'inquiète.\n",
			want: []want{addr("Tu"), addr("Toi"), addr("ta"), addr("ton"), addr("tes"), addr("te").nth(2), addr("ta").nth(2),
				addr("t’"), addr("t'")}},
		{name: "vous: never inside a word",
			charter: vous,
			body:    "Tutti, total, état, toit, testez, Tonton, tapis, teuf et tutu.\n",
		},
		{name: "vous: ton the noun, Te Deum, the past participle of taire",
			charter: vous,
			body:    "Sur un ton léger, le ton monte, un demi-ton plus haut, de bon ton. Un Te Deum. Il s’est tu.\n",
		},
		{name: "vous: quotes are someone else's words",
			charter: vous,
			body:    "« Tu sais, j’ai écrit ça la nuit », dit-elle. Elle chante “Toi et moi”. Il dit \"ton tour\". Et toi ?\n",
			want:    []want{addr("toi").nth(1)}},
		{name: "vous: a quote left open ends with its paragraph",
			charter: vous,
			body:    "« Tu sais.\n\nEt toi ?\n",
			want:    []want{addr("toi")}},
		{name: "vous: not in hashtags",
			charter: vous,
			body:    "À bientôt. #TuVasAimer\n",
		},
		{name: "tu: every form of vous; rendez-vous is a noun",
			charter: tu,
			body:    "Vous venez ? Votre place et vos billets. Le rendez-vous est pris.\n",
			want:    []want{addr("Vous"), addr("Votre"), addr("vos")}},
		{name: "any: nothing",
			charter: "tone:\n  address: any\n",
			body:    "Tu viens ? Vous venez ?\n",
		},
		{name: "no address in the charter: nothing",
			charter: "languages: [fr]\n",
			body:    "Tu viens ? Vous venez ?\n",
		},
		{name: "vous: the imperative of tu at the start of a sentence",
			charter: vous,
			body:    "Profites-en ! Viens au concert. Pense à réserver. N’hésite pas. Réserve ta place. #concert Découvre le programme.\n",
			want:    []want{addr("Profites"), addr("Viens"), addr("Pense"), addr("N’hésite"), addr("Réserve"), addr("ta"), addr("Découvre")}},
		{name: "vous: a verb after its subject, a noun, the vous imperative",
			charter: vous,
			body:    "Elle viens. Réserve naturelle du Rouge-Cloître. Cours de yoga à 10 h. Offre spéciale. Note : complet. Venez, pensez à réserver. On découvre le programme.\n",
		},
		{name: "Dutch: je, jij, jouw under u; 20 u is an hour",
			charter: "tone:\n  address: tu\n  addresses: {nl: u}\n",
			front:   "lang: nl",
			body:    "Kom jij ook? Neem je vrienden mee, het is jouw feest. Welkom om 20 u in uw zaal.\n",
			want:    []want{addr("jij"), addr("je"), addr("jouw")}},
		{name: "Dutch: not checked unless the charter names its address",
			charter: vous,
			front:   "lang: nl",
			body:    "Kom jij ook? Neem je vrienden mee.\n",
		},
		{name: "Dutch: u and uw under je",
			charter: "tone:\n  addresses: {nl: je}\n",
			front:   "lang: nl",
			body:    "Bent U er ook bij? Neem uw vrienden mee. Een u-bocht.\n",
			want:    []want{addr("U"), addr("uw")}},
		{name: "English posts have no address rule",
			charter: vous,
			front:   "lang: en",
			body:    "Ta very much, see you at the show.\n",
		},
	})
}

// TestAddressHint: the hint says what to write instead, for the form
// found: « votre » is also what « vôtre » typed without its accent looks
// like, and must get the hint of « votre ».
func TestAddressHint(t *testing.T) {
	tests := []struct{ charter, body, text, hint string }{
		{"tone:\n  address: tu\n", "Votre place.\n", "Votre", "«ton or ta»"},
		{"tone:\n  address: tu\n", "La vôtre.\n", "vôtre", "«tien or tienne»"},
		{"tone:\n  address: tu\n", "Vos places.\n", "Vos", "«tes»"},
		{"tone:\n  address: vous\n", "Ton billet.\n", "Ton", "«votre»"},
		{"tone:\n  address: vous\n", "Il t’attend.\n", "t’", "«vous»"},
		{"tone:\n  address: vous\n", "Profites-en.\n", "Profites", "«profitez»"},
	}
	for _, tc := range tests {
		_, _, got := lintPost(t, tc.charter, "", tc.body)
		if len(got) != 1 || got[0].Rule != tone.IDAddress || !strings.Contains(got[0].Message, "«"+tc.text+"»") || !strings.Contains(got[0].Hint, tc.hint) {
			t.Errorf("%q: want one address finding on «%s» whose hint says %s, got:\n%s", tc.body, tc.text, tc.hint, list(got))
		}
	}
}

func TestAggressive(t *testing.T) {
	runCases(t, []toneCase{
		{name: "French phrases, with either apostrophe, hyphen or space",
			body: "Vous n'avez rien compris. Réveillez-vous. Réveillez vous. C’est pas compliqué pourtant.\n",
			want: []want{aggr("Vous n'avez rien compris"), aggr("Réveillez-vous"), aggr("Réveillez vous"), aggr("C’est pas compliqué pourtant")}},
		{name: "a word of the list",
			body: "Ces prix sont scandaleux.\n",
			want: []want{aggr("scandaleux")}},
		{name: "friendly wording is not aggressive",
			body: "Réserver, c’est simple : vous avez tout compris. Réveillez vos papilles.\n",
		},
		{name: "English",
			front: "lang: en",
			body:  "Shut up, you people.\n",
			want:  []want{aggr("Shut up"), aggr("you people")}},
		{name: "Dutch",
			front: "lang: nl",
			body:  "Hou je mond. Word wakker!\n",
			want:  []want{aggr("Hou je mond"), aggr("Word wakker")}},
		{name: "not in hashtags",
			body: "Ce soir. #ReveillezVous\n",
		},
	})
}

func TestCharterSwitches(t *testing.T) {
	body := "Putain, bande de cons !!! NOUVEAU CONCERT CE SOIR. Réveillez-vous, toi.\n"
	all := []want{profane("Putain"), insult("bande de cons"), marks("!!!"), shout("NOUVEAU CONCERT CE SOIR"), aggr("Réveillez-vous"), addr("toi")}
	without := func(rule string) []want {
		var out []want
		for _, w := range all {
			if w.rule != rule {
				out = append(out, w)
			}
		}
		return out
	}
	runCases(t, []toneCase{
		{name: "every switch on", charter: "tone:\n  address: vous\n  profanity: true\n", body: body, want: all},
		{name: "profanity off", charter: "tone:\n  address: vous\n  profanity: false\n", body: body, want: without(tone.IDProfanity)},
		{name: "shouting off", charter: "tone:\n  address: vous\n  shouting: false\n", body: body, want: without(tone.IDShouting)},
		{name: "punctuation off", charter: "tone:\n  address: vous\n  punctuation: false\n", body: body, want: without(tone.IDPunctuation)},
		{name: "aggressive off", charter: "tone:\n  address: vous\n  aggressive: false\n", body: body, want: without(tone.IDAggressive)},
		{name: "address unset", charter: "tone:\n  profanity: true\n", body: body, want: without(tone.IDAddress)},
	})
}

func TestCharterWords(t *testing.T) {
	charter := "tone:\n  words: [nul, lamentable, \"c’est|c'est raté\", merde, \"*bof\"]\n"
	runCases(t, []toneCase{
		{name: "the charter's words are warnings, whole words, in hashtags too",
			charter: charter,
			body:    "C’est nul, lamentable, une nullité. C'est raté. #nul\n",
			want:    []want{word("nul"), word("lamentable"), word("C'est raté"), word("nul").nth(3)}},
		{name: "a word the profanity lists already report is reported once",
			charter: charter,
			body:    "Merde alors.\n",
			want:    []want{profane("Merde")}},
		{name: "a word that is not a phrase of the data's syntax is matched as written",
			charter: charter,
			body:    "Bof, bof.\n",
			want:    []want{word("Bof"), word("bof").nth(1)}},
		{name: "they apply whatever the switches say",
			charter: "tone:\n  profanity: false\n  aggressive: false\n  words: [nul]\n",
			body:    "C’est nul.\n",
			want:    []want{word("nul")}},
	})
}

func TestPositions(t *testing.T) {
	runCases(t, []toneCase{
		{name: "a thread part points at its own line",
			body: "Première partie.\n\n---\n\nDeuxième : merde.\n",
			want: []want{profane("merde")}},
		{name: "the first comment points into the front matter",
			front: "first_comment: Quelle soirée, putain.",
			body:  "Bonsoir.\n",
			want:  []want{profane("putain")}},
		{name: "a variant in a block scalar points at its indented line",
			front: "channels: [mastodon, bluesky]\nvariants:\n  bluesky: |\n    Court.\n    Quel bordel !!",
			body:  "Bonsoir.\n",
			want:  []want{profane("bordel"), marks("!!")}},
		{name: "columns count characters, not bytes",
			body: "Été, théâtre, où… « Connard » !\n",
			want: []want{insult("Connard")}},
	})
}

// TestPositionsHardCoded pins a few positions by hand, so that a mistake
// shared by the rule and the test's own reckoning cannot hide.
func TestPositionsHardCoded(t *testing.T) {
	_, _, got := lintPost(t, "", "lang: fr", "Été, où « Connard » !!\n")
	// The file: ---, publish_at, lang, ---, then the body on line 5.
	wantPos := map[string][4]int{tone.IDProfanity: {5, 11, 5, 18}, tone.IDPunctuation: {5, 21, 5, 23}}
	if len(got) != len(wantPos) {
		t.Fatalf("got %d findings, want %d:\n%s", len(got), len(wantPos), list(got))
	}
	for _, f := range got {
		if p := wantPos[f.Rule]; [4]int{f.Line, f.Col, f.EndLine, f.EndCol} != p {
			t.Errorf("%s at %d:%d-%d:%d, want %d:%d-%d:%d", f.Rule, f.Line, f.Col, f.EndLine, f.EndCol, p[0], p[1], p[2], p[3])
		}
	}
}

func TestFixes(t *testing.T) {
	tests := []struct {
		name, front, body, want string
	}{
		{"runs become one mark", "", "Vite !!! Quoi ?!? Hein ?? Super ! ! !\n", "Vite ! Quoi ? Hein ? Super !\n"},
		{"narrow spaces kept before the mark", "", "Génial\u202f!\u202f!\u202f!\n", "Génial\u202f!\n"},
		{"the mark a character stands for", "", "Super ‼\n", "Super !\n"},
		{"a thread part", "", "Un.\n\n---\n\nDeux !!!\n", "Un.\n\n---\n\nDeux !\n"},
		{"a one-line first comment", "first_comment: Merci !!!", "Bonsoir.\n", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			src, _, got := lintPost(t, "", tc.front, tc.body)
			var fixes []pipeline.Fix
			for _, f := range got {
				if f.Rule != tone.IDPunctuation {
					t.Errorf("unexpected finding %v", f)
					continue
				}
				if f.Fix == nil {
					t.Errorf("no fix on %v", f)
					continue
				}
				fixes = append(fixes, *f.Fix)
			}
			out, applied := pipeline.ApplyFixes([]byte(src), fixes)
			if len(applied) != len(fixes) {
				t.Errorf("%d of %d fixes applied", len(applied), len(fixes))
			}
			want := tc.want
			if want == "" { // the fix lands in the front matter
				want = strings.Replace(src, "Merci !!!", "Merci !", 1)
			} else {
				want = post("publish_at: 2026-12-20 10:00\n"+tc.front, tc.want)
			}
			if string(out) != want {
				t.Errorf("fixed file\n got %q\nwant %q", out, want)
			}
		})
	}
}

// TestNoFixInBlockScalar: a part indented in a YAML block scalar gets no
// fix (its bytes are not the file's), but still a finding.
func TestNoFixInBlockScalar(t *testing.T) {
	_, _, got := lintPost(t, "", "channels: [mastodon, bluesky]\nvariants:\n  bluesky: >\n    Court !!!", "Bonsoir.\n")
	if len(got) != 1 || got[0].Rule != tone.IDPunctuation || got[0].Fix != nil {
		t.Fatalf("want one punctuation finding without fix, got:\n%s", list(got))
	}
}

func TestInfos(t *testing.T) {
	infos := tone.Tone{}.Infos()
	ids := map[string]pipeline.Severity{}
	for _, info := range infos {
		if info.ID == "" || info.Description == "" || info.Default < pipeline.Suggestion || info.Default > pipeline.Error {
			t.Errorf("incomplete %+v", info)
		}
		if _, dup := ids[info.ID]; dup {
			t.Errorf("%s described twice", info.ID)
		}
		ids[info.ID] = info.Default
	}
	for _, id := range []string{tone.IDProfanity, tone.IDShouting, tone.IDPunctuation, tone.IDAddress, tone.IDAggressive, tone.IDWords} {
		if _, ok := ids[id]; !ok {
			t.Errorf("%s is not described", id)
		}
	}
	if ids[tone.IDProfanity] != pipeline.Error {
		t.Errorf("tone.profanity defaults to %v; its worst finding is an error", ids[tone.IDProfanity])
	}
}

// TestEveryIDReported lints a post that trips every rule: each id it
// reports is described in Infos, and each id described is reported.
func TestEveryIDReported(t *testing.T) {
	charter := "tone:\n  address: vous\n  words: [lamentable]\n"
	_, _, got := lintPost(t, charter, "", "Putain !!! NOUVEAU CONCERT CE SOIR. Réveillez-vous, toi. C’est lamentable.\n")
	described := map[string]bool{}
	for _, info := range (tone.Tone{}).Infos() {
		described[info.ID] = true
	}
	reported := map[string]bool{}
	for _, f := range got {
		reported[f.Rule] = true
		if !described[f.Rule] {
			t.Errorf("%s is reported but not described: %v", f.Rule, f)
		}
	}
	for id := range described {
		if !reported[id] {
			t.Errorf("%s is described but this post does not trip it:\n%s", id, list(got))
		}
	}
}
