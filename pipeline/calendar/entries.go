package calendar

import (
	"sort"
	"time"

	"github.com/crieur/crieur/pipeline"
	"github.com/crieur/crieur/pipeline/render"
)

// Entry is one post on one day of the calendar: a plain post, or one
// occurrence of a recurring post.
type Entry struct {
	At        time.Time // the occurrence, in the post's time zone
	Post      *pipeline.Post
	Channels  []string
	Recurring bool            // one occurrence of a post with repeat:
	Status    pipeline.Status // of this occurrence, see Entries
	Title     string          // see render.Title
}

// Entries expands posts between from and to (both inclusive) into entries,
// sorted by time, then by path. Recurring posts give one entry per
// occurrence; drafts and posts without date give none.
//
// The status of an entry is the status of its occurrence:
//   - published when every channel has a publication for that occurrence
//     that went out;
//   - failed when a channel's publication for that occurrence has an error;
//   - retracted when the post is retracted;
//   - scheduled for an occurrence of a recurring post later than every one
//     recorded (the post's status then describes an earlier occurrence);
//   - the post's status otherwise (scheduled when it has none).
//
// A publication without occurrence counts as the occurrence of a plain
// post, as an older publisher may not have written it.
func Entries(posts []*pipeline.Post, from, to time.Time) []Entry {
	var out []Entry
	for _, p := range posts {
		if p == nil || p.Status == pipeline.StatusDraft {
			continue
		}
		occ := p.Occurrences(from, to)
		if len(occ) == 0 {
			continue
		}
		title := render.Title(p)
		for _, at := range occ {
			out = append(out, Entry{
				At:        at,
				Post:      p,
				Channels:  p.Channels,
				Recurring: p.Repeat != nil,
				Status:    occurrenceStatus(p, at),
				Title:     title,
			})
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		if !out[i].At.Equal(out[j].At) {
			return out[i].At.Before(out[j].At)
		}
		return out[i].Post.Path < out[j].Post.Path
	})
	return out
}

// occurrenceStatus is the status of one occurrence of a post; see Entries.
func occurrenceStatus(p *pipeline.Post, at time.Time) pipeline.Status {
	if p.Status == pipeline.StatusRetracted {
		return pipeline.StatusRetracted
	}
	recurring := p.Repeat != nil
	allDone, failed := len(p.Channels) > 0, false
	var latest time.Time
	for _, ch := range p.Channels {
		pub, ok := p.Publications[ch]
		if !ok {
			allDone = false
			continue
		}
		if pub.Occurrence.After(latest) {
			latest = pub.Occurrence
		}
		if !pub.Occurrence.Equal(at) && (recurring || !pub.Occurrence.IsZero()) {
			allDone = false
			continue
		}
		if !pub.Done() {
			allDone = false
			failed = failed || pub.Error != ""
		}
	}
	switch {
	case allDone:
		return pipeline.StatusPublished
	case failed:
		return pipeline.StatusFailed
	case recurring && at.After(latest):
		return pipeline.StatusScheduled
	case p.Status == "":
		return pipeline.StatusScheduled
	}
	return p.Status
}
