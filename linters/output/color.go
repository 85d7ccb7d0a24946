package output

import (
	"fmt"
	"slices"

	"github.com/fatih/color"

	"github.com/crieur/crieur/pipeline"
	"github.com/crieur/crieur/pipeline/i18n"
)

// TextStyle is how the text view of findings reads.
type TextStyle struct {
	Lang i18n.Lang
	// Color: the severities in colour (error red, warning yellow,
	// suggestion cyan), the rule id dim, the summary bold.
	Color bool
	// Quiet (crieur -q): the findings only, without the summary line.
	Quiet bool
}

// Colors are the values of lint's --color.
var Colors = []string{"auto", "always", "never"}

// StyleFor checks lint's --format and --color and says how its text view
// reads (its language is the engine's: set Lang). With --color auto, the
// report is in colour on a terminal only (terminal: the standard output
// is one and the report goes there), and never when NO_COLOR is set to
// anything (no-color.org), when TERM is dumb, or in GitHub Actions,
// unless FORCE_COLOR or CLICOLOR_FORCE asks for colour (set, and not 0).
// --color always and never say it outright, over NO_COLOR, as
// no-color.org wants of a flag.
func StyleFor(format, mode string, quiet, terminal bool, getenv func(string) string) (TextStyle, error) {
	if !slices.Contains(Formats, format) {
		return TextStyle{}, fmt.Errorf("--format %q: use text, json or sarif", format)
	}
	style := TextStyle{Quiet: quiet}
	forced := func(name string) bool { v := getenv(name); return v != "" && v != "0" }
	switch mode {
	case "always":
		style.Color = true
	case "never":
	case "auto", "":
		style.Color = getenv("NO_COLOR") == "" && (forced("FORCE_COLOR") || forced("CLICOLOR_FORCE") ||
			terminal && getenv("GITHUB_ACTIONS") != "true" && getenv("TERM") != "dumb")
	default:
		return TextStyle{}, fmt.Errorf("--color %q: use auto, always or never", mode)
	}
	return style, nil
}

// In is the style in language l.
func (s TextStyle) In(l i18n.Lang) TextStyle {
	s.Lang = l
	return s
}

// colour is an ANSI style, on whatever the standard output is: the
// decision is StyleFor's, not fatih/color's own look at os.Stdout.
func colour(attrs ...color.Attribute) *color.Color {
	c := color.New(attrs...)
	c.EnableColor()
	return c
}

var (
	severityColour = map[pipeline.Severity]*color.Color{
		pipeline.Error:      colour(color.FgRed, color.Bold),
		pipeline.Warning:    colour(color.FgYellow),
		pipeline.Suggestion: colour(color.FgCyan),
	}
	dim  = colour(color.Faint)
	bold = colour(color.Bold)
)

// paint writes text in colour c when the style is in colour.
func (s TextStyle) paint(c *color.Color, text string) string {
	if !s.Color || c == nil {
		return text
	}
	return c.Sprint(text)
}
