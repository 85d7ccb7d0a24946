package pipeline

import "time"

// Caught is a finding the review caught: present in an earlier version of
// a post and gone from the version that went out, so fixed before
// publication. The review finds them; the monthly report counts them.
type Caught struct {
	Post     string // the post's path
	Rule     string
	Severity Severity
	Message  string
	Commit   string // the commit where the finding was present
	Author   string // who wrote that version
	// Time is when the version that went out was merged: a finding is a
	// month's when Time is in the month. Zero when the one who found it
	// already chose the month's.
	Time time.Time
}
