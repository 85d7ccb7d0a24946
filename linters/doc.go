// Package linters is the rule engine: the Rule interface, the one
// registry of rule kinds (registry.go), severity overrides from the
// charter, inline silencing, and the rules of the core (length per
// network, images, alt text, a post already past due). Spelling, tone,
// the charter and typography are rule kinds in sub-packages that plug in
// through the same registry.
//
// Rule of the room: imports pipeline and its loading and rendering
// packages; never net/http, go-git or go-github. Rule kinds are code;
// their instances (words, limits, messages) are data in charte.yml.
package linters
