package report

import (
	_ "embed"
	"fmt"
	"html/template"
	"io"
	"math"
	"strconv"
	"strings"
)

//go:embed report.html.tmpl
var htmlSource string

var htmlTemplate = template.Must(template.New("report").Option("missingkey=error").Parse(htmlSource))

// htmlLimits cap the lists of the HTML page, which has no size limit but
// is read by a person and printed.
var htmlLimits = limits{list: 30, perDay: 4, examples: 3, text: 90}

// HTML writes the report as one self-contained page: inline CSS, charts
// drawn as inline SVG (each with role="img", a title and its values as
// text), no script, no font, image or link to fetch (a Content Security
// Policy says so); the only links are the publications' own. It prints on
// A4.
func (r *Report) HTML(w io.Writer) error {
	if err := htmlTemplate.Execute(w, r.htmlView()); err != nil {
		return fmt.Errorf("report: write HTML: %w", err)
	}
	return nil
}

// Palette: restrained, readable in print and by the colour-blind (one hue,
// lightness carries the value).
const (
	colorAccent = "#1e4e9c"
	colorBad    = "#b42318"
	colorShade  = "#f3f4f6"
)

var heatColors = []string{"#f3f6fb", "#d6e2f3", "#a9c2e6", "#6f97d2", "#3a6cb8", "#1e4e9c"}

type htmlView struct {
	Lang, Title, Repository, Brand, Zone, Subtitle string
	Empty                                          bool
	L                                              map[string]string
	KPIs                                           []kpi
	Notes                                          []string
	Metrics                                        []cells
	Groups                                         []groupTable
	Ranks                                          []rankTable
	DayChart, ChannelChart, HeatChart              *chart
	Weekdays                                       [7]string
	Weeks                                          [][7]calCell
	Caught                                         []caughtRow
	CaughtMore                                     string
	Failures                                       []failureRow
	FailuresMore                                   string
	Retractions                                    []cells
	RetractionsMore                                string
}

type kpi struct {
	Label, Value, Note, Change string
	Trend                      string // "up", "down" or ""
}

type cells []string

type groupTable struct {
	Title, Column string
	Rows          []cells
	More          string
}

type rankTable struct {
	Title, Empty string
	Rows         []rankRow
}

type rankRow struct {
	Rank, Title, URL, Marks, Channel, Date, Interactions, Rate string
}

type calCell struct {
	Day   int // 0 outside the month
	Items []calItem
	More  string
	Today string // the day's full name, for the title attribute
}

type calItem struct{ Time, Title, Channels string }

type caughtRow struct {
	Rule, Severity, Count, Posts string
	Examples                     []string
}

type failureRow struct {
	Date, Title, Channel, Error, Attempts, Outcome string
	Open                                           bool
}

// chart is an SVG drawing: shapes and texts in its own coordinates.
type chart struct {
	ID, Title, Desc string
	Width, Height   int
	Rects           []rect
	Lines           []line
	Texts           []text
}

type rect struct {
	X, Y, W, H float64
	Fill       string
	Title      string // a tooltip, and the value as text for a reader
}

type line struct{ X1, Y1, X2, Y2 float64 }

type text struct {
	X, Y   float64
	S      string
	Anchor string // start, middle, end
	Class  string // small, value, label, inverse
}

func round1(x float64) float64 { return math.Round(x*10) / 10 }

func (r *Report) htmlView() *htmlView {
	w := wordsFor(r.Lang)
	lim := htmlLimits
	v := &htmlView{Lang: w.lang, Title: w.title + " — " + w.month(r.Month), Repository: cut(r.Repository, 80), Brand: cut(r.Brand, 80), Zone: r.Location.String(),
		Empty: len(r.Publications) == 0, Weekdays: w.weekdayAbbr}
	v.Subtitle = w.Month(r.Month)
	if r.Brand != "" {
		v.Subtitle = v.Brand + " · " + w.month(r.Month)
	} else {
		v.Brand = w.allBrands
	}
	v.L = map[string]string{
		"brand": w.brand, "summary": w.summary, "nothing": w.nothing, "nothingHint": w.nothingHint, "engagement": w.engagement,
		"metric": w.metric, "total": w.total, "reportedBy": w.reportedBy, "perDay": w.perDay, "perDayNote": w.perDayNote,
		"calendar": w.calendar, "timing": w.timing, "caught": w.caught, "caughtNote": w.caughtNote, "caughtNone": w.caughtNone,
		"rule": w.rule, "severity": w.severity, "count": w.count, "posts": w.posts, "examples": w.examples,
		"failures": w.failures, "failuresNone": w.failuresNone, "date": w.date, "publication": w.publication, "channel": w.channel,
		"error": w.error, "attempts": w.attempts, "outcome": w.outcome, "retractions": w.retractions, "retractionsNone": w.retractionsNone,
		"published": w.published, "interactions": w.interactions, "rate": w.rate, "footer": w.footer, "rateMixedNote": w.rateMixedNote,
		"generatedFrom": w.generatedFrom, "title": w.title, "colon": w.colon, "channelChart": w.channelChart, "publications": w.publications,
	}

	// KPI tiles.
	pubs := kpi{Label: w.kpiPublications, Value: w.int(int64(len(r.Publications)))}
	inter := kpi{Label: w.kpiInteractions, Value: "—"}
	if r.Total.Measured > 0 {
		inter.Value = w.int(r.Total.Interactions)
	}
	if pr := r.Previous; pr != nil {
		pubs.Change, pubs.Trend = w.change(int64(len(r.Publications)), int64(pr.Publications)), trend(int64(len(r.Publications)), int64(pr.Publications))
		pubs.Note = w.vsPrevious + " " + w.month(pr.Month) + " (" + w.int(int64(pr.Publications)) + ")"
		if pr.Measured > 0 && r.Total.Measured > 0 {
			inter.Change, inter.Trend = w.change(r.Total.Interactions, pr.Interactions), trend(r.Total.Interactions, pr.Interactions)
			inter.Note = w.vsPrevious + " " + w.month(pr.Month) + " (" + w.int(pr.Interactions) + ")"
		}
	} else {
		pubs.Note = w.noPrevious
	}
	v.KPIs = append(v.KPIs, pubs, inter)
	if rate, ok := r.Total.Rate(); ok {
		v.KPIs = append(v.KPIs, kpi{Label: w.kpiRate, Value: w.pct(rate), Note: fmt.Sprintf("%s %d/%d", w.kpiImpressions+w.colon, r.Total.WithImpressions, len(r.Publications))})
		v.Notes = append(v.Notes, w.rateNote+".")
	}
	if r.Total.Measured > 0 {
		v.KPIs = append(v.KPIs, kpi{Label: w.kpiPerPost, Value: w.dec(r.Total.PerPost()), Note: fmt.Sprintf("%d %s", r.Total.Measured, w.measured)})
	}
	if len(r.Failures) > 0 {
		k := kpi{Label: w.kpiFailures, Value: w.int(int64(r.Unresolved())), Note: fmt.Sprintf("%s%s %d", w.failures, w.colon, len(r.Failures))}
		if r.Unresolved() > 0 {
			k.Trend = "bad"
		}
		v.KPIs = append(v.KPIs, k)
	}
	if n := len(r.Publications) - r.Total.Measured; n > 0 && len(r.Publications) > 0 {
		v.Notes = append(v.Notes, w.unmeasuredText(n)+".")
	}

	if !v.Empty {
		for _, m := range r.Metrics {
			total := w.notAvailable
			if m.Publications > 0 {
				total = w.int(m.Total)
			}
			v.Metrics = append(v.Metrics, cells{w.metrics[m.Metric], total, fmt.Sprintf("%d / %d", m.Publications, len(r.Publications))})
		}
		for _, g := range []struct {
			title, col string
			groups     []Group
		}{{w.channels, w.channel, r.Channels}, {w.networks, w.network, r.Networks}, {w.campaigns, w.campaign, r.Campaigns}} {
			t := groupTable{Title: g.title, Column: g.col}
			for i, gr := range g.groups {
				if i == lim.list {
					t.More = fmt.Sprintf(w.more, len(g.groups)-lim.list)
					break
				}
				name := gr.Name
				if name == "" {
					name = w.noCampaign
				}
				in := "—"
				if gr.Measured > 0 {
					in = w.int(gr.Interactions)
				}
				t.Rows = append(t.Rows, cells{cut(name, lim.text), w.int(int64(gr.Publications)), in, w.groupRate(gr)})
			}
			v.Groups = append(v.Groups, t)
		}
		for _, list := range []struct {
			title string
			pubs  []*Publication
		}{{w.top, r.Top}, {w.bottom, r.Bottom}} {
			t := rankTable{Title: list.title}
			if len(list.pubs) == 0 {
				t.Empty = w.onlyFew
			}
			for i, p := range list.pubs {
				row := rankRow{Rank: strconv.Itoa(i + 1), Title: cut(p.Title, lim.text), Channel: p.Channel, Date: w.shortDate(p.Time),
					Interactions: w.int(p.Interactions()), Rate: w.pubRate(p)}
				if isWebURL(p.URL) {
					row.URL = p.URL
				}
				if !p.Retracted.IsZero() {
					row.Marks = w.retracted + " " + w.shortDate(p.Retracted)
				}
				if p.Deleted {
					row.Marks = strings.TrimPrefix(row.Marks+" · "+w.deletedPost, " · ")
				}
				t.Rows = append(t.Rows, row)
			}
			v.Ranks = append(v.Ranks, t)
		}
		v.DayChart = r.dayChart(w)
		v.ChannelChart = r.channelChart(w)
		v.HeatChart = r.heatChart(w)
		v.Weeks = r.calendarWeeks(w, lim)
	}

	for i, g := range r.Caught {
		if i == lim.list {
			v.CaughtMore = fmt.Sprintf(w.more, len(r.Caught)-lim.list)
			break
		}
		row := caughtRow{Rule: g.Rule, Severity: w.severityName(g.Severity), Count: strconv.Itoa(g.Count), Posts: strconv.Itoa(g.Posts)}
		for _, e := range g.Examples {
			s := w.lq + cut(e.Title, lim.text/2) + w.rq + w.colon + " " + cut(e.Message, lim.text)
			if e.Author != "" {
				s += " (" + e.Author + ")"
			}
			row.Examples = append(row.Examples, s)
		}
		v.Caught = append(v.Caught, row)
	}
	for i, f := range r.Failures {
		if i == lim.list {
			v.FailuresMore = fmt.Sprintf(w.more, len(r.Failures)-lim.list)
			break
		}
		title := cut(f.Title, lim.text)
		if f.Retraction {
			title += " (" + w.retraction + ")"
		}
		v.Failures = append(v.Failures, failureRow{Date: w.shortDate(f.Time), Title: title, Channel: f.Channel, Error: cut(f.Error, lim.text*2),
			Attempts: strconv.Itoa(f.Attempts), Outcome: w.outcomeOf(f), Open: f.Resolved.IsZero()})
	}
	for i, rt := range r.Retractions {
		if i == lim.list {
			v.RetractionsMore = fmt.Sprintf(w.more, len(r.Retractions)-lim.list)
			break
		}
		published := "—"
		if !rt.Published.IsZero() {
			published = w.shortDate(rt.Published)
		}
		v.Retractions = append(v.Retractions, cells{w.shortDate(rt.Time), cut(rt.Title, lim.text), rt.Channel, published})
	}
	return v
}

func trend(now, before int64) string {
	switch {
	case now > before:
		return "up"
	case now < before:
		return "down"
	}
	return ""
}

// niceCeil is the smallest of 1, 2, 2.5, 5 × 10^k at or above x.
func niceCeil(x float64) float64 {
	if x <= 0 {
		return 1
	}
	e := math.Pow(10, math.Floor(math.Log10(x)))
	for _, f := range []float64{1, 2, 2.5, 5, 10} {
		if f*e >= x {
			return f * e
		}
	}
	return 10 * e
}

// dayChart draws the interactions gained each day as bars, weekends
// shaded, each bar's value written above it.
func (r *Report) dayChart(w *words) *chart {
	const width, height, left, right, top, bottom = 720, 250, 48, 8, 22, 34
	c := &chart{ID: "chart-days", Title: w.perDayChart + " — " + w.month(r.Month), Width: width, Height: height}
	lo, hi := int64(0), int64(0)
	for _, d := range r.Days {
		lo, hi = min(lo, d.Interactions), max(hi, d.Interactions)
	}
	up, down := niceCeil(float64(hi)), 0.0
	if lo < 0 {
		down = niceCeil(float64(-lo))
	}
	plotH := float64(height - top - bottom)
	y := func(v float64) float64 { return round1(float64(top) + plotH*(up-v)/(up+down)) }
	slot := float64(width-left-right) / float64(len(r.Days))
	ticks := []float64{0, up}
	if half := up / 2; half == math.Trunc(half) {
		ticks = append(ticks, half)
	}
	if down > 0 {
		ticks = append(ticks, -down)
	}
	for _, tick := range ticks {
		c.Lines = append(c.Lines, line{X1: left, Y1: y(tick), X2: width - right, Y2: y(tick)})
		c.Texts = append(c.Texts, text{X: left - 6, Y: y(tick) + 3, S: compact(w, int64(tick)), Anchor: "end", Class: "small"})
	}
	var desc []string
	for i, d := range r.Days {
		x := float64(left) + slot*float64(i)
		if wd := weekday(d.Date); wd >= 5 {
			c.Rects = append(c.Rects, rect{X: round1(x), Y: top, W: round1(slot), H: plotH, Fill: colorShade})
		}
		label := w.weekdayAbbr[weekday(d.Date)] + " " + strconv.Itoa(d.Date.Day())
		c.Texts = append(c.Texts, text{X: round1(x + slot/2), Y: height - bottom + 14, S: strconv.Itoa(d.Date.Day()), Anchor: "middle", Class: "small"})
		desc = append(desc, label+w.colon+" "+w.int(d.Interactions))
		if d.Interactions == 0 {
			continue
		}
		v := float64(d.Interactions)
		y0, y1 := y(0), y(v)
		fill := colorAccent
		if v < 0 {
			y0, y1, fill = y1, y0, colorBad
		}
		c.Rects = append(c.Rects, rect{X: round1(x + slot*0.15), Y: y1, W: round1(slot * 0.7), H: round1(max(y0-y1, 0.5)), Fill: fill, Title: label + w.colon + " " + w.int(d.Interactions)})
		ty := y1 - 3
		if v < 0 {
			ty = y0 + 10
		}
		c.Texts = append(c.Texts, text{X: round1(x + slot/2), Y: round1(ty), S: compact(w, d.Interactions), Anchor: "middle", Class: "value"})
	}
	c.Texts = append(c.Texts, text{X: float64(width) / 2, Y: height - 4, S: w.day + " (" + w.month(r.Month) + ")", Anchor: "middle", Class: "small"})
	c.Desc = w.gained + w.colon + " " + strings.Join(desc, w.semi+" ")
	return c
}

// compact writes a bar's value in the room of a bar: 1234 as 1,2k.
func compact(w *words, n int64) string {
	if n >= 10000 || n <= -10000 {
		return strings.Replace(strconv.FormatFloat(float64(n)/1000, 'f', 0, 64), "-", "−", 1) + "k"
	}
	if n >= 1000 || n <= -1000 {
		return strings.Replace(strings.Replace(strconv.FormatFloat(float64(n)/1000, 'f', 1, 64), ".", w.decimal, 1), "-", "−", 1) + "k"
	}
	return w.int(n)
}

// channelChart draws the publications per channel as horizontal bars.
func (r *Report) channelChart(w *words) *chart {
	const width, left, right, rowH, top = 440, 130, 44, 26, 8
	groups := r.Channels
	var others Group
	if len(groups) > 12 {
		for _, g := range groups[11:] {
			others.Publications += g.Publications
		}
		others.Name = fmt.Sprintf(w.more, len(groups)-11)
		groups = append(groups[:11:11], others)
	}
	height := top*2 + rowH*len(groups)
	c := &chart{ID: "chart-channels", Title: w.channelChart + " — " + w.month(r.Month), Width: width, Height: height}
	peak := 1
	for _, g := range groups {
		peak = max(peak, g.Publications)
	}
	var desc []string
	for i, g := range groups {
		y := float64(top + rowH*i)
		bw := round1(float64(width-left-right) * float64(g.Publications) / float64(peak))
		c.Texts = append(c.Texts, text{X: left - 8, Y: y + rowH/2 + 4, S: cut(g.Name, 16), Anchor: "end", Class: "label"})
		c.Rects = append(c.Rects, rect{X: left, Y: y + 4, W: max(bw, 1), H: rowH - 8, Fill: colorAccent, Title: g.Name + w.colon + " " + w.int(int64(g.Publications))})
		c.Texts = append(c.Texts, text{X: left + max(bw, 1) + 6, Y: y + rowH/2 + 4, S: w.int(int64(g.Publications)), Anchor: "start", Class: "label"})
		desc = append(desc, g.Name+w.colon+" "+w.int(int64(g.Publications)))
	}
	c.Desc = strings.Join(desc, w.semi+" ")
	return c
}

// heatChart draws the publications per weekday and hour as a grid whose
// darker cells had more, each count written in its cell.
func (r *Report) heatChart(w *words) *chart {
	const left, top, cellW, cellH = 44, 20, 27, 24
	width, height := left+24*cellW+4, top+7*cellH+4
	c := &chart{ID: "chart-heat", Title: w.heatChart + " — " + w.month(r.Month), Width: width, Height: height}
	peak := 1
	for d := range 7 {
		for h := range 24 {
			peak = max(peak, r.Heat[d][h])
		}
	}
	for h := range 24 {
		c.Texts = append(c.Texts, text{X: float64(left + h*cellW + cellW/2), Y: top - 6, S: strconv.Itoa(h), Anchor: "middle", Class: "small"})
	}
	var desc []string
	for d := range 7 {
		y := float64(top + d*cellH)
		c.Texts = append(c.Texts, text{X: left - 6, Y: y + cellH/2 + 4, S: w.weekdayAbbr[d], Anchor: "end", Class: "label"})
		var cells []string
		for h := range 24 {
			n := r.Heat[d][h]
			level := 0
			if n > 0 {
				level = 1 + (n*(len(heatColors)-2)+peak-1)/peak
				level = min(level, len(heatColors)-1)
			}
			x := float64(left + h*cellW)
			c.Rects = append(c.Rects, rect{X: x + 1, Y: y + 1, W: cellW - 2, H: cellH - 2, Fill: heatColors[level],
				Title: fmt.Sprintf("%s %02d h%s %d", w.weekdays[d], h, w.colon, n)})
			if n > 0 {
				class := "value"
				if level >= 3 {
					class = "inverse"
				}
				c.Texts = append(c.Texts, text{X: x + cellW/2, Y: y + cellH/2 + 4, S: strconv.Itoa(n), Anchor: "middle", Class: class})
				cells = append(cells, fmt.Sprintf("%02d h %d", h, n))
			}
		}
		if len(cells) > 0 {
			desc = append(desc, w.weekdays[d]+w.colon+" "+strings.Join(cells, ", "))
		}
	}
	c.Desc = strings.Join(desc, w.semi+" ")
	return c
}

// calendarWeeks lays the month out in weeks, Monday first.
func (r *Report) calendarWeeks(w *words, lim limits) [][7]calCell {
	var weeks [][7]calCell
	var week [7]calCell
	for i, d := range r.Days {
		wd := weekday(d.Date)
		if i > 0 && wd == 0 {
			weeks = append(weeks, week)
			week = [7]calCell{}
		}
		cell := calCell{Day: d.Date.Day(), Today: w.dayName(d.Date)}
		items := outings(d.Publications)
		for j, it := range items {
			if j == lim.perDay {
				cell.More = fmt.Sprintf(w.more, len(items)-lim.perDay)
				break
			}
			cell.Items = append(cell.Items, calItem{Time: it.at.Format("15:04"), Title: cut(it.title, 48), Channels: strings.Join(it.channels, ", ")})
		}
		week[wd] = cell
	}
	return append(weeks, week)
}
