// Package render turns one Markdown part of a post into the text a network
// accepts, and counts its length the way each network does.
//
// Plain renders Markdown to the plain text social networks take. Limit,
// Count, Cut and Unit know each network's length rule, as the networks
// reference of the project gathers them: Mastodon counts characters with a
// URL at 23 and a mention without its domain (StatusLengthValidator),
// Bluesky counts grapheme clusters (maxGraphemes), X weighs code points as
// twitter-text v3 does, Threads counts an emoji as its UTF-8 bytes, the
// others count characters. Title names a post (the calendar, its page and
// the report call it so) from its first line as Plain renders it. URLs,
// IsEmoji and Emojis are the building blocks, exported because linters
// reuse them.
//
// Rule of the room: render imports pipeline, goldmark and uniseg only,
// besides the standard library. It does no I/O and knows no adapter:
// linters measure a post with it, adapters get the text they send from it.
// imports_test.go checks the rule.
package render
