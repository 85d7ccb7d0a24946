package webhook

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/crieur/crieur/pipeline"
)

const (
	key        = "3f1c0a9b8e7d6c5b4a3928170f1e2d3c4b5a69788796a5b4c3d2e1f00112233"
	signingKey = "whsec-Qq7SiGnInG"
)

var now = time.Date(2026, 12, 1, 9, 30, 4, 987654321, time.FixedZone("CET", 3600))

type setup struct {
	secrets map[string]string // secret name -> value; the variable is NAME_VAR
	options map[string]string
}

func client(t *testing.T, s setup) *Client {
	t.Helper()
	vars := map[string]string{}
	for name := range s.secrets {
		vars[name] = strings.ToUpper(name) + "_VAR"
	}
	cc := pipeline.ChannelConfig{Name: "automation", Type: "webhook", Network: "webhook", Secrets: vars, Options: s.options}
	c, err := FromConfig(cc, s.secrets, nil)
	if err != nil {
		t.Fatal(err)
	}
	c.Now = func() time.Time { return now }
	c.http.Sleep = func(context.Context, time.Duration) error { return nil }
	return c
}

// standard is a client of rc with every option: URL and signing secret.
func standard(t *testing.T, rc *receiver, ts *httptest.Server) *Client {
	return client(t, setup{
		secrets: map[string]string{"url": rc.base(ts) + "/publish", "signing_secret": signingKey},
		options: map[string]string{"retract_url": rc.base(ts) + "/retract", "find_url": rc.base(ts) + "/find",
			"media_base_url": "https://cdn.example.org/site/"},
	})
}

func message(t *testing.T) (pipeline.Message, []byte) {
	t.Helper()
	data := []byte("\x89PNG\r\n\x1a\nune affiche")
	p := filepath.Join(t.TempDir(), "affiche saison.png")
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return pipeline.Message{Key: key, Post: "posts/2026/12/saison.md", Lang: "fr",
		Parts:        []string{"La saison commence <bientôt> & vous ?", "Deuxième partie 🎉"},
		FirstComment: "Le programme : https://example.org",
		Media:        []pipeline.Attachment{{Path: p, Name: "media/2026/affiche saison.png", Alt: "Affiche « rouge »"}}}, data
}

func noSecret(t *testing.T, err error, r pipeline.Receipt) {
	t.Helper()
	for _, s := range []string{"tok-Zz9SeCrEt", signingKey, "/hooks/"} {
		if err != nil && strings.Contains(err.Error(), s) {
			t.Errorf("the error shows a secret (%s): %v", s, err)
		}
		if strings.Contains(r.ID+r.URL+strings.Join(r.Parts, " "), s) {
			t.Errorf("the receipt shows a secret (%s): %+v", s, r)
		}
	}
}

func TestPublishBodyHeadersAndSignature(t *testing.T) {
	rc, ts := newReceiver(t, signingKey)
	c := standard(t, rc, ts)
	m, data := message(t)
	r, err := c.Publish(context.Background(), m)
	noSecret(t, err, r)
	if err != nil {
		t.Fatal(err)
	}
	if len(rc.received) != 1 {
		t.Fatalf("the receiver acted %d times", len(rc.received))
	}
	sum := sha256.Sum256(data)
	want := Delivery{Action: "publish", Key: key, Post: "posts/2026/12/saison.md", Channel: "automation", Lang: "fr",
		Parts: m.Parts, FirstComment: m.FirstComment, PublishedAt: time.Date(2026, 12, 1, 8, 30, 4, 0, time.UTC),
		Media: []Media{{Name: "media/2026/affiche saison.png", Alt: "Affiche « rouge »",
			URL:    "https://cdn.example.org/site/media/2026/affiche%20saison.png",
			SHA256: hex.EncodeToString(sum[:]), Bytes: int64(len(data))}}}
	got := rc.received[0]
	if !got.PublishedAt.Equal(want.PublishedAt) {
		t.Errorf("published_at %v, want %v", got.PublishedAt, want.PublishedAt)
	}
	got.PublishedAt = want.PublishedAt
	if !reflect.DeepEqual(got, want) {
		t.Errorf("received\n%+v\nwant\n%+v", got, want)
	}
	if rc.agents[0] != "crieur" {
		t.Errorf("User-Agent %q", rc.agents[0])
	}
	wantR := pipeline.Receipt{ID: "evt_3f1c0a9b", URL: "https://intranet.example/posts/evt_3f1c0a9b", At: want.PublishedAt, Parts: []string{key}}
	if !reflect.DeepEqual(r, wantR) {
		t.Errorf("receipt %+v, want %+v", r, wantR)
	}
}

func TestPublishWithoutImagesOrSigning(t *testing.T) {
	rc, ts := newReceiver(t, "")
	c := client(t, setup{options: map[string]string{"url": rc.base(ts) + "/publish"}})
	if _, err := c.Publish(context.Background(), pipeline.Message{Key: key, Parts: []string{"x"}}); err != nil {
		t.Fatal(err)
	}
	d := rc.received[0]
	if d.Media == nil || len(d.Media) != 0 || d.FirstComment != "" || d.Lang != "" {
		t.Errorf("delivery %+v: want media [] and empty strings", d)
	}
}

func TestPublishSameKeyTwice(t *testing.T) {
	for _, conflict := range []bool{false, true} {
		name := "200"
		if conflict {
			name = "409"
		}
		t.Run(name, func(t *testing.T) {
			rc, ts := newReceiver(t, signingKey)
			rc.conflict = conflict
			c := standard(t, rc, ts)
			m, _ := message(t)
			first, err := c.Publish(context.Background(), m)
			if err != nil {
				t.Fatal(err)
			}
			second, err := c.Publish(context.Background(), m)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(first, second) || len(rc.received) != 1 {
				t.Errorf("second receipt %+v, first %+v, acted %d times; want the same receipt, once", second, first, len(rc.received))
			}
			if !reflect.DeepEqual(rc.idKeys, []string{key, key}) {
				t.Errorf("Idempotency-Key headers %v", rc.idKeys)
			}
		})
	}
}

func TestPublishAnswers(t *testing.T) {
	tests := []struct {
		name   string
		status int
		body   string
		want   pipeline.Receipt
	}{
		{"empty", 204, "", pipeline.Receipt{ID: key}},
		{"text", 200, "OK", pipeline.Receipt{ID: key}},
		{"numeric id", 200, `{"id": 12345, "url": "https://x.example/12345"}`, pipeline.Receipt{ID: "12345", URL: "https://x.example/12345", Parts: []string{key}}},
		{"no url", 200, `{"id": "a1"}`, pipeline.Receipt{ID: "a1", Parts: []string{key}}},
		{"not an address", 200, `{"id": "a1", "url": "javascript:alert(1)"}`, pipeline.Receipt{ID: "a1", Parts: []string{key}}},
		{"echoes the secret URL", 200, `{"id": "a1", "url": "URL"}`, pipeline.Receipt{ID: "a1", Parts: []string{key}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rc, ts := newReceiver(t, signingKey)
			rc.answer = func(int) (int, http.Header, string) {
				return tt.status, nil, strings.ReplaceAll(tt.body, "URL", rc.base(ts)+"/publish")
			}
			c := standard(t, rc, ts)
			r, err := c.Publish(context.Background(), pipeline.Message{Key: key, Parts: []string{"x"}})
			noSecret(t, err, r)
			if err != nil {
				t.Fatal(err)
			}
			r.At = time.Time{}
			if !reflect.DeepEqual(r, tt.want) {
				t.Errorf("receipt %+v, want %+v", r, tt.want)
			}
		})
	}
}

func TestPublishFailures(t *testing.T) {
	tests := []struct {
		name           string
		status         int
		header         http.Header
		body           string
		badSecret      bool
		wantTemporary  bool
		wantMaybeSent  bool
		wantRetryAfter time.Duration
		wantInMessage  string
		wantInHint     string
	}{
		{name: "refused", status: 422, body: `{"error": "unknown channel automation"}`, wantInMessage: "unknown channel automation"},
		{name: "bad signature", badSecret: true, status: 401, wantInMessage: "bad signature", wantInHint: "X-Crieur-Signature"},
		{name: "rate limited", status: 429, header: http.Header{"Retry-After": {"120"}}, body: `{"message": "slow down"}`,
			wantTemporary: true, wantRetryAfter: 2 * time.Minute, wantInMessage: "slow down"},
		{name: "crashed", status: 500, body: "boom", wantTemporary: true, wantMaybeSent: true, wantInMessage: "boom"},
		{name: "unavailable", status: 503, body: "down for maintenance", wantTemporary: true, wantInMessage: "maintenance"},
		{name: "echoes its URL", status: 400, body: `{"error": "no route for URL"}`, wantInMessage: "no route for ***"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rc, ts := newReceiver(t, signingKey)
			if tt.badSecret {
				rc.secret = "another secret"
			} else {
				rc.answer = func(int) (int, http.Header, string) {
					return tt.status, tt.header, strings.ReplaceAll(tt.body, "URL", rc.base(ts)+"/publish")
				}
			}
			c := standard(t, rc, ts)
			r, err := c.Publish(context.Background(), pipeline.Message{Key: key, Parts: []string{"x"}})
			noSecret(t, err, r)
			fl := pipeline.AsFailure(err)
			if fl == nil {
				t.Fatalf("error %v, want a *pipeline.Failure", err)
			}
			if fl.Status != tt.status || fl.Temporary != tt.wantTemporary || fl.MaybeSent != tt.wantMaybeSent || fl.RetryAfter != tt.wantRetryAfter {
				t.Errorf("failure %+v: want status %d temporary %v maybeSent %v retryAfter %v", fl, tt.status, tt.wantTemporary, tt.wantMaybeSent, tt.wantRetryAfter)
			}
			if !strings.Contains(fl.Message, tt.wantInMessage) || !strings.Contains(fl.Hint, tt.wantInHint) {
				t.Errorf("message %q hint %q: want %q and %q", fl.Message, fl.Hint, tt.wantInMessage, tt.wantInHint)
			}
		})
	}
}

func TestNoSecretInTransportErrors(t *testing.T) {
	rc, ts := newReceiver(t, signingKey)
	c := standard(t, rc, ts)
	ts.Close()
	r, err := c.Publish(context.Background(), pipeline.Message{Key: key, Parts: []string{"x"}})
	if err == nil {
		t.Fatal("Publish succeeded with no receiver")
	}
	noSecret(t, err, r)
	_, _, err = c.Find(context.Background(), pipeline.Message{Key: key})
	if err == nil {
		t.Fatal("Find succeeded with no receiver")
	}
	noSecret(t, err, pipeline.Receipt{})
	err = c.Retract(context.Background(), pipeline.Receipt{ID: key})
	if err == nil {
		t.Fatal("Retract succeeded with no receiver")
	}
	noSecret(t, err, pipeline.Receipt{})
}

func TestSecretURLWinsOverOption(t *testing.T) {
	rc, ts := newReceiver(t, "")
	decoy := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		t.Errorf("the option's URL was called: %s", r.URL.Path)
	}))
	defer decoy.Close()
	c := client(t, setup{secrets: map[string]string{"url": rc.base(ts) + "/publish"}, options: map[string]string{"url": decoy.URL}})
	if _, err := c.Publish(context.Background(), pipeline.Message{Key: key, Parts: []string{"x"}}); err != nil {
		t.Fatal(err)
	}
	if len(rc.received) != 1 {
		t.Errorf("the secret's URL got %d deliveries", len(rc.received))
	}
}

func TestFind(t *testing.T) {
	rc, ts := newReceiver(t, signingKey)
	c := standard(t, rc, ts)
	if !c.CanFind() {
		t.Fatal("CanFind is false with find_url set")
	}
	ctx := context.Background()
	if _, found, err := c.Find(ctx, pipeline.Message{Key: key}); found || err != nil {
		t.Fatalf("Find before publishing = %v, %v", found, err)
	}
	sent, err := c.Publish(ctx, pipeline.Message{Key: key, Parts: []string{"x"}})
	if err != nil {
		t.Fatal(err)
	}
	got, found, err := c.Find(ctx, pipeline.Message{Key: key})
	if err != nil || !found {
		t.Fatalf("Find after publishing = %v, %v", found, err)
	}
	if got.ID != sent.ID || got.URL != sent.URL || !reflect.DeepEqual(got.Parts, sent.Parts) {
		t.Errorf("Find = %+v, want %+v", got, sent)
	}

	// find_url with a query of its own keeps it.
	var query string
	own := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		query = r.URL.RawQuery
		w.WriteHeader(http.StatusNotFound)
	}))
	defer own.Close()
	c2 := client(t, setup{options: map[string]string{"url": own.URL, "find_url": own.URL + "/find?token=abc"}})
	if _, found, err := c2.Find(ctx, pipeline.Message{Key: key}); found || err != nil {
		t.Errorf("Find = %v, %v", found, err)
	}
	if query != "token=abc&key="+key {
		t.Errorf("query %q", query)
	}
}

func TestFindAndRetractNotConfigured(t *testing.T) {
	rc, ts := newReceiver(t, "")
	c := client(t, setup{options: map[string]string{"url": rc.base(ts) + "/publish"}})
	if c.CanFind() || c.CanRetract() {
		t.Error("CanFind or CanRetract without their URL")
	}
	_, found, err := c.Find(context.Background(), pipeline.Message{Key: key})
	if err == nil || found || !strings.Contains(pipeline.AsFailure(err).Hint, "channels.automation.options.find_url") {
		t.Errorf("Find = %v, %v; want an error naming find_url", found, err)
	}
	err = c.Retract(context.Background(), pipeline.Receipt{ID: key})
	if fl := pipeline.AsFailure(err); fl == nil || fl.Temporary || !strings.Contains(fl.Hint, "channels.automation.options.retract_url") {
		t.Errorf("Retract = %v; want a permanent failure naming retract_url", err)
	}
	if rc.requests != 0 {
		t.Errorf("%d requests", rc.requests)
	}
}

func TestRetract(t *testing.T) {
	rc, ts := newReceiver(t, signingKey)
	c := standard(t, rc, ts)
	ctx := context.Background()
	r, err := c.Publish(ctx, pipeline.Message{Key: key, Parts: []string{"x"}})
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Retract(ctx, r); err != nil {
		t.Fatal(err)
	}
	want := []Retraction{{Action: "retract", Key: key, ID: "evt_3f1c0a9b"}}
	if !reflect.DeepEqual(rc.retracted, want) {
		t.Errorf("retracted %+v, want %+v", rc.retracted, want)
	}
	// Already gone (404): not an error.
	if err := c.Retract(ctx, r); err != nil {
		t.Errorf("retracting twice: %v", err)
	}
	// A receipt whose id is the key (the receiver answered no id).
	rc.byKey["ffff"] = "ffff"
	if err := c.Retract(ctx, pipeline.Receipt{ID: "ffff"}); err != nil {
		t.Fatal(err)
	}
	if last := rc.retracted[len(rc.retracted)-1]; last.Key != "ffff" || last.ID != "ffff" {
		t.Errorf("retraction %+v", last)
	}
}

func TestPublishUnreadableImage(t *testing.T) {
	rc, ts := newReceiver(t, "")
	c := client(t, setup{options: map[string]string{"url": rc.base(ts) + "/publish"}})
	_, err := c.Publish(context.Background(), pipeline.Message{Key: key, Parts: []string{"x"},
		Media: []pipeline.Attachment{{Path: filepath.Join(t.TempDir(), "missing.png"), Name: "media/missing.png"}}})
	if err == nil || !strings.Contains(err.Error(), "media/missing.png") {
		t.Errorf("error %v, want one naming the image", err)
	}
	if rc.requests != 0 {
		t.Errorf("%d requests, want none", rc.requests)
	}
}

func TestSign(t *testing.T) {
	// HMAC-SHA256 test case 2 of RFC 4231.
	got := Sign([]byte("Jefe"), []byte("what do ya want for nothing?"))
	if got != "sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843" {
		t.Errorf("Sign = %s", got)
	}
}

func TestFromConfig(t *testing.T) {
	tests := []struct {
		name    string
		vars    map[string]string
		secrets map[string]string
		options map[string]string
		want    string
	}{
		{name: "option url", options: map[string]string{"url": "https://hooks.example/x"}},
		{name: "no url", want: "set channels.hook.options.url, or channels.hook.secrets.url"},
		{name: "url secret empty", vars: map[string]string{"url": "HOOK_URL"}, options: map[string]string{"url": "https://hooks.example/x"},
			want: `secret "url" is empty: set the environment variable HOOK_URL (crieur.yml: channels.hook.secrets.url); in GitHub, create the repository secret HOOK_URL and check that the publish workflow passes it: crieur doctor says, crieur init --force rewrites the workflow`},
		{name: "url secret not a URL", vars: map[string]string{"url": "HOOK_URL"}, secrets: map[string]string{"url": "hooks.example/tok-Zz9SeCrEt"},
			want: "the url in HOOK_URL is not an http(s) URL"},
		{name: "signing secret empty", vars: map[string]string{"signing_secret": "HOOK_SIGN"}, options: map[string]string{"url": "https://hooks.example/x"},
			want: "HOOK_SIGN"},
		{name: "bad retract_url", options: map[string]string{"url": "https://hooks.example/x", "retract_url": "/retract"}, want: "option retract_url"},
		{name: "bad media base", options: map[string]string{"url": "https://hooks.example/x", "media_base_url": "cdn"}, want: "media_base_url"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := FromConfig(pipeline.ChannelConfig{Name: "hook", Type: "webhook", Secrets: tt.vars, Options: tt.options}, tt.secrets, nil)
			if tt.want == "" {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %v, want %q", err, tt.want)
			}
			if err != nil && strings.Contains(err.Error(), "SeCrEt") {
				t.Errorf("the error shows the secret: %v", err)
			}
		})
	}
}
