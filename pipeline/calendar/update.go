package calendar

import (
	"bytes"
	"reflect"
	"slices"
	"strings"

	"github.com/crieur/crieur/pipeline"
	"github.com/crieur/crieur/pipeline/content"
	"github.com/crieur/crieur/pipeline/i18n"
)

// updater works out what the rows naming existing posts change in them.
type updater struct {
	repo       *content.Repo
	lang       i18n.Lang                // the reader's: the refusals' language
	exists     map[string]bool          // the paths of every post
	files      map[string]*content.File // the posts named, by path
	ids        map[string]string        // id -> path, of the posts read
	records    []pipeline.Record        // the journal, ledger merged
	unreadable map[string]string        // path -> its first load error
	first      map[string]firstRow      // the first row naming each post
}

// firstRow is the first row naming a post, and what it changes.
type firstRow struct {
	number int
	update content.Update
	col    string // the column of its first change
}

// byID gives a row that names its post by id the post's path.
func (u *updater) byID(row *Row) error {
	path, ok := u.ids[row.ID]
	switch {
	case !ok:
		return row.refuseIn(u.lang, colID, "row.no_id", i18n.Args{"value": quote(u.lang, row.ID)})
	case row.Path != "" && row.Path != path && u.exists[row.Path]:
		return row.refuseIn(u.lang, colPath, "row.other_id", i18n.Args{"id": row.ID, "path": path, "other": row.Path})
	}
	row.Path = path
	return nil
}

// update is what row does to the post it names. counted says that an
// earlier row of the same recurring post already said it.
func (u *updater) update(row Row) (c change, counted bool, err error) {
	f := u.files[row.Path]
	if msg := u.unreadable[row.Path]; msg != "" || f == nil {
		return c, false, row.refuseIn(u.lang, colPath, "row.unreadable", i18n.Args{"path": row.Path, "detail": msg})
	}
	p := f.Post
	if p.Repeat != nil {
		if len(p.Occurrences(row.PublishAt, row.PublishAt)) == 0 {
			return c, false, row.refuseIn(u.lang, colPublishAt, "row.not_a_date", i18n.Args{"time": pipeline.FormatTime(row.PublishAt, u.repo.Config.Timezone), "path": row.Path})
		}
		row.PublishAt = p.PublishAt // one of its dates: the others come from repeat
	}
	up, col := changesOf(row, p)
	if prev, seen := u.first[row.Path]; seen {
		if p.Repeat == nil {
			return c, false, row.refuseIn(u.lang, colPath, "row.twice", i18n.Args{"row": prev.number, "path": row.Path})
		}
		if !reflect.DeepEqual(prev.update, up) {
			if col == "" {
				col = prev.col
			}
			return c, false, row.refuseIn(u.lang, col, "row.differs", i18n.Args{"row": row.Number, "path": row.Path, "column": col, "other": prev.number})
		}
		return c, true, nil
	}
	u.first[row.Path] = firstRow{number: row.Number, update: up, col: col}
	c = change{row: row, path: row.Path, old: f.Source}
	if up.Empty() {
		return c, false, nil
	}
	if why := sent(p, u.records, u.lang); why != "" && (p.Repeat == nil || p.Status == pipeline.StatusRetracted) {
		return c, false, row.refuseIn(u.lang, col, "row.went_out", i18n.Args{"path": row.Path, "why": why, "column": col})
	}
	out, err := u.repo.UpdatePost(f, up)
	if err != nil {
		return c, false, row.refuse(col, err.Error(), say.Text(u.lang, "row.update_hint", nil))
	}
	if !bytes.Equal(out, f.Source) {
		c.new = out
	}
	status := p.Status
	if up.Status != nil {
		status = *up.Status
	}
	c.past = up.PublishAt != nil && status != pipeline.StatusDraft
	return c, false, nil
}

// changesOf is what row says differently from p, and the column of the
// first difference. An empty channels or lang cell changes nothing; an
// empty title or campaign removes it; status goes from scheduled to
// draft or back, any other status being what crieur says of the post.
func changesOf(row Row, p *pipeline.Post) (content.Update, string) {
	var up content.Update
	first := ""
	mark := func(col string) {
		if first == "" {
			first = col
		}
	}
	if !row.PublishAt.Equal(p.PublishAt) {
		t := row.PublishAt
		up.PublishAt = &t
		mark(colPublishAt)
	}
	if len(row.Channels) > 0 && !slices.Equal(row.Channels, p.Channels) {
		up.Channels = row.Channels
		mark(colChannels)
	}
	if row.Lang != "" && row.Lang != p.Lang {
		up.Lang = &row.Lang
		mark(colLang)
	}
	if row.has(colCampaign) && oneLine(row.Campaign) != oneLine(p.Campaign) {
		up.Campaign = &row.Campaign
		mark(colCampaign)
	}
	if row.has(colTitle) && oneLine(row.Title) != oneLine(p.Title) {
		up.Title = &row.Title
		mark(colTitle)
	}
	if strings.TrimSpace(row.Text) != strings.TrimSpace(bodyText(p)) {
		up.Text = &row.Text
		mark(colText)
	}
	var status pipeline.Status
	switch {
	case row.Status == pipeline.StatusDraft && p.Status != pipeline.StatusDraft:
		status = pipeline.StatusDraft
	case row.Status == pipeline.StatusScheduled && p.Status == pipeline.StatusDraft:
		status = pipeline.StatusScheduled
	}
	if status != "" {
		up.Status = &status
		mark(colStatus)
	}
	return up, first
}

// sent says why crieur holds p for sent, "" when nothing of it went
// out: its status, a publication with a remote id, or a record of the
// journal. It says so in l.
func sent(p *pipeline.Post, records []pipeline.Record, l i18n.Lang) string {
	if p.Status == pipeline.StatusPublished || p.Status == pipeline.StatusRetracted {
		return say.Text(l, "sent.status", i18n.Args{"status": string(p.Status)})
	}
	for _, ch := range p.Channels {
		if p.Publications[ch].Done() {
			return say.Text(l, "sent.published", i18n.Args{"channel": ch})
		}
	}
	for _, r := range recordsOf(p, records) {
		if r.WentOut() {
			return say.Text(l, "sent.journal", i18n.Args{"channel": r.Channel})
		}
	}
	return ""
}
