// Package linters is the rule engine: the one typed registry of rule
// kinds (registry.go: the kinds that judge one post at a time, then those
// that judge the whole calendar), severity overrides from the charter and
// inline silencing. The kinds live in sub-packages: core (length per
// network, images, alt text, a post already past due), spelling, grammar,
// tone, charte, typo and schedule; linters/rule holds the Rule interfaces
// they share. Rule kinds are code; their instances (words, limits) are
// data in charte.yml and in each kind's data files, what they say in each
// kind's messages/{en,fr,nl}.yaml. The engine's own words (the schema
// ids' descriptions) are in messages/ here.
//
// Rule of the room: imports pipeline, pipeline/content and
// pipeline/render, and its own sub-packages (linters/rule and the rule
// kinds), and pipeline/i18n (the reader's language, which Engine.Language
// gives a Context that names none), besides the standard library; never
// net/http, go-git or go-github, even through another package.
// internal/archtest checks the imports.
package linters
