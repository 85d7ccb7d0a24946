package content

import (
	"errors"
	"time"

	"github.com/crieur/crieur/pipeline"
)

// ParseTime reads a publication time; see pipeline.ParseTime.
func ParseTime(s string, loc *time.Location) (time.Time, error) { return pipeline.ParseTime(s, loc) }

// ParseDay reads the end of a period; see pipeline.ParseDay.
func ParseDay(s string, loc *time.Location) (time.Time, error) { return pipeline.ParseDay(s, loc) }

// split returns the message and hint of an error.
func split(err error) (string, string) {
	var te *pipeline.TimeError
	if errors.As(err, &te) {
		return te.Msg, te.Hint
	}
	return err.Error(), ""
}
