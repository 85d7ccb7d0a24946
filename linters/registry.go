package linters

import (
	"github.com/crieur/crieur/linters/charte"
	"github.com/crieur/crieur/linters/core"
	"github.com/crieur/crieur/linters/grammar"
	"github.com/crieur/crieur/linters/schedule"
	"github.com/crieur/crieur/linters/spelling"
	"github.com/crieur/crieur/linters/tone"
	"github.com/crieur/crieur/linters/typo"
)

// Registry lists every rule kind, in the order they run: the one place
// where a new kind is added. Each entry is a Rule or a CalendarRule.
func Registry() []any {
	return []any{
		core.Length{},
		core.Media{},
		core.PastDue{},
		core.Frozen{},
		core.Replaces{},
		typo.French{},
		tone.Tone{},
		charte.Brand{},
		spelling.Spelling{},
		schedule.Calendar{},
		grammar.Grammar{},
	}
}
