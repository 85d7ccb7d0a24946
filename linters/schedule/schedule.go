package schedule

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/crieur/crieur/linters/rule"
	"github.com/crieur/crieur/pipeline"
	"github.com/crieur/crieur/pipeline/content"
	"github.com/crieur/crieur/pipeline/i18n"
)

// The rule ids. schedule.past_due is linters/core's.
const (
	idHours     = "schedule.hours"
	idDays      = "schedule.days"
	idMaxPerDay = "schedule.max_per_day"
	idMinGap    = "schedule.min_gap"
	idBlackout  = "schedule.blackout"
	idSlot      = "schedule.slot"
	idConfig    = "schedule.config"
)

var ids = []string{idHours, idDays, idSlot, idMaxPerDay, idMinGap, idBlackout, idConfig}

// Calendar judges the calendar against each brand's charter (schedule:
// hours, days, max_per_day, min_gap, blackouts). It sees every post, with
// the occurrences of recurring ones: drafts and retracted posts are left
// out; published posts, and the past occurrences of recurring posts,
// count for quotas and gaps but are not reported, since they already
// went out.
type Calendar struct{}

var _ rule.CalendarRule = Calendar{}

// Infos lists the ids of the schedule rules.
func (Calendar) Infos() []rule.Info {
	d := theData()
	out := make([]rule.Info, len(ids))
	for i, id := range ids {
		out[i] = rule.Info{ID: id, Description: d.Rules[id].Description, Default: d.Rules[id].sev}
	}
	return out
}

// entry is one post that takes part in the calendar.
type entry struct {
	file      *content.File
	plan      *plan
	occ       []time.Time // in the repository's time zone, in order
	channels  []string    // without duplicates
	recurring bool
	published bool
}

// event is one occurrence of a post on one channel.
type event struct {
	at    int64 // Unix nanoseconds
	post  int32
	occ   int32
	day   int32 // local date, yyyymmdd
	fixed bool  // already went out: counts, is not reported
}

// hit is one occurrence (on some channels) of a post that breaks a rule.
type hit struct {
	post     int
	id       string
	group    int // blackout index; 0 for the other rules
	occ      time.Time
	channel  string
	detail   string // what makes two hits the same problem (the other posts)
	vars     map[string]string
	channels []string // filled when hits on several channels are merged
}

type checker struct {
	c         *rule.Context
	d         *data
	loc       *time.Location
	plans     map[*pipeline.Charter]*plan
	entries   []entry
	byChannel map[string][]event
	hits      []hit
}

// CheckAll judges every post of the calendar.
func (Calendar) CheckAll(c *rule.Context, files []*content.File) []pipeline.Finding {
	if c == nil || c.Repo == nil || c.Repo.Config == nil {
		return nil
	}
	k := &checker{c: c, d: dataIn(c.Language), loc: c.Repo.Config.Timezone}
	if k.loc == nil {
		k.loc = time.UTC
	}
	out := k.config(files)
	k.expand(files)
	k.occurrences()
	k.channels()
	return append(out, k.findings()...)
}

// config reads each charter's schedule once and reports what cannot be
// read, once, on the first post that charter governs (preferring one the
// other checks would judge).
func (k *checker) config(files []*content.File) []pipeline.Finding {
	plans := map[*pipeline.Charter]*plan{}
	first := map[*pipeline.Charter]*content.File{}
	var order []*pipeline.Charter
	for _, f := range files {
		ch := k.c.Repo.CharterFor(f.Post.Brand)
		if ch == nil {
			continue
		}
		if _, ok := plans[ch]; !ok {
			plans[ch] = compile(ch.Schedule, k.loc, k.d)
			order = append(order, ch)
		}
		if g, ok := first[ch]; !ok || (!judged(g.Post) && judged(f.Post)) {
			first[ch] = f
		}
	}
	k.plans = plans
	var out []pipeline.Finding
	t := k.d.Rules[idConfig]
	for _, ch := range order {
		f := first[ch]
		for _, pr := range plans[ch].problems {
			msg := fill(t.One, map[string]string{"charter": k.charterName(f.Post.Brand), "key": pr.key, "problem": pr.msg})
			out = append(out, k.at(f, idConfig, t.sev, msg, pr.hint))
		}
	}
	return out
}

// judged reports whether a post's own problems are reported.
func judged(p *pipeline.Post) bool {
	return !p.PublishAt.IsZero() && p.Status != pipeline.StatusDraft && p.Status != pipeline.StatusRetracted && p.Status != pipeline.StatusPublished
}

// charterName is the charter file of a brand, as crieur.yml names it.
func (k *checker) charterName(brand string) string {
	cfg := k.c.Repo.Config
	if b, ok := cfg.Brands[brand]; ok && b.Charter != "" {
		return b.Charter
	}
	if cfg.Charter != "" {
		return cfg.Charter
	}
	return k.d.word("words.the_charter", nil)
}

// expand lists the posts that take part and their occurrences, and
// spreads them over the channels. A recurring post is expanded from its
// publish_at to its end (until, or count), at most max_occurrences times.
func (k *checker) expand(files []*content.File) {
	k.byChannel = map[string][]event{}
	empty := compile(pipeline.ScheduleRules{}, k.loc, k.d)
	for _, f := range files {
		p := f.Post
		if p.PublishAt.IsZero() || p.Status == pipeline.StatusDraft || p.Status == pipeline.StatusRetracted {
			continue
		}
		pl := k.plans[k.c.Repo.CharterFor(p.Brand)]
		if pl == nil {
			pl = empty
		}
		e := entry{file: f, plan: pl, recurring: p.Repeat != nil, published: p.Status == pipeline.StatusPublished}
		if e.recurring {
			e.occ = p.Occurrences(p.PublishAt, k.lastOccurrence(p))
		} else {
			e.occ = []time.Time{p.PublishAt}
		}
		for i, t := range e.occ {
			e.occ[i] = t.In(k.loc)
		}
		for _, ch := range p.Channels {
			if !slices.Contains(e.channels, ch) {
				e.channels = append(e.channels, ch)
			}
		}
		n := int32(len(k.entries))
		for i, t := range e.occ {
			y, m, d := t.Date()
			day := int32(y*10000 + int(m)*100 + d)
			for _, ch := range e.channels {
				k.byChannel[ch] = append(k.byChannel[ch], event{at: t.UnixNano(), post: n, occ: int32(i), day: day, fixed: k.fixed(&e, i, ch)})
			}
		}
		k.entries = append(k.entries, e)
	}
}

// lastOccurrence bounds the expansion of a recurring post: its end, or
// its max_occurrences-th occurrence if that comes first.
func (k *checker) lastOccurrence(p *pipeline.Post) time.Time {
	return p.Repeat.Bound(p.PublishAt, k.d.MaxOccurrences)
}

// fixed reports whether an occurrence of a post went out on a channel, or
// can no longer change: the post is published, the publisher recorded it,
// or it is a past occurrence of a recurring post (the publisher never
// sends missed occurrences in a burst).
func (k *checker) fixed(e *entry, i int, ch string) bool {
	if e.published {
		return true
	}
	occ := e.occ[i]
	if e.recurring && !k.c.Now.IsZero() && occ.Before(k.c.Now) {
		return true
	}
	pub, ok := e.file.Post.Publications[ch]
	if !ok || !pub.Done() {
		return false
	}
	return !e.recurring || !pub.Occurrence.Before(occ)
}

// reportable reports whether an occurrence has a channel where it has not
// gone out yet.
func (k *checker) reportable(e *entry, i int) bool {
	if e.published || !judged(e.file.Post) {
		return false
	}
	if len(e.channels) == 0 {
		return !(e.recurring && !k.c.Now.IsZero() && e.occ[i].Before(k.c.Now))
	}
	for _, ch := range e.channels {
		if !k.fixed(e, i, ch) {
			return true
		}
	}
	return false
}

// occurrences checks each occurrence on its own: hours, days, blackouts.
func (k *checker) occurrences() {
	for n := range k.entries {
		e := &k.entries[n]
		pl := e.plan
		for i, t := range e.occ {
			if !k.reportable(e, i) {
				continue
			}
			if pl.run.Slots && !pl.onRun(t) && (!pl.hours || pl.inHours(t)) && (k.c.Now.IsZero() || !t.Before(k.c.Now)) {
				k.hits = append(k.hits, hit{post: n, id: idSlot, occ: t, vars: map[string]string{
					"runs": k.runs(pl), "next": pipeline.FormatTime(pl.run.Next(t), k.loc)}})
			}
			if pl.hours && !pl.inHours(t) {
				k.hits = append(k.hits, hit{post: n, id: idHours, occ: t, vars: map[string]string{
					"hours": pl.hoursText, "start": hhmm(pl.start), "end": hhmm(pl.end)}})
			}
			if pl.days && !pl.allowed[t.Weekday()] {
				k.hits = append(k.hits, hit{post: n, id: idDays, occ: t, vars: map[string]string{"days": pl.daysText}})
			}
			for b, bo := range pl.blackouts {
				if !t.Before(bo.from) && t.Before(bo.to) {
					reason := ""
					if bo.reason != "" {
						reason = " (" + bo.reason + ")"
					}
					vars := map[string]string{"from": bo.fromText, "to": bo.toText, "reason": reason,
						"start": pipeline.FormatTime(bo.from, k.loc), "end": pipeline.FormatTime(bo.to, k.loc)}
					tb := k.d.Rules[idBlackout]
					if bo.oneDay {
						vars["period"] = fill(tb.PeriodDay, vars)
					} else {
						vars["period"] = fill(tb.Period, vars)
					}
					k.hits = append(k.hits, hit{post: n, id: idBlackout, group: b, occ: t, vars: vars})
				}
			}
		}
	}
}

// runs says when the publish workflow runs for a charter.
func (k *checker) runs(pl *plan) string {
	t := k.d.Rules[idSlot]
	if pl.run.Slots {
		return fill(t.RunsSlots, map[string]string{"slots": pl.slotsText})
	}
	start, end := "00:00", "23:30"
	if len(pl.run.Times) > 0 {
		start, end = pipeline.Clock(pl.run.Times[0]), pipeline.Clock(pl.run.Times[len(pl.run.Times)-1])
	}
	return fill(t.RunsEvery, map[string]string{"every": formatDuration(pipeline.DefaultRunEvery), "start": start, "end": end})
}

// channels sweeps each channel's events in time order: the gap to the
// previous post, and the number of posts per local day.
func (k *checker) channels() {
	names := make([]string, 0, len(k.byChannel))
	for ch := range k.byChannel {
		names = append(names, ch)
	}
	slices.Sort(names)
	for _, ch := range names {
		evs := k.byChannel[ch]
		slices.SortFunc(evs, func(a, b event) int {
			if c := cmp.Compare(a.at, b.at); c != 0 {
				return c
			}
			if c := strings.Compare(k.entries[a.post].file.Post.Path, k.entries[b.post].file.Post.Path); c != 0 {
				return c
			}
			return cmp.Compare(a.occ, b.occ)
		})
		for i := 1; i < len(evs); i++ {
			k.gap(ch, evs[i-1], evs[i])
		}
		for i := 0; i < len(evs); {
			j := i + 1
			for j < len(evs) && evs[j].day == evs[i].day {
				j++
			}
			if j-i > 1 {
				k.perDay(ch, evs[i:j])
			}
			i = j
		}
	}
}

// gap checks two consecutive posts of a channel. The later one is
// reported, naming the earlier; when the later one already went out, the
// earlier one is.
func (k *checker) gap(ch string, a, b event) {
	blamed, other, after := b, a, true
	if b.fixed {
		blamed, other, after = a, b, false
	}
	if blamed.fixed {
		return
	}
	e := &k.entries[blamed.post]
	g := e.plan.gap
	diff := time.Duration(b.at - a.at)
	if g <= 0 || diff >= g {
		return
	}
	o := &k.entries[other.post]
	ot := o.occ[other.occ]
	where := fmt.Sprintf("%s (%s)", o.file.Post.Path, pipeline.FormatTime(ot, k.loc))
	var distance, suggest, direction string
	between := map[string]string{"gap": formatDuration(diff), "where": where}
	switch {
	case diff == 0:
		distance = k.d.word("words.same_time", between)
	case after:
		distance = k.d.word("words.after", between)
	default:
		distance = k.d.word("words.before", between)
	}
	if after {
		suggest, direction = pipeline.FormatTime(ot.Add(g), k.loc), k.d.word("words.later", nil)
	} else {
		suggest, direction = pipeline.FormatTime(ot.Add(-g), k.loc), k.d.word("words.earlier", nil)
	}
	k.hits = append(k.hits, hit{post: int(blamed.post), id: idMinGap, occ: e.occ[blamed.occ], channel: ch, detail: distance,
		vars: map[string]string{"gap": e.plan.gapText, "distance": distance, "suggest": suggest, "direction": direction}})
}

// perDay checks the posts of one channel on one local day. The posts
// that already went out take their places first; then, in time order,
// each post beyond its charter's max_per_day is reported, naming the
// others.
func (k *checker) perDay(ch string, day []event) {
	order := make([]event, 0, len(day))
	for _, ev := range day {
		if ev.fixed {
			order = append(order, ev)
		}
	}
	for _, ev := range day {
		if !ev.fixed {
			order = append(order, ev)
		}
	}
	for rank, ev := range order {
		e := &k.entries[ev.post]
		if ev.fixed || e.plan.maxPerDay <= 0 || rank < e.plan.maxPerDay {
			continue
		}
		var others []string
		for _, o := range day {
			if o == ev {
				continue
			}
			oe := &k.entries[o.post]
			others = append(others, k.d.word("words.other_at", map[string]string{"path": oe.file.Post.Path, "time": oe.occ[o.occ].Format("15:04")}))
		}
		list := k.list(others, ", ")
		k.hits = append(k.hits, hit{post: int(ev.post), id: idMaxPerDay, occ: e.occ[ev.occ], channel: ch, detail: list,
			vars: map[string]string{"max": strconv.Itoa(e.plan.maxPerDay), "total": strconv.Itoa(len(day)), "others": list}})
	}
}

// findings turns the hits into findings: one per post, rule and problem
// (a blackout; for a plain post, the other posts involved), the
// occurrences of a recurring post listed in one message, and the
// channels with the same problem named together.
func (k *checker) findings() []pipeline.Finding {
	type key struct {
		post   int
		id     string
		group  int
		detail string
	}
	groups := map[key][]hit{}
	var order []key
	for _, h := range k.hits {
		kk := key{post: h.post, id: h.id, group: h.group}
		if !k.entries[h.post].recurring {
			kk.detail = h.detail
		}
		if _, ok := groups[kk]; !ok {
			order = append(order, kk)
		}
		groups[kk] = append(groups[kk], h)
	}
	out := make([]pipeline.Finding, 0, len(order))
	for _, kk := range order {
		e := &k.entries[kk.post]
		hs := merge(groups[kk])
		for _, h := range hs {
			slices.SortFunc(h.channels, func(a, b string) int {
				return cmp.Compare(slices.Index(e.channels, a), slices.Index(e.channels, b))
			})
		}
		slices.SortStableFunc(hs, func(a, b hit) int { return a.occ.Compare(b.occ) })
		out = append(out, k.finding(e, hs))
	}
	return out
}

// merge joins the hits of one occurrence with the same problem on
// several channels.
func merge(hs []hit) []hit {
	type key struct {
		at     int64
		detail string
	}
	index := make(map[key]int, len(hs))
	out := make([]hit, 0, len(hs))
	for _, h := range hs {
		kk := key{h.occ.UnixNano(), h.detail}
		if i, ok := index[kk]; ok {
			if h.channel != "" {
				out[i].channels = append(out[i].channels, h.channel)
			}
			continue
		}
		if h.channel != "" {
			h.channels = []string{h.channel}
		}
		index[kk] = len(out)
		out = append(out, h)
	}
	return out
}

// finding writes one finding for the hits of a post about one problem.
func (k *checker) finding(e *entry, hs []hit) pipeline.Finding {
	first := hs[0]
	t := k.d.Rules[first.id]
	vars := k.vars(e, first)
	var msg string
	if len(hs) == 1 {
		msg = fill(t.One, vars)
	} else {
		items := make([]string, len(hs))
		for i, h := range hs {
			items[i] = fill(t.Item, k.vars(e, h))
		}
		vars["count"] = strconv.Itoa(len(hs))
		vars["list"] = k.list(items, "; ")
		msg = fill(t.Many, vars)
	}
	hint := t.Hint
	if e.recurring && t.HintRecurring != "" {
		hint = t.HintRecurring
		if first.id == idBlackout {
			vars["until"] = k.until(e, first.occ)
			if vars["until"] == "" && t.HintRecurringStart != "" {
				hint = t.HintRecurringStart
			}
		}
	}
	return k.at(e.file, first.id, t.sev, msg, fill(hint, vars))
}

// vars are the placeholders of a hit.
func (k *checker) vars(e *entry, h hit) map[string]string {
	v := make(map[string]string, len(h.vars)+8)
	for name, val := range h.vars {
		v[name] = val
	}
	at := pipeline.FormatTime(h.occ, k.loc)
	v["time"] = at
	v["weekday"] = k.d.weekday(h.occ.Weekday())
	v["day"] = v["weekday"] + " " + h.occ.Format(time.DateOnly)
	v["zone"] = k.loc.String()
	v["channels"] = k.d.and(h.channels)
	if e.recurring {
		v["what"] = k.d.word("words.what_occurrence", map[string]string{"time": at})
	} else {
		v["what"] = k.d.word("words.what_post", map[string]string{"time": at})
	}
	if e.plan.days {
		v["days"] = e.plan.daysText
	}
	return v
}

// until is the last day a recurring post may run to stay clear of a
// blackout that one of its occurrences falls in: the date of its last
// occurrence before the blackout, "" when it starts inside.
func (k *checker) until(e *entry, occ time.Time) string {
	var bo *blackout
	for i := range e.plan.blackouts {
		if b := &e.plan.blackouts[i]; !occ.Before(b.from) && occ.Before(b.to) {
			bo = b
			break
		}
	}
	if bo == nil {
		return ""
	}
	last := ""
	for _, t := range e.occ {
		if !t.Before(bo.from) {
			break
		}
		last = t.Format(time.DateOnly)
	}
	return last
}

// list joins items, list_max at most.
func (k *checker) list(items []string, sep string) string {
	if len(items) <= k.d.ListMax {
		return strings.Join(items, sep)
	}
	return strings.Join(items[:k.d.ListMax], sep) + " " + fill(k.d.More, map[string]string{"n": strconv.Itoa(len(items) - k.d.ListMax)})
}

// and joins names: "a", "a and b", "a, b and c" (words.and).
func (d *data) and(names []string) string {
	switch len(names) {
	case 0:
		return ""
	case 1:
		return names[0]
	}
	return d.word("words.and", map[string]string{"first": strings.Join(names[:len(names)-1], ", "), "last": names[len(names)-1]})
}

// at makes a finding on the value of publish_at, over the whole value.
func (k *checker) at(f *content.File, id string, sev pipeline.Severity, msg, hint string) pipeline.Finding {
	p := f.Post
	pos := p.PosOf("publish_at")
	fd := rule.At(p, pos, id, sev, msg, hint)
	if _, ok := p.KeyPos["publish_at"]; ok {
		line := []rune(f.Line(pos.Line))
		if pos.Col-1 <= len(line) {
			v := string(line[pos.Col-1:])
			if i := strings.Index(v, " #"); i >= 0 {
				v = v[:i]
			}
			v = strings.TrimRight(v, " \t")
			fd.EndLine, fd.EndCol = pos.Line, pos.Col+utf8.RuneCountInString(v)
		}
	}
	return fd
}

// Describe says rule id in l (rule.Described).
func (Calendar) Describe(l i18n.Lang, id string) string {
	return say.Line(l, "about."+id, nil)
}
