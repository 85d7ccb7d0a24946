package pipeline

import "sort"

// ApplyFixes applies byte-range replacements to src. A fix that overlaps
// one earlier in the list, or falls outside src, is skipped: the first
// fix of a range wins. It returns the new content and the fixes applied.
func ApplyFixes(src []byte, fixes []Fix) ([]byte, []Fix) {
	var kept []Fix
	for _, f := range fixes {
		if f.Start < 0 || f.End < f.Start || f.End > len(src) {
			continue
		}
		overlaps := false
		for _, k := range kept {
			// Two insertions at the same point, or ranges that share a
			// byte, conflict.
			if f.Start < k.End && k.Start < f.End || f.Start == k.Start {
				overlaps = true
				break
			}
		}
		if !overlaps {
			kept = append(kept, f)
		}
	}
	sort.SliceStable(kept, func(i, j int) bool { return kept[i].Start > kept[j].Start })
	out := append([]byte(nil), src...)
	for _, f := range kept {
		out = append(out[:f.Start], append([]byte(f.Text), out[f.End:]...)...)
	}
	return out, kept
}
