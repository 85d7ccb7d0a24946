package pipeline

import (
	"strings"
	"time"
)

// Signature is who a commit is from.
type Signature struct{ Name, Email string }

// Version is a commit that changed a file: the history of a post, as git
// has it and as the review and the journal read it.
type Version struct {
	Commit  string
	Author  Signature
	When    time.Time
	Message string
}

// IsCrieurs reports whether a commit is one crieur made (publish, record,
// retract, freeze): its message starts with "crieur: ".
func (v Version) IsCrieurs() bool { return strings.HasPrefix(v.Message, "crieur: ") }

// Provenance is where the version of a post that a journal record is
// about came from: the pull request that brought it in, its author and
// its approvers, or, for a change pushed without pull request, the author
// of the commit.
type Provenance struct {
	PullRequest int
	Author      string
	Approvers   []string
}
