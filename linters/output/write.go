package output

import (
	"fmt"
	"io"

	"github.com/crieur/crieur/pipeline"
)

// Formats are the formats Write knows.
var Formats = []string{"text", "json", "sarif"}

// Write writes lint's findings in a format: text for people, JSON for
// scripts, SARIF for code scanning (its paths from the git root: prefix
// is the content root's path from it; version is crieur's); text in the
// reader's language and style.
func Write(w io.Writer, format string, findings []pipeline.Finding, checked int, infos func() []RuleInfo, prefix, version string, style TextStyle) error {
	switch format {
	case "json":
		return JSON(w, findings, checked)
	case "sarif":
		return SARIF(w, pipeline.Prefixed(findings, prefix), infos(), version)
	case "text":
		return TextStyled(w, findings, checked, style)
	}
	return fmt.Errorf("--format %q: use text, json or sarif", format)
}
