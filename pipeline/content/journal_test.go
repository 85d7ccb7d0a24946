package content

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/crieur/crieur/pipeline"
)

func rec(at time.Time, action pipeline.Action, channel string) pipeline.Record {
	return pipeline.Record{Time: at, Action: action, Post: "posts/2026/12/saison.md", Channel: channel, Network: "mastodon",
		Key: "3f1c0a9b8e7d6c5b4a392817", Occurrence: at.Truncate(time.Hour), ContentHash: "sha256:00"}
}

func lines(t *testing.T, path string) []string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(data) == 0 || data[len(data)-1] != '\n' {
		t.Errorf("%s does not end with a newline", path)
	}
	return strings.Split(strings.TrimSuffix(string(data), "\n"), "\n")
}

func TestJournalFile(t *testing.T) {
	loc := brussels(t)
	tests := []struct {
		at   time.Time
		want string
	}{
		{time.Date(2026, 12, 1, 9, 30, 0, 0, loc), "2026-12.jsonl"},
		{time.Date(2026, 1, 31, 23, 59, 59, 0, loc), "2026-01.jsonl"},
		// The month of the event where it happened: 00:30 in Brussels on
		// 1 December is still November in UTC.
		{time.Date(2026, 12, 1, 0, 30, 0, 0, loc), "2026-12.jsonl"},
		{time.Date(2026, 12, 1, 0, 30, 0, 0, loc).UTC(), "2026-11.jsonl"},
	}
	for _, tt := range tests {
		if got := JournalFile(tt.at); got != tt.want {
			t.Errorf("JournalFile(%v) = %q, want %q", tt.at, got, tt.want)
		}
	}
}

func TestAppendTwoMonths(t *testing.T) {
	loc := brussels(t)
	j := Journal{Dir: filepath.Join(t.TempDir(), "journal")} // created by Append
	nov := rec(time.Date(2026, 11, 30, 23, 0, 0, 0, loc), pipeline.ActionPublished, "mastodon")
	dec1 := rec(time.Date(2026, 12, 1, 9, 30, 4, 0, loc), pipeline.ActionPublished, "bluesky")
	dec2 := rec(time.Date(2026, 12, 1, 9, 30, 5, 0, loc), pipeline.ActionFailed, "linkedin")
	dec2.Error = "503 Service Unavailable"
	files, err := j.Append(dec1, nov, dec2)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{filepath.Join(j.Dir, "2026-11.jsonl"), filepath.Join(j.Dir, "2026-12.jsonl")}
	if !reflect.DeepEqual(files, want) {
		t.Fatalf("Append wrote %v, want %v", files, want)
	}
	if got := lines(t, want[0]); len(got) != 1 || !strings.Contains(got[0], `"channel":"mastodon"`) {
		t.Errorf("2026-11.jsonl = %q, want the November record only", got)
	}
	got := lines(t, want[1])
	if len(got) != 2 || !strings.Contains(got[0], `"channel":"bluesky"`) || !strings.Contains(got[1], `"channel":"linkedin"`) {
		t.Errorf("2026-12.jsonl = %q, want bluesky then linkedin", got)
	}
	// One JSON object per line with the documented field names.
	var m map[string]any
	if err := json.Unmarshal([]byte(got[1]), &m); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"time", "action", "post", "channel", "network", "key", "occurrence", "content_hash", "error"} {
		if _, ok := m[k]; !ok {
			t.Errorf("record has no %q: %s", k, got[1])
		}
	}
	for _, k := range []string{"remote_id", "url", "attempt", "source_commit", "pull_request", "author", "approvers", "account"} {
		if _, ok := m[k]; ok {
			t.Errorf("empty %q is written: %s", k, got[1])
		}
	}
	if m["time"] != "2026-12-01T09:30:05+01:00" {
		t.Errorf("time = %v, want local time with its offset", m["time"])
	}
}

func TestAppendKeepsOrderAndNeverRewrites(t *testing.T) {
	loc := brussels(t)
	j := Journal{Dir: t.TempDir()}
	base := time.Date(2026, 12, 1, 9, 30, 0, 0, loc)
	var want []string
	for i := 0; i < 5; i++ {
		r := rec(base.Add(time.Duration(i)*time.Minute), pipeline.ActionPublished, "mastodon")
		r.Attempt = i + 1
		before, _ := os.ReadFile(filepath.Join(j.Dir, "2026-12.jsonl"))
		files, err := j.Append(r)
		if err != nil {
			t.Fatal(err)
		}
		if len(files) != 1 || filepath.Base(files[0]) != "2026-12.jsonl" {
			t.Fatalf("Append wrote %v", files)
		}
		after, _ := os.ReadFile(files[0])
		if !strings.HasPrefix(string(after), string(before)) {
			t.Fatalf("append %d rewrote the file:\nbefore %q\nafter  %q", i, before, after)
		}
		b, _ := json.Marshal(r)
		want = append(want, string(b))
	}
	if got := lines(t, filepath.Join(j.Dir, "2026-12.jsonl")); !reflect.DeepEqual(got, want) {
		t.Errorf("lines:\n%q\nwant\n%q", got, want)
	}
	if files, err := j.Append(); err != nil || len(files) != 0 {
		t.Errorf("Append() = %v, %v; want nothing written", files, err)
	}
}

func TestReadInOrder(t *testing.T) {
	loc := brussels(t)
	j := Journal{Dir: t.TempDir()}
	var all []pipeline.Record
	for _, at := range []time.Time{
		time.Date(2027, 1, 2, 10, 0, 0, 0, loc),
		time.Date(2026, 12, 1, 9, 30, 0, 0, loc),
		time.Date(2026, 12, 1, 9, 31, 0, 0, loc),
		time.Date(2026, 11, 15, 8, 0, 0, 0, loc),
	} {
		r := rec(at, pipeline.ActionPublished, "mastodon")
		r.RemoteID, r.URL, r.Attempt = "1098", "https://mastodon.social/@b/1098", 2
		r.SourceCommit, r.PullRequest, r.Author, r.Approvers = "9c1e", 12, "camille", []string{"sam", "lou"}
		if _, err := j.Append(r); err != nil {
			t.Fatal(err)
		}
		all = append(all, r)
	}
	// Not journal files: ignored.
	os.WriteFile(filepath.Join(j.Dir, "README.md"), []byte("not json"), 0o644)
	os.Mkdir(filepath.Join(j.Dir, "2026-10.jsonl"), 0o755)

	got, err := j.Read()
	if err != nil {
		t.Fatal(err)
	}
	want := []pipeline.Record{all[3], all[1], all[2], all[0]} // by month, then as appended
	if len(got) != len(want) {
		t.Fatalf("Read returned %d records, want %d", len(got), len(want))
	}
	for i := range want {
		if !got[i].Time.Equal(want[i].Time) || !got[i].Occurrence.Equal(want[i].Occurrence) {
			t.Errorf("record %d at %v, want %v", i, got[i].Time, want[i].Time)
		}
		g, w := got[i], want[i]
		g.Time, w.Time, g.Occurrence, w.Occurrence = time.Time{}, time.Time{}, time.Time{}, time.Time{}
		if !reflect.DeepEqual(g, w) {
			t.Errorf("record %d = %+v, want %+v", i, g, w)
		}
	}
}

func TestReadMissingFolder(t *testing.T) {
	got, err := Journal{Dir: filepath.Join(t.TempDir(), "none")}.Read()
	if err != nil || got != nil {
		t.Errorf("Read of a missing journal = %v, %v; want nothing and no error", got, err)
	}
}

func TestReadCorruptLine(t *testing.T) {
	loc := brussels(t)
	tests := []struct {
		name    string
		content string
		line    int
	}{
		{"a torn line", "{good}\n\n{\"time\":\"2026-12-01T09:3", 3},
		{"a merge conflict", "{good}\n<<<<<<< HEAD\n{good}\n", 2},
		{"a wrong type", "{good}\n{good}\n{good}\n{\"time\":\"2026-12-01T09:30:00+01:00\",\"attempt\":\"two\"}\n", 4},
		{"not a time", "{\"time\":\"hier\"}\n", 1},
	}
	good, _ := json.Marshal(rec(time.Date(2026, 12, 1, 9, 30, 0, 0, loc), pipeline.ActionPublished, "mastodon"))
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			j := Journal{Dir: t.TempDir()}
			path := filepath.Join(j.Dir, "2026-12.jsonl")
			if err := os.WriteFile(path, []byte(strings.ReplaceAll(tt.content, "{good}", string(good))), 0o644); err != nil {
				t.Fatal(err)
			}
			got, err := j.Read()
			if err == nil {
				t.Fatalf("Read = %d records, no error; want an error at line %d", len(got), tt.line)
			}
			want := path + ":" + itoa(tt.line) + ":"
			if !strings.HasPrefix(err.Error(), want) {
				t.Errorf("error %q does not start with %q", err, want)
			}
			if !strings.Contains(err.Error(), "git history") {
				t.Errorf("error %q does not say how to fix it", err)
			}
		})
	}
}

func TestAppendIntoAFile(t *testing.T) {
	dir := t.TempDir()
	blocker := filepath.Join(dir, "journal")
	if err := os.WriteFile(blocker, []byte("a file where the folder should be"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := (Journal{Dir: blocker}).Append(rec(time.Now(), pipeline.ActionPublished, "mastodon")); err == nil {
		t.Error("Append into a file instead of a folder succeeded")
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

// A repository's journal is in journal/ unless crieur.yml's journal:
// moves it.
func TestRepoJournal(t *testing.T) {
	r := testRepo(t)
	if got, want := r.Journal().Dir, filepath.Join(r.Root, DefaultJournalDir); got != want {
		t.Errorf("journal in %s, want %s", got, want)
	}
	r.Config.Journal = "audit"
	if got, want := r.Journal().Dir, filepath.Join(r.Root, "audit"); got != want {
		t.Errorf("moved journal in %s, want %s", got, want)
	}
}
