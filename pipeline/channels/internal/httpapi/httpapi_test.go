package httpapi

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/crieur/crieur/pipeline"
)

func TestRetryAfter(t *testing.T) {
	now := time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC)
	tests := []struct {
		header map[string]string
		want   time.Duration
	}{
		{map[string]string{"Retry-After": "120"}, 2 * time.Minute},
		{map[string]string{"Retry-After": "Tue, 01 Dec 2026 10:00:30 GMT"}, 30 * time.Second},
		{map[string]string{"Retry-After": "Tue, 01 Dec 2026 09:00:00 GMT"}, 0}, // in the past
		{map[string]string{"x-rate-limit-reset": fmt.Sprint(now.Add(7 * time.Minute).Unix())}, 7 * time.Minute},
		{map[string]string{"X-RateLimit-Reset": now.Add(90 * time.Second).Format(time.RFC3339)}, 90 * time.Second},
		{map[string]string{"RateLimit-Reset": "42"}, 42 * time.Second},
		{map[string]string{"Retry-After": "soon"}, 0},
		{nil, 0},
	}
	for _, tt := range tests {
		h := http.Header{}
		for k, v := range tt.header {
			h.Set(k, v)
		}
		if got := RetryAfter(h, now); got != tt.want {
			t.Errorf("RetryAfter(%v) = %s, want %s", tt.header, got, tt.want)
		}
	}
}

func TestErrorMessage(t *testing.T) {
	for body, want := range map[string]string{
		`{"error":"Record not found"}`:                                  "Record not found",
		`{"error":"InvalidRequest","message":"bad rkey"}`:               "InvalidRequest: bad rkey",
		`{"title":"Too Many Requests","detail":"slow down"}`:            "slow down: Too Many Requests",
		`{"error":{"message":"Invalid OAuth access token","code":190}}`: "Invalid OAuth access token",
		`invalid_payload`:               "invalid_payload",
		`<html><body>502</body></html>`: "",
		"\xff\xfe":                      "",
	} {
		if got := ErrorMessage([]byte(body)); got != want {
			t.Errorf("ErrorMessage(%q) = %q, want %q", body, got, want)
		}
	}
}

// TestClassify: what each answer becomes, for a POST that creates a post
// and for a GET.
func TestClassify(t *testing.T) {
	tests := []struct {
		method, status   int
		header           map[string]string
		temporary, maybe bool
		retryAfter       time.Duration
		calls            int32
	}{
		{method: 0, status: 201, calls: 1},
		{method: 0, status: 429, header: map[string]string{"Retry-After": "9"}, temporary: true, retryAfter: 9 * time.Second, calls: 1},
		{method: 0, status: 500, header: map[string]string{"X-RateLimit-Reset": "2099-01-01T00:00:00Z"}, temporary: true, maybe: true, calls: 1},
		{method: 0, status: 503, temporary: true, calls: 1},
		{method: 0, status: 422, calls: 1},
		{method: 0, status: 401, calls: 1},
		{method: 1, status: 500, temporary: true, calls: 3}, // a GET is tried 3 times
		{method: 1, status: 404, calls: 1},
	}
	for _, tt := range tests {
		var calls atomic.Int32
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			calls.Add(1)
			for k, v := range tt.header {
				w.Header().Set(k, v)
			}
			w.WriteHeader(tt.status)
			io.WriteString(w, `{"error":"nope"}`)
		}))
		c := &Client{Network: "mastodon", AuthHint: "check MASTODON_TOKEN", Sleep: func(context.Context, time.Duration) error { return nil }}
		method := []string{"POST", "GET"}[tt.method]
		_, err := c.JSON(context.Background(), method, srv.URL+"/api/v1/statuses", method+" /api/v1/statuses", map[string]string{"status": "x"}, nil)
		srv.Close()
		name := fmt.Sprintf("%s %d", method, tt.status)
		if calls.Load() != tt.calls {
			t.Errorf("%s: %d calls, want %d", name, calls.Load(), tt.calls)
		}
		if tt.status < 300 {
			if err != nil {
				t.Errorf("%s: %v", name, err)
			}
			continue
		}
		f := pipeline.AsFailure(err)
		if f == nil {
			t.Fatalf("%s: %v is not a Failure", name, err)
		}
		if f.Temporary != tt.temporary || f.MaybeSent != tt.maybe || f.RetryAfter != tt.retryAfter || f.Status != tt.status {
			t.Errorf("%s: %+v", name, f)
		}
		if tt.status == 401 && !strings.Contains(err.Error(), "check MASTODON_TOKEN") {
			t.Errorf("%s: %q has no hint", name, err)
		}
		if !strings.Contains(err.Error(), "nope") {
			t.Errorf("%s: %q lacks the network's words", name, err)
		}
	}
}

// TestNoURLInErrors: a token in the URL (Telegram, a webhook) never shows.
func TestNoURLInErrors(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close() // nothing listens: connection refused
	c := &Client{Network: "telegram", Retries: -1}
	_, err = c.JSON(context.Background(), "POST", "http://"+addr+"/bot123456:SECRET-token/sendMessage", "POST sendMessage", map[string]string{"text": "x"}, nil)
	f := pipeline.AsFailure(err)
	if f == nil || !f.Temporary || f.MaybeSent {
		t.Fatalf("refused connection: %+v (want temporary, not sent)", f)
	}
	if strings.Contains(err.Error(), "SECRET") || strings.Contains(err.Error(), "/bot") {
		t.Errorf("the URL leaked: %q", err)
	}
}

// TestPostNeverReplayed: a connection that breaks after a POST went out is
// not replayed by the transport, even with an Idempotency-Key (which
// makes Go's transport think it may); a request that creates nothing is.
func TestPostNeverReplayed(t *testing.T) {
	for _, createsNothing := range []bool{false, true} {
		var calls atomic.Int32
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.Method == "GET" {
				return // warms the connection up, so that it is reused
			}
			if calls.Add(1) == 1 {
				conn, _, _ := w.(http.Hijacker).Hijack()
				conn.Close() // the server did it; the answer is lost
				return
			}
			io.WriteString(w, `{}`)
		}))
		c := &Client{Network: "mastodon", Client: srv.Client(), Sleep: func(context.Context, time.Duration) error { return nil }}
		ctx := context.Background()
		if _, err := c.JSON(ctx, "GET", srv.URL+"/warm", "GET", nil, nil); err != nil {
			t.Fatal(err)
		}
		if createsNothing {
			ctx = CreatesNothing(ctx)
		}
		req, _ := http.NewRequestWithContext(ctx, "POST", srv.URL+"/api/v1/statuses", strings.NewReader("status=x"))
		req.Header.Set("Idempotency-Key", "k")
		_, err := c.Do(req, "POST /api/v1/statuses")
		srv.Close()
		if createsNothing {
			if err != nil || calls.Load() != 2 {
				t.Errorf("creates nothing: %d calls, %v; want it tried again", calls.Load(), err)
			}
			continue
		}
		f := pipeline.AsFailure(err)
		if calls.Load() != 1 || f == nil || !f.MaybeSent {
			t.Errorf("POST: %d calls, failure %+v; want one call and maybe sent", calls.Load(), f)
		}
	}
}

func TestUnreadableAnswerToAPost(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, `{"id":`) }))
	defer srv.Close()
	var out struct{ ID string }
	_, err := (&Client{Network: "x"}).JSON(context.Background(), "POST", srv.URL, "POST /2/tweets", map[string]string{}, &out)
	if f := pipeline.AsFailure(err); f == nil || !f.MaybeSent {
		t.Errorf("a 200 that cannot be read: %v; want maybe sent (the post is out)", err)
	}
	if errors.Is(err, context.Canceled) {
		t.Error("unexpected cancel")
	}
}

// A server that echoes the request (its URL, its Authorization header, a
// secret it was given) leaks none of it in the error, not even the start
// of a secret that the cut at 300 characters would have kept.
func TestEchoedSecretsMasked(t *testing.T) {
	const appPassword = "abcd-efgh-ijkl-mnop"
	const token = "tok_9f8e7d6c5b4a39281706"
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusBadRequest)
		fmt.Fprintf(w, `{"error": "Cannot POST %s with %s; %s %s"}`, r.URL.RequestURI(), r.Header.Get("Authorization"),
			strings.Repeat("x", 260), appPassword)
	}))
	defer ts.Close()
	c := &Client{Network: "test", Secrets: []string{appPassword}, Header: http.Header{"Authorization": {"Bearer " + token}}}
	req, _ := http.NewRequest(http.MethodPost, ts.URL+"/hooks/T0AB12CD/xoxSecretPart42?key=q9Wd3kLm2zz", strings.NewReader("{}"))
	_, err := c.Do(req, "POST /hooks")
	if err == nil {
		t.Fatal("a 400 is an error")
	}
	msg := err.Error()
	for _, leak := range []string{token, "T0AB12CD", "xoxSecretPart42", "q9Wd3kLm2zz", "abcd"} {
		if strings.Contains(msg, leak) {
			t.Errorf("the error shows %q: %s", leak, msg)
		}
	}
	if !strings.Contains(msg, "Cannot POST /hooks/***/***?***") {
		t.Errorf("the error lost the server's words: %s", msg)
	}
}

// An answer that echoes the channel's secrets in what the adapter reads
// back (an id, a DID, a header) is masked before the adapter sees it: a
// value it would put into the next request's URL, and from there into
// git, encoded beyond what a mask foresees. What else the request carried
// (a record key) is kept: an answer rightly repeats it.
func TestAnswerMasked(t *testing.T) {
	const password = `s3cr\et"&<x>`
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		w.Header().Set("X-Restli-Id", "urn:li:share:"+password)
		fmt.Fprintf(w, `{"did": %q, "rkey": %q}`, body, r.URL.Query().Get("rkey"))
	}))
	defer ts.Close()
	c := &Client{Network: "test", Secrets: []string{password}}
	var out struct{ DID, Rkey string }
	res, err := c.JSON(context.Background(), http.MethodPost, ts.URL+"/login?rkey=3u7w7ezxxge22", "POST /login", map[string]string{"password": password}, &out)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(out.DID, "s3cr") || !strings.Contains(out.DID, `"password":"***"`) {
		t.Errorf("the echoed body is not masked: %q", out.DID)
	}
	if out.Rkey != "3u7w7ezxxge22" {
		t.Errorf("the record key the request carried is masked too: %q", out.Rkey)
	}
	if id := res.Header.Get("X-Restli-Id"); id != "urn:li:share:***" {
		t.Errorf("the echoed header is not masked: %q", id)
	}
}
