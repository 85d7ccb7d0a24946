package metrics

import (
	"bytes"

	"github.com/crieur/crieur/pipeline"
)

// MergeCSV merges a metrics file that two runs appended to (pushing, when
// the branch moved meanwhile): pipeline.AppendOnlyMerge, theirs followed
// by the rows ours added. When both runs created the month's file, ours's
// header is not repeated. A file one side rewrote (another header, a row
// changed) is an error: it is not merged silently.
func MergeCSV(base, ours, theirs []byte) ([]byte, error) {
	if len(base) == 0 && len(theirs) > 0 {
		oh, _, ok := bytes.Cut(ours, []byte("\n"))
		th, _, _ := bytes.Cut(theirs, []byte("\n"))
		if ok && bytes.Equal(oh, th) {
			base = ours[:len(oh)+1] // the header is the common base
		}
	}
	return pipeline.AppendOnlyMerge(base, ours, theirs)
}
