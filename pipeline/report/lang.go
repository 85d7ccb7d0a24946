package report

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/crieur/crieur/pipeline"
	"github.com/crieur/crieur/pipeline/render"
)

// words are the labels of one language. French first: the users are
// French; English second. A pair of strings is the singular and the
// plural of the same sentence, chosen by the count it formats.
type words struct {
	lang                  string
	months                [12]string
	weekdays, weekdayAbbr [7]string // Monday first
	thousands, decimal    string
	percent               string // between the number and %
	colon, lq, rq, semi   string // typography: " :", « », " ;"
	hours, hour1          string // an hour slot, "%d h–%d h", and an hour, "%d h"

	title, generatedFrom, brand, brands                                         string
	nothing, nothingHint, noMetrics, noMetricsHint                              string
	kpiPublications, kpiInteractions, kpiRate, kpiPerPost                       string
	kpiFailures, vsPrevious, newThisMonth, noPrevious                           string
	rateBase, perPostBase, cellBase, measuredN, pubsN                           [2]string
	lowBase, lowBaseShort, rateNote, groupsNote                                 string
	summary, engagement, metric, total, reportedBy, notAvailable                string
	channels, networks, campaigns, channel, network, campaign, noCampaign       string
	publications, interactions, rate, perPost, impressions, measured, published string
	top, bottom, onlyFew, evolution                                             string
	rankNote, unmeasured                                                        [2]string
	publication, date, link                                                     string
	calendar, day, whatWentOut                                                  string
	perDay, perDayNote, perDayNone, perDayChart, gained, axisInteractions       string
	timing, timingNote, weekday, hour, median, heatChart, slotsTable            string
	best, noBest, channelChart, chartData                                       string
	caught, caughtNote, rule, severity, count, posts, examples, caughtNone      string
	failures, failuresNone, stillFailing, succeededLater, recovered, retracted  string
	retraction, error, attempts, outcome, retractions, retractionsNone          string
	more, deletedPost, footer                                                   string
	severities                                                                  map[pipeline.Severity]string
	metrics                                                                     map[pipeline.Metric]string
}

// The names of the months and weekdays are render's.
var frNames, enNames = render.NamesFor("fr"), render.NamesFor("en")

var french = &words{
	lang:   "fr",
	months: frNames.Months, weekdays: frNames.Weekdays, weekdayAbbr: frNames.WeekdaysShort,
	thousands: "\u202f", decimal: ",", percent: "\u202f",
	colon: "\u00a0:", lq: "«\u202f", rq: "\u202f»", semi: "\u202f;",
	hours: "%d\u00a0h–%d\u00a0h", hour1: "%d\u00a0h",

	title: "Rapport mensuel", generatedFrom: "Établi à partir du journal des publications et des relevés d’engagement de", brand: "Marque", brands: "Marques",
	nothing: "Rien n’a été publié ce mois-ci.", nothingHint: "Le journal ne contient aucune publication pour cette période.",
	noMetrics:       "Pas encore de relevé d’engagement pour les publications de ce mois.",
	noMetricsHint:   "Les interactions viennent des relevés\u00a0: lancez «\u202fcrieur metrics\u202f» (ou laissez tourner le workflow metrics du dépôt), puis générez à nouveau ce rapport.",
	kpiPublications: "Publications", kpiInteractions: "Interactions", kpiRate: "Taux d’engagement", kpiPerPost: "Interactions par publication",
	kpiFailures: "Échecs non résolus", vsPrevious: "par rapport à", newThisMonth: "nouveau", noPrevious: "pas de mois précédent",
	rateBase:     [2]string{"sur %d publication sur %d, celle dont le réseau donne les impressions", "sur %d publications sur %d, celles dont le réseau donne les impressions"},
	perPostBase:  [2]string{"sur %d publication mesurée sur %d", "sur %d publications mesurées sur %d"},
	cellBase:     [2]string{"sur %d publication", "sur %d publications"},
	measuredN:    [2]string{"%d publication mesurée", "%d publications mesurées"},
	pubsN:        [2]string{"%d publication", "%d publications"},
	lowBase:      "Base trop faible pour en tirer une conclusion (moins de %d publications).",
	lowBaseShort: "base faible",
	rateNote:     "Taux d’engagement = interactions ÷ impressions, sur les seules publications dont le réseau donne les impressions.",
	groupsNote:   "Taux d’engagement = interactions ÷ impressions, sur les seules publications dont le réseau donne les impressions (leur nombre est indiqué avec le taux\u202f; «\u202f—\u202f» quand aucune ne les donne). Interactions par publication\u00a0: sur les publications mesurées.",
	summary:      "En bref", engagement: "Engagement", metric: "Indicateur", total: "Total", reportedBy: "Publications qui le mesurent", notAvailable: "non disponible",
	channels: "Par canal", networks: "Par réseau", campaigns: "Par campagne", channel: "Canal", network: "Réseau", campaign: "Campagne", noCampaign: "(sans campagne)",
	publications: "Publications", interactions: "Interactions", rate: "Taux d’engagement", perPost: "Interactions par publication mesurée", impressions: "Impressions", measured: "Mesurées", published: "Publiée le",
	top: "Les publications les plus engageantes", bottom: "Les publications les moins engageantes", evolution: "Évolution",
	rankNote:    [2]string{"Classement par nombre d’interactions, sur la seule publication mesurée.", "Classement par nombre d’interactions, parmi les %d publications mesurées."},
	onlyFew:     "Trop peu de publications mesurées (%d) pour classer aussi les moins engageantes\u00a0: il en faut plus de %d.",
	unmeasured:  [2]string{"%d publication sans relevé d’engagement.", "%d publications sans relevé d’engagement."},
	publication: "Publication", date: "Date", link: "Lien",
	calendar: "Calendrier du mois", day: "Jour", whatWentOut: "Ce qui est parti",
	perDay: "Engagement gagné par jour", perDayNote: "Différence entre deux relevés successifs d’une même publication, comptée le jour du relevé.",
	perDayNone:  "Aucun relevé n’a été pris pendant le mois\u00a0: pas de courbe jour par jour.",
	perDayChart: "Interactions gagnées chaque jour du mois", gained: "interactions gagnées", axisInteractions: "interactions",
	timing:     "Quand publier",
	timingNote: "Dans chaque case, la médiane des interactions des publications mesurées parties ce jour-là à cette heure, et entre parenthèses leur nombre. Plus la case est foncée, plus elles ont fait réagir.",
	weekday:    "Jour", hour: "Heure", median: "Médiane des interactions", heatChart: "Engagement médian par jour de la semaine et par heure", slotsTable: "Les créneaux en chiffres",
	best:         "Meilleur créneau\u00a0: %s %s (%s, médiane de %s interactions).",
	noBest:       "Pas encore assez de données pour désigner un meilleur créneau\u00a0: il faut au moins %d publications mesurées dans un même créneau, et au moins deux créneaux à comparer.",
	channelChart: "Publications par canal", chartData: "Les chiffres du graphique",
	caught: "Ce que la relecture a corrigé", caughtNote: "Constats présents dans une version antérieure d’un post et absents de la version publiée.", rule: "Règle", severity: "Gravité", count: "Nombre", posts: "Posts", examples: "Exemples", caughtNone: "Aucune correction relevée par la relecture ce mois-ci.",
	failures: "Échecs", failuresNone: "Aucun échec ce mois-ci.", stillFailing: "toujours en échec", succeededLater: "réussie ensuite le", recovered: "récupérée le", retracted: "retirée le",
	retraction: "retrait", error: "Erreur", attempts: "Tentatives", outcome: "Résultat", retractions: "Retraits", retractionsNone: "Aucun retrait ce mois-ci.",
	more: "… et %d de plus", deletedPost: "fichier supprimé depuis", footer: "Rapport généré par crieur à partir de l’historique git du dépôt.",
	severities: map[pipeline.Severity]string{pipeline.Error: "erreur", pipeline.Warning: "avertissement", pipeline.Suggestion: "suggestion"},
	metrics: map[pipeline.Metric]string{pipeline.Likes: "J’aime", pipeline.Reposts: "Partages", pipeline.Replies: "Réponses", pipeline.Quotes: "Citations",
		pipeline.Impressions: "Impressions", pipeline.Clicks: "Clics", pipeline.Saves: "Enregistrements"},
}

var english = &words{
	lang:   "en",
	months: enNames.Months, weekdays: enNames.Weekdays, weekdayAbbr: enNames.WeekdaysShort,
	thousands: ",", decimal: ".", percent: "",
	colon: ":", lq: "“", rq: "”", semi: ";",
	hours: "%02d:00–%02d:00", hour1: "%d:00",

	title: "Monthly report", generatedFrom: "Built from the publication journal and engagement readings of", brand: "Brand", brands: "Brands",
	nothing: "Nothing was published this month.", nothingHint: "The journal holds no publication for this period.",
	noMetrics:       "No engagement reading yet for this month's publications.",
	noMetricsHint:   "Interactions come from readings: run “crieur metrics” (or let the repository's metrics workflow run), then draw this report again.",
	kpiPublications: "Publications", kpiInteractions: "Interactions", kpiRate: "Engagement rate", kpiPerPost: "Interactions per publication",
	kpiFailures: "Unresolved failures", vsPrevious: "compared with", newThisMonth: "new", noPrevious: "no previous month",
	rateBase:     [2]string{"on %d publication of %d, the one whose network reports impressions", "on %d publications of %d, those whose network reports impressions"},
	perPostBase:  [2]string{"on %d measured publication of %d", "on %d measured publications of %d"},
	cellBase:     [2]string{"on %d publication", "on %d publications"},
	measuredN:    [2]string{"%d measured publication", "%d measured publications"},
	pubsN:        [2]string{"%d publication", "%d publications"},
	lowBase:      "Too small a base to draw a conclusion (fewer than %d publications).",
	lowBaseShort: "small base",
	rateNote:     "Engagement rate = interactions ÷ impressions, only over the publications whose network reports impressions.",
	groupsNote:   "Engagement rate = interactions ÷ impressions, only over the publications whose network reports impressions (their number is given with the rate; “—” when none does). Interactions per publication: over the measured publications.",
	summary:      "At a glance", engagement: "Engagement", metric: "Metric", total: "Total", reportedBy: "Publications that measure it", notAvailable: "not available",
	channels: "By channel", networks: "By network", campaigns: "By campaign", channel: "Channel", network: "Network", campaign: "Campaign", noCampaign: "(no campaign)",
	publications: "Publications", interactions: "Interactions", rate: "Engagement rate", perPost: "Interactions per measured publication", impressions: "Impressions", measured: "Measured", published: "Published",
	top: "The most engaging publications", bottom: "The least engaging publications", evolution: "Change",
	rankNote:    [2]string{"Ranked by interactions, over the one measured publication.", "Ranked by interactions, among the %d measured publications."},
	onlyFew:     "Too few measured publications (%d) to rank the least engaging as well: it takes more than %d.",
	unmeasured:  [2]string{"%d publication without an engagement reading.", "%d publications without an engagement reading."},
	publication: "Publication", date: "Date", link: "Link",
	calendar: "Calendar of the month", day: "Day", whatWentOut: "What went out",
	perDay: "Engagement gained per day", perDayNote: "The difference between two successive readings of a publication, counted on the day of the reading.",
	perDayNone:  "No reading was taken during the month: no day-by-day curve.",
	perDayChart: "Interactions gained each day of the month", gained: "interactions gained", axisInteractions: "interactions",
	timing:     "When to post",
	timingNote: "In each cell, the median interactions of the measured publications that went out on that day at that hour, and their number in brackets. The darker the cell, the more they engaged.",
	weekday:    "Day", hour: "Hour", median: "Median interactions", heatChart: "Median engagement per weekday and hour", slotsTable: "The slots in figures",
	best:         "Best time to post: %s %s (%s, median %s interactions).",
	noBest:       "Not enough data yet to name a best time to post: it takes at least %d measured publications in one slot, and at least two slots to compare.",
	channelChart: "Publications per channel", chartData: "The chart's figures",
	caught: "What the review caught", caughtNote: "Findings present in an earlier version of a post and gone from the version that was published.", rule: "Rule", severity: "Severity", count: "Count", posts: "Posts", examples: "Examples", caughtNone: "The review caught nothing this month.",
	failures: "Failures", failuresNone: "No failure this month.", stillFailing: "still failing", succeededLater: "succeeded later on", recovered: "recovered on", retracted: "retracted on",
	retraction: "retraction", error: "Error", attempts: "Attempts", outcome: "Outcome", retractions: "Retractions", retractionsNone: "No retraction this month.",
	more: "… and %d more", deletedPost: "file deleted since", footer: "Report generated by crieur from the repository's git history.",
	severities: map[pipeline.Severity]string{pipeline.Error: "error", pipeline.Warning: "warning", pipeline.Suggestion: "suggestion"},
	metrics: map[pipeline.Metric]string{pipeline.Likes: "Likes", pipeline.Reposts: "Reposts", pipeline.Replies: "Replies", pipeline.Quotes: "Quotes",
		pipeline.Impressions: "Impressions", pipeline.Clicks: "Clicks", pipeline.Saves: "Saves"},
}

func wordsFor(lang string) *words {
	if strings.HasPrefix(strings.ToLower(lang), "en") {
		return english
	}
	return french
}

// int formats a count with the language's thousands separator.
func (w *words) int(n int64) string {
	s := strconv.FormatInt(n, 10)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	if neg {
		b.WriteString("−")
	}
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteString(w.thousands)
		}
		b.WriteRune(c)
	}
	return b.String()
}

// dec formats x with one decimal, in the language's notation.
func (w *words) dec(x float64) string {
	s := strconv.FormatFloat(x, 'f', 1, 64)
	whole, frac, _ := strings.Cut(s, ".")
	n, _ := strconv.ParseInt(whole, 10, 64)
	out := w.int(n)
	if n == 0 && strings.HasPrefix(whole, "-") {
		out = "−0"
	}
	return out + w.decimal + frac
}

// pct formats a fraction as a percentage with one decimal (two under 1 %).
func (w *words) pct(x float64) string {
	if x != 0 && x < 0.01 && x > -0.01 {
		s := strconv.FormatFloat(x*100, 'f', 2, 64)
		return strings.Replace(s, ".", w.decimal, 1) + w.percent + "%"
	}
	return w.dec(x*100) + w.percent + "%"
}

// change formats a month-over-month change: +12 %, −3 %, +0,5 %, or
// "new" from nothing.
func (w *words) change(now, before int64) string {
	switch {
	case before == 0 && now == 0:
		return "="
	case before == 0:
		return w.newThisMonth
	}
	d := float64(now-before) / float64(before)
	var s string
	if math.Abs(d) >= 0.1 {
		s = w.int(int64(math.Round(d*100))) + w.percent + "%"
	} else {
		s = w.pct(d)
	}
	if d > 0 {
		s = "+" + s
	}
	return s
}

// plural2 picks the singular or the plural of a pair by n.
func plural2(pair [2]string, n int) string {
	if n == 1 {
		return pair[0]
	}
	return pair[1]
}

// unmeasuredText says how many publications have no reading.
func (w *words) unmeasuredText(n int) string {
	return fmt.Sprintf(plural2(w.unmeasured, n), n)
}

// rateBaseText says what the month's engagement rate is computed on.
func (w *words) rateBaseText(g Group) string {
	return fmt.Sprintf(plural2(w.rateBase, g.WithImpressions), g.WithImpressions, g.Publications)
}

// perPostBaseText says what the interactions per publication are computed on.
func (w *words) perPostBaseText(g Group) string {
	return fmt.Sprintf(plural2(w.perPostBase, g.Measured), g.Measured, g.Publications)
}

// lowBaseText warns that a figure is computed on too few publications,
// "" when it is not.
func (w *words) lowBaseText(n int) string {
	if n >= MinBase {
		return ""
	}
	return fmt.Sprintf(w.lowBase, MinBase)
}

// hourSlot names an hour of the day as a slot: "12 h–13 h", "12:00–13:00".
func (w *words) hourSlot(h int) string { return fmt.Sprintf(w.hours, h, h+1) }

// bestText is the sentence on the best time to post, or why there is none.
func (w *words) bestText(r *Report) string {
	b := r.Best
	if b == nil {
		return fmt.Sprintf(w.noBest, BestSlotMin)
	}
	n := fmt.Sprintf(plural2(w.measuredN, b.Measured), b.Measured)
	return fmt.Sprintf(w.best, w.weekdays[b.Weekday], w.hourSlot(b.Hour), n, w.num(b.Median))
}

// slotText says what went out in a slot and how it engaged.
func (w *words) slotText(s Slot) string {
	t := w.weekdays[s.Weekday] + " " + w.hourSlot(s.Hour) + w.colon + " " + fmt.Sprintf(plural2(w.pubsN, s.Publications), s.Publications)
	if s.Measured > 0 {
		t += ", " + fmt.Sprintf(plural2(w.measuredN, s.Measured), s.Measured) + ", " + strings.ToLower(w.median) + " " + w.num(s.Median)
	}
	return t
}

// num formats a median: a whole number without decimals.
func (w *words) num(x float64) string {
	if x == math.Trunc(x) {
		return w.int(int64(x))
	}
	return w.dec(x)
}

// month names a month: "décembre 2026", "December 2026".
func (w *words) month(t time.Time) string {
	return fmt.Sprintf("%s %d", w.months[t.Month()-1], t.Year())
}

// Month with a capital, for a title.
func (w *words) Month(t time.Time) string { return capital(w.month(t)) }

// capital puts a capital to the first letter of s.
func capital(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[n:]
}

// dayName names a day: "mardi 1er décembre", "Tuesday 1 December".
func (w *words) dayName(t time.Time) string {
	d := strconv.Itoa(t.Day())
	if w == french && t.Day() == 1 {
		d = "1er"
	}
	return w.weekdays[weekday(t)] + " " + d + " " + w.months[t.Month()-1]
}

// shortDate is "01/12 09:30" in French, "1 Dec 09:30" in English (where
// 12/01 would be read either way).
func (w *words) shortDate(t time.Time) string {
	if w == french {
		return t.Format("02/01 15:04")
	}
	return t.Format("2 Jan 15:04")
}

func (w *words) severityName(s pipeline.Severity) string {
	if n, ok := w.severities[s]; ok {
		return n
	}
	return s.String()
}

// outcomeOf says what became of a failure.
func (w *words) outcomeOf(f Failure) string {
	if f.Resolved.IsZero() {
		return w.stillFailing
	}
	at := w.shortDate(f.Resolved)
	switch f.ResolvedBy {
	case pipeline.ActionRecovered:
		return w.recovered + " " + at
	case pipeline.ActionRetracted:
		return w.retracted + " " + at
	}
	return w.succeededLater + " " + at
}

// weekday is the day of the week, Monday first (0) as in Europe.
func weekday(t time.Time) int { return render.WeekdayIndex(t.Weekday()) }
