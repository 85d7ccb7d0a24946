package pipeline

import (
	"fmt"
	"regexp"
	"regexp/syntax"
)

// The budget of a charter pattern. Go's regexp runs in time linear in the
// text, times the number of steps of the pattern's program that can be
// alive at once: (?:\w+\s?){1,1000}$ compiles to 5,000 steps and took 15 s
// on 200 KB of words, on every post. A counted repetition multiplies the
// program; the limits keep the worst pattern to about a second on the
// largest post crieur reads and to milliseconds on a real one.
const (
	MaxPatternRepeat = 100  // the largest n of {n}, {n,} or {m,n}
	MaxPatternSteps  = 1000 // instructions of the compiled program
)

// PatternError says why a pattern of the charter cannot be used.
type PatternError struct {
	Msg  string
	Hint string
}

func (e *PatternError) Error() string { return e.Msg }

// CompilePattern compiles a regular expression written in a charter
// (RE2 syntax, as regexp), refusing one over the budget. Its errors are
// a *PatternError.
func CompilePattern(expr string) (*regexp.Regexp, error) {
	re, err := syntax.Parse(expr, syntax.Perl)
	if err != nil {
		return nil, &PatternError{Msg: fmt.Sprintf("pattern %q is not a valid regular expression: %v", expr, err),
			Hint: "write it in RE2 syntax (Go's regexp): no look-ahead (?=…), look-behind (?<=…) or back-reference; escape ( ) [ ] { } . * + ? | \\ with a backslash to match them as text"}
	}
	if n := maxRepeat(re); n > MaxPatternRepeat {
		return nil, &PatternError{Msg: fmt.Sprintf("pattern %q repeats a part %d times: a charter pattern may repeat at most %d times", expr, n, MaxPatternRepeat),
			Hint: "use + or * instead of a large {m,n}, or check the count in another rule (kind: occurrence)"}
	}
	prog, err := syntax.Compile(re.Simplify())
	if err == nil && len(prog.Inst) > MaxPatternSteps {
		return nil, &PatternError{Msg: fmt.Sprintf("pattern %q is too costly: %d steps, at most %d on every post", expr, len(prog.Inst), MaxPatternSteps),
			Hint: "split it into several rules, or replace nested repetitions with + or *"}
	}
	return regexp.Compile(expr)
}

// maxRepeat is the largest count of a counted repetition in re.
func maxRepeat(re *syntax.Regexp) int {
	n := 0
	if re.Op == syntax.OpRepeat {
		n = max(re.Min, re.Max)
	}
	for _, sub := range re.Sub {
		n = max(n, maxRepeat(sub))
	}
	return n
}
