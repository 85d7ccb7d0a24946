package pipeline

// ChangedFile is a file a pull request changes, as GitHub lists it: the
// github room reads it, the review judges it.
type ChangedFile struct {
	Path         string
	PreviousPath string // the path before a rename, else ""
	// Status is GitHub's: added, modified, removed, renamed, copied,
	// changed or unchanged.
	Status string
}
