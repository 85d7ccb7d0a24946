package tone

import (
	"bufio"
	"compress/gzip"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestImperativesProse counts the imperatives of tu tone.address finds
// at the start of sentences of a large body of correct French addressed
// as vous (Debian's French manuals, gathered by scripts/french-prose.sh
// into CRIEUR_FRENCH_PROSE): each is a false alarm under address: vous
// unless the text itself says tu. It fails above one per 10,000 words.
func TestImperativesProse(t *testing.T) {
	root := os.Getenv("CRIEUR_FRENCH_PROSE")
	if root == "" {
		t.Skip("CRIEUR_FRENCH_PROSE is not set: run scripts/french-prose.sh")
	}
	l := theData().lang("fr")
	words, found := 0, 0
	err := filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".txt") && !strings.HasSuffix(p, ".txt.gz") {
			return err
		}
		f, err := os.Open(p)
		if err != nil {
			return err
		}
		defer f.Close()
		var r io.Reader = f
		if strings.HasSuffix(p, ".gz") {
			if r, err = gzip.NewReader(f); err != nil {
				return err
			}
		}
		sc := bufio.NewScanner(r)
		sc.Buffer(make([]byte, 1<<20), 1<<24)
		for sc.Scan() {
			line := sc.Text()
			words += len(strings.Fields(line))
			tx := scan(line, l.elisions)
			for _, m := range initial(tx.toks, l.imperatives.find(tx.toks, every)) {
				found++
				s, e := tx.span(m)
				t.Logf("%s: [[%s]] %s", filepath.Base(p), line[s:e], strings.TrimSpace(line[e:min(len(line), e+60)]))
			}
		}
		return sc.Err()
	})
	if err != nil {
		t.Fatal(err)
	}
	per := 10000 * float64(found) / float64(words)
	t.Logf("%d words, %d imperatives of tu, %.2f per 10,000 words", words, found, per)
	if per > 1 {
		t.Errorf("%.2f per 10,000 words; at most 1", per)
	}
}
