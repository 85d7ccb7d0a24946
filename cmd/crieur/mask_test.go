package main

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/crieur/crieur/pipeline"
)

// Whatever a command prints after it read a secret hides every form of
// it, even a message that slipped past the rooms' own masks, even cut
// over two writes.
func TestPrintedSecretsMasked(t *testing.T) {
	var out bytes.Buffer
	e := &env{getenv: func(string) string { return "" }, secrets: pipeline.NewMasker()}
	w := &pipeline.MaskedLines{W: &out, Masker: e.secrets}
	fmt.Fprintln(w, "before: nothing to mask yet")
	e.mask([]string{"https://hooks.example.org/services/T0AB12CD/xoxSecretPart42?token=q9Wd3kLm2"})
	fmt.Fprint(w, "crieur: channel slack: Cannot POST /services/T0AB12CD/xox")
	fmt.Fprint(w, "SecretPart42?token=q9Wd3kLm2 (HTTP 404)\nand the last line")
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	got := out.String()
	for _, leak := range []string{"xoxSecretPart42", "q9Wd3kLm2", "T0AB12CD"} {
		if strings.Contains(got, leak) {
			t.Errorf("the output shows %q:\n%s", leak, got)
		}
	}
	if want := "before: nothing to mask yet\ncrieur: channel slack: Cannot POST ***?*** (HTTP 404)\nand the last line"; got != want {
		t.Errorf("output:\n%s\nwant:\n%s", got, want)
	}
}
