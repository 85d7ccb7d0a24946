package pipeline

import "time"

// Entry is one post on one day of the editorial calendar: a plain post,
// or one occurrence of a recurring post. calendar.Entries expands posts
// into entries; the calendar's views (text, iCalendar, CSV, its web page)
// are given them.
//
// (An occurrence, in Publication and Delivery, is only the time; an entry
// is that time with the post it belongs to and what became of it.)
type Entry struct {
	At        time.Time // the occurrence, in the post's time zone
	Post      *Post
	Channels  []string
	Recurring bool   // one occurrence of a post with repeat:
	Status    Status // of this occurrence, see calendar.Entries
	Title     string // see render.Title
	// URLs are where this occurrence went out, by channel, as the
	// journal recorded them (calendar.EntriesWith); the post's
	// publications describe only its last occurrence.
	URLs map[string]string
}
