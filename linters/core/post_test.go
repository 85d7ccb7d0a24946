package core_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/crieur/crieur/linters/core"
	"github.com/crieur/crieur/pipeline"
)

// TestPastDue: the lint time is 2026-12-02 12:00 in Brussels.
func TestPastDue(t *testing.T) {
	tests := []struct {
		name  string
		front string
		warn  bool
	}{
		{"scheduled, unpublished, yesterday", "publish_at: 2026-12-01 09:30", true},
		{"status scheduled written out", "publish_at: 2026-12-01 09:30\nstatus: scheduled", true},
		{"one minute ago, with an offset", "publish_at: 2026-12-02T10:59:00Z", true},
		{"in one minute, with an offset", "publish_at: 2026-12-02T11:01:00Z", false},
		{"tomorrow", "publish_at: 2026-12-03 09:30", false},
		{"published", "publish_at: 2026-12-01 09:30\nstatus: published\npublications:\n  mastodon:\n    id: \"1\"\n    url: https://mastodon.example/@a/1\n    at: 2026-12-01T09:30:04+01:00\n    attempts: 1", false},
		{"scheduled but already out on a channel", "publish_at: 2026-12-01 09:30\npublications:\n  mastodon:\n    id: \"1\"\n    at: 2026-12-01T09:30:04+01:00", false},
		{"recurring", "publish_at: 2026-11-01 09:30\nrepeat:\n  every: week\n  until: 2027-01-31", false},
		{"draft", "publish_at: 2026-12-01 09:30\nstatus: draft", false},
		{"retracted", "publish_at: 2026-12-01 09:30\nstatus: retracted", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			src := post(tc.front+"\nchannels: [mastodon]", "La saison commence.\n")
			r := newRepo(t, map[string]string{postPath: src})
			got := check(t, core.PastDue{}, r, postPath)
			if !tc.warn {
				if len(got) != 0 {
					t.Errorf("want nothing, got %v", got)
				}
				return
			}
			if len(got) != 1 {
				t.Fatalf("want one schedule.past_due, got %v", got)
			}
			f := got[0]
			if f.Rule != "schedule.past_due" || f.Severity != pipeline.Warning {
				t.Errorf("got %v, want a schedule.past_due warning", f)
			}
			if want := (pipeline.Pos{Line: 2, Col: len("publish_at: ") + 1}); (pipeline.Pos{Line: f.Line, Col: f.Col}) != want {
				t.Errorf("at %d:%d, want %v (the value of publish_at)", f.Line, f.Col, want)
			}
			if !strings.Contains(f.Message, "already past") {
				t.Errorf("message %q", f.Message)
			}
		})
	}
}

func TestReplaces(t *testing.T) {
	const old = "posts/2026/11/erreur.md"
	tests := []struct {
		name     string
		replaces string
		want     string // "" for no finding, else a piece of the message
	}{
		{"an existing post", old, ""},
		{"an existing post, written from the root with /", "/" + old, ""},
		{"an existing post, path not clean", "posts/2026/11/../11/erreur.md", ""},
		{"a missing post", "posts/2026/11/absent.md", "not a post of this repository"},
		{"itself", postPath, "cannot replace itself"},
		{"itself, with /", "/" + postPath, "cannot replace itself"},
		{"itself, path not clean", "posts/2026/12/../12/post.md", "cannot replace itself"},
		{"a file that is not a post", "crieur.yml", "not a post"},
		{"a file that is not a post, through posts/..", "posts/../crieur.yml", "not a post"},
		{"a folder", "posts/2026/11", "not a post"},
		{"outside the repository", "../" + old, "not a post"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			src := post("publish_at: 2026-12-20 10:00\nchannels: [mastodon]\nreplaces: "+tc.replaces, "Version corrigée.\n")
			r := newRepo(t, map[string]string{
				postPath: src,
				old:      post("publish_at: 2026-11-20 10:00\nchannels: [mastodon]\nstatus: retracted", "Version fautive.\n"),
			})
			got := check(t, core.Replaces{}, r, postPath)
			if tc.want == "" {
				if len(got) != 0 {
					t.Errorf("want nothing, got %v", got)
				}
				return
			}
			if len(got) != 1 {
				t.Fatalf("want one post.replaces, got %v", got)
			}
			f := got[0]
			if f.Rule != "post.replaces" || f.Severity != pipeline.Error || !strings.Contains(f.Message, tc.want) {
				t.Errorf("got %v, want a post.replaces error saying %q", f, tc.want)
			}
			if line := lineOf(t, src, "replaces:"); f.Line != line || f.Col != len("replaces: ")+1 {
				t.Errorf("at %d:%d, want %d:%d (the value of replaces)", f.Line, f.Col, line, len("replaces: ")+1)
			}
		})
	}
}

func TestReplacedPostStillOnline(t *testing.T) {
	const old = "posts/2026/11/erreur.md"
	online := post("publish_at: 2026-11-20 10:00\nchannels: [mastodon]\nstatus: published\npublications:\n  mastodon:\n    id: \"42\"\n    at: 2026-11-20T10:00:02+01:00\n    attempts: 1", "Version fautive.\n")
	r := newRepo(t, map[string]string{
		postPath: post("publish_at: 2026-12-20 10:00\nchannels: [mastodon]\nreplaces: "+old, "Version corrigée.\n"),
		old:      online,
	})
	got := check(t, core.Replaces{}, r, postPath)
	if len(got) != 1 || got[0].Severity != pipeline.Warning || !strings.Contains(got[0].Message, old+", which this post corrects, is still online") ||
		!strings.Contains(got[0].Hint, "status: retracted") {
		t.Errorf("got %v, want a warning that the old post is still online", got)
	}
}

func TestFrozen(t *testing.T) {
	// now is the helpers' clock; a freeze from a day before to two days after.
	since, until := now.Add(-24*time.Hour), now.Add(48*time.Hour)
	freeze := fmt.Sprintf("since: %s\nuntil: %s\nreason: deuil\n", since.Format(time.RFC3339), until.Format(time.RFC3339))
	tests := []struct {
		name, front string
		freeze      string
		want        bool
	}{
		{"due during the freeze", "publish_at: " + now.Add(time.Hour).Format("2006-01-02 15:04"), freeze, true},
		{"late, held now", "publish_at: " + now.Add(-72*time.Hour).Format("2006-01-02 15:04"), freeze, true},
		{"after the freeze", "publish_at: " + now.Add(72*time.Hour).Format("2006-01-02 15:04"), freeze, false},
		{"no freeze", "publish_at: " + now.Add(time.Hour).Format("2006-01-02 15:04"), "", false},
		{"a draft", "publish_at: " + now.Add(time.Hour).Format("2006-01-02 15:04") + "\nstatus: draft", freeze, false},
		{"open-ended freeze", "publish_at: " + now.Add(400*24*time.Hour).Format("2006-01-02 15:04"), "since: " + since.Format(time.RFC3339) + "\n", true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			files := map[string]string{postPath: post(tc.front+"\nchannels: [mastodon]", "Texte.\n")}
			if tc.freeze != "" {
				files["freeze.yml"] = tc.freeze
			}
			r := newRepo(t, files)
			got := check(t, core.Frozen{}, r, postPath)
			if !tc.want {
				if len(got) != 0 {
					t.Errorf("want nothing, got %v", got)
				}
				return
			}
			if len(got) != 1 || got[0].Rule != "schedule.frozen" || !strings.Contains(got[0].Message, "publishing is frozen since") || got[0].Line != 2 {
				t.Errorf("got %v, want one schedule.frozen on publish_at", got)
			}
		})
	}
}
