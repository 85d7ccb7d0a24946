// Package output renders lint findings for people and machines: a text
// report for the terminal, a JSON document for scripts and a SARIF 2.1.0
// log for GitHub code scanning. Each is a view of []pipeline.Finding in
// reading order (path, line, column, rule); none of them filters or judges
// findings. SARIF only adapts what GitHub would reject: a missing line or
// column becomes 1, a finding without rule id gets "crieur.unknown".
//
// Rule of the room: imports pipeline, pipeline/content and
// pipeline/render, and go-sarif (github.com/owenrumney/go-sarif/v2) for
// SARIF, pipeline/i18n (the text view's words, messages/*.yaml), and
// fatih/color (the text view's colours, which StyleFor decides: it pulls
// no net/http), besides the standard library; never net/http, go-git or go-github.
// Annotations and pull-request comments, which need go-githubactions and
// go-github, live in pipeline/github.
// internal/archtest checks the imports.
package output
