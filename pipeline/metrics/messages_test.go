package metrics

import (
	"context"
	"testing"

	"github.com/crieur/crieur/pipeline"
	"github.com/crieur/crieur/pipeline/i18n"
)

// TestCatalog: every message in English, French and Dutch, with the same
// placeholders, none empty.
func TestCatalog(t *testing.T) {
	for _, p := range say.Problems() {
		t.Error(p)
	}
}

// Every network with a reason for no numbers has it in the catalog, by
// its name, the English word for word the table's, which crieur prints
// as written; and no reason is kept for a network that has numbers.
func TestWhyKeys(t *testing.T) {
	reasons := map[string]bool{"why.outbox": true} // the registry's, not a network
	for _, n := range pipeline.Networks() {
		if n.NoMetrics == "" {
			continue
		}
		key := "why." + n.Name
		reasons[key] = true
		if !say.Has(key) {
			t.Errorf("%s: no %s in messages/", n.Name, key)
			continue
		}
		if got := say.Text(i18n.English, key, nil); got != n.NoMetrics {
			t.Errorf("%s in en.yaml is %q, the table says %q", key, got, n.NoMetrics)
		}
	}
	for _, key := range say.IDs("why.") {
		if !reasons[key] {
			t.Errorf("%s: no network of that name has a reason for no numbers", key)
		}
	}
}

// The summary in French: each line in the reader's words, the reason of
// a known type translated, the errors left English.
func TestRecorderFrench(t *testing.T) {
	r, stdout, stderr := recorderFixture(t)
	r.Config.Channels["o"] = pipeline.ChannelConfig{Name: "o", Type: "outbox", Network: "mastodon"}
	r.Language = i18n.French
	if _, err := r.Run(context.Background()); err != nil {
		t.Fatal(err)
	}
	wantOut := "o\u00a0: pas de statistiques (l’outbox écrit des fichiers sur le disque\u00a0: personne ne les y lit)\n" +
		"s\u00a0: pas de statistiques (cette version de crieur ne sait pas lire les chiffres de mastodon)\n" +
		"old\u00a0: pas de statistiques (le canal n’est plus dans crieur.yml\u00a0: 2 publications non lues)\n" +
		"b\u00a0: 0 sur 1 publication lue (voir l’erreur ci-dessus)\n" +
		"m\u00a0: 2 sur 2 publications lues\n" +
		"2 mesures enregistrées dans metrics/2026-12.csv\n"
	if stdout.String() != wantOut {
		t.Errorf("stdout:\n%s\nwant:\n%s", stdout, wantOut)
	}
	if want := "crieur: channel x: MASTODON_TOKEN is not set\ncrieur: b: 500 Internal Server Error\n"; stderr.String() != want {
		t.Errorf("stderr:\n%s", stderr)
	}
	stdout.Reset()
	r.Language, r.Now = i18n.Dutch, t0.AddDate(1, 0, 0)
	if _, err := r.Run(context.Background()); err != nil || stdout.String() != "geen publicatie in de laatste 30d\n" {
		t.Errorf("Dutch, nothing: %q, %v", stdout, err)
	}
}
