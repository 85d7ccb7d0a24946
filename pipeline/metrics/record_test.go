package metrics

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/crieur/crieur/pipeline"
	"github.com/crieur/crieur/pipeline/content"
	"github.com/crieur/crieur/pipeline/i18n"
)

func TestParseWindow(t *testing.T) {
	for s, want := range map[string]time.Duration{"30d": 30 * 24 * time.Hour, "1d": 24 * time.Hour, "72h": 72 * time.Hour, "90m": 90 * time.Minute} {
		w, err := ParseWindow(s, i18n.English)
		if err != nil || w.Span != want || w.String() != s {
			t.Errorf("ParseWindow(%q) = %v %v, %v; want %v", s, w.Span, w, err, want)
		}
	}
	for _, s := range []string{"", "0d", "-3d", "3.5d", "d", "030d", "trente", "0h", "-1h"} {
		if _, err := ParseWindow(s, i18n.English); err == nil {
			t.Errorf("ParseWindow(%q) accepted", s)
		}
	}
}

// recorderFixture: a journal with publications on a channel that reads
// (m), one that fails (b), one whose network has no numbers (o), one this
// build cannot read (s), one that cannot be opened (x) and one gone from
// crieur.yml (old).
func recorderFixture(t *testing.T) (*Recorder, *strings.Builder, *strings.Builder) {
	t.Helper()
	root := t.TempDir()
	j := content.Journal{Dir: filepath.Join(root, "journal")}
	var recs []pipeline.Record
	for i, ch := range []string{"m", "m", "b", "o", "s", "x", "old", "old"} {
		recs = append(recs, pipeline.Record{Time: t0.Add(time.Duration(i) * time.Minute), Action: pipeline.ActionPublished,
			Post: "posts/a.md", Channel: ch, Network: "mastodon", Key: ch + string(rune('0'+i)), RemoteID: string(rune('1' + i))})
	}
	if _, err := j.Append(recs...); err != nil {
		t.Fatal(err)
	}
	cfg := &pipeline.Config{ChannelOrder: []string{"m", "b", "o", "s", "x", "unused"}, Channels: map[string]pipeline.ChannelConfig{}}
	for _, n := range cfg.ChannelOrder {
		cfg.Channels[n] = pipeline.ChannelConfig{Name: n, Type: n, Network: "mastodon"}
	}
	meters := map[string]pipeline.Meter{
		"m": &meter{known: map[string]pipeline.Engagement{"1": {pipeline.Likes: 3}, "2": {pipeline.Likes: 1}}},
		"b": &meter{known: map[string]pipeline.Engagement{}, fail: []error{errors.New("500 Internal Server Error")}},
	}
	var stdout, stderr strings.Builder
	r := &Recorder{Config: cfg, Journal: j, Store: Store{Dir: filepath.Join(root, "metrics")}, Root: root,
		Window: Window{Span: 30 * 24 * time.Hour, text: "30d"}, Now: t0.AddDate(0, 0, 1),
		Clock: func() time.Time { return t0.Add(time.Hour) },
		Open: func(cc pipeline.ChannelConfig) (pipeline.Meter, string, error) {
			switch cc.Name {
			case "o":
				return nil, "the outbox writes files on disk", nil
			case "x":
				return nil, "", errors.New("channel x: MASTODON_TOKEN is not set")
			}
			return meters[cc.Name], "", nil
		},
		Stdout: &stdout, Stderr: &stderr}
	return r, &stdout, &stderr
}

func TestRecorder(t *testing.T) {
	r, stdout, stderr := recorderFixture(t)
	var committed []string
	var message string
	r.Commit = func(paths []string, msg string) (string, error) {
		committed, message = paths, msg
		return "abc", nil
	}
	res, err := r.Run(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	wantOut := "o: no metrics (the outbox writes files on disk)\n" +
		"s: no metrics (this build cannot read mastodon's numbers)\n" +
		"old: no metrics (the channel is no longer in crieur.yml: 2 publications not read)\n" +
		"b: 0 of 1 publication read (see the error above)\n" +
		"m: 2 of 2 publications read\n" +
		"recorded 2 readings in metrics/2026-12.csv\n"
	if stdout.String() != wantOut {
		t.Errorf("stdout:\n%s\nwant:\n%s", stdout, wantOut)
	}
	wantErr := "crieur: channel x: MASTODON_TOKEN is not set\ncrieur: b: 500 Internal Server Error\n"
	if stderr.String() != wantErr {
		t.Errorf("stderr:\n%s\nwant:\n%s", stderr, wantErr)
	}
	if !res.Incomplete || res.Commit != "abc" || len(res.Readings) != 2 || len(res.Files) != 1 {
		t.Errorf("result %+v", res)
	}
	if len(committed) != 1 || committed[0] != filepath.Join(r.Root, "metrics", "2026-12.csv") {
		t.Errorf("committed %v", committed)
	}
	if message != "crieur: record 2 metric readings\n\n- m: 2\n" {
		t.Errorf("commit message %q", message)
	}
	if !res.Readings[0].Time.Equal(t0.Add(time.Hour)) {
		t.Errorf("a reading is dated %v, not by the clock", res.Readings[0].Time)
	}
}

func TestRecorderNothingInTheWindow(t *testing.T) {
	r, stdout, stderr := recorderFixture(t)
	r.Now = t0.AddDate(1, 0, 0)
	r.Commit = func([]string, string) (string, error) { t.Error("committed nothing"); return "", nil }
	res, err := r.Run(context.Background())
	if err != nil || res.Incomplete || res.Files != nil {
		t.Errorf("%+v, %v", res, err)
	}
	if stdout.String() != "no publication in the last 30d\n" || stderr.Len() > 0 {
		t.Errorf("stdout %q, stderr %q", stdout, stderr)
	}
}

func TestRecorderCommitError(t *testing.T) {
	r, _, _ := recorderFixture(t)
	r.Commit = func([]string, string) (string, error) { return "", errors.New("git: locked") }
	if _, err := r.Run(context.Background()); err == nil || err.Error() != "git: locked" {
		t.Errorf("error %v, want the commit's", err)
	}
	r.Commit = nil // --no-commit: the readings are recorded all the same
	if res, err := r.Run(context.Background()); err != nil || res.Commit != "" || len(res.Files) != 1 {
		t.Errorf("%+v, %v", res, err)
	}
}

func TestCommitMessage(t *testing.T) {
	rs := []pipeline.Reading{{Channel: "mastodon"}, {Channel: "bluesky"}, {Channel: "mastodon"}}
	want := "crieur: record 3 metric readings\n\n- bluesky: 1\n- mastodon: 2\n"
	if got := CommitMessage(rs); got != want {
		t.Errorf("%q, want %q", got, want)
	}
	if got := CommitMessage(rs[:1]); !strings.HasPrefix(got, "crieur: record 1 metric reading\n") {
		t.Errorf("%q: one reading", got)
	}
}
