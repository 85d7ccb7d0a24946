package metrics

import (
	"errors"
	"fmt"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/crieur/crieur/pipeline"
)

func at(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t
}

func TestAppendRead(t *testing.T) {
	s := Store{Dir: filepath.Join(t.TempDir(), "metrics")}
	first := []pipeline.Reading{
		{Time: at("2026-11-30T23:30:00Z"), Post: "posts/2026/11/a.md", Channel: "mastodon", Network: "mastodon", ID: "111",
			Engagement: pipeline.Engagement{pipeline.Likes: 3, pipeline.Reposts: 0, pipeline.Replies: 1}},
		// 00:30 in Brussels on 1 December, still November in UTC.
		{Time: at("2026-12-01T00:30:00+01:00"), Post: "posts/2026/11/a.md", Channel: "bluesky", Network: "bluesky", ID: "at://did:plc:x/app.bsky.feed.post/3k",
			Engagement: pipeline.Engagement{pipeline.Likes: 5, pipeline.Quotes: 2}},
		{Time: at("2026-12-02T08:00:00Z"), Post: "posts/2026/12/b, \"virgule\".md", Channel: "linkedin", Network: "linkedin", ID: "urn:li:share:1",
			Engagement: pipeline.Engagement{pipeline.Impressions: 1200, pipeline.Clicks: 14, pipeline.Likes: 9}},
	}
	files, err := s.Append(first...)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{filepath.Join(s.Dir, "2026-11.csv"), filepath.Join(s.Dir, "2026-12.csv")}
	if !reflect.DeepEqual(files, want) {
		t.Fatalf("files %v, want %v", files, want)
	}
	second := pipeline.Reading{Time: at("2026-12-03T08:00:00Z"), Post: "posts/2026/11/a.md", Channel: "mastodon", Network: "mastodon", ID: "111",
		Engagement: pipeline.Engagement{pipeline.Likes: 4}}
	if _, err := s.Append(second); err != nil {
		t.Fatal(err)
	}

	b, err := os.ReadFile(filepath.Join(s.Dir, "2026-12.csv"))
	if err != nil {
		t.Fatal(err)
	}
	wantFile := "time,post,channel,network,id,likes,reposts,replies,quotes,impressions,clicks,saves\n" +
		"2026-12-02T08:00:00Z,\"posts/2026/12/b, \"\"virgule\"\".md\",linkedin,linkedin,urn:li:share:1,9,,,,1200,14,\n" +
		"2026-12-03T08:00:00Z,posts/2026/11/a.md,mastodon,mastodon,111,4,,,,,,\n"
	if string(b) != wantFile {
		t.Fatalf("2026-12.csv:\n%s\nwant:\n%s", b, wantFile)
	}

	got, err := s.Read(time.Time{}, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	all := append(first, second)
	for i := range all {
		all[i].Time = all[i].Time.UTC()
	}
	if !reflect.DeepEqual(got, all) {
		t.Fatalf("read\n%+v\nwant\n%+v", got, all)
	}
	if _, ok := got[0].Engagement[pipeline.Impressions]; ok {
		t.Error("an empty cell read as a value: it means not available")
	}
	if v, ok := got[0].Engagement[pipeline.Reposts]; !ok || v != 0 {
		t.Error("a 0 must stay a 0, not become not available")
	}

	// [from, to): the reading at exactly `to` is left out, the one at
	// exactly `from` kept.
	got, err = s.Read(at("2026-12-01T00:30:00+01:00"), at("2026-12-03T08:00:00Z"))
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 3 || got[0].Channel != "mastodon" || got[2].Channel != "linkedin" {
		t.Fatalf("Read [from, to) = %+v", got)
	}
}

func TestReadOnlyTheMonthsAsked(t *testing.T) {
	s := Store{Dir: t.TempDir()}
	if _, err := s.Append(pipeline.Reading{Time: at("2026-12-02T08:00:00Z"), Post: "p.md", Channel: "c", ID: "1", Engagement: pipeline.Engagement{pipeline.Likes: 1}}); err != nil {
		t.Fatal(err)
	}
	// A damaged file of another month, and files that are not months.
	os.WriteFile(filepath.Join(s.Dir, "2026-10.csv"), []byte("garbage\n"), 0o644)
	os.WriteFile(filepath.Join(s.Dir, "README.md"), []byte("# metrics\n"), 0o644)
	os.WriteFile(filepath.Join(s.Dir, "2026-13.csv"), []byte("garbage\n"), 0o644)
	got, err := s.Read(at("2026-11-30T23:00:00Z"), at("2027-01-01T00:00:00Z"))
	if err != nil || len(got) != 1 {
		t.Fatalf("Read = %v, %v; want one reading and October left unread", got, err)
	}
	if _, err := s.Read(at("2026-10-31T23:00:00Z"), at("2026-12-01T00:00:00Z")); err == nil {
		t.Fatal("October's damaged file was not read although the range covers its last hour")
	}
	missing := Store{Dir: filepath.Join(t.TempDir(), "none")}
	if got, err := missing.Read(time.Time{}, time.Time{}); err != nil || got != nil {
		t.Fatalf("a repository without metrics: %v, %v", got, err)
	}
}

// A file written with an older layout (fewer columns, another order) is
// read by its header's names and appended to in its own columns; a column
// this version does not know is left empty.
func TestOlderLayout(t *testing.T) {
	s := Store{Dir: t.TempDir()}
	path := filepath.Join(s.Dir, "2026-12.csv")
	old := "\uFEFFTime,Post,Channel,ID,Replies,Likes,shares\n" +
		"2026-12-01T10:00:00Z,p.md,mastodon,9,1,2,7\n" +
		"2026-12-01T11:00:00Z,p.md,mastodon,9,,3,\n"
	if err := os.WriteFile(path, []byte(strings.TrimSuffix(old, "\n")), 0o644); err != nil { // and no final newline
		t.Fatal(err)
	}
	if _, err := s.Append(pipeline.Reading{Time: at("2026-12-02T10:00:00Z"), Post: "p.md", Channel: "mastodon", Network: "mastodon", ID: "9",
		Engagement: pipeline.Engagement{pipeline.Likes: 5, pipeline.Replies: 2, pipeline.Saves: 1}}); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(path)
	if want := old + "2026-12-02T10:00:00Z,p.md,mastodon,9,2,5,\n"; string(b) != want {
		t.Fatalf("appended to an older layout:\n%q\nwant\n%q", b, want)
	}
	got, err := s.Read(time.Time{}, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	want := []pipeline.Engagement{{pipeline.Replies: 1, pipeline.Likes: 2}, {pipeline.Likes: 3}, {pipeline.Replies: 2, pipeline.Likes: 5}}
	if len(got) != len(want) {
		t.Fatalf("read %d readings, want %d", len(got), len(want))
	}
	for i := range want {
		if !reflect.DeepEqual(got[i].Engagement, want[i]) || got[i].ID != "9" || got[i].Network != "" {
			t.Errorf("reading %d = %+v, want %v", i, got[i], want[i])
		}
	}
}

func TestBadRows(t *testing.T) {
	const header = "time,post,channel,network,id,likes,reposts,replies,quotes,impressions,clicks,saves\n"
	const good = "2026-12-01T10:00:00Z,p.md,mastodon,mastodon,1,1,,,,,,\n"
	for _, tt := range []struct {
		name, file, want string
	}{
		{"count", header + good + "2026-12-01T11:00:00Z,p.md,mastodon,mastodon,1,abc,,,,,,\n", `2026-12.csv:3:6: column likes: "abc" is not a count`},
		{"negative", header + "2026-12-01T11:00:00Z,p.md,mastodon,mastodon,1,,-2,,,,,\n", `2026-12.csv:2:7: column reposts: "-2" is not a count`},
		{"overflow", header + "2026-12-01T11:00:00Z,p.md,mastodon,mastodon,1,,,,,99999999999999999999,,\n", `2026-12.csv:2:10: column impressions`},
		{"time", header + good + good + "01/12/2026 11:00,p.md,mastodon,mastodon,1,1,,,,,,\n", `2026-12.csv:4:1: column time: "01/12/2026 11:00" is not an RFC 3339 time`},
		{"cells", header + "2026-12-01T11:00:00Z,p.md,mastodon,mastodon,1,1\n", `2026-12.csv:2: 6 cells where the header has 12`},
		{"post", header + "2026-12-01T11:00:00Z,,mastodon,mastodon,1,1,,,,,,\n", `2026-12.csv:2:2: column post: empty`},
		{"quote", header + good + "2026-12-01T11:00:00Z,p\"q.md,mastodon,mastodon,1,1,,,,,,\n", `2026-12.csv:3: bare " in non-quoted-field`},
		{"multiline", header + "2026-12-01T11:00:00Z,\"p\nq.md\",mastodon,mastodon,1,x,,,,,,\n", `2026-12.csv:3:6: column likes`},
		{"header", "when,post,channel\n", `2026-12.csv:1: the header has no time column`},
		{"duplicate", "time,post,channel,likes,likes\n", `2026-12.csv:1:5: column likes: the header names likes twice`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			s := Store{Dir: t.TempDir()}
			os.WriteFile(filepath.Join(s.Dir, "2026-12.csv"), []byte(tt.file), 0o644)
			got, err := s.Read(time.Time{}, time.Time{})
			if err == nil {
				t.Fatalf("no error, read %+v", got)
			}
			var re *RowError
			if !errors.As(err, &re) || re.File != filepath.Join(s.Dir, "2026-12.csv") {
				t.Fatalf("%v is not a *RowError naming the file", err)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %q\nwant it to contain %q", err, tt.want)
			}
			if tt.name != "header" && !strings.Contains(err.Error(), "restore the") {
				t.Errorf("error %q says nothing of how to fix it", err)
			}
			if got != nil {
				t.Errorf("readings returned with the error")
			}
		})
	}
}

func TestAppendRefuses(t *testing.T) {
	ok := pipeline.Reading{Time: at("2026-12-01T10:00:00Z"), Post: "p.md", Channel: "c", ID: "1"}
	for name, change := range map[string]func(*pipeline.Reading){
		"no time":    func(r *pipeline.Reading) { r.Time = time.Time{} },
		"no post":    func(r *pipeline.Reading) { r.Post = "" },
		"no id":      func(r *pipeline.Reading) { r.ID = "" },
		"newline":    func(r *pipeline.Reading) { r.Post = "p\r\n.md" },
		"negative":   func(r *pipeline.Reading) { r.Engagement = pipeline.Engagement{pipeline.Likes: -1} },
		"new metric": func(r *pipeline.Reading) { r.Engagement = pipeline.Engagement{"shares": 1} },
	} {
		s := Store{Dir: t.TempDir()}
		r := ok
		change(&r)
		if files, err := s.Append(ok, r); err == nil {
			t.Errorf("%s: appended to %v", name, files)
		}
		if entries, _ := os.ReadDir(s.Dir); len(entries) != 0 {
			t.Errorf("%s: a file was written before the refusal", name)
		}
	}
}

// The rule of the room: pipeline, pipeline/content (the journal),
// pipeline/i18n (its catalog) and the standard library only.
func TestImports(t *testing.T) {
	files, _ := filepath.Glob("*.go")
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		ast, err := parser.ParseFile(token.NewFileSet(), f, nil, parser.ImportsOnly)
		if err != nil {
			t.Fatal(err)
		}
		for _, imp := range ast.Imports {
			p, _ := strconv.Unquote(imp.Path.Value)
			if p != "github.com/crieur/crieur/pipeline" && p != "github.com/crieur/crieur/pipeline/content" && p != "github.com/crieur/crieur/pipeline/i18n" && strings.Contains(strings.Split(p, "/")[0], ".") {
				t.Errorf("%s imports %s: metrics imports pipeline, pipeline/content, pipeline/i18n and the standard library only", f, p)
			}
		}
	}
}

// synthetic returns n readings of n/10 publications spread over 12 months,
// read 10 times each, with the metrics of their network.
func synthetic(n int) []pipeline.Reading {
	networks := []struct {
		name    string
		metrics []pipeline.Metric
	}{
		{"mastodon", []pipeline.Metric{pipeline.Likes, pipeline.Reposts, pipeline.Replies, pipeline.Quotes, pipeline.Saves}},
		{"bluesky", []pipeline.Metric{pipeline.Likes, pipeline.Reposts, pipeline.Replies, pipeline.Quotes}},
		{"linkedin", []pipeline.Metric{pipeline.Likes, pipeline.Reposts, pipeline.Replies, pipeline.Impressions, pipeline.Clicks}},
	}
	start := at("2026-01-01T08:00:00Z")
	out := make([]pipeline.Reading, 0, n)
	for i := 0; i < n; i++ {
		pub := i / 10
		nw := networks[pub%len(networks)]
		e := make(pipeline.Engagement, len(nw.metrics))
		for j, m := range nw.metrics {
			e[m] = int64((pub*7+j*13)%50 + i%10)
		}
		out = append(out, pipeline.Reading{
			Time:       start.Add(time.Duration(pub)*52*time.Minute + time.Duration(i%10)*6*time.Hour),
			Post:       fmt.Sprintf("posts/2026/%02d/post-%05d.md", pub*12/(n/10)+1, pub),
			Channel:    nw.name,
			Network:    nw.name,
			ID:         fmt.Sprintf("%d", 1e15+pub),
			Engagement: e,
		})
	}
	return out
}

func BenchmarkRead100k(b *testing.B) {
	s := Store{Dir: b.TempDir()}
	if _, err := s.Append(synthetic(100_000)...); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		rs, err := s.Read(time.Time{}, time.Time{})
		if err != nil || len(rs) != 100_000 {
			b.Fatalf("%d readings, %v", len(rs), err)
		}
	}
}
