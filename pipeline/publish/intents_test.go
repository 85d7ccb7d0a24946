package publish

import (
	"os"
	"strings"
	"testing"
	"time"

	"github.com/crieur/crieur/pipeline"
	"github.com/crieur/crieur/pipeline/content"
)

// A torn last line (a run killed while writing it) must not swallow the
// intent appended after it: the next line starts on a line of its own.
func TestIntentLogAfterATornLine(t *testing.T) {
	path := t.TempDir() + "/pending.jsonl"
	log := intentLog{path}
	at := time.Date(2026, 12, 1, 9, 30, 0, 0, time.UTC)
	if err := log.add(intent{Key: "k1", Post: "posts/a.md", Channel: "mastodon", Occurrence: at, Started: at}); err != nil {
		t.Fatal(err)
	}
	f, err := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString(`{"key":"k2","post":"posts/b.md","chan`) // killed here
	f.Close()
	if err := log.add(intent{Key: "k3", Post: "posts/c.md", Channel: "bluesky", Occurrence: at, Started: at}); err != nil {
		t.Fatal(err)
	}
	got, err := log.read()
	if err != nil {
		t.Fatal(err)
	}
	var keys []string
	for _, in := range got {
		keys = append(keys, in.Key)
	}
	if strings.Join(keys, ",") != "k1,k3" {
		t.Errorf("read %v, want k1,k3 (the torn k2 skipped, k3 kept)", keys)
	}
}

// The same delivery in the intent log twice (two runs killed in turn)
// is recovered once: one journal line, one record.
func TestRecoverySameKeyTwice(t *testing.T) {
	f := newFixture(t, map[string]string{"posts/a.md": postA}).withFinder("mastodon", "bluesky", "linkedin")
	at := time.Date(2026, 12, 1, 9, 30, 0, 0, f.loc)
	key := f.simulateKilledRun("posts/a.md", "mastodon", at, at.Add(10*time.Minute), true)
	f.simulateKilledRun("posts/a.md", "mastodon", at, at.Add(20*time.Minute), true)

	res, out := f.run(at.Add(30 * time.Minute))
	if len(res.Recovered) != 1 || res.Recovered[0].Key != key {
		t.Fatalf("recovered %+v\n%s", res.Recovered, out)
	}
	n := 0
	for _, rec := range f.journal() {
		if rec.Action == pipeline.ActionRecovered {
			n++
		}
	}
	if n != 1 {
		t.Errorf("%d recovered lines in the journal, want 1", n)
	}
	if c := strings.Count(out, "recovered posts/a.md → mastodon"); c != 1 {
		t.Errorf("progress says recovered %d times:\n%s", c, out)
	}
	if len(f.nets["mastodon"].sent()) != 2 || len(f.nets["mastodon"].posts) != 1 {
		t.Errorf("mastodon: %d calls, %d posts; want only the killed runs' (one post by its key)", len(f.nets["mastodon"].sent()), len(f.nets["mastodon"].posts))
	}
	if f.exists(content.StateDir + "/pending.jsonl") {
		t.Error("the intent log is left")
	}
}

// The same key twice where the killed run had already written the state
// (only its journal line is missing): one recovered line too.
func TestRecoverySameKeyTwiceStateWritten(t *testing.T) {
	f := newFixture(t, map[string]string{"posts/a.md": postA}).withFinder("mastodon")
	at := time.Date(2026, 12, 1, 9, 30, 0, 0, f.loc)
	f.run(at.Add(time.Minute)) // everything went out and was recorded
	if err := os.RemoveAll(f.abs("journal")); err != nil {
		t.Fatal(err) // as if the journal lines had not been written
	}
	f.simulateKilledRun("posts/a.md", "mastodon", at, at.Add(time.Minute), false)
	f.simulateKilledRun("posts/a.md", "mastodon", at, at.Add(time.Minute), false)
	res, out := f.run(at.Add(time.Hour))
	if len(res.Recovered) != 1 || len(f.journal()) != 1 {
		t.Errorf("recovered %d, journal %d lines; want 1 and 1\n%s", len(res.Recovered), len(f.journal()), out)
	}
}

// Two channels of one post recovered in one run: the second is not sent
// again (the state each recovery saves is the one the due list reads).
func TestRecoveryOfTwoChannelsOfOnePost(t *testing.T) {
	f := newFixture(t, map[string]string{"posts/a.md": postA}).withFinder("mastodon", "bluesky", "linkedin")
	at := time.Date(2026, 12, 1, 9, 30, 0, 0, f.loc)
	f.simulateKilledRun("posts/a.md", "mastodon", at, at.Add(time.Minute), true)
	f.simulateKilledRun("posts/a.md", "bluesky", at, at.Add(time.Minute), true)
	res, out := f.run(at.Add(time.Hour))
	if channelsOf(res.Recovered) != "mastodon,bluesky" || channelsOf(res.Published) != "linkedin" {
		t.Errorf("recovered %q, published %q\n%s", channelsOf(res.Recovered), channelsOf(res.Published), out)
	}
	for name, want := range map[string]int{"mastodon": 1, "bluesky": 1, "linkedin": 1} {
		if n := len(f.nets[name].posts); n != want {
			t.Errorf("%s has %d posts, want %d", name, n, want)
		}
	}
}
