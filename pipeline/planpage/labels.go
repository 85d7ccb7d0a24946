package planpage

import (
	"fmt"
	"strings"
	"time"

	"github.com/crieur/crieur/pipeline"
	"github.com/crieur/crieur/pipeline/render"
)

// words is what one state, severity or unit is called, in the singular
// and the plural.
type words struct{ one, many string }

func (w words) n(n int) string {
	if n == 1 || (n == 0 && w.one == w.many) {
		return w.one
	}
	return w.many
}

// Labels are the fixed texts of the page in one language. The template
// reads the exported fields; the Go code the others.
type Labels struct {
	Lang string

	DefaultTitle string
	Views        string // the nav's name
	MonthView    string
	WeekView     string
	PostsView    string
	Legend       string
	Counts       string
	Period       string
	TimeZone     string
	Today        string
	Recurring    string
	Nothing      string // a day without posts (week view)
	Outside      string // a day outside the period
	NoneInMonth  string
	NoneInPeriod string
	Week         string // column of the week number
	WeekAbbr     string
	File         string
	Findings     string
	Where        string
	Rule         string
	Severity     string
	Message      string
	Images       string
	NoAlt        string
	FirstComment string
	Occurrences  string
	CutNote      string // before the text that passes the limit
	UnknownChan  string
	ChannelState string
	MarkHelp     [3]string // error, warning, suggestion
	RecurHelp    string
	TodayHelp    string
	OffHelp      string
	Colon        string // " :" with a no-break space in French

	months, monthsShort     [12]string
	weekdays, weekdaysShort [7]string // Monday first
	states                  map[pipeline.Status]words
	stateHelp               map[pipeline.Status]string
	severities              map[pipeline.Severity]words
	units                   map[string]string
	spaces                  map[rune]string // the invisible characters, named
	ordinalFirst            string          // "1er"
	f                       phrases
}

// phrases are the sentences with something in them.
type phrases struct {
	period      func(from, to string) string
	generated   func(when, zone string) string
	total       func(n int) string
	weekHeading func(week int, from, to string) string
	every       func(iv pipeline.Interval) string
	on          func(every string, days []string) string // days as the post wrote them
	rule        func(rrule string) string
	except      func(days []string) string
	until       func(date string) string
	times       func(n int) string
	over        func(n int, unit string) string
	threadOf    func(n int) string
	published   func(when string) string
	linkText    func(channel string) string
	remoteID    func(id string) string
	failed      func(attempts int, when string) string
	retry       func(again bool) string
	retracted   func(when string) string
	notYet      string
	forOcc      func(when string) string
	noImages    func(network string, n int) string
	fix         func(text string) string
	deleteFix   string
	replaces    func(path string) string
	campaign    func(c string) string
	brand       func(b string) string
	lang        func(l string) string
	sponsored   string
}

// The names of the months and weekdays are render's.
var frNames, enNames = render.NamesFor("fr"), render.NamesFor("en")

var french = &Labels{
	Lang:         "fr",
	DefaultTitle: "Calendrier éditorial",
	Views:        "Vues",
	MonthView:    "Vue par mois",
	WeekView:     "Vue par semaine",
	PostsView:    "Détail des publications",
	Legend:       "Légende",
	Counts:       "Sur la période",
	Period:       "Période",
	TimeZone:     "Fuseau horaire",
	Today:        "aujourd’hui",
	Recurring:    "récurrente",
	Nothing:      "Rien de prévu",
	Outside:      "hors période",
	NoneInMonth:  "Aucune publication ce mois-ci.",
	NoneInPeriod: "Aucune publication sur la période.",
	Week:         "Semaine",
	WeekAbbr:     "S",
	File:         "Fichier",
	Findings:     "Remarques de la relecture (crieur lint)",
	Where:        "Emplacement",
	Rule:         "Règle",
	Severity:     "Gravité",
	Message:      "Message",
	Images:       "Images",
	NoAlt:        "⚠\u00a0Pas de texte alternatif\u00a0: décrivez l’image dans alt:, pour les personnes qui ne la voient pas.",
	FirstComment: "Premier commentaire",
	Occurrences:  "Dans la période",
	CutNote:      "✂\u00a0Le texte barré dépasse la limite et serait coupé.",
	UnknownChan:  "Ce canal n’est pas dans crieur.yml\u00a0: rien ne sera publié ici.",
	ChannelState: "État",
	MarkHelp: [3]string{
		"✖ erreur\u00a0: bloque la publication tant qu’elle n’est pas corrigée",
		"⚠ avertissement\u00a0: à vérifier",
		"ℹ suggestion",
	},
	RecurHelp: "↻ occurrence d’une publication récurrente",
	TodayHelp: "jour encadré\u00a0: aujourd’hui",
	OffHelp:   "jour grisé\u00a0: hors de la période, ou d’un autre mois",

	months: frNames.Months, monthsShort: frNames.MonthsShort, weekdays: frNames.Weekdays, weekdaysShort: frNames.WeekdaysShort,
	states: map[pipeline.Status]words{
		pipeline.StatusScheduled: {"programmée", "programmées"},
		pipeline.StatusPublished: {"publiée", "publiées"},
		pipeline.StatusFailed:    {"en échec", "en échec"},
		pipeline.StatusMissed:    {"manquée", "manquées"},
		pipeline.StatusRetracted: {"retirée", "retirées"},
		pipeline.StatusDraft:     {"brouillon", "brouillons"},
	},
	stateHelp: map[pipeline.Status]string{
		pipeline.StatusScheduled: "attend sa date et son heure",
		pipeline.StatusPublished: "partie sur tous ses canaux",
		pipeline.StatusFailed:    "au moins un canal a échoué",
		pipeline.StatusMissed:    "l’heure est passée et rien n’est parti sur au moins un canal",
		pipeline.StatusRetracted: "supprimée des réseaux, la trace reste",
		pipeline.StatusDraft:     "pas encore prête, ne part pas",
	},
	severities: map[pipeline.Severity]words{
		pipeline.Error:      {"erreur", "erreurs"},
		pipeline.Warning:    {"avertissement", "avertissements"},
		pipeline.Suggestion: {"suggestion", "suggestions"},
	},
	units: map[string]string{
		"characters":          "caractères",
		"graphemes":           "graphèmes",
		"weighted characters": "caractères pondérés",
		"UTF-16 code units":   "unités UTF-16",
	},
	Colon: "\u00a0:",
	spaces: map[rune]string{
		'\u00a0': "espace insécable",
		'\u202f': "espace fine insécable",
		'\u2009': "espace fine",
		'\u200b': "espace sans chasse",
		' ':      "espace",
	},
	ordinalFirst: "1er",
	f: phrases{
		period: func(from, to string) string { return "du " + from + " au " + to },
		generated: func(when, zone string) string {
			return "Généré le " + when + " (" + zone + ")"
		},
		total: func(n int) string {
			if n == 1 {
				return "1 publication"
			}
			return fmt.Sprintf("%d publications", n)
		},
		weekHeading: func(week int, from, to string) string {
			return fmt.Sprintf("Semaine %d · du %s au %s", week, from, to)
		},
		every: func(iv pipeline.Interval) string {
			unit := map[string]words{"day": {"jour", "jours"}, "week": {"semaine", "semaines"}, "month": {"mois", "mois"}}[iv.Unit]
			if iv.N == 1 {
				switch iv.Unit {
				case "week":
					return "chaque semaine"
				case "month":
					return "chaque mois"
				}
				return "chaque jour"
			}
			if iv.Unit == "week" {
				return fmt.Sprintf("toutes les %d %s", iv.N, unit.n(iv.N))
			}
			return fmt.Sprintf("tous les %d %s", iv.N, unit.n(iv.N))
		},
		on:     func(every string, days []string) string { return every + "\u00a0: " + strings.Join(days, ", ") },
		rule:   func(rrule string) string { return "selon la règle " + rrule },
		except: func(days []string) string { return "sauf le " + strings.Join(days, ", le ") },
		until:  func(date string) string { return "jusqu’au " + date },
		times:  func(n int) string { return fmt.Sprintf("%d fois", n) },
		over: func(n int, unit string) string {
			return fmt.Sprintf("%d %s de trop", n, unit)
		},
		threadOf:  func(n int) string { return fmt.Sprintf("fil de %d messages", n) },
		published: func(when string) string { return "Publiée le " + when },
		linkText:  func(channel string) string { return "voir la publication sur " + channel },
		remoteID:  func(id string) string { return "identifiant " + id },
		failed: func(attempts int, when string) string {
			s := "Échec"
			if attempts > 1 {
				s += fmt.Sprintf(" après %d tentatives", attempts)
			}
			if when != "" {
				s += " (dernière le " + when + ")"
			}
			return s
		},
		retry: func(again bool) string {
			if again {
				return "crieur réessaiera lors d’un prochain passage."
			}
			return "crieur ne réessaiera plus\u00a0: à régler à la main."
		},
		retracted: func(when string) string { return "Retirée le " + when },
		notYet:    "Pas encore publiée.",
		forOcc:    func(when string) string { return "pour l’occurrence du " + when },
		noImages: func(network string, n int) string {
			return fmt.Sprintf("%s ne prend pas d’images\u00a0: %d laissée(s) de côté.", network, n)
		},
		fix:       func(text string) string { return "Correction proposée\u00a0: «\u00a0" + text + "\u00a0»" },
		deleteFix: "Correction proposée\u00a0: supprimer.",
		replaces:  func(path string) string { return "remplace " + path },
		campaign:  func(c string) string { return "campagne " + c },
		brand:     func(b string) string { return "marque " + b },
		lang:      func(l string) string { return "langue " + l },
		sponsored: "sponsorisée",
	},
}

var english = &Labels{
	Lang:         "en",
	DefaultTitle: "Editorial calendar",
	Views:        "Views",
	MonthView:    "By month",
	WeekView:     "By week",
	PostsView:    "Posts in detail",
	Legend:       "Legend",
	Counts:       "In this period",
	Period:       "Period",
	TimeZone:     "Time zone",
	Today:        "today",
	Recurring:    "recurring",
	Nothing:      "Nothing planned",
	Outside:      "outside the period",
	NoneInMonth:  "No post this month.",
	NoneInPeriod: "No post in this period.",
	Week:         "Week",
	WeekAbbr:     "W",
	File:         "File",
	Findings:     "Review notes (crieur lint)",
	Where:        "Where",
	Rule:         "Rule",
	Severity:     "Severity",
	Message:      "Message",
	Images:       "Images",
	NoAlt:        "⚠ No alt text: describe the image in alt:, for the people who cannot see it.",
	FirstComment: "First comment",
	Occurrences:  "In this period",
	CutNote:      "✂ The struck-out text passes the limit and would be cut.",
	UnknownChan:  "This channel is not in crieur.yml: nothing will be published here.",
	ChannelState: "State",
	MarkHelp: [3]string{
		"✖ error: blocks publishing until it is fixed",
		"⚠ warning: to check",
		"ℹ suggestion",
	},
	RecurHelp: "↻ one occurrence of a recurring post",
	TodayHelp: "framed day: today",
	OffHelp:   "grey day: outside the period, or in another month",

	months: enNames.Months, monthsShort: enNames.MonthsShort, weekdays: enNames.Weekdays, weekdaysShort: enNames.WeekdaysShort,
	states: map[pipeline.Status]words{
		pipeline.StatusScheduled: {"scheduled", "scheduled"},
		pipeline.StatusPublished: {"published", "published"},
		pipeline.StatusFailed:    {"failed", "failed"},
		pipeline.StatusMissed:    {"missed", "missed"},
		pipeline.StatusRetracted: {"retracted", "retracted"},
		pipeline.StatusDraft:     {"draft", "drafts"},
	},
	stateHelp: map[pipeline.Status]string{
		pipeline.StatusScheduled: "waiting for its date and time",
		pipeline.StatusPublished: "went out on every channel",
		pipeline.StatusFailed:    "at least one channel failed",
		pipeline.StatusMissed:    "its time has passed and nothing went out on at least one channel",
		pipeline.StatusRetracted: "taken down from the networks, the record stays",
		pipeline.StatusDraft:     "not ready, does not go out",
	},
	severities: map[pipeline.Severity]words{
		pipeline.Error:      {"error", "errors"},
		pipeline.Warning:    {"warning", "warnings"},
		pipeline.Suggestion: {"suggestion", "suggestions"},
	},
	units: map[string]string{},
	Colon: ":",
	spaces: map[rune]string{
		'\u00a0': "no-break space",
		'\u202f': "narrow no-break space",
		'\u2009': "thin space",
		'\u200b': "zero-width space",
		' ':      "space",
	},
	ordinalFirst: "1",
	f: phrases{
		period: func(from, to string) string { return from + " to " + to },
		generated: func(when, zone string) string {
			return "Generated on " + when + " (" + zone + ")"
		},
		total: func(n int) string {
			if n == 1 {
				return "1 post"
			}
			return fmt.Sprintf("%d posts", n)
		},
		weekHeading: func(week int, from, to string) string {
			return fmt.Sprintf("Week %d · %s to %s", week, from, to)
		},
		every:  func(iv pipeline.Interval) string { return "every " + iv.String() },
		on:     func(every string, days []string) string { return every + ": " + strings.Join(days, ", ") },
		rule:   func(rrule string) string { return "by the rule " + rrule },
		except: func(days []string) string { return "except " + strings.Join(days, ", ") },
		until:  func(date string) string { return "until " + date },
		times: func(n int) string {
			if n == 1 {
				return "once"
			}
			return fmt.Sprintf("%d times", n)
		},
		over:      func(n int, unit string) string { return fmt.Sprintf("%d %s over", n, unit) },
		threadOf:  func(n int) string { return fmt.Sprintf("thread of %d", n) },
		published: func(when string) string { return "Published on " + when },
		linkText:  func(channel string) string { return "see the post on " + channel },
		remoteID:  func(id string) string { return "id " + id },
		failed: func(attempts int, when string) string {
			s := "Failed"
			if attempts > 1 {
				s += fmt.Sprintf(" after %d attempts", attempts)
			}
			if when != "" {
				s += " (last on " + when + ")"
			}
			return s
		},
		retry: func(again bool) string {
			if again {
				return "crieur will try again on a later run."
			}
			return "crieur will not try again: to be settled by hand."
		},
		retracted: func(when string) string { return "Retracted on " + when },
		notYet:    "Not published yet.",
		forOcc:    func(when string) string { return "for the occurrence of " + when },
		noImages: func(network string, n int) string {
			return fmt.Sprintf("%s takes no images: %d left out.", network, n)
		},
		fix:       func(text string) string { return "Suggested fix: “" + text + "”" },
		deleteFix: "Suggested fix: delete.",
		replaces:  func(path string) string { return "replaces " + path },
		campaign:  func(c string) string { return "campaign " + c },
		brand:     func(b string) string { return "brand " + b },
		lang:      func(l string) string { return "language " + l },
		sponsored: "sponsored",
	},
}

// labelsFor picks the labels of a language: "fr" (the default, also for
// "") or "en", a region after a hyphen or underscore ignored (fr-BE).
func labelsFor(lang string) (*Labels, error) {
	base, _, _ := strings.Cut(strings.ToLower(strings.TrimSpace(lang)), "-")
	base, _, _ = strings.Cut(base, "_")
	switch base {
	case "", "fr":
		return french, nil
	case "en":
		return english, nil
	}
	return nil, fmt.Errorf("planpage: no labels for language %q: use fr or en", lang)
}

// dayNumber writes the day of the month, "1er" for the first in French.
func (l *Labels) dayNumber(d int) string {
	if d == 1 {
		return l.ordinalFirst
	}
	return fmt.Sprint(d)
}

// longDate: "mardi 1er décembre 2026", "Tuesday 1 December 2026".
func (l *Labels) longDate(t time.Time) string {
	return fmt.Sprintf("%s %s %s %d", l.weekdays[render.WeekdayIndex(t.Weekday())], l.dayNumber(t.Day()), l.months[t.Month()-1], t.Year())
}

// date: "1er décembre 2026", "1 December 2026".
func (l *Labels) date(t time.Time) string {
	return fmt.Sprintf("%s %s %d", l.dayNumber(t.Day()), l.months[t.Month()-1], t.Year())
}

// dayMonth: "mardi 1er décembre", without the year.
func (l *Labels) dayMonth(t time.Time) string {
	return fmt.Sprintf("%s %s %s", l.weekdays[render.WeekdayIndex(t.Weekday())], l.dayNumber(t.Day()), l.months[t.Month()-1])
}

// shortDate: "mar. 1 déc.", "Tue 1 Dec".
func (l *Labels) shortDate(t time.Time) string {
	return fmt.Sprintf("%s %d %s", l.weekdaysShort[render.WeekdayIndex(t.Weekday())], t.Day(), l.monthsShort[t.Month()-1])
}

// dateTime: "mardi 1er décembre 2026 à 09:30", "Tuesday 1 December 2026 at 09:30".
func (l *Labels) dateTime(t time.Time) string {
	at := " à "
	if l.Lang == "en" {
		at = " at "
	}
	return l.longDate(t) + at + t.Format("15:04")
}

// monthName: "décembre 2026", "December 2026".
func (l *Labels) monthName(y int, m time.Month) string {
	return fmt.Sprintf("%s %d", l.months[m-1], y)
}

func (l *Labels) state(s pipeline.Status, n int) string {
	if w, ok := l.states[s]; ok {
		return w.n(n)
	}
	return string(s)
}

func (l *Labels) severity(s pipeline.Severity, n int) string {
	if w, ok := l.severities[s]; ok {
		return w.n(n)
	}
	return s.String()
}

func (l *Labels) unit(u string) string {
	if t, ok := l.units[u]; ok {
		return t
	}
	return u
}

// visible names the characters of a suggested text that cannot be seen
// (a no-break space before « ! »): "[espace insécable]!". A plain space
// is named only when the text is nothing else.
func (l *Labels) visible(s string) string {
	blank := strings.TrimSpace(s) == ""
	var b strings.Builder
	for _, r := range s {
		if name, ok := l.spaces[r]; ok && (r != ' ' || blank) {
			b.WriteString("[" + name + "]")
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}
