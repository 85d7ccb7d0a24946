// Package calendar is the editorial calendar: it expands posts into dated
// entries (pipeline.Entry, recurring posts included, each titled by
// render.Title) and writes them as text for a terminal (in the reader's
// language: render.DayIn, render.StatusIn; WriteTextIn), as iCalendar
// (RFC 5545) for calendar applications and as CSV for a spreadsheet.
//
// Importer is the use case of crieur import: a planning spreadsheet, or
// plan --csv's file edited in a spreadsheet, read back as CSV (ReadCSV:
// French and Dutch headers, day-first dates when unambiguous, errors in
// a spreadsheet's rows and columns). A new row goes to content
// (content.Draft), which makes the post file; a row naming a post updates
// what the spreadsheet changed through content.UpdatePost, the
// publisher's minimal-diff writer; a post that went out (its front
// matter or the journal say so) is not edited. Every row is checked
// before any file is written; a dry run prints each file's diff with the
// function it is given. What import says (the refused cells and their
// hints, the files it writes, the summary) is in the reader's language
// (Repo.Language), from messages/*.yaml.
//
// Planner is the use case of crieur plan: the period (by default a week
// back and sixty days ahead), the posts left out because they cannot be
// read, the journal (content.Journal, ledger merged) from which each
// occurrence takes its own state and addresses (EntriesWith), and the
// formats written; an empty period names the nearest post
// (WriteNothing).
//
// Rule of the room: imports pipeline, pipeline/content,
// pipeline/render and pipeline/i18n, and go-ical
// (github.com/emersion/go-ical) for iCalendar, besides the standard library; other rooms come in as
// interfaces and functions of its own. It reads and writes bytes, never
// the file system of its own or the clock: callers pass readers, writers,
// the time zone and now; Planner reads the posts through content and is
// given the atomic write, the linting and the web page as functions.
// internal/archtest checks the imports.
package calendar
