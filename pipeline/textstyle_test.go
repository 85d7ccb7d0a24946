package pipeline

import "testing"

func TestFixable(t *testing.T) {
	for _, tc := range []struct {
		name       string
		part       Part
		start, end int
		text       string
		want       bool
	}{
		{"body, over lines", Part{Source: "a\nb"}, 0, 1, "x\ny", true},
		{"a span over a line break", Part{Source: "a\nb"}, 0, 3, "x", false},
		{"literal block", Part{Source: "a b!\nc", Indent: 4}, 3, 3, "\u202f", true},
		{"literal block, a new line", Part{Source: "a b!\nc", Indent: 4}, 1, 2, "\n", false},
		{"literal block, spaces at a line's start", Part{Source: "a b!\nc", Indent: 4}, 5, 5, " ", false},
		{"double quotes", Part{Source: "a b!", Style: DoubleQuoted}, 3, 3, "\u202f", true},
		{"double quotes, a quote", Part{Source: "a b", Style: DoubleQuoted}, 0, 1, `«"»`, false},
		{"double quotes, a backslash", Part{Source: "a b", Style: DoubleQuoted}, 0, 1, `\`, false},
		{"single quotes, an apostrophe", Part{Source: "l'été", Style: SingleQuoted}, 1, 2, "'", false},
		{"single quotes, a typographic one", Part{Source: "l'été", Style: SingleQuoted}, 1, 2, "’", true},
		{"plain", Part{Source: "Jazz ce soir!", Style: Plain}, 12, 12, "\u202f", true},
		{"plain, a colon", Part{Source: "Jazz ce soir", Style: Plain}, 4, 4, ":", false},
		{"plain, a space at its end", Part{Source: "Jazz", Style: Plain}, 4, 4, " ", false},
		{"plain, an indicator first", Part{Source: "Jazz", Style: Plain}, 0, 0, "- ", false},
		{"rewritten", Part{Source: "Jazz", Style: Rewritten}, 0, 4, "Blues", false},
		{"out of range", Part{Source: "Jazz"}, 2, 9, "x", false},
	} {
		if got := tc.part.Fixable(tc.start, tc.end, tc.text); got != tc.want {
			t.Errorf("%s: Fixable = %v, want %v", tc.name, got, tc.want)
		}
	}
}
