package metrics

import (
	"context"
	"fmt"
	"sort"
	"sync"
	"time"

	"github.com/crieur/crieur/pipeline"
)

// Target is one publication whose engagement is to be read.
type Target struct {
	Post    string
	Channel string
	Network string
	ID      string // the network's id (journal RemoteID)
	At      time.Time
}

// Targets lists the publications of the journal that went out at or
// after since and were not taken down since: every occurrence of a
// recurring post is its own publication. They come sorted by time.
func Targets(recs []pipeline.Record, since time.Time) []Target {
	type key struct{ channel, id string }
	gone := map[key]bool{}
	for _, r := range recs {
		if r.Action == pipeline.ActionRetracted {
			gone[key{r.Channel, r.RemoteID}] = true
		}
	}
	seen := map[key]bool{}
	var out []Target
	for _, r := range recs {
		if !r.WentOut() {
			continue
		}
		k := key{r.Channel, r.RemoteID}
		if r.RemoteID == "" || r.Time.Before(since) || gone[k] || seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, Target{Post: r.Post, Channel: r.Channel, Network: r.Network, ID: r.RemoteID, At: r.Time})
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].At.Before(out[j].At) })
	return out
}

// Outcome is what the collection did on one channel.
type Outcome struct {
	Channel string
	Asked   int   // publications to read
	Read    int   // readings recorded
	Err     error // why the rest could not be read; nil when all were
}

// Collector reads the engagement of publications, channel by channel.
type Collector struct {
	Meters map[string]pipeline.Meter // by channel name
	Now    func() time.Time
	// MaxWait is the longest a rate limit is waited for within the run
	// (default 1 minute); a longer one leaves the rest to the next run.
	MaxWait time.Duration
	// Tries is how many times a channel is asked again after a temporary
	// failure within the run (default 2).
	Tries int
}

// Collect reads every target on a channel that has a meter. Channels are
// read at the same time, each one's publications in one Measure (the
// adapter batches as its network allows); a channel that fails does not
// stop the others. Readings come sorted by channel, then by target order.
func (c Collector) Collect(ctx context.Context, targets []Target) ([]pipeline.Reading, []Outcome) {
	byChannel := map[string][]Target{}
	var names []string
	for _, t := range targets {
		if _, ok := c.Meters[t.Channel]; !ok {
			continue
		}
		if _, ok := byChannel[t.Channel]; !ok {
			names = append(names, t.Channel)
		}
		byChannel[t.Channel] = append(byChannel[t.Channel], t)
	}
	sort.Strings(names)
	readings := make([][]pipeline.Reading, len(names))
	outcomes := make([]Outcome, len(names))
	var wg sync.WaitGroup
	for i, name := range names {
		wg.Add(1)
		go func() {
			defer wg.Done()
			readings[i], outcomes[i] = c.channel(ctx, name, byChannel[name])
		}()
	}
	wg.Wait()
	var all []pipeline.Reading
	for _, rs := range readings {
		all = append(all, rs...)
	}
	return all, outcomes
}

func (c Collector) channel(ctx context.Context, name string, targets []Target) ([]pipeline.Reading, Outcome) {
	out := Outcome{Channel: name, Asked: len(targets)}
	meter := c.Meters[name]
	now := c.Now
	if now == nil {
		now = time.Now
	}
	maxWait := c.MaxWait
	if maxWait == 0 {
		maxWait = time.Minute
	}
	tries := c.Tries
	if tries == 0 {
		tries = 2
	}
	byID := map[string][]Target{} // one id, several posts: a hand-edited journal
	var ids []string
	for _, t := range targets {
		if _, ok := byID[t.ID]; !ok {
			ids = append(ids, t.ID)
		}
		byID[t.ID] = append(byID[t.ID], t)
	}
	var readings []pipeline.Reading
	left := ids
	for try := 0; len(left) > 0; try++ {
		got, err := measure(ctx, meter, left)
		at := now().UTC().Truncate(time.Second)
		var rest []string
		for _, id := range left {
			e, ok := got[id]
			if !ok {
				rest = append(rest, id)
				continue
			}
			for _, t := range byID[id] {
				readings = append(readings, pipeline.Reading{Time: at, Post: t.Post, Channel: t.Channel, Network: t.Network, ID: id, Engagement: e})
			}
		}
		if err == nil {
			left = nil // what was not read is gone from the network
			break
		}
		out.Err = err
		left = rest
		f := pipeline.AsFailure(err)
		if f == nil || !f.Temporary || try+1 >= tries || len(left) == 0 {
			break
		}
		wait := f.RetryAfter
		if wait == 0 {
			wait = 2 * time.Second << try
		}
		if wait > maxWait {
			out.Err = fmt.Errorf("%w (the network asks to wait %s; the rest is read on the next run)", err, wait.Round(time.Second))
			break
		}
		if pipeline.Sleep(ctx, wait) != nil {
			break
		}
		out.Err = nil
	}
	if len(left) == 0 {
		out.Err = nil
	}
	out.Read = len(readings)
	return readings, out
}

// measure calls the meter; a run cancelled meanwhile is an error even
// when the meter did not say so, so that what was not read is reported.
func measure(ctx context.Context, m pipeline.Meter, ids []string) (map[string]pipeline.Engagement, error) {
	got, err := m.Measure(ctx, ids)
	if err == nil && ctx.Err() != nil {
		err = ctx.Err()
	}
	return got, err
}
