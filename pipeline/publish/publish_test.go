package publish

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/crieur/crieur/pipeline"
	"github.com/crieur/crieur/pipeline/content"
)

func TestRunPublishesAndRecords(t *testing.T) {
	f := newFixture(t, map[string]string{"posts/a.md": postA})
	at := time.Date(2026, 12, 1, 9, 30, 0, 0, f.loc)
	now := time.Date(2026, 12, 1, 10, 0, 0, 123456789, f.loc)

	asked := map[string]int{}
	res, out := f.run(now, func(p *Publisher) {
		p.Provenance = func(path string) pipeline.Provenance {
			asked[path]++
			return pipeline.Provenance{PullRequest: 42, Author: "camille", Approvers: []string{"sam"}}
		}
	})
	if asked["posts/a.md"] != 1 || len(asked) != 1 {
		t.Errorf("provenance asked %v, want once for the post", asked)
	}

	if got := channelsOf(res.Published); got != "mastodon,bluesky,linkedin" {
		t.Fatalf("published on %q, want mastodon,bluesky,linkedin\n%s", got, out)
	}
	if len(res.Failed)+len(res.Recovered)+len(res.Refused)+len(res.Planned) != 0 {
		t.Errorf("result = %+v, want publications only", res)
	}

	// What each network received.
	for name, parts := range map[string]int{"mastodon": 2, "bluesky": 2, "linkedin": 1} {
		sent := f.nets[name].sent()
		if len(sent) != 1 {
			t.Fatalf("%s got %d calls, want 1", name, len(sent))
		}
		m := sent[0]
		if m.Key != keyOf("posts/a.md", name, at) || m.Post != "posts/a.md" || m.Lang != "fr" {
			t.Errorf("%s got %+v", name, m)
		}
		if len(m.Parts) != parts {
			t.Errorf("%s got %d parts %q, want %d", name, len(m.Parts), m.Parts, parts)
		}
		if !strings.Contains(m.Parts[0], "Premier message du fil") || !strings.Contains(strings.Join(m.Parts, "\n"), "Deuxième message.") {
			t.Errorf("%s got %q", name, m.Parts)
		}
	}

	// The state in the front matter.
	src := f.read("posts/a.md")
	if !reflect.DeepEqual(outsideState(src), outsideState(postA)) {
		t.Errorf("the author's lines changed:\n%s", src)
	}
	front := src[:strings.Index(src[4:], "\n---\n")+4]
	if !strings.Contains(front, "\nstatus: published\n") || !strings.Contains(front, "\npublications:\n  mastodon:\n") {
		t.Errorf("the state is not in the front matter:\n%s", src)
	}
	p := f.post("posts/a.md")
	if p.Status != pipeline.StatusPublished {
		t.Errorf("status = %s, want published", p.Status)
	}
	for _, name := range []string{"mastodon", "bluesky", "linkedin"} {
		pub := p.Publications[name]
		if pub.ID != name+"-1" || pub.URL != "https://"+name+".example/"+name+"-1" || pub.Attempts != 1 || pub.Error != "" ||
			!pub.Occurrence.Equal(at) || !pub.At.Equal(now.Truncate(time.Second)) {
			t.Errorf("publications.%s = %+v", name, pub)
		}
	}

	// The journal.
	recs := f.journal()
	if channelsOf(recs) != "mastodon,bluesky,linkedin" {
		t.Fatalf("journal: %+v", recs)
	}
	for _, r := range recs {
		if r.Action != pipeline.ActionPublished || r.Post != "posts/a.md" || r.Key != keyOf("posts/a.md", r.Channel, at) ||
			r.RemoteID != r.Channel+"-1" || r.Attempt != 1 || r.SourceCommit != sourceCommit || !r.Occurrence.Equal(at) ||
			r.PullRequest != 42 || r.Author != "camille" || strings.Join(r.Approvers, ",") != "sam" ||
			!r.Time.Equal(now) || r.Network != r.Channel || !regexp.MustCompile(`^sha256:[0-9a-f]{64}$`).MatchString(r.ContentHash) {
			t.Errorf("journal record %+v", r)
		}
	}
	if recs[0].Account != "@botanique@mastodon.social" {
		t.Errorf("account = %q", recs[0].Account)
	}
	if recs[0].ContentHash == recs[2].ContentHash {
		t.Error("a thread and its joined version have the same content hash")
	}

	// One commit of the post and the journal, listing what went out.
	commits := f.commitCalls()
	if len(commits) != 1 {
		t.Fatalf("%d commits, want 1", len(commits))
	}
	wantPaths := []string{f.abs("journal/2026-12.jsonl"), f.abs("posts/a.md")}
	if !reflect.DeepEqual(commits[0].paths, wantPaths) || !reflect.DeepEqual(res.Changed, wantPaths) {
		t.Errorf("committed %v (changed %v), want %v", commits[0].paths, res.Changed, wantPaths)
	}
	if commits[0].msg != CommitMessage(res) {
		t.Errorf("commit message %q, want CommitMessage(res) %q", commits[0].msg, CommitMessage(res))
	}
	if !strings.HasPrefix(commits[0].msg, "crieur: publish 1 post to 3 channels\n\n- posts/a.md → mastodon mastodon-1 https://mastodon.example/mastodon-1\n") {
		t.Errorf("commit message:\n%s", commits[0].msg)
	}
	if res.Commit != fmt.Sprintf("%040x", 1) {
		t.Errorf("res.Commit = %q", res.Commit)
	}
	if f.exists(content.StateDir + "/pending.jsonl") {
		t.Error("the intent log is left after a successful run")
	}
	if !strings.Contains(out, "published posts/a.md → linkedin https://linkedin.example/linkedin-1") {
		t.Errorf("progress:\n%s", out)
	}

	// A second run publishes nothing and commits nothing.
	before := f.snapshot()
	res, _ = f.run(now.Add(time.Hour))
	if len(res.Published)+len(res.Failed)+len(res.Recovered) != 0 || res.Commit != "" || len(res.Changed) != 0 {
		t.Errorf("second run: %+v", res)
	}
	for name, n := range f.nets {
		if len(n.sent()) != 1 {
			t.Errorf("%s called %d times over two runs", name, len(n.sent()))
		}
	}
	if len(f.commitCalls()) != 1 {
		t.Errorf("the second run committed")
	}
	if after := f.snapshot(); !reflect.DeepEqual(before, after) {
		t.Errorf("the second run changed files")
	}
}

func TestRunNothingDue(t *testing.T) {
	f := newFixture(t, map[string]string{"posts/a.md": postA})
	before := f.snapshot()
	res, _ := f.run(time.Date(2026, 12, 1, 9, 29, 59, 0, f.loc))
	if len(res.Published) != 0 || len(f.commitCalls()) != 0 || len(f.nets["mastodon"].sent()) != 0 {
		t.Errorf("a run before publish_at did something: %+v", res)
	}
	after := f.snapshot()
	delete(after, content.StateDir+"/")
	delete(after, content.StateDir+"/lock")
	if !reflect.DeepEqual(before, after) {
		t.Errorf("files changed: %v", after)
	}
}

func TestRunChannelFailureAndRetry(t *testing.T) {
	f := newFixture(t, map[string]string{"posts/a.md": postA})
	at := time.Date(2026, 12, 1, 9, 30, 0, 0, f.loc)
	t0 := time.Date(2026, 12, 1, 10, 0, 0, 500000000, f.loc)
	f.nets["bluesky"].setErr(errors.New("503 Service Unavailable"))

	res, out := f.run(t0)
	if channelsOf(res.Published) != "mastodon,linkedin" || channelsOf(res.Failed) != "bluesky" {
		t.Fatalf("published %q, failed %q\n%s", channelsOf(res.Published), channelsOf(res.Failed), out)
	}
	if r := res.Failed[0]; r.Attempt != 1 || r.Error != "503 Service Unavailable" || r.Action != pipeline.ActionFailed || r.Key != keyOf("posts/a.md", "bluesky", at) {
		t.Errorf("failed record %+v", r)
	}
	p := f.post("posts/a.md")
	if p.Status != pipeline.StatusFailed {
		t.Errorf("status = %s, want failed", p.Status)
	}
	if pub := p.Publications["bluesky"]; pub.Attempts != 1 || pub.Error != "503 Service Unavailable" || pub.ID != "" || !pub.At.Equal(t0.Truncate(time.Second)) || !pub.Occurrence.Equal(at) {
		t.Errorf("publications.bluesky = %+v", pub)
	}
	if j := f.journal(); len(j) != 3 || j[1].Action != pipeline.ActionFailed || j[1].Error != "503 Service Unavailable" || j[1].Attempt != 1 {
		t.Errorf("journal %+v", j)
	}
	c := f.commitCalls()
	if len(c) != 1 || !strings.HasPrefix(c[0].msg, "crieur: publish 1 post to 2 channels, 1 failed\n") ||
		!strings.Contains(c[0].msg, "\n- FAILED posts/a.md → bluesky: 503 Service Unavailable\n") {
		t.Errorf("commits %+v", c)
	}
	if !strings.Contains(out, "failed   posts/a.md → bluesky (attempt 1/5): 503 Service Unavailable") {
		t.Errorf("progress:\n%s", out)
	}

	// Inside the backoff: not retried, nothing written.
	before := f.snapshot()
	res, _ = f.run(t0.Add(14 * time.Minute))
	if len(res.Published)+len(res.Failed) != 0 || len(f.nets["bluesky"].sent()) != 1 || len(f.commitCalls()) != 1 {
		t.Errorf("retried inside the backoff: %+v, %d calls", res, len(f.nets["bluesky"].sent()))
	}
	if !reflect.DeepEqual(before, f.snapshot()) {
		t.Error("a run inside the backoff changed files")
	}

	// After it, the network is back: published, the error cleared.
	f.nets["bluesky"].setErr(nil)
	res, _ = f.run(t0.Add(15 * time.Minute))
	if channelsOf(res.Published) != "bluesky" || len(res.Failed) != 0 {
		t.Fatalf("after the backoff: published %q, failed %q", channelsOf(res.Published), channelsOf(res.Failed))
	}
	sent := f.nets["bluesky"].sent()
	if len(sent) != 2 || sent[0].Key != sent[1].Key {
		t.Errorf("bluesky calls %d, keys differ: the retry must reuse the key", len(sent))
	}
	p = f.post("posts/a.md")
	if pub := p.Publications["bluesky"]; pub.ID != "bluesky-1" || pub.Error != "" || pub.Attempts != 2 {
		t.Errorf("publications.bluesky = %+v", pub)
	}
	if p.Status != pipeline.StatusPublished {
		t.Errorf("status = %s, want published", p.Status)
	}
	if strings.Contains(f.read("posts/a.md"), "error:") {
		t.Errorf("the error is still in the file:\n%s", f.read("posts/a.md"))
	}
	if j := f.journal(); len(j) != 4 || j[3].Action != pipeline.ActionPublished || j[3].Channel != "bluesky" || j[3].Attempt != 2 {
		t.Errorf("journal %+v", j)
	}
	for _, name := range []string{"mastodon", "linkedin"} {
		if n := len(f.nets[name].sent()); n != 1 {
			t.Errorf("%s called %d times", name, n)
		}
	}
}

func TestRunGivesUpAfterMaxAttempts(t *testing.T) {
	f := newFixture(t, map[string]string{"posts/a.md": postA})
	t0 := time.Date(2026, 12, 1, 10, 0, 0, 0, f.loc)
	f.nets["bluesky"].setErr(errors.New("500 Internal Server Error"))
	for _, d := range []time.Duration{0, 15 * time.Minute, 45 * time.Minute, 105 * time.Minute, 225 * time.Minute, 24 * time.Hour, 30 * 24 * time.Hour} {
		f.run(t0.Add(d))
	}
	if n := len(f.nets["bluesky"].sent()); n != pipeline.MaxAttempts {
		t.Errorf("bluesky tried %d times, want %d", n, pipeline.MaxAttempts)
	}
	p := f.post("posts/a.md")
	if pub := p.Publications["bluesky"]; pub.Attempts != pipeline.MaxAttempts || pub.Error == "" || p.Status != pipeline.StatusFailed {
		t.Errorf("status %s, publications.bluesky = %+v", p.Status, pub)
	}
	if n := len(f.commitCalls()); n != pipeline.MaxAttempts {
		t.Errorf("%d commits, want one per run that tried", n)
	}
}

func TestRunMasksSecrets(t *testing.T) {
	const secret = "tok-s3cr3t-9f8e7d"
	f := newFixture(t, map[string]string{"posts/a.md": postA})
	f.nets["bluesky"].setErr(fmt.Errorf("POST https://bsky.example/xrpc?token=%s: 401 Unauthorized (token %s expired)", secret, secret))
	res, out := f.run(time.Date(2026, 12, 1, 10, 0, 0, 0, f.loc), func(p *Publisher) { p.Secrets = []string{"another-secret", secret} })

	if len(res.Failed) != 1 {
		t.Fatalf("failed: %+v", res.Failed)
	}
	wantErr := "POST https://bsky.example/xrpc?token=***: 401 Unauthorized (token *** expired)"
	if res.Failed[0].Error != wantErr {
		t.Errorf("error = %q, want %q", res.Failed[0].Error, wantErr)
	}
	places := map[string]string{
		"the post":           f.read("posts/a.md"),
		"the journal":        f.read("journal/2026-12.jsonl"),
		"the commit message": f.commitCalls()[0].msg,
		"the progress":       out,
	}
	for where, text := range places {
		if strings.Contains(text, secret) {
			t.Errorf("%s shows the secret:\n%s", where, text)
		}
		if !strings.Contains(text, "token=***") {
			t.Errorf("%s does not show the masked error:\n%s", where, text)
		}
	}
}

func TestRunMasksSecretsInRecovery(t *testing.T) {
	const secret = "tok-s3cr3t-9f8e7d"
	f := newFixture(t, map[string]string{"posts/a.md": postA}).withFinder("mastodon")
	f.nets["mastodon"].findErr = fmt.Errorf("GET /statuses?key=x&token=%s: 401", secret)
	at := time.Date(2026, 12, 1, 9, 30, 0, 0, f.loc)
	f.simulateKilledRun("posts/a.md", "mastodon", at, at, true)
	var out strings.Builder
	p := f.publisher(at.Add(time.Hour))
	p.Secrets = []string{secret}
	p.Progress = &out
	res, err := p.Run(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	// A Finder that fails cannot tell what went out: that delivery is
	// neither sent again nor given up, the others go on.
	if n := len(f.nets["mastodon"].sent()); n != 1 {
		t.Errorf("mastodon got %d calls, want only the killed run's", n)
	}
	if n := len(f.nets["bluesky"].sent()); n != 1 || len(res.Held) != 1 {
		t.Errorf("bluesky got %d calls, held %d", n, len(res.Held))
	}
	if strings.Contains(out.String(), secret) || !strings.Contains(out.String(), "token=***") {
		t.Errorf("progress:\n%s", out.String())
	}
	if !f.exists(content.StateDir + "/pending.jsonl") {
		t.Error("the intent log was dropped while recovery failed")
	}
	if strings.Contains(f.read(content.StateDir+"/pending.jsonl"), "bluesky") {
		t.Error("the intent log keeps a delivery that was recorded")
	}
}

func TestRecoveryKnowsRecordedFailures(t *testing.T) {
	f := newFixture(t, map[string]string{"posts/a.md": postA}).withFinder("linkedin")
	now := time.Date(2026, 12, 1, 10, 0, 0, 700000000, f.loc)
	f.nets["bluesky"].setErr(errors.New("503 Service Unavailable"))
	killed := func() (v any) {
		defer func() { v = recover() }()
		f.run(now, func(p *Publisher) {
			p.AfterSend = func(d pipeline.Delivery) {
				if d.Channel == "linkedin" {
					panic("killed")
				}
			}
		})
		return nil
	}()
	if killed != "killed" {
		t.Fatalf("not killed: %v", killed)
	}
	if pub := f.post("posts/a.md").Publications["bluesky"]; pub.Error == "" || pub.Attempts != 1 {
		t.Fatalf("the failure was not recorded before the kill: %+v", pub)
	}

	f.nets["bluesky"].setErr(nil)
	res, _ := f.run(now.Add(20 * time.Minute))
	if channelsOf(res.Recovered) != "linkedin" || channelsOf(res.Published) != "bluesky" {
		t.Errorf("recovered %q, published %q", channelsOf(res.Recovered), channelsOf(res.Published))
	}
	p := f.post("posts/a.md")
	if pub := p.Publications["bluesky"]; pub.ID == "" || pub.Attempts != 2 || pub.Error != "" {
		t.Errorf("publications.bluesky = %+v: a recorded failure was taken for a possible send", pub)
	}
	if p.Status != pipeline.StatusPublished {
		t.Errorf("status %s", p.Status)
	}
	for name, want := range map[string]int{"mastodon": 1, "bluesky": 2, "linkedin": 1} {
		if n := len(f.nets[name].sent()); n != want {
			t.Errorf("%s got %d calls, want %d", name, n, want)
		}
	}
	c := f.commitCalls()
	if len(c) != 1 || !reflect.DeepEqual(c[0].paths, []string{f.abs("journal/2026-12.jsonl"), f.abs("posts/a.md")}) {
		t.Errorf("commits %+v, want the post and the journal (with the killed run's lines)", c)
	}
}

// A commit that fails keeps the intents; the next run sends nothing again
// and commits what the failed run wrote.
func TestRunCommitFailure(t *testing.T) {
	f := newFixture(t, map[string]string{"posts/a.md": postA})
	now := time.Date(2026, 12, 1, 10, 0, 0, 0, f.loc)
	f.commitErr = errors.New("index.lock exists")
	res, err := f.publisher(now).Run(context.Background())
	if err == nil || !strings.Contains(err.Error(), "commit: index.lock exists") {
		t.Fatalf("Run = %v, want the commit error", err)
	}
	if len(res.Published) != 3 {
		t.Errorf("published %d before the commit failed", len(res.Published))
	}
	if !f.exists(content.StateDir + "/pending.jsonl") {
		t.Fatal("the intents were cleared although nothing was committed")
	}

	f.commitErr = nil
	res, _ = f.run(now.Add(20 * time.Minute))
	if len(res.Published)+len(res.Failed) != 0 {
		t.Errorf("the next run did %+v", res)
	}
	for name, n := range f.nets {
		if len(n.sent()) != 1 {
			t.Errorf("%s got %d calls", name, len(n.sent()))
		}
	}
	if p := f.post("posts/a.md"); p.Status != pipeline.StatusPublished || p.Publications["mastodon"].Attempts != 1 {
		t.Errorf("status %s, %+v", p.Status, p.Publications)
	}
	c := f.commitCalls()
	if len(c) != 1 || !reflect.DeepEqual(c[0].paths, []string{f.abs("journal/2026-12.jsonl"), f.abs("posts/a.md")}) {
		t.Fatalf("commits %+v, want the post and the journal the failed run wrote", c)
	}
	if strings.Contains(c[0].msg, "failed") {
		t.Errorf("commit message %q: nothing failed", c[0].msg)
	}
	if f.exists(content.StateDir + "/pending.jsonl") {
		t.Error("the intents are left after the commit")
	}
	if n := len(f.journal()); n != 3 {
		t.Errorf("journal has %d records, want 3 (no duplicate)", n)
	}
}

func TestRunChannelNotOpened(t *testing.T) {
	tests := []struct {
		name        string
		unavailable map[string]error
		want        string
	}{
		{"with its reason", map[string]error{"linkedin": errors.New("channel linkedin: this build of crieur cannot publish to linkedin yet")},
			"channel linkedin: this build of crieur cannot publish to linkedin yet"},
		{"without a reason", nil, "channel linkedin is not configured for this run"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t, map[string]string{"posts/a.md": postA})
			delete(f.channels, "linkedin") // its adapter could not be built
			res, _ := f.run(time.Date(2026, 12, 1, 10, 0, 0, 0, f.loc), func(p *Publisher) { p.Unavailable = tt.unavailable })
			if channelsOf(res.Published) != "mastodon,bluesky" || channelsOf(res.Failed) != "linkedin" {
				t.Fatalf("published %q, failed %q", channelsOf(res.Published), channelsOf(res.Failed))
			}
			if e := res.Failed[0].Error; e != tt.want {
				t.Errorf("error %q, want %q", e, tt.want)
			}
			if pub := f.post("posts/a.md").Publications["linkedin"]; pub.Attempts != 1 || pub.Error != tt.want {
				t.Errorf("publications.linkedin = %+v", pub)
			}
		})
	}
}

func TestRunTimeout(t *testing.T) {
	f := newFixture(t, map[string]string{"posts/a.md": postA})
	f.nets["mastodon"].block = true
	start := time.Now()
	res, _ := f.run(time.Date(2026, 12, 1, 10, 0, 0, 0, f.loc), func(p *Publisher) { p.Timeout = 50 * time.Millisecond })
	if time.Since(start) > 5*time.Second {
		t.Errorf("the run took %v", time.Since(start))
	}
	if channelsOf(res.Failed) != "mastodon" || !strings.Contains(res.Failed[0].Error, "deadline exceeded") {
		t.Errorf("failed %+v", res.Failed)
	}
	if channelsOf(res.Published) != "bluesky,linkedin" {
		t.Errorf("published %q", channelsOf(res.Published))
	}
}

func TestRunRecurring(t *testing.T) {
	post := `---
publish_at: 2026-10-18 09:30
channels: [mastodon]
repeat:
  every: week
  count: 3
---
Le marché du dimanche.
`
	f := newFixture(t, map[string]string{"posts/marche.md": post})
	occ := func(k int) time.Time { return time.Date(2026, 10, 18+7*k, 9, 30, 0, 0, f.loc) }
	steps := []struct {
		now    time.Time
		sent   int
		occ    time.Time
		status pipeline.Status
	}{
		{occ(0).Add(time.Minute), 1, occ(0), pipeline.StatusScheduled},
		{occ(0).AddDate(0, 0, 1), 1, occ(0), pipeline.StatusScheduled},
		{occ(1).Add(-time.Minute), 1, occ(0), pipeline.StatusScheduled},
		{occ(1), 2, occ(1), pipeline.StatusScheduled}, // 25 October, after the DST change
		{occ(2).Add(time.Hour), 3, occ(2), pipeline.StatusPublished},
		{occ(2).AddDate(0, 1, 0), 3, occ(2), pipeline.StatusPublished},
	}
	for i, s := range steps {
		f.run(s.now)
		sent := f.nets["mastodon"].sent()
		if len(sent) != s.sent {
			t.Fatalf("step %d at %v: %d sent, want %d", i, s.now, len(sent), s.sent)
		}
		p := f.post("posts/marche.md")
		pub := p.Publications["mastodon"]
		if !pub.Occurrence.Equal(s.occ) || pub.Attempts != 1 || p.Status != s.status {
			t.Errorf("step %d: status %s, publication %+v; want occurrence %v", i, p.Status, pub, s.occ)
		}
		if i == 3 && !strings.Contains(f.read("posts/marche.md"), "    occurrence: 2026-10-25T09:30:00+01:00\n") {
			t.Errorf("occurrence of 25 October:\n%s", f.read("posts/marche.md"))
		}
	}
	sent := f.nets["mastodon"].sent()
	if sent[0].Key == sent[1].Key || sent[1].Key != keyOf("posts/marche.md", "mastodon", occ(1)) {
		t.Error("each occurrence has its own key")
	}
}

func TestRunKeepsCRLF(t *testing.T) {
	f := newFixture(t, map[string]string{"posts/a.md": strings.ReplaceAll(postA, "\n", "\r\n")})
	f.run(time.Date(2026, 12, 1, 10, 0, 0, 0, f.loc))
	src := f.read("posts/a.md")
	if !strings.Contains(src, "publications:") || strings.Count(src, "\n") != strings.Count(src, "\r\n") {
		t.Errorf("line endings mixed:\n%q", src)
	}
}

func TestLock(t *testing.T) {
	path := filepath.Join(t.TempDir(), content.StateDir, "lock")
	unlock, err := lock(path, 0)
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	if _, err := lock(path, 200*time.Millisecond); !errors.Is(err, ErrBusy) {
		t.Fatalf("second lock: %v, want ErrBusy", err)
	}
	if d := time.Since(start); d < 200*time.Millisecond || d > 3*time.Second {
		t.Errorf("waited %v, want about 200ms", d)
	}
	unlock()
	again, err := lock(path, 0)
	if err != nil {
		t.Fatalf("lock after unlock: %v", err)
	}
	again()
}

func TestRunBusy(t *testing.T) {
	f := newFixture(t, map[string]string{"posts/a.md": postA})
	unlock, err := lock(f.abs(content.StateDir+"/lock"), 0)
	if err != nil {
		t.Fatal(err)
	}
	p := f.publisher(time.Date(2026, 12, 1, 10, 0, 0, 0, f.loc))
	p.LockWait = 200 * time.Millisecond
	start := time.Now()
	_, err = p.Run(context.Background())
	if !errors.Is(err, ErrBusy) {
		t.Fatalf("Run while locked: %v, want ErrBusy", err)
	}
	if d := time.Since(start); d < 200*time.Millisecond {
		t.Errorf("gave up after %v, want to wait LockWait", d)
	}
	if !strings.Contains(err.Error(), filepath.Join(content.StateDir, "lock")) {
		t.Errorf("error %q does not name the lock", err)
	}
	for name, n := range f.nets {
		if len(n.sent()) != 0 {
			t.Errorf("%s sent while locked out", name)
		}
	}
	if f.read("posts/a.md") != postA {
		t.Error("the post was written while locked out")
	}

	// Released while waiting: the run goes.
	go func() {
		time.Sleep(150 * time.Millisecond)
		unlock()
	}()
	p = f.publisher(time.Date(2026, 12, 1, 10, 0, 0, 0, f.loc))
	p.LockWait = 5 * time.Second
	res, err := p.Run(context.Background())
	if err != nil || len(res.Published) != 3 {
		t.Errorf("Run after the lock was released: %v, %+v", err, res)
	}
}

// Two runs at once on the same checkout: one waits for the other, and
// nothing goes out twice.
func TestRunConcurrent(t *testing.T) {
	f := newFixture(t, map[string]string{"posts/a.md": postA})
	now := time.Date(2026, 12, 1, 10, 0, 0, 0, f.loc)
	errs := make(chan error, 2)
	results := make(chan *Result, 2)
	for i := 0; i < 2; i++ {
		go func() {
			res, err := f.publisher(now).Run(context.Background())
			errs <- err
			results <- res
		}()
	}
	total := 0
	for i := 0; i < 2; i++ {
		if err := <-errs; err != nil {
			t.Error(err)
		}
		total += len((<-results).Published)
	}
	if total != 3 {
		t.Errorf("%d publications over two runs, want 3", total)
	}
	for name, n := range f.nets {
		if len(n.sent()) != 1 {
			t.Errorf("%s got %d calls", name, len(n.sent()))
		}
	}
	if n := len(f.journal()); n != 3 {
		t.Errorf("journal has %d records", n)
	}
}

// The address and the id a network gives back are masked before they are
// written into the post, the journal and the progress (a receiver that
// puts its token in the URL of what it made, a server that echoes the
// request as the id): a retraction by a masked id fails, rather than the
// secret going into git (issue 14).
func TestRunMasksSecretsInReceipt(t *testing.T) {
	const secret = "bluesky-1" // the fake network's first id, in its URL
	f := newFixture(t, map[string]string{"posts/a.md": postA})
	res, out := f.run(time.Date(2026, 12, 1, 10, 0, 0, 0, f.loc), func(p *Publisher) { p.Secrets = []string{secret} })
	if len(res.Published) == 0 {
		t.Fatalf("nothing published: %s", out)
	}
	pub := f.post("posts/a.md").Publications["bluesky"]
	if pub.ID != "***" || pub.URL != "https://bluesky.example/***" {
		t.Errorf("publication id %q url %q: want both masked", pub.ID, pub.URL)
	}
	for _, rec := range f.journal() {
		if rec.Channel == "bluesky" && (strings.Contains(rec.URL, secret) || strings.Contains(rec.RemoteID, secret)) {
			t.Errorf("the journal shows the secret: %+v", rec)
		}
	}
	if strings.Contains(out, "https://bluesky.example/"+secret) {
		t.Errorf("the progress shows the secret:\n%s", out)
	}
}
