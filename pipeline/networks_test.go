package pipeline

import (
	"strings"
	"testing"
)

func TestNetworkLimit(t *testing.T) {
	want := map[string]int{
		"mastodon": 500, "bluesky": 300, "x": 280, "linkedin": 3000,
		"instagram": 2200, "threads": 500, "facebook": 63206, "telegram": 4096,
		"discord": 2000, "slack": 40000, "webhook": 0, "outbox": 0,
		"myspace": 0, "": 0,
	}
	for network, limit := range want {
		if n, _ := LookupNetwork(network); n.Limit != limit {
			t.Errorf("LookupNetwork(%q).Limit = %d, want %d", network, n.Limit, limit)
		}
	}
}

func TestNetworkUnit(t *testing.T) {
	want := map[string]string{
		"mastodon": "graphemes", "bluesky": "graphemes", "x": "weighted characters",
		"threads": "characters", "linkedin": "characters", "myspace": "characters",
		"telegram": "UTF-16 code units", "discord": "characters", "slack": "characters",
	}
	for network, unit := range want {
		if n, _ := LookupNetwork(network); n.Counting.Unit() != unit {
			t.Errorf("the unit of %q is %q, want %q", network, n.Counting.Unit(), unit)
		}
	}
}

func TestNetworkThreads(t *testing.T) {
	for _, n := range NetworkNames() {
		want := n == "mastodon" || n == "bluesky" || n == "x" || n == "threads"
		if got, _ := LookupNetwork(n); got.Threads != want {
			t.Errorf("LookupNetwork(%s).Threads = %v, want %v", n, got.Threads, want)
		}
	}
	if n, ok := LookupNetwork("outbox"); ok || n.Threads {
		t.Errorf("outbox is a channel type, not a network: %+v, %v", n, ok)
	}
}

func TestNetworkMedia(t *testing.T) {
	for _, n := range Networks() {
		l := n.Media
		if l.Max > 0 && (l.MaxBytes < 0 || len(l.Formats) == 0) {
			t.Errorf("%s takes images but has no format: %+v", n.Name, l)
		}
		for _, f := range l.Formats {
			if f != "jpeg" && f != "png" && f != "gif" && f != "webp" {
				t.Errorf("%s: format %q is not one ImageFormat names", n.Name, f)
			}
		}
	}
	if _, ok := LookupNetwork("myspace"); ok {
		t.Error("an unknown network has no limits")
	}
}

func TestNetworkNames(t *testing.T) {
	names := NetworkNames()
	if len(names) != len(Networks()) || len(names) != 11 {
		t.Fatalf("NetworkNames() = %v, want the 11 rows of the table", names)
	}
	seen := map[string]bool{}
	for _, n := range names {
		if seen[n] || n != strings.ToLower(n) || strings.TrimSpace(n) != n || n == "" || n == "outbox" {
			t.Errorf("network name %q: twice, not lower case, blank or the outbox", n)
		}
		seen[n] = true
		if got, ok := LookupNetwork(n); !ok || got.Name != n {
			t.Errorf("LookupNetwork(%q) = %+v, %v", n, got, ok)
		}
	}
}
