// Package charte holds the rule kind that checks a post against its
// brand's charter (charte.yml): forbidden terms and substitutions,
// hashtags (maximum, per channel, required), emojis, UTM parameters on
// links, the legal mentions of paid, retouched and AI-made images (French
// law of 9 June 2023), the inclusive writing policy, and the charter's
// own rules (existence, substitution, occurrence, capitalization).
//
// Rule kinds are code here; their instances are the charter's data, and
// this package's defaults and French word lists are data too
// (defaults.yml); what it says is in catalogs in English, French and
// Dutch (messages/*.yaml), except a custom rule's own message, shown as
// the charter writes it. Both are embedded.
//
// Rule of the room: a rule kind: imports pipeline, pipeline/content,
// pipeline/render and linters/rule, pipeline/i18n for its messages
// (messages/*.yaml, one catalog per language), and gopkg.in/yaml.v3 to
// read its data, besides the standard library; never net/http, go-git or
// go-github. internal/archtest checks the imports.
package charte
