// Package report is the monthly report a social media manager presents to
// a client: what went out in a month, where, when, how it performed, what
// the review caught and what failed. Build computes it from the journal's
// records (pipeline.Record), the engagement readings and the posts;
// Markdown (a GitHub job summary or an issue body), CSV (a spreadsheet)
// and HTML (one self-contained page, laid out for a phone first and
// printable on A4) are views of it, in French or English. Every rate
// says on how many publications it is computed (and warns below
// MinBase); the best time to post comes from the median engagement per
// weekday × hour slot, named only when two slots have BestSlotMin
// measured publications; what cannot be drawn is said in a sentence.
// The words of both languages are data in lang.go.
//
// Reporter is the use case of crieur report: it reads the journal, the
// month's readings and the posts, builds the report, then prints one view
// or writes the three files (report.md, report.html, report.csv) where
// content says reports go, and commits them with its message.
//
// Rule of the room: imports pipeline, pipeline/content, pipeline/render
// and pipeline/i18n (its words, messages/*.yaml, embedded), besides the
// standard library, and no other library; other rooms come in as
// interfaces and functions of its own. It touches
// neither the file system nor the clock of its own: Build and the views
// are given the records, readings, posts, time zone and month, and a
// writer; Reporter reads the journal and the posts through content, and
// is given the readings, the review, the atomic write and the commit as
// functions, so that it is tested without a disk or git.
// internal/archtest checks the imports.
package report
