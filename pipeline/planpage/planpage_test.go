package planpage

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
	"github.com/crieur/crieur/pipeline/calendar"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

func brussels(t testing.TB) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation("Europe/Brussels")
	if err != nil {
		t.Fatalf("load Europe/Brussels: %v", err)
	}
	return loc
}

// at is a local time in loc, "2006-01-02 15:04".
func at(t testing.TB, loc *time.Location, s string) time.Time {
	t.Helper()
	v, err := time.ParseInLocation("2006-01-02 15:04", s, loc)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func body(src string) pipeline.Text {
	return pipeline.Text{Parts: []pipeline.Part{{Source: src}}}
}

var channels = map[string]pipeline.ChannelConfig{
	"mastodon": {Name: "mastodon", Type: "mastodon", Network: "mastodon", Account: "@botanique@mastodon.social"},
	"bluesky":  {Name: "bluesky", Type: "bluesky", Network: "bluesky", Account: "botanique.bsky.social"},
	"linkedin": {Name: "linkedin", Type: "linkedin", Network: "linkedin", Account: "Le Botanique"},
}

const (
	pubURL    = "https://mastodon.social/@botanique/1099"
	failure   = "503 Service Unavailable: bsky.social is down, try later"
	scriptTxt = `<script>alert("x")</script>`
	longWord  = "Le programme complet de la saison. "
)

// samplePosts is a small December 2026 in Brussels: a scheduled post with
// a first comment and an image, one at 00:30 (the day before in UTC), a
// weekly post whose first occurrence went out, a failed thread, a post
// too long for Bluesky with an image without alt text, a post whose
// title and text hold HTML, a retracted post and a draft.
func samplePosts(t testing.TB) []*pipeline.Post {
	loc := brussels(t)
	jeudi := at(t, loc, "2026-12-03 12:00")
	fc := pipeline.Part{Source: "Billetterie : https://example.org/billets"}
	return []*pipeline.Post{
		{
			Path:      "posts/2026/12/saison.md",
			Title:     "Lancement de la saison",
			PublishAt: at(t, loc, "2026-12-01 09:30"),
			Channels:  []string{"mastodon", "bluesky"},
			Lang:      "fr",
			Campaign:  "saison-2026",
			Status:    pipeline.StatusScheduled,
			Media:     []pipeline.Media{{File: "../../../media/affiche.jpg", Path: "media/affiche.jpg", Alt: "Affiche de la saison, fond rouge"}},
			Body: pipeline.Text{
				Parts:        []pipeline.Part{{Source: "La nouvelle saison commence le 1er décembre ! Découvrez le programme :\nhttps://example.org/saison\n\n#culture #Bruxelles\n"}},
				FirstComment: &fc,
			},
		},
		{
			Path:      "posts/2026/12/minuit.md",
			Title:     "Minuit pile",
			PublishAt: at(t, loc, "2026-12-01 00:30"),
			Channels:  []string{"mastodon"},
			Lang:      "fr",
			Status:    pipeline.StatusScheduled,
			Body:      body("Les portes ouvrent à minuit."),
		},
		{
			Path:      "posts/2026/12/jeudi.md",
			PublishAt: jeudi,
			Channels:  []string{"mastodon"},
			Lang:      "fr",
			Status:    pipeline.StatusPublished,
			Repeat:    &pipeline.Repeat{Every: pipeline.Interval{N: 1, Unit: "week"}, Count: 2},
			Body:      body("## Le *jeudi* du jardin\nVenez, c'est gratuit."),
			Publications: map[string]pipeline.Publication{
				"mastodon": {ID: "1099", URL: pubURL, At: jeudi.Add(time.Minute), Occurrence: jeudi, Attempts: 1},
			},
		},
		{
			Path:      "posts/2026/12/concert.md",
			Title:     "Concert complet",
			PublishAt: at(t, loc, "2026-12-03 18:00"),
			Channels:  []string{"linkedin", "bluesky"},
			Lang:      "en",
			Status:    pipeline.StatusFailed,
			Body: pipeline.Text{Parts: []pipeline.Part{
				{Source: "The concert is sold out, sorry.\n"},
				{Source: "Second part of the thread.\n"},
			}},
			Publications: map[string]pipeline.Publication{
				"linkedin": {ID: "urn:li:share:7", URL: "https://www.linkedin.com/feed/update/urn:li:share:7", At: at(t, loc, "2026-12-03 18:01"), Attempts: 1},
				"bluesky":  {At: at(t, loc, "2026-12-03 18:05"), Occurrence: at(t, loc, "2026-12-03 18:00"), Attempts: 2, Error: failure},
			},
		},
		{
			Path:      "posts/2026/12/long.md",
			Title:     "Le programme en long",
			PublishAt: at(t, loc, "2026-12-10 11:00"),
			Channels:  []string{"bluesky"},
			Lang:      "fr",
			Status:    pipeline.StatusScheduled,
			Media:     []pipeline.Media{{File: "../../../media/sans-alt.png", Path: "media/sans-alt.png"}},
			Body:      body(strings.Repeat(longWord, 10)),
		},
		{
			Path:      "posts/2026/12/html.md",
			Title:     scriptTxt + ` & "guillemets" 'simples'`,
			PublishAt: at(t, loc, "2026-12-15 08:00"),
			Channels:  []string{"mastodon", "inconnu"},
			Lang:      "fr",
			Status:    pipeline.StatusScheduled,
			Body:      body("Écrire `" + scriptTxt + "` dans un post & dire \"bonjour\" à l'équipe."),
		},
		{
			Path:      "posts/2026/12/retire.md",
			Title:     "Annonce retirée",
			PublishAt: at(t, loc, "2026-12-20 10:00"),
			Channels:  []string{"mastodon"},
			Status:    pipeline.StatusRetracted,
			Body:      body("Une erreur de date."),
			Publications: map[string]pipeline.Publication{
				"mastodon": {ID: "1200", URL: "https://mastodon.social/@botanique/1200", At: at(t, loc, "2026-12-20 10:00"), Attempts: 1, Retracted: at(t, loc, "2026-12-20 15:00")},
			},
		},
		{
			Path:      "posts/2026/12/brouillon.md",
			PublishAt: at(t, loc, "2026-12-02 10:00"),
			Channels:  []string{"mastodon"},
			Status:    pipeline.StatusDraft,
			Body:      body("Pas encore"),
		},
	}
}

func sampleFindings() map[string][]pipeline.Finding {
	return map[string][]pipeline.Finding{
		"posts/2026/12/saison.md": {
			{Path: "posts/2026/12/saison.md", Line: 12, Col: 46, Rule: "typo.fr.nbsp", Severity: pipeline.Warning, Message: "espace insécable attendue avant « ! »", Fix: &pipeline.Fix{Start: 200, End: 201, Text: "\u00a0"}},
			{Path: "posts/2026/12/saison.md", Line: 3, Col: 1, Rule: "charte.hashtags.max", Severity: pipeline.Suggestion, Message: "deux hashtags suffisent"},
		},
		"posts/2026/12/concert.md": {
			{Path: "posts/2026/12/concert.md", Line: 2, Col: 13, Rule: "schedule.blackout", Severity: pipeline.Error, Message: "publication pendant une période de silence", Hint: "déplacez publish_at après le 4 décembre"},
			{Path: "posts/2026/12/concert.md", Line: 9, Col: 1, Rule: "tone.shouting", Severity: pipeline.Warning, Message: "capitales"},
		},
		"posts/2026/12/html.md": {
			{Path: "posts/2026/12/html.md", Line: 9, Col: 8, Rule: "spelling", Severity: pipeline.Suggestion, Message: `mot inconnu « <b>script</b> »`},
		},
	}
}

func sampleInput(t testing.TB) Input {
	loc := brussels(t)
	from, to := at(t, loc, "2026-12-01 00:00"), at(t, loc, "2026-12-31 23:59").Add(59*time.Second)
	return Input{
		Repository: "botanique/contenus",
		Entries:    calendar.Entries(samplePosts(t), from, to),
		Channels:   channels,
		Findings:   sampleFindings(),
		Location:   loc,
		Now:        at(t, loc, "2026-12-02 10:00"),
		From:       from,
		To:         to,
	}
}

func write(t *testing.T, in Input) ([]byte, *node) {
	t.Helper()
	var b bytes.Buffer
	if err := Write(&b, in); err != nil {
		t.Fatalf("Write: %v", err)
	}
	return b.Bytes(), parseHTML(t, b.Bytes())
}

// place is where an entry shows in a view: its day cell, the time it
// says and, in the week view, its week's section.
type place struct{ day, time, week string }

// places lists where the entries of a post show in a view (#mois or
// #semaine), in document order.
func places(t *testing.T, doc *node, view, path string) []place {
	t.Helper()
	var out []place
	for _, li := range doc.byID(t, view).all(and(class("li", "entry"), attr("data-path", path))) {
		cell := li.up(func(n *node) bool { _, ok := n.attr["data-day"]; return ok })
		if cell == nil {
			t.Fatalf("%s: entry of %s outside a day", view, path)
		}
		pl := place{day: cell.attr["data-day"], time: li.one(t, "time of "+path, tag("time")).content()}
		if w := li.up(class("section", "week")); w != nil {
			pl.week = w.attr["id"]
		}
		out = append(out, pl)
	}
	return out
}

func TestEntriesOnTheirDay(t *testing.T) {
	_, doc := write(t, sampleInput(t))
	tests := []struct {
		path string
		want []place // in the week view; the month view has the same days, no week
	}{
		// 00:30 in Brussels is 23:30 the day before in UTC: Brussels' day counts.
		{"posts/2026/12/minuit.md", []place{{"2026-12-01", "00:30", "semaine-2026-W49"}}},
		{"posts/2026/12/saison.md", []place{{"2026-12-01", "09:30", "semaine-2026-W49"}}},
		{"posts/2026/12/jeudi.md", []place{{"2026-12-03", "12:00", "semaine-2026-W49"}, {"2026-12-10", "12:00", "semaine-2026-W50"}}},
		{"posts/2026/12/concert.md", []place{{"2026-12-03", "18:00", "semaine-2026-W49"}}},
		{"posts/2026/12/long.md", []place{{"2026-12-10", "11:00", "semaine-2026-W50"}}},
		{"posts/2026/12/html.md", []place{{"2026-12-15", "08:00", "semaine-2026-W51"}}},
		{"posts/2026/12/retire.md", []place{{"2026-12-20", "10:00", "semaine-2026-W51"}}},
		{"posts/2026/12/brouillon.md", nil}, // a draft is not in the calendar
	}
	for _, tc := range tests {
		t.Run(tc.path, func(t *testing.T) {
			week := places(t, doc, "semaine", tc.path)
			if !equalPlaces(week, tc.want) {
				t.Errorf("week view: %v, want %v", week, tc.want)
			}
			var wantMonth []place
			for _, p := range tc.want {
				wantMonth = append(wantMonth, place{day: p.day, time: p.time})
			}
			month := places(t, doc, "mois", tc.path)
			if !equalPlaces(month, wantMonth) {
				t.Errorf("month view: %v, want %v", month, wantMonth)
			}
			if len(tc.want) > 0 {
				doc.byID(t, anchorOf(t, doc, tc.path)) // the detail the entries link to
			}
		})
	}
	// Every entry of the input is somewhere: nothing is lost.
	in := sampleInput(t)
	if n, m := len(doc.byID(t, "mois").all(class("li", "entry"))), len(in.Entries); n != m {
		t.Errorf("month view has %d entries, the input %d", n, m)
	}
	if n, m := len(doc.byID(t, "semaine").all(class("li", "entry"))), len(in.Entries); n != m {
		t.Errorf("week view has %d entries, the input %d", n, m)
	}
}

func equalPlaces(a, b []place) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// anchorOf is the id an entry of a post links to.
func anchorOf(t *testing.T, doc *node, path string) string {
	t.Helper()
	li := doc.byID(t, "mois").all(and(class("li", "entry"), attr("data-path", path)))
	if len(li) == 0 {
		t.Fatalf("no entry for %s", path)
	}
	a := li[0].one(t, "link of "+path, tag("a"))
	return strings.TrimPrefix(a.attr["href"], "#")
}

func TestDaylightSavingTimeWeeks(t *testing.T) {
	loc := brussels(t)
	post := func(path, when string, repeat *pipeline.Repeat) *pipeline.Post {
		return &pipeline.Post{Path: path, Title: path, PublishAt: at(t, loc, when), Channels: []string{"mastodon"}, Status: pipeline.StatusScheduled, Repeat: repeat, Body: body(path)}
	}
	tests := []struct {
		name     string
		from, to string
		posts    []*pipeline.Post
		want     map[string][]place
	}{
		{
			// Summer time ends on Sunday 25 October 2026, 03:00 → 02:00.
			name: "autumn", from: "2026-10-01 00:00", to: "2026-11-30 23:59",
			posts: []*pipeline.Post{
				post("samedi-soir.md", "2026-10-24 23:30", nil),
				post("dimanche-tot.md", "2026-10-25 01:30", nil),
				post("dimanche-soir.md", "2026-10-25 23:30", nil),
				post("lundi-minuit.md", "2026-10-26 00:30", nil), // Sunday 23:30 UTC
				post("hebdo.md", "2026-10-22 09:30", &pipeline.Repeat{Every: pipeline.Interval{N: 1, Unit: "week"}, Count: 2}),
			},
			want: map[string][]place{
				"samedi-soir.md":   {{"2026-10-24", "23:30", "semaine-2026-W43"}},
				"dimanche-tot.md":  {{"2026-10-25", "01:30", "semaine-2026-W43"}},
				"dimanche-soir.md": {{"2026-10-25", "23:30", "semaine-2026-W43"}},
				"lundi-minuit.md":  {{"2026-10-26", "00:30", "semaine-2026-W44"}},
				"hebdo.md":         {{"2026-10-22", "09:30", "semaine-2026-W43"}, {"2026-10-29", "09:30", "semaine-2026-W44"}},
			},
		},
		{
			// Summer time begins on Sunday 29 March 2026, 02:00 → 03:00.
			name: "spring", from: "2026-03-01 00:00", to: "2026-03-31 23:59",
			posts: []*pipeline.Post{
				post("samedi.md", "2026-03-28 23:30", nil),
				post("dimanche.md", "2026-03-29 03:30", nil),
				post("lundi.md", "2026-03-30 00:30", nil), // Sunday 22:30 UTC
			},
			want: map[string][]place{
				"samedi.md":   {{"2026-03-28", "23:30", "semaine-2026-W13"}},
				"dimanche.md": {{"2026-03-29", "03:30", "semaine-2026-W13"}},
				"lundi.md":    {{"2026-03-30", "00:30", "semaine-2026-W14"}},
			},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			from, to := at(t, loc, tc.from), at(t, loc, tc.to)
			_, doc := write(t, Input{Entries: calendar.Entries(tc.posts, from, to), Channels: channels, Location: loc, From: from, To: to})
			for path, want := range tc.want {
				if got := places(t, doc, "semaine", path); !equalPlaces(got, want) {
					t.Errorf("%s, week view: %v, want %v", path, got, want)
				}
			}
			// A week has seven days, whatever the clocks do.
			for _, w := range doc.byID(t, "semaine").all(class("section", "week")) {
				if n := len(w.all(class("li", "day"))); n != 7 {
					t.Errorf("%s has %d days", w.attr["id"], n)
				}
			}
		})
	}
}

func TestMonthGrid(t *testing.T) {
	loc := brussels(t)
	in := sampleInput(t)
	in.Entries = append(in.Entries, calendar.Entries([]*pipeline.Post{{
		Path: "posts/2026/11/veille.md", Title: "La veille", PublishAt: at(t, loc, "2026-11-30 23:30"),
		Channels: []string{"mastodon"}, Status: pipeline.StatusScheduled, Body: body("La veille"),
	}}, at(t, loc, "2026-11-01 00:00"), in.To)...)
	in.From = at(t, loc, "2026-11-15 00:00")
	_, doc := write(t, in)

	nov, dec := doc.byID(t, "mois-2026-11"), doc.byID(t, "mois-2026-12")
	// December 2026 begins on a Tuesday: its grid begins on Monday 30
	// November, dimmed, without the post that is in November's grid.
	rows := dec.all(tag("tr"))
	if len(rows) != 6 { // the head and five weeks, 30 November to 3 January
		t.Fatalf("December has %d rows, want 6", len(rows))
	}
	first := rows[1].all(tag("td"))
	if len(first) != 7 || first[0].attr["data-day"] != "2026-11-30" || first[1].attr["data-day"] != "2026-12-01" {
		t.Fatalf("December's first week: %v", first)
	}
	if !first[0].hasClass("out") || len(first[0].all(class("li", "entry"))) != 0 {
		t.Errorf("30 November in December's grid: class %q, %d entries", first[0].attr["class"], len(first[0].all(class("li", "entry"))))
	}
	cell := nov.one(t, "30 November", attr("data-day", "2026-11-30"))
	if cell.hasClass("out") || len(cell.all(attr("data-path", "posts/2026/11/veille.md"))) != 1 {
		t.Errorf("30 November in November's grid: class %q, %s", cell.attr["class"], cell.content())
	}
	// Days of November before the period are dimmed and said to be.
	early := nov.one(t, "1 November", attr("data-day", "2026-11-01"))
	if !early.hasClass("off") || !strings.Contains(early.content(), "hors période") {
		t.Errorf("1 November: class %q, %q", early.attr["class"], early.content())
	}
	// Today, 2 December, is highlighted in both views.
	for _, view := range []string{"mois", "semaine"} {
		today := doc.byID(t, view).all(attr("aria-current", "date"))
		if len(today) != 1 || today[0].attr["data-day"] != "2026-12-02" || !today[0].hasClass("today") || !strings.Contains(today[0].content(), "aujourd’hui") {
			t.Errorf("%s: today is %v", view, today)
		}
	}
	// Weekdays from Monday, with their French names.
	var heads []string
	for _, th := range dec.one(t, "head", tag("thead")).all(tag("abbr")) {
		heads = append(heads, th.attr["title"])
	}
	if got := strings.Join(heads, " "); got != "Semaine lundi mardi mercredi jeudi vendredi samedi dimanche" {
		t.Errorf("month head: %s", got)
	}
	// The week number links to the week in the week view.
	if a := rows[2].one(t, "week link", and(tag("a"), func(n *node) bool { return n.parent.name == "th" })); a.attr["href"] != "#semaine-2026-W50" {
		t.Errorf("second week of December links to %s", a.attr["href"])
	}
}

func TestStatesAndFindings(t *testing.T) {
	_, doc := write(t, sampleInput(t))
	month := doc.byID(t, "mois")
	tests := []struct {
		path, day, state, label, mark string
	}{
		{"posts/2026/12/saison.md", "2026-12-01", "st-scheduled", "programmée", "⚠ 1 avertissement"},
		{"posts/2026/12/jeudi.md", "2026-12-03", "st-published", "publiée", ""},
		{"posts/2026/12/jeudi.md", "2026-12-10", "st-scheduled", "programmée", ""},
		{"posts/2026/12/concert.md", "2026-12-03", "st-failed", "en échec", "✖ 1 erreur"},
		{"posts/2026/12/html.md", "2026-12-15", "st-scheduled", "programmée", "ℹ 1 suggestion"},
		{"posts/2026/12/retire.md", "2026-12-20", "st-retracted", "retirée", ""},
	}
	for _, tc := range tests {
		cell := month.one(t, tc.day, attr("data-day", tc.day))
		li := cell.one(t, tc.path, attr("data-path", tc.path))
		if !li.hasClass(tc.state) {
			t.Errorf("%s on %s: class %q, want %s", tc.path, tc.day, li.attr["class"], tc.state)
		}
		if b := li.one(t, "badge", class("span", "badge")); b.content() != tc.label || !b.hasClass(tc.state) {
			t.Errorf("%s on %s: badge %q (%q), want %q", tc.path, tc.day, b.content(), b.attr["class"], tc.label)
		}
		marks := li.all(class("span", "mark"))
		switch {
		case tc.mark == "" && len(marks) > 0:
			t.Errorf("%s: mark %q, want none", tc.path, marks[0].content())
		case tc.mark != "" && (len(marks) != 1 || marks[0].content() != tc.mark):
			t.Errorf("%s: marks %v, want %q", tc.path, marks, tc.mark)
		}
	}
	// The recurring post says so.
	if li := month.all(attr("data-path", "posts/2026/12/jeudi.md"))[0]; !strings.Contains(li.content(), "↻") || !strings.Contains(li.content(), "récurrente") {
		t.Errorf("recurring entry: %q", li.content())
	}
	// Channel badges.
	if li := month.all(attr("data-path", "posts/2026/12/concert.md"))[0]; len(li.all(class("span", "ch"))) != 2 {
		t.Errorf("concert: channel badges %q", li.content())
	}

	// The findings in the detail: where, severity, rule, message, hint, fix.
	concert := doc.byID(t, anchorOf(t, doc, "posts/2026/12/concert.md"))
	rows := concert.all(class("tr", "finding"))
	if len(rows) != 2 {
		t.Fatalf("concert: %d findings", len(rows))
	}
	if got := strings.Join(rows[0].cells(), " | "); got != "posts/2026/12/concert.md:2:13 | ✖ erreur | schedule.blackout | publication pendant une période de silence déplacez publish_at après le 4 décembre" {
		t.Errorf("concert's first finding: %q", got)
	}
	if !rows[0].hasClass("sev-error") || !rows[1].hasClass("sev-warning") {
		t.Errorf("finding classes: %q, %q", rows[0].attr["class"], rows[1].attr["class"])
	}
	saison := doc.byID(t, anchorOf(t, doc, "posts/2026/12/saison.md"))
	rows = saison.all(class("tr", "finding"))
	if len(rows) != 2 || rows[0].cells()[0] != "posts/2026/12/saison.md:3:1" || rows[1].cells()[0] != "posts/2026/12/saison.md:12:46" {
		t.Fatalf("saison's findings are not in line order: %v", rows)
	}
	if !strings.Contains(rows[1].content(), "Correction proposée : « [espace insécable] »") {
		t.Errorf("saison's fix is not offered: %q", rows[1].content())
	}
	// A post with an error, or that failed, is unfolded; a quiet one is not.
	if _, open := concert.attr["open"]; !open {
		t.Error("the failed post's detail is folded")
	}
	if _, open := doc.byID(t, anchorOf(t, doc, "posts/2026/12/minuit.md")).attr["open"]; open {
		t.Error("a post without problem is unfolded")
	}

	// The header counts the period's entries by state.
	counts := doc.one(t, "counts", class("ul", "counts")).content()
	for _, want := range []string{"8 publications", "5 programmées", "1 publiée", "1 en échec", "1 retirée"} {
		if !strings.Contains(counts, want) {
			t.Errorf("counts %q lack %q", counts, want)
		}
	}
	// The legend names every state, in words.
	legend := doc.one(t, "legend", class("details", "legend")).content()
	for _, want := range []string{"programmée", "publiée", "en échec", "retirée", "brouillon", "↻", "aujourd’hui", "erreur"} {
		if !strings.Contains(legend, want) {
			t.Errorf("legend %q lacks %q", legend, want)
		}
	}
}

// channel is the detail of a post on one channel.
func channel(t *testing.T, doc *node, path, name string) *node {
	t.Helper()
	post := doc.byID(t, anchorOf(t, doc, path))
	return post.one(t, path+" on "+name, and(class("details", "channel"), attr("data-channel", name)))
}

func TestPublicationsInDetail(t *testing.T) {
	_, doc := write(t, sampleInput(t))

	// A failed channel says why, unfolded.
	bsky := channel(t, doc, "posts/2026/12/concert.md", "bluesky")
	if _, open := bsky.attr["open"]; !open {
		t.Error("the failed channel is folded")
	}
	if got := bsky.one(t, "error", class("pre", "error")).content(); got != failure {
		t.Errorf("error shown %q, want %q", got, failure)
	}
	if got := bsky.one(t, "state", class("p", "pub")).content(); !strings.Contains(got, "Échec après 2 tentatives") || !strings.Contains(got, "réessaiera") {
		t.Errorf("failed state: %q", got)
	}
	// Its thread is in two parts, each measured.
	parts := bsky.all(class("div", "part"))
	if len(parts) != 2 || !strings.HasPrefix(parts[0].content(), "1/2 · ") || !strings.Contains(parts[1].content(), "Second part of the thread.") {
		t.Errorf("thread parts: %v", parts)
	}
	if txt := parts[0].one(t, "text", class("div", "text")); txt.attr["lang"] != "en" {
		t.Errorf("the text's lang is %q, want the post's", txt.attr["lang"])
	}
	// LinkedIn takes no thread: one text; it went out, with its link.
	li := channel(t, doc, "posts/2026/12/concert.md", "linkedin")
	if n := len(li.all(class("div", "part"))); n != 1 {
		t.Errorf("linkedin has %d parts, want 1", n)
	}
	if a := li.one(t, "link", tag("a")); a.attr["href"] != "https://www.linkedin.com/feed/update/urn:li:share:7" {
		t.Errorf("linkedin link %q", a.attr["href"])
	}

	// A published occurrence links to the post on the network.
	jeudi := channel(t, doc, "posts/2026/12/jeudi.md", "mastodon")
	if a := jeudi.one(t, "link", tag("a")); a.attr["href"] != pubURL || !strings.Contains(a.content(), "mastodon") {
		t.Errorf("publication link %q %q", a.attr["href"], a.content())
	}
	if got := jeudi.one(t, "state", class("p", "pub")).content(); !strings.Contains(got, "Publiée le jeudi 3 décembre 2026 à 12:01") {
		t.Errorf("published state: %q", got)
	}
	if got := doc.byID(t, anchorOf(t, doc, "posts/2026/12/jeudi.md")).one(t, "occurrences", class("p", "occurrences")).content(); got != "Dans la période : jeu. 3 déc. 12:00 publiée, jeu. 10 déc. 12:00 programmée" {
		t.Errorf("occurrences: %q", got)
	}

	// Over the limit: measured in red, what passes the limit struck out.
	long := channel(t, doc, "posts/2026/12/long.md", "bluesky")
	if !long.hasClass("over") {
		t.Errorf("over-limit channel class %q", long.attr["class"])
	}
	part := long.one(t, "part", class("div", "part"))
	if !part.hasClass("over") || !strings.Contains(part.content(), "349/300 graphèmes ✗ 49 graphèmes de trop") {
		t.Errorf("over-limit part: %q", part.content())
	}
	// The text as rendered (the last space trimmed), cut where Bluesky's
	// 300 graphemes end.
	whole := strings.TrimSpace(strings.Repeat(longWord, 10))
	cut := part.one(t, "cut", class("del", "cut")).raw()
	text := part.one(t, "text", class("div", "text")).raw()
	kept := strings.TrimSuffix(text, cut)
	if text != whole || len([]rune(kept)) != 300 || cut != whole[len(kept):] {
		t.Errorf("kept %q, cut %q", kept, cut)
	}
	if !strings.Contains(part.content(), "serait coupé") {
		t.Errorf("no word about the cut: %q", part.content())
	}
	// An image without alt text is a visible warning; one with alt text shows it.
	if w := long.all(class("strong", "noalt")); len(w) != 1 || !strings.Contains(long.content(), "media/sans-alt.png") {
		t.Errorf("image without alt: %q", long.content())
	}
	saison := channel(t, doc, "posts/2026/12/saison.md", "mastodon")
	if got := saison.one(t, "media", class("ul", "media")).content(); got != "media/affiche.jpg · Affiche de la saison, fond rouge" {
		t.Errorf("image: %q", got)
	}
	// The first comment is shown, measured.
	if fc := saison.all(class("div", "part")); len(fc) != 2 || !strings.HasPrefix(fc[1].content(), "Premier commentaire · ") || !strings.Contains(fc[1].content(), "https://example.org/billets") {
		t.Errorf("first comment: %v", fc)
	}
	// A fitting text is shown whole, measured against the limit.
	if got := saison.one(t, "summary", tag("summary")).content(); !strings.Contains(got, "/500 graphèmes ✓") {
		t.Errorf("mastodon summary %q", got)
	}
	// Retracted.
	if got := channel(t, doc, "posts/2026/12/retire.md", "mastodon").one(t, "state", class("p", "pub")).content(); !strings.Contains(got, "Retirée le dimanche 20 décembre 2026 à 15:00") {
		t.Errorf("retracted: %q", got)
	}
	// A channel crieur.yml does not know is said so.
	if got := channel(t, doc, "posts/2026/12/html.md", "inconnu").content(); !strings.Contains(got, "n’est pas dans crieur.yml") {
		t.Errorf("unknown channel: %q", got)
	}
}

func TestEscaping(t *testing.T) {
	page, doc := write(t, sampleInput(t))
	if bytes.Contains(bytes.ToLower(page), []byte("<script")) {
		t.Error("the page holds a <script")
	}
	if bytes.Contains(page, []byte("<b>script")) {
		t.Error("a finding's message is not escaped")
	}
	for _, want := range []string{"&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;", "&#39;simples&#39;", "&amp; &#34;guillemets&#34;"} {
		if !bytes.Contains(page, []byte(want)) {
			t.Errorf("the page lacks %s", want)
		}
	}
	// What was escaped reads back as written: in the title and in the
	// text rendered for Mastodon.
	post := doc.byID(t, anchorOf(t, doc, "posts/2026/12/html.md"))
	if got, want := post.one(t, "title", tag("h3")).content(), scriptTxt+` & "guillemets" 'simples'`; got != want {
		t.Errorf("title %q, want %q", got, want)
	}
	text := channel(t, doc, "posts/2026/12/html.md", "mastodon").one(t, "text", class("div", "text")).content()
	if want := "Écrire " + scriptTxt + ` dans un post & dire "bonjour" à l'équipe.`; text != want {
		t.Errorf("text %q, want %q", text, want)
	}
}

func TestSelfContained(t *testing.T) {
	in := sampleInput(t)
	page, doc := write(t, in)
	const csp = `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`
	if !bytes.Contains(page, []byte(csp)) {
		t.Error("no Content-Security-Policy meta")
	}
	if html := doc.one(t, "html", tag("html")); html.attr["lang"] != "fr" {
		t.Errorf("lang %q", html.attr["lang"])
	}
	for _, name := range []string{"script", "link", "img", "iframe", "object", "embed", "source", "video", "audio", "form", "base"} {
		if n := len(doc.all(tag(name))); n > 0 {
			t.Errorf("%d <%s> elements", n, name)
		}
	}
	css := strings.ToLower(doc.one(t, "style", tag("style")).content())
	for _, bad := range []string{"url(", "@import", "@font-face"} {
		if strings.Contains(css, bad) {
			t.Errorf("the style sheet holds %s", bad)
		}
	}
	// Links: anchors in the page, and the publications' addresses only.
	allowed := map[string]bool{}
	for _, e := range in.Entries {
		for _, pub := range e.Post.Publications {
			if pub.Done() && pub.Retracted.IsZero() {
				allowed[pub.URL] = true
			}
		}
	}
	ids := map[string]bool{}
	for _, n := range doc.all(func(n *node) bool { return n.attr["id"] != "" }) {
		if ids[n.attr["id"]] {
			t.Errorf("id %q twice", n.attr["id"])
		}
		ids[n.attr["id"]] = true
	}
	links := 0
	for _, n := range doc.all(func(*node) bool { return true }) {
		for k, v := range n.attr {
			if k == "style" || strings.HasPrefix(k, "on") {
				t.Errorf("<%s %s=%q>", n.name, k, v)
			}
			low := strings.ToLower(v)
			web := strings.Contains(low, "http:") || strings.Contains(low, "https:") || strings.Contains(low, "//")
			switch {
			case k == "href" && strings.HasPrefix(v, "#"):
				if !ids[v[1:]] {
					t.Errorf("link to #%s, which is not in the page", v[1:])
				}
			case k == "href" && allowed[v] && n.name == "a":
				links++
			case k == "href" || k == "src" || k == "srcset" || k == "action" || k == "poster" || web:
				t.Errorf("<%s %s=%q>: the page fetches or links to something else", n.name, k, v)
			}
		}
	}
	if links != len(allowed) {
		t.Errorf("%d publication links, want %d", links, len(allowed))
	}
}

func TestEnglish(t *testing.T) {
	in := sampleInput(t)
	in.Lang = "en-GB"
	_, doc := write(t, in)
	if html := doc.one(t, "html", tag("html")); html.attr["lang"] != "en" {
		t.Errorf("lang %q", html.attr["lang"])
	}
	if got := doc.byID(t, "mois-2026-12-h").content(); got != "December 2026" {
		t.Errorf("month %q", got)
	}
	if got := doc.byID(t, "semaine-2026-W49-h").content(); got != "Week 49 · Monday 30 November to Sunday 6 December 2026" {
		t.Errorf("week %q", got)
	}
	if got := doc.one(t, "period", class("p", "period")).content(); !strings.Contains(got, "1 December 2026 to 31 December 2026") {
		t.Errorf("period %q", got)
	}
	if got := channel(t, doc, "posts/2026/12/long.md", "bluesky").one(t, "part", class("div", "part")).content(); !strings.Contains(got, "349/300 graphemes ✗ 49 graphemes over") {
		t.Errorf("measure %q", got)
	}
}

func TestFrenchHeader(t *testing.T) {
	_, doc := write(t, sampleInput(t))
	if got := doc.one(t, "h1", tag("h1")).content(); got != "Calendrier éditorial · botanique/contenus" {
		t.Errorf("h1 %q", got)
	}
	if got := doc.one(t, "period", class("p", "period")).content(); got != "Période : du 1er décembre 2026 au 31 décembre 2026 · Fuseau horaire : Europe/Brussels" {
		t.Errorf("period %q", got)
	}
	if got := doc.one(t, "generated", class("p", "generated")).content(); got != "Généré le mercredi 2 décembre 2026 à 10:00 (Europe/Brussels)" {
		t.Errorf("generated %q", got)
	}
	if got := doc.byID(t, "semaine-2026-W49-h").content(); got != "Semaine 49 · du lundi 30 novembre au dimanche 6 décembre 2026" {
		t.Errorf("week %q", got)
	}
	if got := doc.byID(t, "semaine-2026-W53-h").content(); got != "Semaine 53 · du lundi 28 décembre 2026 au dimanche 3 janvier 2027" {
		t.Errorf("week across the year %q", got)
	}
}

func TestWriteErrors(t *testing.T) {
	loc := brussels(t)
	tests := []struct {
		name string
		in   Input
		want string
	}{
		{"language", Input{Lang: "de", From: at(t, loc, "2026-12-01 00:00"), To: at(t, loc, "2026-12-31 00:00")}, `no labels for language "de"`},
		{"backwards", Input{Location: loc, From: at(t, loc, "2026-12-31 00:00"), To: at(t, loc, "2026-12-01 00:00")}, "ends (2026-12-01) before it starts (2026-12-31)"},
		{"too long", Input{From: at(t, loc, "2026-01-01 00:00"), To: at(t, loc, "2028-01-01 00:00")}, "covers 25 months"},
		{"no period", Input{}, "no period"},
	}
	for _, tc := range tests {
		var b bytes.Buffer
		err := Write(&b, tc.in)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: error %v, want %q", tc.name, err, tc.want)
		}
		if b.Len() > 0 {
			t.Errorf("%s: %d bytes written on error", tc.name, b.Len())
		}
	}
}

func TestEmptyAndDefaultPeriod(t *testing.T) {
	loc := brussels(t)
	// No period, no entry: Now's day.
	_, doc := write(t, Input{Location: loc, Now: at(t, loc, "2026-12-02 10:00")})
	doc.byID(t, "mois-2026-12")
	if got := doc.byID(t, "publications").content(); !strings.Contains(got, "Aucune publication sur la période.") {
		t.Errorf("empty page: %q", got)
	}
	if got := doc.byID(t, "mois-2026-12").content(); !strings.Contains(got, "Aucune publication ce mois-ci.") {
		t.Errorf("empty month: %q", got)
	}
	// No period: the entries'. A nil location is UTC.
	in := sampleInput(t)
	in.From, in.To, in.Location = time.Time{}, time.Time{}, nil
	_, doc = write(t, in)
	if got := doc.one(t, "period", class("p", "period")).content(); got != "Période : du 30 novembre 2026 au 20 décembre 2026 · Fuseau horaire : UTC" {
		t.Errorf("period %q", got)
	}
	if got := places(t, doc, "mois", "posts/2026/12/minuit.md"); len(got) != 1 || got[0].day != "2026-11-30" || got[0].time != "23:30" {
		t.Errorf("minuit in UTC: %v", got)
	}
}

func TestGolden(t *testing.T) {
	for _, lang := range []string{"fr", "en"} {
		t.Run(lang, func(t *testing.T) {
			in := sampleInput(t)
			in.Lang = lang
			page, _ := write(t, in)
			golden(t, "calendar."+lang+".html", page)
		})
	}
}

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./pipeline/planpage -update)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file (run go test ./pipeline/planpage -update if the change is meant)\n%s", path, firstDiff(got, want))
	}
}

// firstDiff shows the first line that differs.
func firstDiff(got, want []byte) string {
	g, w := strings.Split(string(got), "\n"), strings.Split(string(want), "\n")
	for i := 0; i < len(g) || i < len(w); i++ {
		var a, b string
		if i < len(g) {
			a = g[i]
		}
		if i < len(w) {
			b = w[i]
		}
		if a != b {
			return "line " + strconv.Itoa(i+1) + ":\n--- got\n" + a + "\n--- want\n" + b
		}
	}
	return ""
}

// TestOccurrencesFromTheJournal: a recurring post's occurrences each show
// their own state and where they went, from the journal.
func TestOccurrencesFromTheJournal(t *testing.T) {
	loc := brussels(t)
	in := sampleInput(t)
	first := at(t, loc, "2026-12-03 19:00")
	post := &pipeline.Post{Path: "posts/2026/12/jeudi.md", Title: "Jeudi", PublishAt: first, Channels: []string{"mastodon"},
		Status: pipeline.StatusScheduled, Body: body("Jeudi"), Repeat: &pipeline.Repeat{Every: pipeline.Interval{N: 1, Unit: "week"}, Count: 3}}
	recs := []pipeline.Record{{Time: first.Add(time.Minute), Action: pipeline.ActionPublished, Post: post.Path, Channel: "mastodon", Occurrence: first, URL: "https://mastodon.example/@v/1"}}
	in.Entries = calendar.EntriesWith([]*pipeline.Post{post}, calendar.History{Records: recs, Now: first.AddDate(0, 0, 10)}, in.From, in.To)
	page, _ := write(t, in)
	for _, want := range []string{
		`<span class="badge st-published">publiée</span> <a href="https://mastodon.example/@v/1">mastodon</a>`,
		`<span class="badge st-missed">manquée</span>`,
		`<span class="badge st-scheduled">programmée</span>`,
	} {
		if !bytes.Contains(page, []byte(want)) {
			t.Errorf("the page lacks %s", want)
		}
	}
}

func TestCatalog(t *testing.T) {
	for _, p := range say.Problems() {
		t.Error(p)
	}
}

func TestDutch(t *testing.T) {
	in := sampleInput(t)
	in.Lang = "nl_BE.UTF-8"
	_, doc := write(t, in)
	if html := doc.one(t, "html", tag("html")); html.attr["lang"] != "nl" {
		t.Errorf("lang %q", html.attr["lang"])
	}
	if got := doc.one(t, "h1", tag("h1")).content(); got != "Redactionele kalender · botanique/contenus" {
		t.Errorf("h1 %q", got)
	}
	if got := doc.byID(t, "mois-2026-12-h").content(); got != "december 2026" {
		t.Errorf("month %q", got)
	}
	if got := doc.byID(t, "semaine-2026-W49-h").content(); got != "Week 49 · van maandag 30 november tot zondag 6 december 2026" {
		t.Errorf("week %q", got)
	}
	if got := doc.one(t, "generated", class("p", "generated")).content(); got != "Gemaakt op woensdag 2 december 2026 om 10:00 (Europe/Brussels)" {
		t.Errorf("generated %q", got)
	}
	if got := channel(t, doc, "posts/2026/12/long.md", "bluesky").one(t, "part", class("div", "part")).content(); !strings.Contains(got, "349/300 grafemen ✗ 49 grafemen te veel") {
		t.Errorf("measure %q", got)
	}
}
