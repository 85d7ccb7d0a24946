package publish

import (
	"time"

	"github.com/crieur/crieur/pipeline"
)

// UnfreezeMessage is the commit message of crieur unfreeze.
const UnfreezeMessage = "crieur: unfreeze publishing\n"

// FreezeMessage is the commit message of crieur freeze: the reason in
// the subject, the freeze in the body (FreezeLine, times in loc).
func FreezeMessage(f *pipeline.Freeze, loc *time.Location) string {
	msg := "crieur: freeze publishing"
	if f.Reason != "" {
		msg += ": " + f.Reason
	}
	return msg + "\n\n" + FreezeLine(f, loc) + "\n"
}
