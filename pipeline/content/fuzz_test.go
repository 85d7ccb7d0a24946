package content

import (
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/crieur/crieur/pipeline"
)

// FuzzParsePost feeds arbitrary files to the post parser: it must never
// panic, every finding must point inside the file, and a post that loads
// without error must take its state (as publish writes it) and read back
// as the same post with exactly that state.
func FuzzParsePost(f *testing.F) {
	seeds, _ := filepath.Glob("../../content-example/posts/*/*/*.md")
	for _, s := range seeds {
		if data, err := os.ReadFile(s); err == nil {
			f.Add(data)
		}
	}
	for _, s := range stateSeeds {
		f.Add([]byte(s))
	}
	r := testRepo(f)
	f.Fuzz(func(t *testing.T, src []byte) {
		file, findings := r.ParsePost("posts/2026/12/x.md", src)
		lines := strings.Count(string(src), "\n") + 1
		for _, fd := range findings {
			if fd.Line < 1 || fd.Line > lines+1 || fd.Col < 1 {
				t.Fatalf("finding outside the file (%d lines): %v", lines, fd)
			}
			if fd.Message == "" || fd.Rule == "" {
				t.Fatalf("finding without rule or message: %+v", fd)
			}
		}
		if file == nil || pipeline.HasErrors(findings) {
			return
		}
		checkState(t, r, file)
	})
}

// stateSeeds are front matters that once passed lint and could not take
// their state, or took it in the wrong place.
var stateSeeds = []string{
	goodPost,
	"---\npublish_at: 2026-12-01 09:30\n---\n",
	"---\n---\n---\n",
	"\ufeff---\r\npublish_at: 2026-12-01 09:30\r\n---\r\nTexte\r\n",
	"---\nmedia:\n  - x\nrepeat: {every: 2 weeks, count: 3}\nvariants: {mastodon: \"a\"}\n---\na\n---\nb\n",
	"---\npublish_at: 2026-12-01 09:30\nvariants:\n  bluesky: |\n    Avant.\n    ---\n    Après.\n---\nCorps.\n",
	"---\npublish_at: 2026-12-01 09:30\nfirst_comment: |\n  Un.\n  ---\n  Deux.\n---\nCorps.\n",
	"---\npublish_at: 2026-12-01 09:30\n...\nCorps.\n",
	"---\n{publish_at: 2026-12-01 09:30}\n---\nCorps.\n",
	"---\npublish_at: 2026-12-01 09:30\nstatus: >-\n  scheduled\n---\nCorps.\n",
	"---\npublish_at: 2026-12-01 09:30\nstatus: !!str scheduled # c\npublications: {}\n---\nCorps.\n",
	"---\n publish_at: 2026-12-01 09:30\n title: t\n---\nCorps.\n",
	"---\npublish_at: &d 2026-12-01 09:30\n? title\n: t\nfirst_comment: |+\n  a\n\n---\nCorps.\n",
	"---\r\npublish_at: 2026-12-01 09:30\r\nstatus: 'scheduled'   # c\r\npublications:\r\n  mastodon: {id: \"1\", attempts: 1}\r\n# fin\r\n---\r\nCorps.\r\n",
	"---\npublish_at: 2026-12-01 09:30\ntitle: >\n  a\n  ...\n---\nCorps.\n",
	"---\npublish_at: 2026-12-01 09:30\ntitle: \"a\n  b\"\n--- \nCorps.\n",
	"---\npublish_at: 2026-12-01 09:30\nrepeat:\n  rule: FREQ=MONTHLY;BYDAY=1TU;COUNT=6\n  except: [2027-02-02]\n---\nCorps.\n",
	"---\npublish_at: 2026-12-01 09:30\nrepeat: # mardis et jeudis\n  every: week\n  on: [mardi, jeudi]\n  until: 2027-01-31\n---\nCorps.\n",
}

// checkState writes the state publish would write and reads the file
// back: the same post, with exactly that status and those publications.
func checkState(t *testing.T, r *Repo, file *File) {
	t.Helper()
	loc := r.Config.Timezone
	status := file.Post.Status
	if !file.Post.PublishAt.IsZero() {
		status = pipeline.StatusPublished
	}
	pubs := map[string]pipeline.Publication{}
	for i, ch := range file.Post.Channels {
		pubs[ch] = pipeline.Publication{ID: "id-" + ch, URL: "https://example.org/" + ch, Parts: []string{"p" + ch}[:i%2],
			At: time.Date(2026, 12, 1, 9, 30, i, 0, loc), Attempts: 1 + i}
	}
	out, err := file.WithState(status, pubs, loc)
	if err != nil {
		t.Fatalf("a post lint accepts cannot take its state: %v\n%s", err, file.Source)
	}
	again, fs := r.ParsePost(file.Post.Path, out)
	if again == nil || pipeline.HasErrors(fs) {
		t.Fatalf("state written back breaks the file:\n%s\n%v", out, fs)
	}
	if again.Post.Status != status || !samePublications(again.Post.Publications, pubs) {
		t.Fatalf("state not read back: %s %+v\n%s", again.Post.Status, again.Post.Publications, out)
	}
	if a, b := comparable(file.Post), comparable(again.Post); !reflect.DeepEqual(a, b) {
		t.Fatalf("the post changed when its state was written:\nbefore %+v\nafter  %+v\n%s", a, b, out)
	}
}

func samePublications(a, b map[string]pipeline.Publication) bool {
	if len(a) != len(b) {
		return false
	}
	for ch, p := range a {
		q, ok := b[ch]
		if !ok || p.ID != q.ID || p.URL != q.URL || !p.At.Equal(q.At) || !p.Occurrence.Equal(q.Occurrence) ||
			p.Attempts != q.Attempts || p.Error != q.Error || !p.Retracted.Equal(q.Retracted) || !slices.Equal(p.Parts, q.Parts) {
			return false
		}
	}
	return true
}

// comparable is a post without its state and without the positions that
// move when lines are added to the front matter.
func comparable(p *pipeline.Post) pipeline.Post {
	c := *p
	c.Status, c.Publications, c.KeyPos, c.DisabledLines = "", nil, nil, nil
	c.Media = slices.Clone(p.Media)
	for i := range c.Media {
		c.Media[i].Pos = pipeline.Pos{}
	}
	text := func(t pipeline.Text) pipeline.Text {
		out := pipeline.Text{}
		for _, part := range t.Parts {
			out.Parts = append(out.Parts, pipeline.Part{Source: part.Source, Indent: part.Indent})
		}
		if t.FirstComment != nil {
			out.FirstComment = &pipeline.Part{Source: t.FirstComment.Source, Indent: t.FirstComment.Indent}
		}
		return out
	}
	c.Body = text(p.Body)
	c.Variants = map[string]pipeline.Text{}
	for ch, v := range p.Variants {
		c.Variants[ch] = text(v)
	}
	for _, ids := range p.DisabledLines {
		c.Disabled = append(c.Disabled, ids...)
	}
	slices.Sort(c.Disabled)
	return c
}
