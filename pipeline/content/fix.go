package content

import (
	"bytes"
	"errors"

	"github.com/crieur/crieur/pipeline"
)

// ErrFixBreaks is FixPost's refusal: the fixed text would not load.
var ErrFixBreaks = errors.New("the fixed text would not load")

// FixPost applies fixes to the post at rel, whose text is src
// (pipeline.ApplyFixes: a fix overlapping an earlier one is skipped). It
// returns the fixed text and the fixes applied; none when the text does
// not change. A fix must never break a post: when the fixed text would
// not load, or would load with more errors than src, it returns
// ErrFixBreaks, and src is to be left as it was.
func (r *Repo) FixPost(rel string, src []byte, fixes []pipeline.Fix) ([]byte, []pipeline.Fix, error) {
	out, applied := pipeline.ApplyFixes(src, fixes)
	if len(applied) == 0 || bytes.Equal(out, src) {
		return src, nil, nil
	}
	_, before := r.ParsePost(rel, src)
	if f, after := r.ParsePost(rel, out); f == nil || errorCount(after) > errorCount(before) {
		return src, nil, ErrFixBreaks
	}
	return out, applied, nil
}

func errorCount(fs []pipeline.Finding) int {
	n := 0
	for _, f := range fs {
		if f.Severity >= pipeline.Error {
			n++
		}
	}
	return n
}
