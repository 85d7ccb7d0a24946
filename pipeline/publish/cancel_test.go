package publish

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"github.com/crieur/crieur/pipeline"
	"github.com/crieur/crieur/pipeline/content"
)

// slow is a network whose calls take a while and say when they start;
// unlike network's block, it ends its call on its own even when the
// context is done after the call started.
type slow struct {
	*network
	delay   time.Duration
	started chan struct{}
}

func (s slow) Publish(ctx context.Context, m pipeline.Message) (pipeline.Receipt, error) {
	s.started <- struct{}{}
	time.Sleep(s.delay)
	return s.network.Publish(context.WithoutCancel(ctx), m)
}

// cancelRun runs the publisher with a context cancelled by hook, and
// fails the test on a run error.
func (f *fixture) cancelRun(now time.Time, hook func(p *Publisher, cancel context.CancelFunc)) (*Result, string) {
	f.t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	p := f.publisher(now)
	var out bytes.Buffer
	p.Progress = &out
	hook(p, cancel)
	res, err := p.Run(ctx)
	if err != nil {
		f.t.Fatalf("cancelled run: %v\n%s", err, out.String())
	}
	return res, out.String()
}

func deliveriesOf(ds []pipeline.Delivery) string {
	var s []string
	for _, d := range ds {
		s = append(s, d.Channel)
	}
	return strings.Join(s, ",")
}

// Cancelled after the first delivery went out: the run starts nothing
// more, records what went out and commits it; the deliveries it did not
// make are not failures, only still due, and the next run makes them.
func TestRunCancelledBetweenDeliveries(t *testing.T) {
	f := newFixture(t, map[string]string{"posts/a.md": postA})
	now := time.Date(2026, 12, 1, 10, 0, 0, 0, f.loc)
	res, out := f.cancelRun(now, func(p *Publisher, cancel context.CancelFunc) {
		p.AfterSend = func(pipeline.Delivery) { cancel() }
	})
	if channelsOf(res.Published) != "mastodon" || len(res.Failed) != 0 || deliveriesOf(res.Interrupted) != "bluesky,linkedin" {
		t.Fatalf("published %q, failed %+v, interrupted %q\n%s", channelsOf(res.Published), res.Failed, deliveriesOf(res.Interrupted), out)
	}
	if n := len(f.nets["bluesky"].sent()) + len(f.nets["linkedin"].sent()); n != 0 {
		t.Errorf("%d calls started after the cancellation", n)
	}
	src := f.read("posts/a.md")
	if strings.Contains(src, "context canceled") || strings.Contains(src, "error:") || strings.Contains(src, "status: failed") {
		t.Errorf("the deliveries not made are recorded as failed:\n%s", src)
	}
	if p := f.post("posts/a.md"); p.Publications["mastodon"].ID != "mastodon-1" || p.Status != pipeline.StatusScheduled {
		t.Errorf("status %s, publications %+v", p.Status, p.Publications)
	}
	if j := f.journal(); len(j) != 1 || j[0].Action != pipeline.ActionPublished {
		t.Errorf("journal %+v", j)
	}
	if c := f.commitCalls(); len(c) != 1 || !strings.Contains(c[0].msg, "- posts/a.md → mastodon mastodon-1") {
		t.Errorf("commits %+v", c)
	}
	if f.exists(content.StateDir + "/pending.jsonl") {
		t.Error("the intent log is left though every call ended")
	}
	if !strings.Contains(out, "cancelled: 2 deliveries not made, still due for the next run") {
		t.Errorf("progress:\n%s", out)
	}

	res, _ = f.run(now.Add(time.Minute))
	if channelsOf(res.Published) != "bluesky,linkedin" || len(res.Recovered)+len(res.Failed) != 0 {
		t.Errorf("next run: published %q, recovered %d, failed %d", channelsOf(res.Published), len(res.Recovered), len(res.Failed))
	}
	for name, n := range f.nets {
		if len(n.sent()) != 1 {
			t.Errorf("%s got %d calls", name, len(n.sent()))
		}
	}
}

// A call under way when the run is cancelled may finish within the grace
// period: it is recorded as published.
func TestRunCancelledCallFinishesWithinGrace(t *testing.T) {
	f := newFixture(t, map[string]string{"posts/a.md": postA})
	now := time.Date(2026, 12, 1, 10, 0, 0, 0, f.loc)
	started := make(chan struct{}, 3)
	f.channels["mastodon"] = slow{f.nets["mastodon"], 100 * time.Millisecond, started}
	res, out := f.cancelRun(now, func(p *Publisher, cancel context.CancelFunc) {
		p.Grace = 5 * time.Second
		go func() { <-started; cancel() }()
	})
	if channelsOf(res.Published) != "mastodon" || len(res.Failed) != 0 || deliveriesOf(res.Interrupted) != "bluesky,linkedin" {
		t.Fatalf("published %q, failed %+v, interrupted %q\n%s", channelsOf(res.Published), res.Failed, deliveriesOf(res.Interrupted), out)
	}
	if c := f.commitCalls(); len(c) != 1 {
		t.Errorf("commits %+v", c)
	}
}

// A call the cancellation cuts short (it outlives the grace period) may
// have gone out: it is not recorded as failed, and its intent is kept so
// that the next run asks the network instead of sending it blindly.
func TestRunCancelledCallCutShort(t *testing.T) {
	f := newFixture(t, map[string]string{"posts/a.md": postA}).withFinder("bluesky")
	now := time.Date(2026, 12, 1, 10, 0, 0, 0, f.loc)
	f.nets["bluesky"].block = true
	res, out := f.cancelRun(now, func(p *Publisher, cancel context.CancelFunc) {
		p.Grace = 50 * time.Millisecond
		go func() {
			for len(f.nets["bluesky"].sent()) == 0 {
				time.Sleep(time.Millisecond)
			}
			cancel()
		}()
	})
	if channelsOf(res.Published) != "mastodon" || len(res.Failed) != 0 || deliveriesOf(res.Interrupted) != "bluesky,linkedin" {
		t.Fatalf("published %q, failed %+v, interrupted %q\n%s", channelsOf(res.Published), res.Failed, deliveriesOf(res.Interrupted), out)
	}
	if src := f.read("posts/a.md"); strings.Contains(src, "context") || strings.Contains(src, "bluesky:") {
		t.Errorf("the call cut short is recorded:\n%s", src)
	}
	pending, err := intentLog{f.abs(content.StateDir + "/pending.jsonl")}.read()
	if err != nil || len(pending) != 1 || pending[0].Channel != "bluesky" {
		t.Fatalf("intent log %+v, %v; want bluesky's intent kept", pending, err)
	}
	if !strings.Contains(out, "cancelled posts/a.md → bluesky in flight") {
		t.Errorf("progress:\n%s", out)
	}

	// The next run asks bluesky (nothing went out), then sends it with the same key.
	f.nets["bluesky"].mu.Lock()
	f.nets["bluesky"].block = false
	f.nets["bluesky"].mu.Unlock()
	res, _ = f.run(now.Add(time.Minute))
	if channelsOf(res.Published) != "bluesky,linkedin" || f.nets["bluesky"].findCalls() != 1 {
		t.Errorf("next run published %q, asked bluesky %d times", channelsOf(res.Published), f.nets["bluesky"].findCalls())
	}
	if f.exists(content.StateDir + "/pending.jsonl") {
		t.Error("the intent log is left")
	}
}

func TestAfterCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.WithValue(context.Background(), struct{}{}, "v"))
	gctx, stop := AfterCancel(ctx, 50*time.Millisecond)
	defer stop()
	if gctx.Value(struct{}{}) != "v" {
		t.Error("values lost")
	}
	cancel()
	time.Sleep(10 * time.Millisecond)
	if gctx.Err() != nil {
		t.Fatal("ended with its parent, before the grace period")
	}
	select {
	case <-gctx.Done():
	case <-time.After(5 * time.Second):
		t.Fatal("not ended after the grace period")
	}
}
