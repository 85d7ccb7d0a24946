package pipeline

import (
	"bytes"
	"fmt"
	"testing"
)

func TestProblems(t *testing.T) {
	var all, quiet bytes.Buffer
	lines := []string{"published posts/a.md → mastodon https://x", "failed   posts/b.md → bluesky (attempt 1/5): 503",
		"skipped  posts/c.md → mastodon: frozen", "refused  posts/d.md: 1 error(s), first: x", "cancelled: 2 deliveries not made", "warning  slow"}
	for _, l := range lines {
		fmt.Fprintf(Problems(&all, false), "%s\n", l)
		fmt.Fprintf(Problems(&quiet, true), "%s\n", l)
	}
	if all.String() != fmt.Sprintln(lines[0])+fmt.Sprintln(lines[1])+fmt.Sprintln(lines[2])+fmt.Sprintln(lines[3])+fmt.Sprintln(lines[4])+fmt.Sprintln(lines[5]) {
		t.Errorf("not quiet: %q", all.String())
	}
	want := lines[1] + "\n" + lines[3] + "\n" + lines[4] + "\n" + lines[5] + "\n"
	if quiet.String() != want {
		t.Errorf("quiet:\n got %q\nwant %q", quiet.String(), want)
	}
}
