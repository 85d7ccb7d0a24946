package report

import (
	"embed"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/crieur/crieur/pipeline"
	"github.com/crieur/crieur/pipeline/i18n"
	"github.com/crieur/crieur/pipeline/render"
)

// words are the labels of one language. French first: the users are
// French; English second. A pair of strings is the singular and the
// plural of the same sentence, chosen by the count it formats.
type words struct {
	lang                  string
	months                [12]string
	weekdays, weekdayAbbr [7]string // Monday first
	thousands, decimal    string
	percent               string // between the number and %
	colon, lq, rq, semi   string // typography: " :", « », " ;"
	hours, hour1          string // an hour slot, "%d h–%d h", and an hour, "%d h"

	title, generatedFrom, brand, brands                                         string
	nothing, nothingHint, noMetrics, noMetricsHint                              string
	kpiPublications, kpiInteractions, kpiRate, kpiPerPost                       string
	kpiFailures, vsPrevious, newThisMonth, noPrevious                           string
	rateBase, perPostBase, cellBase, measuredN, pubsN                           [2]string
	lowBase, lowBaseShort, rateNote, groupsNote                                 string
	summary, engagement, metric, total, reportedBy, notAvailable                string
	channels, networks, campaigns, channel, network, campaign, noCampaign       string
	publications, interactions, rate, perPost, impressions, measured, published string
	top, bottom, onlyFew, evolution                                             string
	rankNote, unmeasured                                                        [2]string
	publication, date, link                                                     string
	calendar, day, whatWentOut                                                  string
	perDay, perDayNote, perDayNone, perDayChart, gained, axisInteractions       string
	timing, timingNote, weekday, hour, median, heatChart, slotsTable            string
	best, noBest, channelChart, chartData                                       string
	caught, caughtNote, rule, severity, count, posts, examples, caughtNone      string
	failures, failuresNone, stillFailing, succeededLater, recovered, retracted  string
	retraction, error, attempts, outcome, retractions, retractionsNone          string
	more, deletedPost, footer                                                   string
	severities                                                                  map[pipeline.Severity]string
	metrics                                                                     map[pipeline.Metric]string
}

//go:embed messages
var catalog embed.FS

// say is the report's words, in each language (messages/*.yaml).
var say = i18n.MustLoad(catalog, "messages")

// numbers are how a language writes numbers and hours: not words, so
// not in the catalog.
var numbers = map[i18n.Lang]struct{ thousands, decimal, percent, hours, hour1 string }{
	i18n.French:  {"\u202f", ",", "\u202f", "%d\u00a0h–%d\u00a0h", "%d\u00a0h"},
	i18n.English: {",", ".", "", "%02d:00–%02d:00", "%d:00"},
	i18n.Dutch:   {".", ",", "", "%02d:00–%02d:00", "%d:00"},
}

// The words of each language, built once from the catalog.
var french, english, dutch = wordsIn(i18n.French), wordsIn(i18n.English), wordsIn(i18n.Dutch)

// textual are the placeholders filled with text (%s); the others are
// counts (%d).
var textual = map[string]bool{"weekday": true, "hour": true, "measured": true, "median": true}

// wordsIn builds the report's words in l. A sentence with numbers in
// it becomes a format for fmt: its {placeholders}, in the order given,
// become indexed verbs (%[1]d), so that a translation may reorder them.
func wordsIn(l i18n.Lang) *words {
	t := func(id string) string { return say.Text(l, id, nil) }
	verbs := func(ns []string) i18n.Args {
		args := i18n.Args{}
		for i, n := range ns {
			verb := "d"
			if textual[n] {
				verb = "s"
			}
			args[n] = fmt.Sprintf("%%[%d]%s", i+1, verb)
		}
		return args
	}
	format := func(id string, ns ...string) string { return say.Text(l, id, verbs(ns)) }
	pair := func(id string, ns ...string) [2]string {
		return [2]string{say.Count(l, id, 1, verbs(ns)), say.Count(l, id, 2, verbs(ns))}
	}
	names, num := render.NamesFor(string(l)), numbers[l]
	w := &words{lang: string(l),
		months: names.Months, weekdays: names.Weekdays, weekdayAbbr: names.WeekdaysShort,
		thousands: num.thousands, decimal: num.decimal, percent: num.percent, hours: num.hours, hour1: num.hour1,
		colon:            t("colon"),
		lq:               t("lq"),
		rq:               t("rq"),
		semi:             t("semi"),
		title:            t("title"),
		generatedFrom:    t("generatedFrom"),
		brand:            t("brand"),
		brands:           t("brands"),
		nothing:          t("nothing"),
		nothingHint:      t("nothingHint"),
		noMetrics:        t("noMetrics"),
		noMetricsHint:    t("noMetricsHint"),
		kpiPublications:  t("kpiPublications"),
		kpiInteractions:  t("kpiInteractions"),
		kpiRate:          t("kpiRate"),
		kpiPerPost:       t("kpiPerPost"),
		kpiFailures:      t("kpiFailures"),
		vsPrevious:       t("vsPrevious"),
		newThisMonth:     t("newThisMonth"),
		noPrevious:       t("noPrevious"),
		rateBase:         pair("rateBase", "count", "total"),
		perPostBase:      pair("perPostBase", "count", "total"),
		cellBase:         pair("cellBase", "count"),
		measuredN:        pair("measuredN", "count"),
		pubsN:            pair("pubsN", "count"),
		lowBase:          format("lowBase", "min"),
		lowBaseShort:     t("lowBaseShort"),
		rateNote:         t("rateNote"),
		groupsNote:       t("groupsNote"),
		summary:          t("summary"),
		engagement:       t("engagement"),
		metric:           t("metric"),
		total:            t("total"),
		reportedBy:       t("reportedBy"),
		notAvailable:     t("notAvailable"),
		channels:         t("channels"),
		networks:         t("networks"),
		campaigns:        t("campaigns"),
		channel:          t("channel"),
		network:          t("network"),
		campaign:         t("campaign"),
		noCampaign:       t("noCampaign"),
		publications:     t("publications"),
		interactions:     t("interactions"),
		rate:             t("rate"),
		perPost:          t("perPost"),
		impressions:      t("impressions"),
		measured:         t("measured"),
		published:        t("published"),
		top:              t("top"),
		bottom:           t("bottom"),
		onlyFew:          format("onlyFew", "count", "min"),
		evolution:        t("evolution"),
		rankNote:         pair("rankNote", "count"),
		unmeasured:       pair("unmeasured", "count"),
		publication:      t("publication"),
		date:             t("date"),
		link:             t("link"),
		calendar:         t("calendar"),
		day:              t("day"),
		whatWentOut:      t("whatWentOut"),
		perDay:           t("perDay"),
		perDayNote:       t("perDayNote"),
		perDayNone:       t("perDayNone"),
		perDayChart:      t("perDayChart"),
		gained:           t("gained"),
		axisInteractions: t("axisInteractions"),
		timing:           t("timing"),
		timingNote:       t("timingNote"),
		weekday:          t("weekday"),
		hour:             t("hour"),
		median:           t("median"),
		heatChart:        t("heatChart"),
		slotsTable:       t("slotsTable"),
		best:             format("best", "weekday", "hour", "measured", "median"),
		noBest:           format("noBest", "min"),
		channelChart:     t("channelChart"),
		chartData:        t("chartData"),
		caught:           t("caught"),
		caughtNote:       t("caughtNote"),
		rule:             t("rule"),
		severity:         t("severity"),
		count:            t("count"),
		posts:            t("posts"),
		examples:         t("examples"),
		caughtNone:       t("caughtNone"),
		failures:         t("failures"),
		failuresNone:     t("failuresNone"),
		stillFailing:     t("stillFailing"),
		succeededLater:   t("succeededLater"),
		recovered:        t("recovered"),
		retracted:        t("retracted"),
		retraction:       t("retraction"),
		error:            t("error"),
		attempts:         t("attempts"),
		outcome:          t("outcome"),
		retractions:      t("retractions"),
		retractionsNone:  t("retractionsNone"),
		more:             format("more", "count"),
		deletedPost:      t("deletedPost"),
		footer:           t("footer"),
		severities:       map[pipeline.Severity]string{}, metrics: map[pipeline.Metric]string{},
	}
	for _, s := range []pipeline.Severity{pipeline.Error, pipeline.Warning, pipeline.Suggestion} {
		w.severities[s] = t("severityName." + s.String())
	}
	for _, m := range pipeline.Metrics {
		w.metrics[m] = t("metricName." + string(m))
	}
	return w
}

// wordsFor picks the words of a language: English for "en…", Dutch for
// "nl…", French otherwise (the default).
func wordsFor(lang string) *words {
	switch l, _ := i18n.Parse(lang); l {
	case i18n.English:
		return english
	case i18n.Dutch:
		return dutch
	}
	return french
}

// int formats a count with the language's thousands separator.
func (w *words) int(n int64) string {
	s := strconv.FormatInt(n, 10)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	if neg {
		b.WriteString("−")
	}
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteString(w.thousands)
		}
		b.WriteRune(c)
	}
	return b.String()
}

// dec formats x with one decimal, in the language's notation.
func (w *words) dec(x float64) string {
	s := strconv.FormatFloat(x, 'f', 1, 64)
	whole, frac, _ := strings.Cut(s, ".")
	n, _ := strconv.ParseInt(whole, 10, 64)
	out := w.int(n)
	if n == 0 && strings.HasPrefix(whole, "-") {
		out = "−0"
	}
	return out + w.decimal + frac
}

// pct formats a fraction as a percentage with one decimal (two under 1 %).
func (w *words) pct(x float64) string {
	if x != 0 && x < 0.01 && x > -0.01 {
		s := strconv.FormatFloat(x*100, 'f', 2, 64)
		return strings.Replace(s, ".", w.decimal, 1) + w.percent + "%"
	}
	return w.dec(x*100) + w.percent + "%"
}

// change formats a month-over-month change: +12 %, −3 %, +0,5 %, or
// "new" from nothing.
func (w *words) change(now, before int64) string {
	switch {
	case before == 0 && now == 0:
		return "="
	case before == 0:
		return w.newThisMonth
	}
	d := float64(now-before) / float64(before)
	var s string
	if math.Abs(d) >= 0.1 {
		s = w.int(int64(math.Round(d*100))) + w.percent + "%"
	} else {
		s = w.pct(d)
	}
	if d > 0 {
		s = "+" + s
	}
	return s
}

// plural2 picks the singular or the plural of a pair by n.
func plural2(pair [2]string, n int) string {
	if n == 1 {
		return pair[0]
	}
	return pair[1]
}

// unmeasuredText says how many publications have no reading.
func (w *words) unmeasuredText(n int) string {
	return fmt.Sprintf(plural2(w.unmeasured, n), n)
}

// rateBaseText says what the month's engagement rate is computed on.
func (w *words) rateBaseText(g Group) string {
	return fmt.Sprintf(plural2(w.rateBase, g.WithImpressions), g.WithImpressions, g.Publications)
}

// perPostBaseText says what the interactions per publication are computed on.
func (w *words) perPostBaseText(g Group) string {
	return fmt.Sprintf(plural2(w.perPostBase, g.Measured), g.Measured, g.Publications)
}

// lowBaseText warns that a figure is computed on too few publications,
// "" when it is not.
func (w *words) lowBaseText(n int) string {
	if n >= MinBase {
		return ""
	}
	return fmt.Sprintf(w.lowBase, MinBase)
}

// hourSlot names an hour of the day as a slot: "12 h–13 h", "12:00–13:00".
func (w *words) hourSlot(h int) string { return fmt.Sprintf(w.hours, h, h+1) }

// bestText is the sentence on the best time to post, or why there is none.
func (w *words) bestText(r *Report) string {
	b := r.Best
	if b == nil {
		return fmt.Sprintf(w.noBest, BestSlotMin)
	}
	n := fmt.Sprintf(plural2(w.measuredN, b.Measured), b.Measured)
	return fmt.Sprintf(w.best, w.weekdays[b.Weekday], w.hourSlot(b.Hour), n, w.num(b.Median))
}

// slotText says what went out in a slot and how it engaged.
func (w *words) slotText(s Slot) string {
	t := w.weekdays[s.Weekday] + " " + w.hourSlot(s.Hour) + w.colon + " " + fmt.Sprintf(plural2(w.pubsN, s.Publications), s.Publications)
	if s.Measured > 0 {
		t += ", " + fmt.Sprintf(plural2(w.measuredN, s.Measured), s.Measured) + ", " + strings.ToLower(w.median) + " " + w.num(s.Median)
	}
	return t
}

// num formats a median: a whole number without decimals.
func (w *words) num(x float64) string {
	if x == math.Trunc(x) {
		return w.int(int64(x))
	}
	return w.dec(x)
}

// month names a month: "décembre 2026", "December 2026".
func (w *words) month(t time.Time) string {
	return fmt.Sprintf("%s %d", w.months[t.Month()-1], t.Year())
}

// Month with a capital, for a title.
func (w *words) Month(t time.Time) string { return capital(w.month(t)) }

// capital puts a capital to the first letter of s.
func capital(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[n:]
}

// dayName names a day: "mardi 1er décembre", "Tuesday 1 December".
func (w *words) dayName(t time.Time) string {
	d := strconv.Itoa(t.Day())
	if w.lang == "fr" && t.Day() == 1 {
		d = "1er"
	}
	return w.weekdays[weekday(t)] + " " + d + " " + w.months[t.Month()-1]
}

// shortDate is "01/12 09:30" in French and Dutch, "1 Dec 09:30" in
// English (where 12/01 would be read either way).
func (w *words) shortDate(t time.Time) string {
	if w.lang == "en" {
		return t.Format("2 Jan 15:04")
	}
	return t.Format("02/01 15:04")
}

func (w *words) severityName(s pipeline.Severity) string {
	if n, ok := w.severities[s]; ok {
		return n
	}
	return s.String()
}

// outcomeOf says what became of a failure.
func (w *words) outcomeOf(f Failure) string {
	if f.Resolved.IsZero() {
		return w.stillFailing
	}
	at := w.shortDate(f.Resolved)
	switch f.ResolvedBy {
	case pipeline.ActionRecovered:
		return w.recovered + " " + at
	case pipeline.ActionRetracted:
		return w.retracted + " " + at
	}
	return w.succeededLater + " " + at
}

// weekday is the day of the week, Monday first (0) as in Europe.
func weekday(t time.Time) int { return render.WeekdayIndex(t.Weekday()) }
