package pipeline

import (
	"testing"
	"time"
)

func ledgerPost(path, text string, channels ...string) *Post {
	return &Post{Path: path, PublishAt: time.Date(2026, 12, 1, 9, 30, 0, 0, time.UTC), Status: StatusScheduled, Channels: channels,
		Body: Text{Parts: []Part{{Source: text}}}, Publications: map[string]Publication{}}
}

func TestLedgerOpen(t *testing.T) {
	l := &Ledger{
		Claims: []Record{
			{Action: ActionClaimed, Key: "k1", Claim: "c1"},
			{Action: ActionClaimed, Key: "k2", Claim: "c2"},
			{Action: ActionClaimed, Key: "k3", Claim: "c3"},
			{Action: ActionReleased, Key: "k2", Claim: "c2"},
			{Action: ActionClaimed, Key: "k1", Claim: "c4"}, // a later attempt, after c1's failure
			{Action: ActionClaimed, Key: "k3", Claim: "c3"}, // written twice
		},
		Journal: []Record{{Action: ActionFailed, Key: "k1", Claim: "c1"}},
	}
	var got []string
	for _, c := range l.Open() {
		got = append(got, c.Claim)
	}
	if len(got) != 2 || got[0] != "c3" || got[1] != "c4" {
		t.Errorf("Open = %v, want [c3 c4]", got)
	}
	if (*Ledger)(nil).Open() != nil || !(*Ledger)(nil).Empty() {
		t.Error("a nil ledger is not empty")
	}
}

func TestLedgerOverlay(t *testing.T) {
	at := time.Date(2026, 12, 1, 9, 30, 0, 0, time.UTC)
	p := ledgerPost("posts/a.md", "Bonjour.", "mastodon", "bluesky")
	// The front matter knows a failure on bluesky; the ledger knows more.
	p.Publications["bluesky"] = Publication{At: at, Occurrence: at, Attempts: 1, Error: "503"}
	recs := []Record{
		{Action: ActionPublished, Channel: "mastodon", Occurrence: at, Time: at.Add(time.Minute), RemoteID: "m1", URL: "https://m/1", Attempt: 1},
		{Action: ActionFailed, Channel: "bluesky", Occurrence: at, Time: at, Attempt: 1, Error: "503"},
		{Action: ActionPublished, Channel: "bluesky", Occurrence: at, Time: at.Add(20 * time.Minute), RemoteID: "b1", Attempt: 2, Parts: []string{"b2"}},
	}
	if !p.Overlay(recs) {
		t.Fatal("Overlay changed nothing")
	}
	if m := p.Publications["mastodon"]; m.ID != "m1" || m.URL != "https://m/1" || !m.At.Equal(at.Add(time.Minute)) {
		t.Errorf("mastodon = %+v", m)
	}
	if b := p.Publications["bluesky"]; b.ID != "b1" || b.Error != "" || b.Attempts != 2 || len(b.Parts) != 1 {
		t.Errorf("bluesky = %+v", b)
	}
	if p.Status != StatusPublished {
		t.Errorf("status %s", p.Status)
	}
	if p.Overlay(recs) {
		t.Error("a second overlay changed something")
	}
	// An older failure does not undo a publication; a retraction is kept.
	p.Overlay([]Record{{Action: ActionFailed, Channel: "mastodon", Occurrence: at, Attempt: 1, Error: "old"},
		{Action: ActionRetracted, Channel: "mastodon", Occurrence: at, Time: at.Add(time.Hour), RemoteID: "m1"},
		{Action: ActionFailed, Channel: "mastodon", Occurrence: at, RemoteID: "m1", Error: "retract: 500"}})
	if m := p.Publications["mastodon"]; m.ID != "m1" || m.Retracted.IsZero() || m.Error != "" {
		t.Errorf("mastodon after retraction = %+v", m)
	}
}

func TestLedgerAttachFollowsMovedPosts(t *testing.T) {
	moved := ledgerPost("posts/2026/a.md", "Bonjour.", "mastodon")
	withID := ledgerPost("posts/renamed.md", "Autre.", "mastodon")
	withID.ID = "concert"
	same1 := ledgerPost("posts/x.md", "Même texte.", "mastodon")
	same2 := ledgerPost("posts/y.md", "Même texte.", "mastodon")
	claimedMoved := ledgerPost("posts/new/c.md", "Réclamé.", "mastodon")
	l := &Ledger{
		Journal: []Record{
			{Action: ActionPublished, Post: "posts/a.md", Channel: "mastodon", Body: moved.BodyHash(), RemoteID: "1"},
			{Action: ActionPublished, Post: "posts/old-name.md", PostID: "concert", Channel: "mastodon", RemoteID: "2"},
			{Action: ActionPublished, Post: "posts/gone.md", Channel: "mastodon", Body: same1.BodyHash(), RemoteID: "3"},
		},
		Claims: []Record{{Action: ActionClaimed, Post: "posts/c.md", Channel: "mastodon", Key: "kc", Claim: "c1", Body: claimedMoved.BodyHash()}},
	}
	recs, origin := l.Attach([]*Post{moved, withID, same1, same2, claimedMoved})
	if len(recs["posts/2026/a.md"]) != 1 || origin["posts/2026/a.md"] != "posts/a.md" {
		t.Errorf("moved post: %v, origin %q", recs["posts/2026/a.md"], origin["posts/2026/a.md"])
	}
	if len(recs["posts/renamed.md"]) != 1 || origin["posts/renamed.md"] != "" {
		t.Errorf("post with id: %v, origin %q", recs["posts/renamed.md"], origin["posts/renamed.md"])
	}
	if len(recs["posts/x.md"])+len(recs["posts/y.md"]) != 0 {
		t.Error("two posts with the same text: a record of a gone post was given to one of them")
	}
	if origin["posts/new/c.md"] != "posts/c.md" {
		t.Errorf("a post moved under an open claim has origin %q", origin["posts/new/c.md"])
	}
	claimedMoved.Origin = origin["posts/new/c.md"]
	if (Delivery{Post: claimedMoved, Channel: "mastodon"}).Key() != (Delivery{Post: &Post{Path: "posts/c.md"}, Channel: "mastodon"}).Key() {
		t.Error("the moved post's delivery key is not the one it was claimed under")
	}
}

func TestUnion(t *testing.T) {
	at := time.Date(2026, 12, 1, 9, 30, 0, 0, time.UTC)
	a := []Record{{Action: ActionPublished, Key: "k1", Time: at.Add(time.Minute)}, {Action: ActionFailed, Key: "k2", Time: at, Attempt: 1}}
	b := []Record{{Action: ActionPublished, Key: "k1", Time: at.Add(time.Minute)}, {Action: ActionFailed, Key: "k2", Time: at.Add(time.Hour), Attempt: 2}}
	got := Union(a, b)
	if len(got) != 3 || got[0].Key != "k2" || got[1].Key != "k1" || got[2].Attempt != 2 {
		t.Errorf("Union = %+v", got)
	}
}
