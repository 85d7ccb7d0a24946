package pipeline

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// naiveAt is what Lines.At must agree with: a scan from the start.
func naiveAt(s string, i int) (line, col int) {
	start := 0
	for j := 0; j < i; j++ {
		if s[j] == '\n' {
			line++
			start = j + 1
		}
	}
	return line, utf8.RuneCountInString(s[start:i]) + 1
}

func checkLines(t *testing.T, s string) {
	t.Helper()
	l := NewLines(s)
	for i := 0; i <= len(s); i++ {
		line, col := l.At(i)
		wl, wc := naiveAt(s, i)
		if line != wl || col != wc {
			t.Fatalf("%q: At(%d) = %d:%d, want %d:%d", s, i, line, col, wl, wc)
		}
		if i < len(s) && utf8.RuneStart(s[i]) && s[i] != '\n' {
			if off := l.Offset(line, col); off != i {
				t.Fatalf("%q: Offset(%d, %d) = %d, want %d", s, line, col, off, i)
			}
		}
	}
}

func TestLinesAgreeWithAScan(t *testing.T) {
	long := strings.Repeat("é🎉a « b » \u202f!", 40)
	for _, s := range []string{
		"", "a", "\n", "\n\n", "é🎉a\nbc", long, long + "\n" + long,
		strings.Repeat("x", 63) + "🎉" + strings.Repeat("y", 200),
		"in\xffvalid\xe2\x82 bytes\n\xf0\x9f" + strings.Repeat("\xe9", 130),
	} {
		checkLines(t, s)
	}
}

func TestLinesOffsetClamps(t *testing.T) {
	l := NewLines("ab\ncdé\n")
	for _, tt := range []struct{ line, col, want int }{
		{-1, 1, 0}, {0, 0, 0}, {0, 99, 2}, {1, 3, 5}, {1, 4, 7}, {1, 99, 7}, {2, 1, 8}, {3, 1, 8},
	} {
		if got := l.Offset(tt.line, tt.col); got != tt.want {
			t.Errorf("Offset(%d, %d) = %d, want %d", tt.line, tt.col, got, tt.want)
		}
	}
}

func FuzzLines(f *testing.F) {
	f.Add("é🎉a\nbc")
	f.Add(strings.Repeat("ab\xffé\n", 40))
	f.Fuzz(func(t *testing.T, s string) { checkLines(t, s) })
}

// BenchmarkPartPosOf maps a finding every 100 bytes of a 1 MiB part, as
// lint does with a long post full of slips: once indexed, each lookup is
// a binary search, where a scan from the start made it quadratic.
func BenchmarkPartPosOf(b *testing.B) {
	line := "Le concert numéro 12 commence à vingt heures, teh programme est complet !\n"
	p := Part{Source: strings.Repeat(line, (1<<20)/len(line)), Line: 5, Col: 1}
	b.Run("indexed", func(b *testing.B) {
		for n := 0; n < b.N; n++ {
			pp := p.Positions()
			for i := 0; i < len(p.Source); i += 100 {
				pp.PosOf(i)
			}
		}
	})
	b.Run("scan-per-lookup", func(b *testing.B) {
		for n := 0; n < b.N; n++ {
			for i := 0; i < len(p.Source); i += 100 {
				naiveAt(p.Source, i)
			}
		}
	})
}

func TestPartPositionsLine(t *testing.T) {
	pp := Part{Source: "ab\ncdé\n\nf"}.Positions()
	for _, tt := range []struct{ i, start, end int }{
		{0, 0, 2}, {2, 0, 2}, {3, 3, 7}, {6, 3, 7}, {8, 8, 8}, {9, 9, 10}, {10, 9, 10},
	} {
		if s, e := pp.Line(tt.i); s != tt.start || e != tt.end {
			t.Errorf("Line(%d) = %d, %d, want %d, %d", tt.i, s, e, tt.start, tt.end)
		}
	}
}
