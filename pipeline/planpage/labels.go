package planpage

import (
	"embed"
	"fmt"
	"strings"
	"time"

	"github.com/crieur/crieur/pipeline"
	"github.com/crieur/crieur/pipeline/i18n"
	"github.com/crieur/crieur/pipeline/render"
)

// words is what one state, severity or unit is called, in the singular
// and the plural.
type words struct{ one, many string }

func (w words) n(n int) string {
	if n == 1 || (n == 0 && w.one == w.many) {
		return w.one
	}
	return w.many
}

// Labels are the fixed texts of the page in one language. The template
// reads the exported fields; the Go code the others.
type Labels struct {
	Lang string

	DefaultTitle string
	Views        string // the nav's name
	MonthView    string
	WeekView     string
	PostsView    string
	Legend       string
	Counts       string
	Period       string
	TimeZone     string
	Today        string
	Recurring    string
	Nothing      string // a day without posts (week view)
	Outside      string // a day outside the period
	NoneInMonth  string
	NoneInPeriod string
	Week         string // column of the week number
	WeekAbbr     string
	File         string
	Findings     string
	Where        string
	Rule         string
	Severity     string
	Message      string
	Images       string
	NoAlt        string
	FirstComment string
	Occurrences  string
	CutNote      string // before the text that passes the limit
	UnknownChan  string
	ChannelState string
	MarkHelp     [3]string // error, warning, suggestion
	RecurHelp    string
	TodayHelp    string
	OffHelp      string
	Colon        string // " :" with a no-break space in French

	months, monthsShort     [12]string
	weekdays, weekdaysShort [7]string // Monday first
	states                  map[pipeline.Status]words
	stateHelp               map[pipeline.Status]string
	severities              map[pipeline.Severity]words
	units                   map[string]string
	spaces                  map[rune]string // the invisible characters, named
	ordinalFirst            string          // "1er"
	at                      string          // "{date} at {time}"
	f                       phrases
}

// phrases are the sentences with something in them.
type phrases struct {
	period      func(from, to string) string
	generated   func(when, zone string) string
	total       func(n int) string
	weekHeading func(week int, from, to string) string
	every       func(iv pipeline.Interval) string
	on          func(every string, days []string) string // days as the post wrote them
	rule        func(rrule string) string
	except      func(days []string) string
	until       func(date string) string
	times       func(n int) string
	over        func(n int, unit string) string
	threadOf    func(n int) string
	published   func(when string) string
	linkText    func(channel string) string
	remoteID    func(id string) string
	failed      func(attempts int, when string) string
	retry       func(again bool) string
	retracted   func(when string) string
	notYet      string
	forOcc      func(when string) string
	noImages    func(network string, n int) string
	fix         func(text string) string
	deleteFix   string
	replaces    func(path string) string
	campaign    func(c string) string
	brand       func(b string) string
	lang        func(l string) string
	sponsored   string
}

//go:embed messages
var catalog embed.FS

// say is the page's texts, in each language (messages/*.yaml).
var say = i18n.MustLoad(catalog, "messages")

// labels are the page's texts, built once per language.
var labels = func() map[i18n.Lang]*Labels {
	m := map[i18n.Lang]*Labels{}
	for _, l := range i18n.Langs {
		m[l] = labelsIn(l)
	}
	return m
}()

// labelsIn builds the page's texts in l from the catalog.
func labelsIn(l i18n.Lang) *Labels {
	t := func(id string) string { return say.Text(l, id, nil) }
	names := render.NamesFor(string(l))
	lb := &Labels{Lang: string(l),
		DefaultTitle: t("default_title"), Views: t("views"), MonthView: t("month_view"), WeekView: t("week_view"),
		PostsView: t("posts_view"), Legend: t("legend"), Counts: t("counts"), Period: t("period"), TimeZone: t("time_zone"),
		Today: t("today"), Recurring: t("recurring"), Nothing: t("nothing"), Outside: t("outside"),
		NoneInMonth: t("none_in_month"), NoneInPeriod: t("none_in_period"), Week: t("week"), WeekAbbr: t("week_abbr"),
		File: t("file"), Findings: t("findings"), Where: t("where"), Rule: t("rule"), Severity: t("severity_column"),
		Message: t("message"), Images: t("images"), NoAlt: t("no_alt"), FirstComment: t("first_comment"),
		Occurrences: t("occurrences"), CutNote: t("cut_note"), UnknownChan: t("unknown_channel"), ChannelState: t("channel_state"),
		MarkHelp:  [3]string{t("mark_help.error"), t("mark_help.warning"), t("mark_help.suggestion")},
		RecurHelp: t("recur_help"), TodayHelp: t("today_help"), OffHelp: t("off_help"), Colon: t("colon"),
		months: names.Months, monthsShort: names.MonthsShort, weekdays: names.Weekdays, weekdaysShort: names.WeekdaysShort,
		states: map[pipeline.Status]words{}, stateHelp: map[pipeline.Status]string{}, severities: map[pipeline.Severity]words{},
		units: map[string]string{"characters": t("unit.characters"), "graphemes": t("unit.graphemes"),
			"weighted characters": t("unit.weighted"), "UTF-16 code units": t("unit.utf16")},
		spaces: map[rune]string{'\u00a0': t("space.nbsp"), '\u202f': t("space.narrow"), '\u2009': t("space.thin"),
			'\u200b': t("space.zero_width"), ' ': t("space.plain")},
		ordinalFirst: t("first_of_month"), at: t("date_at"), f: phrasesIn(l),
	}
	for _, st := range []pipeline.Status{pipeline.StatusScheduled, pipeline.StatusPublished, pipeline.StatusFailed,
		pipeline.StatusMissed, pipeline.StatusRetracted, pipeline.StatusDraft} {
		lb.states[st] = wordsOf(l, "state."+string(st))
		lb.stateHelp[st] = t("state_help." + string(st))
	}
	for _, sev := range []pipeline.Severity{pipeline.Error, pipeline.Warning, pipeline.Suggestion} {
		lb.severities[sev] = wordsOf(l, "sev."+sev.String())
	}
	return lb
}

// wordsOf is a word's singular and plural in l (the catalog's one and
// other forms).
func wordsOf(l i18n.Lang, id string) words {
	return words{say.Count(l, id, 1, nil), say.Count(l, id, 2, nil)}
}

// phrasesIn are the sentences of the page in l.
func phrasesIn(l i18n.Lang) phrases {
	t := func(id string, args i18n.Args) string { return say.Text(l, "phrase."+id, args) }
	n := func(id string, count int, args i18n.Args) string { return say.Count(l, "phrase."+id, count, args) }
	return phrases{
		period:    func(from, to string) string { return t("period", i18n.Args{"from": from, "to": to}) },
		generated: func(when, zone string) string { return t("generated", i18n.Args{"when": when, "zone": zone}) },
		total:     func(c int) string { return n("total", c, nil) },
		weekHeading: func(w int, from, to string) string {
			return t("week_heading", i18n.Args{"week": w, "from": from, "to": to})
		},
		every: func(iv pipeline.Interval) string {
			if id := "every." + iv.Unit; say.Has("phrase." + id) {
				return n(id, iv.N, nil)
			}
			return "every " + iv.String()
		},
		on: func(every string, days []string) string {
			return t("on", i18n.Args{"every": every, "days": strings.Join(days, ", ")})
		},
		rule: func(rrule string) string { return t("rule", i18n.Args{"rule": rrule}) },
		except: func(days []string) string {
			return t("except", i18n.Args{"days": strings.Join(days, t("except_sep", nil))})
		},
		until:     func(date string) string { return t("until", i18n.Args{"date": date}) },
		times:     func(c int) string { return n("times", c, nil) },
		over:      func(c int, unit string) string { return t("over", i18n.Args{"count": c, "unit": unit}) },
		threadOf:  func(c int) string { return t("thread_of", i18n.Args{"count": c}) },
		published: func(when string) string { return t("published", i18n.Args{"when": when}) },
		linkText:  func(channel string) string { return t("link_text", i18n.Args{"channel": channel}) },
		remoteID:  func(id string) string { return t("remote_id", i18n.Args{"id": id}) },
		failed: func(attempts int, when string) string {
			s := t("failed", nil)
			if attempts > 1 {
				s += t("failed_after", i18n.Args{"count": attempts})
			}
			if when != "" {
				s += t("failed_last", i18n.Args{"when": when})
			}
			return s
		},
		retry: func(again bool) string {
			if again {
				return t("retry_again", nil)
			}
			return t("retry_never", nil)
		},
		retracted: func(when string) string { return t("retracted", i18n.Args{"when": when}) },
		notYet:    t("not_yet", nil),
		forOcc:    func(when string) string { return t("for_occurrence", i18n.Args{"when": when}) },
		noImages:  func(network string, c int) string { return n("no_images", c, i18n.Args{"network": network}) },
		fix:       func(text string) string { return t("fix", i18n.Args{"text": text}) },
		deleteFix: t("delete_fix", nil),
		replaces:  func(path string) string { return t("replaces", i18n.Args{"path": path}) },
		campaign:  func(c string) string { return t("campaign", i18n.Args{"campaign": c}) },
		brand:     func(b string) string { return t("brand", i18n.Args{"brand": b}) },
		lang:      func(lg string) string { return t("lang", i18n.Args{"lang": lg}) },
		sponsored: t("sponsored", nil),
	}
}

// labelsFor picks the labels of a language: "fr" (the default, also for
// ""), "en" or "nl", a region after a hyphen or underscore ignored
// (fr-BE, nl_BE).
func labelsFor(lang string) (*Labels, error) {
	if strings.TrimSpace(lang) == "" {
		return labels[i18n.French], nil
	}
	if l, ok := i18n.Parse(strings.TrimSpace(lang)); ok {
		return labels[l], nil
	}
	return nil, fmt.Errorf("planpage: no labels for language %q: use fr, en or nl", lang)
}

// dayNumber writes the day of the month, "1er" for the first in French.
func (l *Labels) dayNumber(d int) string {
	if d == 1 {
		return l.ordinalFirst
	}
	return fmt.Sprint(d)
}

// longDate: "mardi 1er décembre 2026", "Tuesday 1 December 2026".
func (l *Labels) longDate(t time.Time) string {
	return fmt.Sprintf("%s %s %s %d", l.weekdays[render.WeekdayIndex(t.Weekday())], l.dayNumber(t.Day()), l.months[t.Month()-1], t.Year())
}

// date: "1er décembre 2026", "1 December 2026".
func (l *Labels) date(t time.Time) string {
	return fmt.Sprintf("%s %s %d", l.dayNumber(t.Day()), l.months[t.Month()-1], t.Year())
}

// dayMonth: "mardi 1er décembre", without the year.
func (l *Labels) dayMonth(t time.Time) string {
	return fmt.Sprintf("%s %s %s", l.weekdays[render.WeekdayIndex(t.Weekday())], l.dayNumber(t.Day()), l.months[t.Month()-1])
}

// shortDate: "mar. 1 déc.", "Tue 1 Dec".
func (l *Labels) shortDate(t time.Time) string {
	return fmt.Sprintf("%s %d %s", l.weekdaysShort[render.WeekdayIndex(t.Weekday())], t.Day(), l.monthsShort[t.Month()-1])
}

// dateTime: "mardi 1er décembre 2026 à 09:30", "Tuesday 1 December 2026 at 09:30".
func (l *Labels) dateTime(t time.Time) string {
	return strings.NewReplacer("{date}", l.longDate(t), "{time}", t.Format("15:04")).Replace(l.at)
}

// monthName: "décembre 2026", "December 2026".
func (l *Labels) monthName(y int, m time.Month) string {
	return fmt.Sprintf("%s %d", l.months[m-1], y)
}

func (l *Labels) state(s pipeline.Status, n int) string {
	if w, ok := l.states[s]; ok {
		return w.n(n)
	}
	return string(s)
}

func (l *Labels) severity(s pipeline.Severity, n int) string {
	if w, ok := l.severities[s]; ok {
		return w.n(n)
	}
	return s.String()
}

func (l *Labels) unit(u string) string {
	if t, ok := l.units[u]; ok {
		return t
	}
	return u
}

// visible names the characters of a suggested text that cannot be seen
// (a no-break space before « ! »): "[espace insécable]!". A plain space
// is named only when the text is nothing else.
func (l *Labels) visible(s string) string {
	blank := strings.TrimSpace(s) == ""
	var b strings.Builder
	for _, r := range s {
		if name, ok := l.spaces[r]; ok && (r != ' ' || blank) {
			b.WriteString("[" + name + "]")
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}
