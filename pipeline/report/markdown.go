package report

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// MaxMarkdown is the most bytes Markdown writes: a GitHub issue body holds
// 65,536 characters, a job summary 1 MiB.
const MaxMarkdown = 60000

// limits cap the lists of a view. Markdown tries them in turn until the
// report fits in MaxMarkdown.
type limits struct {
	list     int // rows of a table
	perDay   int // publications in one day of the calendar
	examples int // examples of a rule the review caught
	text     int // runes of a title, an error, a message
}

var markdownLimits = []limits{
	{list: 20, perDay: 6, examples: 3, text: 70},
	{list: 10, perDay: 3, examples: 2, text: 50},
	{list: 5, perDay: 2, examples: 1, text: 30},
}

// Markdown writes the report as GitHub-flavoured Markdown for a job summary
// or an issue body: tables, no HTML, under MaxMarkdown bytes whatever the
// data (long lists end with "… and N more").
func (r *Report) Markdown(w io.Writer) error {
	var s string
	for _, lim := range markdownLimits {
		s = r.markdown(lim)
		if len(s) <= MaxMarkdown {
			break
		}
	}
	_, err := io.WriteString(w, fit(s, MaxMarkdown, wordsFor(r.Lang)))
	return err
}

// fit cuts s at the end of a line to at most n bytes, saying how many
// lines are left out: the last resort when even the tightest limits leave
// a report too long.
func fit(s string, n int, w *words) string {
	if len(s) <= n {
		return s
	}
	tail := "\n*" + fmt.Sprintf(w.more, strings.Count(s, "\n")) + "*\n" // room for the longest count
	end := strings.LastIndexByte(s[:n-len(tail)], '\n') + 1
	return s[:end] + "\n*" + fmt.Sprintf(w.more, strings.Count(s[end:], "\n")) + "*\n"
}

// mdWriter writes one Markdown view of a report within limits.
type mdWriter struct {
	r   *Report
	w   *words
	lim limits
	b   strings.Builder
}

func (m *mdWriter) p(format string, a ...any) { fmt.Fprintf(&m.b, format, a...) }
func (m *mdWriter) row(cells ...string)       { m.b.WriteString("| " + strings.Join(cells, " | ") + " |\n") }
func (m *mdWriter) more(n int) {
	if n > 0 {
		m.p("\n*%s*\n", fmt.Sprintf(m.w.more, n))
	}
}

func (r *Report) markdown(lim limits) string {
	m := &mdWriter{r: r, w: wordsFor(r.Lang), lim: lim}
	m.header()
	m.summary()
	if len(r.Publications) > 0 {
		if r.Total.Measured == 0 {
			m.p("> **%s** %s\n\n", m.w.noMetrics, strings.ReplaceAll(m.w.noMetricsHint, "crieur metrics", "`crieur metrics`"))
		} else {
			m.metrics()
		}
		m.groups()
		if r.Total.Measured > 0 {
			m.ranks()
			m.perDay()
			m.timing()
		}
		m.calendar()
	}
	m.caught()
	m.failures()
	m.retractions()
	m.p("---\n\n*%s*\n", m.w.footer)
	return m.b.String()
}

func (m *mdWriter) header() {
	r, w := m.r, m.w
	m.p("# %s — %s\n\n", w.title, w.month(r.Month))
	var about []string
	if r.Repository != "" {
		about = append(about, "**"+md(cut(r.Repository, 100))+"**")
	}
	if len(r.Brands) == 1 {
		about = append(about, w.brand+w.colon+" **"+md(cut(r.Brands[0], 100))+"**")
	} else if len(r.Brands) > 1 {
		about = append(about, w.brands+w.colon+" **"+md(cut(strings.Join(r.Brands, ", "), 100))+"**")
	}
	about = append(about, md(r.Location.String()))
	m.b.WriteString(strings.Join(about, " · ") + "\n\n")
	if len(r.Publications) == 0 {
		m.p("> **%s** %s\n\n", w.nothing, w.nothingHint)
	}
}

// summary is the table of the month at a glance, each rate with what it
// is computed on.
func (m *mdWriter) summary() {
	r, w := m.r, m.w
	m.p("## %s\n\n", w.summary)
	if r.Previous != nil {
		m.row("", md(w.Month(r.Month)), md(w.Month(r.Previous.Month)), w.evolution)
		m.row("---", "---:", "---:", "---:")
	} else {
		m.row("", md(w.Month(r.Month)))
		m.row("---", "---:")
	}
	kpi := func(label, now, before, change string) {
		if r.Previous != nil {
			m.row(label, now, before, change)
		} else {
			m.row(label, now)
		}
	}
	var prevPubs, prevInter, changePubs, changeInter = "", "", "", ""
	if pr := r.Previous; pr != nil {
		prevPubs, changePubs = w.int(int64(pr.Publications)), w.change(int64(len(r.Publications)), int64(pr.Publications))
		prevInter, changeInter = "—", "—"
		if pr.Measured > 0 {
			prevInter = w.int(pr.Interactions)
			if r.Total.Measured > 0 {
				changeInter = w.change(r.Total.Interactions, pr.Interactions)
			}
		}
	}
	kpi(w.kpiPublications, w.int(int64(len(r.Publications))), prevPubs, changePubs)
	if r.Total.Measured > 0 {
		kpi(w.kpiInteractions, w.int(r.Total.Interactions), prevInter, changeInter)
		if rate, ok := r.Total.Rate(); ok {
			kpi(w.kpiRate+" ¹", w.pct(rate)+" ("+w.rateBaseText(r.Total)+")", "", "")
		}
		kpi(w.kpiPerPost, w.dec(r.Total.PerPost())+" ("+w.perPostBaseText(r.Total)+")", "", "")
	}
	if n := r.Unresolved(); n > 0 || len(r.Failures) > 0 {
		kpi(w.kpiFailures, w.int(int64(n)), "", "")
	}
	m.b.WriteString("\n")
	if _, ok := r.Total.Rate(); ok {
		m.p("¹ %s", w.rateNote)
		if warn := w.lowBaseText(r.Total.WithImpressions); warn != "" {
			m.p(" **%s**", warn)
		}
		m.p("  \n")
	}
	if n := len(r.Publications) - r.Total.Measured; n > 0 && r.Total.Measured > 0 {
		m.p("%s\n", w.unmeasuredText(n))
	}
	m.b.WriteString("\n")
}

func (m *mdWriter) metrics() {
	r, w := m.r, m.w
	m.p("## %s\n\n", w.engagement)
	m.row(w.metric, w.total, w.reportedBy)
	m.row("---", "---:", "---:")
	for _, mt := range r.Metrics {
		total := w.notAvailable
		if mt.Publications > 0 {
			total = w.int(mt.Total)
		}
		m.row(w.metrics[mt.Metric], total, fmt.Sprintf("%d / %d", mt.Publications, len(r.Publications)))
	}
	m.b.WriteString("\n")
}

// groups are the tables per channel, network and campaign: one unit per
// column, each rate with the publications it is computed on.
func (m *mdWriter) groups() {
	r, w := m.r, m.w
	measured := r.Total.Measured > 0
	for _, g := range []struct {
		title, col string
		groups     []Group
	}{{w.channels, w.channel, r.Channels}, {w.networks, w.network, r.Networks}, {w.campaigns, w.campaign, r.Campaigns}} {
		m.p("## %s\n\n", g.title)
		if measured {
			m.row(g.col, w.publications, w.measured, w.interactions, w.perPost, w.rate)
			m.row("---", "---:", "---:", "---:", "---:", "---:")
		} else {
			m.row(g.col, w.publications)
			m.row("---", "---:")
		}
		for i, gr := range g.groups {
			if i == m.lim.list {
				break
			}
			name := md(cut(gr.Name, m.lim.text))
			if gr.Name == "" {
				name = w.noCampaign
			}
			if !measured {
				m.row(name, w.int(int64(gr.Publications)))
				continue
			}
			inter, per := "—", "—"
			if gr.Measured > 0 {
				inter, per = w.int(gr.Interactions), w.dec(gr.PerPost())
			}
			m.row(name, w.int(int64(gr.Publications)), w.int(int64(gr.Measured)), inter, per, w.mdRate(gr))
		}
		m.more(len(g.groups) - m.lim.list)
		m.b.WriteString("\n")
	}
	if measured {
		m.p("%s\n\n", w.groupsNote)
	}
}

func (m *mdWriter) ranks() {
	r, w := m.r, m.w
	for i, list := range [][]*Publication{r.Top, r.Bottom} {
		if i == 0 {
			m.p("## %s\n\n%s\n\n", w.top, fmt.Sprintf(plural2(w.rankNote, r.Total.Measured), r.Total.Measured))
		} else {
			m.p("## %s\n\n", w.bottom)
		}
		if len(list) == 0 {
			m.p("%s\n\n", fmt.Sprintf(w.onlyFew, r.Total.Measured, len(r.Top)))
			continue
		}
		m.row("#", w.publication, w.channel, w.date, w.interactions, w.rate)
		m.row("---:", "---", "---", "---", "---:", "---:")
		for i, pub := range list {
			m.row(strconv.Itoa(i+1), mdLink(cut(pub.Title, m.lim.text), pub.URL)+w.mdMarks(pub), md(cut(pub.Channel, m.lim.text/2)), w.shortDate(pub.Time), w.int(pub.Interactions()), w.pubRate(pub))
		}
		m.b.WriteString("\n")
	}
}

func (m *mdWriter) perDay() {
	r, w := m.r, m.w
	m.p("## %s\n\n", w.perDay)
	peak := int64(0)
	for _, d := range r.Days {
		peak = max(peak, d.Interactions, -d.Interactions)
	}
	if peak == 0 {
		m.p("%s\n\n", w.perDayNone)
		return
	}
	m.p("%s\n\n", w.perDayNote)
	m.row(w.day, capital(w.gained), "")
	m.row("---", "---:", "---")
	for _, d := range r.Days {
		n := "·"
		if d.Interactions != 0 {
			n = w.int(d.Interactions)
		}
		m.row(w.weekdayAbbr[weekday(d.Date)]+" "+strconv.Itoa(d.Date.Day()), n, bar(d.Interactions, peak, 20))
	}
	m.b.WriteString("\n")
}

func (m *mdWriter) calendar() {
	r, w := m.r, m.w
	m.p("## %s\n\n", w.calendar)
	m.row(w.day, w.whatWentOut)
	m.row("---", "---")
	for _, d := range r.Days {
		items := outings(d.Publications)
		if len(items) == 0 {
			continue
		}
		var cells []string
		for i, it := range items {
			if i == m.lim.perDay {
				cells = append(cells, fmt.Sprintf(w.more, len(items)-m.lim.perDay))
				break
			}
			cells = append(cells, it.at.Format("15:04")+" "+md(cut(it.title, m.lim.text))+" ("+md(cut(strings.Join(it.channels, ", "), m.lim.text))+")")
		}
		m.row(w.dayName(d.Date), strings.Join(cells, " · "))
	}
	m.b.WriteString("\n")
}

// timing is the weekday × hour table of the median engagement, each
// median with the number of measured publications in brackets, and the
// best time to post when there is enough data to tell.
func (m *mdWriter) timing() {
	r, w := m.r, m.w
	m.p("## %s\n\n**%s**\n\n%s\n\n", w.timing, w.bestText(r), w.timingNote)
	var hours []int
	for h, n := range r.Hours {
		if n > 0 {
			hours = append(hours, h)
		}
	}
	head, align := []string{w.weekday}, []string{"---"}
	for _, h := range hours {
		head, align = append(head, fmt.Sprintf(w.hour1, h)), append(align, "---:")
	}
	m.row(head...)
	m.row(align...)
	for d := range 7 {
		if r.Weekdays[d] == 0 {
			continue
		}
		cells := []string{w.weekdays[d]}
		for _, h := range hours {
			cells = append(cells, w.slotCell(r.Slots[d][h]))
		}
		m.row(cells...)
	}
	m.b.WriteString("\n")
}

// slotCell is a slot's median and, in brackets, its measured publications.
func (w *words) slotCell(s Slot) string {
	switch {
	case s.Publications == 0:
		return "·"
	case s.Measured == 0:
		return "— (0)"
	}
	return w.num(s.Median) + " (" + strconv.Itoa(s.Measured) + ")"
}

func (m *mdWriter) caught() {
	r, w := m.r, m.w
	m.p("## %s\n\n", w.caught)
	if len(r.Caught) == 0 {
		m.p("%s\n\n", w.caughtNone)
		return
	}
	m.p("%s\n\n", w.caughtNote)
	m.row(w.rule, w.severity, w.count, w.posts, w.examples)
	m.row("---", "---", "---:", "---:", "---")
	for i, g := range r.Caught {
		if i == m.lim.list {
			break
		}
		var ex []string
		for j, c := range g.Examples {
			if j == m.lim.examples {
				break
			}
			e := w.lq + md(cut(c.Title, m.lim.text/2)) + w.rq + w.colon + " " + md(cut(c.Message, m.lim.text))
			if c.Author != "" {
				e += " (" + md(cut(c.Author, m.lim.text/2)) + ")"
			}
			ex = append(ex, e)
		}
		m.row("`"+code(cut(g.Rule, m.lim.text))+"`", w.severityName(g.Severity), strconv.Itoa(g.Count), strconv.Itoa(g.Posts), strings.Join(ex, w.semi+" "))
	}
	m.more(len(r.Caught) - m.lim.list)
	m.b.WriteString("\n")
}

func (m *mdWriter) failures() {
	r, w := m.r, m.w
	m.p("## %s\n\n", w.failures)
	if len(r.Failures) == 0 {
		m.p("%s\n\n", w.failuresNone)
		return
	}
	m.row(w.date, w.publication, w.channel, w.error, w.attempts, w.outcome)
	m.row("---", "---", "---", "---", "---:", "---")
	for i, f := range r.Failures {
		if i == m.lim.list {
			break
		}
		what := md(cut(f.Title, m.lim.text))
		if f.Retraction {
			what += " (" + w.retraction + ")"
		}
		outcome := w.outcomeOf(f)
		if f.Resolved.IsZero() {
			outcome = "**" + outcome + "**"
		}
		m.row(w.shortDate(f.Time), what, md(cut(f.Channel, m.lim.text/2)), md(cut(f.Error, m.lim.text)), strconv.Itoa(f.Attempts), outcome)
	}
	m.more(len(r.Failures) - m.lim.list)
	m.b.WriteString("\n")
}

func (m *mdWriter) retractions() {
	r, w := m.r, m.w
	m.p("## %s\n\n", w.retractions)
	if len(r.Retractions) == 0 {
		m.p("%s\n\n", w.retractionsNone)
		return
	}
	m.row(w.date, w.publication, w.channel, w.published)
	m.row("---", "---", "---", "---")
	for i, rt := range r.Retractions {
		if i == m.lim.list {
			break
		}
		published := "—"
		if !rt.Published.IsZero() {
			published = w.shortDate(rt.Published)
		}
		m.row(w.shortDate(rt.Time), md(cut(rt.Title, m.lim.text)), md(cut(rt.Channel, m.lim.text/2)), published)
	}
	m.more(len(r.Retractions) - m.lim.list)
	m.b.WriteString("\n")
}

// mdMarks flags a publication taken down since, or whose file is gone.
func (w *words) mdMarks(p *Publication) string {
	s := ""
	if !p.Retracted.IsZero() {
		s += " *(" + w.retracted + " " + w.shortDate(p.Retracted) + ")*"
	}
	if p.Deleted {
		s += " *(" + w.deletedPost + ")*"
	}
	return s
}

// mdRate is a group's engagement rate with the number of publications it
// is computed on, flagged when they are too few.
func (w *words) mdRate(g Group) string {
	rate, ok := g.Rate()
	if !ok {
		return "—"
	}
	s := w.pct(rate) + " (" + fmt.Sprintf(plural2(w.cellBase, g.WithImpressions), g.WithImpressions)
	if g.WithImpressions < MinBase {
		s += ", " + w.lowBaseShort
	}
	return s + ")"
}

func (w *words) pubRate(p *Publication) string {
	if rate, ok := p.Rate(); ok {
		return w.pct(rate)
	}
	return "—"
}

// outing is one post going out at one time, on one or more channels.
type outing struct {
	at       time.Time
	post     string
	title    string
	channels []string
}

// outings groups a day's publications by post and minute.
func outings(pubs []*Publication) []outing {
	var out []outing
	index := map[string]int{}
	for _, p := range pubs {
		k := p.Post + "\x00" + p.Time.Format("15:04")
		if i, ok := index[k]; ok {
			out[i].channels = append(out[i].channels, p.Channel)
			continue
		}
		index[k] = len(out)
		out = append(out, outing{at: p.Time, post: p.Post, title: p.Title, channels: []string{p.Channel}})
	}
	return out
}

func countCell(n int) string {
	if n == 0 {
		return "·"
	}
	return strconv.Itoa(n)
}

// bar draws n against peak as a bar of width at most cells.
func bar(n, peak int64, cells int) string {
	if peak <= 0 || n <= 0 {
		return ""
	}
	k := int((n*int64(cells) + peak - 1) / peak)
	return strings.Repeat("█", k)
}

// mdEscaper makes text safe in a table cell: Markdown and HTML markup,
// the cell separator, and the @ and # that would notify a GitHub user or
// link an issue.
var mdEscaper = strings.NewReplacer(
	"\\", "\\\\", "`", "\\`", "*", "\\*", "_", "\\_", "[", "\\[", "]", "\\]", "<", "&lt;", ">", "&gt;",
	"|", "\\|", "#", "\\#", "~", "\\~", "@", "@\u200b", "!", "\\!", "&", "&amp;",
	"\r\n", " ", "\n", " ", "\r", " ", "\t", " ",
)

func md(s string) string { return mdEscaper.Replace(s) }

// code makes text safe inside a `code span` of a table cell.
func code(s string) string {
	return strings.NewReplacer("`", "'", "|", "\\|", "\n", " ", "\r", " ").Replace(s)
}

// mdLink is the title linked to the publication when its URL is a web
// address that a Markdown link can hold.
func mdLink(title, url string) string {
	if isWebURL(url) && len(url) <= 500 && !strings.ContainsAny(url, " <>\n\r\t") {
		return "[" + md(title) + "](<" + url + ">)"
	}
	return md(title)
}

func isWebURL(u string) bool {
	return strings.HasPrefix(u, "https://") || strings.HasPrefix(u, "http://")
}

// cut shortens s to n runes, ending with "…", at a word when one is near.
func cut(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if utf8.RuneCountInString(s) <= n || n < 2 {
		return s
	}
	rs := []rune(s)[:n-1]
	for i := len(rs) - 1; i > n*2/3; i-- {
		if rs[i] == ' ' {
			rs = rs[:i]
			break
		}
	}
	return strings.TrimRight(string(rs), " ,;:.-–—") + "…"
}
