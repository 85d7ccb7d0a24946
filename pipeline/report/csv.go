package report

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/crieur/crieur/pipeline"
)

// CSV writes one row per publication of the month, for a spreadsheet,
// comma-separated in UTF-8 after a byte-order mark (as the calendar's
// export), records ending with CRLF as RFC 4180 says, with the header
//
//	published_at,post,title,channel,network,campaign,brand,url,likes,reposts,replies,quotes,impressions,clicks,saves,interactions,rate
//
// published_at is local time in the report's location ("2026-12-01
// 09:30"); each metric is its latest value before the end of the month,
// an empty cell when the network does not report it or the publication
// was never read; interactions is their sum (empty when never read); rate
// is interactions ÷ impressions as a decimal fraction ("0.0345"), empty
// without impressions. Numbers are written without separators, whatever
// the report's language. A cell a spreadsheet would run as a formula
// starts with a '.
func (r *Report) CSV(w io.Writer) error {
	if _, err := io.WriteString(w, "\uFEFF"); err != nil {
		return fmt.Errorf("report: write CSV: %w", err)
	}
	cw := csv.NewWriter(w)
	cw.UseCRLF = true // RFC 4180: records end with CRLF
	header := []string{"published_at", "post", "title", "channel", "network", "campaign", "brand", "url"}
	for _, m := range pipeline.Metrics {
		header = append(header, string(m))
	}
	header = append(header, "interactions", "rate")
	cw.Write(header)
	row := make([]string, 0, len(header))
	for _, p := range r.Publications {
		row = append(row[:0], pipeline.FormatTime(p.Time, r.Location), defuse(p.Post), defuse(oneLine(p.Title)), defuse(p.Channel),
			defuse(p.Network), defuse(oneLine(p.Campaign)), defuse(p.Brand), defuse(p.URL))
		for _, m := range pipeline.Metrics {
			if v, ok := p.Engagement[m]; ok {
				row = append(row, strconv.FormatInt(v, 10))
			} else {
				row = append(row, "")
			}
		}
		inter, rate := "", ""
		if p.Measured() {
			inter = strconv.FormatInt(p.Interactions(), 10)
		}
		if x, ok := p.Rate(); ok {
			rate = strconv.FormatFloat(x, 'f', 4, 64)
		}
		cw.Write(append(row, inter, rate))
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("report: write CSV: %w", err)
	}
	return nil
}

// defuse keeps a spreadsheet from running a cell as a formula (CSV
// injection): such a cell is written after a '.
func defuse(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }
