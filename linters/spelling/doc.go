// Package spelling is the spell checker of crieur: the rule kind
// Spelling checks every word a post sends out (body, thread parts,
// variants, first comment, image descriptions) with the Hunspell
// dictionary of the post's lang, through a small cgo wrapper around
// libhunspell (hunspell.go). It knows French: elisions (l’, qu’,
// jusqu’…, with ’ or '), hyphenated compounds, ordinals, times, Roman
// numerals; it skips numbers, amounts, emojis, URLs, e-mail addresses,
// @mentions and code, and splits hashtags when the charter says so. The
// brand's vocabulary and the charter's spelling.accept are added to the
// dictionary; spelling.reject is always flagged.
//
// Dictionaries are found in the folders of CRIEUR_DICTIONARIES, then in
// the system folders of spelling.yml; one that is missing is one
// spelling.dictionary error per run and language, naming the package to
// install. Loaded dictionaries are kept for the process, one per
// dictionary and vocabulary. Built without cgo, or with the build tag
// nohunspell (a machine without libhunspell-dev), every language reports
// spelling.dictionary instead.
//
// Languages, packages, elisions, what is skipped, limits and messages are
// data: spelling.yml, embedded.
//
// Rule of the room: a rule kind: imports pipeline, pipeline/content,
// pipeline/render and linters/rule, and gopkg.in/yaml.v3 to read its
// data and, through cgo, libhunspell, besides the standard library; never
// net/http, go-git or go-github. internal/archtest checks the imports.
package spelling
