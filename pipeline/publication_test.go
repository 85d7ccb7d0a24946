package pipeline

import (
	"regexp"
	"testing"
	"time"
)

func TestBackoff(t *testing.T) {
	tests := []struct {
		n    int
		want time.Duration
	}{
		{0, 15 * time.Minute},
		{1, 15 * time.Minute},
		{2, 30 * time.Minute},
		{3, time.Hour},
		{4, 2 * time.Hour},
		{5, 4 * time.Hour},
		{6, 6 * time.Hour},
		{7, 6 * time.Hour},
		{50, 6 * time.Hour},
		{1 << 30, 6 * time.Hour},
	}
	for _, tt := range tests {
		if got := Backoff(tt.n); got != tt.want {
			t.Errorf("Backoff(%d) = %v, want %v", tt.n, got, tt.want)
		}
	}
	for n := 1; n < 100; n++ {
		if Backoff(n+1) < Backoff(n) {
			t.Errorf("Backoff(%d) = %v < Backoff(%d) = %v", n+1, Backoff(n+1), n, Backoff(n))
		}
	}
}

func TestPublicationDone(t *testing.T) {
	if (Publication{Attempts: 3, Error: "x", URL: "https://example.org"}).Done() {
		t.Error("a publication without id is not done")
	}
	if !(Publication{ID: "42"}).Done() {
		t.Error("a publication with an id is done")
	}
}

func TestDeliveryKey(t *testing.T) {
	loc, err := time.LoadLocation("Europe/Brussels")
	if err != nil {
		t.Fatal(err)
	}
	at := time.Date(2026, 12, 1, 9, 30, 0, 0, loc)
	post := &Post{Path: "posts/2026/12/saison.md", PublishAt: at, Body: Text{Parts: []Part{{Source: "Bonjour"}}}}
	base := Delivery{Post: post, Channel: "mastodon", Occurrence: at}
	key := base.Key()

	if !regexp.MustCompile(`^[0-9a-f]{24}$`).MatchString(key) {
		t.Errorf("Key() = %q, want 24 lowercase hex digits", key)
	}
	if again := base.Key(); again != key {
		t.Errorf("Key() not stable: %q then %q", key, again)
	}

	same := []struct {
		name string
		d    Delivery
	}{
		{"another text", Delivery{Post: &Post{Path: post.Path, Body: Text{Parts: []Part{{Source: "Bonsoir, texte corrigé"}}}, Variants: map[string]Text{"mastodon": {}}}, Channel: "mastodon", Occurrence: at}},
		{"another title, status and publications", Delivery{Post: &Post{Path: post.Path, Title: "T", Status: StatusFailed, Publications: map[string]Publication{"mastodon": {Attempts: 2}}}, Channel: "mastodon", Occurrence: at}},
		{"the same instant in UTC", Delivery{Post: post, Channel: "mastodon", Occurrence: at.UTC()}},
		{"the same instant in another zone", Delivery{Post: post, Channel: "mastodon", Occurrence: at.In(time.FixedZone("X", -5*3600))}},
	}
	for _, tt := range same {
		if got := tt.d.Key(); got != key {
			t.Errorf("%s: Key() = %q, want %q", tt.name, got, key)
		}
	}

	different := []struct {
		name string
		d    Delivery
	}{
		{"another channel", Delivery{Post: post, Channel: "bluesky", Occurrence: at}},
		{"another occurrence", Delivery{Post: post, Channel: "mastodon", Occurrence: at.AddDate(0, 0, 7)}},
		{"a second later", Delivery{Post: post, Channel: "mastodon", Occurrence: at.Add(time.Second)}},
		{"another post", Delivery{Post: &Post{Path: "posts/2026/12/autre.md"}, Channel: "mastodon", Occurrence: at}},
		// The separator keeps path and channel apart: "a" + "bc" is not "ab" + "c".
		{"path and channel shifted", Delivery{Post: &Post{Path: "posts/2026/12/saison.mdm"}, Channel: "astodon", Occurrence: at}},
	}
	seen := map[string]string{key: "base"}
	for _, tt := range different {
		got := tt.d.Key()
		if prev, ok := seen[got]; ok {
			t.Errorf("%s: Key() = %q, the same as %s", tt.name, got, prev)
		}
		seen[got] = tt.name
	}
}
