package faultproxy

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

func TestFaults(t *testing.T) {
	var served atomic.Int32
	up := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		served.Add(1)
		io.WriteString(w, "ok "+r.Host)
	}))
	defer up.Close()
	p, err := Start(up.URL)
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	post := func() (*http.Response, error) {
		return http.Post(p.URL+"/api/v1/statuses", "text/plain", strings.NewReader("x"))
	}
	tests := []struct {
		rule      string
		wantErr   bool
		status    int
		served    int32
		retryAfer string
	}{
		{"POST /api/v1/statuses drop 1", true, 0, 0, ""},
		{"POST /api/v1/statuses lose 1", true, 0, 1, ""},
		{"POST /api/v1/statuses answer 429 retry-after=7 1", false, 429, 0, "7"},
		{"POST /api/v1/statuses replace 500 1", false, 500, 1, ""},
		{"POST /api/v1/statuses delay 20ms 1", false, 200, 1, ""},
		{"POST /api/v1/statuses slow 20ms 1", false, 200, 1, ""},
		{"GET /api/v1/statuses drop 1", false, 200, 1, ""}, // another method: not touched
	}
	for _, tt := range tests {
		p.Reset()
		served.Store(0)
		r, err := ParseRule(strings.Fields(tt.rule))
		if err != nil {
			t.Fatal(err)
		}
		p.Add(r)
		start := time.Now()
		res, err := post()
		if tt.wantErr != (err != nil) {
			t.Errorf("%s: err = %v", tt.rule, err)
		}
		if err == nil {
			res.Body.Close()
			if res.StatusCode != tt.status || res.Header.Get("Retry-After") != tt.retryAfer {
				t.Errorf("%s: %d Retry-After %q", tt.rule, res.StatusCode, res.Header.Get("Retry-After"))
			}
		}
		if served.Load() != tt.served {
			t.Errorf("%s: the server carried out %d requests, want %d", tt.rule, served.Load(), tt.served)
		}
		if (strings.Contains(tt.rule, "delay") || strings.Contains(tt.rule, "slow")) && time.Since(start) < 20*time.Millisecond {
			t.Errorf("%s: not delayed", tt.rule)
		}
		// The fault is spent: the next request goes through.
		res, err = post()
		if err != nil || res.StatusCode != 200 {
			t.Errorf("%s: the rule applied twice: %v", tt.rule, err)
		} else {
			res.Body.Close()
		}
		if got := p.Seen("POST", "/api/v1/"); got != 2 {
			t.Errorf("%s: seen %d", tt.rule, got)
		}
	}
	// A client that gives up on a delayed request: it never arrives; on a
	// slow one: it did arrive.
	for _, tt := range []struct {
		rule   string
		served int32
	}{{"POST /api/v1/statuses delay 300ms 1", 0}, {"POST /api/v1/statuses slow 300ms 1", 1}} {
		p.Reset()
		served.Store(0)
		r, _ := ParseRule(strings.Fields(tt.rule))
		p.Add(r)
		c := &http.Client{Timeout: 50 * time.Millisecond}
		if res, err := c.Post(p.URL+"/api/v1/statuses", "text/plain", strings.NewReader("x")); err == nil {
			res.Body.Close()
			t.Errorf("%s: answered within the client's timeout", tt.rule)
		}
		time.Sleep(400 * time.Millisecond)
		if served.Load() != tt.served {
			t.Errorf("%s, client gone: the server carried out %d requests, want %d", tt.rule, served.Load(), tt.served)
		}
	}
	// Skip lets the first requests through; Carried tells what the server
	// answered to those it did.
	p.Reset()
	served.Store(0)
	p.Add(Rule{Method: "POST", Path: "/api/v1/statuses", Skip: 1, Times: 1, Fault: Fault{Kind: Replace, Status: 502}})
	var codes []int
	for i := 0; i < 3; i++ {
		res, err := post()
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		codes = append(codes, res.StatusCode)
	}
	if fmt.Sprint(codes) != "[200 502 200]" || served.Load() != 3 || fmt.Sprint(p.Carried()) != "[200]" {
		t.Errorf("skip 1 then replace: client heard %v, server did %d, carried %v", codes, served.Load(), p.Carried())
	}
	for _, bad := range []string{"POST /x", "POST /x explode 1", "POST /x answer 1", "POST /x delay soon 1"} {
		if _, err := ParseRule(strings.Fields(bad)); err == nil {
			t.Errorf("ParseRule(%q) accepted", bad)
		}
	}
}
