package pipeline

import (
	"fmt"
	"strings"
)

// Severity says what a finding does: an error blocks the merge and the
// publication, a warning is shown, a suggestion is a hint.
type Severity int

const (
	Suggestion Severity = iota + 1
	Warning
	Error
)

func (s Severity) String() string {
	switch s {
	case Error:
		return "error"
	case Warning:
		return "warning"
	case Suggestion:
		return "suggestion"
	}
	return "off"
}

// ParseSeverity reads "error", "warning", "suggestion" or "off" (0).
func ParseSeverity(s string) (Severity, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "error":
		return Error, nil
	case "warning", "warn":
		return Warning, nil
	case "suggestion", "info", "hint":
		return Suggestion, nil
	case "off", "none", "ignore":
		return 0, nil
	}
	return 0, fmt.Errorf("unknown severity %q (use error, warning, suggestion or off)", s)
}

// MarshalText writes the severity as its name, for JSON output.
func (s Severity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// Fix is a replacement of bytes [Start, End) of the file with Text.
type Fix struct {
	Start int    `json:"start"`
	End   int    `json:"end"`
	Text  string `json:"text"`
}

// Finding is one thing a rule has to say about a file, at a position. Every
// output (text, JSON, SARIF, annotations, pull-request comments) is a view
// of it.
type Finding struct {
	Path     string   `json:"path"` // relative to the repository root, slash-separated
	Line     int      `json:"line"`
	Col      int      `json:"column"`
	EndLine  int      `json:"end_line,omitempty"`
	EndCol   int      `json:"end_column,omitempty"`
	Rule     string   `json:"rule"`
	Severity Severity `json:"severity"`
	Message  string   `json:"message"`
	Hint     string   `json:"hint,omitempty"`
	Fix      *Fix     `json:"fix,omitempty"`
}

func (f Finding) String() string {
	s := fmt.Sprintf("%s:%d:%d: %s %s: %s", f.Path, f.Line, f.Col, f.Severity, f.Rule, f.Message)
	if f.Hint != "" {
		s += " (" + f.Hint + ")"
	}
	return s
}

// Error makes a finding usable as an error (a file that cannot be loaded).
func (f Finding) Error() string { return f.String() }

// Prefixed returns the findings with prefix put before their paths: the
// content root's path from the git root ("site/"), for the outputs that
// name files from the repository's root (SARIF, annotations, suggestions).
func Prefixed(fs []Finding, prefix string) []Finding {
	if prefix == "" {
		return fs
	}
	out := make([]Finding, len(fs))
	for i, f := range fs {
		f.Path = prefix + f.Path
		out[i] = f
	}
	return out
}

// HasErrors reports whether any finding is at error level.
func HasErrors(fs []Finding) bool {
	for _, f := range fs {
		if f.Severity >= Error {
			return true
		}
	}
	return false
}
