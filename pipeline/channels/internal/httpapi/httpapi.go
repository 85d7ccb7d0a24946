// Package httpapi is how adapters talk to networks over HTTP: it turns a
// network's answers into pipeline.Failures the publisher understands,
// retries the requests that are safe to repeat, never puts a URL (which
// may hold a token) in an error, and masks the channel's secrets in every
// answer before an adapter reads it.
//
// Rule of the room: what the adapters share, whose room is
// pipeline/channels/internal/: imports pipeline, besides the standard
// library; never an adapter. It is outside pipeline itself so that the
// linters, which import pipeline, never depend on net/http.
// internal/archtest checks the imports.
package httpapi

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptrace"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/crieur/crieur/pipeline"
)

// Client is what every adapter sends its requests with: it turns a
// network's answers into Failures the publisher understands, retries the
// requests that are safe to repeat, and never puts a URL (a Telegram bot
// token, a Discord webhook) in an error.
type Client struct {
	Network string
	Client  *http.Client // nil: a client with a 60 s timeout
	Header  http.Header  // sent with every request (authorization, API version…)
	// AuthHint is said when the network refuses the credentials (401, 403
	// on a token): "check MSTDN_TOKEN", naming the variable, never the value.
	AuthHint string
	// ErrorMessage pulls the network's own words out of an error body;
	// nil tries the usual JSON shapes ({"error": …}, {"message": …},
	// {"detail": …}, {"description": …}) and falls back to the text.
	ErrorMessage func(body []byte) string
	// Retries is how many more times a safe request (GET, HEAD, PUT,
	// DELETE) is tried on a temporary failure; -1 for none. A POST is never
	// repeated here: the publisher decides, after asking the network.
	Retries int
	// Sleep waits between retries; nil sleeps for real (tests shorten it).
	Sleep func(ctx context.Context, d time.Duration) error
	// MaxBody caps what is read of an answer; default 8 MiB.
	MaxBody int64
	// Secrets are the channel's secret values: masked, whole and in every
	// form (pipeline.SecretForms), in what a server answers, before it is
	// cut, as are the secrets the request itself carries.
	Secrets []string
}

// Values lists a channel's secret values, for Client.Secrets.
func Values(secrets map[string]string) []string {
	out := make([]string, 0, len(secrets))
	for _, v := range secrets {
		out = append(out, v)
	}
	return out
}

type createsNothing struct{}

// CreatesNothing marks the requests made with ctx as ones that publish
// nothing (a login, an upload of an image not yet attached to a post, a
// search): a POST among them is retried like a GET and its failures never
// say the post may have gone out.
func CreatesNothing(ctx context.Context) context.Context {
	return context.WithValue(ctx, createsNothing{}, true)
}

// Response is an answer with its body read.
type Response struct {
	Status int
	Header http.Header
	Body   []byte
}

// Do sends req and reads the answer. A 2xx answer is returned; anything
// else is a *pipeline.Failure. op names the request in errors ("POST /2/tweets").
func (c *Client) Do(req *http.Request, op string) (*Response, error) {
	safe := req.Method == http.MethodGet || req.Method == http.MethodHead || req.Method == http.MethodPut || req.Method == http.MethodDelete ||
		req.Context().Value(createsNothing{}) != nil
	var body []byte
	if req.Body != nil && req.GetBody == nil {
		b, err := io.ReadAll(req.Body)
		if err != nil {
			return nil, err
		}
		body = b
		req.GetBody = func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(body)), nil }
		req.Body, _ = req.GetBody()
	}
	retries := c.Retries
	if retries == 0 {
		retries = 2
	}
	if !safe || retries < 0 {
		retries = 0
	}
	for attempt := 0; ; attempt++ {
		res, err := c.once(req, op, safe)
		f := pipeline.AsFailure(err)
		if err == nil || f == nil || !f.Temporary || attempt >= retries {
			return res, err
		}
		wait := f.RetryAfter
		if wait == 0 {
			wait = time.Duration(500<<attempt) * time.Millisecond
		}
		if wait > 30*time.Second {
			return res, err // the publisher's business: a later run
		}
		if werr := c.sleep(req.Context(), wait); werr != nil {
			return res, err
		}
		if req.GetBody != nil {
			b, gerr := req.GetBody()
			if gerr != nil {
				return res, err
			}
			req.Body = b
		}
	}
}

func (c *Client) sleep(ctx context.Context, d time.Duration) error {
	if c.Sleep != nil {
		return c.Sleep(ctx, d)
	}
	return pipeline.Sleep(ctx, d)
}

func (c *Client) once(req *http.Request, op string, safe bool) (*Response, error) {
	wrote := false
	trace := &httptrace.ClientTrace{WroteRequest: func(httptrace.WroteRequestInfo) { wrote = true }}
	req = req.WithContext(httptrace.WithClientTrace(req.Context(), trace))
	if !safe {
		// Go's transport replays a request whose connection broke before
		// any answer when it looks idempotent, and an Idempotency-Key
		// header makes it look so. A server that ignores the header
		// (GoToSocial) would then publish twice: a request that creates
		// something is sent once here; the publisher decides, after
		// asking the network.
		req.GetBody = nil
	}
	for k, vs := range c.Header {
		if req.Header.Get(k) == "" {
			req.Header[k] = vs
		}
	}
	client := c.Client
	if client == nil {
		client = &http.Client{Timeout: 60 * time.Second}
	}
	hres, err := client.Do(req)
	if err != nil {
		return nil, &pipeline.Failure{Network: c.Network, Op: op, Message: transportMessage(err), Temporary: true,
			MaybeSent: wrote && !safe, Err: errors.Unwrap(err)}
	}
	defer hres.Body.Close()
	limit := c.MaxBody
	if limit == 0 {
		limit = 8 << 20
	}
	b, rerr := io.ReadAll(io.LimitReader(hres.Body, limit))
	res := c.masked(&Response{Status: hres.StatusCode, Header: hres.Header, Body: b})
	if rerr != nil {
		// The answer started and was cut: the request was received.
		return res, &pipeline.Failure{Network: c.Network, Op: op, Status: hres.StatusCode, Message: "answer cut: " + transportMessage(rerr),
			Temporary: true, MaybeSent: !safe, Err: rerr}
	}
	if hres.StatusCode >= 200 && hres.StatusCode < 300 {
		return res, nil
	}
	f := &pipeline.Failure{Network: c.Network, Op: op, Status: hres.StatusCode, Message: c.message(res.Body, req)}
	switch {
	case hres.StatusCode == http.StatusTooManyRequests:
		f.Temporary = true
		f.RetryAfter = RetryAfter(res.Header, time.Now())
		if f.Message == "" {
			f.Message = "rate limited"
		}
	case hres.StatusCode >= 500:
		f.Temporary = true
		// Only Retry-After: the rate-limit headers come with every answer
		// (Mastodon) and say nothing about a server error.
		f.RetryAfter = RetryAfter(http.Header{"Retry-After": res.Header.Values("Retry-After")}, time.Now())
		// A 5xx answer to a POST does not say whether the post was made.
		f.MaybeSent = !safe && hres.StatusCode != http.StatusServiceUnavailable
	case hres.StatusCode == http.StatusUnauthorized || hres.StatusCode == http.StatusForbidden:
		f.Hint = c.AuthHint
	}
	if f.Message == "" {
		f.Message = http.StatusText(hres.StatusCode)
	}
	return res, f
}

// masked hides the channel's secrets in an answer, before the adapter
// reads anything of it: a server that echoes the request (a login body,
// an Authorization header) in the fields the adapter keeps (an id, a
// DID, an address) would otherwise put them into the next request's URL
// and from there, encoded in ways no mask foresees, into the post, the
// journal and git. Only the channel's own secrets are masked, never what
// the request carried besides (a record key, a DID), which an answer
// rightly repeats. A binary body (an image) is left as it is.
func (c *Client) masked(res *Response) *Response {
	if len(c.Secrets) == 0 {
		return res
	}
	m := pipeline.NewMasker(c.Secrets...)
	if b, ok := maskJSON(m, res.Body); ok {
		res.Body = b
	} else if utf8.Valid(res.Body) {
		if s := m.Mask(string(res.Body)); s != string(res.Body) {
			res.Body = []byte(s)
		}
	}
	h := make(http.Header, len(res.Header))
	for k, vs := range res.Header {
		masked := make([]string, len(vs))
		for i, v := range vs {
			masked[i] = m.Mask(v)
		}
		h[k] = masked
	}
	res.Header = h
	return res
}

// maskJSON masks the strings of a JSON answer as the adapter will read
// them, unescaped: a server that quotes a JSON request inside a JSON
// string escapes it twice, beyond the forms a mask of the raw bytes
// knows. An answer with nothing to mask is returned as it came (ok is
// then false, as for a body that is not JSON); one with something is
// written again, its numbers kept as they were.
func maskJSON(m *pipeline.Masker, b []byte) ([]byte, bool) {
	if !json.Valid(b) {
		return nil, false
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var v any
	if dec.Decode(&v) != nil {
		return nil, false
	}
	changed := false
	var walk func(any) any
	walk = func(x any) any {
		switch x := x.(type) {
		case string:
			if y := m.Mask(x); y != x {
				changed = true
				return y
			}
		case []any:
			for i := range x {
				x[i] = walk(x[i])
			}
		case map[string]any:
			for k, e := range x {
				if mk := m.Mask(k); mk != k {
					changed = true
					delete(x, k)
					k = mk
				}
				x[k] = walk(e)
			}
		}
		return x
	}
	v = walk(v)
	if !changed {
		return nil, false
	}
	var out bytes.Buffer
	enc := json.NewEncoder(&out)
	enc.SetEscapeHTML(false)
	if enc.Encode(v) != nil {
		return nil, false
	}
	return bytes.TrimSuffix(out.Bytes(), []byte("\n")), true
}

// transportMessage is a transport error without the URL (which may hold a
// token).
func transportMessage(err error) string {
	var ue *url.Error
	if errors.As(err, &ue) {
		err = ue.Err
	}
	var ne net.Error
	if errors.As(err, &ne) && ne.Timeout() {
		return "no answer in time (" + err.Error() + ")"
	}
	return err.Error()
}

// message is the network's words in an error body, with what the request
// carried of secrets masked before it is cut (a cut secret would no longer
// be found whole): a server that echoes the request ("Cannot POST
// /hook?token=…", "invalid header Authorization: Bearer …") leaks nothing.
func (c *Client) message(b []byte, req *http.Request) string {
	var s string
	if c.ErrorMessage != nil {
		s = c.ErrorMessage(b)
	} else {
		s = ErrorMessage(b)
	}
	m := requestSecrets(req)
	m.Add(c.Secrets...)
	return clip(strings.TrimSpace(m.Mask(s)), 300)
}

// requestSecrets are the secrets a request carries: the parts of its URL
// that may be keys, and the values of its credential headers.
func requestSecrets(req *http.Request) *pipeline.Masker {
	m := pipeline.NewMasker(pipeline.URLSecrets(req.URL)...)
	for name, vs := range req.Header {
		if !credentialHeader(name) {
			continue
		}
		for _, v := range vs {
			m.Add(v)
			if _, cred, ok := strings.Cut(v, " "); ok {
				m.Add(cred) // "Bearer <token>", "Basic <base64>"
			}
		}
	}
	return m
}

// credentialHeader reports whether a header carries credentials.
func credentialHeader(name string) bool {
	n := strings.ToLower(name)
	for _, w := range []string{"auth", "token", "key", "secret", "signature", "cookie", "password"} {
		if strings.Contains(n, w) && n != "idempotency-key" {
			return true
		}
	}
	return false
}

// ErrorMessage finds the message in the usual shapes of JSON error bodies,
// or returns the body as text.
func ErrorMessage(b []byte) string {
	var v map[string]any
	if json.Unmarshal(b, &v) == nil {
		var parts []string
		for _, k := range []string{"error", "message", "detail", "description", "error_description", "title"} {
			switch x := v[k].(type) {
			case string:
				if x != "" {
					parts = append(parts, x)
				}
			case map[string]any:
				if m, ok := x["message"].(string); ok {
					parts = append(parts, m)
				}
			}
		}
		if len(parts) > 0 {
			return strings.Join(dedupe(parts), ": ")
		}
	}
	if !utf8.Valid(b) || bytes.HasPrefix(bytes.TrimSpace(b), []byte("<")) {
		return "" // binary or an HTML error page: the status says enough
	}
	return string(b)
}

func dedupe(s []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, x := range s {
		if !seen[x] {
			seen[x] = true
			out = append(out, x)
		}
	}
	return out
}

func clip(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n]) + "…"
}

// RetryAfter reads how long a network asks to wait: Retry-After in
// seconds or as an HTTP date (RFC 9110 §10.2.3), else a rate-limit reset
// header (x-rate-limit-reset in Unix seconds for X, X-RateLimit-Reset as
// an ISO time for Mastodon). 0 when none says.
func RetryAfter(h http.Header, now time.Time) time.Duration {
	if v := strings.TrimSpace(h.Get("Retry-After")); v != "" {
		if n, err := strconv.Atoi(v); err == nil && n >= 0 {
			return time.Duration(n) * time.Second
		}
		if t, err := http.ParseTime(v); err == nil {
			return positive(t.Sub(now))
		}
	}
	for _, k := range []string{"X-Rate-Limit-Reset", "X-RateLimit-Reset", "RateLimit-Reset"} {
		v := strings.TrimSpace(h.Get(k))
		if v == "" {
			continue
		}
		if n, err := strconv.ParseInt(v, 10, 64); err == nil {
			if n > 1_000_000_000 { // a Unix time
				return positive(time.Unix(n, 0).Sub(now))
			}
			return time.Duration(n) * time.Second // seconds to go (IETF draft RateLimit-Reset)
		}
		if t, err := time.Parse(time.RFC3339, v); err == nil {
			return positive(t.Sub(now))
		}
	}
	return 0
}

func positive(d time.Duration) time.Duration {
	if d < 0 {
		return 0
	}
	return d.Round(time.Second)
}

// JSON sends a JSON body (nil for none), checks the answer and decodes it
// into out (nil to ignore it).
func (c *Client) JSON(ctx context.Context, method, u, op string, in, out any) (*Response, error) {
	var body io.Reader
	if in != nil {
		b, err := json.Marshal(in)
		if err != nil {
			return nil, err
		}
		body = bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(ctx, method, u, body)
	if err != nil {
		return nil, fmt.Errorf("%s %s: %s", c.Network, op, transportMessage(err))
	}
	if in != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	req.Header.Set("Accept", "application/json")
	res, err := c.Do(req, op)
	if err != nil {
		return res, err
	}
	if out != nil && len(bytes.TrimSpace(res.Body)) > 0 {
		if err := json.Unmarshal(res.Body, out); err != nil {
			// The network said yes: what it created is out, even if its
			// answer cannot be read.
			return res, &pipeline.Failure{Network: c.Network, Op: op, Status: res.Status, Message: "unexpected answer: " + err.Error(), Err: err,
				MaybeSent: method == http.MethodPost && ctx.Value(createsNothing{}) == nil}
		}
	}
	return res, nil
}
