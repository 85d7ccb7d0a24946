package content

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/crieur/crieur/pipeline"
)

// FuzzParsePost feeds arbitrary files to the post parser: it must never
// panic, every finding must point inside the file, and a post that loads
// without error must take its state back and read it again unchanged.
func FuzzParsePost(f *testing.F) {
	seeds, _ := filepath.Glob("../../content-example/posts/*/*/*.md")
	for _, s := range seeds {
		if data, err := os.ReadFile(s); err == nil {
			f.Add(data)
		}
	}
	f.Add([]byte(goodPost))
	f.Add([]byte("---\npublish_at: 2026-12-01 09:30\n---\n"))
	f.Add([]byte("---\n---\n---\n"))
	f.Add([]byte("\ufeff---\r\npublish_at: 2026-12-01 09:30\r\n---\r\nTexte\r\n"))
	f.Add([]byte("---\nmedia:\n  - x\nrepeat: {every: 2 weeks, count: 3}\nvariants: {mastodon: \"a\"}\n---\na\n---\nb\n"))
	r := testRepo(f)
	loc := r.Config.Timezone
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
		pubs := map[string]pipeline.Publication{"mastodon": {ID: "1", URL: "u", At: time.Date(2026, 12, 1, 9, 30, 0, 0, loc), Attempts: 1}}
		out, err := file.WithState(file.Post.Status, pubs, loc)
		if err != nil {
			return // a front matter crieur cannot edit says so
		}
		again, fs := r.ParsePost("posts/2026/12/x.md", out)
		if again == nil || pipeline.HasErrors(fs) {
			t.Fatalf("state written back breaks the file:\n%s\n%v", out, fs)
		}
		if again.Post.Status != file.Post.Status || again.Post.Publications["mastodon"].ID != "1" {
			t.Fatalf("state not read back: %s %+v\n%s", again.Post.Status, again.Post.Publications, out)
		}
		if strings.TrimSpace(again.Post.Body.Parts[0].Source) != strings.TrimSpace(file.Post.Body.Parts[0].Source) {
			t.Fatalf("body changed:\n%q\n%q", file.Post.Body.Parts[0].Source, again.Post.Body.Parts[0].Source)
		}
	})
}
