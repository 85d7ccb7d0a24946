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

func (r *Report) markdown(lim limits) string {
	w := wordsFor(r.Lang)
	var b strings.Builder
	p := func(format string, a ...any) { fmt.Fprintf(&b, format, a...) }
	row := func(cells ...string) { b.WriteString("| " + strings.Join(cells, " | ") + " |\n") }
	more := func(n int) {
		if n > 0 {
			p("\n*%s*\n", fmt.Sprintf(w.more, n))
		}
	}

	p("# %s — %s\n\n", w.title, w.month(r.Month))
	var about []string
	if r.Repository != "" {
		about = append(about, "**"+md(cut(r.Repository, 100))+"**")
	}
	if r.Brand != "" {
		about = append(about, w.brand+w.colon+" "+md(cut(r.Brand, 100)))
	} else {
		about = append(about, w.brand+w.colon+" "+w.allBrands)
	}
	about = append(about, md(r.Location.String()))
	b.WriteString(strings.Join(about, " · ") + "\n\n")

	if len(r.Publications) == 0 {
		p("> **%s** %s\n\n", w.nothing, w.nothingHint)
	}

	// At a glance.
	p("## %s\n\n", w.summary)
	if r.Previous != nil {
		row("", md(w.Month(r.Month)), md(w.Month(r.Previous.Month)), w.evolution)
		row("---", "---:", "---:", "---:")
	} else {
		row("", md(w.Month(r.Month)))
		row("---", "---:")
	}
	kpi := func(label, now, before, change string) {
		if r.Previous != nil {
			row(label, now, before, change)
		} else {
			row(label, now)
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
			kpi(w.kpiRate+" ¹", w.pct(rate), "", "")
			kpi(w.kpiImpressions, w.int(r.Total.Impressions), "", "")
		}
		kpi(w.kpiPerPost, w.dec(r.Total.PerPost()), "", "")
	}
	if n := r.Unresolved(); n > 0 || len(r.Failures) > 0 {
		kpi(w.kpiFailures, w.int(int64(n)), "", "")
	}
	b.WriteString("\n")
	if _, ok := r.Total.Rate(); ok {
		p("¹ %s (%d/%d).  \n", w.rateNote, r.Total.WithImpressions, len(r.Publications))
	}
	if n := len(r.Publications) - r.Total.Measured; n > 0 {
		p("%s.\n", w.unmeasuredText(n))
	}
	b.WriteString("\n")

	if len(r.Publications) > 0 {
		// Engagement per metric.
		p("## %s\n\n", w.engagement)
		row(w.metric, w.total, w.reportedBy)
		row("---", "---:", "---:")
		for _, m := range r.Metrics {
			total := w.notAvailable
			if m.Publications > 0 {
				total = w.int(m.Total)
			}
			row(w.metrics[m.Metric], total, fmt.Sprintf("%d / %d", m.Publications, len(r.Publications)))
		}
		b.WriteString("\n")

		// Groups.
		for _, g := range []struct {
			title, col string
			groups     []Group
		}{{w.channels, w.channel, r.Channels}, {w.networks, w.network, r.Networks}, {w.campaigns, w.campaign, r.Campaigns}} {
			p("## %s\n\n", g.title)
			row(g.col, w.publications, w.interactions, w.rate)
			row("---", "---:", "---:", "---:")
			for i, gr := range g.groups {
				if i == lim.list {
					break
				}
				name := md(cut(gr.Name, lim.text))
				if gr.Name == "" {
					name = w.noCampaign
				}
				inter := "—"
				if gr.Measured > 0 {
					inter = w.int(gr.Interactions)
				}
				row(name, w.int(int64(gr.Publications)), inter, w.groupRate(gr))
			}
			more(len(g.groups) - lim.list)
			b.WriteString("\n")
		}
		p("%s\n\n", w.rateMixedNote)

		// Top and bottom.
		for _, list := range []struct {
			title string
			pubs  []*Publication
		}{{w.top, r.Top}, {w.bottom, r.Bottom}} {
			p("## %s\n\n", list.title)
			if len(list.pubs) == 0 {
				p("%s\n\n", w.onlyFew)
				continue
			}
			row("#", w.publication, w.channel, w.date, w.interactions, w.rate)
			row("---:", "---", "---", "---", "---:", "---:")
			for i, pub := range list.pubs {
				row(strconv.Itoa(i+1), mdLink(cut(pub.Title, lim.text), pub.URL)+w.mdMarks(pub), md(cut(pub.Channel, lim.text/2)), w.shortDate(pub.Time), w.int(pub.Interactions()), w.pubRate(pub))
			}
			b.WriteString("\n")
		}

		// Engagement per day.
		p("## %s\n\n%s\n\n", w.perDay, w.perDayNote)
		peak := int64(0)
		for _, d := range r.Days {
			peak = max(peak, d.Interactions, -d.Interactions)
		}
		row(w.day, capital(w.gained), "")
		row("---", "---:", "---")
		for _, d := range r.Days {
			n := "·"
			if d.Interactions != 0 {
				n = w.int(d.Interactions)
			}
			row(w.weekdayAbbr[weekday(d.Date)]+" "+strconv.Itoa(d.Date.Day()), n, bar(d.Interactions, peak, 20))
		}
		b.WriteString("\n")

		// Calendar.
		p("## %s\n\n", w.calendar)
		row(w.day, w.whatWentOut)
		row("---", "---")
		for _, d := range r.Days {
			items := outings(d.Publications)
			if len(items) == 0 {
				continue
			}
			var cells []string
			for i, it := range items {
				if i == lim.perDay {
					cells = append(cells, fmt.Sprintf(w.more, len(items)-lim.perDay))
					break
				}
				cells = append(cells, it.at.Format("15:04")+" "+md(cut(it.title, lim.text))+" ("+md(cut(strings.Join(it.channels, ", "), lim.text))+")")
			}
			row(w.dayName(d.Date), strings.Join(cells, " · "))
		}
		b.WriteString("\n")

		// Weekday × hour.
		p("## %s\n\n", w.timing)
		var hours []int
		for h, n := range r.Hours {
			if n > 0 {
				hours = append(hours, h)
			}
		}
		head, align := []string{w.weekday}, []string{"---"}
		for _, h := range hours {
			head, align = append(head, fmt.Sprintf("%02d h", h)), append(align, "---:")
		}
		row(append(head, w.total)...)
		row(append(align, "---:")...)
		for d := range 7 {
			cells := []string{w.weekdays[d]}
			for _, h := range hours {
				cells = append(cells, countCell(r.Heat[d][h]))
			}
			row(append(cells, strconv.Itoa(r.Weekdays[d]))...)
		}
		b.WriteString("\n")
	}

	// Review.
	p("## %s\n\n", w.caught)
	if len(r.Caught) == 0 {
		p("%s\n\n", w.caughtNone)
	} else {
		p("%s\n\n", w.caughtNote)
		row(w.rule, w.severity, w.count, w.posts, w.examples)
		row("---", "---", "---:", "---:", "---")
		for i, g := range r.Caught {
			if i == lim.list {
				break
			}
			var ex []string
			for j, c := range g.Examples {
				if j == lim.examples {
					break
				}
				e := w.lq + md(cut(c.Title, lim.text/2)) + w.rq + w.colon + " " + md(cut(c.Message, lim.text))
				if c.Author != "" {
					e += " (" + md(cut(c.Author, lim.text/2)) + ")"
				}
				ex = append(ex, e)
			}
			row("`"+code(cut(g.Rule, lim.text))+"`", w.severityName(g.Severity), strconv.Itoa(g.Count), strconv.Itoa(g.Posts), strings.Join(ex, w.semi+" "))
		}
		more(len(r.Caught) - lim.list)
		b.WriteString("\n")
	}

	// Failures and retractions.
	p("## %s\n\n", w.failures)
	if len(r.Failures) == 0 {
		p("%s\n\n", w.failuresNone)
	} else {
		row(w.date, w.publication, w.channel, w.error, w.attempts, w.outcome)
		row("---", "---", "---", "---", "---:", "---")
		for i, f := range r.Failures {
			if i == lim.list {
				break
			}
			what := md(cut(f.Title, lim.text))
			if f.Retraction {
				what += " (" + w.retraction + ")"
			}
			outcome := w.outcomeOf(f)
			if f.Resolved.IsZero() {
				outcome = "**" + outcome + "**"
			}
			row(w.shortDate(f.Time), what, md(cut(f.Channel, lim.text/2)), md(cut(f.Error, lim.text)), strconv.Itoa(f.Attempts), outcome)
		}
		more(len(r.Failures) - lim.list)
		b.WriteString("\n")
	}
	p("## %s\n\n", w.retractions)
	if len(r.Retractions) == 0 {
		p("%s\n\n", w.retractionsNone)
	} else {
		row(w.date, w.publication, w.channel, w.published)
		row("---", "---", "---", "---")
		for i, rt := range r.Retractions {
			if i == lim.list {
				break
			}
			published := "—"
			if !rt.Published.IsZero() {
				published = w.shortDate(rt.Published)
			}
			row(w.shortDate(rt.Time), md(cut(rt.Title, lim.text)), md(cut(rt.Channel, lim.text/2)), published)
		}
		more(len(r.Retractions) - lim.list)
		b.WriteString("\n")
	}
	p("---\n\n*%s*\n", w.footer)
	return b.String()
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

func (w *words) groupRate(g Group) string {
	if rate, ok := g.Rate(); ok {
		return w.pct(rate)
	}
	if g.Measured > 0 {
		return w.dec(g.PerPost()) + " " + w.perPost
	}
	return "—"
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
