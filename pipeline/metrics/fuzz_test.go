package metrics

import (
	"bytes"
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/crieur/crieur/pipeline"
)

// FuzzParse checks that no file makes the row parser panic; that its
// errors are positioned *RowErrors; that what it accepts is a valid
// reading; that the hand-made splitter and encoding/csv agree on every
// file without quotes; and that the readings it accepts are written by
// Append's writer and read back unchanged.
func FuzzParse(f *testing.F) {
	header := strings.Join(Header(), ",") + "\n"
	for _, seed := range []string{
		header + "2026-12-01T10:00:00Z,posts/2026/12/a.md,mastodon,mastodon,1133,14,3,2,,,,1\n",
		header + "2026-12-01T10:00:00+01:00,\"posts/a, b.md\",linkedin,linkedin,urn:li:share:1,9,,,,1200,14,\r\n",
		"\uFEFFtime,post,channel,id,likes\r\n2026-12-01T10:00:00Z,p.md,bluesky,at://x,\n\n2026-12-02T10:00:00Z,p.md,bluesky,at://x,3",
		header + "2026-12-01T10:00:00Z,p.md,mastodon,mastodon,1,abc,,,,,,\n",
		header + "2026-12-01T10:00:00Z,\"p\nq.md\",mastodon,mastodon,1,-1,,,,,,\n",
		"time,post,channel,likes,likes\n",
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		rs, err := parse("m.csv", string(data), time.Time{}, time.Time{}, nil, interner{})
		if err != nil {
			var re *RowError
			if !errors.As(err, &re) || re.File != "m.csv" || re.Line < 1 || !strings.HasPrefix(err.Error(), "m.csv:") {
				t.Fatalf("error %v is not a positioned *RowError", err)
			}
			if rs != nil {
				t.Fatalf("readings returned with an error")
			}
		}
		for _, r := range rs {
			if r.Time.IsZero() || r.Time.Location() != time.UTC || r.Post == "" || r.Channel == "" {
				t.Fatalf("reading without time, post or channel: %+v", r)
			}
			for m, v := range r.Engagement {
				if metricIndex(string(m)) < 0 || v < 0 {
					t.Fatalf("metric %s = %d", m, v)
				}
			}
		}
		if !bytes.ContainsRune(data, '"') {
			p := &rows{name: "m.csv", in: interner{}}
			cerr := p.csv(string(data))
			if (err == nil) != (cerr == nil) || (err != nil && err.Error() != cerr.Error()) {
				t.Fatalf("the splitter says %v, encoding/csv says %v", err, cerr)
			}
			if err == nil && !reflect.DeepEqual(rs, p.dst) && len(rs)+len(p.dst) > 0 {
				t.Fatalf("the splitter reads %+v, encoding/csv %+v", rs, p.dst)
			}
		}

		var kept []pipeline.Reading
		for _, r := range rs {
			if check(r) == nil {
				r.Time = r.Time.Truncate(time.Second)
				kept = append(kept, r)
			}
		}
		var buf bytes.Buffer
		l, _ := parseHeader("m.csv", Header(), nil)
		if err := writeRows(&buf, l, true, kept); err != nil {
			t.Fatal(err)
		}
		again, err := parse("m.csv", buf.String(), time.Time{}, time.Time{}, nil, interner{})
		if err != nil {
			t.Fatalf("written rows do not read back: %v\n%s", err, buf.String())
		}
		if len(kept)+len(again) > 0 && !reflect.DeepEqual(again, kept) {
			t.Fatalf("round trip:\n%+v\nread back as\n%+v", kept, again)
		}
	})
}
