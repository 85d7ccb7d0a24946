package publish

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/crieur/crieur/pipeline"
)

// flaky is a network whose next calls fail as scripted; a failure with
// sent set is a post the network accepted before its answer was lost.
type flaky struct {
	*network
	mu     sync.Mutex
	script []step
	// retracted lists the receipts taken down.
	retracted  []pipeline.Receipt
	retractErr error
	expiry     time.Time
}

type step struct {
	err  error
	sent bool
}

func (f *flaky) Publish(ctx context.Context, m pipeline.Message) (pipeline.Receipt, error) {
	f.mu.Lock()
	var s step
	if len(f.script) > 0 {
		s, f.script = f.script[0], f.script[1:]
	}
	f.mu.Unlock()
	if s.err == nil {
		return f.network.Publish(ctx, m)
	}
	if s.sent {
		f.network.Publish(ctx, m)
	} else {
		f.network.mu.Lock()
		f.network.calls = append(f.network.calls, m)
		f.network.mu.Unlock()
	}
	return pipeline.Receipt{}, s.err
}

// flakyFinder can also be asked what went out.
type flakyFinder struct{ *flaky }

func (f flakyFinder) Find(ctx context.Context, m pipeline.Message) (pipeline.Receipt, bool, error) {
	return finder{f.network}.Find(ctx, m)
}

func (f *flaky) Retract(_ context.Context, r pipeline.Receipt) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.retractErr != nil {
		return f.retractErr
	}
	f.retracted = append(f.retracted, r)
	return nil
}

func (f *flaky) Expiry(context.Context) (time.Time, error) { return f.expiry, nil }

func (fx *fixture) flaky(name string, steps ...step) *flaky {
	fl := &flaky{network: fx.nets[name], script: steps}
	fx.channels[name] = fl
	return fl
}

func temporary(status int, after time.Duration, maybeSent bool) error {
	return &pipeline.Failure{Network: "bluesky", Op: "POST /xrpc/com.atproto.repo.createRecord", Status: status, Message: "boom",
		Temporary: true, RetryAfter: after, MaybeSent: maybeSent}
}

// waits records the pauses of a run instead of sleeping.
func waits(into *[]time.Duration) func(*Publisher) {
	return func(p *Publisher) {
		p.Sleep = func(_ context.Context, d time.Duration) error {
			*into = append(*into, d)
			return nil
		}
	}
}

func TestRetryWithinTheRun(t *testing.T) {
	tests := []struct {
		name      string
		steps     []step
		finder    bool
		published bool
		calls     int
		waited    string
		attempts  int
		errHas    string
	}{
		{name: "5xx then ok", steps: []step{{err: temporary(502, 0, false)}}, published: true, calls: 2, waited: "2s", attempts: 1},
		{name: "429 honours Retry-After", steps: []step{{err: temporary(429, 7*time.Second, false)}, {err: temporary(429, 9*time.Second, false)}},
			published: true, calls: 3, waited: "7s 9s", attempts: 1},
		{name: "three failures: failed for a later run", steps: []step{{err: temporary(500, 0, false)}, {err: temporary(500, 0, false)}, {err: temporary(500, 0, false)}},
			calls: 3, waited: "2s 4s", attempts: 1, errHas: "HTTP 500"},
		{name: "Retry-After beyond the run's patience", steps: []step{{err: temporary(429, time.Hour, false)}},
			calls: 1, waited: "", attempts: 1, errHas: "a later run will try again"},
		{name: "not temporary: no retry", steps: []step{{err: &pipeline.Failure{Network: "bluesky", Status: 401, Message: "bad token"}}},
			calls: 1, waited: "", attempts: 1, errHas: "HTTP 401"},
		{name: "answer lost, network asked: it went out", steps: []step{{err: temporary(0, 0, true), sent: true}}, finder: true,
			published: true, calls: 1, waited: "", attempts: 1},
		{name: "answer lost, network asked: it did not", steps: []step{{err: temporary(0, 0, true)}}, finder: true,
			published: true, calls: 2, waited: "2s", attempts: 1},
		{name: "answer lost, network cannot be asked: a human checks", steps: []step{{err: temporary(0, 0, true), sent: true}},
			calls: 1, waited: "", attempts: pipeline.MaxAttempts, errHas: "cannot be asked: check bluesky, then write its id here"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t, map[string]string{"posts/a.md": postA})
			fl := f.flaky("bluesky", tt.steps...)
			if tt.finder {
				f.channels["bluesky"] = flakyFinder{fl}
			}
			var waited []time.Duration
			res, out := f.run(time.Date(2026, 12, 1, 10, 0, 0, 0, f.loc), waits(&waited))
			if got := len(fl.sent()); got != tt.calls {
				t.Errorf("%d calls to the network, want %d\n%s", got, tt.calls, out)
			}
			if got := durations(waited); got != tt.waited {
				t.Errorf("waited %q, want %q", got, tt.waited)
			}
			if n := len(fl.posts); n > 1 {
				t.Errorf("%d posts on the network: sent twice", n)
			}
			pub := f.post("posts/a.md").Publications["bluesky"]
			if tt.published != pub.Done() || pub.Attempts != tt.attempts {
				t.Errorf("publication %+v, want done=%v attempts=%d\n%s", pub, tt.published, tt.attempts, out)
			}
			if tt.errHas != "" {
				if !strings.Contains(pub.Error, tt.errHas) || len(res.Failed) != 1 || !strings.Contains(res.Failed[0].Error, tt.errHas) {
					t.Errorf("error %q (failed %+v), want it to say %q", pub.Error, res.Failed, tt.errHas)
				}
			} else if len(res.Failed) != 0 {
				t.Errorf("failed: %+v", res.Failed)
			}
			if channelsOf(res.Published) != map[bool]string{true: "mastodon,bluesky,linkedin", false: "mastodon,linkedin"}[tt.published] {
				t.Errorf("published %s: one failing channel must not stop the others", channelsOf(res.Published))
			}
		})
	}
}

func durations(ds []time.Duration) string {
	var s []string
	for _, d := range ds {
		s = append(s, d.String())
	}
	return strings.Join(s, " ")
}

const retractedPost = `---
publish_at: 2026-12-01 09:30
channels: [mastodon, bluesky, linkedin]
status: retracted
publications:
  mastodon:
    id: "111"
    url: https://mastodon.example/@a/111
    at: 2026-12-01T09:30:02+01:00
    attempts: 1
  bluesky:
    id: at://did:plc:x/app.bsky.feed.post/3kaaaaaaaaaa2
    url: https://bsky.app/profile/a/post/3kaaaaaaaaaa2
    parts:
      - at://did:plc:x/app.bsky.feed.post/3kaaaaaaaaab2
    at: 2026-12-01T09:30:03+01:00
    attempts: 1
  linkedin:
    attempts: 2
    error: HTTP 500
---
Un message à retirer.
`

func TestRetract(t *testing.T) {
	f := newFixture(t, map[string]string{"posts/a.md": retractedPost})
	ma, bs := f.flaky("mastodon"), f.flaky("bluesky")
	now := time.Date(2026, 12, 1, 11, 0, 0, 0, f.loc)
	res, out := f.run(now)
	if len(ma.retracted) != 1 || ma.retracted[0].ID != "111" {
		t.Errorf("mastodon retracted %+v", ma.retracted)
	}
	if len(bs.retracted) != 1 || strings.Join(bs.retracted[0].Parts, ",") != "at://did:plc:x/app.bsky.feed.post/3kaaaaaaaaab2" {
		t.Errorf("bluesky retracted %+v: the thread's parts must go too", bs.retracted)
	}
	if channelsOf(res.Retracted) != "bluesky,mastodon" || len(res.Published) != 0 {
		t.Errorf("retracted %q, published %d\n%s", channelsOf(res.Retracted), len(res.Published), out)
	}
	p := f.post("posts/a.md")
	for _, ch := range []string{"mastodon", "bluesky"} {
		if !p.Publications[ch].Retracted.Equal(now) {
			t.Errorf("%s: retracted = %v, want %v", ch, p.Publications[ch].Retracted, now)
		}
	}
	if p.Status != pipeline.StatusRetracted || p.Publications["linkedin"].Done() {
		t.Errorf("status %s, linkedin %+v", p.Status, p.Publications["linkedin"])
	}
	j := f.journal()
	if len(j) != 2 || j[0].Action != pipeline.ActionRetracted || j[0].RemoteID == "" || !j[0].Time.Equal(now) {
		t.Errorf("journal %+v", j)
	}
	c := f.commitCalls()
	if len(c) != 1 || !strings.HasPrefix(c[0].msg, "crieur: retract 2 publications\n") || !strings.Contains(c[0].msg, "- RETRACTED posts/a.md → mastodon 111\n") {
		t.Errorf("commits %+v", c)
	}
	// Done once: the next run has nothing to do.
	res, _ = f.run(now.Add(time.Hour))
	if len(res.Retracted)+len(res.Failed) != 0 || len(ma.retracted) != 1 || len(f.commitCalls()) != 1 {
		t.Errorf("second run: %+v", res)
	}
}

func TestRetractFailures(t *testing.T) {
	f := newFixture(t, map[string]string{"posts/a.md": retractedPost})
	ma := f.flaky("mastodon")
	ma.retractErr = errors.New("HTTP 503")
	// bluesky is a plain channel: it cannot delete.
	now := time.Date(2026, 12, 1, 11, 0, 0, 0, f.loc)
	res, _ := f.run(now)
	if channelsOf(res.Failed) != "bluesky,mastodon" || len(res.Retracted) != 0 {
		t.Fatalf("failed %q retracted %q", channelsOf(res.Failed), channelsOf(res.Retracted))
	}
	p := f.post("posts/a.md")
	if e := p.Publications["bluesky"].Error; !strings.Contains(e, "cannot delete a post through its API: delete it by hand at https://bsky.app/profile/a/post/3kaaaaaaaaaa2") {
		t.Errorf("bluesky error %q", e)
	}
	if e := p.Publications["mastodon"].Error; e != "retract: HTTP 503" {
		t.Errorf("mastodon error %q", e)
	}
	// The same failure is not recorded again on every run; the network
	// back, the retraction goes through.
	res, _ = f.run(now.Add(15 * time.Minute))
	if channelsOf(res.Failed) != "" {
		t.Errorf("the same failures recorded again: %+v", res.Failed)
	}
	ma.retractErr = nil
	res, _ = f.run(now.Add(30 * time.Minute))
	if channelsOf(res.Retracted) != "mastodon" {
		t.Errorf("retracted %q", channelsOf(res.Retracted))
	}
	if p := f.post("posts/a.md"); p.Publications["mastodon"].Error != "" || p.Publications["mastodon"].Retracted.IsZero() {
		t.Errorf("mastodon %+v", p.Publications["mastodon"])
	}
}

func TestFreezeHoldsButRetracts(t *testing.T) {
	f := newFixture(t, map[string]string{"posts/a.md": postA, "posts/b.md": retractedPost})
	ma := f.flaky("mastodon")
	since := time.Date(2026, 12, 1, 8, 0, 0, 0, f.loc)
	f.repo.Freeze = &pipeline.Freeze{Since: since, Until: since.Add(48 * time.Hour), Reason: "deuil national", By: "Camille"}
	res, out := f.run(time.Date(2026, 12, 1, 10, 0, 0, 0, f.loc))
	if len(res.Published) != 0 || len(res.Held) != 3 || res.Frozen == nil {
		t.Errorf("published %d, held %d during a freeze\n%s", len(res.Published), len(res.Held), out)
	}
	if len(ma.retracted) != 1 || len(res.Retracted) != 1 {
		t.Errorf("a freeze must not stop a retraction: %+v", res.Retracted)
	}
	if !strings.Contains(out, "frozen   3 deliveries held: publishing frozen since 2026-12-01 08:00 until 2026-12-03 08:00 by Camille: deuil national") {
		t.Errorf("progress:\n%s", out)
	}
	// Once it ends, the post goes out.
	res, _ = f.run(since.Add(48 * time.Hour))
	if channelsOf(res.Published) != "mastodon,bluesky,linkedin" || len(res.Held) != 0 {
		t.Errorf("after the freeze: published %q", channelsOf(res.Published))
	}
}

func TestExpiryWarning(t *testing.T) {
	f := newFixture(t, map[string]string{"posts/a.md": postA})
	li := f.flaky("linkedin")
	now := time.Date(2026, 12, 1, 10, 0, 0, 0, f.loc)
	li.expiry = now.Add(5*24*time.Hour + time.Hour)
	res, out := f.run(now)
	if len(res.Warnings) != 1 || res.Warnings[0] != "channel linkedin: its token expires on 2026-12-06 11:00, in 5 days: renew it before then" {
		t.Errorf("warnings %q\n%s", res.Warnings, out)
	}
	li.expiry = now.Add(-time.Hour)
	f2 := newFixture(t, map[string]string{"posts/a.md": postA})
	f2.flaky("linkedin").expiry = now.Add(-time.Hour)
	res, _ = f2.run(now)
	if len(res.Warnings) != 1 || !strings.Contains(res.Warnings[0], "expired on 2026-12-01 09:00") {
		t.Errorf("warnings %q", res.Warnings)
	}
	f3 := newFixture(t, map[string]string{"posts/a.md": postA})
	f3.flaky("linkedin").expiry = now.Add(40 * 24 * time.Hour)
	if res, _ := f3.run(now); len(res.Warnings) != 0 {
		t.Errorf("warned 40 days ahead: %q", res.Warnings)
	}
}

// A thread cut after its first part answers a failure not worth retrying
// (a 400 on the second part) that says the post is half out: the network
// is asked, or a human checks; the first part is never sent again.
func TestMaybeSentButNotTemporary(t *testing.T) {
	halfOut := &pipeline.Failure{Network: "telegram", Status: 400, Message: "Bad Request: message text is empty", MaybeSent: true}
	f := newFixture(t, map[string]string{"posts/a.md": postA})
	fl := f.flaky("bluesky", step{err: halfOut, sent: true})
	res, out := f.run(time.Date(2026, 12, 1, 10, 0, 0, 0, f.loc), waits(new([]time.Duration)))
	if len(fl.sent()) != 1 || len(res.Failed) != 1 {
		t.Fatalf("%d calls, failed %+v\n%s", len(fl.sent()), res.Failed, out)
	}
	if pub := f.post("posts/a.md").Publications["bluesky"]; pub.Attempts != pipeline.MaxAttempts || !strings.Contains(pub.Error, "check bluesky") {
		t.Errorf("publication %+v: want it left for a human", pub)
	}
}
