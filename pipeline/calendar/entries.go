package calendar

import (
	"sort"
	"time"

	"github.com/crieur/crieur/pipeline"
	"github.com/crieur/crieur/pipeline/render"
)

// Entries expands posts between from and to (both inclusive) into entries,
// sorted by time, then by path. Recurring posts give one entry per
// occurrence; drafts and posts without date give none. Each entry's Title
// is render.Title's, which is why the expansion lives here rather than
// beside pipeline.Entry.
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
func Entries(posts []*pipeline.Post, from, to time.Time) []pipeline.Entry {
	var out []pipeline.Entry
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
			out = append(out, pipeline.Entry{
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
