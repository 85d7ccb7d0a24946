package github

import (
	"strings"
	"testing"

	"github.com/crieur/crieur/pipeline"
)

func TestSuggestionsForMergesFixesOnALine(t *testing.T) {
	src := "---\ntitle: x\n---\nBonjour ! Concerts à Bxl...\nFin.\nÀ Bxl\n"
	at := func(s string, nth int) int {
		i := -1
		for ; nth >= 0; nth-- {
			j := strings.Index(src[i+1:], s)
			if j < 0 {
				t.Fatalf("%q not in the source", s)
			}
			i += j + 1
		}
		return i
	}
	fix := func(rule, old string, nth int, text string) pipeline.Finding {
		s := at(old, nth)
		return pipeline.Finding{Rule: rule, Message: rule + " message", Fix: &pipeline.Fix{Start: s, End: s + len(old), Text: text}}
	}
	fs := []pipeline.Finding{
		fix("charte.substitution", "Bxl", 0, "Bruxelles"),
		fix("typo.fr.nbsp", " !", 0, "\u202f!"),
		fix("typo.ellipsis", "...", 0, "…"),
		fix("typo.overlap", "Bxl...", 0, "X"), // overlaps the first: dropped
		fix("charte.substitution", "Bxl", 1, "Bruxelles"),
	}
	got := suggestionsFor([]byte(src), fs)
	if len(got) != 2 {
		t.Fatalf("%d suggestions, want 2 (one per line): %+v", len(got), got)
	}
	if got[0].Line != 4 || got[0].EndLine != 4 || got[0].Replacement != "Bonjour\u202f! Concerts à Bruxelles…" {
		t.Errorf("line 4: %+v", got[0])
	}
	if got[0].Body != "**typo.fr.nbsp** typo.fr.nbsp message\n**charte.substitution** charte.substitution message\n**typo.ellipsis** typo.ellipsis message" {
		t.Errorf("line 4 body: %q", got[0].Body)
	}
	if got[1].Line != 6 || got[1].Replacement != "À Bruxelles" {
		t.Errorf("line 6: %+v", got[1])
	}
}
