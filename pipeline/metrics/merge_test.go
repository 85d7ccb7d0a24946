package metrics

import "testing"

// Two runs that both started a month's metrics file: the remote's rows,
// then ours, under one header.
func TestMergeCSV(t *testing.T) {
	header := "time,post,channel\n"
	ours := header + "2026-12-02T07:00:00Z,a.md,mastodon\n"
	theirs := header + "2026-12-02T06:00:00Z,b.md,bluesky\n"
	got, err := MergeCSV(nil, []byte(ours), []byte(theirs))
	if err != nil || string(got) != theirs+"2026-12-02T07:00:00Z,a.md,mastodon\n" {
		t.Errorf("both created: %q, %v", got, err)
	}
	// The file existed before: plain append-only merge.
	base := header + "2026-12-01T07:00:00Z,c.md,x\n"
	got, err = MergeCSV([]byte(base), []byte(base+"2026-12-02T07:00:00Z,a.md,mastodon\n"), []byte(base+"2026-12-02T06:00:00Z,b.md,bluesky\n"))
	if err != nil || string(got) != base+"2026-12-02T06:00:00Z,b.md,bluesky\n2026-12-02T07:00:00Z,a.md,mastodon\n" {
		t.Errorf("existing file: %q, %v", got, err)
	}
	// Different headers (an older layout on one side): not merged silently.
	if _, err := MergeCSV([]byte(base), []byte("other\n"), []byte(theirs)); err == nil {
		t.Error("a rewritten file was merged as if appended to")
	}
	// Only we created it: ours whole.
	got, err = MergeCSV(nil, []byte(ours), nil)
	if err != nil || string(got) != ours {
		t.Errorf("only ours: %q, %v", got, err)
	}
}
