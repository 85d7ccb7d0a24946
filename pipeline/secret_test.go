package pipeline

import (
	"encoding/base64"
	"strings"
	"testing"
)

// A secret leaks in none of the forms a server, an HTTP client or git
// gives it back in.
func TestMaskerHidesEveryForm(t *testing.T) {
	hook := "https://hooks.example.org/services/T0AB12CD/B9ZZ77YY/xoxSecretPart42?token=q9Wd3kLm2&team=verriere"
	token := "ghs_abcdef1234567890"
	m := NewMasker(hook, token, "  padded-secret-value\n")
	for _, leak := range []string{
		hook,
		"Cannot POST /services/T0AB12CD/B9ZZ77YY/xoxSecretPart42?token=q9Wd3kLm2&team=verriere",
		"invalid_token: xoxSecretPart42",
		"token=q9Wd3kLm2",
		"Authorization: Basic " + base64.StdEncoding.EncodeToString([]byte("x-access-token:"+token)),
		"bearer " + token,
		"value padded-secret-value here",
		"https://hooks.example.org/services/T0AB12CD%2FB9ZZ77YY",
	} {
		got := m.Mask(leak)
		for _, part := range []string{"xoxSecretPart42", "q9Wd3kLm2", token, "padded-secret-value", "T0AB12CD", "B9ZZ77YY",
			base64.StdEncoding.EncodeToString([]byte("x-access-token:" + token))} {
			if strings.Contains(got, part) {
				t.Errorf("Mask(%q) = %q: %q is still there", leak, got, part)
			}
		}
	}
	if got := m.Mask("services are up at hooks.example.org"); got != "services are up at hooks.example.org" {
		t.Errorf("the host and ordinary words are not secret: %q", got)
	}
	var none *Masker
	if none.Mask("x") != "x" {
		t.Error("a nil Masker masks nothing")
	}
}
