// Package calendar is the editorial calendar: it expands posts into dated
// entries (pipeline.Entry, recurring posts included, each titled by
// render.Title) and writes them as text for a terminal, as iCalendar
// (RFC 5545) for calendar applications and as CSV for a spreadsheet; it
// reads a planning spreadsheet back as CSV and hands its rows to content
// (content.Draft), which makes the post files.
//
// Planner is the use case of crieur plan: the period (by default a week
// back and sixty days ahead), the posts left out because they cannot be
// read, the journal (content.Journal, ledger merged) from which each
// occurrence takes its own state and addresses (EntriesWith), and the
// formats written; an empty period names the nearest post
// (WriteNothing).
//
// Rule of the room: imports pipeline, pipeline/content and
// pipeline/render, and go-ical (github.com/emersion/go-ical) for
// iCalendar, besides the standard library; other rooms come in as
// interfaces and functions of its own. It reads and writes bytes, never
// the file system of its own or the clock: callers pass readers, writers,
// the time zone and now; Planner reads the posts through content and is
// given the atomic write, the linting and the web page as functions.
// internal/archtest checks the imports.
package calendar
