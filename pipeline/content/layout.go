package content

import (
	"path"
	"strings"
	"time"
)

// Where a content repository keeps things, said once: every other package
// asks here. Paths are relative to the content root (the folder of
// crieur.yml), with forward slashes.
const (
	// PostsDir holds the posts, posts/YYYY/MM/<slug>.md by convention;
	// any .md file below it is a post.
	PostsDir = "posts"
	// DefaultJournalDir is the journal's folder (journal/YYYY-MM.jsonl)
	// unless crieur.yml's journal: moves it (Config.Journal).
	DefaultJournalDir = "journal"
	// MetricsDir holds the engagement readings, metrics/YYYY-MM.csv.
	MetricsDir = "metrics"
	// ReportsDir holds the monthly reports, reports/YYYY-MM[/brand]/.
	ReportsDir = "reports"
	// StateDir holds the publisher's lock and intent log (.crieur/).
	StateDir = ".crieur"
	// FreezeFile stops publishing: a crisis freeze is one commit that
	// adds it, and every run honours it.
	FreezeFile = "freeze.yml"
)

// IsPostPath reports whether rel (relative to the content root) names a
// post: a .md file under posts/.
func IsPostPath(rel string) bool {
	return strings.HasPrefix(rel, PostsDir+"/") && strings.HasSuffix(rel, ".md")
}

// PostPath is where a new post published at t goes: posts/YYYY/MM/<slug>.md,
// the month in the repository's zone loc.
func PostPath(t time.Time, loc *time.Location, slug string) string {
	return path.Join(PostsDir, t.In(loc).Format("2006/01"), slug+".md")
}

// ReportDir is the folder of a month's report, reports/YYYY-MM, or
// reports/YYYY-MM/<brand> for one brand's.
func ReportDir(month time.Time, brand string) string {
	return path.Join(ReportsDir, month.Format("2006-01"), brand)
}

// JournalFile is the journal file of a record made at t,
// YYYY-MM.jsonl in the journal's folder: the month where it happened, in
// t's zone.
func JournalFile(t time.Time) string { return t.Format("2006-01") + ".jsonl" }

// JournalDir is the journal's folder, as an absolute path.
func (r *Repo) JournalDir() string { return r.Abs(r.Config.Journal) }

// Journal is the repository's journal.
func (r *Repo) Journal() Journal {
	j := Journal{Dir: r.JournalDir()}
	if r.Ledger != nil {
		j.Ledger = r.Ledger.Journal
	}
	return j
}

// MetricsDir is the readings' folder, as an absolute path.
func (r *Repo) MetricsDir() string { return r.Abs(MetricsDir) }
