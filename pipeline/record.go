package pipeline

import "time"

// Action is what a journal record says happened to a delivery.
type Action string

// The actions a record can hold.
const (
	ActionPublished Action = "published"
	ActionFailed    Action = "failed"
	ActionRecovered Action = "recovered" // an interrupted run had sent it; found and recorded
	ActionRetracted Action = "retracted"
	// A claim is written where the next run will find it (the ledger)
	// before a delivery is sent; a release gives back a claim whose
	// delivery was not sent (a cancelled run, a delivery found not sent).
	// Claims and releases are not publications: they are kept apart from
	// the journal (see Ledger).
	ActionClaimed  Action = "claimed"
	ActionReleased Action = "released"
)

// Record is one line of the journal, the audit trail of the publications:
// one delivery of a post to a channel that went out, failed, was
// recovered after an interrupted run or was taken down, with where it
// went and where the version that went out came from (the commit, its
// pull request, author and approvers). pipeline/content keeps the records
// in the repository, one JSON object per line; the JSON names below are
// that file format.
type Record struct {
	Time         time.Time `json:"time"`
	Action       Action    `json:"action"`
	Post         string    `json:"post"`
	Channel      string    `json:"channel"`
	Network      string    `json:"network,omitempty"`
	Account      string    `json:"account,omitempty"`
	Key          string    `json:"key"`
	Occurrence   time.Time `json:"occurrence"`
	ContentHash  string    `json:"content_hash,omitempty"`
	RemoteID     string    `json:"remote_id,omitempty"`
	URL          string    `json:"url,omitempty"`
	Attempt      int       `json:"attempt,omitempty"`
	Error        string    `json:"error,omitempty"`
	SourceCommit string    `json:"source_commit,omitempty"`
	PullRequest  int       `json:"pull_request,omitempty"`
	Author       string    `json:"author,omitempty"`
	Approvers    []string  `json:"approvers,omitempty"`
	Parts        []string  `json:"parts,omitempty"` // ids of the rest of a thread and of the first comment
	// PostID is the post's id: front-matter key, when it has one, and
	// Body the hash of its Markdown (PostBody): with them a post moved
	// or renamed is still the post its records are about.
	PostID string `json:"post_id,omitempty"`
	Body   string `json:"body,omitempty"`
	// Claim ties a claim, its release and the result of its delivery;
	// Until is when a claim lapses: a run that did not record a result
	// by then is taken for dead, and the next run asks the network.
	Claim string    `json:"claim,omitempty"`
	Until time.Time `json:"until,omitzero"`
}

// WentOut reports whether the record is of a delivery that went out:
// published, or recovered (sent by an interrupted run).
func (r Record) WentOut() bool {
	return r.Action == ActionPublished || r.Action == ActionRecovered
}
