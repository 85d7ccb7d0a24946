package spelling

import (
	"bufio"
	"compress/gzip"
	"io"
	"os"
	"regexp"
	"sort"
	"strings"
	"testing"
	"unicode"
)

// TestRealProse lints a large body of real French prose written by no one
// here and reports spelling findings per 1,000 words next to `hunspell
// -l` on the same text. The text is named by CRIEUR_PROSE (a .txt or
// .txt.gz file); scripts/prose.sh installs Debian's debian-reference-fr
// (the Debian Reference in French, GPL-2+) and runs it. Without the
// variable the test skips.
func TestRealProse(t *testing.T) {
	path := os.Getenv("CRIEUR_PROSE")
	if path == "" {
		t.Skip("CRIEUR_PROSE is not set: run scripts/prose.sh")
	}
	text := readProse(t, path)
	ck, d := frenchChecker(t)
	paras := paragraphs(text)
	words, ours := 0, 0
	var all, flagged strings.Builder
	count := map[string]int{}
	for _, p := range paras {
		words += countWords(p)
		for _, w := range misspelt(ck, p) {
			ours++
			count[w]++
			flagged.WriteString(w + "\n")
		}
		all.WriteString(p)
		all.WriteString("\n\n")
	}
	// CRIEUR_PROSE_OUT keeps what this build flagged, one token a line,
	// so that two builds (the libhunspell one, -tags hunspell, and the
	// pure-Go one) can be compared word for word: scripts/spelling-engines.sh.
	if out := os.Getenv("CRIEUR_PROSE_OUT"); out != "" {
		if err := os.WriteFile(out, []byte(flagged.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	theirs, _ := cli(t, d.base, all.String(), "")
	for _, w := range theirs {
		count[w]--
	}
	var onlyOurs, onlyTheirs []string
	for w, n := range count {
		switch {
		case n > 0:
			onlyOurs = append(onlyOurs, w)
		case n < 0:
			onlyTheirs = append(onlyTheirs, w)
		}
	}
	sort.Strings(onlyOurs)
	sort.Strings(onlyTheirs)
	t.Logf("flagged by crieur only (%d distinct): %s", len(onlyOurs), strings.Join(onlyOurs[:min(40, len(onlyOurs))], " "))
	t.Logf("flagged by hunspell -l only (%d distinct): %s", len(onlyTheirs), strings.Join(onlyTheirs[:min(40, len(onlyTheirs))], " "))
	per := func(n int) float64 { return 1000 * float64(n) / float64(words) }
	t.Logf("%d paragraphs, %d words", len(paras), words)
	t.Logf("crieur:       %6d findings, %5.1f per 1,000 words", ours, per(ours))
	t.Logf("hunspell -l:  %6d findings, %5.1f per 1,000 words", len(theirs), per(len(theirs)))
	if words < 10000 {
		t.Errorf("only %d words: not a large body of prose", words)
	}
	// The two tokenise differently (hunspell -l keeps quotes and dashes
	// on its tokens: 'LUKS, --color; crieur reads « -rw-r » where it reads
	// « rw »), so the totals differ a little either way; crieur must not
	// flag markedly more than the dictionary itself.
	if float64(ours) > 1.05*float64(len(theirs)) {
		t.Errorf("crieur flags %d, hunspell -l %d: more than 5 %% apart", ours, len(theirs))
	}
}

func readProse(t *testing.T, path string) string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var r io.Reader = bufio.NewReader(f)
	if strings.HasSuffix(path, ".gz") {
		gz, err := gzip.NewReader(r)
		if err != nil {
			t.Fatal(err)
		}
		r = gz
	}
	data, err := io.ReadAll(r)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

var commandLine = regexp.MustCompile(`^\s*([$#] |[│├└┌─|+]|[A-Za-z0-9_./-]+\s*$)`)

// paragraphs keeps the prose of a text document: blocks separated by
// blank lines, without the lines that are commands, tables or a lone
// token (a file name, a package).
func paragraphs(text string) []string {
	var out []string
	for _, block := range strings.Split(text, "\n\n") {
		var keep []string
		for _, l := range strings.Split(block, "\n") {
			if strings.TrimSpace(l) == "" || commandLine.MatchString(l) {
				continue
			}
			keep = append(keep, strings.TrimSpace(l))
		}
		if p := strings.Join(keep, " "); countWords(p) >= 5 {
			out = append(out, p)
		}
	}
	return out
}

func countWords(s string) int {
	return len(strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && r != '’' && r != '\'' && r != '-' }))
}
