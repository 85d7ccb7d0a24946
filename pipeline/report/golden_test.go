package report

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/crieur/crieur/pipeline"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata")

// golden compares got with testdata/name, or rewrites it with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to write it)", err)
	}
	if !bytes.Equal(got, want) {
		gl, wl := strings.Split(string(got), "\n"), strings.Split(string(want), "\n")
		for i := 0; i < len(gl) || i < len(wl); i++ {
			var g, w string
			if i < len(gl) {
				g = gl[i]
			}
			if i < len(wl) {
				w = wl[i]
			}
			if g != w {
				t.Fatalf("%s differs from line %d:\n got %q\nwant %q\n(run go test -update if the change is meant)", path, i+1, g, w)
			}
		}
	}
}

func TestGolden(t *testing.T) {
	for _, tt := range []struct {
		name  string
		input func(*Input)
	}{
		{"decembre-fr", func(*Input) {}},
		{"december-en-verriere", func(in *Input) { in.Lang, in.Brand = "en", "verriere" }},
		{"fevrier-vide-fr", func(in *Input) { in.Month = time.Date(2027, 2, 1, 0, 0, 0, 0, in.Location) }},
		{"december-nl", func(in *Input) { in.Lang = "nl" }},
	} {
		t.Run(tt.name, func(t *testing.T) {
			in := fixtureInput(t)
			tt.input(&in)
			r := Build(in)
			var md, csv bytes.Buffer
			if err := r.Markdown(&md); err != nil {
				t.Fatal(err)
			}
			if err := r.CSV(&csv); err != nil {
				t.Fatal(err)
			}
			golden(t, tt.name+".md", md.Bytes())
			golden(t, tt.name+".csv", csv.Bytes())
		})
	}
}

// Markdown stays under MaxMarkdown whatever the data: thousands of
// publications with long titles, failures, retractions and findings.
func TestMarkdownSize(t *testing.T) {
	in := bigInput(t, 3000)
	r := Build(in)
	var b bytes.Buffer
	if err := r.Markdown(&b); err != nil {
		t.Fatal(err)
	}
	if b.Len() > MaxMarkdown {
		t.Fatalf("Markdown is %d bytes, more than %d", b.Len(), MaxMarkdown)
	}
	if !strings.Contains(b.String(), "… et ") {
		t.Errorf("no \"… et N de plus\" in a capped report")
	}
	if !strings.HasSuffix(b.String(), wordsFor("fr").footer+"*\n") {
		t.Errorf("the report was cut short rather than capped: it ends with %q", b.String()[b.Len()-200:])
	}
	t.Logf("%d publications: %d bytes of Markdown", len(r.Publications), b.Len())
}

// bigInput is a month of n publications whose texts are as long and as
// full of Markdown as a post can be, each failed once and retracted, with
// findings on every post.
func bigInput(t testing.TB, n int) Input {
	loc := brussels(t)
	in := Input{Month: time.Date(2026, 12, 1, 0, 0, 0, 0, loc), Location: loc, Lang: "fr", Posts: map[string]*pipeline.Post{},
		Repository: strings.Repeat("dépôt/", 100), Brand: strings.Repeat("marque", 100)}
	long := strings.Repeat("|*_[x](y)<b>@user #1 ", 30)
	for i := range n {
		path := "posts/2026/12/" + strings.Repeat("tres-long-", 10) + string(rune('a'+i%26)) + itoa(i) + ".md"
		channel := "canal-" + strings.Repeat("|x_", 60) + itoa(i%50)
		in.Posts[path] = &pipeline.Post{Path: path, Title: long + itoa(i), Campaign: "campagne-" + long + itoa(i%200), Brand: in.Brand}
		at := in.Month.Add(time.Duration(i) * 14 * time.Minute)
		p := pub(at.Format(time.RFC3339), "published", path, channel, "mastodon", "id"+itoa(i))
		p.URL = "https://mastodon.example/" + strings.Repeat("long/", 50) + itoa(i)
		f := failed(at.Add(-time.Minute).Format(time.RFC3339), path, channel, "mastodon", long)
		f.Key = p.Key + "x"
		rt := pub(at.Add(time.Hour).Format(time.RFC3339), "retracted", path, channel, "mastodon", "id"+itoa(i))
		rt.Key = p.Key
		in.Records = append(in.Records, p, f, rt)
		in.Readings = append(in.Readings, reading(at.Add(2*time.Hour).Format(time.RFC3339), path, channel, "id"+itoa(i), pipeline.Engagement{pipeline.Likes: int64(i)}))
		in.Caught = append(in.Caught, pipeline.Caught{Post: path, Rule: "rule." + itoa(i%300) + long, Severity: pipeline.Warning, Message: long, Author: long + long})
	}
	return in
}

func itoa(i int) string { return strconv.Itoa(i) }

func TestFit(t *testing.T) {
	s := strings.Repeat("| une ligne de tableau |\n", 100)
	got := fit(s, 500, french)
	if len(got) > 500 || !strings.HasSuffix(got, "*… et 81 de plus*\n") || !strings.HasPrefix(s, strings.TrimSuffix(got, "\n*… et 81 de plus*\n")) {
		t.Errorf("fit: %d bytes\n%s", len(got), got)
	}
	if fit(s, len(s), french) != s {
		t.Error("fit changed what fits")
	}
}
