package content

import (
	"strings"
	"testing"
	"time"

	"github.com/crieur/crieur/pipeline"
)

// WithUpdate changes the keys it is given and nothing else: comments, key
// order, the author's quoting and the line endings stay.
func TestUpdatePost(t *testing.T) {
	r := testRepo(t)
	loc := r.Config.Timezone
	at := time.Date(2026, 12, 3, 18, 0, 0, 0, loc)
	twice := time.Date(2026, 10, 25, 1, 30, 0, 0, time.UTC) // 02:30 the second time in Brussels
	text := "Nouveau texte.\n\n---\n\nSuite du fil."
	empty, title, draft := "", "Soirée : jazz", pipeline.StatusDraft
	tests := []struct {
		name, src string
		u         Update
		want      string
	}{{
		name: "scalars in place, comments kept",
		src:  "---\n# la saison\ntitle: Ancien   # titre\npublish_at: 2026-12-01 09:30   # heure de Bruxelles\nchannels: [mastodon]\ncampaign: saison\nstatus: scheduled\n---\n\nBonjour.\n",
		u:    Update{PublishAt: &at, Title: &title, Campaign: &empty, Status: &draft, Channels: []string{"mastodon", "bluesky"}},
		want: "---\n# la saison\ntitle: 'Soirée : jazz'   # titre\npublish_at: 2026-12-03 18:00   # heure de Bruxelles\nchannels: [mastodon, bluesky]\nstatus: draft\n---\n\nBonjour.\n",
	}, {
		name: "a list one item per line stays so; new keys at the end",
		src:  "---\npublish_at: 2026-12-01 09:30\nchannels:\n  - mastodon # d'abord\n  - bluesky\nlang: fr\n---\nBonjour.\n",
		u:    Update{Channels: []string{"linkedin"}, Title: &title, PublishAt: &twice},
		want: "---\npublish_at: 2026-10-25T02:30:00+01:00\nchannels:\n  - linkedin\nlang: fr\ntitle: 'Soirée : jazz'\n---\nBonjour.\n",
	}, {
		name: "the body, CRLF kept",
		src:  "---\r\npublish_at: 2026-12-01 09:30\r\n---\r\n\r\nAncien.\r\n",
		u:    Update{Text: &text},
		want: "---\r\npublish_at: 2026-12-01 09:30\r\n---\r\n\r\nNouveau texte.\r\n\r\n---\r\n\r\nSuite du fil.\r\n",
	}, {
		name: "a text for a file that ends at its closing line",
		src:  "---\npublish_at: 2026-12-01 09:30\n---",
		u:    Update{Text: &text},
		want: "---\npublish_at: 2026-12-01 09:30\n---\nNouveau texte.\n\n---\n\nSuite du fil.\n",
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, fs := r.ParsePost("posts/2026/12/a.md", []byte(tt.src))
			if f == nil {
				t.Fatal(fs)
			}
			out, err := r.UpdatePost(f, tt.u)
			if err != nil {
				t.Fatal(err)
			}
			if string(out) != tt.want {
				t.Errorf("got\n%s\nwant\n%s", out, tt.want)
			}
		})
	}
}

// An update that would break the post is refused.
func TestUpdatePostRefused(t *testing.T) {
	r := testRepo(t)
	f, fs := r.ParsePost("posts/2026/12/a.md", []byte("---\npublish_at: 2026-12-01 09:30\n---\nBonjour.\n"))
	if f == nil {
		t.Fatal(fs)
	}
	if _, err := r.UpdatePost(f, Update{Channels: []string{"myspace"}}); err == nil || !strings.Contains(err.Error(), "would not load") {
		t.Errorf("unknown channel: %v", err)
	}
	if (Update{}).Empty() != true || (Update{Channels: []string{}}).Empty() {
		t.Error("Empty")
	}
}
