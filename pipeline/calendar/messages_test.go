package calendar

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/crieur/crieur/pipeline/i18n"
)

// TestCatalog: every message in English, French and Dutch, with the same
// placeholders, none empty.
func TestCatalog(t *testing.T) {
	for _, p := range say.Problems() {
		t.Error(p)
	}
}

// TestImportLanguages: crieur import speaks the reader's language
// (Repo.Language): the refused cells with their hints, a bad date, the
// count of what was refused, and the summary.
func TestImportLanguages(t *testing.T) {
	csv := importHeader +
		"03/04/2027 09:30;mastodon;;;;Ambiguë;;Une date ambiguë.\n" +
		"2027-03-20 10:00;mastodon;fr_FR!;;;Langue;;Une langue.\n" +
		"2027-03-21 10:00;mastodon;;;;Bon;;Une bonne ligne.\n"
	for l, want := range map[i18n.Lang][]string{
		i18n.French: {
			"plan.csv:2:A (publish_at): la date «\u202f03/04/2027 09:30\u202f» est ambiguë\u00a0: 2027-04-03 09:30 ou 2027-03-04 09:30\u202f? " +
				"(écrivez 2027-04-03 09:30 (AAAA-MM-JJ HH:MM) si le jour vient en premier\u202f; mettez la colonne au format texte dans le tableur pour qu’il la garde telle quelle)",
			"plan.csv:3:C (lang): la langue «\u202ffr_FR!\u202f» n’est pas un code de langue (écrivez fr, en, nl…)",
			"rien n’a été importé\u00a0: corrigez le tableur et importez-le à nouveau",
		},
		i18n.Dutch: {
			"plan.csv:3:C (lang): taal \"fr_FR!\" is geen taalcode (schrijf fr, en, nl…)",
			"er is niets geïmporteerd: verbeter het rekenblad en importeer het opnieuw",
		},
	} {
		repo := importFixture(t, "")
		repo.Language = l
		var stderr strings.Builder
		err := (&Importer{Repo: repo, Stderr: &stderr}).Run("plan.csv", strings.NewReader(csv))
		if !errors.Is(err, ErrRefused) {
			t.Fatalf("%s: %v, want ErrRefused", l, err)
		}
		for _, w := range want {
			if !strings.Contains(stderr.String(), w) {
				t.Errorf("%s: lacks %q:\n%s", l, w, stderr.String())
			}
		}
	}

	// A row refused after reading (an unknown id), then a good import.
	repo := importFixture(t, "")
	repo.Language = i18n.French
	var stdout, stderr strings.Builder
	im := &Importer{Repo: repo, Stdout: &stdout, Stderr: &stderr}
	bad := "id;publish_at;channels;text\ninconnu;2027-03-21 10:00;mastodon;Texte.\n;2027-03-22 10:00;mastodon;Autre.\n"
	if err := im.Run("plan.csv", strings.NewReader(bad)); !errors.Is(err, ErrRefused) {
		t.Fatalf("unknown id: %v", err)
	}
	for _, w := range []string{
		"plan.csv:2:A (id): aucune publication n’a l’id «\u202finconnu\u202f» (écrivez l’id: de la publication à mettre à jour",
		"1 ligne refusée, donc rien n’a été importé (1 à créer, 0 à mettre à jour, 0 inchangée)",
	} {
		if !strings.Contains(stderr.String(), w) {
			t.Errorf("lacks %q:\n%s", w, stderr.String())
		}
	}
	good := importHeader + "2027-03-21 10:00;mastodon;;;;Bon;;Une bonne ligne.\n2027-03-22 10:00;mastodon;;;;Autre;;Une autre ligne.\n"
	stdout.Reset()
	if err := im.Run("plan.csv", strings.NewReader(good)); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(stdout.String(), "créée\u00a0: posts/2027/03/") || !strings.HasSuffix(stdout.String(), "2 créées, 0 mise à jour, 0 inchangée, 0 refusée\n") {
		t.Errorf("stdout:\n%s", stdout.String())
	}
	im.DryRun = true
	stdout.Reset()
	if err := im.Run("plan.csv", strings.NewReader(good)); err != nil {
		t.Fatal(err)
	}
	if !strings.HasSuffix(stdout.String(), "0 à créer, 0 à mettre à jour, 2 inchangées, 0 refusée (essai\u00a0: rien n’a été écrit)\n") {
		t.Errorf("dry run:\n%s", stdout.String())
	}
}

// TestNothingLanguages: a period without posts is said in French and
// Dutch.
func TestNothingLanguages(t *testing.T) {
	loc := brussels(t)
	from, to := time.Date(2027, 2, 1, 0, 0, 0, 0, loc), time.Date(2027, 2, 28, 23, 59, 0, 0, loc)
	for l, want := range map[i18n.Lang]string{
		i18n.French: "rien entre 2027-02-01 et 2027-02-28\u202f; aucun post n’a de date\n",
		i18n.Dutch:  "niets tussen 2027-02-01 en 2027-02-28; geen enkel bericht heeft een datum\n",
	} {
		var b strings.Builder
		if err := WriteNothing(&b, nil, from, to, loc, l); err != nil || b.String() != want {
			t.Errorf("%s: %q (%v), want %q", l, b.String(), err, want)
		}
	}
}
