package report

import (
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/crieur/crieur/pipeline"
	"github.com/crieur/crieur/pipeline/render"
)

// Input is everything a report is made of. The report reads no file and
// no clock: the caller passes the month, the time zone and the data.
type Input struct {
	// Month is any instant of the month to report, usually its first
	// instant in Location.
	Month    time.Time
	Location *time.Location // the repository's time zone; nil is UTC
	// Brand keeps the publications of one brand (a post's Brand); "" keeps
	// them all.
	Brand string
	Lang  string // "fr" (the default), "en" or "nl": labels, month and day names, numbers
	// Repository names the content repository in the header ("owner/name").
	Repository string
	// Records is the whole journal: the report keeps the month's
	// publications, failures and retractions, looks at later records to
	// tell whether a failure was resolved and at earlier ones for the
	// previous month.
	Records []pipeline.Record
	// Readings are the engagement readings; later months may be included.
	// A publication's figures are its latest reading before the end of
	// the month; the readings within the month draw the daily curve.
	Readings []pipeline.Reading
	// Posts are the repository's posts by path. A post deleted since is
	// reported from the journal alone (its title is its file name).
	Posts map[string]*pipeline.Post
	// Caught are the findings the review caught; those with a Time
	// outside the month are left out.
	Caught []pipeline.Caught
	// Config, optional, gives the brand of a post deleted since: the one
	// brand whose channels include the channel it went out on.
	Config *pipeline.Config
}

// Report is the month computed from an Input. Every view (Markdown, CSV,
// HTML) is drawn from it alone.
type Report struct {
	Repository string
	Brand      string
	Lang       string // "fr", "en" or "nl"
	Month      time.Time
	End        time.Time // the first instant of the next month
	Location   *time.Location

	// Publications are the month's, oldest first: one per channel and
	// occurrence that went out (published or recovered).
	Publications []*Publication
	Total        Group // all the month's publications
	// Metrics are the engagement totals per metric over the latest
	// readings, in the order of pipeline.Metrics; a metric no
	// publication reports has Publications 0 (not available).
	Metrics                       []MetricTotal
	Channels, Networks, Campaigns []Group
	// Top and Bottom are the five measured publications with the most
	// and the fewest interactions (most first, fewest first); Bottom
	// never repeats Top.
	Top, Bottom []*Publication
	Days        []Day // one per day of the month
	// Weekdays and Hours count the month's publications by local weekday
	// (Monday first) and hour; Slots crosses the two, with the engagement
	// of each slot's measured publications.
	Weekdays [7]int
	Hours    [24]int
	Slots    [7][24]Slot
	// Best is the slot whose measured publications had the highest median
	// engagement, nil when too few were measured to tell (BestSlotMin).
	Best *Slot
	// Brands name the brands the report covers, as their clients read
	// them (crieur.yml's name:, else the key): Brand alone, or every
	// brand of crieur.yml in its order and any other brand a publication
	// of the month names; none when the repository has no brands.
	Brands []string
	Caught []Rule // by count, then rule id
	// CaughtTotal is the number of findings caught.
	CaughtTotal int
	Failures    []Failure // still failing first, then by time
	Retractions []Retraction
	// Previous is the month before, for the month-over-month change; nil
	// when the journal does not go back that far.
	Previous *Previous
}

// Publication is one post gone out on one channel.
type Publication struct {
	Time     time.Time // in the report's location
	Post     string    // path
	Title    string    // the post's title or first line; its file name when deleted
	Channel  string
	Network  string
	Account  string
	Campaign string
	Brand    string
	URL      string
	RemoteID string
	Key      string // the journal's delivery key
	Deleted  bool   // the post file is gone since
	// Retracted is when it was taken down (any time the journal knows),
	// zero when it was not.
	Retracted time.Time
	// Engagement is the latest reading before the end of the month, nil
	// when there is none; ReadAt is when it was read.
	Engagement pipeline.Engagement
	ReadAt     time.Time
}

// Measured reports whether the publication has a reading.
func (p *Publication) Measured() bool { return p.Engagement != nil }

// Interactions is the sum of the interactions of its latest reading.
func (p *Publication) Interactions() int64 { return p.Engagement.Interactions() }

// Rate is interactions per impression, when the reading has impressions.
func (p *Publication) Rate() (float64, bool) {
	if imp := p.Engagement[pipeline.Impressions]; imp > 0 {
		return float64(p.Interactions()) / float64(imp), true
	}
	return 0, false
}

// Group sums the publications of a channel, a network, a campaign or the
// whole month.
type Group struct {
	Name         string
	Publications int
	Measured     int   // publications with a reading
	Interactions int64 // of the measured publications
	// The publications whose reading has impressions, their impressions
	// and their interactions: the engagement rate is computed on them
	// only.
	WithImpressions             int
	Impressions                 int64
	InteractionsWithImpressions int64
}

// Rate is the engagement rate, interactions ÷ impressions, over the
// publications that report impressions; ok is false when none does, and
// PerPost is then the figure to show.
func (g Group) Rate() (rate float64, ok bool) {
	if g.Impressions > 0 {
		return float64(g.InteractionsWithImpressions) / float64(g.Impressions), true
	}
	return 0, false
}

// PerPost is the interactions per measured publication.
func (g Group) PerPost() float64 {
	if g.Measured == 0 {
		return 0
	}
	return float64(g.Interactions) / float64(g.Measured)
}

func (g *Group) add(p *Publication) {
	g.Publications++
	if !p.Measured() {
		return
	}
	n := p.Interactions()
	g.Measured++
	g.Interactions += n
	if imp, ok := p.Engagement[pipeline.Impressions]; ok {
		g.WithImpressions++
		g.Impressions += imp
		g.InteractionsWithImpressions += n
	}
}

// MinBase is the fewest publications a rate is computed on for it to
// mean something: below it the views say that the base is too small.
const MinBase = 5

// BestSlotMin is the fewest measured publications a weekday × hour slot
// needs to be named the best time to post; at least two slots must have
// as many, or there is nothing to compare.
const BestSlotMin = 3

// Slot is one hour of one weekday over the month: how many publications
// went out in it and the median of the interactions of those measured.
type Slot struct {
	Weekday, Hour int // Monday is 0
	Publications  int
	Measured      int
	Median        float64 // interactions per measured publication; 0 when none is measured
}

// MetricTotal is one metric summed over the month's publications.
type MetricTotal struct {
	Metric       pipeline.Metric
	Total        int64
	Publications int // that report it; 0 is "not available"
}

// Day is one day of the month.
type Day struct {
	Date         time.Time // midnight, in the report's location
	Publications []*Publication
	// Gained is the engagement gained that day, per metric, and
	// Interactions its interactions: for every reading taken that day,
	// the difference with the previous reading of the same publication.
	// The first reading of a publication of the month counts from zero;
	// the first one in the month of an older publication without an
	// earlier reading only sets the base (when it was gained is unknown).
	Gained       pipeline.Engagement
	Interactions int64
}

// Rule is what the review caught of one rule.
type Rule struct {
	Rule     string
	Severity pipeline.Severity // the highest seen
	Count    int
	Posts    int       // distinct posts
	Examples []Example // the first three posts
}

// Example is one finding the review caught, with its post's title.
type Example struct {
	pipeline.Caught
	Title string
}

// Failure is a delivery (a post, a channel, an occurrence) that failed in
// the month, with its last error.
type Failure struct {
	Time       time.Time // the last failure in the month, in the report's location
	Post       string
	Title      string
	Channel    string
	Error      string
	Attempts   int  // failed records in the month
	Retraction bool // the failure was taking the post down
	// Resolved is when a later record succeeded (published or recovered;
	// retracted for a retraction), zero when none did; ResolvedBy is its
	// action.
	Resolved   time.Time
	ResolvedBy pipeline.Action
}

// Retraction is a publication taken down in the month.
type Retraction struct {
	Time      time.Time // in the report's location
	Post      string
	Title     string
	Channel   string
	URL       string    // where it was
	Published time.Time // when it had gone out, zero when the journal does not say
}

// Previous is the month before, as it stood at its end.
type Previous struct {
	Month        time.Time
	Publications int
	Measured     int
	Interactions int64
}

// pubID identifies a publication on its network, as readings do.
type pubID struct{ channel, id string }

// builder holds what Build looks up more than once.
type builder struct {
	in           Input
	loc          *time.Location
	brandByChan  map[string]brandGuess
	start, end   time.Time
	prevStart    time.Time
	titles       map[string]string
	publications map[pubID]*pipeline.Record // every publication of the journal, the first record of each
}

type brandGuess struct {
	brand string
	known bool
}

// Build computes the report of a month.
func Build(in Input) *Report {
	loc := in.Location
	if loc == nil {
		loc = time.UTC
	}
	m := in.Month.In(loc)
	start := time.Date(m.Year(), m.Month(), 1, 0, 0, 0, 0, loc)
	b := &builder{in: in, loc: loc, start: start, end: start.AddDate(0, 1, 0), prevStart: start.AddDate(0, -1, 0),
		brandByChan: map[string]brandGuess{}, titles: map[string]string{}, publications: map[pubID]*pipeline.Record{}}
	w := wordsFor(in.Lang)
	r := &Report{Repository: in.Repository, Brand: in.Brand, Lang: w.lang, Month: start, End: b.end, Location: loc}

	var previous []*Publication
	seen := map[string]bool{}
	retracted := map[string]time.Time{}
	for i := range in.Records {
		rec := &in.Records[i]
		switch rec.Action {
		case pipeline.ActionRetracted:
			if t, ok := retracted[deliveryKey(rec)]; !ok || rec.Time.Before(t) {
				retracted[deliveryKey(rec)] = rec.Time
			}
			continue
		case pipeline.ActionPublished, pipeline.ActionRecovered:
		default:
			continue
		}
		if rec.RemoteID != "" {
			if _, dup := b.publications[pubID{rec.Channel, rec.RemoteID}]; !dup {
				b.publications[pubID{rec.Channel, rec.RemoteID}] = rec
			}
		}
		if rec.Time.Before(b.prevStart) || !rec.Time.Before(b.end) || seen[deliveryKey(rec)] || !b.inScope(rec.Post, rec.Channel) {
			continue
		}
		seen[deliveryKey(rec)] = true
		p := b.publication(rec)
		if p.Time.Before(start) {
			previous = append(previous, p)
		} else {
			r.Publications = append(r.Publications, p)
		}
	}
	sort.SliceStable(r.Publications, func(i, j int) bool { return r.Publications[i].Time.Before(r.Publications[j].Time) })
	for _, p := range r.Publications {
		if t, ok := retracted[p.Key]; ok {
			p.Retracted = t.In(loc)
		}
	}

	b.engagement(r, previous)
	b.groups(r)
	b.days(r)
	b.brands(r)
	b.caught(r)
	b.failures(r)
	b.retractions(r)
	for _, rec := range in.Records {
		if rec.Time.Before(start) {
			pr := &Previous{Month: b.prevStart, Publications: len(previous)}
			for _, p := range previous {
				if p.Measured() {
					pr.Measured++
					pr.Interactions += p.Interactions()
				}
			}
			r.Previous = pr
			break
		}
	}
	return r
}

// deliveryKey identifies a delivery: the journal's key, or what it is made
// of for a record without one.
func deliveryKey(rec *pipeline.Record) string {
	if rec.Key != "" {
		return rec.Key
	}
	return rec.Post + "\x00" + rec.Channel + "\x00" + rec.Occurrence.UTC().Format(time.RFC3339)
}

// brandOf is the brand of a post: its own, or for a post deleted since,
// the one brand whose channels include the channel (the default brand
// when none lists it). known is false when it cannot be told.
func (b *builder) brandOf(path, channel string) (string, bool) {
	if p := b.in.Posts[path]; p != nil {
		return p.Brand, true
	}
	cfg := b.in.Config
	if cfg == nil || len(cfg.Brands) == 0 {
		return "", cfg != nil
	}
	if g, ok := b.brandByChan[channel]; ok {
		return g.brand, g.known
	}
	var g brandGuess
	matches := 0
	for name, br := range cfg.Brands {
		if slices.Contains(br.Channels, channel) {
			g.brand = name
			matches++
		}
	}
	switch {
	case matches == 1:
		g.known = true
	case matches == 0 && cfg.Defaults.Brand != "":
		g = brandGuess{cfg.Defaults.Brand, true}
	default:
		g = brandGuess{}
	}
	b.brandByChan[channel] = g
	return g.brand, g.known
}

// inScope reports whether a post belongs to the report's brand.
func (b *builder) inScope(path, channel string) bool {
	if b.in.Brand == "" {
		return true
	}
	brand, known := b.brandOf(path, channel)
	return known && brand == b.in.Brand
}

func (b *builder) title(path string) string {
	if t, ok := b.titles[path]; ok {
		return t
	}
	p := b.in.Posts[path]
	if p == nil {
		p = &pipeline.Post{Path: path}
	}
	t := render.Title(p)
	b.titles[path] = t
	return t
}

func (b *builder) publication(rec *pipeline.Record) *Publication {
	p := &Publication{Time: rec.Time.In(b.loc), Post: rec.Post, Title: b.title(rec.Post), Channel: rec.Channel, Network: rec.Network,
		Account: rec.Account, URL: rec.URL, RemoteID: rec.RemoteID, Key: deliveryKey(rec)}
	if p.Network == "" {
		p.Network = p.Channel
	}
	if post := b.in.Posts[rec.Post]; post != nil {
		p.Campaign, p.Brand = post.Campaign, post.Brand
	} else {
		p.Deleted = true
		p.Brand, _ = b.brandOf(rec.Post, rec.Channel)
	}
	return p
}

// series are the readings of one publication up to the end of the month:
// the latest before the month and those within it.
type series struct {
	before *pipeline.Reading
	in     []*pipeline.Reading
}

// engagement gives each publication of the month (and of the month before)
// its latest reading, and each day of the month the engagement gained.
func (b *builder) engagement(r *Report, previous []*Publication) {
	all := map[pubID]*series{}
	for i := range b.in.Readings {
		rd := &b.in.Readings[i]
		if !rd.Time.Before(b.end) {
			continue
		}
		k := pubID{rd.Channel, rd.ID}
		s := all[k]
		if s == nil {
			s = &series{}
			all[k] = s
		}
		if rd.Time.Before(b.start) {
			if s.before == nil || !rd.Time.Before(s.before.Time) {
				s.before = rd
			}
		} else {
			s.in = append(s.in, rd)
		}
	}
	for _, s := range all {
		if !sort.SliceIsSorted(s.in, func(i, j int) bool { return s.in[i].Time.Before(s.in[j].Time) }) {
			sort.SliceStable(s.in, func(i, j int) bool { return s.in[i].Time.Before(s.in[j].Time) })
		}
	}
	set := func(p *Publication, latest *pipeline.Reading) {
		if latest != nil {
			p.Engagement, p.ReadAt = latest.Engagement, latest.Time.In(b.loc)
			if p.Engagement == nil {
				p.Engagement = pipeline.Engagement{}
			}
		}
	}
	for _, p := range r.Publications {
		if s := all[pubID{p.Channel, p.RemoteID}]; s != nil && p.RemoteID != "" {
			latest := s.before
			if len(s.in) > 0 {
				latest = s.in[len(s.in)-1]
			}
			set(p, latest)
		}
	}
	for _, p := range previous {
		if s := all[pubID{p.Channel, p.RemoteID}]; s != nil && p.RemoteID != "" {
			set(p, s.before)
		}
	}

	for d := b.start; d.Before(b.end); d = d.AddDate(0, 0, 1) {
		r.Days = append(r.Days, Day{Date: d, Gained: pipeline.Engagement{}})
	}
	for k, s := range all {
		if len(s.in) == 0 {
			continue
		}
		post, channel := s.in[0].Post, k.channel
		rec := b.publications[k]
		if rec != nil {
			post = rec.Post
		}
		if !b.inScope(post, channel) {
			continue
		}
		base := s.before
		ins := s.in
		if base == nil {
			if rec == nil || rec.Time.Before(b.start) {
				base, ins = ins[0], ins[1:] // gained before the month, or when is unknown
			} else {
				base = &pipeline.Reading{} // a publication of the month starts from zero
			}
		}
		for _, rd := range ins {
			d := &r.Days[rd.Time.In(b.loc).Day()-1]
			for m, v := range rd.Engagement {
				d.Gained[m] += v - base.Engagement[m]
			}
			d.Interactions += rd.Engagement.Interactions() - base.Engagement.Interactions()
			base = rd
		}
	}
}

func (b *builder) groups(r *Report) {
	byChannel, byNetwork, byCampaign := map[string]*Group{}, map[string]*Group{}, map[string]*Group{}
	r.Metrics = make([]MetricTotal, len(pipeline.Metrics))
	total := map[pipeline.Metric]*MetricTotal{}
	for i, m := range pipeline.Metrics {
		r.Metrics[i].Metric = m
		total[m] = &r.Metrics[i]
	}
	add := func(groups map[string]*Group, name string, p *Publication) {
		g := groups[name]
		if g == nil {
			g = &Group{Name: name}
			groups[name] = g
		}
		g.add(p)
	}
	var measured []*Publication
	for _, p := range r.Publications {
		r.Total.add(p)
		add(byChannel, p.Channel, p)
		add(byNetwork, p.Network, p)
		add(byCampaign, p.Campaign, p)
		if !p.Measured() {
			continue
		}
		measured = append(measured, p)
		for m, v := range p.Engagement {
			if t := total[m]; t != nil {
				t.Total += v
				t.Publications++
			}
		}
	}
	r.Channels, r.Networks, r.Campaigns = sorted(byChannel), sorted(byNetwork), sorted(byCampaign)

	sort.SliceStable(measured, func(i, j int) bool {
		a, c := measured[i], measured[j]
		if x, y := a.Interactions(), c.Interactions(); x != y {
			return x > y
		}
		if !a.Time.Equal(c.Time) {
			return a.Time.Before(c.Time)
		}
		return a.Post+a.Channel < c.Post+c.Channel
	})
	top := min(5, len(measured))
	r.Top = measured[:top:top]
	rest := measured[top:]
	for i := len(rest) - 1; i >= 0 && len(r.Bottom) < 5; i-- {
		r.Bottom = append(r.Bottom, rest[i])
	}
}

func sorted(groups map[string]*Group) []Group {
	out := make([]Group, 0, len(groups))
	for _, g := range groups {
		out = append(out, *g)
	}
	sort.Slice(out, func(i, j int) bool {
		a, c := out[i], out[j]
		if a.Publications != c.Publications {
			return a.Publications > c.Publications
		}
		if a.Interactions != c.Interactions {
			return a.Interactions > c.Interactions
		}
		return a.Name < c.Name
	})
	return out
}

func (b *builder) days(r *Report) {
	var inter [7][24][]int64
	for _, p := range r.Publications {
		d := &r.Days[p.Time.Day()-1]
		d.Publications = append(d.Publications, p)
		wd, h := weekday(p.Time), p.Time.Hour()
		r.Weekdays[wd]++
		r.Hours[h]++
		r.Slots[wd][h].Publications++
		if p.Measured() {
			inter[wd][h] = append(inter[wd][h], p.Interactions())
		}
	}
	candidates := 0
	for wd := range 7 {
		for h := range 24 {
			s := &r.Slots[wd][h]
			s.Weekday, s.Hour, s.Measured, s.Median = wd, h, len(inter[wd][h]), median(inter[wd][h])
			if s.Measured < BestSlotMin {
				continue
			}
			candidates++
			if best := r.Best; best == nil || s.Median > best.Median || s.Median == best.Median && s.Measured > best.Measured {
				r.Best = s
			}
		}
	}
	if candidates < 2 {
		r.Best = nil
	}
}

// median of xs, 0 for none.
func median(xs []int64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	n := len(s)
	if n%2 == 1 {
		return float64(s[n/2])
	}
	return float64(s[n/2-1]+s[n/2]) / 2
}

// brands lists the brands the report covers.
func (b *builder) brands(r *Report) {
	defer b.brandTitles(r)
	if b.in.Brand != "" {
		r.Brands = []string{b.in.Brand}
		return
	}
	seen := map[string]bool{}
	for _, p := range r.Publications {
		if p.Brand != "" {
			seen[p.Brand] = true
		}
	}
	if cfg := b.in.Config; cfg != nil {
		for name := range cfg.Brands {
			seen[name] = true
		}
		for _, name := range cfg.BrandOrder {
			if seen[name] {
				r.Brands = append(r.Brands, name)
				delete(seen, name)
			}
		}
	}
	rest := make([]string, 0, len(seen))
	for name := range seen {
		rest = append(rest, name)
	}
	sort.Strings(rest)
	r.Brands = append(r.Brands, rest...)
}

// brandTitles names the brands as crieur.yml's name: says.
func (b *builder) brandTitles(r *Report) {
	if cfg := b.in.Config; cfg != nil {
		for i, name := range r.Brands {
			if t := cfg.Brands[name].Title; t != "" {
				r.Brands[i] = t
			}
		}
	}
}

func (b *builder) caught(r *Report) {
	byRule := map[string]*Rule{}
	posts := map[string]map[string]bool{}
	for _, c := range b.in.Caught {
		if !c.Time.IsZero() && (c.Time.Before(b.start) || !c.Time.Before(b.end)) || !b.inScope(c.Post, "") {
			continue
		}
		r.CaughtTotal++
		g := byRule[c.Rule]
		if g == nil {
			g = &Rule{Rule: c.Rule}
			byRule[c.Rule] = g
			posts[c.Rule] = map[string]bool{}
		}
		g.Count++
		g.Severity = max(g.Severity, c.Severity)
		if !posts[c.Rule][c.Post] {
			posts[c.Rule][c.Post] = true
			g.Posts++
			if len(g.Examples) < 3 {
				g.Examples = append(g.Examples, Example{Caught: c, Title: b.title(c.Post)})
			}
		}
	}
	for _, g := range byRule {
		r.Caught = append(r.Caught, *g)
	}
	sort.Slice(r.Caught, func(i, j int) bool {
		if r.Caught[i].Count != r.Caught[j].Count {
			return r.Caught[i].Count > r.Caught[j].Count
		}
		return r.Caught[i].Rule < r.Caught[j].Rule
	})
}

// isRetraction tells a failure to take a post down (it carries the remote
// id of what was to be deleted, and says "retract:") from a failure to
// publish.
func isRetraction(rec *pipeline.Record) bool {
	return rec.RemoteID != "" || strings.HasPrefix(rec.Error, "retract")
}

func (b *builder) failures(r *Report) {
	type fkey struct {
		key        string
		retraction bool
	}
	byKey := map[fkey]*Failure{}
	var order []fkey
	for i := range b.in.Records {
		rec := &b.in.Records[i]
		if rec.Action != pipeline.ActionFailed || rec.Time.Before(b.start) || !rec.Time.Before(b.end) || !b.inScope(rec.Post, rec.Channel) {
			continue
		}
		k := fkey{deliveryKey(rec), isRetraction(rec)}
		f := byKey[k]
		if f == nil {
			f = &Failure{Post: rec.Post, Title: b.title(rec.Post), Channel: rec.Channel, Retraction: k.retraction}
			byKey[k] = f
			order = append(order, k)
		}
		f.Attempts++
		if !rec.Time.Before(f.Time) {
			f.Time, f.Error = rec.Time, rec.Error
		}
	}
	if len(order) == 0 {
		return
	}
	for i := range b.in.Records {
		rec := &b.in.Records[i]
		var k fkey
		switch rec.Action {
		case pipeline.ActionPublished, pipeline.ActionRecovered:
			k = fkey{deliveryKey(rec), false}
		case pipeline.ActionRetracted:
			k = fkey{deliveryKey(rec), true}
		default:
			continue
		}
		if f := byKey[k]; f != nil && rec.Time.After(f.Time) && (f.Resolved.IsZero() || rec.Time.Before(f.Resolved)) {
			f.Resolved, f.ResolvedBy = rec.Time, rec.Action
		}
	}
	for _, k := range order {
		f := byKey[k]
		f.Time = f.Time.In(b.loc)
		if !f.Resolved.IsZero() {
			f.Resolved = f.Resolved.In(b.loc)
		}
		r.Failures = append(r.Failures, *f)
	}
	sort.SliceStable(r.Failures, func(i, j int) bool {
		a, c := r.Failures[i], r.Failures[j]
		if a.Resolved.IsZero() != c.Resolved.IsZero() {
			return a.Resolved.IsZero()
		}
		return a.Time.Before(c.Time)
	})
}

// Unresolved counts the failures that never succeeded afterwards.
func (r *Report) Unresolved() int {
	n := 0
	for _, f := range r.Failures {
		if f.Resolved.IsZero() {
			n++
		}
	}
	return n
}

func (b *builder) retractions(r *Report) {
	published := map[string]time.Time{}
	for i := range b.in.Records {
		rec := &b.in.Records[i]
		if rec.WentOut() {
			if t, ok := published[deliveryKey(rec)]; !ok || rec.Time.Before(t) {
				published[deliveryKey(rec)] = rec.Time
			}
		}
	}
	for i := range b.in.Records {
		rec := &b.in.Records[i]
		if rec.Action != pipeline.ActionRetracted || rec.Time.Before(b.start) || !rec.Time.Before(b.end) || !b.inScope(rec.Post, rec.Channel) {
			continue
		}
		rt := Retraction{Time: rec.Time.In(b.loc), Post: rec.Post, Title: b.title(rec.Post), Channel: rec.Channel, URL: rec.URL}
		if t, ok := published[deliveryKey(rec)]; ok {
			rt.Published = t.In(b.loc)
		}
		r.Retractions = append(r.Retractions, rt)
	}
	sort.SliceStable(r.Retractions, func(i, j int) bool { return r.Retractions[i].Time.Before(r.Retractions[j].Time) })
}
