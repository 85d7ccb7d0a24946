package pipeline

import "strings"

// Suggest returns the candidate closest to word, or "" when none is close
// enough to be what the author meant (an edit distance of at most a third
// of the word's length, and at most 3): the « did you mean » of every
// error about a key, a channel, a column or a command.
func Suggest(word string, candidates []string) string {
	w := strings.ToLower(word)
	best, bestD := "", 4
	limit := min(len([]rune(w))/3+1, 3)
	for _, c := range candidates {
		if d := Distance(w, strings.ToLower(c)); d < bestD && d <= limit {
			best, bestD = c, d
		}
	}
	return best
}

// Distance is the Levenshtein distance between a and b, in runes. Twenty
// lines do not justify a dependency.
func Distance(a, b string) int {
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
