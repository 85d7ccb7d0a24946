package spelling

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// TestMayHoldDomain: maskProse skips the search for bare domains only
// where it would find none.
func TestMayHoldDomain(t *testing.T) {
	alphabet := []string{"verriere", ".", "org", "be", "b", "o", "x", " ", "/", "é", "-", "@", "\n", "programme", ".o"}
	rnd := rand.New(rand.NewPCG(19, 2))
	for n := 0; n < 20000; n++ {
		var b strings.Builder
		for k := rnd.IntN(12); k >= 0; k-- {
			b.WriteString(alphabet[rnd.IntN(len(alphabet))])
		}
		src := []byte(b.String())
		if !mayHoldDomain(src) && conf.domain.Match(src) {
			t.Fatalf("%q holds a domain, mayHoldDomain says no", src)
		}
	}
	if mayHoldDomain([]byte("Rien ici. Ni là.")) {
		t.Error("a dot before a space is no domain")
	}
}

// TestHashtagSpans: the hashtags found at each # are hashtagRE's.
func TestHashtagSpans(t *testing.T) {
	alphabet := []string{"#", "a", "É", "1", "_", "&", "/", " ", "\u0301", "-", "\n", "x#", "’", "🎷"}
	rnd := rand.New(rand.NewPCG(19, 3))
	for n := 0; n < 30000; n++ {
		var b strings.Builder
		for k := rnd.IntN(14); k >= 0; k-- {
			b.WriteString(alphabet[rnd.IntN(len(alphabet))])
		}
		src := []byte(b.String())
		var want [][2]int
		for _, m := range hashtagRE.FindAllSubmatchIndex(src, -1) {
			want = append(want, [2]int{m[2], m[3]})
		}
		if got := hashtagSpans(src); !slices.Equal(got, want) {
			t.Fatalf("hashtagSpans(%q) = %v, hashtagRE finds %v", src, got, want)
		}
	}
}
