package content

import "strings"

// Suggest returns the candidate closest to word, or "" when none is close
// enough to be what the author meant (a distance of at most a third of the
// word's length, and at most 3).
func Suggest(word string, candidates []string) string {
	w := strings.ToLower(word)
	best, bestD := "", 4
	limit := len([]rune(w))/3 + 1
	if limit > 3 {
		limit = 3
	}
	for _, c := range candidates {
		d := distance(w, strings.ToLower(c))
		if d < bestD && d <= limit {
			best, bestD = c, d
		}
	}
	return best
}

// didYouMean formats a suggestion for a hint.
func didYouMean(word string, candidates []string) string {
	if s := Suggest(word, candidates); s != "" {
		return "did you mean " + s + "?"
	}
	return ""
}

// distance is the Levenshtein distance between a and b, in runes. Twenty
// lines do not justify a dependency.
func distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
