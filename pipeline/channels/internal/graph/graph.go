// Package graph is what Meta's three adapters (facebook, instagram,
// threads) share of the Graph API: its error bodies and what they mean
// (docs/graph-api/guides/error-handling), its rate-limit codes and usage
// headers (docs/graph-api/overview/rate-limiting), its times, node URLs,
// form requests, the check of an image the network fetches by URL, the
// answers of insights edges and the loop of a Meter that reads one post at
// a time (insights.go).
// Each adapter keeps what differs: its routes, its hints, its extra codes.
//
// Rule of the room: what the adapters share: imports pipeline and
// pipeline/channels/internal/..., besides the standard library; never an
// adapter: it knows no network of its own. internal/archtest checks the
// imports.
package graph

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"path"
	"strings"
	"time"

	"github.com/crieur/crieur/pipeline"
	"github.com/crieur/crieur/pipeline/channels/internal/httpapi"
)

// Error is the body of a Graph API error.
type Error struct {
	Message     string `json:"message"`
	Type        string `json:"type"`
	Code        int    `json:"code"`
	Subcode     int    `json:"error_subcode"`
	UserTitle   string `json:"error_user_title"`
	UserMsg     string `json:"error_user_msg"`
	IsTransient bool   `json:"is_transient"`
	FBTraceID   string `json:"fbtrace_id"`
}

// Parse reads an error body; false when it is not one.
func Parse(b []byte) (Error, bool) {
	var v struct {
		Error *Error `json:"error"`
	}
	if json.Unmarshal(b, &v) != nil || v.Error == nil || (v.Error.Code == 0 && v.Error.Message == "") {
		return Error{}, false
	}
	return *v.Error, true
}

// Of reads the error of an answer; false when there is none.
func Of(res *httpapi.Response) (Error, bool) {
	if res == nil {
		return Error{}, false
	}
	return Parse(res.Body)
}

// Message says a Graph error in one line, with the codes a support
// request needs: "(#100) Invalid parameter (code 100, subcode 33, fbtrace_id A1b)".
// It is the httpapi.Client's ErrorMessage of every Meta adapter.
func Message(b []byte) string {
	e, ok := Parse(b)
	if !ok {
		return httpapi.ErrorMessage(b)
	}
	s := e.Message
	if e.UserMsg != "" && e.UserMsg != e.Message {
		s += ": " + e.UserMsg
	}
	codes := []string{fmt.Sprintf("code %d", e.Code)}
	if e.Subcode != 0 {
		codes = append(codes, fmt.Sprintf("subcode %d", e.Subcode))
	}
	if e.FBTraceID != "" {
		codes = append(codes, "fbtrace_id "+e.FBTraceID)
	}
	return s + " (" + strings.Join(codes, ", ") + ")"
}

// Gone reports whether an answer says the object does not exist (any
// more): 404, or code 100 subcode 33.
func Gone(res *httpapi.Response) bool {
	if res == nil {
		return false
	}
	if res.Status == http.StatusNotFound {
		return true
	}
	e, ok := Parse(res.Body)
	return ok && e.Code == 100 && e.Subcode == 33
}

// platformThrottled: the platform's "too many calls" codes.
func platformThrottled(code int) bool {
	switch code {
	case 4, 17, 32, 341, 613:
		return true
	}
	return false
}

// RegainWait reads estimated_time_to_regain_access (minutes) from the
// usage headers: X-Business-Use-Case-Usage maps business ids to lists of
// usages; X-App-Usage and X-Page-Usage are one flat usage. The longest
// wait wins; 0 when no header says.
func RegainWait(h http.Header) time.Duration {
	minutes := 0.0
	for _, name := range []string{"X-Business-Use-Case-Usage", "X-App-Usage", "X-Page-Usage"} {
		v := h.Get(name)
		if v == "" {
			continue
		}
		var doc any
		if json.Unmarshal([]byte(v), &doc) != nil {
			continue
		}
		walkRegain(doc, &minutes)
	}
	return time.Duration(minutes * float64(time.Minute))
}

func walkRegain(v any, max *float64) {
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			if n, ok := e.(float64); ok && k == "estimated_time_to_regain_access" && n > *max {
				*max = n
			}
			walkRegain(e, max)
		}
	case []any:
		for _, e := range x {
			walkRegain(e, max)
		}
	}
}

// ParseTime reads the Graph API's times: "2026-12-01T08:30:04+0000".
func ParseTime(s string) (time.Time, bool) {
	for _, layout := range []string{"2006-01-02T15:04:05-0700", time.RFC3339} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

// SameText compares a sent text with what the network shows, ignoring
// line-ending and surrounding-space differences.
func SameText(a, b string) bool {
	norm := func(s string) string {
		return strings.TrimSpace(strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n"))
	}
	return norm(a) == norm(b)
}

// BaseURL checks a base URL option (http or https, a host, no query,
// fragment or credentials) and drops its trailing slash; def when empty.
func BaseURL(v, def string) (string, error) {
	v = strings.TrimSpace(v)
	if v == "" {
		v = def
	}
	u, err := url.Parse(v)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" || u.RawQuery != "" || u.Fragment != "" || u.User != nil {
		return "", fmt.Errorf("%q is not an http(s) base URL", v)
	}
	return strings.TrimRight(v, "/"), nil
}

// MediaURL is where the network fetches an image: base (ending with a
// slash) followed by the image's name in the repository, each segment
// path-escaped.
func MediaURL(base, name string) string {
	segs := strings.Split(strings.TrimLeft(path.Clean("/"+strings.ReplaceAll(name, `\`, "/")), "/"), "/")
	for i, s := range segs {
		segs[i] = url.PathEscape(s)
	}
	return base + strings.Join(segs, "/")
}

// Policy is what an adapter says about its network's errors.
type Policy struct {
	// Throttled adds the network's own "too many calls" errors to the
	// platform's codes (4, 17, 32, 341, 613).
	Throttled func(Error) bool
	// ThrottleHint says what to do when throttled.
	ThrottleHint   func(Error) string
	TokenHint      string         // code 190 or 102: the token was refused
	PermissionHint string         // code 10, 200–299: a permission is missing
	Hints          map[int]string // other codes the network documents
	Transient      []int          // codes that are passing faults, besides 1 and 2
	Now            func() time.Time
}

// API is a Graph API endpoint with an adapter's policy.
type API struct {
	Network string
	Base    string // https://graph.facebook.com
	Version string // v23.0
	HTTP    *httpapi.Client
	Policy  Policy
}

// Node is the URL of a node or edge: Base/Version/seg/seg?q.
func (a *API) Node(q url.Values, segments ...string) string {
	u := a.Base + "/" + a.Version
	for _, s := range segments {
		u += "/" + url.PathEscape(s)
	}
	if len(q) > 0 {
		u += "?" + q.Encode()
	}
	return u
}

// Form sends url-encoded parameters (nil for GET and DELETE).
func (a *API) Form(ctx context.Context, method, u, op string, form url.Values, out any) (*httpapi.Response, error) {
	if form == nil {
		return a.Send(ctx, method, u, op, nil, "", out)
	}
	return a.Send(ctx, method, u, op, strings.NewReader(form.Encode()), "application/x-www-form-urlencoded", out)
}

// Send makes one request, classifies a Graph error with the policy and
// decodes the answer into out.
func (a *API) Send(ctx context.Context, method, u, op string, body io.Reader, ctype string, out any) (*httpapi.Response, error) {
	req, err := http.NewRequestWithContext(ctx, method, u, body)
	if err != nil {
		return nil, &pipeline.Failure{Network: a.Network, Op: op, Message: "cannot build the request: " + err.Error()}
	}
	if ctype != "" {
		req.Header.Set("Content-Type", ctype)
	}
	req.Header.Set("Accept", "application/json")
	res, err := a.HTTP.Do(req, op)
	if err != nil {
		return res, a.classify(method, res, err)
	}
	if out != nil {
		if err := json.Unmarshal(res.Body, out); err != nil {
			// A POST answered with something else than JSON may have been
			// done: worth asking Find, then trying again.
			post := method == http.MethodPost
			return res, &pipeline.Failure{Network: a.Network, Op: op, Status: res.Status, Message: "unexpected answer: " + err.Error(),
				Temporary: post, MaybeSent: post, Err: err}
		}
	}
	return res, nil
}

// classify completes httpapi's verdict with what the Graph error body
// says: a 400 or 403 can be throttling (temporary), an expired token, a
// missing permission or a passing fault.
func (a *API) classify(method string, res *httpapi.Response, err error) error {
	f := pipeline.AsFailure(err)
	if f == nil || res == nil {
		return err
	}
	e, ok := Parse(res.Body)
	if !ok {
		return err
	}
	p := a.Policy
	switch {
	case platformThrottled(e.Code) || (p.Throttled != nil && p.Throttled(e)):
		f.Temporary = true
		f.MaybeSent = false // refused, not done
		if d := RegainWait(res.Header); d > 0 {
			f.RetryAfter = d
		} else if f.RetryAfter == 0 {
			now := time.Now
			if p.Now != nil {
				now = p.Now
			}
			f.RetryAfter = httpapi.RetryAfter(res.Header, now())
		}
		if p.ThrottleHint != nil {
			f.Hint = p.ThrottleHint(e)
		}
	case e.Code == 190 || e.Code == 102:
		f.Temporary = false
		f.Hint = p.TokenHint
	case e.Code == 10 || (e.Code >= 200 && e.Code < 300):
		f.Temporary = false
		f.Hint = p.PermissionHint
	case p.Hints[e.Code] != "":
		f.Hint = p.Hints[e.Code]
	case e.IsTransient || e.Code == 1 || e.Code == 2 || contains(p.Transient, e.Code):
		f.Temporary = true
		if method == http.MethodPost {
			f.MaybeSent = true // an unknown error on a post does not say it was not made
		}
	}
	return f
}

func contains(list []int, n int) bool {
	for _, x := range list {
		if x == n {
			return true
		}
	}
	return false
}

// CheckImage checks, before anything is created, that the network will
// find the image at u: 200 and an image content type (HEAD, then GET). A
// missing image is not temporary and says where to serve it (hint); a
// host that is down is temporary. It returns the content type.
func CheckImage(ctx context.Context, media *httpapi.Client, network, name, u, hint string) (string, error) {
	const op = "check image URL"
	fetch := func(method string) (*httpapi.Response, error) {
		req, err := http.NewRequestWithContext(ctx, method, u, nil)
		if err != nil {
			return nil, &pipeline.Failure{Network: network, Op: op, Message: "cannot build the request: " + err.Error()}
		}
		return media.Do(req, op)
	}
	res, err := fetch(http.MethodHead)
	if err != nil {
		res, err = fetch(http.MethodGet)
	}
	if err != nil {
		f := pipeline.AsFailure(err)
		if f == nil {
			return "", err
		}
		g := *f
		g.Message = fmt.Sprintf("%s is not served at %s: %s", name, u, f.Message)
		if f.Status != 0 {
			g.Message = fmt.Sprintf("%s is not served at %s: HTTP %d", name, u, f.Status)
		}
		g.Status = 0
		g.Hint = hint
		g.MaybeSent = false
		return "", &g
	}
	if res.Status != http.StatusOK {
		return "", &pipeline.Failure{Network: network, Op: op, Message: fmt.Sprintf("%s answers HTTP %d at %s, not 200", name, res.Status, u), Hint: hint}
	}
	ct, _, _ := mime.ParseMediaType(res.Header.Get("Content-Type"))
	if !strings.HasPrefix(ct, "image/") {
		if ct == "" {
			ct = "no content type"
		}
		return ct, &pipeline.Failure{Network: network, Op: op, Message: fmt.Sprintf("%s is served at %s as %s, not as an image", name, u, ct), Hint: hint}
	}
	return ct, nil
}
