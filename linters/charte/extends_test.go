package charte_test

import (
	"testing"

	"github.com/crieur/crieur/linters/charte"
	"github.com/crieur/crieur/linters/rule"
)

// TestExtendedCharter: a brand's charter that extends another one gets
// the parent's forbidden terms besides its own (content.LoadCharter
// merges them), and the other brand is not bound by the child's.
func TestExtendedCharter(t *testing.T) {
	r := newRepo(t, map[string]string{
		"crieur.yml": baseConfig + `brands:
  verriere:
    charter: charte.yml
  festival:
    charter: festival/charte.yml
`,
		"charte.yml":          "forbidden:\n  - term: gratos\n    severity: error\n",
		"festival/charte.yml": "extends: ../charte.yml\nforbidden:\n  - term: teuf\n    severity: warning\n",
		"posts/2026/12/f.md":  post("publish_at: 2026-12-20 10:00\nbrand: festival", "Une teuf gratos.\n"),
		"posts/2026/12/v.md":  post("publish_at: 2026-12-21 10:00\nbrand: verriere", "Une teuf gratos.\n"),
	})
	ctx := &rule.Context{Repo: r, Now: now}
	festival := charte.Brand{}.Check(ctx, loadOne(t, r, "posts/2026/12/f.md"))
	if len(festival) != 2 || festival[0].Message != "« gratos »: the charter forbids this term" || festival[1].Message != "« teuf »: the charter forbids this term" {
		t.Errorf("festival: want gratos (from the parent) and teuf (its own), got\n%s", list(festival))
	}
	verriere := charte.Brand{}.Check(ctx, loadOne(t, r, "posts/2026/12/v.md"))
	if len(verriere) != 1 || verriere[0].Message != "« gratos »: the charter forbids this term" {
		t.Errorf("verriere: want gratos only, got\n%s", list(verriere))
	}
}
