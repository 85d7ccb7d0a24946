package metrics

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/crieur/crieur/pipeline"
)

var t0 = time.Date(2026, 12, 1, 9, 30, 0, 0, time.UTC)

func TestTargets(t *testing.T) {
	recs := []pipeline.Record{
		{Time: t0.AddDate(0, 0, -40), Action: pipeline.ActionPublished, Post: "old.md", Channel: "m", RemoteID: "1"},
		{Time: t0, Action: pipeline.ActionPublished, Post: "a.md", Channel: "m", Network: "mastodon", RemoteID: "2"},
		{Time: t0, Action: pipeline.ActionFailed, Post: "b.md", Channel: "m"},
		{Time: t0.Add(time.Hour), Action: pipeline.ActionRecovered, Post: "b.md", Channel: "m", RemoteID: "3"},
		{Time: t0.Add(2 * time.Hour), Action: pipeline.ActionPublished, Post: "c.md", Channel: "m", RemoteID: "4"},
		{Time: t0.Add(3 * time.Hour), Action: pipeline.ActionRetracted, Post: "c.md", Channel: "m", RemoteID: "4"},
		{Time: t0.Add(time.Minute), Action: pipeline.ActionPublished, Post: "a.md", Channel: "b", RemoteID: "at://x"},
	}
	got := Targets(recs, t0.AddDate(0, 0, -30))
	var ids []string
	for _, g := range got {
		ids = append(ids, g.Channel+"/"+g.ID)
	}
	if strings.Join(ids, " ") != "m/2 b/at://x m/3" {
		t.Errorf("targets %v, want the recent, not retracted ones in time order", ids)
	}
}

// meter is a test double of a network's Meter: it answers from a table,
// and fails the first calls with the given error.
type meter struct {
	known map[string]pipeline.Engagement
	fail  []error
	per   int // readings answered before failing
	calls [][]string
}

func (m *meter) Measure(ctx context.Context, ids []string) (map[string]pipeline.Engagement, error) {
	m.calls = append(m.calls, ids)
	out := map[string]pipeline.Engagement{}
	for _, id := range ids {
		if len(m.fail) > 0 && len(out) >= m.per {
			err := m.fail[0]
			m.fail = m.fail[1:]
			return out, err
		}
		if e, ok := m.known[id]; ok {
			out[id] = e
		}
	}
	return out, nil
}

func targets(channel string, ids ...string) []Target {
	var out []Target
	for _, id := range ids {
		out = append(out, Target{Post: id + ".md", Channel: channel, Network: "mastodon", ID: id, At: t0})
	}
	return out
}

func TestCollectCarriesOnAndWaits(t *testing.T) {
	now := t0.Add(24 * time.Hour)
	ok := &meter{known: map[string]pipeline.Engagement{"1": {pipeline.Likes: 3}, "2": {pipeline.Likes: 1, pipeline.Reposts: 2}}}
	broken := &meter{fail: []error{errors.New("401 Unauthorized")}}
	limited := &meter{known: map[string]pipeline.Engagement{"a": {pipeline.Likes: 5}, "b": {pipeline.Likes: 6}},
		per: 1, fail: []error{&pipeline.Failure{Network: "x", Status: 429, Temporary: true, RetryAfter: time.Millisecond}}}
	c := Collector{Meters: map[string]pipeline.Meter{"ok": ok, "broken": broken, "limited": limited}, Now: func() time.Time { return now }}
	ts := append(append(targets("ok", "1", "2", "gone"), targets("broken", "9")...), targets("limited", "a", "b")...)
	ts = append(ts, targets("nometer", "z")...)
	readings, outcomes := c.Collect(context.Background(), ts)

	got := map[string]int64{}
	for _, r := range readings {
		got[r.Channel+"/"+r.ID] = r.Engagement.Interactions()
		if !r.Time.Equal(now) || r.Post != r.ID+".md" || r.Network != "mastodon" {
			t.Errorf("reading %+v", r)
		}
	}
	want := map[string]int64{"ok/1": 3, "ok/2": 3, "limited/a": 5, "limited/b": 6}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s = %d, want %d (all: %v)", k, got[k], v, got)
		}
	}
	if len(got) != len(want) {
		t.Errorf("readings %v, want %v", got, want)
	}
	byName := map[string]Outcome{}
	for _, o := range outcomes {
		byName[o.Channel] = o
	}
	if o := byName["broken"]; o.Err == nil || o.Asked != 1 || o.Read != 0 {
		t.Errorf("broken channel: %+v", o)
	}
	if o := byName["limited"]; o.Err != nil || o.Read != 2 {
		t.Errorf("a short rate limit is waited for: %+v", o)
	}
	if len(limited.calls) != 2 || strings.Join(limited.calls[1], ",") != "b" {
		t.Errorf("after the rate limit only the rest is asked: %v", limited.calls)
	}
	if _, ok := byName["nometer"]; ok {
		t.Errorf("a channel without metrics has no outcome")
	}
}

func TestCollectLongRateLimitLeavesTheRest(t *testing.T) {
	limited := &meter{known: map[string]pipeline.Engagement{"a": {pipeline.Likes: 5}, "b": {pipeline.Likes: 6}},
		per: 1, fail: []error{&pipeline.Failure{Network: "x", Status: 429, Temporary: true, RetryAfter: 15 * time.Minute}}}
	c := Collector{Meters: map[string]pipeline.Meter{"x": limited}, Now: func() time.Time { return t0 }}
	readings, outcomes := c.Collect(context.Background(), targets("x", "a", "b"))
	if len(readings) != 1 || len(limited.calls) != 1 {
		t.Fatalf("readings %v, calls %v", readings, limited.calls)
	}
	if o := outcomes[0]; o.Err == nil || !strings.Contains(o.Err.Error(), "next run") || o.Read != 1 || o.Asked != 2 {
		t.Errorf("outcome %+v", o)
	}
}
