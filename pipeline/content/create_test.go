package content

import (
	"errors"
	"os"
	"strings"
	"testing"
)

const newPost = "---\npublish_at: 2026-12-01 09:30\nchannels: [mastodon]\n---\nBonjour.\n"

// CheckNew says every problem of the posts to create, on the row they
// came from, and stops at a path already taken, on disk or by another of
// them; nothing is written.
func TestCheckNew(t *testing.T) {
	r := testRepo(t)
	write(t, r.Root, "posts/2026/12/old.md", newPost)
	bad := strings.Replace(newPost, "[mastodon]", "[nowhere]", 1)
	problems, err := r.CheckNew([]NewPost{
		{Path: "posts/2026/12/a.md", Data: []byte(newPost), Row: 2},
		{Path: "posts/2026/12/b.md", Data: []byte(bad), Row: 3},
	})
	if err != nil || len(problems) == 0 || !strings.HasPrefix(problems[0].Message, "row 3: ") || problems[0].Path != "posts/2026/12/b.md" {
		t.Errorf("problems %v, %v", problems, err)
	}
	if _, err := os.Stat(r.Abs("posts/2026/12/a.md")); err == nil {
		t.Error("CheckNew wrote a file")
	}
	if problems, _ := r.CheckNew([]NewPost{{Path: "posts/2026/12/b.md", Data: []byte(bad)}}); len(problems) == 0 || strings.HasPrefix(problems[0].Message, "row") {
		t.Errorf("a post made from no row: %v", problems)
	}
	for _, posts := range [][]NewPost{
		{{Path: "posts/2026/12/old.md", Data: []byte(newPost), Row: 4}},
		{{Path: "posts/2026/12/c.md", Data: []byte(newPost), Row: 2}, {Path: "posts/2026/12/c.md", Data: []byte(newPost), Row: 4}},
	} {
		_, err := r.CheckNew(posts)
		var ex *ExistsError
		if !errors.As(err, &ex) || ex.Post.Row != 4 || err.Error() != ex.Post.Path+" already exists" {
			t.Errorf("%s taken: %v", posts[0].Path, err)
		}
	}
}

// CreatePost makes the folders and never overwrites a file.
func TestCreatePost(t *testing.T) {
	r := testRepo(t)
	p := NewPost{Path: "posts/2027/01/a.md", Data: []byte(newPost)}
	if err := r.CreatePost(p); err != nil {
		t.Fatal(err)
	}
	if b, err := os.ReadFile(r.Abs(p.Path)); err != nil || string(b) != newPost {
		t.Errorf("created %q, %v", b, err)
	}
	p.Data = []byte("other")
	var ex *ExistsError
	if err := r.CreatePost(p); !errors.As(err, &ex) {
		t.Errorf("second create: %v, want an ExistsError", err)
	}
	if b, _ := os.ReadFile(r.Abs(p.Path)); string(b) != newPost {
		t.Errorf("overwritten: %q", b)
	}
}
