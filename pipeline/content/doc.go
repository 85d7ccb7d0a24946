// Package content loads a content repository: crieur.yml, the charters,
// the vocabularies and the posts (the front matter ends at YAML's own
// document marker, --- or ... at column 1, never at a --- inside a block
// scalar; it is read as yaml.v3 nodes; the body is split into thread
// parts), keeping every value's line and column in the file; it writes the
// publisher's state back into a post's front matter with a minimal diff
// (WithState), and with the same edits what crieur import changes in a
// post that exists (Update, UpdatePost: the result read back before it
// may be written); and it creates post files: a Draft (crieur new starts one with NewDraft,
// crieur import makes one per row of a planning spreadsheet) becomes the
// path and bytes of a NewPost, checked by CheckNew and written by
// CreatePost. Where the repository keeps things is said once, in
// layout.go. It keeps the journal, the audit trail (Journal):
// pipeline.Records appended to journal/YYYY-MM.jsonl, one JSON object a
// line, synced to disk, never rewritten, and read back in order.
//
// Rule of the room: imports pipeline, gopkg.in/yaml.v3 to read front
// matter with its positions and write it, golang.org/x/sys/unix for
// syncfs(2) (Deferred.Sync), github.com/teambition/rrule-go to expand
// repeat: calendar rules (RFC 5545 RRULE) into pipeline.Repeat.Times, and
// pipeline/i18n (the languages crieur.yml's language: may name, and what
// the loader says about a post, messages/{en,fr,nl}.yaml, in
// Repo.Language), besides
// the standard library; never a network, git or
// GitHub, nor render: the caller of Draft.NewPost passes render.FirstLine.
// internal/archtest checks the imports.
//
// Problems with a post are returned as pipeline.Findings (rule ids
// schema.*), so that lint reports them like any other finding and the
// publisher refuses that post, reports it and goes on with the others.
package content
