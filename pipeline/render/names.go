package render

import (
	"strings"
	"time"
)

// Names are the names of the months and of the days of the week in one
// language, the week starting on Monday as in Europe: the text view of a
// date. The report and the calendar page both name days and months with
// them.
type Names struct {
	Months        [12]string
	MonthsShort   [12]string
	Weekdays      [7]string // Monday first
	WeekdaysShort [7]string
}

var french = Names{
	Months:        [12]string{"janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"},
	MonthsShort:   [12]string{"janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc."},
	Weekdays:      [7]string{"lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"},
	WeekdaysShort: [7]string{"lun.", "mar.", "mer.", "jeu.", "ven.", "sam.", "dim."},
}

var english = Names{
	Months:        [12]string{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"},
	MonthsShort:   [12]string{"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"},
	Weekdays:      [7]string{"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"},
	WeekdaysShort: [7]string{"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"},
}

var dutch = Names{
	Months:        [12]string{"januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"},
	MonthsShort:   [12]string{"jan.", "feb.", "mrt.", "apr.", "mei", "jun.", "jul.", "aug.", "sep.", "okt.", "nov.", "dec."},
	Weekdays:      [7]string{"maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"},
	WeekdaysShort: [7]string{"ma", "di", "wo", "do", "vr", "za", "zo"},
}

// NamesFor gives the English names for a language starting with "en"
// (en, en-GB), the Dutch ones for "nl" (nl, nl-BE), the French ones
// otherwise.
func NamesFor(lang string) Names {
	switch l := strings.ToLower(lang); {
	case strings.HasPrefix(l, "en"):
		return english
	case strings.HasPrefix(l, "nl"):
		return dutch
	}
	return french
}

// WeekdayIndex is the place of a day in a Monday-first week, 0 to 6.
func WeekdayIndex(d time.Weekday) int { return (int(d) + 6) % 7 }
