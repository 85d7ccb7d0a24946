package calendar

import (
	"sort"
	"time"

	"github.com/crieur/crieur/pipeline"
	"github.com/crieur/crieur/pipeline/render"
)

// History is what the calendar knows of what became of each occurrence
// besides the posts' publications: the journal's records (with the
// ledger's, as content.Journal.Read merges them) and now, against which
// an occurrence is past. A zero History judges no occurrence missed and
// trusts a plain post's own status.
type History struct {
	Records []pipeline.Record
	Now     time.Time
}

// MissedAfter is how long after its time an occurrence with nothing
// recorded stays scheduled before the calendar calls it missed: the
// publisher runs every quarter of an hour, and GitHub may start a
// scheduled run an hour late.
const MissedAfter = 2 * time.Hour

// Entries expands posts between from and to (both inclusive) into
// entries, with no history (see EntriesWith).
func Entries(posts []*pipeline.Post, from, to time.Time) []pipeline.Entry {
	return EntriesWith(posts, History{}, from, to)
}

// EntriesWith expands posts between from and to (both inclusive) into
// entries, sorted by time, then by path. Recurring posts give one entry
// per occurrence; drafts and posts without date give none. Each entry's
// Title is render.Title's, which is why the expansion lives here rather
// than beside pipeline.Entry.
//
// The status of an entry is the status of its occurrence, from the
// journal's records of that occurrence (the latest per channel) and the
// post's publications:
//   - retracted when the post is retracted;
//   - published when every channel has a delivery of that occurrence
//     that went out;
//   - failed when a channel's last delivery of it failed;
//   - missed when its time is more than MissedAfter before h.Now and a
//     channel has no record of it (nothing went out there);
//   - for a plain post without any record, its own status (the only
//     occurrence it describes), scheduled when it has none;
//   - scheduled otherwise. A recurring post's own status describes one
//     occurrence, never the others.
//
// A publication or record without occurrence counts as the occurrence
// of a plain post, as an older publisher may not have written it.
func EntriesWith(posts []*pipeline.Post, h History, from, to time.Time) []pipeline.Entry {
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
		recs := recordsOf(p, h.Records)
		for _, at := range occ {
			out = append(out, pipeline.Entry{
				At:        at,
				Post:      p,
				Channels:  p.Channels,
				Recurring: p.Repeat != nil,
				Status:    occurrenceStatus(p, recs, h.Now, at),
				Title:     title,
				URLs:      occurrenceURLs(p, recs, at),
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

// recordsOf keeps the journal's records of deliveries of p: by its id
// when both have one, by its path otherwise. Claims and releases are not
// deliveries.
func recordsOf(p *pipeline.Post, all []pipeline.Record) []pipeline.Record {
	var out []pipeline.Record
	for _, r := range all {
		if r.Action == pipeline.ActionClaimed || r.Action == pipeline.ActionReleased {
			continue
		}
		mine := r.Post == p.Path
		if p.ID != "" && r.PostID != "" {
			mine = r.PostID == p.ID
		}
		if mine {
			out = append(out, r)
		}
	}
	return out
}

// occurrenceURLs are the addresses of the deliveries of one occurrence
// that went out, by channel, the latest record winning; nil when none.
func occurrenceURLs(p *pipeline.Post, recs []pipeline.Record, at time.Time) map[string]string {
	var out map[string]string
	latest := map[string]time.Time{}
	for _, r := range recs {
		if !r.WentOut() || r.URL == "" || !(r.Occurrence.Equal(at) || (p.Repeat == nil && r.Occurrence.IsZero())) {
			continue
		}
		if t, ok := latest[r.Channel]; ok && r.Time.Before(t) {
			continue
		}
		if out == nil {
			out = map[string]string{}
		}
		latest[r.Channel], out[r.Channel] = r.Time, r.URL
	}
	return out
}

// channelState is what became of one occurrence on one channel.
type channelState int

const (
	unknown channelState = iota
	wentOut
	failed
	retracted
)

// occurrenceStatus is the status of one occurrence of a post; see
// EntriesWith.
func occurrenceStatus(p *pipeline.Post, recs []pipeline.Record, now, at time.Time) pipeline.Status {
	if p.Status == pipeline.StatusRetracted {
		return pipeline.StatusRetracted
	}
	recurring := p.Repeat != nil
	ours := func(occ time.Time) bool { return occ.Equal(at) || (!recurring && occ.IsZero()) }
	allOut, anyFailed, anyKnown, allRetracted := len(p.Channels) > 0, false, false, len(p.Channels) > 0
	for _, ch := range p.Channels {
		st := unknown
		var last time.Time
		for _, r := range recs {
			if r.Channel != ch || !ours(r.Occurrence) || r.Time.Before(last) {
				continue
			}
			last = r.Time
			switch {
			case r.WentOut():
				st = wentOut
			case r.Action == pipeline.ActionFailed:
				st = failed
			case r.Action == pipeline.ActionRetracted:
				st = retracted
			}
		}
		if pub, ok := p.Publications[ch]; ok && ours(pub.Occurrence) {
			switch {
			case pub.Done() && st != retracted:
				st = wentOut
			case pub.Error != "" && st == unknown:
				st = failed
			}
		}
		anyKnown = anyKnown || st != unknown
		allOut = allOut && st == wentOut
		anyFailed = anyFailed || st == failed
		allRetracted = allRetracted && st == retracted
	}
	switch {
	case allRetracted:
		return pipeline.StatusRetracted
	case allOut:
		return pipeline.StatusPublished
	case anyFailed:
		return pipeline.StatusFailed
	case !recurring && !anyKnown && p.Status != "" && p.Status != pipeline.StatusScheduled:
		return p.Status // an older crieur wrote the status without a record
	case !now.IsZero() && now.Sub(at) > MissedAfter:
		return pipeline.StatusMissed
	case !recurring && !anyKnown && p.Status != "":
		return p.Status
	}
	return pipeline.StatusScheduled
}
