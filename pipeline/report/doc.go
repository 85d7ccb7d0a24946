// Package report is the monthly report a social media manager presents to
// a client: what went out in a month, where, when, how it performed, what
// the review caught and what failed. Build computes it from the journal,
// the engagement readings and the posts; Markdown (a GitHub job summary or
// an issue body), CSV (a spreadsheet) and HTML (one self-contained page,
// printable on A4) are views of it, in French or English.
//
// Rule of the room: imports pipeline, pipeline/content and
// pipeline/render, besides the standard library, and no other library;
// other rooms come in as interfaces and functions of its own. It touches
// neither the file system nor the clock: callers pass the records,
// readings, posts, time zone and month, and a writer. internal/archtest
// checks the imports.
package report
