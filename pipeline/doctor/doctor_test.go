package doctor

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/crieur/crieur/pipeline"
	"github.com/crieur/crieur/pipeline/content"
	"github.com/crieur/crieur/pipeline/i18n"
)

func TestRun(t *testing.T) {
	now := time.Date(2026, 12, 6, 12, 0, 0, 0, time.UTC)
	repo := &content.Repo{Config: &pipeline.Config{Timezone: time.UTC, Outbox: "outbox", Defaults: pipeline.Defaults{Lang: "fr"},
		Channels: map[string]pipeline.ChannelConfig{
			"li":   {Name: "li", Type: "linkedin", Secrets: map[string]string{"token": "LI_TOKEN"}, Options: map[string]string{"token_expires": "2026-12-10"}},
			"bsky": {Name: "bsky", Type: "outbox", Network: "bluesky"},
		}},
		Charters: map[string]*pipeline.Charter{"": {Languages: []string{"fr", "nl"}}}}
	wf := []byte("uses: crieur/crieur@abc # v1.2.0\n  - cron: \"0 9 * * *\"\n          LI_TOKEN: ${{ secrets.LI_TOKEN }}\n")
	in := Input{Repo: repo, Getenv: func(string) string { return "" }, Now: now, Workflow: wf,
		Expected: []byte("uses: crieur/crieur@def # v1.3.0\n  - cron: \"0 9 * * *\"\n"), InGit: true, HasRemote: true, HasLedger: true,
		Dictionary: func(lang string) (string, string) {
			if lang == "nl" {
				return "no Dutch dictionary", "apt install hunspell-nl"
			}
			return "", ""
		},
		Grammar: func() error { return errors.New("not found") }}
	var out strings.Builder
	n := Write(&out, Run(in))
	for _, want := range []string{
		"note secrets  channel bsky is an outbox: nothing leaves for bluesky",
		"note secrets  channel li: LI_TOKEN is not set here",
		"FIX  tokens   channel li: its token expires on 2026-12-10, in 4 days",
		"ok   spelling the fr dictionary loads",
		"FIX  spelling no Dutch dictionary\n              → apt install hunspell-nl",
		"FIX  grammar  Grammalecte is not installed",
		"ok   git      origin and the crieur/ledger branch are there",
		"FIX  workflow the workflows run crieur/crieur@abc # v1.2.0, this crieur writes crieur/crieur@def # v1.3.0",
		"4 problems to fix",
	} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("lacks %q:\n%s", want, out.String())
		}
	}
	if n != 4 {
		t.Errorf("%d problems, want 4", n)
	}
	in.Workflow = nil
	if got := Run(in).Checks; got[len(got)-1].Severity != Problem || !strings.Contains(got[len(got)-1].Says, "no .github/workflows/crieur.yml") {
		t.Errorf("without a workflow: %+v", got[len(got)-1])
	}
}

// TestCatalog: every message in English, French and Dutch, with the same
// placeholders, none empty.
func TestCatalog(t *testing.T) {
	for _, p := range say.Problems() {
		t.Error(p)
	}
}

// TestLanguages: the doctor speaks the reader's language (Repo.Language),
// marks and topics included, with the fix aligned under the text.
func TestLanguages(t *testing.T) {
	now := time.Date(2026, 12, 6, 12, 0, 0, 0, time.UTC)
	repo := &content.Repo{Config: &pipeline.Config{Timezone: time.UTC, Outbox: "outbox",
		Channels: map[string]pipeline.ChannelConfig{
			"li": {Name: "li", Type: "linkedin", Secrets: map[string]string{"token": "LI_TOKEN"}, Options: map[string]string{"token_expires": "2026-12-07"}}}}}
	in := Input{Repo: repo, Getenv: func(string) string { return "" }, Now: now, InGit: true}
	for l, want := range map[i18n.Lang][]string{
		i18n.French: {
			"info    secrets     canal li\u00a0: LI_TOKEN n’est pas défini ici\n",
			"À FAIRE jetons      canal li\u00a0: son jeton expire le 2026-12-07, dans 1 jour\n",
			"À FAIRE git         le dépôt git n’a pas de remote origin\u00a0: l’Action ne peut pas tourner",
			"\n                    → créez le dépôt sur GitHub et lancez git remote add origin <son URL>",
			"À FAIRE workflow    pas de .github/workflows/crieur.yml\u00a0: rien ne relit les pull requests ni ne publie\n",
			"\n3 problèmes à corriger\n",
		},
		i18n.Dutch: {
			"HERSTEL tokens     kanaal li: de token verloopt op 2026-12-07, binnen 1 dag\n",
			"\n3 problemen te herstellen\n",
		},
	} {
		repo.Language = l
		var out strings.Builder
		if n := Write(&out, Run(in)); n != 3 {
			t.Errorf("%s: %d problems, want 3", l, n)
		}
		for _, w := range want {
			if !strings.Contains(out.String(), w) {
				t.Errorf("%s: lacks %q:\n%s", l, w, out.String())
			}
		}
	}
	repo.Language, in.HasRemote, in.HasLedger = i18n.French, true, true
	in.Workflow = []byte("uses: crieur/crieur@abc # v1\n")
	in.Expected = in.Workflow
	repo.Config.Channels = nil
	var out strings.Builder
	if Write(&out, Run(in)) != 0 || !strings.Contains(out.String(), "prêt\u00a0: rien à corriger\n") {
		t.Errorf("ready in French:\n%s", out.String())
	}
}
