package linters_test

import (
	"strings"
	"testing"

	"github.com/crieur/crieur/linters"
)

// LintPaths checks the posts it is given against the whole calendar: all
// of them for nil, none for an empty list, and refuses a file that is not
// a post.
func TestLintPaths(t *testing.T) {
	front := "publish_at: 2026-12-20 10:00\nchannels: [mastodon]"
	r := newRepo(t, map[string]string{
		"posts/2026/12/a.md": post(front, "Premier.\n"),
		"posts/2026/12/b.md": post(front, "Deuxième.\n"),
		"notes/c.md":         post(front, "Pas un post.\n"),
	})
	var saw int
	e := &linters.Engine{CalendarRules: []linters.CalendarRule{everyFile{&saw}}}
	for _, tt := range []struct {
		name     string
		paths    []string
		checked  int
		findings int
	}{
		{"every post", nil, 2, 2},
		{"one post", []string{"posts/2026/12/b.md"}, 1, 1},
		{"no post", []string{}, 0, 0},
	} {
		saw = 0
		fs, checked, scope, err := e.LintPaths(r, tt.paths, now)
		if err != nil || checked != tt.checked || len(scope) != tt.checked || len(fs) != tt.findings {
			t.Errorf("%s: %d checked, %d posts, %d findings, %v; want %d checked, %d findings", tt.name, checked, len(scope), len(fs), err, tt.checked, tt.findings)
		}
		if saw != 2 {
			t.Errorf("%s: the calendar rule saw %d posts, want the whole calendar (2)", tt.name, saw)
		}
	}
	if _, _, _, err := e.LintPaths(r, []string{"notes/c.md"}, now); err == nil || !strings.Contains(err.Error(), "notes/c.md is not under posts/") {
		t.Errorf("a file outside posts/: %v", err)
	}
}
