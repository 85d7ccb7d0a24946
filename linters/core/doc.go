// Package core holds the rule kinds every post needs whatever its charter:
// what would not be sent as lint read it (Body: an unclosed comment, an
// HTML block, a text that renders to nothing), length per network (each
// network's own counting), images per network (count, format, size), alt
// text, a post already past due, and a republication that names a post
// that does not exist.
//
// Rule of the room: a rule kind: imports pipeline, pipeline/content,
// pipeline/render and linters/rule, and pipeline/i18n for its messages
// (messages/*.yaml, one catalog per language), besides the standard
// library; never net/http, go-git or go-github. internal/archtest checks the imports.
package core
