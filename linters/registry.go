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

// Kinds are the rule kinds of the registry, one typed list for each way
// a kind looks at posts. The engine runs the per-post kinds first, then
// the calendar kinds, each list in its order.
type Kinds struct {
	Rules         []Rule         // each judges one post at a time
	CalendarRules []CalendarRule // each judges the whole calendar at once
}

// Registry lists every rule kind, in the order they run: the one place
// where a new kind is added. The compiler checks that a kind is of the
// list it is written in.
func Registry() Kinds {
	return Kinds{
		Rules: []Rule{
			core.Body{},
			core.Length{},
			core.Media{},
			core.PastDue{},
			core.Draft{},
			core.Frozen{},
			core.Replaces{},
			typo.French{},
			tone.Tone{},
			charte.Brand{},
			spelling.Spelling{},
			grammar.French{},
		},
		CalendarRules: []CalendarRule{
			schedule.Calendar{},
			grammar.Grammar{},
		},
	}
}
