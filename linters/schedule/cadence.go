package schedule

import (
	"sort"
	"time"

	"github.com/crieur/crieur/pipeline"
	"github.com/crieur/crieur/pipeline/content"
)

// Cadence is when the publish workflow must run for every charter of the
// repository to be served: the union of their publishing slots (or, for
// a charter without slots, every pipeline.DefaultRunEvery inside its
// posting hours), on the union of their posting days, in the
// repository's time zone. Settings that cannot be read count as absent,
// as they do for the rules.
func Cadence(r *content.Repo) pipeline.Cadence {
	loc := time.UTC
	if r.Config != nil && r.Config.Timezone != nil {
		loc = r.Config.Timezone
	}
	d := theData()
	brands := make([]string, 0, len(r.Charters))
	for b := range r.Charters {
		brands = append(brands, b)
	}
	sort.Strings(brands)
	if len(brands) == 0 {
		brands = []string{""}
	}
	var times []int
	var days [7]bool
	slots := true
	for _, b := range brands {
		var rules pipeline.ScheduleRules
		if ch := r.Charters[b]; ch != nil {
			rules = ch.Schedule
		}
		t, ds, s := compile(rules, loc, d).cadence()
		times = append(times, t...)
		slots = slots && s
		if ds == [7]bool{} {
			ds = [7]bool{true, true, true, true, true, true, true}
		}
		for i, on := range ds {
			days[i] = days[i] || on
		}
	}
	return pipeline.NewCadence(times, days, loc, slots)
}
