package journal

import (
	"embed"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/crieur/crieur/pipeline"
	"github.com/crieur/crieur/pipeline/i18n"
)

//go:embed messages
var catalog embed.FS

// say is what the text view says, in each language (messages/*.yaml).
var say = i18n.MustLoad(catalog, "messages")

// About keeps the records about the posts named, paths relative to the
// content root; all of them when no post is named.
func About(recs []pipeline.Record, posts ...string) []pipeline.Record {
	if len(posts) == 0 {
		return recs
	}
	want := map[string]bool{}
	for _, p := range posts {
		want[p] = true
	}
	var out []pipeline.Record
	for _, r := range recs {
		if want[r.Post] {
			out = append(out, r)
		}
	}
	return out
}

// WriteText writes records as the audit trail, one a line, times in the
// repository's zone loc: when, what, the channel and the post, where it
// went (URL or remote id), the error, the pull request, its author and
// approvers, and the commit it came from.
func WriteText(w io.Writer, recs []pipeline.Record, loc *time.Location) {
	WriteTextIn(w, recs, loc, i18n.English)
}

// WriteTextIn is WriteText in l.
func WriteTextIn(w io.Writer, recs []pipeline.Record, loc *time.Location, l i18n.Lang) {
	if len(recs) == 0 {
		fmt.Fprintln(w, say.Text(l, "none", nil))
		return
	}
	width := actionWidth(l)
	for _, r := range recs {
		fmt.Fprintln(w, line(r, loc, l, width))
	}
}

// actionIn is a record's action in l; one the catalog does not know
// stays as the journal writes it.
func actionIn(a pipeline.Action, l i18n.Lang) string {
	if !say.Has("action." + string(a)) {
		return string(a)
	}
	return say.Text(l, "action."+string(a), nil)
}

// actionWidth is the action column's width in l: the longest word of
// the catalog's actions, 9 at least (English's, published and retracted).
func actionWidth(l i18n.Lang) int {
	width := 9
	for _, id := range say.IDs("action.") {
		width = max(width, utf8.RuneCountInString(say.Text(l, id, nil)))
	}
	return width
}

func line(r pipeline.Record, loc *time.Location, l i18n.Lang, width int) string {
	where := r.URL
	if where == "" {
		where = r.RemoteID
	}
	line := fmt.Sprintf("%s  %-*s %-10s %s", r.Time.In(loc).Format("2006-01-02 15:04"), width, actionIn(r.Action, l), r.Channel, r.Post)
	if where != "" {
		line += "  " + where
	}
	if r.Error != "" {
		line += "  (" + r.Error + ")"
	}
	if r.PullRequest != 0 {
		line += fmt.Sprintf("  #%d", r.PullRequest)
	}
	if r.Author != "" {
		line += "  " + say.Text(l, "by", i18n.Args{"author": r.Author})
	}
	if len(r.Approvers) > 0 {
		line += say.Text(l, "approved", i18n.Args{"approvers": strings.Join(r.Approvers, ", ")})
	}
	if r.SourceCommit != "" {
		line += "  @" + r.SourceCommit[:min(7, len(r.SourceCommit))]
	}
	return line
}

// WriteJSON writes records as an indented JSON array, [] when there is
// none.
func WriteJSON(w io.Writer, recs []pipeline.Record) error {
	if recs == nil {
		recs = []pipeline.Record{}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(recs)
}
