// Package typo holds the French typography rule kind: in the posts written
// in French (lang fr, fr-BE, fr-CA…) of a brand whose charter says
// typography.french: true, the spaces before : ; ! ? and inside « »
// (typo.fr.nbsp), the typographic apostrophe (typo.fr.apostrophe), the
// ellipsis character (typo.fr.ellipsis) and no space before a period or
// a comma (typo.fr.space_before). Every finding carries its fix, which
// `crieur fix` applies.
//
// Its words (messages, hints, emoticons, guillemets, apostrophes) are
// data: typo.yml, embedded.
//
// Rule of the room: a rule kind: imports pipeline, pipeline/content,
// pipeline/render and linters/rule, and gopkg.in/yaml.v3 to read its
// data, besides the standard library; never net/http, go-git or
// go-github. internal/archtest checks the imports.
package typo
