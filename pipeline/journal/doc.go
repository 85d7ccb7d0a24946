// Package journal is the history view of crieur history: the records of
// the journal (pipeline.Record, kept by pipeline/content) about the posts
// named (About), as the audit trail in text, one line a record
// (WriteText; WriteTextIn in the team's language, messages/*.yaml), or
// as a JSON array (WriteJSON).
//
// Rule of the room: imports pipeline, pipeline/content,
// pipeline/render and pipeline/i18n, besides the standard library; other rooms come in as
// interfaces and functions of its own. It reads no file: it is given the
// records. internal/archtest checks the imports.
package journal
