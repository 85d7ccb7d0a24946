// Package pipeline holds crieur's domain: posts, channels, publications,
// the journal's records of them (Record, Action), lint findings and those
// the review caught before publication (Caught), and the small pure
// functions about them (when a post is due, what a recurring post expands
// to), and the one table of network facts (networks.go: limit, counting,
// threads, media limits) that render, publish, the linters, crieur.yml's
// validation, the channel registry and the JSON schemas read. The Ledger
// is what the runs recorded on the remote (claims and journal records):
// how a post's state is brought up to date with it (Attach, Overlay) and
// which claims no result followed (Open) are said here once; where it
// lives is content's layout and gitrepo's branch. Build describes the
// running binary.
//
// Rule of the room: imports the standard library only. Loading files
// lives in pipeline/content, talking to a network in
// pipeline/channels/<network>, git in pipeline/gitrepo, judging prose in
// linters. internal/archtest checks the imports.
package pipeline
