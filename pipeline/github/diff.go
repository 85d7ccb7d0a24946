package github

import (
	"fmt"
	"strconv"
	"strings"
)

// rightLines reads the patch GitHub gives for one file of a pull request
// (the unified-diff hunks, without the ---/+++ header) and returns the
// lines of the new file a review comment can be placed on, side RIGHT:
// the added lines and the context lines, each with the index of its hunk
// (a comment over several lines must stay within one hunk). A file
// without a patch (removed, binary, renamed unchanged, too large) has no
// such line.
func rightLines(patch string) (map[int]int, error) {
	lines := map[int]int{}
	if patch == "" {
		return lines, nil
	}
	hunk := -1
	var newLine, oldLeft, newLeft int
	for i, l := range strings.Split(patch, "\n") {
		l = strings.TrimSuffix(l, "\r")
		if strings.HasPrefix(l, "@@") {
			_, oldCount, newStart, newCount, err := hunkHeader(l)
			if err != nil {
				return nil, fmt.Errorf("patch line %d: %w", i+1, err)
			}
			hunk++
			newLine, oldLeft, newLeft = newStart, oldCount, newCount
			continue
		}
		if hunk < 0 {
			if l == "" {
				continue
			}
			return nil, fmt.Errorf("patch line %d: %q before the first hunk header", i+1, l)
		}
		switch {
		case strings.HasPrefix(l, "+"):
			lines[newLine] = hunk
			newLine++
			newLeft--
		case strings.HasPrefix(l, "-"):
			oldLeft--
		case strings.HasPrefix(l, `\`): // "\ No newline at end of file"
		case strings.HasPrefix(l, " "), l == "" && oldLeft > 0 && newLeft > 0:
			// A context line; an empty one is a blank line whose
			// leading space was lost, as long as the hunk expects more.
			lines[newLine] = hunk
			newLine++
			oldLeft--
			newLeft--
		case l == "":
			// the end of the patch
		default:
			return nil, fmt.Errorf("patch line %d: %q is not a diff line", i+1, l)
		}
	}
	return lines, nil
}

// hunkHeader reads "@@ -a,b +c,d @@ optional section"; a missing count is 1.
func hunkHeader(l string) (oldStart, oldCount, newStart, newCount int, err error) {
	rest, ok := strings.CutPrefix(l, "@@ -")
	if !ok {
		return 0, 0, 0, 0, fmt.Errorf("bad hunk header %q", l)
	}
	ranges, _, ok := strings.Cut(rest, " @@")
	if !ok {
		return 0, 0, 0, 0, fmt.Errorf("bad hunk header %q", l)
	}
	oldR, newR, ok := strings.Cut(ranges, " +")
	if !ok {
		return 0, 0, 0, 0, fmt.Errorf("bad hunk header %q", l)
	}
	if oldStart, oldCount, err = hunkRange(oldR); err != nil {
		return 0, 0, 0, 0, fmt.Errorf("bad hunk header %q: %w", l, err)
	}
	if newStart, newCount, err = hunkRange(newR); err != nil {
		return 0, 0, 0, 0, fmt.Errorf("bad hunk header %q: %w", l, err)
	}
	return oldStart, oldCount, newStart, newCount, nil
}

func hunkRange(s string) (start, count int, err error) {
	a, b, hasCount := strings.Cut(s, ",")
	if start, err = strconv.Atoi(a); err != nil || start < 0 {
		return 0, 0, fmt.Errorf("bad start %q", a)
	}
	count = 1
	if hasCount {
		if count, err = strconv.Atoi(b); err != nil || count < 0 {
			return 0, 0, fmt.Errorf("bad count %q", b)
		}
	}
	return start, count, nil
}
