package planpage

import (
	"bytes"
	_ "embed"
	"errors"
	"fmt"
	"html/template"
	"io"
	"sort"
	"strings"
	"time"

	"github.com/crieur/crieur/pipeline"
	"github.com/crieur/crieur/pipeline/content"
	"github.com/crieur/crieur/pipeline/render"
)

// Input is what the page shows.
type Input struct {
	// Title is the page's title: "" for "Calendrier éditorial" (or
	// "Editorial calendar" in English).
	Title string
	// Repository names the content repository in the header and the
	// browser's tab ("" to leave it out).
	Repository string
	// Entries are the calendar's entries, as calendar.Entries gives them.
	// Those outside [From, To] and those without a post are left out.
	Entries []pipeline.Entry
	// Channels are crieur.yml's channels by name: each post is rendered
	// for each of its channels with render.ForChannel. A channel missing
	// here is shown with a warning, without text.
	Channels map[string]pipeline.ChannelConfig
	// Findings are the lint findings by post path (Finding.Path).
	Findings map[string][]pipeline.Finding
	// Location is where days begin and end and times are read: a post
	// at 00:30 in Brussels is on the Brussels day. nil is UTC.
	Location *time.Location
	// Now is when the page is generated: the header says it, its day is
	// highlighted. Zero leaves both out.
	Now time.Time
	// From and To bound the period, both inclusive: a month view for
	// every month they touch, a week view for every ISO week. A zero
	// From (To) is the day of the first (last) entry, or Now's day.
	From, To time.Time
	// Lang is the language of the labels: "fr" (also ""), "en" or "nl".
	Lang string
}

// MaxMonths is the longest period one page shows.
const MaxMonths = 24

// states are the states in the order the header and the legend show them.
var states = []pipeline.Status{pipeline.StatusScheduled, pipeline.StatusPublished, pipeline.StatusFailed, pipeline.StatusMissed, pipeline.StatusRetracted, pipeline.StatusDraft}

var (
	//go:embed page.html.tmpl
	pageSource string
	//go:embed parts.html.tmpl
	partsSource string

	pageTemplate = template.Must(template.Must(template.New("page").Parse(pageSource)).Parse(partsSource))
)

// Write writes the page for in to w: one HTML document, in one write,
// after it is complete (a failure leaves w untouched). It fails on a
// language it has no labels for, a period that ends before it starts or
// is longer than MaxMonths, and a period it cannot tell (no From, To,
// entry or Now).
func Write(w io.Writer, in Input) error {
	p, err := model(in)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := pageTemplate.Execute(&buf, p); err != nil {
		return fmt.Errorf("planpage: %w", err)
	}
	_, err = w.Write(buf.Bytes())
	return err
}

// The page's model: every text computed here, the template only lays it
// out.
type (
	page struct {
		L          *Labels
		Title      string
		Repository string
		Period     string
		Generated  string
		Zone       string
		Total      string
		Counts     []count
		Legend     []legendItem
		Months     []monthView
		Weeks      []weekView
		Posts      []*postView
		Weekdays   []weekday
	}
	count struct {
		State stateView
		N     int
	}
	legendItem struct {
		State stateView
		Help  string
	}
	weekday   struct{ Short, Long string }
	stateView struct{ Class, Label string }
	markView  struct{ Class, Icon, Text string }
	badge     struct{ Name, Title string }

	monthView struct {
		Anchor, Name string
		Empty        bool
		Rows         []monthRow
	}
	monthRow struct {
		Num    int
		Anchor string // the week's section in the week view, "" when it has none
		Title  string
		Days   []dayView
	}
	weekView struct {
		Anchor, Heading string
		Days            []dayView
	}
	dayView struct {
		ISO      string // 2006-01-02
		Num      int
		Label    string // "mardi 1er décembre"
		Class    string
		InPeriod bool
		Off      bool // in the month, outside the period
		Today    bool
		Entries  []entryView
	}
	entryView struct {
		L         *Labels
		Path      string
		Anchor    string
		Time      string
		DateTime  string
		Title     string
		Recurring bool
		State     stateView
		Channels  []badge
		Mark      *markView
	}

	postView struct {
		L           *Labels
		Anchor      string
		Path        string
		Title       string
		Lang        string
		When        string
		Meta        []string
		Open        bool
		States      []stateView
		Mark        *markView
		Occurrences []occurrence
		Channels    []channelView
		Findings    []findingView
	}
	occurrence struct {
		When  string
		State stateView
		Links []occLink // where it went, from the journal
	}
	occLink     struct{ Channel, URL string }
	channelView struct {
		L            *Labels
		Name         string
		Who          string
		Known        bool
		Open         bool
		Over         bool
		Summary      string
		Parts        []partView
		FirstComment *partView
		Media        []mediaView
		MediaLeftOut string
		Pub          pubView
	}
	partView struct {
		L       *Labels
		Lang    string
		Label   string
		Measure string
		Over    bool
		Kept    string
		Cut     string
	}
	mediaView struct{ Path, Alt string }
	pubView   struct {
		Class, Text, URL, LinkText, Error, Note string
	}
	findingView struct {
		Where, Rule, Class, Icon, Severity, Message, Hint, Fix string
	}
)

// model turns the input into the page's model.
func model(in Input) (*page, error) {
	l, err := labelsFor(in.Lang)
	if err != nil {
		return nil, err
	}
	loc := in.Location
	if loc == nil {
		loc = time.UTC
	}

	var entries []pipeline.Entry
	for _, e := range in.Entries {
		if e.Post == nil || e.At.IsZero() {
			continue
		}
		if !in.From.IsZero() && e.At.Before(in.From) || !in.To.IsZero() && e.At.After(in.To) {
			continue
		}
		entries = append(entries, e)
	}
	sort.SliceStable(entries, func(i, j int) bool {
		if !entries[i].At.Equal(entries[j].At) {
			return entries[i].At.Before(entries[j].At)
		}
		return entries[i].Post.Path < entries[j].Post.Path
	})

	first, last, err := period(in, entries, loc)
	if err != nil {
		return nil, err
	}
	today := time.Time{}
	if !in.Now.IsZero() {
		today = dayOf(in.Now, loc)
	}

	p := &page{
		L:          l,
		Title:      in.Title,
		Repository: strings.TrimSpace(in.Repository),
		Period:     l.f.period(l.date(first), l.date(last)),
		Zone:       loc.String(),
	}
	if p.Title == "" {
		p.Title = l.DefaultTitle
	}
	if !in.Now.IsZero() {
		p.Generated = l.f.generated(l.dateTime(in.Now.In(loc)), loc.String())
	}
	for i := range 7 {
		p.Weekdays = append(p.Weekdays, weekday{Short: l.weekdaysShort[i], Long: l.weekdays[i]})
	}

	// The posts, in the order of their first entry, each once.
	posts := map[string]*postView{}
	anchors := map[string]bool{"mois": true, "semaine": true, "publications": true}
	byDay := map[string][]entryView{}
	n := map[pipeline.Status]int{}
	for _, e := range entries {
		pv, ok := posts[e.Post.Path]
		if !ok {
			pv = newPost(l, e, in, loc, anchors)
			posts[e.Post.Path] = pv
			p.Posts = append(p.Posts, pv)
		}
		st := stateOf(l, e.Status)
		pv.addOccurrence(l, e, st, loc)
		n[statusOf(e.Status)]++
		at := e.At.In(loc)
		ev := entryView{
			L:         l,
			Path:      e.Post.Path,
			Anchor:    pv.Anchor,
			Time:      at.Format("15:04"),
			DateTime:  at.Format(time.RFC3339),
			Title:     oneLine(e.Title),
			Recurring: e.Recurring,
			State:     st,
			Mark:      pv.Mark,
		}
		if ev.Title == "" {
			ev.Title = render.Title(e.Post)
		}
		for _, ch := range e.Channels {
			ev.Channels = append(ev.Channels, channelBadge(ch, in.Channels))
		}
		key := at.Format(time.DateOnly)
		byDay[key] = append(byDay[key], ev)
	}

	p.Total = l.f.total(len(entries))
	for _, s := range states {
		// Scheduled, published and failed are always counted, the others when there are some.
		if n[s] > 0 || s == pipeline.StatusScheduled || s == pipeline.StatusPublished || s == pipeline.StatusFailed {
			p.Counts = append(p.Counts, count{State: stateView{Class: "st-" + string(s), Label: l.state(s, n[s])}, N: n[s]})
		}
	}
	for _, s := range states {
		p.Legend = append(p.Legend, legendItem{State: stateOf(l, s), Help: l.stateHelp[s]})
	}

	day := func(d time.Time, inMonth bool) dayView {
		dv := dayView{
			ISO:      d.Format(time.DateOnly),
			Num:      d.Day(),
			Label:    l.dayMonth(d),
			InPeriod: !d.Before(first) && !d.After(last),
			Today:    inMonth && d.Equal(today),
		}
		if inMonth && dv.InPeriod {
			dv.Entries = byDay[dv.ISO]
		}
		dv.Off = inMonth && !dv.InPeriod
		class := []string{"day"}
		if !inMonth {
			class = append(class, "out")
		} else if !dv.InPeriod {
			class = append(class, "off")
		}
		if len(dv.Entries) == 0 {
			class = append(class, "empty")
		}
		if dv.Today {
			class = append(class, "today")
		}
		dv.Class = strings.Join(class, " ")
		return dv
	}

	// The week view: every ISO week the period touches.
	firstMonday, lastMonday := monday(first), monday(last)
	inWeekView := func(d time.Time) bool { return !d.Before(firstMonday) && !d.After(lastMonday) }
	for mon := firstMonday; !mon.After(lastMonday); mon = mon.AddDate(0, 0, 7) {
		y, w := mon.ISOWeek()
		sun := mon.AddDate(0, 0, 6)
		from := l.dayMonth(mon)
		if mon.Year() != sun.Year() {
			from = l.longDate(mon)
		}
		wv := weekView{Anchor: weekAnchor(y, w), Heading: l.f.weekHeading(w, from, l.longDate(sun))}
		for d := mon; !d.After(sun); d = d.AddDate(0, 0, 1) {
			wv.Days = append(wv.Days, day(d, true))
		}
		p.Weeks = append(p.Weeks, wv)
	}

	// The month view: every month the period touches, whole weeks.
	for m := time.Date(first.Year(), first.Month(), 1, 0, 0, 0, 0, time.UTC); !m.After(last); m = m.AddDate(0, 1, 0) {
		mv := monthView{Anchor: fmt.Sprintf("mois-%04d-%02d", m.Year(), m.Month()), Name: l.monthName(m.Year(), m.Month()), Empty: true}
		end := m.AddDate(0, 1, -1)
		for mon := monday(m); !mon.After(end); mon = mon.AddDate(0, 0, 7) {
			y, w := mon.ISOWeek()
			row := monthRow{Num: w, Title: fmt.Sprintf("%s %d", l.Week, w)}
			if inWeekView(mon) {
				row.Anchor = weekAnchor(y, w)
			}
			for d := mon; d.Before(mon.AddDate(0, 0, 7)); d = d.AddDate(0, 0, 1) {
				dv := day(d, d.Month() == m.Month())
				if len(dv.Entries) > 0 {
					mv.Empty = false
				}
				row.Days = append(row.Days, dv)
			}
			mv.Rows = append(mv.Rows, row)
		}
		p.Months = append(p.Months, mv)
	}
	return p, nil
}

// period is the first and last day shown, as dates (midnight UTC).
func period(in Input, entries []pipeline.Entry, loc *time.Location) (first, last time.Time, err error) {
	switch {
	case !in.From.IsZero():
		first = dayOf(in.From, loc)
	case len(entries) > 0:
		first = dayOf(entries[0].At, loc)
	case !in.Now.IsZero():
		first = dayOf(in.Now, loc)
	default:
		return first, last, errors.New("planpage: no period: set From and To (or Now)")
	}
	switch {
	case !in.To.IsZero():
		last = dayOf(in.To, loc)
	case len(entries) > 0:
		last = dayOf(entries[len(entries)-1].At, loc)
	default:
		last = first
	}
	if last.Before(first) {
		return first, last, fmt.Errorf("planpage: the period ends (%s) before it starts (%s)", last.Format(time.DateOnly), first.Format(time.DateOnly))
	}
	if months := (last.Year()-first.Year())*12 + int(last.Month()-first.Month()) + 1; months > MaxMonths {
		return first, last, fmt.Errorf("planpage: the period %s to %s covers %d months, more than one page shows (%d): choose a shorter one", first.Format(time.DateOnly), last.Format(time.DateOnly), months, MaxMonths)
	}
	return first, last, nil
}

// repeatWhen says how a post repeats: every interval, on which days (as
// the post names them) or by which rule, until when, except which days.
func repeatWhen(l *Labels, r *pipeline.Repeat, loc *time.Location) string {
	var s string
	switch {
	case r.Every.N == 0:
		s = l.f.rule(r.Rule)
	case len(r.On) > 0:
		s = l.f.on(l.f.every(r.Every), r.On)
	default:
		s = l.f.every(r.Every)
	}
	switch {
	case !r.Until.IsZero():
		s += ", " + l.f.until(l.date(dayOf(r.Until, loc)))
	case r.Count > 0:
		s += ", " + l.f.times(r.Count)
	}
	if len(r.Except) > 0 {
		days := make([]string, len(r.Except))
		for i, d := range r.Except {
			days[i] = l.date(dayOf(d, loc))
		}
		s += ", " + l.f.except(days)
	}
	return s
}

// dayOf is the calendar day of t in loc, as midnight UTC: days are then
// counted without daylight saving time getting in the way.
func dayOf(t time.Time, loc *time.Location) time.Time {
	y, m, d := t.In(loc).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// monday is the Monday of d's week.
func monday(d time.Time) time.Time { return d.AddDate(0, 0, -render.WeekdayIndex(d.Weekday())) }

func weekAnchor(year, week int) string { return fmt.Sprintf("semaine-%04d-W%02d", year, week) }

// statusOf reads an entry's status, none being scheduled.
func statusOf(s pipeline.Status) pipeline.Status {
	if s == "" {
		return pipeline.StatusScheduled
	}
	return s
}

func stateOf(l *Labels, s pipeline.Status) stateView {
	s = statusOf(s)
	if _, ok := l.states[s]; !ok {
		return stateView{Class: "st-other", Label: string(s)}
	}
	return stateView{Class: "st-" + string(s), Label: l.state(s, 1)}
}

func channelBadge(name string, channels map[string]pipeline.ChannelConfig) badge {
	b := badge{Name: name}
	if cc, ok := channels[name]; ok {
		b.Title = who(cc)
	}
	return b
}

// who says where a channel publishes: "mastodon · @botanique@mastodon.social".
func who(cc pipeline.ChannelConfig) string {
	s := network(cc)
	if cc.Account != "" {
		s += " · " + cc.Account
	}
	return s
}

func network(cc pipeline.ChannelConfig) string {
	if cc.Network != "" {
		return cc.Network
	}
	return cc.Type
}

// newPost starts the detail of a post from its first entry.
func newPost(l *Labels, e pipeline.Entry, in Input, loc *time.Location, anchors map[string]bool) *postView {
	p := e.Post
	pv := &postView{
		L:      l,
		Anchor: anchor(p.Path, anchors),
		Path:   p.Path,
		Title:  oneLine(e.Title),
		Lang:   langTag(p.Lang),
	}
	if pv.Title == "" {
		pv.Title = render.Title(p)
	}
	if !p.PublishAt.IsZero() {
		pv.When = l.dateTime(p.PublishAt.In(loc))
		if r := p.Repeat; r != nil {
			pv.When += ", " + repeatWhen(l, r, loc)
		}
	}
	if p.Lang != "" {
		pv.Meta = append(pv.Meta, l.f.lang(p.Lang))
	}
	if p.Campaign != "" {
		pv.Meta = append(pv.Meta, l.f.campaign(p.Campaign))
	}
	if p.Brand != "" {
		pv.Meta = append(pv.Meta, l.f.brand(p.Brand))
	}
	if p.Sponsored {
		pv.Meta = append(pv.Meta, l.f.sponsored)
	}
	if p.Replaces != "" {
		pv.Meta = append(pv.Meta, l.f.replaces(p.Replaces))
	}

	fs := append([]pipeline.Finding(nil), in.Findings[p.Path]...)
	sort.SliceStable(fs, func(i, j int) bool {
		a, b := fs[i], fs[j]
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		if a.Col != b.Col {
			return a.Col < b.Col
		}
		return a.Rule < b.Rule
	})
	for _, f := range fs {
		fv := findingView{
			Where:    fmt.Sprintf("%s:%d:%d", f.Path, f.Line, f.Col),
			Rule:     f.Rule,
			Class:    "sev-" + f.Severity.String(),
			Icon:     severityIcon(f.Severity),
			Severity: l.severity(f.Severity, 1),
			Message:  f.Message,
			Hint:     f.Hint,
		}
		if f.Fix != nil {
			if f.Fix.Text == "" {
				fv.Fix = l.f.deleteFix
			} else {
				fv.Fix = l.f.fix(l.visible(f.Fix.Text))
			}
		}
		pv.Findings = append(pv.Findings, fv)
	}
	pv.Mark = worst(l, fs)
	if pv.Mark != nil && pv.Mark.Class == "sev-error" {
		pv.Open = true
	}

	for _, name := range e.Channels {
		cv := channelOf(l, p, name, in.Channels, loc)
		pv.Open = pv.Open || cv.Open
		pv.Channels = append(pv.Channels, cv)
	}
	return pv
}

// addOccurrence records one entry of the post: its state in the summary,
// its date in the list of a recurring post's occurrences.
func (pv *postView) addOccurrence(l *Labels, e pipeline.Entry, st stateView, loc *time.Location) {
	seen := false
	for _, s := range pv.States {
		seen = seen || s == st
	}
	if !seen {
		pv.States = append(pv.States, st)
	}
	if statusOf(e.Status) == pipeline.StatusFailed {
		pv.Open = true
	}
	if e.Recurring {
		o := occurrence{When: l.shortDate(e.At.In(loc)) + " " + e.At.In(loc).Format("15:04"), State: st}
		for _, ch := range e.Channels {
			if u := e.URLs[ch]; isWebURL(u) {
				o.Links = append(o.Links, occLink{Channel: ch, URL: u})
			}
		}
		pv.Occurrences = append(pv.Occurrences, o)
	}
}

// channelOf is the detail of a post on one of its channels.
func channelOf(l *Labels, p *pipeline.Post, name string, channels map[string]pipeline.ChannelConfig, loc *time.Location) channelView {
	cv := channelView{L: l, Name: name}
	cc, ok := channels[name]
	if !ok {
		cv.Who = "?"
		cv.Open = true
		cv.Summary = l.UnknownChan
		return cv
	}
	cv.Known = true
	if cc.Name == "" {
		cc.Name = name
	}
	if cc.Network == "" {
		cc.Network = cc.Type
	}
	cv.Who = who(cc)
	r := render.ForChannel(p, cc)
	unit := l.unit(r.Unit)
	lang := langTag(p.Lang)
	for i, pc := range r.Parts {
		pv := part(l, pc, unit)
		pv.Lang = lang
		if len(r.Parts) > 1 {
			pv.Label = fmt.Sprintf("%d/%d", i+1, len(r.Parts))
		}
		cv.Over = cv.Over || pv.Over
		cv.Parts = append(cv.Parts, pv)
	}
	switch len(cv.Parts) {
	case 0:
	case 1:
		cv.Summary = cv.Parts[0].Measure
	default:
		cv.Summary = l.f.threadOf(len(cv.Parts))
	}
	if r.FirstComment != nil {
		fc := part(l, *r.FirstComment, unit)
		fc.Label = l.FirstComment
		fc.Lang = lang
		cv.Over = cv.Over || fc.Over
		cv.FirstComment = &fc
	}
	for _, m := range r.Media {
		path := m.Path
		if path == "" {
			path = m.File
		}
		cv.Media = append(cv.Media, mediaView{Path: path, Alt: strings.TrimSpace(m.Alt)})
	}
	if len(r.Media) == 0 && len(p.Media) > 0 {
		cv.MediaLeftOut = l.f.noImages(cc.Network, len(p.Media))
	}
	cv.Pub = publication(l, p, name, loc)
	cv.Open = cv.Over || cv.Pub.Error != ""
	return cv
}

func part(l *Labels, pc render.Piece, unit string) partView {
	pv := partView{L: l, Kept: pc.Kept, Cut: pc.Cut}
	if pv.Kept == "" && pv.Cut == "" {
		pv.Kept = pc.Text
	}
	switch {
	case pc.Limit == 0:
		pv.Measure = fmt.Sprintf("%d %s", pc.Count, unit)
	case pc.Count > pc.Limit:
		pv.Over = true
		pv.Measure = fmt.Sprintf("%d/%d %s ✗ %s", pc.Count, pc.Limit, unit, l.f.over(pc.Count-pc.Limit, unit))
	default:
		pv.Measure = fmt.Sprintf("%d/%d %s ✓", pc.Count, pc.Limit, unit)
	}
	return pv
}

// publication says what happened to the post on a channel.
func publication(l *Labels, p *pipeline.Post, name string, loc *time.Location) pubView {
	pub, ok := p.Publications[name]
	when := func(t time.Time) string {
		if t.IsZero() {
			return ""
		}
		return l.dateTime(t.In(loc))
	}
	var v pubView
	switch {
	case !ok:
		return pubView{Class: "st-scheduled", Text: l.f.notYet}
	case !pub.Retracted.IsZero():
		v = pubView{Class: "st-retracted", Text: l.f.retracted(when(pub.Retracted))}
	case pub.Done():
		v = pubView{Class: "st-published", Text: l.f.published(when(pub.At))}
		if pub.At.IsZero() {
			v.Text = l.state(pipeline.StatusPublished, 1)
		}
		if isWebURL(pub.URL) {
			v.URL, v.LinkText = pub.URL, l.f.linkText(name)
		} else {
			v.Note = l.f.remoteID(pub.ID)
		}
	case pub.Error != "":
		v = pubView{Class: "st-failed", Text: l.f.failed(pub.Attempts, when(pub.At)), Error: pub.Error, Note: l.f.retry(pub.Attempts < pipeline.MaxAttempts)}
	default:
		return pubView{Class: "st-scheduled", Text: l.f.notYet}
	}
	if p.Repeat != nil && !pub.Occurrence.IsZero() {
		v.Text += ", " + l.f.forOcc(when(pub.Occurrence))
	}
	return v
}

// isWebURL: only http and https addresses become links.
func isWebURL(s string) bool {
	low := strings.ToLower(s)
	return strings.HasPrefix(low, "https://") || strings.HasPrefix(low, "http://")
}

func severityIcon(s pipeline.Severity) string {
	switch s {
	case pipeline.Error:
		return "✖"
	case pipeline.Warning:
		return "⚠"
	case pipeline.Suggestion:
		return "ℹ"
	}
	return "•"
}

// worst is the mark of a post with findings: the worst severity and how
// many findings have it; nil without findings.
func worst(l *Labels, fs []pipeline.Finding) *markView {
	var top pipeline.Severity
	n := 0
	for _, f := range fs {
		switch {
		case f.Severity > top:
			top, n = f.Severity, 1
		case f.Severity == top:
			n++
		}
	}
	if top < pipeline.Suggestion {
		return nil
	}
	return &markView{Class: "sev-" + top.String(), Icon: severityIcon(top), Text: fmt.Sprintf("%d %s", n, l.severity(top, n))}
}

// anchor is a post's id in the page: "p-" and its path under posts/ in
// lower-case letters, digits and hyphens, numbered when two paths give
// the same.
func anchor(path string, taken map[string]bool) string {
	var b strings.Builder
	b.WriteString("p-")
	dash := false
	for _, r := range strings.ToLower(strings.TrimSuffix(strings.TrimPrefix(path, content.PostsDir+"/"), ".md")) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			b.WriteRune(r)
			dash = false
		} else if !dash {
			b.WriteByte('-')
			dash = true
		}
	}
	id := strings.TrimRight(b.String(), "-")
	for i, base := 2, id; taken[id]; i++ {
		id = fmt.Sprintf("%s-%d", base, i)
	}
	taken[id] = true
	return id
}

// langTag keeps a post's lang: when it looks like a language tag (fr,
// nl-BE), for the lang attribute of its texts.
func langTag(s string) string {
	if s == "" || len(s) > 35 {
		return ""
	}
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-') {
			return ""
		}
	}
	return s
}

// oneLine keeps a title on its line whatever it holds.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }
