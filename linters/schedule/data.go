package schedule

import (
	_ "embed"
	"fmt"
	"sort"
	"strings"
	"sync"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/crieur/crieur/pipeline"
)

//go:embed schedule.yml
var dataYAML []byte

// texts are the words of one rule id: its description, default severity
// and message templates (see schedule.yml for the placeholders).
type texts struct {
	Description        string `yaml:"description"`
	Severity           string `yaml:"severity"`
	One                string `yaml:"one"`
	Many               string `yaml:"many"`
	Item               string `yaml:"item"`
	Hint               string `yaml:"hint"`
	HintRecurring      string `yaml:"hint_recurring"`
	HintRecurringStart string `yaml:"hint_recurring_start"`
	Period             string `yaml:"period"`     // schedule.blackout
	PeriodDay          string `yaml:"period_day"` // schedule.blackout, one whole day
	RunsSlots          string `yaml:"runs_slots"` // schedule.slot, the charter names its slots
	RunsEvery          string `yaml:"runs_every"` // schedule.slot, every DefaultRunEvery

	sev pipeline.Severity
}

// configText says what is wrong with a schedule setting and how to fix it.
type configText struct {
	Problem   string `yaml:"problem"`
	Hint      string `yaml:"hint"`
	HintGuess string `yaml:"hint_guess"`
}

// data is schedule.yml.
type data struct {
	Days           map[string][]string   `yaml:"days"`
	MaxOccurrences int                   `yaml:"max_occurrences"`
	ListMax        int                   `yaml:"list_max"`
	More           string                `yaml:"more"`
	Rules          map[string]*texts     `yaml:"rules"`
	Config         map[string]configText `yaml:"config"`

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
		if !ok || t.Description == "" || t.One == "" {
			return nil, fmt.Errorf("schedule.yml: rule %s has no description or message", id)
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
	return &d, nil
}

// theData is schedule.yml, read once. It is part of the binary: a mistake
// in it is a bug that the package's tests catch, hence the panic.
var theData = sync.OnceValue(func() *data {
	d, err := parseData(dataYAML)
	if err != nil {
		panic(err)
	}
	return d
})

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
