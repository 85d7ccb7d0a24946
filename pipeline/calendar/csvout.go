package calendar

import (
	"github.com/crieur/crieur/pipeline"

	"encoding/csv"
	"fmt"
	"io"
	"strings"
	"time"
)

// csvHeader is the header WriteCSV writes. ReadCSV reads every column of
// it back.
var csvHeader = []string{"publish_at", "channels", "lang", "campaign", "status", "title", "path", "text"}

// WriteCSV exports the calendar for a spreadsheet, one row per entry,
// comma-separated (or separated by comma when it is not 0: ';' is what a
// spreadsheet in French, and in most European locales, splits on when it
// opens the file), records ending with CRLF (RFC 4180; a line break
// inside a quoted cell is written CRLF too, which ReadCSV reads back as
// LF), in UTF-8 after a byte-order mark (without it Excel reads the
// accents as Windows-1252), with the header
//
//	publish_at,channels,lang,campaign,status,title,path,text
//
// publish_at is local time in loc, "2026-12-01 09:30" (RFC 3339 with its
// offset for the hour the clocks go back, where local time is
// ambiguous); channels are separated by a space, which no spreadsheet
// takes for a cell separator; title is the post's own title (empty when
// the first line stands for it); text is the Markdown of the body, thread
// parts separated by a "---" line. A cell that a spreadsheet would run as
// a formula (starting with =, +, -, @) is written after a ' that ReadCSV
// takes off again.
func WriteCSV(w io.Writer, entries []pipeline.Entry, loc *time.Location, comma rune) error {
	if _, err := io.WriteString(w, "\uFEFF"); err != nil {
		return fmt.Errorf("calendar: write CSV: %w", err)
	}
	cw := csv.NewWriter(w)
	cw.UseCRLF = true // RFC 4180: records end with CRLF (a line break inside a cell too)
	if comma != 0 {
		cw.Comma = comma
	}
	if err := cw.Write(csvHeader); err != nil {
		return fmt.Errorf("calendar: write CSV: %w", err)
	}
	for _, e := range entries {
		at := e.At
		if loc != nil {
			at = at.In(loc)
		}
		p := e.Post
		err := cw.Write([]string{
			pipeline.FormatTime(at, at.Location()),
			strings.Join(e.Channels, " "),
			p.Lang,
			defuse(oneLine(p.Campaign)),
			string(e.Status),
			defuse(oneLine(p.Title)),
			p.Path,
			defuse(bodyText(p)),
		})
		if err != nil {
			return fmt.Errorf("calendar: write CSV: %w", err)
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("calendar: write CSV: %w", err)
	}
	return nil
}

// defuse keeps a spreadsheet from running a cell as a formula (CSV
// injection, and "@botanique …" shown as #NAME?): such a cell is written
// after a '. undefuse takes it off.
func defuse(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t", rune(s[0])) {
		return "'" + s
	}
	return s
}

func undefuse(s string) string {
	if len(s) >= 2 && s[0] == '\'' && strings.ContainsRune("=+-@\t", rune(s[1])) {
		return s[1:]
	}
	return s
}

// LocaleComma is the field separator a spreadsheet splits a CSV file on
// when it opens it in the locale of the environment, which getenv reads
// (LC_ALL, then LC_NUMERIC, then LANG: POSIX's order): a semicolon where
// numbers are written with a decimal comma (fr_BE, nl_BE, de_DE…, where
// Excel's list separator is ';'), a comma elsewhere and when no locale
// is set (C, POSIX, a CI runner).
func LocaleComma(getenv func(string) string) rune {
	locale := ""
	for _, name := range []string{"LC_ALL", "LC_NUMERIC", "LANG"} {
		if locale = getenv(name); locale != "" {
			break
		}
	}
	lang, _, _ := strings.Cut(strings.ToLower(locale), "_")
	lang, _, _ = strings.Cut(lang, ".")
	if decimalComma[lang] {
		return ';'
	}
	return ','
}

// decimalComma are the languages whose locales write 1,5 for one and a
// half, by their usual region.
var decimalComma = map[string]bool{
	"fr": true, "nl": true, "de": true, "es": true, "it": true, "pt": true, "da": true, "sv": true, "nb": true,
	"nn": true, "no": true, "fi": true, "pl": true, "cs": true, "sk": true, "sl": true, "hr": true, "hu": true,
	"ro": true, "bg": true, "ru": true, "uk": true, "tr": true, "el": true, "lt": true, "lv": true, "et": true,
	"ca": true, "eu": true, "gl": true, "lb": true, "id": true, "vi": true,
}
