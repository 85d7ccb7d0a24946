// Package planpage writes the editorial calendar as one self-contained web
// page, for the people who never open a terminal: the workflow publishes
// it on GitHub Pages (crieur plan --html FILE).
//
// The page has a header (repository, period, when it was generated, a
// legend of the states, the counts), a month view (a Monday-first grid per
// month, which becomes a list on a phone), a week view (one section per
// ISO week) and the detail of every post of the period: per channel the
// text exactly as render.ForChannel renders it for the network, its length
// against the limit and what would be cut, the thread's parts, the first
// comment, the images with their alt text, the publication's link or its
// error, and the post's lint findings. Labels, month and weekday names are
// French or English.
//
// The page needs no script and fetches nothing: inline CSS only, a
// Content-Security-Policy that forbids everything else, images named by
// their path and alt text rather than embedded, <details> to unfold a
// post, plain anchors and CSS :target to switch views. Every text goes
// through html/template.
//
// Rule of the room: imports pipeline, pipeline/content,
// pipeline/render and pipeline/i18n (the page's texts, messages/*.yaml),
// besides the standard library; other rooms come in as
// interfaces and functions of its own. It does no I/O of its own and
// reads no clock: callers pass the writer, the entries (pipeline.Entry,
// as calendar.Entries expands the posts), the time zone and now.
// internal/archtest checks the imports.
package planpage
