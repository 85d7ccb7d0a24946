package content

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/crieur/crieur/pipeline"
	"github.com/crieur/crieur/pipeline/i18n"
)

// TestCatalog: every message in English, French and Dutch, with the same
// placeholders, none empty; every alias hint is in the catalog.
func TestCatalog(t *testing.T) {
	for _, p := range say.Problems() {
		t.Error(p)
	}
	for key, id := range postAliases {
		if !say.Has(id) {
			t.Errorf("alias %s: %s is not in messages/", key, id)
		}
	}
}

// TestLanguages: a post's load findings speak the reader's language
// (Repo.Language, else crieur.yml's language:), with French quotes and
// spaces; keys and rule ids stay as written.
func TestLanguages(t *testing.T) {
	src := []byte("---\npublish_at: 2026-12-20 10:00\ndate: demain\nchannels: [mastodn]\n---\nBonjour.\n")
	for _, tc := range []struct {
		lang, config i18n.Lang
		want         []string
	}{
		{"", "", []string{
			`unknown key "date" in the front matter`, "did you mean publish_at?",
			`unknown channel "mastodn"`, "did you mean mastodon?"}},
		{"", i18n.French, []string{
			"clé «\u202fdate\u202f» inconnue dans l’en-tête (front matter)", "vouliez-vous dire publish_at\u202f?",
			"canal «\u202fmastodn\u202f» inconnu", "vouliez-vous dire mastodon\u202f?"}},
		{i18n.Dutch, i18n.French, []string{
			`onbekende sleutel "date" in de front matter`, "bedoelde u publish_at?",
			`onbekend kanaal "mastodn"`, "bedoelde u mastodon?"}},
	} {
		r := testRepo(t)
		r.Language, r.Config.Language = tc.lang, string(tc.config)
		_, fs := r.ParsePost("posts/a.md", src)
		var got []string
		for _, f := range fs {
			got = append(got, f.Message, f.Hint)
		}
		if len(got) != len(tc.want) {
			t.Fatalf("%s/%s: %q, want %q", tc.lang, tc.config, got, tc.want)
		}
		for i := range got {
			if got[i] != tc.want[i] {
				t.Errorf("%s/%s: %q, want %q", tc.lang, tc.config, got[i], tc.want[i])
			}
		}
	}
}

// TestMediaLanguages: a missing image is said in the reader's language.
func TestMediaLanguages(t *testing.T) {
	src := []byte("---\npublish_at: 2026-12-20 10:00\nmedia:\n  - file: nope.jpg\n---\nBonjour.\n")
	for l, want := range map[i18n.Lang]string{
		i18n.English: "media file nope.jpg not found",
		i18n.French:  "fichier média nope.jpg introuvable",
		i18n.Dutch:   "mediabestand nope.jpg niet gevonden",
	} {
		r := testRepo(t)
		r.Language = l
		_, fs := r.ParsePost("posts/a.md", src)
		if len(fs) != 1 || fs[0].Message != want || fs[0].Hint == "" {
			t.Errorf("%s: %v, want %q with a hint", l, fs, want)
		}
	}
}

// findingsOf are the findings' messages and hints, "message (hint)".
func findingsOf(fs []pipeline.Finding) []string {
	var out []string
	for _, f := range fs {
		out = append(out, f.Message+" ("+f.Hint+")")
	}
	return out
}

// wants reports each of want that got lacks.
func wants(t *testing.T, what string, got []string, want ...string) {
	t.Helper()
	all := strings.Join(got, "\n")
	for _, w := range want {
		if !strings.Contains(all, w) {
			t.Errorf("%s lacks %q:\n%s", what, w, all)
		}
	}
}

// TestConfigLanguages: crieur.yml's findings speak the language its
// language: names, from the start of the file; English otherwise.
func TestConfigLanguages(t *testing.T) {
	src := "language: %s\ntimezone: Europe/Bruxelles\ntz: UTC\nchannels:\n  social:\n    type: mastodn\n    secrets:\n      token: abc-123\n    limit: 0\n"
	for l, want := range map[string][]string{
		"fr": {
			"fuseau horaire «\u202fEurope/Bruxelles\u202f» inconnu (utilisez un nom IANA comme Europe/Brussels ou Europe/Paris)",
			"clé «\u202ftz\u202f» inconnue dans crieur.yml (vouliez-vous dire timezone\u202f?)",
			"type de canal «\u202fmastodn\u202f» inconnu (vouliez-vous dire mastodon\u202f?)",
			"secrets.token doit nommer une variable d’environnement, pas contenir le secret lui-même (écrivez le nom de la variable (par exemple SOCIAL_TOKEN)",
			"limit 0 désactiverait le contrôle de longueur",
		},
		"nl": {
			"onbekende tijdzone \"Europe/Bruxelles\"",
			"onbekend kanaaltype \"mastodn\"",
			"secrets.token moet een omgevingsvariabele noemen, niet het geheim zelf bevatten",
		},
		"en": {
			"unknown time zone \"Europe/Bruxelles\" (use an IANA name such as Europe/Brussels or Europe/Paris)",
			"unknown key \"tz\" in crieur.yml (did you mean timezone?)",
		},
	} {
		_, err := ParseConfig(ConfigFile, []byte(fmt.Sprintf(src, l)))
		var ps Problems
		if !errors.As(err, &ps) {
			t.Fatalf("%s: %v, want Problems", l, err)
		}
		wants(t, l, findingsOf(ps), want...)
	}
	_, err := ParseConfig(ConfigFile, []byte("language: fr\ntimezone: UTC\nchannels:\n  social:\n    type: outbox\n    token: x\n"))
	wants(t, "a token in a channel", []string{err.Error()},
		"clé «\u202ftoken\u202f» inconnue dans le canal social (les secrets vont sous secrets:, sous la forme du nom d’une variable d’environnement, par exemple secrets: {token: SOCIAL_TOKEN})")
}

// TestCharterLanguages: charte.yml's findings speak crieur.yml's
// language.
func TestCharterLanguages(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "crieur.yml", "language: fr\n"+testConfig)
	write(t, dir, "charte.yml", "inclusive: parfois\nhashtags:\n  max: -1\nrules:\n  - id: Marque Majuscule\n    pattern: x\n    message: m\n")
	_, err := Open(dir)
	if err == nil {
		t.Fatal("a bad charter opens")
	}
	wants(t, "charter", []string{err.Error()},
		"inclusive\u00a0: «\u202fparfois\u202f» n’est pas l’une des valeurs forbid, require, allow",
		"hashtags.max\u00a0: -1 est négatif (écrivez 0 ou plus (0\u00a0: pas de limite))",
		"rules[0]\u00a0: l’id «\u202fMarque Majuscule\u202f» contient des majuscules")
}

// TestReaderLanguage: without language: in crieur.yml, what opening a
// repository says is in the reader's language (the environment's), its
// charter's findings and a missing crieur.yml included; crieur.yml's
// language: wins over the reader's.
func TestReaderLanguage(t *testing.T) {
	_, err := OpenIn(t.TempDir(), i18n.Dutch)
	wants(t, "no crieur.yml", []string{fmt.Sprint(err)}, "geen crieur.yml hier", "crieur init")
	dir := t.TempDir()
	write(t, dir, "crieur.yml", testConfig)
	write(t, dir, "charte.yml", "inclusive: parfois\n")
	_, err = OpenIn(dir, i18n.French)
	wants(t, "charter", []string{fmt.Sprint(err)}, "inclusive\u00a0: «\u202fparfois\u202f» n’est pas l’une des valeurs")
	write(t, dir, "charte.yml", "")
	r, err := OpenIn(dir, i18n.French)
	if err != nil || r.Language != i18n.French {
		t.Fatalf("OpenIn(fr) = %v, %v; want a French repository", r, err)
	}
	write(t, dir, "crieur.yml", "language: nl\n"+testConfig)
	if r, err = OpenIn(dir, i18n.French); err != nil || r.Language != i18n.Dutch {
		t.Fatalf("crieur.yml says nl, the reader fr: %v, %v; want Dutch", r, err)
	}
	if got := TeamLanguage(filepath.Join(dir, "posts"), i18n.French); got != i18n.Dutch {
		t.Errorf("TeamLanguage from a subfolder = %q, want crieur.yml's nl", got)
	}
	if got := TeamLanguage(t.TempDir(), i18n.French); got != i18n.French {
		t.Errorf("TeamLanguage without crieur.yml = %q, want the reader's fr", got)
	}
	_, err = ParseConfig(ConfigFile, []byte("timezone: Europe/Bruxelles\n"))
	wants(t, "ParseConfig without a reader", []string{fmt.Sprint(err)}, "unknown time zone")
	_, err = parseConfig(ConfigFile, []byte("timezone: Europe/Bruxelles\n"), i18n.French)
	wants(t, "crieur.yml for a French reader", []string{fmt.Sprint(err)}, "fuseau horaire «\u202fEurope/Bruxelles\u202f» inconnu")
}

// TestRepeatLanguages: a post's repeat: is judged in the reader's
// language; keys, rule parts and dates stay as written.
func TestRepeatLanguages(t *testing.T) {
	for _, tc := range []struct {
		repeat string
		l      i18n.Lang
		want   []string
	}{
		{"  every: week\n", i18n.French, []string{"repeat n’a pas de fin (ajoutez until: 2027-01-31 ou count: 8, pour que le post ne se répète pas indéfiniment)"}},
		{"  every: 2 fortnights\n  count: 3\n", i18n.French, []string{"impossible de lire «\u202f2 fortnights\u202f» comme un intervalle"}},
		{"  every: week\n  on: [lundi]\n  count: 3\n", i18n.French, []string{
			"publish_at (mardi 2026-12-01) n’est pas un jour de la règle (la première occurrence est le lundi 2026-12-07\u00a0: écrivez publish_at: 2026-12-07 09:30)"}},
		{"  every: month\n  on: [premeir mardi]\n  count: 3\n", i18n.French, []string{"repeat.on: rang «\u202fpremeir\u202f» inconnu dans «\u202fpremeir mardi\u202f» (vouliez-vous dire premier\u202f?)"}},
		{"  rule: FREQ=HOURLY;COUNT=3\n", i18n.French, []string{"repeat.rule: FREQ=HOURLY inonderait les canaux"}},
		{"  rule: FREQ=WEEKLY;BYDAY=XX;COUNT=3\n", i18n.Dutch, []string{"repeat.rule: BYDAY=XX is niet te lezen (de dagen zijn MO TU WE TH FR SA SU"}},
		{"  every: week\n  until: 2027-02-30\n", i18n.French, []string{"repeat.until: «\u202f2027-02-30\u202f» n’est pas une vraie date (vérifiez le mois (01-12) et le jour)"}},
		{"  every: week\n  count: 3\n  except: [2026-12-02]\n", i18n.Dutch, []string{
			"repeat.except: er valt geen herhaling op woensdag 2026-12-02 (herhalingen rond die dag: di 2026-12-01, di 2026-12-08;"}},
		{"  every: week\n  count: 3\n  sauf: [2026-12-08]\n", i18n.French, []string{"écrivez except: (les clés sont en anglais)"}},
	} {
		r := testRepo(t)
		r.Language = tc.l
		_, fs := r.ParsePost("posts/a.md", []byte("---\npublish_at: 2026-12-01 09:30\nrepeat:\n"+tc.repeat+"---\nBonjour.\n"))
		wants(t, tc.repeat, findingsOf(fs), tc.want...)
	}
	r := testRepo(t)
	r.Language = i18n.French
	_, fs := r.ParsePost("posts/a.md", []byte("---\npublish_at: 01/12/2026 09:30\n---\nBonjour.\n"))
	wants(t, "a day-first date", findingsOf(fs), "la date «\u202f01/12/2026 09:30\u202f» est ambiguë\u00a0: 2026-12-01 09:30 ou 2026-01-12 09:30\u202f?")
}

// TestPostFileLanguages: what is wrong with a post's file itself (its
// front matter's markers, its body, a media path, a copied post) is said
// in the reader's language.
func TestPostFileLanguages(t *testing.T) {
	for src, want := range map[string]string{
		"Bonjour.\n": "le post n’a pas d’en-tête (front matter) (commencez le fichier par une ligne ---",
		"---\npublish_at: 2026-12-20 10:00\nBonjour.\n":                               "l’en-tête n’est pas fermé (ajoutez une ligne qui ne contient que ---",
		"---\npublish_at: 2026-12-20 10:00\n---\n\n":                                  "le post n’a pas de texte (écrivez le texte après le --- qui ferme l’en-tête)",
		"---\npublish_at: 2026-12-20 10:00\n---\nUn.\n---\n":                          "la partie 2 du fil est vide (retirez la ligne --- en trop, ou écrivez la partie)",
		"---\npublish_at: 2026-12-20 10:00\nmedia:\n  - file: ../../x.jpg\n---\nA.\n": "le chemin média ../../x.jpg sort du dépôt",
	} {
		r := testRepo(t)
		r.Language = i18n.French
		_, fs := r.ParsePost("posts/a.md", []byte(src))
		wants(t, src, findingsOf(fs), want)
	}
	dir := t.TempDir()
	write(t, dir, "crieur.yml", "language: fr\n"+testConfig)
	write(t, dir, "posts/a.md", "---\nid: expo\npublish_at: 2026-12-20 10:00\n---\nA.\n")
	write(t, dir, "posts/b.md", "---\nid: expo\npublish_at: 2026-12-21 10:00\n---\nB.\n")
	r, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	_, fs := r.LoadPosts([]string{"posts/a.md", "posts/b.md"})
	wants(t, "a copied id", findingsOf(fs), "l’id «\u202fexpo\u202f» est déjà celui de posts/a.md (donnez à chaque post son propre id")
	if err := os.Mkdir(filepath.Join(dir, "posts", "d.md"), 0o755); err != nil {
		t.Fatal(err)
	}
	_, fs = r.LoadPosts([]string{"posts/d.md", "posts/none.md"})
	wants(t, "files", findingsOf(fs),
		"posts/d.md est un dossier, pas un fichier (un post doit être un fichier ordinaire du dépôt\u00a0: supprimez posts/d.md ou remplacez-le par le fichier)",
		"le fichier n’existe pas (vérifiez le chemin, depuis la racine du dépôt)")
}

// TestFreezeLanguages: a freeze file that cannot be read is said in
// crieur.yml's language.
func TestFreezeLanguages(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "crieur.yml", "language: fr\n"+testConfig)
	write(t, dir, FreezeFile, "since: 2026-12-01\nreasn: grève\n")
	_, err := Open(dir)
	wants(t, "freeze", []string{fmt.Sprint(err)}, FreezeFile+":1:8: since\u00a0: il manque l’heure à «\u202f2026-12-01\u202f» (ajoutez l’heure\u00a0: 2026-12-01 09:30)")
	write(t, dir, FreezeFile, "reasn: grève\n")
	_, err = Open(dir)
	wants(t, "freeze", []string{fmt.Sprint(err)}, FreezeFile+":1:1: clé «\u202freasn\u202f» inconnue (vouliez-vous dire reason\u202f?)")
}

// TestWriteLanguages: why crieur cannot write a state is said in the
// reader's language.
func TestWriteLanguages(t *testing.T) {
	err := verifyState([]byte("---\nstatus: draft\n---\nTexte.\n"), pipeline.StatusPublished, 0, i18n.French)
	if want := "relu, il indique le statut «\u202fdraft\u202f» avec 0 publication"; fmt.Sprint(err) != want {
		t.Errorf("%v, want %q", err, want)
	}
	err = verifyState([]byte("Texte.\n"), pipeline.StatusPublished, 0, i18n.Dutch)
	wants(t, "no front matter", []string{fmt.Sprint(err)}, "het bericht heeft geen front matter")
}
