package calendar

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/crieur/crieur/pipeline"
	"github.com/crieur/crieur/pipeline/content"
	"github.com/crieur/crieur/pipeline/i18n"
	"github.com/crieur/crieur/pipeline/render"
)

// Importer is the import use case (crieur import): a planning
// spreadsheet, or the CSV of crieur plan --csv edited in a spreadsheet,
// read back into the posts. A row without a path (or whose path names no
// file) makes a new post; a row whose path names a post updates the
// fields the spreadsheet changed (publish_at, channels, lang, campaign,
// title, text, and status between draft and scheduled) through
// content.UpdatePost, the publisher's minimal-diff writer; a row that
// changes nothing is unchanged. A row is refused, with its spreadsheet
// row and column, when it changes a post that already went out (its
// status, its publications or the journal say so), the dates of a
// recurring post, or a post that cannot be read. Nothing is written
// unless every row can be: all rows are checked first, then each file is
// replaced atomically.
type Importer struct {
	Repo *content.Repo
	// Now is the current time: a row that sets a past time on a post
	// that is to go out is warned of (it would go out at the next
	// publish run). Zero warns of nothing.
	Now time.Time
	// Diff is the unified diff of a post file, for DryRun (old is nil for
	// a new file), its legend in the reader's language.
	Diff   func(path string, old, new []byte, l i18n.Lang) (string, error)
	DryRun bool
	Stdout io.Writer
	Stderr io.Writer
}

// ErrRefused is Run's error when the spreadsheet has a row it cannot
// import; what is wrong has been said on Stderr, and nothing was written.
var ErrRefused = errors.New("nothing was imported")

// lang is the reader's language (Repo.Language, English when unset).
func (im *Importer) lang() i18n.Lang {
	return cmp.Or(im.Repo.Language, i18n.English)
}

// change is what one row does to one file.
type change struct {
	row      Row
	path     string
	old, new []byte // old is nil for a new post, new is nil when unchanged
	past     bool   // it sets a time before Now on a post that is to go out
}

// Run imports the spreadsheet read from r, named name in the messages.
func (im *Importer) Run(name string, r io.Reader) error {
	loc := im.Repo.Config.Timezone
	stderr := orDiscard(im.Stderr)
	rows, err := readCSV(name, r, loc, im.lang())
	if err != nil {
		var ce *CellError
		if !errors.As(err, &ce) {
			return err
		}
		fmt.Fprintf(stderr, "%v\n%s\n", err, say.Text(im.lang(), "refused.file", nil))
		return ErrRefused
	}
	changes, refused, err := im.plan(rows)
	if err != nil {
		return err
	}
	refused = append(refused, im.checkNew(changes)...)
	if len(refused) > 0 {
		n, rows := sortRefused(refused)
		for _, e := range refused {
			fmt.Fprintln(stderr, e)
		}
		kept := slices.DeleteFunc(changes, func(c change) bool { return rows[c.row.Number] })
		fmt.Fprintln(stderr, say.Count(im.lang(), "refused.rows", n, i18n.Args{"summary": summary(kept, n, false, im.lang())}))
		return ErrRefused
	}
	im.warnPast(changes)
	return im.apply(changes)
}

// warnPast says which rows set a past time on a post that is to go out.
func (im *Importer) warnPast(changes []change) {
	for _, c := range changes {
		if c.past && c.new != nil && !im.Now.IsZero() && c.row.PublishAt.Before(im.Now) {
			e := c.row.refuseIn(im.lang(), colPublishAt, "row.past", i18n.Args{"time": pipeline.FormatTime(c.row.PublishAt, im.Repo.Config.Timezone), "path": c.path})
			fmt.Fprintln(orDiscard(im.Stderr), e)
		}
	}
}

// plan is what each row does, and the rows refused.
func (im *Importer) plan(rows []Row) ([]change, []error, error) {
	u, err := im.load(rows)
	if err != nil {
		return nil, nil, err
	}
	var changes []change
	var refused []error
	for _, row := range rows {
		if row.ID != "" {
			if err := u.byID(&row); err != nil {
				refused = append(refused, err)
				continue
			}
		}
		if row.Path == "" || !u.exists[row.Path] {
			changes = append(changes, im.create(row, u.exists))
			continue
		}
		c, counted, err := u.update(row)
		if err != nil {
			refused = append(refused, err)
		} else if !counted {
			changes = append(changes, c)
		}
	}
	return changes, refused, nil
}

// create is the new post a row makes, unchanged when its file exists
// with the same bytes (the row was imported before).
func (im *Importer) create(row Row, exists map[string]bool) change {
	post := row.newPost(im.Repo.Config.Timezone)
	if exists[post.Path] {
		if old, err := im.Repo.ReadPost(post.Path); err == nil && bytes.Equal(old, post.Data) {
			return change{row: row, path: post.Path, old: old}
		}
	}
	// content.Draft makes a scheduled post unless the row says otherwise.
	held := []pipeline.Status{pipeline.StatusDraft, pipeline.StatusPublished, pipeline.StatusFailed, pipeline.StatusRetracted, pipeline.StatusMissed}
	return change{row: row, path: post.Path, new: post.Data, past: !slices.Contains(held, row.Status)}
}

// load reads the posts the rows name (every post when a row names one
// by its id) and the journal.
func (im *Importer) load(rows []Row) (*updater, error) {
	paths, err := im.Repo.PostPaths()
	if err != nil {
		return nil, err
	}
	u := &updater{repo: im.Repo, lang: im.lang(), exists: map[string]bool{}, files: map[string]*content.File{}, ids: map[string]string{},
		unreadable: map[string]string{}, first: map[string]firstRow{}}
	for _, p := range paths {
		u.exists[p] = true
	}
	named := paths
	if !slices.ContainsFunc(rows, func(r Row) bool { return r.ID != "" }) {
		named = nil
		for _, row := range rows {
			if row.Path != "" && u.exists[row.Path] && !slices.Contains(named, row.Path) {
				named = append(named, row.Path)
			}
		}
	}
	files, problems := im.Repo.LoadPosts(named)
	if u.records, err = im.Repo.Journal().Read(); err != nil {
		return nil, fmt.Errorf("%s: %w", say.Text(im.lang(), "read_journal", nil), err)
	}
	for _, f := range files {
		u.files[f.Post.Path] = f
		if f.Post.ID != "" {
			u.ids[f.Post.ID] = f.Post.Path
		}
	}
	for _, fd := range problems {
		if fd.Severity >= pipeline.Error && u.unreadable[fd.Path] == "" {
			u.unreadable[fd.Path] = fd.String()
		}
	}
	return u, nil
}

// checkNew checks the new posts as content loads them, and that their
// files are free; a problem is said in the cell it comes from.
func (im *Importer) checkNew(changes []change) []error {
	var posts []content.NewPost
	made := map[string]change{}
	for _, c := range changes {
		if c.old == nil && c.new != nil {
			posts = append(posts, content.NewPost{Path: c.path, Data: c.new})
			made[c.path] = c
		}
	}
	problems, err := im.Repo.CheckNew(posts)
	var refused []error
	for _, fd := range problems {
		if c, ok := made[fd.Path]; ok && fd.Severity >= pipeline.Error {
			refused = append(refused, c.row.refuse(columnOf(c.new, fd.Line), fd.Message, fd.Hint))
		} else if fd.Severity >= pipeline.Error {
			refused = append(refused, errors.New(fd.String()))
		}
	}
	if ex := (*content.ExistsError)(nil); errors.As(err, &ex) {
		refused = append(refused, made[ex.Post.Path].row.refuseIn(im.lang(), colSlug, "row.exists", i18n.Args{"path": ex.Post.Path}))
	} else if err != nil {
		refused = append(refused, err)
	}
	return refused
}

// columnOf is the column a line of a post file made from a row comes
// from: the key of a front matter line, the text after it; "" when none.
func columnOf(data []byte, line int) string {
	lines := strings.Split(string(data), "\n")
	closing := slices.Index(lines[1:], "---") + 1
	switch {
	case line < 2 || line > len(lines):
		return ""
	case line > closing:
		return colText
	}
	key, _, _ := strings.Cut(strings.TrimLeft(lines[line-1], " -"), ":")
	switch key {
	case "file":
		return colMedia
	case "alt":
		return colAlt
	}
	if isColumn(key) {
		return key
	}
	return ""
}

// sortRefused puts the errors in the order of the spreadsheet's rows and
// columns, and counts the rows refused (an error of no row counts as
// one), which it also returns.
func sortRefused(errs []error) (int, map[int]bool) {
	at := func(e error) (row, col int) {
		var ce *CellError
		if errors.As(e, &ce) {
			return ce.Row, ce.Col
		}
		return 0, 0
	}
	slices.SortStableFunc(errs, func(a, b error) int {
		ra, ca := at(a)
		rb, cb := at(b)
		if ra != rb {
			return ra - rb
		}
		return ca - cb
	})
	rows := map[int]bool{}
	n := 0
	for _, e := range errs {
		if row, _ := at(e); row == 0 || !rows[row] {
			rows[row] = row != 0
			n++
		}
	}
	return n, rows
}

// apply writes the changes, or prints them as diffs on a dry run, and
// the summary.
func (im *Importer) apply(changes []change) error {
	stdout := orDiscard(im.Stdout)
	for _, c := range changes {
		id := ""
		switch {
		case c.new == nil:
			fmt.Fprintln(stdout, say.Text(im.lang(), "post.unchanged", i18n.Args{"path": c.path}))
			continue
		case im.DryRun:
			if err := im.printDiff(stdout, c); err != nil {
				return err
			}
			continue
		case c.old == nil:
			id = "post.created"
			if err := im.Repo.CreatePost(content.NewPost{Path: c.path, Data: c.new, Row: c.row.Number}); err != nil {
				return err
			}
		default:
			id = "post.updated"
			if err := content.WriteFile(im.Repo.Abs(c.path), c.new); err != nil {
				return err
			}
		}
		fmt.Fprintln(stdout, say.Text(im.lang(), id, i18n.Args{"path": c.path}))
	}
	fmt.Fprintln(stdout, summary(changes, 0, im.DryRun, im.lang()))
	return nil
}

// printDiff says what a dry run would write, and its diff.
func (im *Importer) printDiff(w io.Writer, c change) error {
	id := "post.would_update"
	if c.old == nil {
		id = "post.would_create"
	}
	fmt.Fprintln(w, say.Text(im.lang(), id, i18n.Args{"path": c.path}))
	if im.Diff == nil {
		return nil
	}
	d, err := im.Diff(c.path, c.old, c.new, im.lang())
	if err != nil {
		return err
	}
	_, err = io.WriteString(w, d)
	return err
}

// summary counts the changes, in l: "2 created, 1 updated, 3 unchanged,
// 0 refused".
func summary(changes []change, refused int, dry bool, l i18n.Lang) string {
	created, updated, unchanged := 0, 0, 0
	for _, c := range changes {
		switch {
		case c.new == nil:
			unchanged++
		case c.old == nil:
			created++
		default:
			updated++
		}
	}
	args := i18n.Args{}
	for id, n := range map[string]int{"created": created, "to_create": created, "updated": updated, "to_update": updated,
		"unchanged": unchanged, "refused": refused} {
		args[id] = say.Count(l, "summary."+id, n, nil)
	}
	id := "summary.done"
	if refused > 0 {
		id = "summary.kept"
	}
	if dry {
		id = "summary.dry"
	}
	return say.Text(l, id, args)
}

// newPost is the post file the row makes, which content writes
// (content.Draft.NewPost); render reads the first line of the row's text
// when the file's name has to be made from it.
func (row Row) newPost(loc *time.Location) content.NewPost {
	post := row.Draft.NewPost(loc, render.FirstLine)
	post.Row = row.Number
	return post
}
