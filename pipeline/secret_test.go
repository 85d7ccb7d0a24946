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

// A secret comes back encoded the way the request carried it: percent-
// encoded by OAuth 1.0a (X's Authorization header), inside a JSON body (a
// login a server echoes), and a URL's userinfo as Basic authentication.
func TestMaskerHidesEncodedForms(t *testing.T) {
	password := `p&ss+w/rd="<x>"\ ~ok`
	hook := "https://robot:Pa55w0rdXy@hooks.example.org/hook/K3ySegm3nt?token=QueryT0ken42"
	m := NewMasker(password, hook)
	for leak, want := range map[string]string{
		`oauth_consumer_key="p%26ss%2Bw%2Frd%3D%22%3Cx%3E%22%5C%20~ok"`:                         `oauth_consumer_key="***"`,
		`{"password":"p\u0026ss+w/rd=\"\u003cx\u003e\"\\ ~ok"}`:                                 `{"password":"***"}`,
		`{"password":"p&ss+w/rd=\"<x>\"\\ ~ok"}`:                                                `{"password":"***"}`,
		"Authorization: Basic " + base64.StdEncoding.EncodeToString([]byte("robot:Pa55w0rdXy")): "Authorization: Basic ***",
	} {
		if got := m.Mask(leak); got != want {
			t.Errorf("Mask(%q) = %q, want %q", leak, got, want)
		}
	}
}

// An address that may hold a secret is shown up to where the secret may
// start.
func TestRedactURL(t *testing.T) {
	for raw, want := range map[string]string{
		"https://hooks.slack.com/services/T0AB12CD/B9ZZ77YY/xoxSecretPart42": "https://hooks.slack.com/services/…",
		"https://discord.com/api/webhooks/123456789012345678/AbCdEf-token":   "https://discord.com/api/webhooks/123456789012345678/…",
		"https://hooks.example.org/incoming?token=q9Wd3kLm2":                 "https://hooks.example.org/incoming/…",
		"https://robot:Pa55w0rd@hooks.example.org/incoming":                  "https://hooks.example.org/incoming/…",
		"https://mastodon.example":                                           "https://mastodon.example",
		"https://api.linkedin.com/rest/":                                     "https://api.linkedin.com/rest/",
		"not a URL with a s3cret":                                            "…",
	} {
		if got := RedactURL(raw); got != want {
			t.Errorf("RedactURL(%q) = %q, want %q", raw, got, want)
		}
	}
}
