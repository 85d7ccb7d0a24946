// Package report is the monthly report a social media manager presents to
// a client: what went out in a month, where, when, how it performed, what
// the review caught and what failed. Build computes it from the journal,
// the engagement readings and the posts; Markdown (a GitHub job summary or
// an issue body), CSV (a spreadsheet) and HTML (one self-contained page,
// printable on A4) are views of it, in French or English.
//
// Rule of the room: this package imports pipeline, pipeline/journal,
// pipeline/calendar (month and weekday names), pipeline/render (a post's
// title) and the standard library. It touches neither the file system nor
// the clock: callers pass the records, readings, posts, time zone and
// month, and a writer. A test (imports_test.go) checks the imports.
package report
