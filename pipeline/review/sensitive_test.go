package review

import (
	"strings"
	"testing"

	"github.com/crieur/crieur/internal/testrepo"
)

// A pull request that changes crieur.yml, a charter or a workflow is
// called out, with the secrets each channel will receive and where.
func TestSensitive(t *testing.T) {
	cfg := `timezone: Europe/Brussels
charter: charte.yml
channels:
  masto:
    type: mastodon
    secrets:
      token: MSTDN_TOKEN
    options:
      server: https://evil.example
  hook:
    type: webhook
    secrets:
      url: HOOK_URL
  relay:
    type: webhook
    secrets:
      signing_secret: RELAY_SECRET
    options:
      url: https://relay.example/in/Xk9dQ2pLm7?token=q9Wd3kLm2
  local:
    type: outbox
`
	r := testrepo.Open(t, map[string]string{"crieur.yml": cfg, "charte.yml": "spelling:\n  accept: [Verrière]\n"}, nil)
	files := []ChangedFile{
		{Path: "site/crieur.yml", Status: "modified"},
		{Path: "site/charte.yml", Status: "modified"},
		{Path: ".github/workflows/crieur.yml", Status: "modified"},
		{Path: "site/posts/a.md", Status: "added"},
		{Path: "site/media/a.jpg", Status: "added"},
	}
	got := SensitiveFiles(r, files, "site/")
	var paths []string
	for _, s := range got {
		paths = append(paths, s.Path)
	}
	if strings.Join(paths, " ") != "site/crieur.yml site/charte.yml .github/workflows/crieur.yml" {
		t.Fatalf("sensitive files: %v", paths)
	}
	md := Markdown(Input{Repo: r, Sensitive: got})
	for _, want := range []string{
		"> [!CAUTION]",
		"`site/crieur.yml`: the channels: which secrets crieur reads and where it sends them",
		"| masto | mastodon | https://evil.example | `MSTDN_TOKEN` |",
		"| hook | webhook | its own address (a secret too) or the network's | `HOOK_URL` |",
		"| relay | webhook | https://relay.example/in/… | `RELAY_SECRET` |",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("the review lacks %q:\n%s", want, md)
		}
	}
	if strings.Contains(md, "Xk9dQ2pLm7") || strings.Contains(md, "q9Wd3kLm2") {
		t.Errorf("an address in options shows its key:\n%s", md)
	}
	if strings.Contains(md, "| local |") {
		t.Errorf("a channel without secrets is listed:\n%s", md)
	}
	if md := Markdown(Input{Repo: r}); strings.Contains(md, "CAUTION") {
		t.Errorf("a pull request of posts only is called out:\n%s", md)
	}
}
