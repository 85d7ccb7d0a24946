package report

import (
	_ "embed"
	"fmt"
	"html/template"
	"io"
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
// drawn as inline SVG (each with role="img", a title, its values as text
// and a caption), no script, no font, image or link to fetch (a Content
// Security Policy says so); the only links are the publications' own.
// It is laid out for a phone first (tables become cards, charts scale to
// the width or scroll inside their frame) and prints on A4.
func (r *Report) HTML(w io.Writer) error {
	if err := htmlTemplate.Execute(w, r.htmlView()); err != nil {
		return fmt.Errorf("report: write HTML: %w", err)
	}
	return nil
}

type htmlView struct {
	Lang, Title, Repository, Zone, Subtitle string
	BrandLabel, Brands                      string
	Empty, Unmeasured                       bool
	L                                       map[string]string
	KPIs                                    []kpi
	Notes                                   []string
	Metrics                                 *table
	Groups                                  []groupTable
	Ranks                                   []rankTable
	DayChart, ChannelChart, HeatChart       *chart
	Best                                    string
	BestFound                               bool
	Weekdays                                [7]string
	Weeks                                   [][7]calCell
	Caught, Failures, Retractions           *table
}

type kpi struct {
	Label, Value, Note, Warn, Change string
	Trend                            string // "up", "down", "bad" or ""
}

// table is a table of the page: on a phone its rows become cards, each
// cell under its column's label.
type table struct {
	Class string
	Head  []col
	Rows  [][]cell
	More  string
}

type col struct {
	Label string
	Num   bool // right-aligned figures
}

type cell struct {
	Text, URL string
	Label     string   // the column's, for the card view
	Class     string   // n (a figure), open, closed, main
	Sub       []string // smaller lines under the text
	Warn      string   // a warning under the text
	List      []string // a list instead of text
	Code      bool
}

func newTable(class string, cols ...col) *table { return &table{Class: class, Head: cols} }

// add appends a row, giving each cell its column's label and alignment.
func (t *table) add(cells ...cell) {
	for i := range cells {
		if i < len(t.Head) {
			cells[i].Label = t.Head[i].Label
			if t.Head[i].Num {
				cells[i].Class = strings.TrimSpace("n " + cells[i].Class)
			}
		}
	}
	t.Rows = append(t.Rows, cells)
}

type groupTable struct {
	Title string
	Table *table
}

type rankTable struct {
	Title, Note, Empty string
	Table              *table
}

type calCell struct {
	Day   int // 0 outside the month
	Items []calItem
	More  string
	Today string // the day's full name
}

type calItem struct{ Time, Title, Channels string }

func (r *Report) htmlView() *htmlView {
	w := wordsFor(r.Lang)
	v := &htmlView{Lang: w.lang, Title: w.title + " — " + w.month(r.Month), Repository: cut(r.Repository, 80), Zone: r.Location.String(),
		Empty: len(r.Publications) == 0, Weekdays: w.weekdayAbbr, Subtitle: w.Month(r.Month)}
	v.Unmeasured = !v.Empty && r.Total.Measured == 0
	if len(r.Brands) > 0 {
		v.BrandLabel, v.Brands = w.brand, cut(strings.Join(r.Brands, ", "), 120)
		if len(r.Brands) > 1 {
			v.BrandLabel = w.brands
		}
		v.Title = v.Brands + " · " + v.Title
	}
	v.L = map[string]string{
		"summary": w.summary, "nothing": w.nothing, "nothingHint": w.nothingHint, "engagement": w.engagement,
		"noMetrics": w.noMetrics, "noMetricsHint": w.noMetricsHint, "perDay": w.perDay, "perDayNote": w.perDayNote, "perDayNone": w.perDayNone,
		"calendar": w.calendar, "timing": w.timing, "timingNote": w.timingNote, "caught": w.caught, "caughtNote": w.caughtNote, "caughtNone": w.caughtNone,
		"failures": w.failures, "failuresNone": w.failuresNone, "retractions": w.retractions, "retractionsNone": w.retractionsNone,
		"footer": w.footer, "groupsNote": w.groupsNote, "generatedFrom": w.generatedFrom, "title": w.title, "colon": w.colon, "chartData": w.chartData,
	}
	v.kpis(r, w)
	if !v.Empty {
		v.engagement(r, w)
		v.Weeks = r.calendarWeeks(w, htmlLimits)
	}
	v.Caught, v.Failures, v.Retractions = r.caughtTable(w), r.failureTable(w), r.retractionTable(w)
	return v
}

// kpis are the tiles at the top, each rate with what it is computed on.
func (v *htmlView) kpis(r *Report, w *words) {
	pubs := kpi{Label: w.kpiPublications, Value: w.int(int64(len(r.Publications)))}
	inter := kpi{Label: w.kpiInteractions, Value: "—"}
	if r.Total.Measured > 0 {
		inter.Value = w.int(r.Total.Interactions)
		inter.Note = w.perPostBaseText(r.Total)
	}
	if pr := r.Previous; pr != nil {
		pubs.Change, pubs.Trend = w.change(int64(len(r.Publications)), int64(pr.Publications)), trend(int64(len(r.Publications)), int64(pr.Publications))
		pubs.Note = w.vsPrevious + " " + w.month(pr.Month) + " (" + w.int(int64(pr.Publications)) + ")"
		if pr.Measured > 0 && r.Total.Measured > 0 {
			inter.Change, inter.Trend = w.change(r.Total.Interactions, pr.Interactions), trend(r.Total.Interactions, pr.Interactions)
			inter.Note = w.vsPrevious + " " + w.month(pr.Month) + " (" + w.int(pr.Interactions) + ")" + w.semi + " " + inter.Note
		}
	} else {
		pubs.Note = w.noPrevious
	}
	v.KPIs = append(v.KPIs, pubs)
	if r.Total.Measured > 0 { // without readings, the notice says why there are none
		v.KPIs = append(v.KPIs, inter)
	}
	if rate, ok := r.Total.Rate(); ok {
		v.KPIs = append(v.KPIs, kpi{Label: w.kpiRate, Value: w.pct(rate), Note: w.rateBaseText(r.Total), Warn: w.lowBaseText(r.Total.WithImpressions)})
		v.Notes = append(v.Notes, w.rateNote)
	}
	if r.Total.Measured > 0 {
		v.KPIs = append(v.KPIs, kpi{Label: w.kpiPerPost, Value: w.dec(r.Total.PerPost()), Note: w.perPostBaseText(r.Total), Warn: w.lowBaseText(r.Total.Measured)})
	}
	if len(r.Failures) > 0 {
		k := kpi{Label: w.kpiFailures, Value: w.int(int64(r.Unresolved())), Note: fmt.Sprintf("%s%s %d", w.failures, w.colon, len(r.Failures))}
		if r.Unresolved() > 0 {
			k.Trend = "bad"
		}
		v.KPIs = append(v.KPIs, k)
	}
	if n := len(r.Publications) - r.Total.Measured; n > 0 && r.Total.Measured > 0 {
		v.Notes = append(v.Notes, w.unmeasuredText(n))
	}
}

// engagement fills the sections of a month with publications: what is
// not measured is said in a sentence rather than drawn empty.
func (v *htmlView) engagement(r *Report, w *words) {
	lim := htmlLimits
	v.ChannelChart = r.channelChart(w)
	for _, g := range []struct {
		title, col string
		groups     []Group
	}{{w.channels, w.channel, r.Channels}, {w.networks, w.network, r.Networks}, {w.campaigns, w.campaign, r.Campaigns}} {
		v.Groups = append(v.Groups, groupTable{Title: g.title, Table: w.groupTable(g.col, g.groups, lim, !v.Unmeasured)})
	}
	if v.Unmeasured {
		return
	}
	v.Metrics = newTable("", col{w.metric, false}, col{w.total, true}, col{w.reportedBy, true})
	for _, m := range r.Metrics {
		total := w.notAvailable
		if m.Publications > 0 {
			total = w.int(m.Total)
		}
		v.Metrics.add(cell{Text: w.metrics[m.Metric], Class: "main"}, cell{Text: total}, cell{Text: fmt.Sprintf("%d / %d", m.Publications, len(r.Publications))})
	}
	for _, d := range r.Days {
		if d.Interactions != 0 {
			v.DayChart = r.dayChart(w)
			break
		}
	}
	v.ranks(r, w)
	v.HeatChart, v.Best, v.BestFound = r.heatChart(w), w.bestText(r), r.Best != nil
}

// groupTable is the table of a channel, network or campaign: figures of
// one unit per column, each rate over the publications it is computed on.
func (w *words) groupTable(column string, groups []Group, lim limits, measured bool) *table {
	cols := []col{{column, false}, {w.publications, true}}
	if measured {
		cols = append(cols, col{w.measured, true}, col{w.interactions, true}, col{w.perPost, true}, col{w.rate, true})
	}
	t := newTable("cards", cols...)
	for i, gr := range groups {
		if i == lim.list {
			t.More = fmt.Sprintf(w.more, len(groups)-lim.list)
			break
		}
		name := gr.Name
		if name == "" {
			name = w.noCampaign
		}
		row := []cell{{Text: cut(name, lim.text), Class: "main"}, {Text: w.int(int64(gr.Publications))}}
		if measured {
			in, per := cell{Text: "—"}, cell{Text: "—"}
			if gr.Measured > 0 {
				in.Text, per.Text = w.int(gr.Interactions), w.dec(gr.PerPost())
			}
			row = append(row, cell{Text: w.int(int64(gr.Measured))}, in, per, w.rateCell(gr))
		}
		t.add(row...)
	}
	return t
}

// rateCell is a group's engagement rate with the number of publications
// it is computed on, flagged when they are too few.
func (w *words) rateCell(g Group) cell {
	rate, ok := g.Rate()
	if !ok {
		return cell{Text: "—"}
	}
	c := cell{Text: w.pct(rate), Sub: []string{fmt.Sprintf(plural2(w.cellBase, g.WithImpressions), g.WithImpressions)}}
	if g.WithImpressions < MinBase {
		c.Warn = w.lowBaseShort
	}
	return c
}

// ranks are the most and the least engaging publications; the least
// only when there are more measured publications than the most show.
func (v *htmlView) ranks(r *Report, w *words) {
	for i, list := range [][]*Publication{r.Top, r.Bottom} {
		t := rankTable{Title: w.top, Note: fmt.Sprintf(plural2(w.rankNote, r.Total.Measured), r.Total.Measured)}
		if i == 1 {
			t = rankTable{Title: w.bottom}
			if len(list) == 0 {
				t.Empty = fmt.Sprintf(w.onlyFew, r.Total.Measured, len(r.Top))
			}
		}
		if len(list) > 0 {
			t.Table = w.rankRows(list)
		}
		v.Ranks = append(v.Ranks, t)
	}
}

func (w *words) rankRows(list []*Publication) *table {
	lim := htmlLimits
	t := newTable("cards rank", col{"#", true}, col{w.publication, false}, col{w.channel, false}, col{w.date, false}, col{w.interactions, true}, col{w.rate, true})
	for i, p := range list {
		title := cell{Text: cut(p.Title, lim.text), Class: "main"}
		if isWebURL(p.URL) {
			title.URL = p.URL
		}
		if !p.Retracted.IsZero() {
			title.Sub = append(title.Sub, w.retracted+" "+w.shortDate(p.Retracted))
		}
		if p.Deleted {
			title.Sub = append(title.Sub, w.deletedPost)
		}
		t.add(cell{Text: strconv.Itoa(i + 1)}, title, cell{Text: p.Channel}, cell{Text: w.shortDate(p.Time)}, cell{Text: w.int(p.Interactions())}, cell{Text: w.pubRate(p)})
	}
	return t
}

func (r *Report) caughtTable(w *words) *table {
	if len(r.Caught) == 0 {
		return nil
	}
	lim := htmlLimits
	t := newTable("cards", col{w.rule, false}, col{w.severity, false}, col{w.count, true}, col{w.posts, true}, col{w.examples, false})
	for i, g := range r.Caught {
		if i == lim.list {
			t.More = fmt.Sprintf(w.more, len(r.Caught)-lim.list)
			break
		}
		var ex []string
		for _, e := range g.Examples {
			s := w.lq + cut(e.Title, lim.text/2) + w.rq + w.colon + " " + cut(e.Message, lim.text)
			if e.Author != "" {
				s += " (" + e.Author + ")"
			}
			ex = append(ex, s)
		}
		t.add(cell{Text: g.Rule, Code: true, Class: "main"}, cell{Text: w.severityName(g.Severity)}, cell{Text: strconv.Itoa(g.Count)},
			cell{Text: strconv.Itoa(g.Posts)}, cell{List: ex, Class: "wide"})
	}
	return t
}

func (r *Report) failureTable(w *words) *table {
	if len(r.Failures) == 0 {
		return nil
	}
	lim := htmlLimits
	t := newTable("cards", col{w.date, false}, col{w.publication, false}, col{w.channel, false}, col{w.error, false}, col{w.attempts, true}, col{w.outcome, false})
	for i, f := range r.Failures {
		if i == lim.list {
			t.More = fmt.Sprintf(w.more, len(r.Failures)-lim.list)
			break
		}
		title := cut(f.Title, lim.text)
		if f.Retraction {
			title += " (" + w.retraction + ")"
		}
		outcome := cell{Text: w.outcomeOf(f), Class: "closed"}
		if f.Resolved.IsZero() {
			outcome.Class = "open"
		}
		t.add(cell{Text: w.shortDate(f.Time)}, cell{Text: title, Class: "main"}, cell{Text: f.Channel}, cell{Text: cut(f.Error, lim.text*2), Class: "wrap wide"},
			cell{Text: strconv.Itoa(f.Attempts)}, outcome)
	}
	return t
}

func (r *Report) retractionTable(w *words) *table {
	if len(r.Retractions) == 0 {
		return nil
	}
	lim := htmlLimits
	t := newTable("cards", col{w.date, false}, col{w.publication, false}, col{w.channel, false}, col{w.published, false})
	for i, rt := range r.Retractions {
		if i == lim.list {
			t.More = fmt.Sprintf(w.more, len(r.Retractions)-lim.list)
			break
		}
		published := "—"
		if !rt.Published.IsZero() {
			published = w.shortDate(rt.Published)
		}
		t.add(cell{Text: w.shortDate(rt.Time)}, cell{Text: cut(rt.Title, lim.text), Class: "main"}, cell{Text: rt.Channel}, cell{Text: published})
	}
	return t
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
