package pipeline

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"io"
	"net/url"
	"sort"
	"strings"
	"sync"
)

// minSecret is the shortest secret that is masked, and minPart the
// shortest part of one: shorter ones (a port, "v1") would mask ordinary
// words.
const (
	minSecret = 4
	minPart   = 6
)

// SecretForms returns a secret's value and every form in which a part of
// it may come back in an answer, an error or a log, longest first:
//   - the value itself, as it is, trimmed, percent-encoded (as a query, a
//     path, and as OAuth 1.0a sends it in its Authorization header: all
//     but RFC 3986's unreserved characters) and as a JSON string holds it
//     (a login body a server echoes: "password":"a\u0026b");
//   - for a URL (a webhook's, which often holds a token): its path and
//     URLSecrets (userinfo, query and its values, key-like path segments),
//     so that a server echoing "Cannot POST /hook?token=…" leaks nothing,
//     and the base64 of its userinfo, which an HTTP client sends as Basic
//     authentication;
//   - the base64 of the value and of "x-access-token:" + value, as HTTP
//     Basic authentication carries a token.
//
// A value shorter than four bytes, and parts shorter than six, are left
// out.
func SecretForms(value string) []string {
	seen := map[string]bool{}
	var out []string
	addMin := func(s string, min int) {
		if len(s) >= min && !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	add := func(s string) { addMin(s, minPart) }
	for _, v := range []string{value, strings.TrimSpace(value)} {
		addMin(v, minSecret)
		add(url.QueryEscape(v))
		add(url.PathEscape(v))
		add(strictEscape(v))
		for _, j := range jsonForms(v) {
			add(j)
		}
		add(base64.StdEncoding.EncodeToString([]byte(v)))
		add(base64.StdEncoding.EncodeToString([]byte("x-access-token:" + v)))
	}
	if u, err := url.Parse(strings.TrimSpace(value)); err == nil && u.Host != "" {
		add(u.EscapedPath())
		for _, p := range URLSecrets(u) {
			add(p)
		}
		if u.User != nil {
			p, _ := u.User.Password()
			add(base64.StdEncoding.EncodeToString([]byte(u.User.Username() + ":" + p)))
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return len(out[i]) > len(out[j]) })
	return out
}

// strictEscape percent-encodes all but RFC 3986's unreserved characters
// (letters, digits, "-", ".", "_", "~"), as OAuth 1.0a does.
func strictEscape(s string) string {
	const hex = "0123456789ABCDEF"
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-' || c == '.' || c == '_' || c == '~' {
			b.WriteByte(c)
			continue
		}
		b.WriteByte('%')
		b.WriteByte(hex[c>>4])
		b.WriteByte(hex[c&15])
	}
	return b.String()
}

// jsonForms are s as the inside of a JSON string, as encoding/json writes
// it (with <, > and & escaped as \u003c…) and as most other encoders do.
func jsonForms(s string) []string {
	var out []string
	for _, html := range []bool{true, false} {
		var b bytes.Buffer
		enc := json.NewEncoder(&b)
		enc.SetEscapeHTML(html)
		if enc.Encode(s) == nil {
			j := strings.TrimSuffix(b.String(), "\n")
			out = append(out, j[1:len(j)-1])
		}
	}
	return out
}

// URLSecrets returns the parts of a URL that may hold a secret, whoever
// made it (a webhook's address, a request an HTTP client sent): its
// userinfo and password, its query and each query value, and each path
// segment that looks like a key. Parts shorter than six bytes are left
// out.
func URLSecrets(u *url.URL) []string {
	var out []string
	add := func(s string) {
		if len(s) >= minPart {
			out = append(out, s)
		}
	}
	if u.User != nil {
		add(u.User.String())
		if p, ok := u.User.Password(); ok {
			add(p)
		}
	}
	add(u.RawQuery)
	for _, vs := range u.Query() {
		for _, v := range vs {
			add(v)
			add(url.QueryEscape(v))
		}
	}
	for _, seg := range strings.Split(u.Path, "/") {
		if tokenLike(seg) {
			add(seg)
		}
	}
	return out
}

// RedactURL is an address fit to show where the whole may be a secret (a
// webhook's, a channel's server in a review comment): its scheme, its
// host and its path up to the first segment that may be a key, then "…";
// never its userinfo, its query or its fragment:
// "https://hooks.slack.com/services/T0AB12CD/B9ZZ/xox" becomes
// "https://hooks.slack.com/services/…". An address with none of these is
// returned as it is; what is not an address at all becomes "…".
func RedactURL(raw string) string {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil || u.Scheme == "" || u.Host == "" {
		return "…"
	}
	kept := []string{}
	cut := u.User != nil || u.RawQuery != "" || u.ForceQuery || u.Fragment != ""
	for _, seg := range strings.Split(strings.TrimPrefix(u.EscapedPath(), "/"), "/") {
		if seg == "" {
			continue
		}
		plain, err := url.PathUnescape(seg)
		if err != nil || tokenLike(plain) {
			cut = true
			break
		}
		kept = append(kept, seg)
	}
	if !cut {
		return raw
	}
	out := u.Scheme + "://" + u.Host + "/"
	if len(kept) > 0 {
		out += strings.Join(kept, "/") + "/"
	}
	return out + "…"
}

// tokenLike reports whether a URL's path segment looks like a key rather
// than a word of the route ("services", "webhooks") or a plain number (a
// status id): letters with digits, upper and lower case letters, or long.
func tokenLike(seg string) bool {
	digit, upper, lower := false, false, false
	for _, r := range seg {
		switch {
		case '0' <= r && r <= '9':
			digit = true
		case 'A' <= r && r <= 'Z':
			upper = true
		case 'a' <= r && r <= 'z':
			lower = true
		}
	}
	return digit && (upper || lower) || upper && lower || len(seg) >= 24
}

// Masker hides secrets in text: every form of each (SecretForms),
// longest first, becomes ***.
type Masker struct {
	mu    sync.RWMutex // Add may come from one goroutine while another masks
	forms []string
}

// NewMasker masks the given secret values.
func NewMasker(secrets ...string) *Masker {
	m := &Masker{}
	m.Add(secrets...)
	return m
}

// Add masks more secret values.
func (m *Masker) Add(secrets ...string) {
	if len(secrets) == 0 {
		return
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	for _, s := range secrets {
		m.forms = append(m.forms, SecretForms(s)...)
	}
	sort.SliceStable(m.forms, func(i, j int) bool { return len(m.forms[i]) > len(m.forms[j]) })
}

// Mask returns s with every form of every secret replaced by ***.
func (m *Masker) Mask(s string) string {
	if m == nil {
		return s
	}
	m.mu.RLock()
	defer m.mu.RUnlock()
	for _, f := range m.forms {
		s = strings.ReplaceAll(s, f, "***")
	}
	return s
}

// MaskedLines writes whole lines to W with every form of Masker's
// secrets hidden; Flush writes what is left of the last line. A line is
// the unit: a secret is never cut in two by two writes. The secrets may
// be added while it writes (a command learns them as it opens channels).
type MaskedLines struct {
	W      io.Writer
	Masker *Masker

	mu   sync.Mutex
	line []byte
}

func (l *MaskedLines) Write(b []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	n := len(b)
	for len(b) > 0 {
		i := bytes.IndexByte(b, '\n')
		if i < 0 {
			l.line = append(l.line, b...)
			return n, nil
		}
		l.line = append(l.line, b[:i+1]...)
		b = b[i+1:]
		if err := l.flush(); err != nil {
			return n - len(b), err
		}
	}
	return n, nil
}

// Flush writes the last line, which has no newline yet.
func (l *MaskedLines) Flush() error {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.flush()
}

func (l *MaskedLines) flush() error {
	if len(l.line) == 0 {
		return nil
	}
	_, err := l.W.Write([]byte(l.Masker.Mask(string(l.line))))
	l.line = l.line[:0]
	return err
}
