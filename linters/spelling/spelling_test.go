package spelling_test

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/crieur/crieur/linters/rule"
	"github.com/crieur/crieur/linters/spelling"
	"github.com/crieur/crieur/pipeline"
)

// needDictionaries skips a test when a dictionary it needs is missing:
// the rule then reports spelling.dictionary, tested on its own below.
func needDictionaries(t *testing.T, langs ...string) {
	t.Helper()
	for _, l := range langs {
		r := newRepo(t, map[string]string{postPath: post("publish_at: 2026-12-10 10:00\nlang: "+l, "Bonjour.\n")})
		for _, f := range check(t, spelling.Spelling{}, r, postPath) {
			if f.Rule == spelling.IDDictionary {
				t.Skipf("%s (scripts/deps.sh installs the dictionaries)", f)
			}
		}
	}
}

// lint writes one post with front (publish_at and lang fr added unless
// given) and body, plus files, and runs the rule on it.
func lint(t *testing.T, front, body string, files map[string]string) (string, []pipeline.Finding) {
	t.Helper()
	if !strings.Contains(front, "publish_at:") {
		front = "publish_at: 2026-12-10 10:00\n" + front
	}
	src := post(front, body)
	all := map[string]string{postPath: src}
	for k, v := range files {
		all[k] = v
	}
	r := newRepo(t, all)
	return src, check(t, spelling.Spelling{}, r, postPath)
}

func TestSpellingFrench(t *testing.T) {
	needDictionaries(t, "fr")
	tests := []struct {
		name  string
		body  string
		want  []string // the words flagged, in order
		fixed string   // the body once every fix is applied; "" when want is empty
	}{
		{"elisions with both apostrophes", "L’été dernier, l'orchestre n’a joué qu’une fois ; jusqu’au bout, lorsqu’il pleut, puisqu’elle chante, s’il le faut, c’est dit, j’y vais, m’a-t-on dit, t’as vu.\n", nil, ""},
		{"a misspelt word after an elision", "L’ête fut chaud, d’aileurs.\n", []string{"ête", "aileurs"}, "L’été fut chaud, d’ailleurs.\n"},
		{"the fix keeps a straight apostrophe", "On s'aprête à partir.\n", []string{"aprête"}, "On s'apprête à partir.\n"},
		{"a suggestion keeps the author's apostrophe", "C’est aujourd'hi, aujourd’hi.\n", []string{"aujourd'hi", "aujourd’hi"}, "C’est aujourd'hui, aujourd’hui.\n"},
		{"inclusive writing", "Chères et chers spectateur·ices, ami·e·s, tou·te·s les inscrit·e·s, les étudiant·es, l’acteur·ice.\n", nil, ""},
		{"inclusive writing, misspelt", "Les spectatuer·ices et les ami·zz.\n", []string{"spectatuer", "ami·zz"}, ""},
		{"hyphenated compounds", "Peut-être, c’est-à-dire vingt-et-un, « donnez-nous » la main, a-t-il dit ; « -t-il » s’écrit ainsi. Rendez-vous l’après-midi.\n", nil, ""},
		{"a misspelt part of a compound", "Voici l’arc-en-ciell et la salle-de-spectacel.\n", []string{"ciell", "spectacel"}, "Voici l’arc-en-ciel et la salle-de-spectacle.\n"},
		{"ordinals and Roman numerals", "Le 1er et la 1re, le 2e, le 3e rang, au XXe et au XIXᵉ siècle, sous Louis XIV et Napoléon Ier.\n", nil, ""},
		{"times, numbers and amounts", "Rendez-vous à 20 h 30, ou 20h30, ou 9h ; 10 €, 12,50 €, 1 000 personnes, 3,5 %, saison 2026-2027.\n", nil, ""},
		{"a compound with a number is checked piece by piece", "La Covid-19 et la Kovid-19.\n", []string{"Kovid"}, ""},
		{"emojis", "Merci 🎉🙏 à toutes et à tous ❤️ 👍🏽 1️⃣\n", nil, ""},
		{"URLs, e-mail, mentions, code, HTML are not prose", "Voir https://example.org/aileurs et www.example.org/xyzzq, écrire à contact@aileurs.example, merci @aileurs et @gens@mastodon.example ; `codeux` <!-- brouillonx --> <span>texte</span>&nbsp;fin.\n", nil, ""},
		{"a bare domain is not prose", "Tout est sur verriere.example.org/programme.\n", nil, ""},
		{"Markdown", "**Gras**, _italique_, [un lien](https://example.org) et > une citation.\n\n- un point\n- un autre\n", nil, ""},
		{"a sentence start", "Samedi, la salle ouvre. Demain aussi ! Vraiment ? Oui… Enfin.\n", nil, ""},
		{"abbreviations", "M. Dupont, Mme Durand, etc. et p. ex. la Cie.\n", nil, ""},
		{"vocabulary: names, compounds, phrases, elided", "Maëlle Dufrasne chante à Molenbeek-Saint-Jean, à la Verrière, pour Jeudi jazz ; l’album d’Maëlle. MOLENBEEK !\n", nil, ""},
		{"typos, with suggestions", "La billeterie est complèt, la musiqe aussi.\n", []string{"billeterie", "complèt", "musiqe"}, "La billetterie est complet, la musique aussi.\n"},
		{"a rejected word, even where Hunspell would accept it", "À Bruxelle et à Molenbeeck, l’orchestre de Bruxelle.\n", []string{"Bruxelle", "Molenbeeck", "Bruxelle"}, "À Bruxelles et à Molenbeek, l’orchestre de Bruxelles.\n"},
		{"hashtags split", "Venez !\n\n#JeudiJazz #jeudijazz #JeunePublic #Bruxele #Bruxelle #10ans #ASBLSolidaire #Fête_de_la_musique\n", []string{"Bruxele", "Bruxelle"}, "Venez !\n\n#JeudiJazz #jeudijazz #JeunePublic #Bruxelles #Bruxelles #10ans #ASBLSolidaire #Fête_de_la_musique\n"},
		{"real-word errors are not spelling errors", "Bonjour.\nLa sale est plaine.\n", nil, ""},
		{"a Markdown heading is not a hashtag", "# Programe\n", []string{"Programe"}, "# Programme\n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			src, fs := lint(t, "", tc.body, nil)
			if got := words(t, src, fs); !slices.Equal(got, tc.want) && !(len(got) == 0 && len(tc.want) == 0) {
				t.Fatalf("flagged %q, want %q\n%v", got, tc.want, fs)
			}
			for _, f := range fs {
				if f.Rule != spelling.ID || f.Severity != pipeline.Warning {
					t.Errorf("%v: want a spelling warning", f)
				}
			}
			// The fix is the first suggestion: libhunspell's (gospell,
			// the pure-Go engine, suggests otherwise).
			if tc.fixed != "" && exactEngine {
				if got := applyFixes(src, fs); got != post("publish_at: 2026-12-10 10:00", tc.fixed) {
					t.Errorf("fixed:\n%s\nwant body:\n%s", got, tc.fixed)
				}
			}
		})
	}
}

// exactEngine: this build checks with libhunspell itself (-tags
// hunspell), whose suggestions the tests know word for word; the pure-Go
// engine's answers are checked, its suggestions only where they agree.
var exactEngine = strings.HasPrefix(spelling.Engine, "libhunspell")

func TestSpellingMessage(t *testing.T) {
	needDictionaries(t, "fr")
	src, fs := lint(t, "", "Bonjour.\nIl fait beau à Bruxele, à Bruxelle et à Zwxqtplk.\n", nil)
	if len(fs) != 3 {
		t.Fatalf("want 3 findings, got %v", fs)
	}
	unknown, rejected, none := fs[0], fs[1], fs[2]
	if want := (pipeline.Pos{Line: 5, Col: 16}); (pipeline.Pos{Line: unknown.Line, Col: unknown.Col}) != want || unknown.EndLine != 5 || unknown.EndCol != 23 {
		t.Errorf("at %d:%d-%d:%d, want %v-5:23", unknown.Line, unknown.Col, unknown.EndLine, unknown.EndCol, want)
	}
	if unknown.Message != "« Bruxele » is not in the fr dictionary" {
		t.Errorf("message %q", unknown.Message)
	}
	if !strings.HasPrefix(unknown.Hint, "did you mean Bruxelles") || !strings.HasSuffix(unknown.Hint, "? or add it to vocabulaire.txt") {
		t.Errorf("hint %q", unknown.Hint)
	}
	if n := strings.Count(unknown.Hint, ",") + 1; n > 3 {
		t.Errorf("hint %q offers %d suggestions, at most 3", unknown.Hint, n)
	}
	if unknown.Fix == nil || unknown.Fix.Text != "Bruxelles" || src[unknown.Fix.Start:unknown.Fix.End] != "Bruxele" {
		t.Errorf("fix %+v", unknown.Fix)
	}
	if rejected.Message != "« Bruxelle » is a spelling the charter rejects" || !strings.Contains(rejected.Hint, "Bruxelles") || strings.Contains(rejected.Hint, "vocabulaire") {
		t.Errorf("rejected: %q (%q)", rejected.Message, rejected.Hint)
	}
	if exactEngine && (none.Fix != nil || none.Hint != "check the spelling, or add it to vocabulaire.txt if it is right") {
		t.Errorf("a word without suggestion: %+v", none)
	}
}

func TestSpellingCharter(t *testing.T) {
	needDictionaries(t, "fr")
	tests := []struct {
		name    string
		charter string
		body    string
		want    []string
	}{
		{"accept", "spelling:\n  accept: [crieur, Zwxqt]\n", "Le crieur de Zwxqt et le crieurx.\n", []string{"crieurx"}},
		{"reject a word Hunspell accepts", "spelling:\n  reject: [évènement]\n", "L’évènement et les évènements, un Évènement, l’arc-en-ciel-évènement.\n", []string{"évènement", "Évènement", "évènement"}},
		{"reject a phrase", "spelling:\n  reject: [\"au jour d'aujourd'hui\"]\n", "Au jour d’aujourd’hui, et au\njour d'aujourd'hui.\n", []string{"Au jour d’aujourd’hui", "au\njour d'aujourd'hui"}},
		{"terms other charter rules flag", "substitutions:\n  - term: Bxl\n    replace: Bruxelles\nforbidden:\n  - term: tkt\n", "À Bxl, tkt, mais pas à Bxll.\n", []string{"Bxll"}},
		{"hashtags skipped by default", "spelling: {}\n", "#Bruxele #Aileurs\n", nil},
		{"hashtags skipped", "spelling:\n  hashtags: skip\n", "#Bruxele\n", nil},
		{"disabled", "spelling:\n  enabled: false\n", "Bruxele aileurs.\n", nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			src, fs := lint(t, "", tc.body, map[string]string{"charte.yml": tc.charter})
			if got := words(t, src, fs); !slices.Equal(got, tc.want) && !(len(got) == 0 && len(tc.want) == 0) {
				t.Errorf("flagged %q, want %q\n%v", got, tc.want, fs)
			}
		})
	}
}

// TestSpellingBrands: each brand's vocabulary counts for its posts only.
func TestSpellingBrands(t *testing.T) {
	needDictionaries(t, "fr")
	cfg := baseConfig + "brands:\n  verriere:\n    vocabulary: verriere.txt\n  ondine:\n    vocabulary: ondine.txt\n"
	body := "Concert de Zwxqt et de Plonkr.\n"
	r := newRepo(t, map[string]string{
		"crieur.yml":         cfg,
		"verriere.txt":       "Zwxqt\n",
		"ondine.txt":         "Plonkr\n",
		"posts/2026/12/a.md": post("publish_at: 2026-12-10 10:00\nbrand: verriere", body),
		"posts/2026/12/b.md": post("publish_at: 2026-12-10 12:00\nbrand: ondine", body),
	})
	c := &rule.Context{Repo: r, Now: now}
	for _, f := range loadAll(t, r) {
		var want string
		switch f.Post.Path {
		case "posts/2026/12/a.md":
			want = "Plonkr"
		case "posts/2026/12/b.md":
			want = "Zwxqt"
		}
		got := words(t, string(f.Source), spelling.Spelling{}.Check(c, f))
		if !slices.Equal(got, []string{want}) {
			t.Errorf("%s: flagged %q, want [%s]", f.Post.Path, got, want)
		}
	}
}

func TestSpellingOtherLanguages(t *testing.T) {
	tests := []struct {
		name, lang, body string
		want             []string
	}{
		{"English", "en", "Don’t miss Maëlle’s new album: it's on sale at the Verrière, we recieve you at 8 pm.\n", []string{"recieve"}},
		{"Dutch", "nl", "Tijdens de feestdagen is de Verrière gesloten, zo’n mooie foto's, vanaf 20.30 uur. De feestdagn.\n", []string{"feestdagn"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			needDictionaries(t, tc.lang)
			src, fs := lint(t, "lang: "+tc.lang, tc.body, nil)
			if got := words(t, src, fs); !slices.Equal(got, tc.want) && !(len(got) == 0 && len(tc.want) == 0) {
				t.Errorf("flagged %q, want %q\n%v", got, tc.want, fs)
			}
		})
	}
}

// TestSpellingBritish: en-GB needs the British dictionary; the American
// one does not stand in for it (it would flag colour).
func TestSpellingBritish(t *testing.T) {
	src, fs := lint(t, "lang: en-GB", "The theatre's colour.\n", nil)
	if len(fs) == 1 && fs[0].Rule == spelling.IDDictionary {
		if !strings.Contains(fs[0].Hint, "hunspell-en-gb") || !strings.Contains(fs[0].Message, "English (GB)") {
			t.Errorf("hint %q does not name hunspell-en-gb", fs[0].Hint)
		}
		return
	}
	if got := words(t, src, fs); len(got) != 0 {
		t.Errorf("flagged %q in British English", got)
	}
}

// TestSpellingPositions: findings in a variant, a first comment and an
// image description point at the word in the file; a fix is offered
// where the text stands as it is in the file.
func TestSpellingPositions(t *testing.T) {
	needDictionaries(t, "fr")
	front := `channels: [mastodon, bluesky]
media:
  - file: /media/a.jpg
    alt: Une afiche rouge
first_comment: Le programe est en ligne.
variants:
  bluesky: |
    Version courte :
    le concer commence.`
	src, fs := lint(t, front, "Le texte complet.\n", map[string]string{"media/a.jpg": "x"})
	type at struct {
		word      string
		line, col int
		fix       string
	}
	var got []at
	for i, w := range words(t, src, fs) {
		a := at{word: w, line: fs[i].Line, col: fs[i].Col}
		if fs[i].Fix != nil {
			a.fix = fs[i].Fix.Text
		}
		got = append(got, a)
	}
	want := []at{
		{"programe", 7, 19, "programme"}, // first_comment: plain scalar
		{"concer", 11, 8, "foncer"},      // literal block scalar: its lines are the file's
		{"afiche", 6, 14, "affiche"},     // alt text
	}
	slices.SortFunc(got, func(a, b at) int { return strings.Compare(a.word, b.word) })
	slices.SortFunc(want, func(a, b at) int { return strings.Compare(a.word, b.word) })
	if !slices.Equal(got, want) {
		t.Errorf("got  %+v\nwant %+v", got, want)
	}
	fixed := applyFixes(src, fs)
	if !strings.Contains(fixed, "alt: Une affiche rouge") || !strings.Contains(fixed, "first_comment: Le programme est en ligne.") {
		t.Errorf("fixed:\n%s", fixed)
	}
}

// TestSpellingDictionaryMissing: a language without dictionary is a
// spelling.dictionary error on each post of the language (the engine
// keeps the first, Once), naming the package to install, and no spelling
// finding.
func TestSpellingDictionaryMissing(t *testing.T) {
	r := newRepo(t, map[string]string{
		"posts/2026/12/a.md": post("publish_at: 2026-12-10 10:00", "Bruxele.\n"),
		"posts/2026/12/b.md": post("publish_at: 2026-12-10 12:00", "Aileurs.\n"),
		"posts/2026/12/c.md": post("publish_at: 2026-12-10 14:00\nlang: nl", "Hallo.\n"),
		"posts/2026/12/d.md": post("publish_at: 2026-12-10 16:00\nlang: xx", "Hallo.\n"),
	})
	ru := spelling.Spelling{Folders: []string{}, Getenv: func(string) string { return "" }}
	for run := 0; run < 2; run++ {
		c := &rule.Context{Repo: r, Now: now}
		var fs []pipeline.Finding
		for _, f := range loadAll(t, r) {
			fs = append(fs, ru.Check(c, f)...)
		}
		if len(fs) != 4 {
			t.Fatalf("run %d: want one finding per post (fr, fr, nl, xx), got %v", run, fs)
		}
		if fs[0].Message != fs[1].Message {
			t.Errorf("two posts in French, two messages: %q, %q", fs[0].Message, fs[1].Message)
		}
		fs = fs[1:]
		for _, f := range fs {
			if f.Rule != spelling.IDDictionary || f.Severity != pipeline.Error {
				t.Errorf("%v: want a spelling.dictionary error", f)
			}
		}
		for i, pkg := range []string{"hunspell-fr-comprehensive", "hunspell-nl", "hunspell-xx"} {
			if !strings.Contains(fs[i].Hint, pkg) || !strings.Contains(fs[i].Hint, "CRIEUR_DICTIONARIES") && !strings.Contains(fs[i].Hint, "cgo") {
				t.Errorf("hint %q does not name %s", fs[i].Hint, pkg)
			}
		}
		if fs[1].Line != 3 || fs[1].Col != 7 {
			t.Errorf("nl finding at %d:%d, want the value of lang: (3:7)", fs[1].Line, fs[1].Col)
		}
	}
}

// TestSpellingDictionaryFolder: CRIEUR_DICTIONARIES names folders
// searched first, here with a German dictionary that is an English one
// under another name.
func TestSpellingDictionaryFolder(t *testing.T) {
	needDictionaries(t, "en")
	dir := t.TempDir()
	var src string
	for _, d := range []string{"/usr/share/hunspell", "/usr/share/myspell/dicts", "/usr/share/myspell"} {
		if _, err := os.Stat(filepath.Join(d, "en_US.aff")); err == nil {
			src = filepath.Join(d, "en_US")
			break
		}
	}
	if src == "" {
		t.Skip("no en_US dictionary in the system folders")
	}
	for _, ext := range []string{".aff", ".dic"} {
		b, err := os.ReadFile(src + ext)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "de_DE"+ext), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	r := newRepo(t, map[string]string{postPath: post("publish_at: 2026-12-10 10:00\nlang: de", "The concret is sold out.\n")})
	ru := spelling.Spelling{Folders: []string{}, Getenv: func(k string) string {
		if k == "CRIEUR_DICTIONARIES" {
			return "/nonexistent:" + dir
		}
		return ""
	}}
	got := words(t, string(loadOne(t, r, postPath).Source), check(t, ru, r, postPath))
	if !slices.Equal(got, []string{"concret"}) {
		t.Errorf("flagged %q, want [concret]", got)
	}
}

func TestInfos(t *testing.T) {
	infos := spelling.Spelling{}.Infos()
	want := map[string]pipeline.Severity{spelling.ID: pipeline.Warning, spelling.IDDictionary: pipeline.Error}
	if len(infos) != len(want) {
		t.Fatalf("infos %v", infos)
	}
	for _, i := range infos {
		if sev, ok := want[i.ID]; !ok || sev != i.Default || i.Description == "" {
			t.Errorf("info %+v", i)
		}
	}
}

// TestSpellingConcurrent: posts checked from several goroutines (one
// Hunspell handle, behind its mutex) give what they give one by one.
// Run with -race.
func TestSpellingConcurrent(t *testing.T) {
	needDictionaries(t, "fr", "nl")
	files := map[string]string{}
	for i := range 16 {
		body := "L’ête à Bruxele, d’aileurs.\n"
		lang := "fr"
		if i%4 == 3 {
			body, lang = "De feestdagn.\n", "nl"
		}
		files[fmt.Sprintf("posts/2026/12/p%02d.md", i)] = post(fmt.Sprintf("publish_at: 2026-12-%02d 10:00\nlang: %s", i+1, lang), body)
	}
	r := newRepo(t, files)
	all := loadAll(t, r)
	c := &rule.Context{Repo: r, Now: now}
	want := make([][]pipeline.Finding, len(all))
	for i, f := range all {
		want[i] = spelling.Spelling{}.Check(c, f)
	}
	got := make([][]pipeline.Finding, len(all))
	done := make(chan int)
	for i, f := range all {
		go func() {
			got[i] = spelling.Spelling{}.Check(c, f)
			done <- i
		}()
	}
	for range all {
		<-done
	}
	for i := range all {
		if !slices.EqualFunc(got[i], want[i], func(a, b pipeline.Finding) bool { return a.String() == b.String() }) {
			t.Errorf("%s: concurrently %v, alone %v", all[i].Post.Path, got[i], want[i])
		}
		if len(want[i]) == 0 {
			t.Errorf("%s: no finding", all[i].Post.Path)
		}
	}
}

// TestSpellingRunMemo: the words found fine once in a run are fine for
// the same dictionary and charter only: a brand whose charter rejects a
// word still gets it flagged after another brand's posts used it, and a
// misspelling is flagged in every post.
func TestSpellingRunMemo(t *testing.T) {
	needDictionaries(t, "fr")
	cfg := baseConfig + "brands:\n  verriere:\n    charter: verriere.yml\n  ondine:\n    charter: ondine.yml\n"
	r := newRepo(t, map[string]string{
		"crieur.yml":         cfg,
		"verriere.yml":       "languages: [fr]\nspelling:\n  grammar: false\n",
		"ondine.yml":         "languages: [fr]\nspelling:\n  grammar: false\n  reject: [spectacle]\n",
		"posts/2026/12/a.md": post("publish_at: 2026-12-10 10:00\nbrand: verriere", "Le spectacle. Concert ce soir.\n"),
		"posts/2026/12/b.md": post("publish_at: 2026-12-10 12:00\nbrand: ondine", "Le spectacle. Concert ce soir.\n"),
		"posts/2026/12/c.md": post("publish_at: 2026-12-10 14:00\nbrand: verriere", "Le spectacle, le concrt.\n"),
		"posts/2026/12/d.md": post("publish_at: 2026-12-10 16:00\nbrand: verriere", "Le concrt.\n"),
	})
	c := &rule.Context{Repo: r, Now: now}
	want := map[string][]string{"posts/2026/12/a.md": nil, "posts/2026/12/b.md": {"spectacle"}, "posts/2026/12/c.md": {"concrt"}, "posts/2026/12/d.md": {"concrt"}}
	for range 2 { // the second time, every word has been seen
		for _, f := range loadAll(t, r) {
			if got := words(t, string(f.Source), spelling.Spelling{}.Check(c, f)); !slices.Equal(got, want[f.Post.Path]) {
				t.Errorf("%s: flagged %q, want %q", f.Post.Path, got, want[f.Post.Path])
			}
		}
	}
}
