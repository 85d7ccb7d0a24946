// Package calendar is the editorial calendar: it expands posts into dated
// entries (recurring posts included) and writes them as text for a
// terminal, as iCalendar (RFC 5545) for calendar applications and as CSV
// for a spreadsheet; it reads a planning spreadsheet back as CSV and turns
// its rows into post files.
//
// Rule of the room: this package imports pipeline, pipeline/content (the
// repository's layout), pipeline/render (a post's title), plus
// github.com/emersion/go-ical and gopkg.in/yaml.v3 and the standard
// library. It reads and writes bytes, never the file system or the clock:
// callers pass readers, writers, the time zone and now. A test
// (imports_test.go) checks the imports.
package calendar
