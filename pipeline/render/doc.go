// Package render turns one Markdown part of a post into the text a network
// accepts, and counts its length the way each network does.
//
// Plain renders Markdown to the plain text social networks take, and
// FindUnsent lists, from the same parse, what Plain does not send as
// written (an unclosed comment, an HTML block), for lint to refuse it.
// ForChannel renders a post for a channel (split as a thread where the
// network has threads, joined where it has none) and Message is what a
// delivery sends. Count and Cut hold the counting algorithms that
// pipeline's table of networks names (its limits and units are there):
// Mastodon counts grapheme clusters with a URL (with a scheme, as the
// twitter-text gem finds it) at 23 and a mention without its domain
// (StatusLengthValidator; mastodon.go), Bluesky counts grapheme clusters
// (maxGraphemes), X counts as twitter-text 3.1.0's parseTweet does (the
// NFC form, URLs with or without a scheme under a known top-level domain
// as 23, emojis as twemoji-parser finds them as 2, weights by code point
// otherwise; x.go, with tables generated from the npm packages), Threads
// counts an emoji as its UTF-8 bytes, Telegram counts UTF-16 code units,
// the others count characters. Title
// names a post (the calendar, its page and the report call it so) from its
// first line as Plain renders it. Names are the month and weekday names
// (French or English, Monday first) with which the report and the calendar
// page write a date. URLs, IsEmoji and Emojis are the building blocks,
// exported because linters reuse them. WritePreview is crieur preview's
// text view, in the reader's language (WritePreviewIn, messages/*.yaml);
// StatusIn and DayIn say a status and a day as the calendar's view does.
//
// Rule of the room: imports pipeline, pipeline/i18n (its catalog), and goldmark
// (github.com/yuin/goldmark), uniseg (github.com/rivo/uniseg) and
// golang.org/x/text/unicode/norm (NFC, for X), besides the standard
// library. It does no I/O and knows no adapter: linters
// measure a post with it, publish renders with it the text the adapters
// send. internal/archtest checks the imports.
package render
