package calendar

import (
	"bytes"
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/crieur/crieur/pipeline"
	"github.com/crieur/crieur/pipeline/content"
)

func TestCSVRoundTrip(t *testing.T) {
	loc := brussels(t)
	posts := samplePosts(t)
	// The hour the clocks go back: local time alone would be ambiguous.
	twice := time.Date(2026, 10, 25, 1, 30, 0, 0, time.UTC).In(loc) // 02:30 CET, the second one
	posts = append(posts, &pipeline.Post{
		Path: "posts/2026/10/nuit.md", Title: "=SUM(A1) : pas une formule", PublishAt: twice,
		Channels: []string{"mastodon"}, Status: pipeline.StatusScheduled, Campaign: "-nuit",
		Body: body("- une liste, avec \"guillemets\"\n- et ; point-virgule\r\n"),
	})
	entries := Entries(posts, at(t, loc, "2026-10-01 00:00"), at(t, loc, "2026-12-31 23:59"))

	var b bytes.Buffer
	if err := WriteCSV(&b, entries, loc, 0); err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(b.Bytes(), []byte("\uFEFFpublish_at,channels,lang,campaign,status,title,path,text\r\n")) {
		t.Errorf("header: %q", b.String()[:80])
	}
	// RFC 4180: every record ends with CRLF, and no LF stands alone.
	if strings.Count(b.String(), "\n") != strings.Count(b.String(), "\r\n") {
		t.Errorf("a line ends with LF alone:\n%q", b.String())
	}
	if !strings.Contains(b.String(), "\n2026-10-25T02:30:00+01:00,") {
		t.Errorf("the ambiguous hour is not written with its offset:\n%s", b.String())
	}

	rows, err := ReadCSV("plan.csv", &b, loc)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != len(entries) {
		t.Fatalf("%d rows, want %d", len(rows), len(entries))
	}
	for i, row := range rows {
		e := entries[i]
		want := Row{Number: row.Number, sheet: row.sheet, Draft: content.Draft{
			PublishAt: e.At,
			Channels:  e.Channels,
			Lang:      e.Post.Lang,
			Campaign:  e.Post.Campaign,
			Title:     e.Post.Title,
			Text:      strings.ReplaceAll(bodyText(e.Post), "\r\n", "\n"),
			Status:    e.Status,
			Path:      e.Post.Path,
		}}
		if !row.PublishAt.Equal(want.PublishAt) {
			t.Errorf("row %d: publish_at %v, want %v", i, row.PublishAt, want.PublishAt)
		}
		row.PublishAt = want.PublishAt
		if !reflect.DeepEqual(row, want) {
			t.Errorf("row %d:\n got %+v\nwant %+v", i, row, want)
		}
	}
	// Spreadsheet rows, the header being row 1: a cell of several lines
	// is still one row.
	if rows[0].Number != 2 || rows[1].Number != 3 || rows[2].Number != 4 {
		t.Errorf("rows %d, %d, %d; want 2, 3, 4", rows[0].Number, rows[1].Number, rows[2].Number)
	}
}

func TestReadCSVSemicolonBOM(t *testing.T) {
	loc := brussels(t)
	data := "\uFEFFPublish_At;Channels;TEXT;Title;Media;Alt;Sponsored;Slug;# notes;Lang\r\n" +
		"2026-12-01 09:30;mastodon, bluesky;\"La saison commence ; venez !\r\nDeuxième ligne\r\n\r\n#culture\";Lancement : saison #1;affiche.jpg;Affiche rouge;oui;;à relire;fr\r\n" +
		";;;;;;;;;\r\n" +
		"2026-12-02T10:00:00+01:00;linkedin;'@botanique merci;;/media/photo.jpg;;non;Mon Slug Été;;en-GB\r\n"
	rows, err := ReadCSV("plan.csv", strings.NewReader(data), loc)
	if err != nil {
		t.Fatal(err)
	}
	want := []Row{
		{Number: 2, Draft: content.Draft{
			PublishAt: at(t, loc, "2026-12-01 09:30"), Channels: []string{"mastodon", "bluesky"},
			Text: "La saison commence ; venez !\nDeuxième ligne\n\n#culture", Title: "Lancement : saison #1",
			Media: "media/affiche.jpg", Alt: "Affiche rouge", Sponsored: true, Lang: "fr",
		}},
		{Number: 4, Draft: content.Draft{
			PublishAt: at(t, loc, "2026-12-02 10:00"), Channels: []string{"linkedin"},
			Text: "@botanique merci", Media: "media/photo.jpg", Slug: "mon-slug-ete", Lang: "en-GB",
		}},
	}
	if len(rows) != len(want) {
		t.Fatalf("%d rows: %+v", len(rows), rows)
	}
	for i := range want {
		if !rows[i].PublishAt.Equal(want[i].PublishAt) {
			t.Errorf("row %d: publish_at %v, want %v", i, rows[i].PublishAt, want[i].PublishAt)
		}
		rows[i].PublishAt = want[i].PublishAt
		want[i].sheet = rows[i].sheet
		if !reflect.DeepEqual(rows[i], want[i]) {
			t.Errorf("row %d:\n got %+v\nwant %+v", i, rows[i], want[i])
		}
	}
}

func TestReadCSVSepLine(t *testing.T) {
	data := "sep=;\npublish_at;text\n2026-12-01 09:30;Bonjour, tout le monde\n"
	rows, err := ReadCSV("plan.csv", strings.NewReader(data), brussels(t))
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 1 || rows[0].Text != "Bonjour, tout le monde" || rows[0].Number != 2 {
		t.Errorf("rows %+v", rows)
	}
	_, err = ReadCSV("plan.csv", strings.NewReader("sep=;\npublish_at;text\nhier;x\n"), brussels(t))
	if err == nil || !strings.HasPrefix(err.Error(), "plan.csv:2:A (publish_at): ") {
		t.Errorf("error %v, want one in row 2 (the sep= line is no row)", err)
	}
}

func TestReadCSVErrors(t *testing.T) {
	tests := []struct {
		name string
		data string
		want []string // the errors, one per line, in order
	}{
		{
			"bad date",
			"publish_at,text\n2026-12-01 09:30,ok\n2026-13-01 09:30,mauvais mois\n",
			[]string{`plan.csv:3:A (publish_at): "2026-13-01 09:30" is not a valid date: month out of range (write YYYY-MM-DD HH:MM with a real month (01-12), day and 24-hour time; format the column as text in the spreadsheet so that it keeps it)`},
		},
		{
			"ambiguous date",
			"text;publish_at\nBonjour;01/12/2026 09:30\n",
			[]string{`plan.csv:2:B (publish_at): date "01/12/2026 09:30" is ambiguous: 2026-12-01 09:30 or 2026-01-12 09:30? (write 2026-12-01 09:30 (YYYY-MM-DD HH:MM) if you meant day first; format the column as text in the spreadsheet so that it keeps it)`},
		},
		{
			"day-first date without its time",
			"publish_at,text\n25/12/2026,Joyeux Noël\n",
			[]string{`plan.csv:2:A (publish_at): "25/12/2026" has no time of day (add the hour: 25/12/2026 09:30; format the column as text in the spreadsheet so that it keeps it)`},
		},
		{
			"unknown columns",
			"publish_at,text,chanels,date,couleur\n2026-12-01 09:30,ok,mastodon,,rouge\n",
			[]string{
				`plan.csv:1:C (chanels): unknown column "chanels" (did you mean channels? columns are publish_at, text, channels, lang, campaign, title, media, alt, sponsored, slug, status, path, id; start a column's name with # for crieur to ignore it)`,
				`plan.csv:1:D (date): column publish_at appears twice (it is also column A (publish_at); keep one)`,
				`plan.csv:1:E (couleur): unknown column "couleur" (columns are publish_at, text, channels, lang, campaign, title, media, alt, sponsored, slug, status, path, id; start a column's name with # for crieur to ignore it)`,
			},
		},
		{
			"missing column and duplicate",
			"publish_at,titre,lang,Lang\n",
			[]string{
				`plan.csv:1: missing column text (the first line names the columns; text is required)`,
				`plan.csv:1:D (Lang): column lang appears twice (it is also column C (lang); keep one)`,
			},
		},
		{
			"every bad cell, in its spreadsheet row and column",
			"publish_at,text,channels,lang,campaign,sponsored,alt,slug,status,path\n" +
				"2026-12-01 09:30,\"deux\nlignes\",mastodon,fr,saison-2026,,,,,\n" +
				",,mast odon!,français,saison 2026,peut-être,sans image,!!!,publiée,../x.md\n" +
				"2026-03-29 02:30,printemps,,,,,,,,\n" +
				"2026-10-25 02:30,automne,,,,,,,,,en trop\n" +
				"2026-12-01,sans heure,,,,,,,,\n",
			[]string{
				`plan.csv:3:A (publish_at): publish_at is empty (every row needs a date, like 2026-12-01 09:30)`,
				`plan.csv:3:B (text): text is empty (every row needs the text of its post)`,
				`plan.csv:3:C (channels): channel "odon!" is not a channel name (write the names crieur.yml gives the channels, separated by spaces: mastodon bluesky)`,
				`plan.csv:3:D (lang): lang "français" is not a language code (write fr, en, nl…)`,
				`plan.csv:3:E (campaign): campaign "saison 2026" has a space or a sign (a campaign is one word of letters, digits, ., _ and -, like saison-2026)`,
				`plan.csv:3:F (sponsored): sponsored "peut-être" is neither yes nor no (write yes or no (empty is no))`,
				`plan.csv:3:G (alt): alt text without an image (name the image's file in the media column, or empty this cell)`,
				`plan.csv:3:H (slug): slug "!!!" has no letter or digit (write the file's name, like lancement-saison)`,
				`plan.csv:3:I (status): status "publiée" is not a status (write draft or scheduled (empty is scheduled))`,
				`plan.csv:3:J (path): path "../x.md" is not the path of a post (a post is posts/…/name.md; leave the cell empty for a new post)`,
				`plan.csv:4:A (publish_at): 2026-03-29 02:30 does not exist in Europe/Brussels: the clocks go forward that night (pick another time, e.g. one hour later, or give the offset, like 2026-03-29T03:30:00+02:00; format the column as text in the spreadsheet so that it keeps it)`,
				`plan.csv:5:A (publish_at): 2026-10-25 02:30 happens twice in Europe/Brussels: the clocks go back that night (give the offset: 2026-10-25T02:30:00+02:00 or 2026-10-25T02:30:00+01:00; format the column as text in the spreadsheet so that it keeps it)`,
				`plan.csv:5:K: a cell after the last column (the header names 10 columns; name this one or empty the cell)`,
				`plan.csv:6:A (publish_at): "2026-12-01" has no time of day (add the hour: 2026-12-01 09:30; format the column as text in the spreadsheet so that it keeps it)`,
			},
		},
		{
			"two rows, one file",
			"publish_at,text\n2026-12-01 09:30,Bonjour à tous\n2026-12-02 09:30,\"Bonjour, à tous !\"\n",
			[]string{`plan.csv:3: this row makes the file posts/2026/12/bonjour-a-tous.md, as row 2 does (add a slug column and give one of them a different slug)`},
		},
		{
			"bare quote",
			"publish_at,text\n2026-12-01 09:30,il a dit \"oui\"\n2026-12-01 10:30,ok\n2026-12-01 11:30,\"pas fermé\n",
			[]string{
				`plan.csv:2:B (text): a " inside a cell that does not start with " (put the whole cell between quotes and double the quotes inside it: "say ""hello""")`,
				`plan.csv:4:B (text): a quoted cell is not closed, or a " inside it is not doubled (a quoted cell ends with " followed by the separator or the end of the line; write a quote inside it as "")`,
			},
		},
		{
			"quote not closed over several lines",
			"publish_at,text\n2026-12-01 11:30,\"pas fermé\nsuite\nfin\n",
			[]string{
				`plan.csv:2:B (text): a quoted cell is not closed, or a " inside it is not doubled (a quoted cell ends with " followed by the separator or the end of the line; write a quote inside it as "")`,
			},
		},
		{
			"cell under a column without a name",
			"publish_at,,text\n2026-12-01 09:30,,ok\n2026-12-02 09:30,note,ok2\n",
			[]string{`plan.csv:3:B: a cell under a column without a name (name the column, or start its name with # for crieur to ignore it)`},
		},
		{
			"media",
			"publish_at,text,media\n2026-12-01 09:30,a,https://example.org/x.jpg\n2026-12-02 09:30,b,../x.jpg\n",
			[]string{
				`plan.csv:2:C (media): media is an address, not a file (put the image in the repository's media folder and write media/x.jpg)`,
				`plan.csv:3:C (media): media "../x.jpg" is not a file of the repository (give the path from the repository root, like media/affiche.jpg)`,
			},
		},
		{
			"short rows",
			"publish_at,channels,text\n2026-12-01 09:30\n2026-12-01 10:30,\"mastodon\nbluesky\"\n2026-12-01 11:30,mastodon,ok\n",
			[]string{
				`plan.csv:2:C (text): text is empty (every row needs the text of its post)`,
				`plan.csv:3:C (text): text is empty (every row needs the text of its post)`,
			},
		},
		{"empty", "", []string{`plan.csv:1: the file is empty (the first line names the columns: publish_at,text,…)`}},
		{"empty with BOM", "\uFEFF\r\n", []string{`plan.csv:1: the file is empty (the first line names the columns: publish_at,text,…)`}},
		{
			"Windows-1252",
			"publish_at;text\n2026-12-01 09:30;d\xe9cembre\n",
			[]string{`plan.csv:2:B: the file is not UTF-8 (save it as "CSV UTF-8" (in Excel: CSV UTF-8 (délimité par des virgules)))`},
		},
		{"UTF-16", "\xff\xfep\x00", []string{`plan.csv:1: the file is UTF-16 (save it as "CSV UTF-8")`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rows, err := ReadCSV("plan.csv", strings.NewReader(tt.data), brussels(t))
			if err == nil {
				t.Fatalf("no error; rows %+v", rows)
			}
			if rows != nil {
				t.Errorf("rows %+v returned with the error", rows)
			}
			got := strings.Split(err.Error(), "\n")
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("errors:\n%s\nwant:\n%s", err, strings.Join(tt.want, "\n"))
			}
			var ce *CellError
			if !errors.As(err, &ce) || ce.File != "plan.csv" {
				t.Errorf("the error is not a *CellError: %#v", err)
			}
		})
	}
}

func TestReadCSVTooManyErrors(t *testing.T) {
	data := "publish_at,text\n" + strings.Repeat("hier,x\n", 200)
	_, err := ReadCSV("plan.csv", strings.NewReader(data), brussels(t))
	lines := strings.Split(err.Error(), "\n")
	if len(lines) != maxErrors+1 || lines[maxErrors] != "plan.csv:52: too many errors, stopping here" {
		t.Errorf("%d errors, the last %q", len(lines), lines[len(lines)-1])
	}
}

func TestLocaleComma(t *testing.T) {
	tests := []struct {
		env  map[string]string
		want rune
	}{
		{map[string]string{}, ','},
		{map[string]string{"LANG": "C.UTF-8"}, ','},
		{map[string]string{"LANG": "fr_BE.UTF-8"}, ';'},
		{map[string]string{"LANG": "nl_BE.UTF-8"}, ';'},
		{map[string]string{"LANG": "en_GB.UTF-8"}, ','},
		{map[string]string{"LANG": "en_GB.UTF-8", "LC_NUMERIC": "fr_FR.UTF-8"}, ';'},
		{map[string]string{"LANG": "fr_BE.UTF-8", "LC_ALL": "C"}, ','},
		{map[string]string{"LANG": "de"}, ';'},
	}
	for _, tt := range tests {
		if got := LocaleComma(func(k string) string { return tt.env[k] }); got != tt.want {
			t.Errorf("%v: %q, want %q", tt.env, got, tt.want)
		}
	}
}

// A spreadsheet in French writes a whole column day first: one date that
// can only be day first settles the ones that read both ways.
func TestReadCSVDayFirstColumn(t *testing.T) {
	loc := brussels(t)
	rows, err := ReadCSV("plan.csv", strings.NewReader("date;texte\n03/04/2027 09:30;a\n20/03/2027 18:30;b\n05/05/2027 10:00;c\n"), loc)
	if err != nil {
		t.Fatal(err)
	}
	for i, want := range []string{"2027-04-03 09:30", "2027-03-20 18:30", "2027-05-05 10:00"} {
		if got := rows[i].PublishAt.In(loc).Format("2006-01-02 15:04"); got != want {
			t.Errorf("row %d: %s, want %s", rows[i].Number, got, want)
		}
	}
	for _, data := range []string{
		"date;texte\n03/04/2027 09:30;a\n",                                         // no evidence
		"date;texte\n03/04/2027 09:30;a\n20/03/2027 18:30;b\n12/20/2027 10:00;c\n", // evidence both ways
	} {
		_, err := ReadCSV("plan.csv", strings.NewReader(data), loc)
		if err == nil || !strings.Contains(err.Error(), `plan.csv:2:A (date): date "03/04/2027 09:30" is ambiguous: 2027-04-03 09:30 or 2027-03-04 09:30?`) {
			t.Errorf("%q: %v", data, err)
		}
	}
}
