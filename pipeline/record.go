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
}

// WentOut reports whether the record is of a delivery that went out:
// published, or recovered (sent by an interrupted run).
func (r Record) WentOut() bool {
	return r.Action == ActionPublished || r.Action == ActionRecovered
}
