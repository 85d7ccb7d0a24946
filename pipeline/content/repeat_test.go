package content

import (
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/crieur/crieur/pipeline"
)

// postWith is a post file whose front matter is publish_at and repeat.
func postWith(publishAt, repeat string) string {
	return "---\npublish_at: " + publishAt + "\nrepeat:\n" + repeat + "---\nTexte\n"
}

// occurrences parses a post and lists its occurrences, local time with
// the UTC offset, so that a DST change shows.
func occurrences(t *testing.T, r *Repo, src string) []string {
	t.Helper()
	f, fs := r.ParsePost("posts/x.md", []byte(src))
	if len(fs) > 0 {
		t.Fatalf("findings: %v", fs)
	}
	p := f.Post
	var out []string
	for _, o := range p.Occurrences(p.PublishAt, p.PublishAt.AddDate(10, 0, 0)) {
		out = append(out, o.Format("Mon 2006-01-02 15:04 -07:00"))
	}
	return out
}

func TestRepeatRules(t *testing.T) {
	r := testRepo(t)
	tests := []struct {
		name, at, repeat string
		want             []string
	}{
		{"first tuesday, raw", "2027-01-05 09:30", "  rule: FREQ=MONTHLY;BYDAY=1TU;COUNT=4\n",
			[]string{"Tue 2027-01-05 09:30 +01:00", "Tue 2027-02-02 09:30 +01:00", "Tue 2027-03-02 09:30 +01:00", "Tue 2027-04-06 09:30 +02:00"}},
		{"first tuesday, words", "2027-01-05 09:30", "  every: month\n  on: first tuesday\n  count: 4\n",
			[]string{"Tue 2027-01-05 09:30 +01:00", "Tue 2027-02-02 09:30 +01:00", "Tue 2027-03-02 09:30 +01:00", "Tue 2027-04-06 09:30 +02:00"}},
		{"premier mardi", "2027-01-05 09:30", "  every: month\n  on: le Premier Mardi\n  count: 2\n",
			[]string{"Tue 2027-01-05 09:30 +01:00", "Tue 2027-02-02 09:30 +01:00"}},
		{"laatste vrijdag", "2027-01-29 18:00", "  every: month\n  on: laatste vrijdag\n  count: 2\n",
			[]string{"Fri 2027-01-29 18:00 +01:00", "Fri 2027-02-26 18:00 +01:00"}},
		{"weekly on two days, across the DST change", "2027-03-22 09:30", "  every: week\n  on: [monday, jeudi]\n  until: 2027-04-01\n",
			[]string{"Mon 2027-03-22 09:30 +01:00", "Thu 2027-03-25 09:30 +01:00", "Mon 2027-03-29 09:30 +02:00", "Thu 2027-04-01 09:30 +02:00"}},
		{"every 2 weeks on maandag", "2027-01-04 12:00", "  every: 2 weeks\n  on: maandag\n  count: 3\n",
			[]string{"Mon 2027-01-04 12:00 +01:00", "Mon 2027-01-18 12:00 +01:00", "Mon 2027-02-01 12:00 +01:00"}},
		{"autumn DST, daily", "2026-10-24 09:30", "  rule: FREQ=DAILY;COUNT=2\n",
			[]string{"Sat 2026-10-24 09:30 +02:00", "Sun 2026-10-25 09:30 +01:00"}},
		{"BYMONTHDAY=31 skips the short months", "2027-01-31 09:30", "  rule: FREQ=MONTHLY;BYMONTHDAY=31;COUNT=3\n",
			[]string{"Sun 2027-01-31 09:30 +01:00", "Wed 2027-03-31 09:30 +02:00", "Mon 2027-05-31 09:30 +02:00"}},
		{"BYMONTHDAY=-1 is the last day", "2027-01-31 09:30", "  rule: FREQ=MONTHLY;BYMONTHDAY=-1;COUNT=3\n",
			[]string{"Sun 2027-01-31 09:30 +01:00", "Sun 2027-02-28 09:30 +01:00", "Wed 2027-03-31 09:30 +02:00"}},
		{"dernier jour", "2028-01-31 09:30", "  every: month\n  on: dernier jour\n  count: 2\n",
			[]string{"Mon 2028-01-31 09:30 +01:00", "Tue 2028-02-29 09:30 +01:00"}},
		{"on: 15 and -1", "2027-01-15 09:30", "  every: month\n  on: [15, -1]\n  count: 3\n",
			[]string{"Fri 2027-01-15 09:30 +01:00", "Sun 2027-01-31 09:30 +01:00", "Mon 2027-02-15 09:30 +01:00"}},
		{"except, raw rule", "2027-07-06 09:30", "  rule: RRULE:FREQ=MONTHLY;BYDAY=1TU;UNTIL=20271207\n  except: [2027-08-03, 2027-12-07]\n",
			[]string{"Tue 2027-07-06 09:30 +02:00", "Tue 2027-09-07 09:30 +02:00", "Tue 2027-10-05 09:30 +02:00", "Tue 2027-11-02 09:30 +01:00"}},
		{"except, short form", "2027-01-04 09:30", "  every: week\n  count: 3\n  except: 2027-01-11\n",
			[]string{"Mon 2027-01-04 09:30 +01:00", "Mon 2027-01-18 09:30 +01:00"}},
		{"lower case rule, trailing ;", "2027-01-04 09:30", "  rule: \"freq=weekly;byday=mo,fr;count=3;\"\n",
			[]string{"Mon 2027-01-04 09:30 +01:00", "Fri 2027-01-08 09:30 +01:00", "Mon 2027-01-11 09:30 +01:00"}},
		{"short form unchanged: 31st on the last day", "2027-01-31 09:30", "  every: month\n  count: 2\n",
			[]string{"Sun 2027-01-31 09:30 +01:00", "Sun 2027-02-28 09:30 +01:00"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := occurrences(t, r, postWith(tt.at, tt.repeat))
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("got\n  %s\nwant\n  %s", strings.Join(got, "\n  "), strings.Join(tt.want, "\n  "))
			}
		})
	}
}

func TestRepeatRuleErrors(t *testing.T) {
	r := testRepo(t)
	tests := []struct {
		name, at, repeat string
		line, col        int
		msg, hint        string
	}{
		{"hourly", "2027-01-05 09:30", "  rule: FREQ=HOURLY;COUNT=3\n", 4, 9, "flood", "FREQ=DAILY"},
		{"minutely, quoted, second part", "2027-01-05 09:30", "  rule: \"COUNT=3;FREQ=MINUTELY\"\n", 4, 18, "flood", "at most daily"},
		{"bad BYDAY", "2027-01-05 09:30", "  rule: FREQ=MONTHLY;BYDAY=1XY;COUNT=3\n", 4, 22, "BYDAY=1XY", "1TU"},
		{"unknown part", "2027-01-05 09:30", "  rule: FREQ=MONTHLY;BYDYA=1TU;COUNT=3\n", 4, 22, "unknown part BYDYA", "did you mean BYDAY?"},
		{"BYHOUR", "2027-01-05 09:30", "  rule: FREQ=DAILY;BYHOUR=9,18;COUNT=3\n", 4, 20, "several times a day", "publish_at"},
		{"DTSTART", "2027-01-05 09:30", "  rule: FREQ=DAILY;DTSTART=20270105;COUNT=3\n", 4, 20, "DTSTART", "publish_at"},
		{"no FREQ", "2027-01-05 09:30", "  rule: BYDAY=1TU;COUNT=3\n", 4, 9, "no FREQ", "FREQ=WEEKLY"},
		{"not a rule", "2027-01-05 09:30", "  rule: first tuesday\n  count: 3\n", 4, 9, "not KEY=VALUE", "FREQ=MONTHLY"},
		{"out of bounds", "2027-01-05 09:30", "  rule: FREQ=MONTHLY;BYMONTHDAY=40;COUNT=3\n", 4, 9, "bymonthday", "FREQ=MONTHLY"},
		{"no end", "2027-01-05 09:30", "  rule: FREQ=MONTHLY;BYDAY=1TU\n", 4, 3, "no end", "until:"},
		{"end twice", "2027-01-05 09:30", "  rule: FREQ=MONTHLY;BYDAY=1TU;COUNT=3\n  count: 4\n", 5, 3, "end in rule: and in count:", "keep one"},
		{"too many", "2027-01-05 09:30", "  rule: FREQ=DAILY;UNTIL=20351231\n", 4, 3, "more than 1000 occurrences", "end it sooner"},
		{"publish_at not an occurrence", "2027-01-01 09:30", "  every: month\n  on: first tuesday\n  count: 3\n", 5, 7, "not a day of the rule", "publish_at: 2027-01-05 09:30"},
		{"unknown day", "2027-01-05 09:30", "  every: week\n  on: [tuesday, jeudii]\n  count: 3\n", 5, 17, "unknown day \"jeudii\"", "did you mean jeudi?"},
		{"unknown rank", "2027-01-05 09:30", "  every: month\n  on: premeir mardi\n  count: 3\n", 5, 7, "unknown rank", "did you mean premier?"},
		{"rank needs month", "2027-01-05 09:30", "  every: week\n  on: first tuesday\n  count: 3\n", 5, 7, "needs every: month", "every: month"},
		{"on every day", "2027-01-05 09:30", "  every: day\n  on: tuesday\n  count: 3\n", 5, 7, "every day already", "every: week"},
		{"mixed", "2027-01-15 09:30", "  every: month\n  on: [15, friday]\n  count: 3\n", 5, 12, "mixes", "two posts"},
		{"every and rule", "2027-01-05 09:30", "  every: month\n  rule: FREQ=MONTHLY;COUNT=3\n", 5, 9, "both every: and rule:", "keep one"},
		{"on with rule", "2027-01-05 09:30", "  rule: FREQ=MONTHLY;COUNT=3\n  on: monday\n", 5, 7, "goes with every:", "BYDAY"},
		{"except not an occurrence", "2027-07-06 09:30", "  rule: FREQ=MONTHLY;BYDAY=1TU;COUNT=6\n  except: [2027-08-03, 2027-08-04]\n", 5, 24, "no occurrence falls on Wednesday 2027-08-04", "Tue 2027-08-03, Tue 2027-09-07"},
		{"except, short form", "2027-01-04 09:30", "  every: week\n  count: 3\n  except: [2027-01-12]\n", 6, 12, "no occurrence falls on", "Mon 2027-01-11, Mon 2027-01-18"},
		{"except not a day", "2027-01-04 09:30", "  every: week\n  count: 3\n  except: [12/01/2027]\n", 6, 12, "is not a day", "YYYY-MM-DD"},
		{"misspelt key", "2027-01-04 09:30", "  rrule: FREQ=WEEKLY\n", 4, 3, "unknown key", "did you mean rule?"},
		{"a French key", "2027-01-04 09:30", "  every: week\n  count: 3\n  sauf: [2027-01-11]\n", 6, 3, "unknown key \"sauf\"", "write except:"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, fs := r.ParsePost("posts/x.md", []byte(postWith(tt.at, tt.repeat)))
			for _, f := range fs {
				if f.Rule != "schema.repeat" && f.Rule != "schema.unknown_key" {
					continue
				}
				if f.Line != tt.line || f.Col != tt.col || !strings.Contains(f.Message, tt.msg) || !strings.Contains(f.Hint, tt.hint) || f.Hint == "" {
					t.Errorf("got %d:%d %q (hint %q), want %d:%d %q (hint with %q)", f.Line, f.Col, f.Message, f.Hint, tt.line, tt.col, tt.msg, tt.hint)
				}
				return
			}
			t.Fatalf("no repeat finding in %v", fs)
		})
	}
}

// A rule whose days never come must not hang the loader: rrule-go looks
// for them up to the year 9999.
func TestRepeatRuleWithoutDays(t *testing.T) {
	r := testRepo(t)
	start := time.Now()
	_, fs := r.ParsePost("posts/x.md", []byte(postWith("2027-01-05 09:30", "  rule: FREQ=MONTHLY;BYMONTH=2;BYMONTHDAY=30;COUNT=3\n")))
	if len(fs) == 0 || !strings.Contains(fs[0].Message, "publish_at") && !strings.Contains(fs[0].Message, "no occurrence") {
		t.Errorf("findings %v, want one saying the rule has no occurrence", fs)
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("took %v", d)
	}
}

// The short form keeps its occurrences exactly: a post published under
// an older crieur is not published again, since its ledger keys
// (Delivery.Key) and the occurrence recorded in its state are these
// times. The wanted lists were printed by crieur before calendar rules
// (commit 261e531).
func TestRepeatShortFormUnchanged(t *testing.T) {
	r := testRepo(t)
	tests := []struct {
		at, repeat string
		want       []string
	}{
		{"2026-10-18 09:30", "  every: week\n  count: 4\n",
			[]string{"2026-10-18T09:30:00+02:00", "2026-10-25T09:30:00+01:00", "2026-11-01T09:30:00+01:00", "2026-11-08T09:30:00+01:00"}},
		{"2027-01-31 09:30", "  every: month\n  until: 2027-06-30\n",
			[]string{"2027-01-31T09:30:00+01:00", "2027-02-28T09:30:00+01:00", "2027-03-31T09:30:00+02:00", "2027-04-30T09:30:00+02:00", "2027-05-31T09:30:00+02:00", "2027-06-30T09:30:00+02:00"}},
		{"2026-03-22 18:00", "  every: 2 weeks\n  count: 3\n",
			[]string{"2026-03-22T18:00:00+01:00", "2026-04-05T18:00:00+02:00", "2026-04-19T18:00:00+02:00"}},
		{"2026-12-30 08:00", "  every: 3 days\n  until: 2027-01-08\n",
			[]string{"2026-12-30T08:00:00+01:00", "2027-01-02T08:00:00+01:00", "2027-01-05T08:00:00+01:00", "2027-01-08T08:00:00+01:00"}},
	}
	for _, tt := range tests {
		f, fs := r.ParsePost("posts/x.md", []byte(postWith(tt.at, tt.repeat)))
		if len(fs) > 0 {
			t.Fatal(fs)
		}
		p := f.Post
		if p.Repeat.Rule != "" || p.Repeat.Times != nil {
			t.Errorf("%s: the short form made a rule: %+v", tt.repeat, p.Repeat)
		}
		var got []string
		for _, o := range p.Occurrences(p.PublishAt, p.PublishAt.AddDate(5, 0, 0)) {
			got = append(got, o.Format(time.RFC3339))
		}
		if strings.Join(got, " ") != strings.Join(tt.want, " ") {
			t.Errorf("%s:\n got %v\nwant %v", tt.repeat, got, tt.want)
		}
	}
}

// A weekly post whose second occurrence went out under an older crieur
// (its state as publish wrote it) has nothing due until the third.
func TestRepeatPublishedOccurrenceNotDueAgain(t *testing.T) {
	r := testRepo(t)
	src := "---\npublish_at: 2026-10-18 09:30\nrepeat:\n  every: week\n  count: 4\nchannels: [mastodon]\n" +
		"publications:\n  mastodon:\n    id: \"1099\"\n    at: 2026-10-25T09:31:00+01:00\n    occurrence: 2026-10-25T09:30:00+01:00\n    attempts: 1\n---\nTexte\n"
	f, fs := r.ParsePost("posts/x.md", []byte(src))
	if len(fs) > 0 {
		t.Fatal(fs)
	}
	loc := r.Config.Timezone
	if due := f.Post.Due(time.Date(2026, 10, 31, 12, 0, 0, 0, loc)); len(due) != 0 {
		t.Errorf("due again: %+v", due)
	}
	due := f.Post.Due(time.Date(2026, 11, 1, 9, 30, 0, 0, loc))
	if len(due) != 1 || due[0].Occurrence.Format(time.RFC3339) != "2026-11-01T09:30:00+01:00" {
		t.Errorf("due on 1 November: %+v, want the third occurrence", due)
	}
}

// FuzzRepeat feeds arbitrary rule:, on: and except: values to the
// loader: it must never panic nor hang, every finding must point inside
// the file, and a repeat it accepts must start at publish_at, keep its
// time of day (DST included), go forward, stay under the cap and skip
// the except: days.
func FuzzRepeat(f *testing.F) {
	for _, s := range [][3]string{
		{"FREQ=MONTHLY;BYDAY=1TU;COUNT=12", "", "2027-02-02"},
		{"FREQ=WEEKLY;BYDAY=TU,TH;UNTIL=20270401", "", ""},
		{"FREQ=MONTHLY;BYMONTHDAY=31;COUNT=5", "", ""},
		{"FREQ=MONTHLY;BYMONTHDAY=-1;COUNT=5", "", ""},
		{"RRULE:FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29;COUNT=2", "", ""},
		{"FREQ=MONTHLY;BYSETPOS=-1;BYDAY=MO,TU,WE,TH,FR;COUNT=4", "", ""},
		{"FREQ=HOURLY;COUNT=3", "", ""},
		{"FREQ=DAILY;UNTIL=20991231", "", ""},
		{"", "first tuesday", ""},
		{"", "[lundi, jeudi]", "2027-01-07"},
		{"", "laatste vrijdag", ""},
		{"", "[1, 15, -1]", ""},
		{"", "dernier jour", "2027-02-28"},
	} {
		f.Add(s[0], s[1], s[2])
	}
	r := testRepo(f)
	f.Fuzz(func(t *testing.T, rule, on, except string) {
		var b strings.Builder
		b.WriteString("  count: 6\n")
		if rule != "" {
			b.Reset()
			b.WriteString("  rule: " + strconv.Quote(rule) + "\n")
		} else {
			b.WriteString("  every: month\n  on: " + on + "\n")
		}
		if except != "" {
			b.WriteString("  except: " + except + "\n")
		}
		src := postWith("2027-01-05 09:30", b.String())
		start := time.Now()
		file, fs := r.ParsePost("posts/x.md", []byte(src))
		if d := time.Since(start); d > 3*time.Second {
			t.Fatalf("took %v", d)
		}
		lines := strings.Count(src, "\n") + 1
		for _, fd := range fs {
			if fd.Line < 1 || fd.Line > lines || fd.Col < 1 || fd.Message == "" {
				t.Fatalf("finding outside the file or without message: %+v", fd)
			}
		}
		if file == nil || pipeline.HasErrors(fs) || file.Post.Repeat == nil {
			return
		}
		checkOccurrences(t, file.Post)
	})
}

func checkOccurrences(t *testing.T, p *pipeline.Post) {
	t.Helper()
	occ := p.Occurrences(p.PublishAt, p.PublishAt.AddDate(1000, 0, 0))
	if len(occ) > pipeline.MaxRuleOccurrences {
		t.Fatalf("%d occurrences", len(occ))
	}
	h, m, _ := p.PublishAt.Clock()
	for i, o := range occ {
		if oh, om, _ := o.Clock(); oh != h || om != m || o.Location() != p.PublishAt.Location() {
			t.Fatalf("occurrence %v is not at %02d:%02d local", o, h, m)
		}
		if i > 0 && !o.After(occ[i-1]) {
			t.Fatalf("occurrences out of order: %v", occ)
		}
		if p.Repeat.Skips(o) {
			t.Fatalf("occurrence %v on an except: day", o)
		}
	}
	if len(p.Repeat.Times) > 0 && !p.Repeat.Times[0].Equal(p.PublishAt) {
		t.Fatalf("the first occurrence is %v, not publish_at", p.Repeat.Times[0])
	}
}

// BenchmarkParseRepeat measures what a calendar rule costs the loader
// against the short form: go test -run '^$' -bench ParseRepeat.
func BenchmarkParseRepeat(b *testing.B) {
	r := testRepo(b)
	for _, c := range []struct{ name, repeat string }{
		{"short", "  every: week\n  count: 52\n"},
		{"on", "  every: week\n  on: [tuesday, jeudi]\n  count: 104\n"},
		{"rule", "  rule: FREQ=MONTHLY;BYDAY=1TU;COUNT=12\n  except: [2027-08-03]\n"},
		{"rule-1000", "  rule: FREQ=DAILY;COUNT=1000\n"},
	} {
		src := []byte(postWith("2027-01-05 09:30", c.repeat))
		b.Run(c.name, func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				if _, fs := r.ParsePost("posts/x.md", src); len(fs) > 0 {
					b.Fatal(fs)
				}
			}
		})
	}
}
