package journal

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/crieur/crieur/pipeline"
	"github.com/crieur/crieur/pipeline/i18n"
)

func brussels(t *testing.T) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation("Europe/Brussels")
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

func rec(at time.Time, action pipeline.Action, channel string) pipeline.Record {
	return pipeline.Record{Time: at, Action: action, Post: "posts/2026/12/saison.md", Channel: channel, Network: "mastodon",
		Key: "3f1c0a9b8e7d6c5b4a392817", Occurrence: at.Truncate(time.Hour), ContentHash: "sha256:00"}
}

func TestAbout(t *testing.T) {
	at := time.Date(2026, 12, 1, 9, 30, 0, 0, time.UTC)
	a, b := rec(at, pipeline.ActionPublished, "mastodon"), rec(at, pipeline.ActionFailed, "x")
	a.Post, b.Post = "posts/a.md", "posts/b.md"
	recs := []pipeline.Record{a, b, a}
	if got := About(recs); len(got) != 3 {
		t.Errorf("no post named: %d records, want all 3", len(got))
	}
	if got := About(recs, "posts/a.md", "./posts/a.md"); len(got) != 2 || got[0].Post != "posts/a.md" || got[1].Post != "posts/a.md" {
		t.Errorf("posts/a.md: %+v", got)
	}
	if got := About(recs, "posts/c.md"); got != nil {
		t.Errorf("posts/c.md: %+v", got)
	}
}

// The audit trail in text: one line a record, in the repository's zone.
func TestWriteText(t *testing.T) {
	loc := brussels(t)
	at := time.Date(2026, 12, 1, 8, 30, 0, 0, time.UTC)
	published := pipeline.Record{Time: at, Action: pipeline.ActionPublished, Channel: "mastodon", Post: "posts/a.md", URL: "https://m.example/1", RemoteID: "1",
		PullRequest: 12, Author: "dominique", Approvers: []string{"sam", "lou"}, SourceCommit: "0123456789abcdef"}
	failed := pipeline.Record{Time: at, Action: pipeline.ActionFailed, Channel: "x", Post: "posts/a.md", RemoteID: "", Error: "HTTP 500", SourceCommit: "abc"}
	recovered := pipeline.Record{Time: at, Action: pipeline.ActionRecovered, Channel: "bluesky", Post: "posts/a.md", RemoteID: "at://1"}
	var b strings.Builder
	WriteText(&b, []pipeline.Record{published, failed, recovered}, loc)
	want := "2026-12-01 09:30  published mastodon   posts/a.md  https://m.example/1  #12  by dominique, approved by sam, lou  @0123456\n" +
		"2026-12-01 09:30  failed    x          posts/a.md  (HTTP 500)  @abc\n" +
		"2026-12-01 09:30  recovered bluesky    posts/a.md  at://1\n"
	if b.String() != want {
		t.Errorf("text:\n%s\nwant:\n%s", b.String(), want)
	}
	b.Reset()
	WriteText(&b, nil, loc)
	if b.String() != "no publication recorded\n" {
		t.Errorf("empty: %q", b.String())
	}
}

func TestWriteJSON(t *testing.T) {
	var b strings.Builder
	if err := WriteJSON(&b, nil); err != nil || b.String() != "[]\n" {
		t.Errorf("empty: %q, %v", b.String(), err)
	}
	b.Reset()
	r := pipeline.Record{Action: pipeline.ActionPublished, Post: "posts/a&b.md"}
	if err := WriteJSON(&b, []pipeline.Record{r}); err != nil || !strings.Contains(b.String(), "[\n  {\n") || !strings.Contains(b.String(), `"post": "posts/a&b.md"`) {
		t.Errorf("one record: %s, %v", b.String(), err)
	}
}

func TestCatalog(t *testing.T) {
	for _, p := range say.Problems() {
		t.Error(p)
	}
}

func TestWriteTextLanguages(t *testing.T) {
	at := time.Date(2026, 12, 1, 9, 30, 0, 0, time.UTC)
	r := rec(at, pipeline.ActionPublished, "mastodon")
	r.Author, r.Approvers = "camille", []string{"sam", "lou"}
	for _, tt := range []struct {
		lang             i18n.Lang
		head, line, none string
	}{
		{i18n.French, "2026-12-01 10:30  publié    mastodon   posts/2026/12/saison.md", "  par camille, approuvé par sam, lou", "aucune publication enregistrée\n"},
		{i18n.Dutch, "2026-12-01 10:30  gepubliceerd mastodon   posts/2026/12/saison.md", "  door camille, goedgekeurd door sam, lou", "geen publicatie geregistreerd\n"},
	} {
		var b strings.Builder
		WriteTextIn(&b, []pipeline.Record{r}, brussels(t), tt.lang)
		if !strings.HasPrefix(b.String(), tt.head) || !strings.Contains(b.String(), tt.line) {
			t.Errorf("%s: %q", tt.lang, b.String())
		}
		b.Reset()
		WriteTextIn(&b, nil, brussels(t), tt.lang)
		if b.String() != tt.none {
			t.Errorf("%s, nothing: %q", tt.lang, b.String())
		}
	}
}

// Every action a record holds has its words in the catalog, and the
// column is as wide as the longest of them in each language.
func TestActions(t *testing.T) {
	actions := []pipeline.Action{pipeline.ActionPublished, pipeline.ActionFailed, pipeline.ActionRecovered,
		pipeline.ActionRetracted, pipeline.ActionClaimed, pipeline.ActionReleased}
	for _, a := range actions {
		if !say.Has("action." + string(a)) {
			t.Errorf("action %s missing from messages/", a)
		}
	}
	if got := fmt.Sprint(actionWidth(i18n.English), actionWidth(i18n.French), actionWidth(i18n.Dutch)); got != "9 9 12" {
		t.Errorf("widths %s, want 9 9 12", got)
	}
}
