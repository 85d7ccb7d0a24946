package publish

import (
	"slices"
	"testing"
	"time"
)

// A post that cannot be read well enough to tell whether it is due is
// refused with its findings, never skipped; one that says it is never due
// is left to lint; the readable posts still go out.
func TestRunRefusesUnreadablePosts(t *testing.T) {
	const fm = "---\npublish_at: 2026-12-01 09:30\nchannels: [mastodon]\n"
	posts := map[string]string{
		"posts/good.md":     fm + "---\nLe concert.\n",
		"posts/tab.md":      "---\npublish_at: 2026-12-01 09:30\n\tchannels: [mastodon]\n---\nTab.\n",
		"posts/date.md":     "---\npublish_at: 01/12/2026\nchannels: [mastodon]\n---\nDate.\n",
		"posts/utf8.md":     fm + "---\nCaf\xe9.\n",
		"posts/unclosed.md": fm + "Pas de fin.\n",
		"posts/status.md":   "---\nchannels: [mastodon]\nstatus: sheduled\n---\nStatut.\n",
		"posts/nodate.md":   "---\nchannels: [mastodon]\nstatus: scheduled\n---\nSans date.\n",
		"posts/draft.md":    "---\nchannels: [mastodon]\nstatus: draft\npublish_at: 2026-13-01 09:30\n---\nBrouillon.\n",
		"posts/undated.md":  "---\nchannels: [mastodon]\ncouleur: rouge\n---\nNi date ni statut: un brouillon.\n",
	}
	f := newFixture(t, posts)
	res, _ := f.run(time.Date(2026, 12, 1, 10, 0, 0, 0, f.loc))
	var refused []string
	for _, r := range res.Refused {
		if len(r.Findings) == 0 || r.Findings[0].Path != r.Post || r.Findings[0].Line < 1 {
			t.Errorf("%s refused without a finding that points at it: %v", r.Post, r.Findings)
		}
		refused = append(refused, r.Post)
	}
	slices.Sort(refused)
	want := []string{"posts/date.md", "posts/nodate.md", "posts/status.md", "posts/tab.md", "posts/unclosed.md", "posts/utf8.md"}
	if !slices.Equal(refused, want) {
		t.Errorf("refused %v, want %v", refused, want)
	}
	if len(res.Published) != 1 || res.Published[0].Post != "posts/good.md" {
		t.Errorf("published %v, want posts/good.md", res.Published)
	}
}
