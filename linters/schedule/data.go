package schedule

import (
	"embed"
	"fmt"
	"sort"
	"strings"
	"sync"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/crieur/crieur/pipeline"
	"github.com/crieur/crieur/pipeline/i18n"
)

//go:embed schedule.yml
var dataYAML []byte

//go:embed messages
var catalog embed.FS

// say is what the rules say, in each language (messages/*.yaml).
var say = i18n.MustLoad(catalog, "messages")

// texts are the words of one rule id: its default severity (schedule.yml)
// and, in one language, its description and message templates (the
// catalog, rules.<id>.<key>; en.yaml describes the placeholders).
type texts struct {
	Severity           string `yaml:"severity"`
	Description        string `yaml:"-" say:"about"`
	One                string `yaml:"-" say:"single"`
	Many               string `yaml:"-" say:"several"`
	Item               string `yaml:"-" say:"item"`
	Hint               string `yaml:"-" say:"hint"`
	HintRecurring      string `yaml:"-" say:"hint_recurring"`
	HintRecurringStart string `yaml:"-" say:"hint_recurring_start"`
	Period             string `yaml:"-" say:"period"`     // schedule.blackout
	PeriodDay          string `yaml:"-" say:"period_day"` // schedule.blackout, one whole day
	RunsSlots          string `yaml:"-" say:"runs_slots"` // schedule.slot, the charter names its slots
	RunsEvery          string `yaml:"-" say:"runs_every"` // schedule.slot, every DefaultRunEvery

	sev pipeline.Severity
}

// configText says what is wrong with a schedule setting and how to fix it
// (the catalog, config.<setting>.<key>).
type configText struct {
	Problem   string
	Hint      string
	HintGuess string
}

// data is schedule.yml, with the words of one language.
type data struct {
	Days           map[string][]string `yaml:"days"`
	MaxOccurrences int                 `yaml:"max_occurrences"`
	ListMax        int                 `yaml:"list_max"`
	Rules          map[string]*texts   `yaml:"rules"`

	lang   i18n.Lang
	More   string                `yaml:"-"`
	Config map[string]configText `yaml:"-"`

	dayNames map[string]time.Weekday // every accepted name, lower case
	allNames []string                // the same, sorted, for suggestions
}

// parseData reads and checks schedule.yml: every rule id has its texts
// and a valid severity, every weekday its names, no name two days.
func parseData(raw []byte) (*data, error) {
	var d data
	dec := yaml.NewDecoder(strings.NewReader(string(raw)))
	dec.KnownFields(true)
	if err := dec.Decode(&d); err != nil {
		return nil, fmt.Errorf("schedule.yml: %w", err)
	}
	for _, id := range ids {
		t, ok := d.Rules[id]
		if !ok {
			return nil, fmt.Errorf("schedule.yml: rule %s has no severity", id)
		}
		if !say.Has("rules."+id+".about") || !say.Has("rules."+id+".single") {
			return nil, fmt.Errorf("messages: rule %s has no description (about) or message (single)", id)
		}
		sev, err := pipeline.ParseSeverity(t.Severity)
		if err != nil || sev == 0 {
			return nil, fmt.Errorf("schedule.yml: rule %s: severity %q", id, t.Severity)
		}
		t.sev = sev
	}
	if len(d.Rules) != len(ids) {
		return nil, fmt.Errorf("schedule.yml: %d rules, the code knows %d", len(d.Rules), len(ids))
	}
	d.dayNames = map[string]time.Weekday{}
	for wd := time.Sunday; wd <= time.Saturday; wd++ {
		names, ok := d.Days[strings.ToLower(wd.String())]
		if !ok || len(names) == 0 {
			return nil, fmt.Errorf("schedule.yml: no names for %s", wd)
		}
		for _, n := range names {
			n = strings.ToLower(n)
			if other, dup := d.dayNames[n]; dup && other != wd {
				return nil, fmt.Errorf("schedule.yml: %q names both %s and %s", n, other, wd)
			}
			d.dayNames[n] = wd
			d.allNames = append(d.allNames, n)
		}
	}
	if len(d.Days) != 7 {
		return nil, fmt.Errorf("schedule.yml: days has %d entries, want the 7 weekdays", len(d.Days))
	}
	sort.Strings(d.allNames)
	if d.MaxOccurrences < 1 || d.ListMax < 1 {
		return nil, fmt.Errorf("schedule.yml: max_occurrences and list_max must be positive")
	}
	return d.in(i18n.English), nil
}

// in is d with the words of language l.
func (d *data) in(l i18n.Lang) *data {
	out := *d
	out.lang = l
	out.More = say.Text(l, "more", nil)
	out.Rules = make(map[string]*texts, len(d.Rules))
	for id, t := range d.Rules {
		tl := *t
		for key, field := range tl.fields() {
			if say.Has("rules." + id + "." + key) {
				*field = say.Text(l, "rules."+id+"."+key, nil)
			}
		}
		tl.Description = strings.Join(strings.Fields(tl.Description), " ")
		out.Rules[id] = &tl
	}
	out.Config = map[string]configText{}
	for _, id := range say.IDs("config.") {
		setting, key, _ := strings.Cut(strings.TrimPrefix(id, "config."), ".")
		c := out.Config[setting]
		switch key {
		case "problem":
			c.Problem = say.Text(l, id, nil)
		case "hint":
			c.Hint = say.Text(l, id, nil)
		case "hint_guess":
			c.HintGuess = say.Text(l, id, nil)
		}
		out.Config[setting] = c
	}
	return &out
}

// fields are a rule's templates by their key in the catalog.
func (t *texts) fields() map[string]*string {
	return map[string]*string{
		"about": &t.Description, "single": &t.One, "several": &t.Many, "item": &t.Item,
		"hint": &t.Hint, "hint_recurring": &t.HintRecurring, "hint_recurring_start": &t.HintRecurringStart,
		"period": &t.Period, "period_day": &t.PeriodDay, "runs_slots": &t.RunsSlots, "runs_every": &t.RunsEvery,
	}
}

// word is one of the catalog's words (words.<id>, weekday.<day>) in d's
// language, its placeholders filled.
func (d *data) word(id string, vars map[string]string) string {
	return fill(say.Text(d.lang, id, nil), vars)
}

// weekday names a day in d's language.
func (d *data) weekday(wd time.Weekday) string {
	return say.Text(d.lang, "weekday."+strings.ToLower(wd.String()), nil)
}

// languages is schedule.yml, read once, with the words of each language.
// It is part of the binary: a mistake in it is a bug that the package's
// tests catch, hence the panic.
var languages = sync.OnceValue(func() map[i18n.Lang]*data {
	d, err := parseData(dataYAML)
	if err != nil {
		panic(err)
	}
	out := map[i18n.Lang]*data{}
	for _, l := range i18n.Langs {
		out[l] = d.in(l)
	}
	return out
})

// theData is schedule.yml with the English words.
func theData() *data { return dataIn(i18n.English) }

// dataIn is schedule.yml with the words of l (English when l is empty).
func dataIn(l i18n.Lang) *data {
	if d, ok := languages()[l]; ok {
		return d
	}
	return languages()[i18n.English]
}

// fill replaces the {placeholders} of a template; an unknown one stays.
func fill(tmpl string, vars map[string]string) string {
	var b strings.Builder
	for {
		i := strings.IndexByte(tmpl, '{')
		if i < 0 {
			break
		}
		j := strings.IndexByte(tmpl[i:], '}')
		if j < 0 {
			break
		}
		val, ok := vars[tmpl[i+1:i+j]]
		if !ok {
			b.WriteString(tmpl[:i+1])
			tmpl = tmpl[i+1:]
			continue
		}
		b.WriteString(tmpl[:i])
		b.WriteString(val)
		tmpl = tmpl[i+j+1:]
	}
	b.WriteString(tmpl)
	return b.String()
}
