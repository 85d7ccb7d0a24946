package calendar

import (
	"embed"
	"strconv"

	"github.com/crieur/crieur/pipeline/i18n"
)

//go:embed messages
var catalog embed.FS

// say is what crieur import says, in each reader's language
// (messages/*.yaml).
var say = i18n.MustLoad(catalog, "messages")

// quote is a cell's text quoted the way l quotes: "x" (as Go's %q,
// escapes included) in English, « x » in French.
func quote(l i18n.Lang, s string) string {
	q := strconv.Quote(s)
	return say.Text(l, "quoted", i18n.Args{"text": q[1 : len(q)-1]})
}

// refuseIn is row's refusal id (id.message, id.hint) in l.
func (row Row) refuseIn(l i18n.Lang, col, id string, args i18n.Args) *CellError {
	return row.refuse(col, say.Text(l, id+".message", args), say.Text(l, id+".hint", args))
}
