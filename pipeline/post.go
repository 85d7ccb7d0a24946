package pipeline

import (
	"fmt"
	"strings"
	"time"
)

// Status is the life-cycle state of a post, as written in its front matter.
type Status string

const (
	StatusDraft     Status = "draft"     // not to be published
	StatusScheduled Status = "scheduled" // waiting for its publish_at
	StatusPublished Status = "published" // went out on every channel
	StatusFailed    Status = "failed"    // at least one channel failed
	StatusRetracted Status = "retracted" // taken down everywhere, record kept
	// StatusMissed is never written in a front matter: the calendar says
	// so of an occurrence whose time has passed with nothing recorded
	// on a channel (calendar.EntriesWith).
	StatusMissed Status = "missed"
)

// Statuses lists the valid statuses in the order a post goes through them.
var Statuses = []Status{StatusDraft, StatusScheduled, StatusPublished, StatusFailed, StatusRetracted}

// Pos is a position in a file: 1-based line and column (in characters).
type Pos struct {
	Line int `json:"line"`
	Col  int `json:"column"`
}

func (p Pos) String() string { return fmt.Sprintf("%d:%d", p.Line, p.Col) }

// Media is one image attached to a post.
type Media struct {
	File string `json:"file"` // as written in the post (relative to the post's folder, or /-rooted at the repository)
	Path string `json:"path"` // resolved, relative to the content root, slash-separated
	Alt  string `json:"alt"`
	Pos  Pos    `json:"-"` // position of the file: value
}

// Repeat describes a recurring post: one occurrence every Every, starting
// at publish_at, until Until (inclusive) or for Count occurrences; or,
// when Rule is set, the occurrences of a calendar rule. Except skips days.
type Repeat struct {
	Every Interval
	Until time.Time // zero when Count is used
	Count int       // 0 when Until is used
	// Rule is the RFC 5545 RRULE (without DTSTART: publish_at is the
	// start) of a repeat written with rule: or on:, "" for the short
	// form. On is the on: list as the post wrote it, for display.
	Rule string
	On   []string
	// Times are Rule's occurrences from publish_at, in order, in the
	// post's timezone: content expands them with an RRULE library, at
	// most MaxRuleOccurrences, so that this package keeps to the
	// standard library.
	Times []time.Time
	// Except are the days an occurrence is skipped (EXDATE), at midnight
	// in the post's timezone.
	Except []time.Time
}

// Then says how the post repeats after its first occurrence, in English:
// "every 2 weeks", "every month on first tuesday", "by the rule
// FREQ=MONTHLY;BYDAY=1TU;COUNT=6", with ", except N days" when days are
// skipped.
func (r *Repeat) Then() string {
	var s string
	switch {
	case r.Every.N == 0:
		s = "by the rule " + r.Rule
	case len(r.On) > 0:
		s = "every " + r.Every.String() + " on " + strings.Join(r.On, ", ")
	default:
		s = "every " + r.Every.String()
	}
	switch len(r.Except) {
	case 0:
	case 1:
		s += ", except 1 day"
	default:
		s += fmt.Sprintf(", except %d days", len(r.Except))
	}
	return s
}

// MaxRuleOccurrences caps the expansion of a calendar rule: a rule with
// more occurrences than this is refused (a daily rule runs almost three
// years within it).
const MaxRuleOccurrences = 1000

// Skips reports whether t falls on one of the days of Except, read in
// that day's timezone.
func (r *Repeat) Skips(t time.Time) bool {
	for _, d := range r.Except {
		y, m, dd := t.In(d.Location()).Date()
		if ey, em, ed := d.Date(); y == ey && m == em && dd == ed {
			return true
		}
	}
	return false
}

// Bound is a time at or after the n-th occurrence from start (counting
// skipped ones), or the repeat's end if it comes first: it bounds an
// expansion of at most n occurrences.
func (r *Repeat) Bound(start time.Time, n int) time.Time {
	if r.Rule != "" {
		if len(r.Times) == 0 {
			return start
		}
		return r.Times[min(n, len(r.Times))-1]
	}
	if r.Count > 0 && r.Count < n {
		n = r.Count
	}
	last := r.Every.Add(start, n-1)
	if !r.Until.IsZero() && r.Until.Before(last) {
		last = r.Until
	}
	return last
}

// Interval is a calendar step: N days, weeks or months.
type Interval struct {
	N    int
	Unit string // "day", "week" or "month"
}

func (iv Interval) String() string {
	if iv.N == 1 {
		return iv.Unit
	}
	return fmt.Sprintf("%d %ss", iv.N, iv.Unit)
}

// Add returns t moved forward by k intervals, in t's location, keeping the
// wall-clock time (a weekly 09:30 post stays at 09:30 across DST changes).
// A monthly step from a day the target month lacks lands on its last day
// (31 January, 28 February, 31 March), never twice in one month.
func (iv Interval) Add(t time.Time, k int) time.Time {
	switch iv.Unit {
	case "day":
		return t.AddDate(0, 0, iv.N*k)
	case "week":
		return t.AddDate(0, 0, 7*iv.N*k)
	default:
		y, m, d := t.Date()
		first := time.Date(y, m+time.Month(iv.N*k), 1, 0, 0, 0, 0, t.Location())
		if last := first.AddDate(0, 1, -1).Day(); d > last {
			d = last
		}
		return time.Date(first.Year(), first.Month(), d, t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), t.Location())
	}
}

// Part is one piece of text of a post: the body, one part of a thread, a
// per-channel variant or the first comment. Source is Markdown. Line and
// Col are where Source starts in the file; Indent is the number of columns
// taken off every following line (a YAML block scalar), 0 for the body.
// Style says how the file holds Source, and so whether a fix can point
// into it (see Fixable).
type Part struct {
	Source string
	Line   int
	Col    int
	Indent int
	Style  TextStyle
}

// PosOf maps a byte index in Source to its position in the file. It reads
// Source up to i: to map many indexes of one part, index it once with
// Positions.
func (p Part) PosOf(i int) Pos { return p.Positions().PosOf(i) }

// Positions indexes the part once (see Lines) for many PosOf calls.
func (p Part) Positions() PartPositions {
	return PartPositions{part: p, lines: NewLines(p.Source)}
}

// PartPositions maps byte indexes of a part's Source to positions in the
// file in O(log n) each.
type PartPositions struct {
	part  Part
	lines *Lines
}

// Line returns the bytes [start, end) of the line of the part's Source
// that holds byte index i, without its newline.
func (pp PartPositions) Line(i int) (start, end int) {
	line, _ := pp.lines.At(i)
	return pp.lines.Offset(line, 1), pp.lines.Offset(line, len(pp.part.Source)+1)
}

// PosOf maps a byte index in the part's Source to its position in the
// file; an index past the end is the end.
func (pp PartPositions) PosOf(i int) Pos {
	line, col := pp.lines.At(i)
	if line == 0 {
		return Pos{Line: pp.part.Line, Col: pp.part.Col + col - 1}
	}
	return Pos{Line: pp.part.Line + line, Col: pp.part.Indent + col}
}

// Text is what a post says on one channel: one part, or several for a
// thread, and an optional first comment.
type Text struct {
	Parts        []Part
	FirstComment *Part
}

// Post is one file under posts/: what to say, where and when, and what has
// happened to it so far.
type Post struct {
	Path string // relative to the content root, slash-separated
	// ID is the front matter's id:, which keys its deliveries whatever
	// the file is called; Origin is the path its first records were made
	// under, for a post moved since (see Ledger.Attach). Both may be empty.
	ID           string
	Origin       string
	Title        string    // optional; the first line of the body otherwise
	PublishAt    time.Time // zero for a draft without a date
	Channels     []string
	Lang         string
	Brand        string
	Campaign     string
	Media        []Media
	Sponsored    bool
	Retouched    bool // « Images retouchées » required
	Virtual      bool // « Images virtuelles » required
	Replaces     string
	Repeat       *Repeat
	Status       Status
	Body         Text            // the text for every channel
	Variants     map[string]Text // channel name -> text that replaces Body there
	Publications map[string]Publication

	// Disabled lists the rule ids silenced for the whole file, and
	// DisabledLines the ones silenced for one line (line -> rule ids).
	Disabled      []string
	DisabledLines map[int][]string

	// Positions of front-matter keys and values, by key ("publish_at",
	// "channels[1]", "media[0].alt"), for findings that point at them.
	KeyPos map[string]Pos
}

// TextFor returns the text the post says on a channel: its variant when it
// has one, its body otherwise.
func (p *Post) TextFor(channel string) Text {
	if v, ok := p.Variants[channel]; ok {
		if v.FirstComment == nil {
			v.FirstComment = p.Body.FirstComment // a variant replaces the text, not the first comment
		}
		return v
	}
	return p.Body
}

// PosOf returns the position of a front-matter key, or of the start of the
// file when the key is absent.
func (p *Post) PosOf(key string) Pos {
	if pos, ok := p.KeyPos[key]; ok {
		return pos
	}
	return Pos{Line: 1, Col: 1}
}

// Occurrences lists the publication times of the post between from and to
// (both inclusive): one for a plain post, the expansion for a recurring one.
// A draft or a post without date has none.
func (p *Post) Occurrences(from, to time.Time) []time.Time {
	if p.PublishAt.IsZero() || p.Status == StatusDraft {
		return nil
	}
	if p.Repeat == nil {
		if !p.PublishAt.Before(from) && !p.PublishAt.After(to) {
			return []time.Time{p.PublishAt}
		}
		return nil
	}
	if p.Repeat.Rule != "" {
		var out []time.Time
		for _, t := range p.Repeat.Times {
			if !t.Before(from) && !t.After(to) && !p.Repeat.Skips(t) {
				out = append(out, t)
			}
		}
		return out
	}
	var out []time.Time
	for k := 0; ; k++ {
		t := p.Repeat.Every.Add(p.PublishAt, k)
		if p.Repeat.Count > 0 && k >= p.Repeat.Count {
			break
		}
		if !p.Repeat.Until.IsZero() && t.After(p.Repeat.Until) {
			break
		}
		if t.After(to) {
			break
		}
		if !t.Before(from) && !p.Repeat.Skips(t) {
			out = append(out, t)
		}
		if k > 100000 { // a guard: no calendar needs more
			break
		}
	}
	return out
}
