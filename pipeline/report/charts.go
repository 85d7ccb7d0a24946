package report

import (
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
)

// Palette: restrained, readable in print and by the colour-blind (one hue,
// lightness carries the value).
const (
	colorAccent = "#1e4e9c"
	colorBad    = "#b42318"
	colorShade  = "#f3f4f6"
	colorNone   = "#e5e7eb" // a slot whose publications were not measured
)

var heatColors = []string{"#f8f9fb", "#d6e2f3", "#a9c2e6", "#6f97d2", "#3a6cb8", "#1e4e9c"}

// chart is an SVG drawing: shapes and texts in its own coordinates. It
// scales to the width of its container; MinWidth, when set, is the
// narrowest it is drawn (in CSS pixels) for its texts to stay readable:
// on a narrower screen it scrolls sideways inside its own frame.
type chart struct {
	ID, Title, Desc string
	Caption         string // shown above the drawing: what is drawn and in which unit
	Width, Height   int
	MinWidth        int
	Rects           []rect
	Lines           []line
	Texts           []text
	Data            *table // the same figures as a table, for a reader and a phone
	DataLabel       string // the label that unfolds Data
}

type rect struct {
	X, Y, W, H float64
	Fill       string
	Stroke     string // an outline, "" for none
	Title      string // a tooltip, and the value as text for a reader
}

type line struct{ X1, Y1, X2, Y2 float64 }

type text struct {
	X, Y   float64
	S      string
	Anchor string // start, middle, end
	Class  string // small, value, label, inverse, axis
}

func round1(x float64) float64 { return math.Round(x*10) / 10 }

// niceCeil is the smallest of 1, 2, 2.5, 5 × 10^k at or above x.
func niceCeil(x float64) float64 {
	if x <= 0 {
		return 1
	}
	e := math.Pow(10, math.Floor(math.Log10(x)))
	for _, f := range []float64{1, 2, 2.5, 5, 10} {
		if f*e >= x {
			return f * e
		}
	}
	return 10 * e
}

// dayChart draws the interactions gained each day as bars, weekends
// shaded, each bar's value written above it.
func (r *Report) dayChart(w *words) *chart {
	const width, height, left, right, top, bottom = 640, 260, 44, 6, 30, 40
	c := &chart{ID: "chart-days", Title: w.perDayChart + " — " + w.month(r.Month), Caption: w.perDayChart, Width: width, Height: height}
	lo, hi := int64(0), int64(0)
	for _, d := range r.Days {
		lo, hi = min(lo, d.Interactions), max(hi, d.Interactions)
	}
	up, down := niceCeil(float64(hi)), 0.0
	if lo < 0 {
		down = niceCeil(float64(-lo))
	}
	plotH := float64(height - top - bottom)
	y := func(v float64) float64 { return round1(float64(top) + plotH*(up-v)/(up+down)) }
	slot := float64(width-left-right) / float64(len(r.Days))
	ticks := []float64{0, up}
	if half := up / 2; half == math.Trunc(half) {
		ticks = append(ticks, half)
	}
	if down > 0 {
		ticks = append(ticks, -down)
	}
	for _, tick := range ticks {
		c.Lines = append(c.Lines, line{X1: left, Y1: y(tick), X2: width - right, Y2: y(tick)})
		c.Texts = append(c.Texts, text{X: left - 6, Y: y(tick) + 3, S: compact(w, int64(tick)), Anchor: "end", Class: "small"})
	}
	var desc []string
	for i, d := range r.Days {
		x := float64(left) + slot*float64(i)
		if wd := weekday(d.Date); wd >= 5 {
			c.Rects = append(c.Rects, rect{X: round1(x), Y: top, W: round1(slot), H: plotH, Fill: colorShade})
		}
		label := w.weekdayAbbr[weekday(d.Date)] + " " + strconv.Itoa(d.Date.Day())
		c.Texts = append(c.Texts, text{X: round1(x + slot/2), Y: height - bottom + 16, S: strconv.Itoa(d.Date.Day()), Anchor: "middle", Class: dayClass(d.Date.Day())})
		desc = append(desc, label+w.colon+" "+w.int(d.Interactions))
		if d.Interactions == 0 {
			continue
		}
		v := float64(d.Interactions)
		y0, y1 := y(0), y(v)
		fill := colorAccent
		if v < 0 {
			y0, y1, fill = y1, y0, colorBad
		}
		c.Rects = append(c.Rects, rect{X: round1(x + slot*0.15), Y: y1, W: round1(slot * 0.7), H: round1(max(y0-y1, 0.5)), Fill: fill, Title: label + w.colon + " " + w.int(d.Interactions)})
		ty := y1 - 3
		if v < 0 {
			ty = y0 + 10
		}
		c.Texts = append(c.Texts, text{X: round1(x + slot/2), Y: round1(ty), S: compact(w, d.Interactions), Anchor: "middle", Class: "value"})
	}
	c.Texts = append(c.Texts, text{X: float64(width) / 2, Y: height - 4, S: w.day + " (" + w.month(r.Month) + ")", Anchor: "middle", Class: "axis"},
		text{X: 2, Y: 14, S: w.axisInteractions, Anchor: "start", Class: "axis"})
	c.Desc = w.gained + w.colon + " " + strings.Join(desc, w.semi+" ")
	return c
}

// dayClass keeps the 1st and every fifth day's label on a phone, where
// the labels are drawn larger than the slot of a day.
func dayClass(day int) string {
	if day == 1 || day%5 == 0 {
		return "small"
	}
	return "small minor"
}

// compact writes a bar's value in the room of a bar: 1234 as 1,2k.
func compact(w *words, n int64) string {
	if n >= 10000 || n <= -10000 {
		return strings.Replace(strconv.FormatFloat(float64(n)/1000, 'f', 0, 64), "-", "−", 1) + "k"
	}
	if n >= 1000 || n <= -1000 {
		return strings.Replace(strings.Replace(strconv.FormatFloat(float64(n)/1000, 'f', 1, 64), ".", w.decimal, 1), "-", "−", 1) + "k"
	}
	return w.int(n)
}

// channelChart draws the publications per channel as horizontal bars.
func (r *Report) channelChart(w *words) *chart {
	const width, left, right, rowH, top = 440, 130, 44, 28, 8
	groups := r.Channels
	var others Group
	if len(groups) > 12 {
		for _, g := range groups[11:] {
			others.Publications += g.Publications
		}
		others.Name = fmt.Sprintf(w.more, len(groups)-11)
		groups = append(groups[:11:11], others)
	}
	height := top*2 + rowH*len(groups)
	c := &chart{ID: "chart-channels", Title: w.channelChart + " — " + w.month(r.Month), Caption: w.channelChart, Width: width, Height: height}
	peak := 1
	for _, g := range groups {
		peak = max(peak, g.Publications)
	}
	var desc []string
	for i, g := range groups {
		y := float64(top + rowH*i)
		bw := round1(float64(width-left-right) * float64(g.Publications) / float64(peak))
		c.Texts = append(c.Texts, text{X: left - 8, Y: y + rowH/2 + 4, S: cut(g.Name, 16), Anchor: "end", Class: "label"})
		c.Rects = append(c.Rects, rect{X: left, Y: y + 4, W: max(bw, 1), H: rowH - 8, Fill: colorAccent, Title: g.Name + w.colon + " " + w.int(int64(g.Publications))})
		c.Texts = append(c.Texts, text{X: left + max(bw, 1) + 6, Y: y + rowH/2 + 4, S: w.int(int64(g.Publications)), Anchor: "start", Class: "label"})
		desc = append(desc, g.Name+w.colon+" "+w.int(int64(g.Publications)))
	}
	c.Desc = strings.Join(desc, w.semi+" ")
	return c
}

// heatChart draws the median engagement per weekday and hour as a grid
// whose darker cells engaged more, each with its median and, in
// brackets, the number of measured publications it is the median of;
// the best slot is outlined. Only the hours from the first to the last
// one used are drawn.
func (r *Report) heatChart(w *words) *chart {
	h0, h1, peak := 23, 0, 0.0
	for h, n := range r.Hours {
		if n > 0 {
			h0, h1 = min(h0, h), max(h1, h)
		}
	}
	for _, s := range r.slots() {
		peak = max(peak, s.Median)
	}
	n := max(h1-h0+1, 1)
	const left, top, cellH = 52, 24, 40
	cellW := min(64, max(36, 620/n))
	width, height := left+n*cellW+4, top+7*cellH+4
	c := &chart{ID: "chart-heat", Title: w.heatChart + " — " + w.month(r.Month), Caption: w.heatChart, Width: width, Height: height,
		MinWidth: width * 7 / 10, Data: r.slotTable(w), DataLabel: w.chartData}
	for i := range n {
		c.Texts = append(c.Texts, text{X: float64(left + i*cellW + cellW/2), Y: top - 8, S: fmt.Sprintf(w.hour1, h0+i), Anchor: "middle", Class: "small"})
	}
	var desc []string
	for d := range 7 {
		y := float64(top + d*cellH)
		c.Texts = append(c.Texts, text{X: left - 8, Y: y + cellH/2 + 4, S: w.weekdayAbbr[d], Anchor: "end", Class: "label"})
		for i := range n {
			s := r.Slots[d][h0+i]
			x := float64(left + i*cellW)
			cell := rect{X: x + 1, Y: y + 1, W: float64(cellW - 2), H: cellH - 2, Fill: heatColors[0]}
			if s.Publications > 0 {
				cell.Title = w.slotText(s)
				desc = append(desc, cell.Title)
			}
			if r.Best != nil && s.Weekday == r.Best.Weekday && s.Hour == r.Best.Hour {
				cell.Stroke = "#111827"
			}
			c.Rects = append(c.Rects, cell)
			c.heatCell(w, s, x+float64(cellW)/2, y, peak)
		}
	}
	c.Desc = strings.Join(desc, w.semi+" ")
	return c
}

// heatCell colours a slot's cell (the last rect) and writes its figures.
func (c *chart) heatCell(w *words, s Slot, x, y, peak float64) {
	cell := &c.Rects[len(c.Rects)-1]
	switch {
	case s.Publications == 0:
		return
	case s.Measured == 0:
		cell.Fill = colorNone
		c.Texts = append(c.Texts, text{X: x, Y: y + 24, S: "—", Anchor: "middle", Class: "small"})
		return
	}
	level := 1
	if peak > 0 {
		level = min(len(heatColors)-1, 1+int(math.Ceil(s.Median/peak*float64(len(heatColors)-2))))
	}
	cell.Fill = heatColors[level]
	value, small := "value", "small"
	if level >= 3 {
		value, small = "inverse", "inverse small"
	}
	c.Texts = append(c.Texts, text{X: x, Y: y + 19, S: compactF(w, s.Median), Anchor: "middle", Class: value},
		text{X: x, Y: y + 33, S: "(" + strconv.Itoa(s.Measured) + ")", Anchor: "middle", Class: small})
}

// compactF is compact for a median, which may end in .5.
func compactF(w *words, x float64) string {
	if x == math.Trunc(x) || x >= 1000 {
		return compact(w, int64(x))
	}
	return w.dec(x)
}

// slots are the weekday × hour slots in which something went out.
func (r *Report) slots() []Slot {
	var out []Slot
	for d := range 7 {
		for h := range 24 {
			if r.Slots[d][h].Publications > 0 {
				out = append(out, r.Slots[d][h])
			}
		}
	}
	return out
}

// slotTable lists the slots in which something went out, the most
// engaging first.
func (r *Report) slotTable(w *words) *table {
	slots := r.slots()
	sort.SliceStable(slots, func(i, j int) bool {
		a, b := slots[i], slots[j]
		if a.Median != b.Median {
			return a.Median > b.Median
		}
		return a.Measured > b.Measured
	})
	t := newTable("cards", col{w.weekday, false}, col{w.hour, false}, col{w.publications, true}, col{w.measured, true}, col{w.median, true})
	for _, s := range slots {
		median := "—"
		if s.Measured > 0 {
			median = w.num(s.Median)
		}
		t.add(cell{Text: w.weekdays[s.Weekday]}, cell{Text: w.hourSlot(s.Hour)}, cell{Text: w.int(int64(s.Publications))},
			cell{Text: w.int(int64(s.Measured))}, cell{Text: median})
	}
	return t
}
