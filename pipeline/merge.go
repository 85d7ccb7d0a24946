package pipeline

import (
	"bytes"
	"errors"
)

// AppendOnlyMerge merges a file that both sides only append lines to,
// such as a journal: theirs, followed by the lines ours added after base.
// It is an error if ours is not base with lines added at its end (a line
// of base changed or removed). Theirs is kept whole, whatever it did.
func AppendOnlyMerge(base, ours, theirs []byte) ([]byte, error) {
	if !bytes.HasPrefix(ours, base) {
		return nil, errors.New("not an append-only change: lines before the appended ones differ")
	}
	added := ours[len(base):]
	if len(base) > 0 && base[len(base)-1] != '\n' && len(added) > 0 {
		// base's last line had no newline: ours may only end it.
		if added[0] != '\n' {
			return nil, errors.New("not an append-only change: the last line was extended")
		}
		added = added[1:]
	}
	if len(added) == 0 {
		return theirs, nil
	}
	out := make([]byte, 0, len(theirs)+1+len(added))
	out = append(out, theirs...)
	if len(out) > 0 && out[len(out)-1] != '\n' {
		out = append(out, '\n')
	}
	return append(out, added...), nil
}
