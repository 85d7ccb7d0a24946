package grammar

import (
	"bufio"
	"compress/gzip"
	"html"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
)

// TestCorrectFrench runs crieur's French rules over a large body of
// correct French written by no one here (Debian's French manuals, manual
// pages and guides: scripts/french-prose.sh gathers them) and fails when
// a rule raises more than one false alarm per 10,000 words. Every
// finding on such text is a false alarm unless the text itself is wrong:
// -v lists them. The text is named by CRIEUR_FRENCH_PROSE (files or
// folders of .txt and .txt.gz, separated by colons); without it the test
// skips.
func TestCorrectFrench(t *testing.T) {
	paths := os.Getenv("CRIEUR_FRENCH_PROSE")
	if paths == "" {
		t.Skip("CRIEUR_FRENCH_PROSE is not set: run scripts/french-prose.sh")
	}
	if len(french()) == 0 {
		t.Fatal("no French Hunspell dictionary")
	}
	words := 0
	found := map[string][]string{}
	for _, p := range strings.Split(paths, ":") {
		for _, para := range proseParagraphs(t, p) {
			words += len(strings.Fields(para))
			for _, m := range Mistakes(para) {
				lo, hi := max(0, m.Start-50), min(len(para), m.End+50)
				found[m.ID] = append(found[m.ID], strings.Join(strings.Fields(para[lo:m.Start]+"[["+para[m.Start:m.End]+"]]"+para[m.End:hi]), " "))
			}
		}
	}
	if words < 100000 {
		t.Errorf("only %d words: not a large body of prose", words)
	}
	t.Logf("%d words", words)
	ids := append([]string(nil), frenchIDs...)
	sort.Strings(ids)
	for _, id := range ids {
		per := 10000 * float64(len(found[id])) / float64(words)
		t.Logf("%-24s %4d findings, %.2f per 10,000 words", id, len(found[id]), per)
		for _, s := range found[id] {
			t.Logf("    %s", s)
		}
		if per > 1 {
			t.Errorf("%s: %.2f false alarms per 10,000 words; at most 1", id, per)
		}
	}
}

var (
	htmlCode  = regexp.MustCompile(`(?is)<(pre|script|style|code|tt)\b.*?</(pre|script|style|code|tt)>`)
	htmlBlock = regexp.MustCompile(`(?i)<(p|div|li|h[1-6]|tr|td|br|dt|dd|title)\b[^>]*>`)
	htmlTag   = regexp.MustCompile(`<[^>]*>`)
)

// htmlText is the prose of an HTML page: code left out, one paragraph
// per block.
func htmlText(s string) string {
	s = htmlCode.ReplaceAllString(s, "\n\n")
	s = htmlBlock.ReplaceAllString(s, "\n\n")
	s = htmlTag.ReplaceAllString(s, "")
	return html.UnescapeString(s)
}

// proseParagraphs reads the paragraphs of a file, or of every .txt and
// .txt.gz file under a folder: lines separated by blank lines.
func proseParagraphs(t *testing.T, path string) []string {
	t.Helper()
	var files []string
	err := filepath.WalkDir(path, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && (strings.HasSuffix(p, ".txt") || strings.HasSuffix(p, ".txt.gz") || strings.HasSuffix(p, ".html")) {
			files = append(files, p)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, name := range files {
		f, err := os.Open(name)
		if err != nil {
			t.Fatal(err)
		}
		var r io.Reader = f
		if strings.HasSuffix(name, ".gz") {
			if r, err = gzip.NewReader(f); err != nil {
				t.Fatal(err)
			}
		}
		if strings.HasSuffix(name, ".html") {
			b, err := io.ReadAll(r)
			if err != nil {
				t.Fatal(err)
			}
			r = strings.NewReader(htmlText(string(b)))
		}
		sc := bufio.NewScanner(r)
		sc.Buffer(make([]byte, 1<<20), 1<<24)
		var para []string
		flush := func() {
			if len(para) > 0 {
				out = append(out, strings.Join(para, " "))
				para = nil
			}
		}
		for sc.Scan() {
			if l := strings.TrimSpace(sc.Text()); l != "" {
				para = append(para, l)
			} else {
				flush()
			}
		}
		flush()
		f.Close()
	}
	return out
}
