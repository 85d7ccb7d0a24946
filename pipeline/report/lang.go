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
// French; English second.
type words struct {
	lang                  string
	months                [12]string
	weekdays, weekdayAbbr [7]string // Monday first
	thousands, decimal    string
	percent               string // between the number and %
	colon, lq, rq, semi   string // typography: " :", « », " ;"

	title, generatedFrom, brand, allBrands                                      string
	nothing, nothingHint                                                        string
	kpiPublications, kpiInteractions, kpiRate, kpiPerPost, kpiImpressions       string
	kpiFailures, vsPrevious, newThisMonth, noPrevious                           string
	rateNote, perPostNote, rateMixedNote                                        string
	summary, engagement, metric, total, reportedBy, notAvailable                string
	channels, networks, campaigns, channel, network, campaign, noCampaign       string
	publications, interactions, rate, perPost, impressions, measured, published string
	top, bottom, unmeasured, unmeasuredOne, onlyFew, evolution                  string
	publication, date, link                                                     string
	calendar, day, whatWentOut                                                  string
	perDay, perDayNote, perDayChart, gained                                     string
	timing, weekday, hour, heatChart, channelChart                              string
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

	title: "Rapport mensuel", generatedFrom: "Établi à partir du journal des publications et des relevés d’engagement de", brand: "Marque", allBrands: "toutes les marques",
	nothing: "Rien n’a été publié ce mois-ci.", nothingHint: "Le journal ne contient aucune publication pour cette période.",
	kpiPublications: "Publications", kpiInteractions: "Interactions", kpiRate: "Taux d’engagement", kpiPerPost: "Interactions par publication", kpiImpressions: "Impressions",
	kpiFailures: "Échecs non résolus", vsPrevious: "par rapport à", newThisMonth: "nouveau", noPrevious: "pas de mois précédent",
	rateNote:      "taux d’engagement = interactions ÷ impressions, sur les publications dont le réseau donne les impressions",
	perPostNote:   "le réseau ne donne pas les impressions\u00a0: interactions par publication mesurée",
	rateMixedNote: "Taux = interactions ÷ impressions là où le réseau donne les impressions\u202f; ailleurs, interactions par publication mesurée («\u202f/ pub.\u202f»).",
	summary:       "En bref", engagement: "Engagement", metric: "Indicateur", total: "Total", reportedBy: "Publications qui le mesurent", notAvailable: "non disponible",
	channels: "Par canal", networks: "Par réseau", campaigns: "Par campagne", channel: "Canal", network: "Réseau", campaign: "Campagne", noCampaign: "(sans campagne)",
	publications: "Publications", interactions: "Interactions", rate: "Taux", perPost: "/ pub.", impressions: "Impressions", measured: "mesurées", published: "Publiée le",
	top: "Les 5 publications les plus engageantes", bottom: "Les 5 publications les moins engageantes", unmeasured: "publications sans relevé d’engagement", unmeasuredOne: "publication sans relevé d’engagement", evolution: "Évolution", onlyFew: "Trop peu de publications mesurées pour un classement des moins engageantes.",
	publication: "Publication", date: "Date", link: "Lien",
	calendar: "Calendrier du mois", day: "Jour", whatWentOut: "Ce qui est parti",
	perDay: "Engagement gagné par jour", perDayNote: "Différence entre deux relevés successifs d’une même publication, comptée le jour du relevé.", perDayChart: "Interactions gagnées chaque jour du mois", gained: "interactions gagnées",
	timing: "Jours et heures de publication", weekday: "Jour", hour: "Heure", heatChart: "Publications par jour de la semaine et par heure", channelChart: "Publications par canal",
	caught: "Ce que la relecture a corrigé", caughtNote: "Constats présents dans une version antérieure d’un post et absents de la version publiée.", rule: "Règle", severity: "Gravité", count: "Nombre", posts: "Posts", examples: "Exemples", caughtNone: "Aucune correction relevée par la relecture ce mois-ci.",
	failures: "Échecs", failuresNone: "Aucun échec ce mois-ci.", stillFailing: "toujours en échec", succeededLater: "réussie ensuite le", recovered: "récupérée le", retracted: "retirée le",
	retraction: "retrait", error: "Erreur", attempts: "Tentatives", outcome: "Issue", retractions: "Retraits", retractionsNone: "Aucun retrait ce mois-ci.",
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

	title: "Monthly report", generatedFrom: "Built from the publication journal and engagement readings of", brand: "Brand", allBrands: "all brands",
	nothing: "Nothing was published this month.", nothingHint: "The journal holds no publication for this period.",
	kpiPublications: "Publications", kpiInteractions: "Interactions", kpiRate: "Engagement rate", kpiPerPost: "Interactions per publication", kpiImpressions: "Impressions",
	kpiFailures: "Unresolved failures", vsPrevious: "compared with", newThisMonth: "new", noPrevious: "no previous month",
	rateNote:      "engagement rate = interactions ÷ impressions, over the publications whose network reports impressions",
	perPostNote:   "the network does not report impressions: interactions per measured publication",
	rateMixedNote: "Rate = interactions ÷ impressions where the network reports impressions; elsewhere, interactions per measured publication (\"/ post\").",
	summary:       "At a glance", engagement: "Engagement", metric: "Metric", total: "Total", reportedBy: "Publications that measure it", notAvailable: "not available",
	channels: "By channel", networks: "By network", campaigns: "By campaign", channel: "Channel", network: "Network", campaign: "Campaign", noCampaign: "(no campaign)",
	publications: "Publications", interactions: "Interactions", rate: "Rate", perPost: "/ post", impressions: "Impressions", measured: "measured", published: "Published",
	top: "Top 5 publications", bottom: "Bottom 5 publications", unmeasured: "publications without an engagement reading", unmeasuredOne: "publication without an engagement reading", evolution: "Change", onlyFew: "Too few measured publications to rank the bottom ones.",
	publication: "Publication", date: "Date", link: "Link",
	calendar: "Calendar of the month", day: "Day", whatWentOut: "What went out",
	perDay: "Engagement gained per day", perDayNote: "The difference between two successive readings of a publication, counted on the day of the reading.", perDayChart: "Interactions gained each day of the month", gained: "interactions gained",
	timing: "Days and hours of publication", weekday: "Day", hour: "Hour", heatChart: "Publications per weekday and hour", channelChart: "Publications per channel",
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

// unmeasuredText says how many publications have no reading.
func (w *words) unmeasuredText(n int) string {
	if n == 1 {
		return "1 " + w.unmeasuredOne
	}
	return w.int(int64(n)) + " " + w.unmeasured
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
