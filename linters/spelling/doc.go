// Package spelling is the spell checker of crieur: the rule kind
// Spelling checks every word a post sends out (body, thread parts,
// variants, first comment, image descriptions) with the Hunspell
// dictionary of the post's lang, through one of two engines: a small cgo
// wrapper around libhunspell (hunspell.go, build tag hunspell: Hunspell's
// own answers; the Linux release binary links it statically), or, by
// default, gospell, a pure-Go reader of Hunspell dictionaries
// (hunspell_gospell.go), so that go install works on a machine without
// libhunspell-dev. The pure-Go engine misses about 0.2 % of Hunspell's
// findings on French prose, suggests differently, and cannot read the
// Dutch dictionary (docs/release.md). It knows French: elisions (l’, qu’,
// jusqu’…, with ’ or '), hyphenated compounds, ordinals, times, Roman
// numerals; it skips numbers, amounts, emojis, URLs, e-mail addresses,
// @mentions and code, and splits hashtags when the charter says so. The
// brand's vocabulary and the charter's spelling.accept are added to the
// dictionary; spelling.reject is always flagged.
//
// Dictionaries are found in the folders of CRIEUR_DICTIONARIES, then in
// the dictionaries folder beside the executable (a release archive's),
// then in the system folders of spelling.yml; one that is missing or
// unreadable is one spelling.dictionary error per run and language,
// naming the package to install. Loaded dictionaries are kept for the
// process, one per dictionary and vocabulary.
//
// Languages, packages, elisions, what is skipped and limits are data:
// spelling.yml; what the rule says is in catalogs in English, French and
// Dutch (messages/*.yaml). Both are embedded.
//
// Rule of the room: a rule kind: imports pipeline, pipeline/content,
// pipeline/render and linters/rule, pipeline/i18n for its messages, and
// gopkg.in/yaml.v3 to read its data and, through cgo, libhunspell or else
// github.com/client9/gospell, besides the standard library; never
// net/http, go-git or go-github. internal/archtest checks the imports.
package spelling
