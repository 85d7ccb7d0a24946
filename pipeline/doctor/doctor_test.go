package doctor

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/crieur/crieur/pipeline"
	"github.com/crieur/crieur/pipeline/content"
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
	if got := Run(in); got[len(got)-1].Severity != Problem || !strings.Contains(got[len(got)-1].Says, "no .github/workflows/crieur.yml") {
		t.Errorf("without a workflow: %+v", got[len(got)-1])
	}
}
