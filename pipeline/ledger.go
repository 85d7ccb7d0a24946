package pipeline

import (
	"crypto/sha256"
	"encoding/hex"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Ledger is what the runs recorded where every later run finds it, on
// any machine: the journal's records (what went out, failed, was
// recovered or taken down) and the claims (what a run was about to send).
// It lives in the remote repository (a branch only crieur writes, see
// DESIGN.md), so that a runner that keeps nothing, or a main branch that
// refuses crieur's pushes, loses nothing. The posts' state in their front
// matter, where main accepts it, is a copy a human can read; where they
// differ, Overlay tells which is newer.
type Ledger struct {
	Journal []Record // in the order they were written
	Claims  []Record // claimed and released, in order
}

// Empty reports whether the ledger holds nothing.
func (l *Ledger) Empty() bool { return l == nil || len(l.Journal)+len(l.Claims) == 0 }

// Open lists the claims that no result and no release followed: a run
// was killed, or is still running, between claiming a delivery and
// recording what happened.
func (l *Ledger) Open() []Record {
	if l == nil {
		return nil
	}
	closed := map[string]bool{}
	for _, r := range l.Journal {
		if r.Claim != "" {
			closed[r.Claim] = true
		}
	}
	for _, r := range l.Claims {
		if r.Action == ActionReleased {
			closed[r.Claim] = true
		}
	}
	var out []Record
	for _, r := range l.Claims {
		if r.Action == ActionClaimed && !closed[r.Claim] {
			closed[r.Claim] = true // once, even if written twice
			out = append(out, r)
		}
	}
	return out
}

// BodyHash identifies a post's text (every part of its body), whatever
// its path, front matter or state: a post moved or renamed keeps it.
func (p *Post) BodyHash() string {
	h := sha256.New()
	for _, part := range p.Body.Parts {
		h.Write([]byte(strings.TrimSpace(part.Source)))
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil))[:24]
}

// Identity is what a post's deliveries are keyed by: its id: when it has
// one, else the path its first record was made under (Origin, a post
// moved since), else its path.
func (p *Post) Identity() string {
	switch {
	case p.ID != "":
		return "id:" + p.ID
	case p.Origin != "":
		return p.Origin
	}
	return p.Path
}

// Attach finds the records of each post: by its id when it has one, by
// its path, and for records about a path where no post is any more (a
// post moved or renamed since) by the text of the post (BodyHash) when
// exactly one post has it. It returns the
// records by post path and, for a moved post, the path its records
// were made under.
func (l *Ledger) Attach(posts []*Post) (recs map[string][]Record, origin map[string]string) {
	recs, origin = map[string][]Record{}, map[string]string{}
	if l.Empty() {
		return recs, origin
	}
	byPath, byID := map[string]*Post{}, map[string]*Post{}
	for _, p := range posts {
		byPath[p.Path] = p
		if p.ID != "" {
			byID[p.ID] = p
		}
	}
	var orphans []Record
	var byBody map[string][]*Post // the posts by their text, hashed only when a record or claim lost its post
	withBody := func(hash string) []*Post {
		if byBody == nil {
			byBody = map[string][]*Post{}
			for _, p := range posts {
				byBody[p.BodyHash()] = append(byBody[p.BodyHash()], p)
			}
		}
		return byBody[hash]
	}
	for _, r := range l.Journal {
		switch p := byID[r.PostID]; {
		case r.PostID != "" && p != nil:
			recs[p.Path] = append(recs[p.Path], r)
		case byPath[r.Post] != nil:
			recs[r.Post] = append(recs[r.Post], r)
		default:
			orphans = append(orphans, r)
		}
	}
	for _, r := range orphans {
		if r.Body == "" || len(withBody(r.Body)) != 1 {
			continue
		}
		p := withBody(r.Body)[0]
		recs[p.Path] = append(recs[p.Path], r)
		if origin[p.Path] == "" && p.ID == "" {
			origin[p.Path] = r.Post
		}
	}
	// A claim no result followed, about a post moved since: the moved
	// post keeps the key it was claimed under, so that the claim still
	// holds it (a live run may be sending it) and recovery finds it.
	for _, c := range l.Open() {
		if byPath[c.Post] != nil || (c.PostID != "" && byID[c.PostID] != nil) || c.Body == "" {
			continue
		}
		if ps := withBody(c.Body); len(ps) == 1 && ps[0].ID == "" && origin[ps[0].Path] == "" && len(recs[ps[0].Path]) == 0 {
			origin[ps[0].Path] = c.Post
		}
	}
	return recs, origin
}

// Overlay brings a post's state up to date with its records (in the
// order they were written): each channel's publication becomes the newer
// of the one in the front matter and the one the records say, and the
// status follows. It reports whether anything changed.
func (p *Post) Overlay(recs []Record) bool {
	changed := false
	for _, r := range recs {
		old, ok := p.Publications[r.Channel]
		pub := old.apply(r)
		if ok && pub.equal(old) {
			continue
		}
		if !ok && r.Action != ActionPublished && r.Action != ActionRecovered && r.Action != ActionFailed {
			continue
		}
		if !changed {
			p.Publications = clonePublications(p.Publications)
			changed = true
		}
		p.Publications[r.Channel] = pub
	}
	if changed {
		p.Status = p.StateStatus()
	}
	return changed
}

// apply is the publication after record r, when r is newer than pub.
func (pub Publication) apply(r Record) Publication {
	if !pub.Occurrence.IsZero() && r.Occurrence.Before(pub.Occurrence) {
		return pub // about an earlier occurrence of a recurring post
	}
	same := pub.Occurrence.IsZero() || r.Occurrence.Equal(pub.Occurrence)
	switch r.Action {
	case ActionPublished, ActionRecovered:
		if same && pub.Done() && !pub.Retracted.IsZero() {
			return pub // taken down since
		}
		return Publication{ID: r.RemoteID, URL: r.URL, At: r.Time, Occurrence: r.Occurrence, Attempts: max(r.Attempt, attemptsIf(same, pub)), Parts: r.Parts}
	case ActionFailed:
		if r.RemoteID != "" { // a retraction that failed: it went out, and is still up
			if pub.Done() && pub.Retracted.IsZero() {
				pub.Error = r.Error
			}
			return pub
		}
		if same && (pub.Done() || r.Attempt < pub.Attempts) {
			return pub // it went out, or a later attempt is known
		}
		return Publication{At: r.Time, Occurrence: r.Occurrence, Attempts: r.Attempt, Error: r.Error}
	case ActionRetracted:
		if !pub.Done() {
			pub = Publication{ID: r.RemoteID, URL: r.URL, Occurrence: r.Occurrence, Attempts: r.Attempt, Parts: r.Parts}
		}
		if pub.Retracted.IsZero() {
			pub.Retracted = r.Time
		}
		pub.Error = ""
		return pub
	}
	return pub
}

func attemptsIf(same bool, pub Publication) int {
	if same {
		return pub.Attempts
	}
	return 0
}

func (pub Publication) equal(o Publication) bool {
	return pub.ID == o.ID && pub.URL == o.URL && pub.At.Equal(o.At) && pub.Occurrence.Equal(o.Occurrence) &&
		pub.Attempts == o.Attempts && pub.Error == o.Error && pub.Retracted.Equal(o.Retracted) &&
		strings.Join(pub.Parts, "\x00") == strings.Join(o.Parts, "\x00")
}

func clonePublications(m map[string]Publication) map[string]Publication {
	out := make(map[string]Publication, len(m)+1)
	for k, v := range m {
		out[k] = v
	}
	return out
}

// StateStatus is the status a post's publications give it: published once
// every channel went out for its last occurrence, failed when a channel
// failed, scheduled otherwise; drafts and retracted posts keep theirs.
func (p *Post) StateStatus() Status {
	if p.Status == StatusDraft || p.Status == StatusRetracted {
		return p.Status
	}
	last := p.PublishAt
	if p.Repeat != nil {
		occ := p.Occurrences(p.PublishAt, p.PublishAt.AddDate(100, 0, 0))
		if len(occ) > 0 {
			last = occ[len(occ)-1]
		}
	}
	done, failed := true, false
	for _, ch := range p.Channels {
		pub := p.Publications[ch]
		if !pub.Done() || pub.Occurrence.Before(last) {
			done = false
		}
		if pub.Error != "" && !pub.Done() {
			failed = true
		}
	}
	switch {
	case failed:
		return StatusFailed
	case done:
		return StatusPublished
	}
	return StatusScheduled
}

// Union is the journal records of a and b without the lines both hold
// (a run that wrote its records to main and to the ledger), in time
// order, a's first among equals.
func Union(a, b []Record) []Record {
	seen := map[string]bool{}
	var out []Record
	for _, list := range [][]Record{a, b} {
		for _, r := range list {
			k := r.identity()
			if seen[k] {
				continue
			}
			seen[k] = true
			out = append(out, r)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Time.Before(out[j].Time) })
	return out
}

// identity tells two copies of one record apart from two records.
func (r Record) identity() string {
	return strings.Join([]string{string(r.Action), r.Key, r.Channel, r.Time.UTC().Format(time.RFC3339Nano),
		r.Occurrence.UTC().Format(time.RFC3339), r.RemoteID, r.Error, r.Claim, strconv.Itoa(r.Attempt)}, "\x00")
}
