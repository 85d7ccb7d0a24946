// Package github is crieur's side of GitHub: what the Actions runner
// tells a step (the event, the repository, the token), what a step tells
// the runner (annotations, the job summary, outputs, masks), and the
// pull-request conversation through the REST API (the sticky comment,
// suggested changes, changed files, who approved a commit's pull request).
//
// The workflows crieur init writes are in pipeline/github/workflows.
//
// What it writes in its own words (the note that replaces the comment,
// the head of the suggestions' review) is in messages/*.yaml, in the
// reader's language (LintReport.Language).
//
// Rule of the room: imports pipeline, pipeline/i18n, go-github
// (github.com/google/go-github/v60) and go-githubactions
// (github.com/sethvargo/go-githubactions), besides the standard library.
// No other room imports go-github or go-githubactions but cmd/crieur,
// which builds a Runner and a Client from the environment.
// internal/archtest checks the imports.
//
// Two halves, two types:
//
//   - Runner wraps go-githubactions over an injected getenv and writer. It
//     never panics where go-githubactions would (GITHUB_STEP_SUMMARY or
//     GITHUB_OUTPUT unset, a file that cannot be written): it does
//     nothing, or returns an error.
//   - Client wraps go-github. A 403 "Resource not accessible by
//     integration" (the read-only token of a pull request from a fork)
//     comes back as ErrReadOnly, so that the caller falls back to the
//     annotations and the job summary.
package github
