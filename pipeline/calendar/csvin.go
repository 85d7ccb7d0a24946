package calendar

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"path"
	"regexp"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/crieur/crieur/pipeline"
	"github.com/crieur/crieur/pipeline/content"
	"github.com/crieur/crieur/pipeline/i18n"
)

// Row is one post planned in a spreadsheet, as ReadCSV reads it: the
// draft of a post file (content.Draft), and the spreadsheet row it came
// from. A row exported by WriteCSV has the Status and the Path of a post
// that exists, to update rather than create.
type Row struct {
	Number int // the row's number in a spreadsheet: the header is row 1
	// ID names the post to update by its front matter's id:, where
	// Path may be empty or old (the post moved).
	ID string
	content.Draft
	sheet *sheet
}

// sheet is what the rows of one file share: the file's name and its
// columns, for the errors of Import.
type sheet struct {
	name  string
	cols  map[string]int // column name -> index
	names []string       // the header's cells, on one line
}

// has says whether the row's file has the column.
func (row Row) has(col string) bool {
	if row.sheet == nil {
		return false
	}
	_, ok := row.sheet.cols[col]
	return ok
}

// refuse is an error about the row's cell in column col ("" for the
// whole row).
func (row Row) refuse(col, msg, hint string) *CellError {
	e := &CellError{Row: row.Number, Msg: msg, Hint: hint}
	if row.sheet == nil {
		return e
	}
	e.File = row.sheet.name
	if i, ok := row.sheet.cols[col]; ok {
		e.Col, e.Name = i+1, row.sheet.names[i]
	}
	return e
}

// CellError is what is wrong with one cell of a CSV file, or with a whole
// row when Col is 0, in a spreadsheet's terms: "plan.csv:3:B (text): …"
// is the cell a spreadsheet shows in row 3, column B, whose header says
// text. A quoted cell may hold several lines: a row is not a line of the
// file.
type CellError struct {
	File string
	Row  int    // 1-based row, the header being row 1
	Col  int    // 1-based column, A being 1
	Name string // the header of the column, when it has one
	Msg  string
	Hint string
}

func (e *CellError) Error() string {
	s := fmt.Sprintf("%s:%d", e.File, e.Row)
	if e.Col > 0 {
		s += ":" + ColumnLetter(e.Col)
		if e.Name != "" {
			s += " (" + e.Name + ")"
		}
	}
	s += ": " + e.Msg
	if e.Hint != "" {
		s += " (" + e.Hint + ")"
	}
	return s
}

// Columns of a planning spreadsheet.
const (
	colPublishAt = "publish_at"
	colText      = "text"
	colChannels  = "channels"
	colLang      = "lang"
	colCampaign  = "campaign"
	colTitle     = "title"
	colMedia     = "media"
	colAlt       = "alt"
	colSponsored = "sponsored"
	colSlug      = "slug"
	colStatus    = "status"
	colPath      = "path"
	colID        = "id"
)

// columns lists the columns ReadCSV knows, required ones first.
var columns = []string{colPublishAt, colText, colChannels, colLang, colCampaign, colTitle, colMedia, colAlt, colSponsored, colSlug, colStatus, colPath, colID}

// synonyms are other names a planner gives a column, in French, Dutch or
// English: ReadCSV reads them as the column they stand for.
var synonyms = map[string]string{
	"date": colPublishAt, "datetime": colPublishAt, "time": colPublishAt, "when": colPublishAt,
	"heure": colPublishAt, "publication": colPublishAt, "publish": colPublishAt, "datum": colPublishAt,
	"texte": colText, "message": colText, "body": colText, "content": colText, "contenu": colText, "post": colText, "tekst": colText,
	"channel": colChannels, "canal": colChannels, "canaux": colChannels, "network": colChannels, "networks": colChannels,
	"reseau": colChannels, "reseaux": colChannels, "réseau": colChannels, "réseaux": colChannels, "kanalen": colChannels,
	"language": colLang, "langue": colLang, "taal": colLang, "campagne": colCampaign, "titre": colTitle, "titel": colTitle,
	"image": colMedia, "images": colMedia, "visuel": colMedia, "photo": colMedia, "file": colMedia,
	"alt_text": colAlt, "description": colAlt, "sponsor": colSponsored, "sponsorise": colSponsored, "sponsorisé": colSponsored,
	"ad": colSponsored, "pub": colSponsored, "publicite": colSponsored, "publicité": colSponsored, "state": colStatus, "statut": colStatus,
	"date_de_publication": colPublishAt, "date_publication": colPublishAt, "publicatiedatum": colPublishAt, "kanaal": colChannels,
	"texte_alternatif": colAlt, "chemin": colPath, "pad": colPath, "fichier_du_post": colPath, "identifiant": colID,
}

// ColumnLetter is a spreadsheet's name of the column n (1-based): A…Z,
// AA…ZZ, AAA….
func ColumnLetter(n int) string {
	s := ""
	for ; n > 0; n = (n - 1) / 26 {
		s = string(rune('A'+(n-1)%26)) + s
	}
	return s
}

// maxErrors is how many errors ReadCSV collects before it gives up.
const maxErrors = 50

// ReadCSV reads a planning spreadsheet saved as CSV, named name in the
// errors. The separator is a comma, a semicolon (French Excel) or a tab,
// whichever the header line uses most, or the one an Excel "sep=;" first
// line names. The file is UTF-8, with or without BOM; cells may hold
// several lines when quoted.
//
// The header names the columns, in any order and case: publish_at and
// text are required; channels, lang, campaign, title, media, alt,
// sponsored, slug are optional, and so are status and path, which
// WriteCSV writes, and id, which names a post by its front matter's id:.
// A column whose name starts with # is ignored (notes).
// Rows whose cells are all empty are skipped.
//
// The header may name the columns in French or Dutch (date, texte,
// canaux, titre, campagne, langue, chemin, statut…): see synonyms.
// publish_at may be written day first, as a spreadsheet in French shows
// it, when it is no date month first (pipeline.ParseDayFirst), or when
// another date of the column is only a date day first and none only a
// date month first (a spreadsheet formats a column one way): then
// 03/04/2027 is 3 April; in a file with no such evidence it is refused,
// the error naming both readings.
//
// Every bad cell gives a *CellError "FILE:ROW:COL (header): what is wrong
// (hint)", ROW and COL as a spreadsheet numbers them (the header is row
// 1, the first column A); all of them are returned together
// (errors.Join), and then no row is: a plan is imported whole or not at
// all.
func ReadCSV(name string, r io.Reader, loc *time.Location) ([]Row, error) {
	return readCSV(name, r, loc, i18n.English)
}

// readCSV is ReadCSV, its errors in l.
func readCSV(name string, r io.Reader, loc *time.Location, l i18n.Lang) ([]Row, error) {
	if loc == nil {
		loc = time.UTC
	}
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", say.Text(l, "read_file", i18n.Args{"file": name}), err)
	}
	rd := &csvReader{name: name, loc: loc, lang: l}
	rows := rd.read(data)
	if len(rd.errs) > 0 {
		rd.sortErrors()
		return nil, errors.Join(rd.errs...)
	}
	return rows, nil
}

// sortErrors puts the errors in the order of the file, line then cell,
// the one that says there are too many staying last.
func (rd *csvReader) sortErrors() {
	errs := rd.errs
	if len(errs) > maxErrors {
		errs = errs[:maxErrors]
	}
	sort.SliceStable(errs, func(i, j int) bool {
		a, b := errs[i].(*CellError), errs[j].(*CellError)
		if a.Row != b.Row {
			return a.Row < b.Row
		}
		return a.Col < b.Col
	})
}

// csvReader holds what ReadCSV knows while it reads one file.
type csvReader struct {
	name    string
	loc     *time.Location
	lang    i18n.Lang // the reader's: the errors' language
	comma   byte
	skip    int            // lines before what the csv package reads (a sep= line)
	lines   [][]byte       // what the csv package reads, split in lines, for positions
	rows    []int          // the spreadsheet row of each of lines
	names   []string       // the header's cells, on one line, for the messages
	cols    map[string]int // column name -> index
	unnamed []int          // indexes of columns without a name
	errs    []error        // every one a *CellError
	// dayFirst says that the publish_at column writes its dates day
	// first (dayFirstColumn).
	dayFirst bool
}

// fail records an error in a spreadsheet's row and column; it reports
// false once there are too many.
func (rd *csvReader) fail(row, col int, msg, hint string) bool {
	if len(rd.errs) > maxErrors {
		return false
	}
	if len(rd.errs) == maxErrors {
		rd.errs = append(rd.errs, &CellError{File: rd.name, Row: row, Msg: rd.phrase("file.too_many", nil)})
		return false
	}
	name := ""
	if col > 0 && col <= len(rd.names) {
		name = rd.names[col-1]
	}
	rd.errs = append(rd.errs, &CellError{File: rd.name, Row: row, Col: col, Name: name, Msg: msg, Hint: hint})
	return true
}

// phrase is the catalog's message id in the reader's language.
func (rd *csvReader) phrase(id string, args i18n.Args) string {
	return say.Text(rd.lang, id, args)
}

// failSay records the catalog's id.message and id.hint in a
// spreadsheet's row and column.
func (rd *csvReader) failSay(row, col int, id string, args i18n.Args) bool {
	return rd.fail(row, col, rd.phrase(id+".message", args), rd.phrase(id+".hint", args))
}

// rowOf is the spreadsheet row of a line (1-based, as the csv package
// counts the lines it reads): a line that starts inside a quoted cell is
// in the row the cell is in.
func (rd *csvReader) rowOf(line int) int {
	if line < 1 {
		return 1
	}
	if line > len(rd.rows) {
		return rd.rows[len(rd.rows)-1]
	}
	return rd.rows[line-1]
}

// numberRows numbers the rows of each line: a line break outside quotes
// starts a row. Doubled quotes inside a quoted cell toggle twice.
func (rd *csvReader) numberRows() {
	row, quoted := 1, false
	for _, l := range rd.lines {
		rd.rows = append(rd.rows, row)
		quoted = quoted != (bytes.Count(l, []byte{'"'})%2 == 1)
		if !quoted {
			row++
		}
	}
}

func (rd *csvReader) read(data []byte) []Row {
	data, ok := rd.text(data)
	if !ok {
		return nil
	}
	cr := csv.NewReader(bytes.NewReader(data))
	cr.Comma = rune(rd.comma)
	cr.FieldsPerRecord = -1
	header, err := cr.Read()
	if err == io.EOF {
		rd.failSay(1, 0, "file.empty", i18n.Args{"example": strings.Join(columns[:2], rd.sep()) + rd.sep() + "…"})
		return nil
	}
	if err != nil {
		rd.parseError(err)
		return nil
	}
	if !rd.header(header) {
		return nil
	}
	sh := &sheet{name: rd.name, cols: rd.cols, names: rd.names}
	records, ok := rd.records(cr)
	if !ok {
		return nil
	}
	var dates []string
	for _, rec := range records {
		if i := rd.cols[colPublishAt]; i < len(rec.cells) {
			dates = append(dates, rec.cells[i])
		}
	}
	rd.dayFirst = dayFirstColumn(dates)
	var rows []Row
	for _, rec := range records {
		row, ok := rd.row(rec.number, rec.cells, len(header))
		if len(rd.errs) > maxErrors {
			return nil
		}
		if ok {
			row.sheet = sh
			rows = append(rows, row)
		}
	}
	rd.duplicates(rows)
	return rows
}

// text is the data of the file as the csv package is to read it: UTF-8
// without its BOM nor an Excel sep= first line, the separator chosen and
// the rows numbered; ok is false when it is no such text.
func (rd *csvReader) text(data []byte) (_ []byte, ok bool) {
	if bytes.HasPrefix(data, []byte{0xFF, 0xFE}) || bytes.HasPrefix(data, []byte{0xFE, 0xFF}) {
		rd.failSay(1, 0, "file.utf16", nil)
		return nil, false
	}
	data = bytes.TrimPrefix(data, []byte("\uFEFF"))
	first, rest, _ := bytes.Cut(data, []byte("\n"))
	if m := sepLine.FindSubmatch(bytes.TrimRight(first, "\r")); m != nil {
		rd.comma, rd.skip, data = m[1][0], 1, rest
	} else {
		rd.comma = detectComma(first)
	}
	rd.lines = bytes.Split(data, []byte("\n"))
	rd.numberRows()
	if i := firstInvalidUTF8(data); i >= 0 {
		row, col := rd.position(i)
		rd.failSay(row, col, "file.not_utf8", nil)
		return nil, false
	}
	return data, true
}

// record is one row of the file that is not blank, as the csv package
// reads it, and its number in a spreadsheet.
type record struct {
	number int
	cells  []string
}

// records reads the rows after the header; ok is false once there are
// too many errors.
func (rd *csvReader) records(cr *csv.Reader) (_ []record, ok bool) {
	var records []record
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			return records, true
		}
		if err != nil {
			if !rd.parseError(err) {
				return nil, false
			}
			continue
		}
		if start, _ := cr.FieldPos(0); !blank(rec) {
			records = append(records, record{rd.rowOf(start), rec})
		}
	}
}

// dayFirstColumn says whether the dates of a column are written day
// first: one of them is a date only day first (20/03/2027), none only
// month first (12/20/2027). A spreadsheet writes a column's dates one
// way, so 03/04/2027 is then 3 April.
func dayFirstColumn(dates []string) bool {
	byDayOnly, byMonthOnly := false, false
	for _, s := range dates {
		day, month, slashed := pipeline.DateOrder(s)
		byDayOnly = byDayOnly || slashed && day && !month
		byMonthOnly = byMonthOnly || slashed && month && !day
	}
	return byDayOnly && !byMonthOnly
}

// sepLine is Excel's first line naming the separator.
var sepLine = regexp.MustCompile(`^(?i:sep)=([,;\t|])$`)

// detectComma is the separator the header line uses most, outside quotes.
func detectComma(line []byte) byte {
	counts := map[byte]int{}
	quoted := false
	for _, c := range line {
		switch {
		case c == '"':
			quoted = !quoted
		case !quoted && (c == ',' || c == ';' || c == '\t'):
			counts[c]++
		}
	}
	best := byte(',')
	for _, c := range []byte{';', '\t'} {
		if counts[c] > counts[best] {
			best = c
		}
	}
	return best
}

func (rd *csvReader) sep() string {
	if rd.comma == '\t' {
		return "\t"
	}
	return string(rd.comma)
}

func firstInvalidUTF8(b []byte) int {
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n <= 1 {
			return i
		}
		i += n
	}
	return -1
}

// position is the spreadsheet row and the cell number of byte i of the
// data read by the csv package.
func (rd *csvReader) position(i int) (row, col int) {
	for n, l := range rd.lines {
		if i <= len(l) {
			return rd.rowOf(n + 1), rd.cellAt(n+1, i+1)
		}
		i -= len(l) + 1
	}
	return rd.rowOf(len(rd.lines)), 0
}

// cellAt is the number of the cell that byte col (1-based) of a line
// (1-based, as the csv package counts) is in, counting separators outside
// quotes from the start of the line; 0 when the line does not exist.
func (rd *csvReader) cellAt(line, col int) int {
	if line < 1 || line > len(rd.lines) {
		return 0
	}
	l := rd.lines[line-1]
	cell, quoted := 1, false
	for i := 0; i < col-1 && i < len(l); i++ {
		switch {
		case l[i] == '"':
			quoted = !quoted
		case !quoted && l[i] == rd.comma:
			cell++
		}
	}
	return cell
}

// parseError records an error of the csv package; it reports false once
// there are too many errors.
func (rd *csvReader) parseError(err error) bool {
	var pe *csv.ParseError
	if !errors.As(err, &pe) {
		return rd.fail(1, 0, err.Error(), "")
	}
	line, col := pe.Line, 0
	if pe.Line == pe.StartLine {
		col = rd.cellAt(pe.Line, pe.Column)
	}
	msg, hint := pe.Err.Error(), ""
	switch {
	case errors.Is(pe.Err, csv.ErrBareQuote):
		msg, hint = rd.phrase("file.bare_quote.message", nil), rd.phrase("file.bare_quote.hint", nil)
	case errors.Is(pe.Err, csv.ErrQuote):
		msg, hint = rd.phrase("file.quote.message", nil), rd.phrase("file.quote.hint", nil)
		if pe.Line != pe.StartLine {
			// Point at the cell whose quote opened on the first line:
			// the one still open at the end of that line.
			line = pe.StartLine
			if pe.StartLine >= 1 && pe.StartLine <= len(rd.lines) {
				col = rd.cellAt(pe.StartLine, len(rd.lines[pe.StartLine-1])+1)
			}
		}
	}
	return rd.fail(rd.rowOf(line), col, msg, hint)
}

// header reads the names of the columns; it reports whether the rows can
// be read.
func (rd *csvReader) header(names []string) bool {
	const line = 1
	rd.cols = map[string]int{}
	for _, raw := range names {
		name := []rune(oneLine(raw)) // a header cell may hold a line break
		if len(name) > 40 {
			name = append(name[:39], '…')
		}
		rd.names = append(rd.names, string(name))
	}
	for i, raw := range names {
		key := columnKey(raw)
		if syn := synonymOf(key); syn != "" {
			key = syn
		}
		switch {
		case key == "":
			rd.unnamed = append(rd.unnamed, i)
		case strings.HasPrefix(key, "#"):
			continue
		case isColumn(key):
			if j, dup := rd.cols[key]; dup {
				rd.failSay(line, i+1, "column.twice", i18n.Args{"name": key, "letter": ColumnLetter(j + 1), "header": rd.names[j]})
				continue
			}
			rd.cols[key] = i
		default:
			rd.fail(line, i+1, rd.phrase("column.unknown", i18n.Args{"value": quote(rd.lang, strings.TrimSpace(raw))}), unknownHint(key, rd.lang))
		}
	}
	ok := true
	for _, req := range columns[:2] {
		if _, has := rd.cols[req]; !has {
			ok = false
			rd.failSay(line, 0, "column.missing", i18n.Args{"name": req})
		}
	}
	return ok
}

// columnKey is how a header cell is compared: trimmed, lower case,
// spaces and dashes as underscores.
func columnKey(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	return strings.NewReplacer(" ", "_", "-", "_").Replace(s)
}

// synonymOf is the column a header names in other words (texte is text),
// or "".
func synonymOf(key string) string {
	if isColumn(key) {
		return ""
	}
	if c := synonyms[key]; c != "" {
		return c
	}
	return synonyms[strings.ReplaceAll(key, "_", "")]
}

func isColumn(key string) bool {
	for _, c := range columns {
		if c == key {
			return true
		}
	}
	return false
}

// unknownHint proposes the column a misspelt name stands for, in l.
func unknownHint(key string, l i18n.Lang) string {
	best, bestDist := "", 0
	if len(key) <= 40 {
		for _, c := range columns {
			d := pipeline.Distance(key, c)
			if d <= max(1, len(c)/3) && (best == "" || d < bestDist) {
				best, bestDist = c, d
			}
		}
	}
	if best == "" {
		best = synonyms[strings.ReplaceAll(key, "_", "")]
	}
	if best == "" {
		best = synonyms[key]
	}
	known := say.Text(l, "column.known", i18n.Args{"list": strings.Join(columns, ", ")})
	if best != "" {
		return say.Text(l, "column.did_you_mean", i18n.Args{"word": best, "known": known})
	}
	return known
}

func blank(rec []string) bool {
	for _, c := range rec {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

// row reads the record of the spreadsheet row number; it reports whether
// every cell was good.
func (rd *csvReader) row(number int, rec []string, width int) (Row, bool) {
	r := &rowReader{rd: rd, rec: rec, row: Row{Number: number}, ok: true}
	r.extraCells(width)
	r.when()
	r.text()
	r.channels()
	r.labels()
	r.media()
	r.flags()
	return r.row, r.ok
}

// rowReader reads the cells of one record into a Row.
type rowReader struct {
	rd  *csvReader
	rec []string
	row Row
	ok  bool // every cell read so far was good
}

// bad records what is wrong with the cell at index i.
func (r *rowReader) bad(i int, msg, hint string) {
	r.rd.fail(r.row.Number, i+1, msg, hint)
	r.ok = false
}

// badSay records the catalog's cell.<id> (message and hint) at index i;
// args["value"] is the cell's text, quoted in the reader's language.
func (r *rowReader) badSay(i int, id string, args i18n.Args) {
	if v, ok := args["value"].(string); ok {
		args["value"] = quote(r.rd.lang, v)
	}
	r.bad(i, r.rd.phrase("cell."+id+".message", args), r.rd.phrase("cell."+id+".hint", args))
}

// cell is the cell of a column, its index, and whether the row has it.
func (r *rowReader) cell(col string) (string, int, bool) {
	i, has := r.rd.cols[col]
	if !has || i >= len(r.rec) {
		return "", i, false
	}
	return r.rec[i], i, true
}

// extraCells refuses cells after the last column or under a column
// without a name.
func (r *rowReader) extraCells(width int) {
	for i := width; i < len(r.rec); i++ {
		if strings.TrimSpace(r.rec[i]) != "" {
			r.bad(i, r.rd.phrase("cell.extra.message", nil), say.Count(r.rd.lang, "cell.extra.hint", width, nil))
		}
	}
	for _, i := range r.rd.unnamed {
		if i < len(r.rec) && strings.TrimSpace(r.rec[i]) != "" {
			r.badSay(i, "unnamed", nil)
		}
	}
}

// when reads publish_at.
func (r *rowReader) when() {
	if s, i, _ := r.cell(colPublishAt); strings.TrimSpace(s) == "" {
		r.badSay(i, "publish_at", nil)
	} else if t, err := pipeline.ParseDayFirst(s, r.rd.loc, r.rd.dayFirst); err != nil {
		var te *pipeline.TimeError
		if errors.As(err, &te) {
			msg, hint := content.TimeErrorIn(te, r.rd.lang)
			r.bad(i, msg, r.rd.phrase("cell.keep_text", i18n.Args{"hint": hint}))
		} else {
			r.bad(i, err.Error(), "")
		}
	} else {
		r.row.PublishAt = t
	}
}

// text reads the text.
func (r *rowReader) text() {
	if s, i, _ := r.cell(colText); strings.TrimSpace(s) == "" {
		r.badSay(i, "text", nil)
	} else {
		r.row.Text = strings.TrimSpace(normalizeNewlines(undefuse(s)))
	}
}

// channels reads the channels, separated by spaces, commas or semicolons.
func (r *rowReader) channels() {
	if s, i, has := r.cell(colChannels); has {
		seen := map[string]bool{}
		for _, ch := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ';' || r == ' ' || r == '\t' || r == '\n' }) {
			if !validChannel(ch) {
				r.badSay(i, "channel", i18n.Args{"value": ch})
				continue
			}
			if !seen[ch] {
				seen[ch] = true
				r.row.Channels = append(r.row.Channels, ch)
			}
		}
	}
}

// labels reads lang, campaign and title.
func (r *rowReader) labels() {
	if s, i, has := r.cell(colLang); has {
		if s = strings.TrimSpace(s); s != "" && !langCode.MatchString(s) {
			r.badSay(i, "lang", i18n.Args{"value": s})
		} else {
			r.row.Lang = s
		}
	}
	if s, i, has := r.cell(colCampaign); has {
		if s = strings.TrimSpace(undefuse(s)); s != "" && !campaignName.MatchString(s) {
			r.badSay(i, "campaign", i18n.Args{"value": s})
		} else {
			r.row.Campaign = s
		}
	}
	if s, _, has := r.cell(colTitle); has {
		r.row.Title = oneLine(undefuse(s))
	}
}

// media reads the image and its alt text.
func (r *rowReader) media() {
	if s, i, has := r.cell(colMedia); has {
		if s = strings.TrimSpace(s); s != "" {
			if m, id, args := mediaPath(s); id != "" {
				r.badSay(i, id, args)
			} else {
				r.row.Media = m
			}
		}
	}
	if s, i, has := r.cell(colAlt); has {
		r.row.Alt = oneLine(s)
		if _, mi, hasMedia := r.cell(colMedia); r.row.Alt != "" && (!hasMedia || strings.TrimSpace(r.rec[mi]) == "") {
			r.badSay(i, "alt", nil)
		}
	}
}

// flags reads sponsored, slug, status and path.
func (r *rowReader) flags() {
	if s, i, has := r.cell(colSponsored); has {
		if b, valid := parseBool(s); valid {
			r.row.Sponsored = b
		} else {
			r.badSay(i, "sponsored", i18n.Args{"value": strings.TrimSpace(s)})
		}
	}
	if s, i, has := r.cell(colSlug); has {
		if s = strings.TrimSpace(s); s != "" {
			if r.row.Slug = content.Slugify(s); r.row.Slug == "" {
				r.badSay(i, "slug", i18n.Args{"value": s})
			}
		}
	}
	if s, i, has := r.cell(colStatus); has {
		st := pipeline.Status(strings.ToLower(strings.TrimSpace(s)))
		if st != "" && !validStatus(st) {
			r.badSay(i, "status", i18n.Args{"value": strings.TrimSpace(s)})
		} else {
			r.row.Status = st
		}
	}
	if s, i, has := r.cell(colID); has {
		if s = strings.TrimSpace(s); s != "" && !postID.MatchString(s) {
			r.badSay(i, "id", i18n.Args{"value": s})
		} else {
			r.row.ID = s
		}
	}
	if s, i, has := r.cell(colPath); has {
		if s = strings.TrimSpace(s); s != "" && !validPostPath(s) {
			r.badSay(i, "path", i18n.Args{"value": s})
		} else {
			r.row.Path = s
		}
	}
}

// duplicates reports rows that would write the same file.
func (rd *csvReader) duplicates(rows []Row) {
	first := map[string]int{}
	col := 0
	if i, has := rd.cols[colSlug]; has {
		col = i + 1
	}
	for _, row := range rows { // exported rows: occurrences of a recurring post share a path
		if row.Path != "" {
			if _, dup := first[row.Path]; !dup {
				first[row.Path] = row.Number
			}
		}
	}
	for _, row := range rows {
		if row.Path != "" {
			continue
		}
		p := row.newPost(rd.loc).Path
		if number, dup := first[p]; dup {
			hint := "row.duplicate.hint"
			if col == 0 {
				hint = "row.duplicate.hint_no_slug"
			}
			args := i18n.Args{"path": p, "row": number}
			rd.fail(row.Number, col, rd.phrase("row.duplicate.message", args), rd.phrase(hint, args))
			continue
		}
		first[p] = row.Number
	}
}

// langCode and campaignName accept what the post loader accepts
// (pipeline/content), so that a bad cell is reported in the spreadsheet.
var (
	langCode     = regexp.MustCompile(`^[a-z]{2,3}(-[A-Za-z]{2,4})?$`)
	campaignName = regexp.MustCompile(`^[\p{L}\p{N}._-]+$`)
	postID       = campaignName
)

func validChannel(s string) bool {
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_' || r == '.') {
			return false
		}
	}
	return s != ""
}

// validStatus: a front matter's status, or missed, which plan --csv
// writes of an occurrence whose time passed with nothing sent.
func validStatus(s pipeline.Status) bool {
	if s == pipeline.StatusMissed {
		return true
	}
	for _, st := range pipeline.Statuses {
		if st == s {
			return true
		}
	}
	return false
}

func validPostPath(s string) bool {
	return content.IsPostPath(s) &&
		path.Clean(s) == s && !strings.Contains(s, "..") && !strings.ContainsAny(s, "\\\n\r\t")
}

// mediaPath is an image cell as a path from the content root: media/x.jpg
// and /media/x.jpg stay, a bare file name is looked for in media/. A
// cell that names no file of the repository gives the catalog's
// cell.<id> to say so, and its values.
func mediaPath(s string) (p, id string, args i18n.Args) {
	if strings.Contains(s, "://") {
		return "", "media_address", i18n.Args{"file": path.Base(s)}
	}
	s = strings.ReplaceAll(s, "\\", "/")
	if strings.ContainsAny(s, "\n\r\t") {
		return "", "media_several", nil
	}
	clean := path.Clean("/" + s)[1:]
	if clean == "" || strings.HasPrefix(s, "..") || strings.Contains(s, "/../") {
		return "", "media_outside", i18n.Args{"value": s}
	}
	if !strings.Contains(clean, "/") {
		clean = "media/" + clean
	}
	return clean, "", nil
}

// parseBool reads yes and no as a planner writes them, in English, French
// or Dutch; empty is no.
func parseBool(s string) (value, ok bool) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "", "no", "n", "false", "0", "non", "faux", "nee", "onwaar":
		return false, true
	case "yes", "y", "true", "1", "x", "oui", "o", "vrai", "ja", "waar":
		return true, true
	}
	return false, false
}
