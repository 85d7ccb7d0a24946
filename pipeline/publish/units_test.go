package publish

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/crieur/crieur/pipeline"
	"github.com/crieur/crieur/pipeline/content"
)

func TestCommitMessage(t *testing.T) {
	pub := func(post, ch, id string) pipeline.Record {
		return pipeline.Record{Action: pipeline.ActionPublished, Post: post, Channel: ch, RemoteID: id, URL: "https://x.example/" + id}
	}
	fail := func(post, ch, e string) pipeline.Record {
		return pipeline.Record{Action: pipeline.ActionFailed, Post: post, Channel: ch, Error: e}
	}
	rec := func(post, ch, id string) pipeline.Record {
		return pipeline.Record{Action: pipeline.ActionRecovered, Post: post, Channel: ch, RemoteID: id}
	}
	tests := []struct {
		name string
		res  Result
		want string
	}{
		{"one post one channel", Result{Published: []pipeline.Record{pub("posts/a.md", "mastodon", "1")}},
			"crieur: publish 1 post to 1 channel\n\n- posts/a.md → mastodon 1 https://x.example/1\n"},
		{"two posts three channels and a failure", Result{
			Published: []pipeline.Record{pub("posts/a.md", "mastodon", "1"), pub("posts/a.md", "bluesky", "2"), pub("posts/b.md", "mastodon", "3")},
			Failed:    []pipeline.Record{fail("posts/b.md", "linkedin", "503")}},
			"crieur: publish 2 posts to 3 channels, 1 failed\n\n- posts/a.md → mastodon 1 https://x.example/1\n- posts/a.md → bluesky 2 https://x.example/2\n- posts/b.md → mastodon 3 https://x.example/3\n- FAILED posts/b.md → linkedin: 503\n"},
		{"recovered only", Result{Recovered: []pipeline.Record{rec("posts/a.md", "mastodon", "9")}},
			"crieur: record 1 publication sent by an interrupted run\n\n- posts/a.md → mastodon 9 (recovered from an interrupted run)\n"},
		{"failed only", Result{Failed: []pipeline.Record{fail("posts/a.md", "mastodon", "401"), fail("posts/a.md", "bluesky", "500")}},
			"crieur: record 2 failed publications\n\n- FAILED posts/a.md → mastodon: 401\n- FAILED posts/a.md → bluesky: 500\n"},
		{"only what an interrupted run wrote", Result{}, "crieur: record what an interrupted run wrote\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := CommitMessage(&tt.res); got != tt.want {
				t.Errorf("CommitMessage:\n%s\nwant\n%s", got, tt.want)
			}
		})
	}
}

func TestContentHash(t *testing.T) {
	base := pipeline.Message{Key: "k1", Post: "posts/a.md", Parts: []string{"ab", "c"}, FirstComment: "fc",
		Media: []pipeline.Attachment{{Path: "/abs/one/media/a.jpg", Name: "media/a.jpg", Alt: "une affiche"}}}
	h := ContentHash(base)
	if !strings.HasPrefix(h, "sha256:") || len(h) != len("sha256:")+64 {
		t.Fatalf("ContentHash = %q", h)
	}
	same := base
	same.Key, same.Post, same.Lang = "k2", "posts/b.md", "nl"
	same.Media = []pipeline.Attachment{{Path: "/another/machine/media/a.jpg", Name: "media/a.jpg", Alt: "une affiche"}}
	if ContentHash(same) != h {
		t.Error("the hash depends on the key, the path, the language or the machine")
	}
	variants := map[string]func(m *pipeline.Message){
		"parts split differently": func(m *pipeline.Message) { m.Parts = []string{"a", "bc"} },
		"parts joined":            func(m *pipeline.Message) { m.Parts = []string{"abc"} },
		"another first comment":   func(m *pipeline.Message) { m.FirstComment = "" },
		"another alt":             func(m *pipeline.Message) { m.Media = []pipeline.Attachment{{Name: "media/a.jpg", Alt: "autre"}} },
		"another image":           func(m *pipeline.Message) { m.Media = []pipeline.Attachment{{Name: "media/b.jpg", Alt: "une affiche"}} },
		"no image":                func(m *pipeline.Message) { m.Media = nil },
	}
	for name, change := range variants {
		m := base
		change(&m)
		if ContentHash(m) == h {
			t.Errorf("%s: same hash", name)
		}
	}
}

func TestStatusOf(t *testing.T) {
	at := time.Date(2026, 12, 1, 9, 30, 0, 0, time.UTC)
	done := pipeline.Publication{ID: "1", Occurrence: at, Attempts: 1}
	failed := pipeline.Publication{Occurrence: at, Attempts: 1, Error: "503"}
	weekly := &pipeline.Repeat{Every: pipeline.Interval{N: 1, Unit: "week"}, Count: 2}
	tests := []struct {
		name string
		post pipeline.Post
		want pipeline.Status
	}{
		{"all out", pipeline.Post{PublishAt: at, Status: pipeline.StatusScheduled, Channels: []string{"a", "b"},
			Publications: map[string]pipeline.Publication{"a": done, "b": done}}, pipeline.StatusPublished},
		{"one failed", pipeline.Post{PublishAt: at, Status: pipeline.StatusScheduled, Channels: []string{"a", "b"},
			Publications: map[string]pipeline.Publication{"a": done, "b": failed}}, pipeline.StatusFailed},
		{"one to go", pipeline.Post{PublishAt: at, Status: pipeline.StatusFailed, Channels: []string{"a", "b"},
			Publications: map[string]pipeline.Publication{"a": done}}, pipeline.StatusScheduled},
		{"draft stays draft", pipeline.Post{PublishAt: at, Status: pipeline.StatusDraft, Channels: []string{"a"},
			Publications: map[string]pipeline.Publication{"a": done}}, pipeline.StatusDraft},
		{"retracted stays retracted", pipeline.Post{PublishAt: at, Status: pipeline.StatusRetracted, Channels: []string{"a"},
			Publications: map[string]pipeline.Publication{"a": done}}, pipeline.StatusRetracted},
		{"recurring, first occurrence out", pipeline.Post{PublishAt: at, Repeat: weekly, Status: pipeline.StatusScheduled, Channels: []string{"a"},
			Publications: map[string]pipeline.Publication{"a": done}}, pipeline.StatusScheduled},
		{"recurring, last occurrence out", pipeline.Post{PublishAt: at, Repeat: weekly, Status: pipeline.StatusScheduled, Channels: []string{"a"},
			Publications: map[string]pipeline.Publication{"a": {ID: "2", Occurrence: at.AddDate(0, 0, 7)}}}, pipeline.StatusPublished},
	}
	for _, tt := range tests {
		if got := tt.post.StateStatus(); got != tt.want {
			t.Errorf("%s: StateStatus = %s, want %s", tt.name, got, tt.want)
		}
	}
}

func TestIntentLog(t *testing.T) {
	l := intentLog{filepath.Join(t.TempDir(), content.StateDir, "pending.jsonl")}
	if got, err := l.read(); err != nil || got != nil {
		t.Fatalf("read of a missing log = %v, %v", got, err)
	}
	at := time.Date(2026, 12, 1, 9, 30, 0, 0, time.UTC)
	want := []intent{
		{Key: "k1", Post: "posts/a.md", Channel: "mastodon", Occurrence: at, Started: at.Add(time.Minute)},
		{Key: "k2", Post: "posts/a.md", Channel: "bluesky", Occurrence: at, Started: at.Add(2 * time.Minute)},
	}
	for _, in := range want {
		if err := l.add(in); err != nil {
			t.Fatal(err)
		}
	}
	// A run killed while writing its next intent leaves half a line.
	f, err := os.OpenFile(l.path, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString(`{"key":"k3","post":"posts/a.md","chan`)
	f.Close()
	got, err := l.read()
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0].Key != "k1" || got[1].Key != "k2" || !got[1].Started.Equal(want[1].Started) || got[0].Channel != "mastodon" {
		t.Errorf("read = %+v, want %+v", got, want)
	}
	if err := l.clear(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(l.path); !os.IsNotExist(err) {
		t.Errorf("clear left the log: %v", err)
	}
	if err := l.clear(); err != nil {
		t.Errorf("clear of a missing log: %v", err)
	}
}
