package pipeline

import (
	"errors"
	"strings"
	"testing"
	"time"
)

func TestCompilePattern(t *testing.T) {
	tests := []struct {
		expr string
		want string // "" when accepted
	}{
		{`\b(?:gratuit|offert|cadeau)\b`, ""},
		{`(?i)entrée.{0,80}libre`, ""},
		{`\d{1,4}`, ""},
		{`(?:\w+\s?){1,1000}$`, "repeats a part 1000 times"},
		{`(?:\w+\s?){101}`, "repeats a part 101 times"},
		{`(?:\w+\s?){1,100}(?:\d+\s?){1,100}(?:\s+\w){1,100}`, "too costly"},
		{`(unclosed`, "not a valid regular expression"},
		{`a{1001}`, "not a valid regular expression"},
	}
	for _, tt := range tests {
		re, err := CompilePattern(tt.expr)
		if tt.want == "" {
			if err != nil || re == nil {
				t.Errorf("CompilePattern(%q) = %v, want it accepted", tt.expr, err)
			}
			continue
		}
		var pe *PatternError
		if !errors.As(err, &pe) || !strings.Contains(pe.Msg, tt.want) || pe.Hint == "" {
			t.Errorf("CompilePattern(%q) = %v, want a PatternError saying %q, with a hint", tt.expr, err, tt.want)
		}
	}
}

// TestCompilePatternWithinBudget runs one of the costliest patterns the
// budget lets through on 50 KB of words (the refused {1,1000} took 15 s
// on 200 KB).
func TestCompilePatternWithinBudget(t *testing.T) {
	re, err := CompilePattern(`(?:\w+\s?){1,100}$`)
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Repeat("le concert commence a vingt heures ", 1500)
	start := time.Now()
	re.FindAllStringIndex(text, -1)
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("%v on %d bytes", d, len(text))
	}
}
