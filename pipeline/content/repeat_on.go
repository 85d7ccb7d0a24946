package content

import (
	"sort"
	"strconv"
	"strings"

	"github.com/teambition/rrule-go"
	"gopkg.in/yaml.v3"

	"github.com/crieur/crieur/pipeline"
	"github.com/crieur/crieur/pipeline/i18n"
)

// The words of repeat.on, in English, French and Dutch: a day of the
// week, a rank and a day of the week (first tuesday, premier mardi,
// eerste dinsdag), a rank and the word day (last day, dernier jour), or
// a day of the month as a number (15, -1 for the last). Accents and case
// do not matter; an article (the, le, la, de) in front is dropped.
var (
	weekdayWords = map[string]rrule.Weekday{
		"monday": rrule.MO, "tuesday": rrule.TU, "wednesday": rrule.WE, "thursday": rrule.TH, "friday": rrule.FR, "saturday": rrule.SA, "sunday": rrule.SU,
		"lundi": rrule.MO, "mardi": rrule.TU, "mercredi": rrule.WE, "jeudi": rrule.TH, "vendredi": rrule.FR, "samedi": rrule.SA, "dimanche": rrule.SU,
		"maandag": rrule.MO, "dinsdag": rrule.TU, "woensdag": rrule.WE, "donderdag": rrule.TH, "vrijdag": rrule.FR, "zaterdag": rrule.SA, "zondag": rrule.SU,
	}
	rankWords = map[string]int{
		"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "last": -1, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4, "5th": 5,
		"premier": 1, "premiere": 1, "1er": 1, "1re": 1, "deuxieme": 2, "2e": 2, "troisieme": 3, "3e": 3, "quatrieme": 4, "4e": 4, "cinquieme": 5, "5e": 5, "dernier": -1, "derniere": -1,
		"eerste": 1, "tweede": 2, "derde": 3, "vierde": 4, "vijfde": 5, "laatste": -1,
	}
	dayWords     = map[string]bool{"day": true, "jour": true, "dag": true}
	articleWords = map[string]bool{"the": true, "le": true, "la": true, "de": true, "het": true}
	unaccent     = strings.NewReplacer("é", "e", "è", "e", "ê", "e", "É", "e", "È", "e")
)

// onDay is one entry of repeat.on: a weekday (ranked or not), or a day
// of the month.
type onDay struct {
	weekday  rrule.Weekday
	rank     int // 1..5, -1 for the last; 0 for every such weekday
	monthDay int // 1..31 or -31..-1; 0 for a weekday
}

// onWords splits an entry of repeat.on into words, lower-cased (ASCII
// letters; é, è and ê read as e), at spaces, tabs and the no-break
// spaces a French keyboard types.
func onWords(s string) []string {
	s = strings.Map(func(r rune) rune {
		if r >= 'A' && r <= 'Z' {
			return r - 'A' + 'a'
		}
		return r
	}, unaccent.Replace(s))
	return strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || r == '\t' || r == '\u00a0' || r == '\u202f' })
}

// onError is an entry of repeat.on that cannot be read: the catalog's
// repeat.on.<id> and its values (value and rank are quoted by the
// reader's language); word is the word to suggest a spelling for, ""
// for none.
type onError struct {
	id   string
	args map[string]string
	word string
}

func (e *onError) Error() string { return e.in(i18n.English) }

// in is the error in l.
func (e *onError) in(l i18n.Lang) string {
	args := i18n.Args{}
	for k, v := range e.args {
		args[k] = v
		if k == "value" || k == "rank" {
			q := strconv.Quote(v)
			args[k] = say.Text(l, "quoted", i18n.Args{"text": q[1 : len(q)-1]})
		}
	}
	return say.Text(l, "repeat.on."+e.id, args)
}

// parseOnDay reads one entry of repeat.on.
func parseOnDay(s string) (onDay, error) {
	words := onWords(s)
	if len(words) > 1 && articleWords[words[0]] {
		words = words[1:]
	}
	if len(words) == 1 {
		if n, err := strconv.Atoi(words[0]); err == nil {
			if n == 0 || n < -31 || n > 31 {
				return onDay{}, &onError{id: "month_day", args: map[string]string{"n": strconv.Itoa(n)}}
			}
			return onDay{monthDay: n}, nil
		}
		wd, err := weekdayOf(words[0])
		return onDay{weekday: wd}, err
	}
	if len(words) != 2 {
		return onDay{}, &onError{id: "unreadable", args: map[string]string{"value": s}}
	}
	rank, ok := rankWords[words[0]]
	if !ok {
		return onDay{}, &onError{id: "rank", args: map[string]string{"rank": words[0], "value": s}, word: words[0]}
	}
	if dayWords[words[1]] {
		return onDay{monthDay: rank}, nil
	}
	wd, err := weekdayOf(words[1])
	return onDay{weekday: wd, rank: rank}, err
}

// weekdayOf reads a day of the week, a plural (mondays, lundis) too.
func weekdayOf(w string) (rrule.Weekday, error) {
	if wd, ok := weekdayWords[w]; ok {
		return wd, nil
	}
	if wd, ok := weekdayWords[strings.TrimSuffix(w, "s")]; ok {
		return wd, nil
	}
	return rrule.Weekday{}, &onError{id: "day", args: map[string]string{"value": w}, word: w}
}

// readOn reads repeat.on into the rule every: and on: make together: the
// days of every week (on: [monday, thursday]), or of every month (first
// tuesday, 15, last day). It returns the entries as written, for display.
func (d *yamlDoc) readOn(n *yaml.Node, every pipeline.Interval) (*rrule.ROption, []string) {
	items, nodes := d.strList(n, "repeat.on")
	if len(items) == 0 {
		if n.Kind != yaml.MappingNode {
			d.add(n, "schema.repeat", d.text("repeat.on.empty", nil), d.text("repeat.on.hint", nil))
		}
		return nil, nil
	}
	if every.N == 0 {
		return nil, nil // every: was not read: reported already
	}
	opt := &rrule.ROption{Freq: rrule.WEEKLY, Interval: every.N}
	if every.Unit == "month" {
		opt.Freq = rrule.MONTHLY
	}
	for i, s := range items {
		day, err := parseOnDay(s)
		if err != nil {
			d.add(nodes[i], "schema.repeat", "repeat.on: "+err.(*onError).in(d.lang), d.onDayHint(err.(*onError).word))
			return nil, nil
		}
		if m := fitOn(day, every, opt); m.id != "" {
			msg, hint := d.in(m)
			d.add(nodes[i], "schema.repeat", "repeat.on: "+msg, hint)
			return nil, nil
		}
		if day.monthDay != 0 {
			opt.Bymonthday = append(opt.Bymonthday, day.monthDay)
		} else {
			opt.Byweekday = append(opt.Byweekday, day.weekday.Nth(day.rank))
		}
	}
	return opt, items
}

// fitOn checks that a day goes with every: and with the days before it;
// its message is empty when it does.
func fitOn(day onDay, every pipeline.Interval, opt *rrule.ROption) message {
	switch {
	case every.Unit == "day":
		return message{"repeat.on.daily", i18n.Args{"every": every.String()}}
	case every.Unit == "week" && (day.rank != 0 || day.monthDay != 0):
		return message{"repeat.on.weekly", i18n.Args{"every": every.String()}}
	case day.monthDay != 0 && len(opt.Byweekday) > 0, day.monthDay == 0 && len(opt.Bymonthday) > 0:
		return message{"repeat.on.mixed", nil}
	}
	return message{}
}

// onDayHint suggests a day name or a rank close to a misspelt word.
func (d *yamlDoc) onDayHint(word string) string {
	if word != "" {
		names := make([]string, 0, len(weekdayWords)+len(rankWords))
		for w := range weekdayWords {
			names = append(names, w)
		}
		for w := range rankWords {
			names = append(names, w)
		}
		sort.Strings(names)
		if h := d.suggest(word, names); h != "" {
			return h
		}
	}
	return d.text("repeat.on.hint", nil)
}
