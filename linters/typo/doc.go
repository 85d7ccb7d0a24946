// Package typo holds the French typography rule kind: in the posts written
// in French (lang fr, fr-BE, fr-CA…) of a brand whose charter says
// typography.french: true, the spaces before : ; ! ? and inside « »
// (typo.fr.nbsp), the typographic apostrophe (typo.fr.apostrophe), the
// ellipsis character (typo.fr.ellipsis) and no space before a period or
// a comma (typo.fr.space_before). Every finding carries its fix, which
// `crieur fix` applies.
//
// Its lists (emoticons, guillemets, apostrophes) are data: typo.yml; its
// words (messages, hints, descriptions) are catalogs in English, French
// and Dutch: messages/*.yaml. Both are embedded.
//
// Rule of the room: a rule kind: imports pipeline, pipeline/content,
// pipeline/render and linters/rule, pipeline/i18n for its messages
// (messages/*.yaml, one catalog per language), and gopkg.in/yaml.v3 to
// read its data, besides the standard library; never net/http, go-git or
// go-github. internal/archtest checks the imports.
package typo
