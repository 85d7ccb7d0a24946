// Package tone holds the rule kind that judges how a post speaks:
// swearing and insults (tone.profanity, an error for an insult aimed at
// people, a warning for a vulgar word), shouting in capitals
// (tone.shouting), runs of !!! and ??? (tone.punctuation, with a fix),
// tu or vous against the charter's tone.address (tone.address: the
// pronouns and possessives, and in French the imperative of tu at the
// start of a sentence, « Viens », « Pense à réserver »; in Dutch je, jij,
// jouw against u and uw, vous standing for u), wording
// that snaps at the audience (tone.aggressive) and the charter's own
// tone.words (tone.words).
//
// The rule kind is code; its instances are data: the word lists of each
// language in data/<lang>.yml (fr, en, nl), limits in data/rules.yml,
// all embedded, and the switches of charte.yml's tone: section. What the
// findings say is in messages/{en,fr,nl}.yaml, in the reader's language
// (rule.Context.Language), whatever the post's. Words are compared whole, case-insensitively, with French
// elisions (l’, d’, qu’ with ’ or ') and the forms the data lists.
//
// Rule of the room: a rule kind: imports pipeline, pipeline/content,
// pipeline/render and linters/rule, gopkg.in/yaml.v3 to read its data
// and pipeline/i18n for its messages, besides the standard library; never net/http, go-git or
// go-github. internal/archtest checks the imports.
package tone
