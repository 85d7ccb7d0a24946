package schedule_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/crieur/crieur/linters/rule"
	"github.com/crieur/crieur/linters/schedule"
	"github.com/crieur/crieur/pipeline"
)

const dir = "posts/2026/12/"

// expect is a finding: where (path:line:col-endcol rule) and pieces of
// its message and hint.
type expect struct {
	at   string
	msg  string
	hint string
}

// body gives a post its own text, so that two posts at the same time are
// not duplicates for the loader.
func body(at, channels, text string) string {
	return post("publish_at: "+at+"\nchannels: ["+channels+"]", text+"\n")
}

// published is a post that went out on mastodon.
func published(at string) string {
	return post("publish_at: "+at+"\nchannels: [mastodon]\nstatus: published\npublications:\n  mastodon:\n    id: \"1\"\n    at: 2026-12-01T10:00:04+01:00\n    attempts: 1",
		"Déjà publié : merci à toutes et à tous !\n")
}

// weekly is a recurring post on mastodon.
func weekly(at, end string) string {
	return post("publish_at: "+at+"\nchannels: [mastodon]\nrepeat:\n  every: week\n  "+end, "Ce soir, c’est Jeudi jazz à la Verrière !\n")
}

func TestCalendar(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		want  []expect
	}{
		// Posting hours.
		{"in hours, on a posting day, alone", map[string]string{dir + "a.md": plain("2026-12-03 10:00", "mastodon")}, nil},
		{"08:00 opens the hours", map[string]string{dir + "a.md": plain("2026-12-03 08:00", "mastodon")}, nil},
		{"21:00 is still inside: the end is included", map[string]string{dir + "a.md": plain("2026-12-03 21:00", "mastodon")}, nil},
		{"after hours", map[string]string{dir + "a.md": plain("2026-12-03 22:00", "mastodon")}, []expect{{
			at:   dir + "a.md:2:13-29 schedule.hours",
			msg:  "publish_at 2026-12-03 22:00 is outside the posting hours 08:00-21:00",
			hint: "choose a time between 08:00 and 21:00, Europe/Brussels time",
		}}},
		{"one minute before the hours", map[string]string{dir + "a.md": plain("2026-12-03 07:59", "mastodon")}, []expect{{
			at: dir + "a.md:2:13-29 schedule.hours", msg: "publish_at 2026-12-03 07:59 is outside",
		}}},
		{"thirty seconds after the hours", map[string]string{dir + "a.md": plain("2026-12-03 21:00:30", "mastodon")}, []expect{{
			at: dir + "a.md:2:13-32 schedule.hours", msg: "publish_at 2026-12-03 21:00:30 is outside",
		}}},
		{"an offset is judged in the repository's time zone", map[string]string{dir + "a.md": plain("2026-12-03T21:30:00Z", "mastodon")}, []expect{{
			at: dir + "a.md:2:13-33 schedule.hours", msg: "publish_at 2026-12-03 22:30 is outside",
		}}},
		{"a quoted value with a comment: the finding covers the quotes, not the comment", map[string]string{
			dir + "a.md": post("channels: [mastodon]\npublish_at: \"2026-12-03 22:00\"   # après le concert", "Après le concert, rencontrez les musiciennes et les musiciens au bar.\n"),
		}, []expect{{at: dir + "a.md:3:13-31 schedule.hours", msg: "2026-12-03 22:00"}}},

		// Posting days (the charter writes them in French).
		{"Saturday is a posting day (sam)", map[string]string{dir + "a.md": plain("2026-12-05 10:00", "mastodon")}, nil},
		{"Sunday is not", map[string]string{dir + "a.md": plain("2026-12-06 10:00", "mastodon")}, []expect{{
			at:   dir + "a.md:2:13-29 schedule.days",
			msg:  "publish_at 2026-12-06 10:00 falls on a Sunday, not a posting day",
			hint: "posting days are lun, mar, mer, jeu, ven, sam: move publish_at to one of them",
		}}},

		// Blackouts.
		{"Christmas Day", map[string]string{dir + "a.md": plain("2026-12-25 10:00", "mastodon")}, []expect{{
			at:   dir + "a.md:2:13-29 schedule.blackout",
			msg:  "publish_at 2026-12-25 10:00 falls in the blackout from 2026-12-24 20:00 to 2026-12-26 08:00 (Réveillon et Noël : pas de publication)",
			hint: "before 2026-12-24 20:00, or at 2026-12-26 08:00 or later",
		}}},
		{"the blackout's first minute is inside", map[string]string{dir + "a.md": plain("2026-12-24 20:00", "mastodon")}, []expect{{
			at: dir + "a.md:2:13-29 schedule.blackout", msg: "2026-12-24 20:00 falls in the blackout",
		}}},
		{"one minute before the blackout", map[string]string{dir + "a.md": plain("2026-12-24 19:59", "mastodon")}, nil},
		{"the blackout's end is outside", map[string]string{dir + "a.md": plain("2026-12-26 08:00", "mastodon")}, nil},
		{"a date alone: from the first minute of the day", map[string]string{dir + "a.md": plain("2027-01-01 08:00", "mastodon")}, []expect{{
			at: dir + "a.md:2:13-29 schedule.blackout", msg: "falls in the blackout of 2027-01-01 (Jour de l’an)",
			hint: "or at 2027-01-02 00:00 or later",
		}}},
		{"a date alone: to its last minute", map[string]string{dir + "a.md": plain("2027-01-01 20:59", "mastodon")}, []expect{{
			at: dir + "a.md:2:13-29 schedule.blackout", msg: "of 2027-01-01",
		}}},
		{"a date alone: not the next day", map[string]string{dir + "a.md": plain("2027-01-02 08:00", "mastodon")}, nil},

		// Posts per day and per channel.
		{"a third post on a channel", map[string]string{
			dir + "a.md": plain("2026-12-03 09:00", "mastodon"),
			dir + "b.md": plain("2026-12-03 12:00", "mastodon"),
			dir + "c.md": plain("2026-12-03 15:00", "mastodon"),
		}, []expect{{
			at:   dir + "c.md:2:13-29 schedule.max_per_day",
			msg:  "publish_at 2026-12-03 15:00 makes 3 posts on mastodon on Thursday 2026-12-03, at most 2 a day: the others are posts/2026/12/a.md at 09:00, posts/2026/12/b.md at 12:00",
			hint: "move this post to another day, or take mastodon out of its channels",
		}}},
		{"other channels and other days do not count", map[string]string{
			dir + "a.md": plain("2026-12-03 09:00", "mastodon"),
			dir + "b.md": plain("2026-12-03 12:00", "bluesky"),
			dir + "c.md": plain("2026-12-03 15:00", "mastodon"),
			dir + "d.md": plain("2026-12-04 09:00", "mastodon"),
		}, nil},
		{"the same problem on two channels is one finding", map[string]string{
			dir + "a.md": plain("2026-12-03 09:00", "mastodon, bluesky"),
			dir + "b.md": plain("2026-12-03 12:00", "bluesky, mastodon"),
			dir + "c.md": plain("2026-12-03 15:00", "mastodon, bluesky, linkedin"),
		}, []expect{{at: dir + "c.md:2:13-29 schedule.max_per_day", msg: "makes 3 posts on mastodon and bluesky on Thursday 2026-12-03"}}},
		{"a day is a day in Brussels, not in UTC", map[string]string{
			dir + "a.md": plain("2026-12-03 09:00", "mastodon"),
			dir + "b.md": plain("2026-12-03 12:00", "mastodon"),
			dir + "c.md": plain("2026-12-04 00:30", "mastodon"), // 23:30 UTC on the 3rd; outside hours, not over the quota
		}, []expect{{at: dir + "c.md:2:13-29 schedule.hours", msg: "00:30"}}},
		{"posts that went out take their places first: the new post is over the quota", map[string]string{
			dir + "a.md": published("2026-12-03 12:00"),
			dir + "b.md": published("2026-12-03 15:00"),
			dir + "c.md": plain("2026-12-03 09:00", "mastodon"),
		}, []expect{{at: dir + "c.md:2:13-29 schedule.max_per_day", msg: "publish_at 2026-12-03 09:00 makes 3 posts"}}},

		// Gaps between posts of a channel.
		{"closer than min_gap", map[string]string{
			dir + "a.md": plain("2026-12-03 10:00", "mastodon"),
			dir + "b.md": plain("2026-12-03 11:00", "mastodon"),
		}, []expect{{
			at:   dir + "b.md:2:13-29 schedule.min_gap",
			msg:  "publish_at 2026-12-03 11:00 on mastodon is 1h after posts/2026/12/a.md (2026-12-03 10:00): the charter asks for at least 1h30 between two posts on a channel",
			hint: "move publish_at to 2026-12-03 11:30 or later, or move the other post",
		}}},
		{"exactly min_gap", map[string]string{
			dir + "a.md": plain("2026-12-03 10:00", "mastodon"),
			dir + "b.md": plain("2026-12-03 11:30", "mastodon"),
		}, nil},
		{"at the same time", map[string]string{
			dir + "a.md": body("2026-12-03 10:00", "mastodon", "Portes ouvertes samedi."),
			dir + "b.md": body("2026-12-03 10:00", "mastodon", "L’atelier de percussions est complet."),
		}, []expect{{at: dir + "b.md:2:13-29 schedule.min_gap", msg: "is at the same time as posts/2026/12/a.md (2026-12-03 10:00)"}}},
		{"close but on different channels", map[string]string{
			dir + "a.md": plain("2026-12-03 10:00", "mastodon"),
			dir + "b.md": plain("2026-12-03 10:30", "bluesky"),
		}, nil},
		{"the later post went out: the earlier one is reported", map[string]string{
			dir + "a.md": plain("2026-12-03 10:00", "mastodon"),
			dir + "b.md": published("2026-12-03 11:00"),
		}, []expect{{
			at:   dir + "a.md:2:13-29 schedule.min_gap",
			msg:  "is 1h before posts/2026/12/b.md (2026-12-03 11:00), which already went out",
			hint: "move publish_at to 2026-12-03 09:30 or earlier",
		}}},

		// What takes part.
		{"a published post is not reported", map[string]string{dir + "a.md": published("2026-12-06 22:00")}, nil},
		{"drafts and retracted posts are left out", map[string]string{
			dir + "a.md": post("publish_at: 2026-12-03 09:00\nstatus: draft", "Brouillon.\n"),
			dir + "b.md": post("publish_at: 2026-12-03 10:00\nstatus: retracted", "Retiré.\n"),
			dir + "c.md": plain("2026-12-03 11:00", "mastodon"),
			dir + "d.md": plain("2026-12-03 15:00", "mastodon"),
			dir + "e.md": post("publish_at: 2026-12-25 23:00\nstatus: draft", "Brouillon de Noël.\n"),
		}, nil},

		// Recurring posts.
		{"weekly after hours: one finding for every occurrence, one for the blackout", map[string]string{
			dir + "r.md": weekly("2026-12-03 22:00", "until: 2026-12-31"),
		}, []expect{{
			at:   dir + "r.md:2:13-29 schedule.blackout",
			msg:  "the occurrence of 2026-12-24 22:00 falls in the blackout from 2026-12-24 20:00 to 2026-12-26 08:00 (Réveillon et Noël : pas de publication)",
			hint: "skip those days with except: [YYYY-MM-DD, …] under repeat:, or end the repeat before the blackout (until: 2026-12-17)",
		}, {
			at:   dir + "r.md:2:13-29 schedule.hours",
			msg:  "5 occurrences are outside the posting hours 08:00-21:00: 2026-12-03 22:00; 2026-12-10 22:00; 2026-12-17 22:00; 2026-12-24 22:00 and 1 more",
			hint: "every occurrence keeps publish_at's time of day: move it between 08:00 and 21:00",
		}}},
		{"past occurrences are history", map[string]string{
			dir + "r.md": weekly("2026-11-05 22:00", "until: 2026-12-10"),
		}, []expect{{at: dir + "r.md:2:13-29 schedule.hours", msg: "2 occurrences are outside the posting hours 08:00-21:00: 2026-12-03 22:00; 2026-12-10 22:00"}}},
		{"an occurrence the publisher recorded is not reported", map[string]string{
			dir + "r.md": post("publish_at: 2026-12-03 22:00\nchannels: [mastodon]\nrepeat:\n  every: week\n  count: 2\npublications:\n  mastodon:\n    id: \"1\"\n    at: 2026-12-03T22:00:03+01:00\n    occurrence: 2026-12-03T22:00:00+01:00\n    attempts: 1",
				"Ce soir, c’est Jeudi jazz !\n"),
		}, []expect{{at: dir + "r.md:2:13-29 schedule.hours", msg: "the occurrence of 2026-12-10 22:00 is outside"}}},
		{"a daily repeat over a Sunday", map[string]string{
			dir + "r.md": post("publish_at: 2026-12-05 10:00\nrepeat:\n  every: day\n  count: 3", "Le marché des créateurs est ouvert !\n"),
		}, []expect{{
			at:   dir + "r.md:2:13-29 schedule.days",
			msg:  "the occurrence of 2026-12-06 10:00 falls on a Sunday, not a posting day",
			hint: "or repeat on posting days only (every: week with on: [monday, thursday])",
		}}},
		{"a repeat that starts inside a blackout", map[string]string{
			dir + "r.md": post("publish_at: 2026-12-25 10:00\nrepeat:\n  every: day\n  count: 2", "Joyeuses fêtes !\n"),
		}, []expect{{
			at:   dir + "r.md:2:13-29 schedule.blackout",
			msg:  "the occurrence of 2026-12-25 10:00 falls in the blackout",
			hint: "the repeat starts inside the blackout: move publish_at to 2026-12-26 08:00 or later",
		}}},
		{"a recurring post over the quota on two Thursdays", map[string]string{
			dir + "r.md": weekly("2026-12-03 12:00", "until: 2026-12-17"),
			dir + "x.md": plain("2026-12-03 08:00", "mastodon"),
			dir + "y.md": plain("2026-12-03 10:00", "mastodon"),
			dir + "z.md": plain("2026-12-10 08:00", "mastodon"),
			dir + "w.md": plain("2026-12-10 10:00", "mastodon"),
		}, []expect{{
			at: dir + "r.md:2:13-29 schedule.max_per_day",
			msg: "2 occurrences go over the limit of 2 posts a day on a channel: " +
				"Thursday 2026-12-03 on mastodon (3 posts, with posts/2026/12/x.md at 08:00, posts/2026/12/y.md at 10:00); " +
				"Thursday 2026-12-10 on mastodon (3 posts, with posts/2026/12/z.md at 08:00, posts/2026/12/w.md at 10:00)",
		}}},
		{"a recurring post too close to a plain one", map[string]string{
			dir + "r.md": weekly("2026-12-03 12:00", "count: 3"),
			dir + "x.md": plain("2026-12-10 11:00", "mastodon"),
		}, []expect{{
			at:   dir + "r.md:2:13-29 schedule.min_gap",
			msg:  "the occurrence of 2026-12-10 12:00 on mastodon is 1h after posts/2026/12/x.md (2026-12-10 11:00)",
			hint: "move it at least 1h30 away from the other posts",
		}}},
		{"a daily rule over Christmas", map[string]string{
			dir + "r.md": post("publish_at: 2026-12-22 10:00\nrepeat:\n  rule: FREQ=DAILY;COUNT=5", "Le marché de Noël est ouvert !\n"),
		}, []expect{{at: dir + "r.md:2:13-29 schedule.blackout", msg: "the occurrence of 2026-12-25 10:00 falls in the blackout", hint: "except:"}}},
		{"except: skips the blackout day", map[string]string{
			dir + "r.md": post("publish_at: 2026-12-22 10:00\nrepeat:\n  rule: FREQ=DAILY;COUNT=5\n  except: [2026-12-25]", "Le marché de Noël est ouvert !\n"),
		}, nil},
		{"on: posting days only", map[string]string{
			dir + "r.md": post("publish_at: 2026-12-04 10:00\nrepeat:\n  every: week\n  on: [vendredi, samedi]\n  count: 4", "Le marché des créateurs est ouvert !\n"),
		}, nil},
		{"expansion is capped", map[string]string{
			dir + "r.md": post("publish_at: 2026-12-03 22:00\nrepeat:\n  every: day\n  until: 2035-12-31", "Bonsoir !\n"),
		}, []expect{
			{at: dir + "r.md:2:13-29 schedule.blackout", msg: "2 occurrences fall in the blackout from 2026-12-24 20:00 to 2026-12-26 08:00 (Réveillon et Noël : pas de publication): 2026-12-24 22:00; 2026-12-25 22:00", hint: "until: 2026-12-23"},
			{at: dir + "r.md:2:13-29 schedule.blackout", msg: "the occurrence of 2027-01-01 22:00 falls in the blackout of 2027-01-01 (Jour de l’an)", hint: "until: 2026-12-31"},
			{at: dir + "r.md:2:13-29 schedule.days", msg: "114 occurrences fall on days that are not posting days: Sunday 2026-12-06; Sunday 2026-12-13; Sunday 2026-12-20; Sunday 2026-12-27 and 110 more"},
			{at: dir + "r.md:2:13-29 schedule.hours", msg: "800 occurrences are outside the posting hours 08:00-21:00: 2026-12-03 22:00; 2026-12-04 22:00; 2026-12-05 22:00; 2026-12-06 22:00 and 796 more"},
		}},
	}
	infos := map[string]pipeline.Severity{}
	for _, in := range (schedule.Calendar{}).Infos() {
		infos[in.ID] = in.Default
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := newRepo(t, tc.files)
			got := checkAll(t, r)
			sortFindings(got)
			if len(got) != len(tc.want) {
				t.Fatalf("got %d findings, want %d:\n%s", len(got), len(tc.want), dump(got))
			}
			for i, w := range tc.want {
				f := got[i]
				if where(f) != w.at || !strings.Contains(f.Message, w.msg) || !strings.Contains(f.Hint, w.hint) {
					t.Errorf("got  %s: %s (%s)\nwant %s: …%s… (…%s…)", where(f), f.Message, f.Hint, w.at, w.msg, w.hint)
				}
				if f.Severity != infos[f.Rule] || f.Severity == 0 {
					t.Errorf("%s: severity %v, Infos says %v", where(f), f.Severity, infos[f.Rule])
				}
				if f.Hint == "" || f.Fix != nil {
					t.Errorf("%s: want a hint and no fix (moving a post is the CM's choice), got hint %q fix %v", where(f), f.Hint, f.Fix)
				}
				if strings.Contains(f.Message+f.Hint, "{") {
					t.Errorf("%s: a placeholder is left: %s (%s)", where(f), f.Message, f.Hint)
				}
				src := tc.files[f.Path]
				if got, want := span(t, src, f), strings.TrimSpace(strings.SplitN(strings.SplitN(src[strings.Index(src, "publish_at: ")+len("publish_at: "):], "\n", 2)[0], "#", 2)[0]); got != want {
					t.Errorf("%s covers %q, want the value of publish_at %q", where(f), got, want)
				}
			}
		})
	}
}

// sortFindings orders findings by path, line, rule and message.
func sortFindings(fs []pipeline.Finding) {
	slices.SortFunc(fs, func(a, b pipeline.Finding) int {
		return strings.Compare(where(a)+" "+a.Message, where(b)+" "+b.Message)
	})
}

func dump(fs []pipeline.Finding) string {
	var b strings.Builder
	for _, f := range fs {
		b.WriteString("  " + where(f) + ": " + f.Message + " (" + f.Hint + ")\n")
	}
	return b.String()
}

// TestInfos: every id the rule reports is described, with a severity;
// none is core's schedule.past_due.
func TestInfos(t *testing.T) {
	var c rule.CalendarRule = schedule.Calendar{}
	seen := map[string]bool{}
	for _, in := range c.Infos() {
		if !strings.HasPrefix(in.ID, "schedule.") || in.ID == "schedule.past_due" || in.Description == "" || in.Default == 0 || seen[in.ID] {
			t.Errorf("bad info %+v", in)
		}
		seen[in.ID] = true
	}
	for _, id := range []string{"schedule.hours", "schedule.days", "schedule.max_per_day", "schedule.min_gap", "schedule.blackout", "schedule.config"} {
		if !seen[id] {
			t.Errorf("%s is not described", id)
		}
	}
}
