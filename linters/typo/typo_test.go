package typo_test

import (
	"fmt"
	"sort"
	"strings"
	"testing"

	"github.com/crieur/crieur/linters"
	"github.com/crieur/crieur/linters/rule"
	"github.com/crieur/crieur/linters/typo"
	"github.com/crieur/crieur/pipeline"
)

const postPath = "posts/2026/12/post.md"

// In the cases below ⍽ stands for the narrow no-break space (U+202F) and
// ¤ for the no-break space (U+00A0), so that a reader sees them.
var spaces = strings.NewReplacer("⍽", "\u202f", "¤", "\u00a0")

const (
	nbspCharter   = "typography:\n  french: true\n  space: nbsp\n"
	quebecCharter = "typography:\n  french: true\n  quebec: true\n"
)

type typoCase struct {
	name    string
	charter string // "" : frenchCharter
	front   string // front matter besides publish_at
	body    string
	want    []string // "line:col rule", lines of the file
	fixed   string   // the body with every fix applied; "" : unchanged
	fixedFm string   // the front matter with every fix applied; "" : unchanged
	in      []string // each message holds one of these, in order (optional)
	noFix   bool     // the findings carry no fix
}

func (tc typoCase) source() string {
	return spaces.Replace(post("publish_at: 2026-12-20 10:00\n"+tc.front, tc.body))
}

var typoCases = []typoCase{
	{
		name:  "missing spaces before : and ?",
		body:  "Bonjour: ça va?\n",
		want:  []string{"4:8 typo.fr.nbsp", "4:15 typo.fr.nbsp"},
		fixed: "Bonjour¤: ça va⍽?\n",
		in:    []string{`no space before ":": French typography puts a no-break space (U+00A0) there`, `no space before "?": French typography puts a narrow no-break space (U+202F) there`},
	},
	{
		name:  "plain spaces before ! ; : become the right no-break spaces",
		body:  "Super ! Bien ; merci : oui.\n",
		want:  []string{"4:6 typo.fr.nbsp", "4:13 typo.fr.nbsp", "4:21 typo.fr.nbsp"},
		fixed: "Super⍽! Bien⍽; merci¤: oui.\n",
		in:    []string{`plain space before "!" (the line may break there): French typography wants a narrow no-break space (U+202F)`},
	},
	{
		name: "the right spaces are left alone",
		body: "Super⍽! Bien⍽; merci¤: oui⍽? «⍽Nachtlicht⍽», 31⍽000 places.\n",
	},
	{
		name:  "a no-break space where the narrow one is wanted",
		body:  "Super¤!\n",
		want:  []string{"4:6 typo.fr.nbsp"},
		fixed: "Super⍽!\n",
		in:    []string{`no-break space (U+00A0) before "!": French typography wants a narrow no-break space (U+202F)`},
	},
	{
		name:  "a narrow space before the colon",
		body:  "Programme⍽: bientôt\n",
		want:  []string{"4:10 typo.fr.nbsp"},
		fixed: "Programme¤: bientôt\n",
	},
	{
		name:    "typography.space: nbsp wants U+00A0 everywhere",
		charter: nbspCharter,
		body:    "Super⍽! Quoi? «Oui»\n",
		want:    []string{"4:6 typo.fr.nbsp", "4:13 typo.fr.nbsp", "4:15 typo.fr.nbsp", "4:19 typo.fr.nbsp"},
		fixed:   "Super¤! Quoi¤? «¤Oui¤»\n",
		in:      []string{"narrow no-break space (U+202F) before", "", `no space after "«"`, `no space before "»"`},
	},
	{
		name:  "several spaces become one",
		body:  "Super  !\n",
		want:  []string{"4:6 typo.fr.nbsp"},
		fixed: "Super⍽!\n",
		in:    []string{"2 spaces"},
	},
	{
		name:  "a run of ?! takes one space before it",
		body:  "Vraiment?! Non !?\n",
		want:  []string{"4:9 typo.fr.nbsp", "4:15 typo.fr.nbsp"},
		fixed: "Vraiment⍽?! Non⍽!?\n",
	},
	{
		name: "times and ratios need no space",
		body: "Rendez-vous à 20:30, score 3:1 et 1:00:00.\n",
	},
	{
		name: "emoticons are left alone",
		body: "Génial :) et ;-) et :D à bientôt :-(\n",
	},
	{
		name:  "a colon before a word is not an emoticon",
		body:  "Rappel :Demain\n",
		want:  []string{"4:7 typo.fr.nbsp"},
		fixed: "Rappel¤:Demain\n",
	},
	{
		name: "URLs are not prose",
		body: "Voir https://example.org/a?b=c;d:e!f. Et www.example.org/x?y.\n",
	},
	{
		name:  "the space next to a URL is left alone, the one before the colon is not",
		body:  "Programme : https://example.org/p !\n",
		want:  []string{"4:10 typo.fr.nbsp"},
		fixed: "Programme¤: https://example.org/p !\n",
	},
	{
		name: "code is not prose",
		body: "Tapez `a:b ; c!` puis `l'été...`\n",
	},
	{
		name:  "hashtags: the sign after one is checked, the tag is not touched",
		body:  "#l'été #JeudiJazz #jazz!\n",
		want:  []string{"4:24 typo.fr.nbsp"},
		fixed: "#l'été #JeudiJazz #jazz⍽!\n",
	},
	{
		name: "abbreviations and decimal numbers",
		body: "M. Dupont boit 1,5 litre à 20 h. Mme Durand aussi, etc.\n",
	},
	{
		name:  "three dots become an ellipsis, in brackets too",
		body:  "Et puis... la suite [...] fin ....\n",
		want:  []string{"4:8 typo.fr.ellipsis", "4:22 typo.fr.ellipsis", "4:31 typo.fr.ellipsis"},
		fixed: "Et puis… la suite […] fin …\n",
		in:    []string{`"...": French typography uses the ellipsis character …`},
	},
	{
		name:  "straight apostrophes inside words",
		body:  "L'été, c'est aujourd'hui et rock'n'roll.\n",
		want:  []string{"4:2 typo.fr.apostrophe", "4:9 typo.fr.apostrophe", "4:21 typo.fr.apostrophe", "4:33 typo.fr.apostrophe", "4:35 typo.fr.apostrophe"},
		fixed: "L’été, c’est aujourd’hui et rock’n’roll.\n",
		in:    []string{`straight apostrophe in "L'été"`, "", `"aujourd'hui"`, `"rock'n'roll"`, `"rock'n'roll"`},
	},
	{
		name: "quotes are not apostrophes",
		body: "'Les heures claires' et l’été, 80' et l' oubli\n",
	},
	{
		name:  "no space before a period or a comma",
		body:  "Merci , à bientôt .\n",
		want:  []string{"4:6 typo.fr.space_before", "4:18 typo.fr.space_before"},
		fixed: "Merci, à bientôt.\n",
		in:    []string{`plain space before ",": French typography puts no space before a period or a comma`},
	},
	{
		name: "a period or a comma that starts a word",
		body: "Le fichier .pdf, le nombre ,5 et https://example.org .\n",
	},
	{
		name:  "inside guillemets",
		body:  "«Nachtlicht» et « Les heures »\n",
		want:  []string{"4:1 typo.fr.nbsp", "4:12 typo.fr.nbsp", "4:17 typo.fr.nbsp", "4:29 typo.fr.nbsp"},
		fixed: "«⍽Nachtlicht⍽» et «⍽Les heures⍽»\n",
		in:    []string{`no space after "«"`, `no space before "»"`, `plain space after "«"`, `plain space before "»"`},
	},
	{
		name: "guillemets at the ends of lines",
		body: "Il a dit «\nOui\n» et «»\n",
	},
	{
		name:    "Québec usage: no space before ; ! ?, still before : and inside « »",
		charter: quebecCharter,
		body:    "Super ! Vraiment? Note: «Oui» ; fin\n",
		want:    []string{"4:6 typo.fr.nbsp", "4:23 typo.fr.nbsp", "4:25 typo.fr.nbsp", "4:29 typo.fr.nbsp", "4:30 typo.fr.nbsp"},
		fixed:   "Super! Vraiment? Note¤: «⍽Oui⍽»; fin\n",
		in:      []string{`plain space before "!": Québec usage puts no space there`},
	},
	{
		name:  "lang fr-CA is Québec usage",
		front: "lang: fr-CA",
		body:  "Super !\n",
		want:  []string{"5:6 typo.fr.nbsp"},
		fixed: "Super!\n",
	},
	{
		name:  "lang fr-BE is French",
		front: "lang: fr-BE",
		body:  "Super!\n",
		want:  []string{"5:6 typo.fr.nbsp"},
		fixed: "Super⍽!\n",
	},
	{
		name:  "English posts are left alone",
		front: "lang: en",
		body:  "Hello: it's summer... see you !\n",
	},
	{
		name:  "Dutch posts are left alone",
		front: "lang: nl",
		body:  "Tickets: l'été... tot ziens !\n",
	},
	{
		name:    "typography.french: false",
		charter: "typography:\n  french: false\n",
		body:    "Bonjour: ça va?\n",
	},
	{
		name:    "a charter without typography",
		charter: "hashtags:\n  max: 3\n",
		body:    "Bonjour: ça va?\n",
	},
	{
		name:  "Markdown: an image is not an exclamation, a link's label is prose",
		body:  "Voici ![une image](a.png) et [le programme](https://example.org/p)!\n",
		want:  []string{"4:67 typo.fr.nbsp"},
		fixed: "Voici ![une image](a.png) et [le programme](https://example.org/p)⍽!\n",
	},
	{
		name: "entities, escapes, (?), signs that start a line",
		body: "A &amp; B, en 1950 (?) et\\! fin\n? Une question\n! Attention\n",
	},
	{
		name: "comments and mentions are not prose",
		body: "<!-- note: à revoir! -->\nMerci @bob@mastodon.example !\n",
	},
	{
		name:  "a thread: the finding is on the line of its part",
		body:  "Première partie.\n\n---\n\nDeuxième: partie.\n",
		want:  []string{"8:9 typo.fr.nbsp"},
		fixed: "Première partie.\n\n---\n\nDeuxième¤: partie.\n",
	},
	{
		name:    "the first comment, a plain YAML value, is checked and fixed",
		front:   "first_comment: Le bar ouvre à 19 h!",
		body:    "Bonsoir.\n",
		want:    []string{"3:35 typo.fr.nbsp"},
		fixedFm: "first_comment: Le bar ouvre à 19 h⍽!",
	},
	{
		name:  "a quoted first comment gets findings without a fix",
		front: "first_comment: 'L''été arrive!'",
		body:  "Bonsoir.\n",
		want:  []string{"3:18 typo.fr.apostrophe", "3:29 typo.fr.nbsp"},
		noFix: true,
	},
	{
		name:    "a variant in a literal block gets findings at its lines, and fixes",
		front:   "channels: [mastodon, bluesky]\nvariants:\n  bluesky: |\n    Court: oui.\n    Ce soir : jazz!\n",
		body:    "Long texte.\n",
		want:    []string{"6:10 typo.fr.nbsp", "7:12 typo.fr.nbsp", "7:19 typo.fr.nbsp"},
		fixedFm: "channels: [mastodon, bluesky]\nvariants:\n  bluesky: |\n    Court¤: oui.\n    Ce soir¤: jazz⍽!\n",
	},
	{
		name:    "a variant in a |- block, and a plain one, are fixed",
		front:   "channels: [mastodon, bluesky]\nvariants:\n  bluesky: |-\n    Court: oui.\n  mastodon: Jazz ce soir!\n",
		body:    "Long texte.\n",
		want:    []string{"7:25 typo.fr.nbsp", "6:10 typo.fr.nbsp"},
		fixedFm: "channels: [mastodon, bluesky]\nvariants:\n  bluesky: |-\n    Court¤: oui.\n  mastodon: Jazz ce soir⍽!\n",
	},
	{
		name:    "a double-quoted variant without escape is fixed",
		front:   "channels: [mastodon]\nvariants:\n  mastodon: \"Jazz ce soir!\"\n",
		body:    "Long texte.\n",
		want:    []string{"5:26 typo.fr.nbsp"},
		fixedFm: "channels: [mastodon]\nvariants:\n  mastodon: \"Jazz ce soir⍽!\"\n",
	},
	{
		name:  "a folded block gets findings at its lines, without a fix",
		front: "channels: [mastodon, bluesky]\nvariants:\n  bluesky: >\n    Court: oui.\n",
		body:  "Long texte.\n",
		want:  []string{"6:10 typo.fr.nbsp"},
		noFix: true,
	},
	{
		name:  "a double-quoted variant with an escape gets no fix",
		front: "channels: [mastodon]\nvariants:\n  mastodon: \"Ce soir! \\\"Jazz\\\"\"\n",
		body:  "Long texte.\n",
		want:  []string{"5:21 typo.fr.nbsp"},
		noFix: true,
	},
	{
		name:  "a block with an indentation indicator gets no fix",
		front: "channels: [mastodon]\nvariants:\n  mastodon: |2\n    Court: oui.\n",
		body:  "Long texte.\n",
		want:  []string{"6:10 typo.fr.nbsp"},
		noFix: true,
	},
}

func TestFrench(t *testing.T) {
	for _, tc := range typoCases {
		t.Run(tc.name, func(t *testing.T) {
			charter := tc.charter
			if charter == "" {
				charter = frenchCharter
			}
			src := tc.source()
			r := newRepo(t, map[string]string{"charte.yml": charter, postPath: src})
			f, got := check(t, typo.French{}, r, postPath)
			var pos []string
			for _, fd := range got {
				pos = append(pos, fmt.Sprintf("%d:%d %s", fd.Line, fd.Col, fd.Rule))
			}
			if strings.Join(pos, ", ") != strings.Join(tc.want, ", ") {
				t.Fatalf("findings\n got %v\nwant %v\n%s", pos, tc.want, strings.Join(messages(got), "\n"))
			}
			for i, fd := range got {
				if fd.Path != postPath || fd.Severity != pipeline.Warning || fd.Message == "" || fd.Hint == "" {
					t.Errorf("incomplete finding %v", fd)
				}
				if fd.EndLine < fd.Line || fd.EndLine == fd.Line && fd.EndCol <= fd.Col {
					t.Errorf("finding %v ends at %d:%d", fd, fd.EndLine, fd.EndCol)
				}
				if i < len(tc.in) && !strings.Contains(fd.Message, tc.in[i]) {
					t.Errorf("message %q does not say %q", visible(fd.Message), tc.in[i])
				}
				if tc.noFix != (fd.Fix == nil) {
					t.Errorf("finding %v: fix %v, want a fix: %v", fd, fd.Fix, !tc.noFix)
				}
			}
			if tc.noFix {
				return
			}
			fixed := applyAll(f.Source, got)
			front, body := tc.front, tc.body
			if tc.fixedFm != "" {
				front = tc.fixedFm
			}
			if tc.fixed != "" {
				body = tc.fixed
			}
			want := spaces.Replace(post("publish_at: 2026-12-20 10:00\n"+front, body))
			if fixed != want {
				t.Fatalf("fixed\n got %q\nwant %q", visible(fixed), visible(want))
			}
			// Fixing converges: the fixed post says nothing more.
			r2 := newRepo(t, map[string]string{"charte.yml": charter, postPath: fixed})
			if _, again := check(t, typo.French{}, r2, postPath); len(again) > 0 {
				t.Errorf("the fixed post still has findings:\n%s", strings.Join(messages(again), "\n"))
			}
		})
	}
}

func messages(fs []pipeline.Finding) []string {
	var out []string
	for _, f := range fs {
		out = append(out, visible(f.String()))
	}
	return out
}

// TestFirstCommentFix applies the fix of a finding in the front matter:
// the exact bytes of the value change, the file still loads.
func TestFirstCommentFix(t *testing.T) {
	src := post("publish_at: 2026-12-20 10:00\nfirst_comment: L'entrée est libre...", "Bonsoir.\n")
	r := newRepo(t, map[string]string{postPath: src})
	f, got := check(t, typo.French{}, r, postPath)
	if len(got) != 2 {
		t.Fatalf("want an apostrophe and an ellipsis, got %v", messages(got))
	}
	fixed := applyAll(f.Source, got)
	want := post("publish_at: 2026-12-20 10:00\nfirst_comment: L’entrée est libre…", "Bonsoir.\n")
	if fixed != want {
		t.Fatalf("got %q, want %q", fixed, want)
	}
	r2 := newRepo(t, map[string]string{postPath: fixed})
	f2 := loadOne(t, r2, postPath)
	if fc := f2.Post.Body.FirstComment; fc == nil || fc.Source != "L’entrée est libre…" {
		t.Fatalf("the fixed first comment reads %+v", fc)
	}
}

// TestSeverityFromCharter: the rules are warnings, and the charter's
// severity: raises or silences them through the engine.
func TestSeverityFromCharter(t *testing.T) {
	charter := frenchCharter + "severity:\n  typo.fr: error\n  typo.fr.ellipsis: off\n"
	r := newRepo(t, map[string]string{"charte.yml": charter, postPath: post("publish_at: 2026-12-20 10:00", "Bonjour: ça va...\n")})
	files := loadAll(t, r)
	e := &linters.Engine{Rules: []rule.Rule{typo.French{}}}
	got := e.Lint(&rule.Context{Repo: r, Now: lintTime}, files, files, nil)
	if len(got) != 1 || got[0].Rule != "typo.fr.nbsp" || got[0].Severity != pipeline.Error {
		t.Fatalf("want one typo.fr.nbsp error, got %v", messages(got))
	}
}

// TestSilenced: a post silences the rule with a comment, as for any rule.
func TestSilenced(t *testing.T) {
	body := "<!-- crieur-disable-next-line typo.fr.nbsp -->\nBonjour: ça va\n"
	r := newRepo(t, map[string]string{postPath: post("publish_at: 2026-12-20 10:00", body)})
	files := loadAll(t, r)
	e := &linters.Engine{Rules: []rule.Rule{typo.French{}}}
	if got := e.Lint(&rule.Context{Repo: r, Now: lintTime}, files, files, nil); len(got) != 0 {
		t.Fatalf("want nothing, got %v", messages(got))
	}
	// Without the comment the same line has a finding: the test above
	// means something.
	r = newRepo(t, map[string]string{postPath: post("publish_at: 2026-12-20 10:00", "Bonjour: ça va\n")})
	files = loadAll(t, r)
	if got := e.Lint(&rule.Context{Repo: r, Now: lintTime}, files, files, nil); len(got) != 1 {
		t.Fatalf("want one finding, got %v", messages(got))
	}
}

// TestBrands: each brand's charter decides.
func TestBrands(t *testing.T) {
	cfg := baseConfig + `brands:
  verriere:
    charter: verriere.yml
  agence:
    charter: agence.yml
`
	r := newRepo(t, map[string]string{
		"crieur.yml":        cfg,
		"verriere.yml":      frenchCharter,
		"agence.yml":        "hashtags:\n  max: 2\n",
		"posts/a/typo.md":   post("publish_at: 2026-12-20 10:00\nbrand: verriere", "Bonjour: ça va\n"),
		"posts/a/agence.md": post("publish_at: 2026-12-20 10:00\nbrand: agence", "Bonsoir: ça va\n"),
	})
	if _, got := check(t, typo.French{}, r, "posts/a/typo.md"); len(got) != 1 {
		t.Errorf("verriere: want one finding, got %v", messages(got))
	}
	if _, got := check(t, typo.French{}, r, "posts/a/agence.md"); len(got) != 0 {
		t.Errorf("agence: want none, got %v", messages(got))
	}
}

func TestInfos(t *testing.T) {
	infos := typo.French{}.Infos()
	var ids []string
	for _, in := range infos {
		ids = append(ids, in.ID)
		if in.Description == "" || in.Default != pipeline.Warning {
			t.Errorf("%+v", in)
		}
	}
	sort.Strings(ids)
	want := []string{"typo.fr.apostrophe", "typo.fr.ellipsis", "typo.fr.nbsp", "typo.fr.space_before"}
	if strings.Join(ids, " ") != strings.Join(want, " ") {
		t.Errorf("ids %v, want %v", ids, want)
	}
	// Every id the cases report is described.
	known := map[string]bool{}
	for _, id := range ids {
		known[id] = true
	}
	for _, tc := range typoCases {
		for _, w := range tc.want {
			if id := w[strings.IndexByte(w, ' ')+1:]; !known[id] {
				t.Errorf("%s: %s is not in Infos", tc.name, id)
			}
		}
	}
}

// TestNoLang: a post without lang, in a repository without a default
// language, is in the charter's first language.
func TestNoLang(t *testing.T) {
	cfg := strings.Replace(baseConfig, "  lang: fr\n", "", 1)
	if cfg == baseConfig {
		t.Fatal("the test no longer removes the default language")
	}
	for first, want := range map[string]int{"fr": 1, "en": 0, "": 1} {
		charter := frenchCharter
		if first != "" {
			charter += "languages: [" + first + ", nl]\n"
		}
		r := newRepo(t, map[string]string{"crieur.yml": cfg, "charte.yml": charter, postPath: post("publish_at: 2026-12-20 10:00", "Bonjour: ça va\n")})
		if f, got := check(t, typo.French{}, r, postPath); len(got) != want || f.Post.Lang != "" {
			t.Errorf("first language %q, lang %q: %d findings, want %d", first, f.Post.Lang, len(got), want)
		}
	}
}
