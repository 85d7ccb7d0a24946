// Package faultproxy is a reverse proxy on 127.0.0.1 that breaks requests
// on purpose, between crieur and a real server (GoToSocial, the PDS), so
// that tests show what crieur does when the network misbehaves: answers
// late, drops a request, loses the answer to a request the server did
// carry out, or answers 500 or 429.
package faultproxy

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Fault is what to do to a request.
type Fault struct {
	Kind  Kind
	Delay time.Duration // Delay: before forwarding
	// Status is the answer for Answer and Replace; RetryAfter, when set, is
	// sent as the Retry-After header (seconds).
	Status     int
	RetryAfter int
	Body       string
}

// Kind of fault.
type Kind int

const (
	Delay   Kind = iota // wait, then forward: a request given up by the client meanwhile never arrives
	Slow                // forward at once, the server does it, then answer late
	Drop                // close the connection without forwarding: nothing reached the server
	Lose                // forward, let the server do it, then close the connection: the answer is lost
	Answer              // answer Status without forwarding (a 429, a 503 from a load balancer)
	Replace             // forward, let the server do it, then answer Status instead (a 500 after the fact)
)

// Rule applies a fault to the next Times requests matching Method and a
// path prefix, after letting Skip of them through.
type Rule struct {
	Method string
	Path   string // prefix
	Skip   int
	Times  int
	Fault  Fault
}

// Proxy is a running proxy.
type Proxy struct {
	URL string

	srv      *httptest.Server
	upstream *url.URL
	rp       *httputil.ReverseProxy
	mu       sync.Mutex
	rules    []*Rule
	seen     map[string]int // "METHOD /path" -> requests seen
	faulted  map[string]int // the same, those a fault was applied to
	carried  []int          // what the server answered to the requests Lose and Replace let through
}

// Start runs a proxy to upstream on 127.0.0.1.
func Start(upstream string) (*Proxy, error) {
	u, err := url.Parse(upstream)
	if err != nil {
		return nil, err
	}
	p := &Proxy{upstream: u, seen: map[string]int{}, faulted: map[string]int{}}
	p.rp = httputil.NewSingleHostReverseProxy(u)
	base := p.rp.Director
	p.rp.Director = func(r *http.Request) {
		base(r)
		r.Host = u.Host // virtual hosts (GoToSocial checks its host name)
	}
	p.srv = httptest.NewServer(http.HandlerFunc(p.serve))
	p.URL = p.srv.URL
	return p, nil
}

// Close stops the proxy.
func (p *Proxy) Close() { p.srv.Close() }

// Add appends a rule.
func (p *Proxy) Add(r Rule) {
	p.mu.Lock()
	defer p.mu.Unlock()
	rr := r
	p.rules = append(p.rules, &rr)
}

// Reset drops the rules and the counts.
func (p *Proxy) Reset() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.rules, p.seen, p.faulted, p.carried = nil, map[string]int{}, map[string]int{}, nil
}

// Carried lists the server's statuses for the requests a Lose or Replace
// fault let through (the server did them; the client never heard).
func (p *Proxy) Carried() []int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]int(nil), p.carried...)
}

// Seen is how many requests with this method and path prefix came.
func (p *Proxy) Seen(method, prefix string) int {
	p.mu.Lock()
	defer p.mu.Unlock()
	n := 0
	for k, v := range p.seen {
		m, path, _ := strings.Cut(k, " ")
		if m == method && strings.HasPrefix(path, prefix) {
			n += v
		}
	}
	return n
}

func (p *Proxy) match(r *http.Request) *Fault {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.seen[r.Method+" "+r.URL.Path]++
	for _, rule := range p.rules {
		if rule.Times > 0 && (rule.Method == "" || rule.Method == r.Method) && strings.HasPrefix(r.URL.Path, rule.Path) {
			if rule.Skip > 0 {
				rule.Skip--
				return nil
			}
			rule.Times--
			p.faulted[r.Method+" "+r.URL.Path]++
			f := rule.Fault
			return &f
		}
	}
	return nil
}

func (p *Proxy) serve(w http.ResponseWriter, r *http.Request) {
	f := p.match(r)
	if f == nil {
		p.rp.ServeHTTP(w, r)
		return
	}
	switch f.Kind {
	case Delay:
		// Read the request first: the server then notices when the
		// client hangs up, and a request given up is not delivered.
		body, err := io.ReadAll(r.Body)
		if err != nil {
			return
		}
		r.Body = io.NopCloser(bytes.NewReader(body))
		select {
		case <-time.After(f.Delay):
		case <-r.Context().Done():
			return
		}
		p.rp.ServeHTTP(w, r)
	case Slow:
		rec := httptest.NewRecorder()
		p.rp.ServeHTTP(rec, r)
		select {
		case <-time.After(f.Delay):
		case <-r.Context().Done():
			return
		}
		for k, v := range rec.Header() {
			w.Header()[k] = v
		}
		w.WriteHeader(rec.Code)
		w.Write(rec.Body.Bytes())
	case Drop:
		hangUp(w)
	case Answer:
		answer(w, f)
	case Lose, Replace:
		rec := httptest.NewRecorder()
		p.rp.ServeHTTP(rec, r) // the server carries it out
		p.mu.Lock()
		p.carried = append(p.carried, rec.Code)
		p.mu.Unlock()
		if f.Kind == Lose {
			hangUp(w)
			return
		}
		answer(w, f)
	}
}

func answer(w http.ResponseWriter, f *Fault) {
	if f.RetryAfter > 0 {
		w.Header().Set("Retry-After", strconv.Itoa(f.RetryAfter))
	}
	body := f.Body
	if body == "" {
		body = fmt.Sprintf(`{"error":"injected %d"}`, f.Status)
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(f.Status)
	fmt.Fprint(w, body)
}

// hangUp closes the client's connection without an answer.
func hangUp(w http.ResponseWriter) {
	hj, ok := w.(http.Hijacker)
	if !ok {
		panic("faultproxy: the server does not allow hijacking")
	}
	conn, _, err := hj.Hijack()
	if err == nil {
		conn.Close()
	}
}

// ParseRule reads a rule written as in a test script:
// "POST /api/v1/statuses lose 1", "POST /xrpc/ answer 429 retry-after=2 1",
// "GET / delay 300ms 2", "POST /api/v1/statuses slow 3s 1".
func ParseRule(args []string) (Rule, error) {
	if len(args) < 4 {
		return Rule{}, fmt.Errorf("want METHOD PATH KIND [ARGS] TIMES, got %q", args)
	}
	r := Rule{Method: args[0], Path: args[1]}
	times, err := strconv.Atoi(args[len(args)-1])
	if err != nil {
		return Rule{}, fmt.Errorf("times %q: %v", args[len(args)-1], err)
	}
	r.Times = times
	rest := args[3 : len(args)-1]
	switch args[2] {
	case "delay", "slow":
		if len(rest) != 1 {
			return Rule{}, fmt.Errorf("%s needs a duration", args[2])
		}
		d, err := time.ParseDuration(rest[0])
		if err != nil {
			return Rule{}, err
		}
		r.Fault = Fault{Kind: Delay, Delay: d}
		if args[2] == "slow" {
			r.Fault.Kind = Slow
		}
	case "drop":
		r.Fault = Fault{Kind: Drop}
	case "lose":
		r.Fault = Fault{Kind: Lose}
	case "answer", "replace":
		if len(rest) < 1 {
			return Rule{}, fmt.Errorf("%s needs a status", args[2])
		}
		st, err := strconv.Atoi(rest[0])
		if err != nil {
			return Rule{}, err
		}
		r.Fault = Fault{Kind: Answer, Status: st}
		if args[2] == "replace" {
			r.Fault.Kind = Replace
		}
		for _, a := range rest[1:] {
			if v, ok := strings.CutPrefix(a, "retry-after="); ok {
				if r.Fault.RetryAfter, err = strconv.Atoi(v); err != nil {
					return Rule{}, err
				}
			}
		}
	default:
		return Rule{}, fmt.Errorf("unknown fault %q (delay, slow, drop, lose, answer, replace)", args[2])
	}
	return r, nil
}
