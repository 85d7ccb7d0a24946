package render

import (
	"embed"
	"time"

	"github.com/crieur/crieur/pipeline"
	"github.com/crieur/crieur/pipeline/i18n"
)

//go:embed messages
var catalog embed.FS

// say is what the text views say around a rendering, in each language
// (messages/*.yaml).
var say = i18n.MustLoad(catalog, "messages")

// StatusIn is a post's status as a reader of l says it ("programmé");
// a status the catalog does not know stays as written.
func StatusIn(s pipeline.Status, l i18n.Lang) string {
	if !say.Has("status." + string(s)) {
		return string(s)
	}
	return say.Text(l, "status."+string(s), nil)
}

// DayIn is t's day for a terminal: the short weekday in l, then the ISO
// date, which no reader misreads ("Tue 2026-12-01", "mar. 2026-12-01",
// "di 2026-12-01").
func DayIn(t time.Time, l i18n.Lang) string {
	if l == "" || l == i18n.English {
		return t.Format("Mon 2006-01-02")
	}
	return NamesFor(string(l)).WeekdaysShort[WeekdayIndex(t.Weekday())] + t.Format(" 2006-01-02")
}
