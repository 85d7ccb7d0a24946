package charte_test

import (
	"testing"

	"github.com/crieur/crieur/linters"
	"github.com/crieur/crieur/linters/charte"
	"github.com/crieur/crieur/pipeline"
	"github.com/crieur/crieur/pipeline/content"
)

// TestThroughEngine: the findings land where the engine's silencing
// comments and the charter's severity overrides reach them.
func TestThroughEngine(t *testing.T) {
	src := post("publish_at: 2026-12-20 10:00",
		"<!-- crieur-disable-next-line charte.forbidden -->\nC’est gratos.\n\nVraiment gratos, résa ici.\n")
	r := newRepo(t, map[string]string{
		"charte.yml": "severity:\n  charte.substitution: error\nforbidden:\n  - term: gratos\nsubstitutions:\n  - term: résa\n    replace: réservation\n",
		postPath:     src,
	})
	f := loadOne(t, r, postPath)
	e := &linters.Engine{Rules: []linters.Rule{charte.Brand{}}}
	got := e.Lint(&linters.Context{Repo: r, Now: now}, []*content.File{f}, []*content.File{f}, nil)
	if len(got) != 2 {
		t.Fatalf("want the second gratos and résa, got\n%s", list(got))
	}
	line, _ := posOf(t, src, "Vraiment", 1)
	if got[0].Rule != "charte.forbidden" || got[0].Line != line {
		t.Errorf("first finding %v, want charte.forbidden on line %d (the silenced one is on line %d)", got[0], line, line-2)
	}
	if got[1].Rule != "charte.substitution" || got[1].Severity != pipeline.Error {
		t.Errorf("second finding %v, want charte.substitution raised to error by the charter", got[1])
	}
}
