package render

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

func TestCapNesting(t *testing.T) {
	deep := strings.Repeat("- ", maxNesting)
	tests := []struct{ name, in, want string }{
		{"shallow lines are left alone", "- a\n  - b\n> > c\n1. d\n", "- a\n  - b\n> > c\n1. d\n"},
		{"the marker past the limit is escaped", deep + "- - x\n", deep + "\\- - x\n"},
		{"a number's dot", deep + "12. x", deep + "12\\. x"},
		{"a quote", strings.Repeat(">", maxNesting+3) + " x", strings.Repeat(">", maxNesting) + "\\>>> x"},
		{"on every line", deep + "- a\n" + deep + "+ b\n", deep + "\\- a\n" + deep + "\\+ b\n"},
		{"a word stops the count", strings.Repeat("- x - ", 20), strings.Repeat("- x - ", 20)},
		{"a thematic break", strings.Repeat("-", 100), strings.Repeat("-", 100)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := string(capNesting([]byte(tt.in))); got != tt.want {
				t.Errorf("capNesting(%q) =\n%q, want\n%q", tt.in, got, tt.want)
			}
		})
	}
}

func TestPlainDeepNestingKeepsTheText(t *testing.T) {
	got := Plain(strings.Repeat("- ", maxNesting+4) + "x")
	want := strings.Repeat("• ", maxNesting) + "- - - - x"
	if got != want {
		t.Errorf("Plain = %q, want %q", got, want)
	}
	if got := Plain("> > citation\n\n- a\n  - b"); got != "citation\n\n• a\n  • b" {
		t.Errorf("shallow nesting changed: %q", got)
	}
}

func TestPlainLongWordOfLinks(t *testing.T) {
	if got := Plain("[un](https://a.example) [deux](https://b.example)"); got != "un (https://a.example) deux (https://b.example)" {
		t.Errorf("links changed: %q", got)
	}
	word := strings.Repeat("[a](", 300)
	if got := Plain(word); got != word {
		t.Errorf("a word of 300 unclosed links is not its text: %q…", got[:40])
	}
}

// TestPlainIsLinearInNestedMarkers renders one line of 100 KB of nested
// markers of each kind: it took half a minute when every level read the
// rest of the line again.
func TestPlainIsLinearInNestedMarkers(t *testing.T) {
	for _, m := range []string{"- ", "* ", "+ ", "> ", "1. ", "1) ", "- > ", "-\t", "[a](", "[a](<"} {
		src := strings.Repeat(m, (100<<10)/len(m)) + "x\n"
		start := time.Now()
		Plain(src)
		FirstLine(src)
		if d := time.Since(start); d > 2*time.Second {
			t.Errorf("%q × %d: %v", m, len(src)/len(m), d)
		}
	}
}

// BenchmarkPlainNestedMarkers renders a line of nested list markers of
// 10 KB to 100 KB: the time per byte must stay flat.
func BenchmarkPlainNestedMarkers(b *testing.B) {
	for _, size := range []int{10 << 10, 100 << 10} {
		b.Run(fmt.Sprintf("%dKiB", size>>10), func(b *testing.B) {
			src := strings.Repeat("- ", size/2) + "x\n"
			b.SetBytes(int64(len(src)))
			for i := 0; i < b.N; i++ {
				plain(src) // not the cache: the rendering itself
			}
		})
	}
}
