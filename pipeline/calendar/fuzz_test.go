package calendar

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

// FuzzReadCSV checks that no input makes ReadCSV panic, that its errors
// are positioned, and that the rows it accepts make post files whose
// front matter is valid YAML.
func FuzzReadCSV(f *testing.F) {
	for _, seed := range []string{
		"publish_at,text\n2026-12-01 09:30,Bonjour\n",
		"\uFEFFpublish_at;text;channels;title;media;alt;sponsored;slug\r\n2026-12-01 09:30;\"deux\r\nlignes ; \"\"ok\"\"\";mastodon bluesky;Titre : #1;affiche.jpg;Alt;oui;\r\n",
		"sep=;\npublish_at;text\n01/12/2026;x\n",
		"publish_at,text,chanels\n2026-10-25 02:30,\"pas fermé\n",
		"text,publish_at,status,path\n'@botanique,2026-12-01T09:30:00+01:00,published,posts/2026/12/x.md\n",
	} {
		f.Add([]byte(seed))
	}
	loc, err := time.LoadLocation("Europe/Brussels")
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		rows, err := ReadCSV("plan.csv", bytes.NewReader(data), loc)
		if err != nil {
			if rows != nil {
				t.Fatalf("rows returned with an error: %v", err)
			}
			for _, line := range strings.Split(err.Error(), "\n") {
				if !strings.HasPrefix(line, "plan.csv:") {
					t.Fatalf("error without position: %q", line)
				}
			}
			var ce *CellError
			if !errors.As(err, &ce) || ce.Row < 1 {
				t.Fatalf("error %v is not a positioned *CellError", err)
			}
			return
		}
		for _, row := range rows {
			if row.PublishAt.IsZero() || strings.TrimSpace(row.Text) == "" || row.Number < 2 {
				t.Fatalf("row without date, text or line: %+v", row)
			}
			post := row.newPost(loc)
			path, file := post.Path, post.Data
			if !strings.HasPrefix(path, "posts/") || !strings.HasSuffix(path, ".md") || strings.Contains(path, "..") {
				t.Fatalf("path %q", path)
			}
			if !utf8.Valid(file) {
				t.Fatalf("post file is not UTF-8: %q", file)
			}
			rest, _ := bytes.CutPrefix(file, []byte("---\n"))
			fm, _, ok := bytes.Cut(rest, []byte("\n---\n"))
			if !ok {
				t.Fatalf("front matter not closed:\n%s", file)
			}
			var m map[string]any
			if err := yaml.Unmarshal(fm, &m); err != nil {
				t.Fatalf("front matter is not YAML: %v\n%s", err, fm)
			}
			if m["status"] != "scheduled" && m["status"] != "draft" {
				t.Fatalf("status %v", m["status"])
			}
		}
	})
}
