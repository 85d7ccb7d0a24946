// Package publish sends what is due, exactly once: it selects the due
// deliveries, refuses posts with error-level findings, records its intent
// before each network call, calls the channel, writes the state back into
// the post and a pipeline.Record into the journal (content.Journal), and
// hands the changed files to a commit function. A run killed between a
// network call and the commit is recovered by the next run from the
// intent log, asking the channel whether the delivery went out
// (pipeline.Finder) instead of sending it again. A run cancelled
// (SIGINT, SIGTERM) starts no new delivery, lets a call under way finish
// for a grace period, records what went out and commits it; what it did
// not make is not a failure, only still due (Result.Interrupted).
//
// It speaks the team's language (Publisher.Language; messages/*.yaml):
// the lines of a run, its counts, the job summary, the freeze line.
// Commit messages and journal records stay in English.
//
// Rule of the room: imports pipeline, pipeline/content,
// pipeline/render and pipeline/i18n, besides the standard library; other rooms come in as
// interfaces and functions of its own (Lint, Commit, Provenance; the
// channels through pipeline.Channel), which cmd/crieur connects.
// internal/archtest checks the imports.
package publish
