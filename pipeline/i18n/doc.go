// Package i18n says what crieur says in the reader's language: French,
// English or Dutch. Lang is a language crieur speaks; Choose picks it from
// crieur.yml's language: or else from the environment (LC_ALL,
// LC_MESSAGES, LANG), English by default. A Catalog holds one room's
// messages, one file per language (messages/en.yaml, fr.yaml, nl.yaml,
// embedded beside the room's code), read with go-i18n: a message is a
// template with {placeholders}, and one whose words follow a count has
// plural forms (one, other). Problems is the test every room runs on its
// catalog: each message in all three languages, with the same
// placeholders, none empty. ReadFile reads a longer text kept as a file per
// language (the CLI's help), English when it has no translation;
// WriteFlags writes a flag set's flags as the flag package does, with
// their help in the reader's language, and FlagError reads the flag
// package's errors (Go's English) as a message id and its args, to say
// them in that language.
//
// Rule of the room: imports go-i18n (github.com/nicksnyder/go-i18n/v2),
// golang.org/x/text/language (its language tags) and gopkg.in/yaml.v3
// (the catalogs' format), besides the standard library; it knows no
// other room. Every room may import it. internal/archtest checks the
// imports.
package i18n
