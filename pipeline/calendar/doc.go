// Package calendar is the editorial calendar: it expands posts into dated
// entries (recurring posts included) and writes them as text for a
// terminal, as iCalendar (RFC 5545) for calendar applications and as CSV
// for a spreadsheet; it reads a planning spreadsheet back as CSV and turns
// its rows into post files.
//
// Rule of the room: imports pipeline, pipeline/content and
// pipeline/render, and go-ical (github.com/emersion/go-ical) for
// iCalendar, besides the standard library; other rooms come in as
// interfaces and functions of its own. It reads and writes bytes, never
// the file system or the clock: callers pass readers, writers, the time
// zone and now. internal/archtest checks the imports.
package calendar
