package schedule_test

import (
	"strings"
	"testing"

	"github.com/crieur/crieur/linters"
	"github.com/crieur/crieur/linters/schedule"
)

// TestCharterSettings: schedule settings written other ways, right or
// wrong. A wrong one is reported once, as schedule.config, on the first
// post the charter governs that the rule judges, and its check is
// skipped; nothing panics.
func TestCharterSettings(t *testing.T) {
	tests := []struct {
		name     string
		schedule string // the charter's schedule section
		files    map[string]string
		want     []expect
	}{
		{"hours across midnight: 23:00 is inside", "hours: \"22:00-02:00\"",
			map[string]string{dir + "a.md": plain("2026-12-03 23:00", "mastodon"), dir + "b.md": plain("2026-12-04 01:30", "mastodon")}, nil},
		{"hours across midnight: noon is outside", "hours: \"22:00-02:00\"",
			map[string]string{dir + "a.md": plain("2026-12-03 12:00", "mastodon")},
			[]expect{{at: dir + "a.md:2:13-29 schedule.hours", msg: "outside the posting hours 22:00-02:00"}}},
		{"00:00-24:00 allows every minute", "hours: \"00:00-24:00\"",
			map[string]string{dir + "a.md": plain("2026-12-03 23:59", "mastodon"), dir + "b.md": plain("2026-12-05 00:00", "mastodon")}, nil},
		{"English and Dutch day names, any case", "days: [Monday, di, WED, donderdag]",
			map[string]string{dir + "a.md": plain("2026-12-03 10:00", "mastodon"), dir + "b.md": plain("2026-12-04 10:00", "mastodon")},
			[]expect{{at: dir + "b.md:2:13-29 schedule.days", msg: "falls on a Friday", hint: "posting days are Monday, di, WED, donderdag"}}},
		{"min_gap in minutes", "min_gap: 90m",
			map[string]string{dir + "a.md": plain("2026-12-03 10:00", "mastodon"), dir + "b.md": plain("2026-12-03 11:29", "mastodon")},
			[]expect{{at: dir + "b.md:2:13-29 schedule.min_gap", msg: "1h29 after", hint: "2026-12-03 11:30 or later"}}},
		{"min_gap written the French way, 1 h 30", "min_gap: 1 h 30",
			map[string]string{dir + "a.md": plain("2026-12-03 10:00", "mastodon"), dir + "b.md": plain("2026-12-03 11:00", "mastodon")},
			[]expect{{at: dir + "b.md:2:13-29 schedule.min_gap", msg: "at least 1h30"}}},
		{"a gap across midnight", "min_gap: 12h",
			map[string]string{dir + "a.md": plain("2026-12-03 20:00", "mastodon"), dir + "b.md": plain("2026-12-04 07:00", "mastodon")},
			[]expect{{at: dir + "b.md:2:13-29 schedule.min_gap", msg: "11h after posts/2026/12/a.md (2026-12-03 20:00)"}}},
		{"a gap across the night the clocks go back: 2h of wall clock are 3h", "min_gap: 3h",
			map[string]string{dir + "a.md": plain("2026-10-25 01:30", "mastodon"), dir + "b.md": plain("2026-10-25 03:30", "mastodon")}, nil},
		{"max_per_day 0: no limit", "max_per_day: 0",
			map[string]string{dir + "a.md": plain("2026-12-03 09:00", "mastodon"), dir + "b.md": plain("2026-12-03 10:00", "mastodon"), dir + "c.md": plain("2026-12-03 11:00", "mastodon")}, nil},
		{"a blackout from one date to another takes both whole days", "blackouts: [{from: 2026-08-13, to: 2026-08-17, reason: « la semaine du 15 août »}]",
			map[string]string{dir + "a.md": plain("2026-08-13 00:00", "mastodon"), dir + "b.md": plain("2026-08-17 23:59", "mastodon"), dir + "c.md": plain("2026-08-18 00:00", "mastodon")},
			[]expect{
				{at: dir + "a.md:2:13-29 schedule.blackout", msg: "from 2026-08-13 to 2026-08-17 (« la semaine du 15 août »)"},
				{at: dir + "b.md:2:13-29 schedule.blackout", msg: "from 2026-08-13 to 2026-08-17", hint: "or at 2026-08-18 00:00 or later"},
			}},
		{"a blackout without reason", "blackouts: [{from: \"2026-12-03 09:00\", to: \"2026-12-03 12:00\"}]",
			map[string]string{dir + "a.md": plain("2026-12-03 10:00", "mastodon")},
			[]expect{{at: dir + "a.md:2:13-29 schedule.blackout", msg: "publish_at 2026-12-03 10:00 falls in the blackout from 2026-12-03 09:00 to 2026-12-03 12:00"}}},

		// Publishing slots: the publish workflow runs only then.
		{"a post on a slot", `slots: ["09:00", "12:30", "18:00"]`,
			map[string]string{dir + "a.md": plain("2026-12-03 12:30", "mastodon")}, nil},
		{"a post between two slots goes out at the next one", `slots: ["09:00", "12:30", "18:00"]`,
			map[string]string{dir + "a.md": plain("2026-12-03 10:15", "mastodon")},
			[]expect{{at: dir + "a.md:2:13-29 schedule.slot",
				msg:  "publish_at 2026-12-03 10:15 is not a publishing time: the publish workflow runs at 09:00, 12:30, 18:00 (Europe/Brussels time), so it goes out at 2026-12-03 12:30",
				hint: "add its time to the charter's schedule.slots"}}},
		{"after the last slot: the next day's first, on a posting day", "slots: [\"09:00\", \"18:00\"]\n  days: [lun, mar, mer, jeu, ven]",
			map[string]string{dir + "a.md": plain("2026-12-04 19:00", "mastodon")},
			[]expect{{at: dir + "a.md:2:13-29 schedule.slot", msg: "so it goes out at 2026-12-07 09:00"}}},
		{"outside the hours: schedule.hours says it, not schedule.slot too", "hours: \"08:00-21:00\"\n  slots: [\"09:00\"]",
			map[string]string{dir + "a.md": plain("2026-12-03 22:00", "mastodon")},
			[]expect{{at: dir + "a.md:2:13-29 schedule.hours", msg: "outside the posting hours"}}},
		{"a weekly post off its slot: one finding for its occurrences", `slots: ["19:00"]`,
			map[string]string{dir + "r.md": weekly("2026-12-03 19:30", "count: 3")},
			[]expect{{at: dir + "r.md:2:13-29 schedule.slot", msg: "3 occurrences are not at publishing times", hint: "move it to a publishing time (at 19:00)"}}},
		{"a post already past due goes out at once: no slot to wait for", `slots: ["09:00"]`,
			map[string]string{dir + "a.md": plain("2026-12-01 10:15", "mastodon")}, nil},
		{"no slots: every half hour, never reported", "hours: \"08:00-21:00\"",
			map[string]string{dir + "a.md": plain("2026-12-03 10:17", "mastodon")}, nil},
		{"slots written loosely: a guess; the good ones still apply", `slots: ["9h30", "12:30", "25:00", "23:00"]`,
			map[string]string{dir + "a.md": plain("2026-12-03 10:00", "mastodon")},
			[]expect{
				{at: dir + "a.md:2:13-29 schedule.config", msg: `schedule.slots[0]: "9h30" is not a time of day HH:MM`, hint: `write "09:30"`},
				{at: dir + "a.md:2:13-29 schedule.config", msg: `schedule.slots[2]: "25:00" is not a time of day`, hint: `like "09:30"`},
				{at: dir + "a.md:2:13-29 schedule.slot", msg: "runs at 12:30, 23:00 (Europe/Brussels time), so it goes out at 2026-12-03 12:30"},
			}},
		{"a slot outside the hours", "hours: \"08:00-21:00\"\n  slots: [\"07:00\", \"10:00\"]",
			map[string]string{dir + "a.md": plain("2026-12-03 10:00", "mastodon")},
			[]expect{{at: dir + "a.md:2:13-29 schedule.config", msg: `schedule.slots[0]: "07:00" is outside the posting hours`, hint: "inside the posting hours 08:00-21:00"}}},
		// Wrong settings.
		{"hours 8-21: reported once, a guess in the hint, hours not checked", "hours: 8-21",
			map[string]string{dir + "a.md": plain("2026-12-03 22:00", "mastodon"), dir + "b.md": plain("2026-12-04 23:00", "mastodon")},
			[]expect{{
				at:   dir + "a.md:2:13-29 schedule.config",
				msg:  `charte.yml: schedule.hours: "8-21" is not a range of hours HH:MM-HH:MM; crieur skips this setting until it is fixed`,
				hint: `write "08:00-21:00" (HH:MM-HH:MM, 24-hour time)`,
			}}},
		{"hours the French way: 8 h 30 à 21 h", "hours: 8 h 30 à 21 h",
			map[string]string{dir + "a.md": plain("2026-12-03 10:00", "mastodon")},
			[]expect{{at: dir + "a.md:2:13-29 schedule.config", hint: `write "08:30-21:00"`}}},
		{"hours that cannot be guessed", "hours: \"25:00-26:00\"",
			map[string]string{dir + "a.md": plain("2026-12-03 10:00", "mastodon")},
			[]expect{{at: dir + "a.md:2:13-29 schedule.config", msg: `"25:00-26:00" is not a range of hours`, hint: `like "08:00-21:00"`}}},
		{"hours that leave no time", "hours: \"09:00-09:00\"",
			map[string]string{dir + "a.md": plain("2026-12-03 10:00", "mastodon")},
			[]expect{{at: dir + "a.md:2:13-29 schedule.config", msg: "starts and ends at the same time", hint: `"00:00-24:00"`}}},
		{"min_gap in words", "min_gap: deux heures",
			map[string]string{dir + "a.md": plain("2026-12-03 10:00", "mastodon"), dir + "b.md": plain("2026-12-03 10:05", "mastodon")},
			[]expect{{at: dir + "a.md:2:13-29 schedule.config", msg: `schedule.min_gap: "deux heures" is not a duration`, hint: "2h, 90m, 1h30"}}},
		{"a negative min_gap", "min_gap: -2h",
			map[string]string{dir + "a.md": plain("2026-12-03 10:00", "mastodon")},
			[]expect{{at: dir + "a.md:2:13-29 schedule.config", msg: `"-2h" is negative`}}},
		{"an unknown day: the days are not checked", "days: [lundi, mardi, funday]",
			map[string]string{dir + "a.md": plain("2026-12-06 10:00", "mastodon")},
			[]expect{{at: dir + "a.md:2:13-29 schedule.config", msg: `schedule.days[2]: "funday" is not a day`, hint: "did you mean sunday?"}}},
		{"a negative max_per_day", "max_per_day: -1",
			map[string]string{dir + "a.md": plain("2026-12-03 10:00", "mastodon")},
			[]expect{{at: dir + "a.md:2:13-29 schedule.config", msg: "schedule.max_per_day: -1 is negative"}}},
		{"blackouts: day first, swapped, missing ends; the good one still applies", `blackouts:
    - {from: 25/12/2026, to: 2026-12-26}
    - {from: 2026-12-26, to: 2026-12-20}
    - {to: 2026-12-26}
    - {from: "2026-12-24 20:00"}
    - {from: 2026-12-24, to: 2026-13-01}
    - {from: 2026-12-03, reason: test}`,
			map[string]string{dir + "a.md": plain("2026-12-03 10:00", "mastodon")},
			[]expect{
				{at: dir + "a.md:2:13-29 schedule.blackout", msg: "of 2026-12-03 (test)"},
				{at: dir + "a.md:2:13-29 schedule.config", msg: `schedule.blackouts[0].from: date "25/12/2026" is ambiguous`, hint: "write 2026-12-25"},
				{at: dir + "a.md:2:13-29 schedule.config", msg: `schedule.blackouts[1]: the blackout ends ("2026-12-20") before it starts`, hint: "swap from and to"},
				{at: dir + "a.md:2:13-29 schedule.config", msg: "schedule.blackouts[2]: the blackout has no from"},
				{at: dir + "a.md:2:13-29 schedule.config", msg: "schedule.blackouts[3]: the blackout has no to"},
				{at: dir + "a.md:2:13-29 schedule.config", msg: `schedule.blackouts[4].to: "2026-13-01" is not a`},
			}},
		{"reported on the first post the rule judges, not on a draft", "hours: 8-21",
			map[string]string{
				dir + "a.md": post("publish_at: 2026-12-03 10:00\nstatus: draft", "Brouillon.\n"),
				dir + "b.md": published("2026-12-03 11:00"),
				dir + "c.md": plain("2026-12-03 12:00", "mastodon"),
			},
			[]expect{{at: dir + "c.md:2:13-29 schedule.config", msg: `"8-21"`}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tc.files["charte.yml"] = "schedule:\n  " + tc.schedule + "\n"
			got := checkAll(t, newRepo(t, tc.files))
			sortFindings(got)
			if len(got) != len(tc.want) {
				t.Fatalf("got %d findings, want %d:\n%s", len(got), len(tc.want), dump(got))
			}
			for i, w := range tc.want {
				f := got[i]
				if where(f) != w.at || !strings.Contains(f.Message, w.msg) || !strings.Contains(f.Hint, w.hint) || f.Hint == "" {
					t.Errorf("got  %s: %s (%s)\nwant %s: …%s… (…%s…)", where(f), f.Message, f.Hint, w.at, w.msg, w.hint)
				}
			}
		})
	}
}

// TestBrands: each post is judged by its brand's charter, and a wrong
// setting is reported once per charter, on a post of that brand.
func TestBrands(t *testing.T) {
	r := newRepo(t, map[string]string{
		"crieur.yml": baseConfig + `brands:
  verriere:
    charter: charte-verriere.yml
    channels: [mastodon]
  club:
    charter: charte-club.yml
    channels: [bluesky]
`,
		"charte-verriere.yml": "schedule:\n  hours: \"08:00-21:00\"\n  max_per_day: 1\n",
		"charte-club.yml":     "schedule:\n  min_gap: deux heures\n",
		dir + "a.md":          post("publish_at: 2026-12-03 22:00\nbrand: verriere\nchannels: [mastodon]", "Concert ce soir à la Verrière.\n"),
		dir + "b.md":          post("publish_at: 2026-12-03 22:00\nbrand: club\nchannels: [bluesky]", "Match ce soir au club.\n"),
		dir + "c.md":          post("publish_at: 2026-12-03 22:30\nbrand: club\nchannels: [bluesky]", "Résultat du match.\n"),
	})
	got := checkAll(t, r)
	sortFindings(got)
	want := []string{
		dir + "a.md:2:13-29 schedule.hours",
		dir + "b.md:2:13-29 schedule.config",
	}
	if len(got) != len(want) {
		t.Fatalf("got:\n%s", dump(got))
	}
	for i, w := range want {
		if where(got[i]) != w {
			t.Errorf("got %s, want %s", where(got[i]), w)
		}
	}
	if !strings.HasPrefix(got[1].Message, "charte-club.yml: schedule.min_gap") {
		t.Errorf("the config finding names %q, want the club's charter", got[1].Message)
	}
}

// TestEngine runs the rule through the engine: findings on files out of
// scope are dropped, comments silence schedule rules (for the file, or
// the line of publish_at), the charter's severity overrides apply.
func TestEngine(t *testing.T) {
	r := newRepo(t, map[string]string{
		"charte.yml": baseCharter + "severity:\n  schedule.blackout: warning\n",
		dir + "a.md": plain("2026-12-03 10:00", "mastodon"),
		// 1h after a: min_gap, silenced for the file.
		dir + "b.md": post("publish_at: 2026-12-03 11:00\nchannels: [mastodon]", "<!-- crieur-disable schedule.min_gap -->\nLa billetterie ouvre demain.\n"),
		// The third post of the day and after hours: hours silenced on its line.
		dir + "c.md": post("# crieur-disable-next-line schedule.hours\npublish_at: 2026-12-03 22:00\nchannels: [mastodon]", "Ce soir, concert surprise !\n"),
		// In the blackout: an error, lowered to a warning by the charter.
		dir + "n.md": plain("2026-12-25 10:00", "mastodon"),
		// A Sunday, but out of scope.
		dir + "zz.md": plain("2026-12-06 10:00", "mastodon"),
	})
	files := loadAll(t, r)
	e := &linters.Engine{CalendarRules: []linters.CalendarRule{schedule.Calendar{}}}
	got := e.Lint(&linters.Context{Repo: r, Now: now}, files[1:4], files, nil) // b, c and n
	var lines []string
	for _, f := range got {
		lines = append(lines, where(f)+" "+f.Severity.String())
	}
	want := []string{
		dir + "c.md:3:13-29 schedule.max_per_day warning",
		dir + "n.md:2:13-29 schedule.blackout warning",
	}
	if strings.Join(lines, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(lines, "\n"), strings.Join(want, "\n"))
	}
	// Without the comments and the scope, the same calendar says more.
	all := checkAll(t, r)
	if n := len(all); n != 5 {
		t.Errorf("the rule alone reports %d findings, want 5 (b min_gap, c hours and max_per_day, n blackout, zz days):\n%s", n, dump(all))
	}
}
