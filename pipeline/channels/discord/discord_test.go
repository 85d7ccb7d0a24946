package discord

import (
	"context"
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

const key = "3f1c0a9b8e7d6c5b4a3928170f1e2d3c4b5a69788796a5b4c3d2e1f00112233"

var (
	pngHead  = []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR fake png body")
	jpegHead = []byte("\xFF\xD8\xFF\xE0\x00\x10JFIF fake jpeg body")
)

func client(t *testing.T, f *fakeDiscord, ts *httptest.Server, options map[string]string) (*Client, *[]time.Duration) {
	t.Helper()
	cc := pipeline.ChannelConfig{Name: "discord", Type: "discord", Network: "discord",
		Secrets: map[string]string{"webhook_url": "DISCORD_WEBHOOK_URL"}, Options: options}
	c, err := FromConfig(cc, map[string]string{"webhook_url": f.url(ts)}, ts.Client())
	if err != nil {
		t.Fatal(err)
	}
	var slept []time.Duration
	c.Sleep = func(_ context.Context, d time.Duration) error {
		slept = append(slept, d)
		f.refill()
		return nil
	}
	c.http.Sleep = func(_ context.Context, d time.Duration) error {
		slept = append(slept, d)
		f.refill()
		return nil
	}
	return c, &slept
}

func image(t *testing.T, name string, data []byte, alt string) pipeline.Attachment {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return pipeline.Attachment{Path: p, Name: "media/" + name, Alt: alt}
}

// noSecret fails when the webhook URL or its token shows in an error or a
// receipt.
func noSecret(t *testing.T, f *fakeDiscord, err error, r pipeline.Receipt) {
	t.Helper()
	for _, s := range []string{f.token, "/webhooks/" + f.id} {
		if err != nil && strings.Contains(err.Error(), s) {
			t.Errorf("the error shows the webhook (%s): %v", s, err)
		}
		if strings.Contains(r.ID+r.URL+strings.Join(r.Parts, " "), s) {
			t.Errorf("the receipt shows the webhook (%s): %+v", s, r)
		}
	}
}

func TestPublishText(t *testing.T) {
	f, ts := newFakeDiscord(t)
	c, _ := client(t, f, ts, nil)
	text := "Nouvelle saison ! @everyone <@123> **gras** https://example.org/a_b & « ciné »"
	r, err := c.Publish(context.Background(), pipeline.Message{Key: key, Parts: []string{text}, Lang: "fr"})
	noSecret(t, f, err, r)
	if err != nil {
		t.Fatal(err)
	}
	if len(f.sent) != 1 {
		t.Fatalf("sent %d messages, want 1", len(f.sent))
	}
	got := f.sent[0]
	if got.Content != text || got.Multipart {
		t.Errorf("content %q (multipart %v), want %q as JSON", got.Content, got.Multipart, text)
	}
	if got.Mentions == nil || len(*got.Mentions) != 0 {
		t.Errorf("allowed_mentions.parse = %v, want [] so that nobody is pinged", got.Mentions)
	}
	if !strings.Contains(f.requests[0], "wait=true") {
		t.Errorf("request %s: want wait=true", f.requests[0])
	}
	want := pipeline.Receipt{ID: "1300000000000000001",
		URL: "https://discord.com/channels/900000000000000001/900000000000000002/1300000000000000001",
		At:  time.Date(2026, 12, 1, 8, 30, 0, 123000000, time.UTC)}
	if r.ID != want.ID || r.URL != want.URL || !r.At.Equal(want.At) || len(r.Parts) != 0 {
		t.Errorf("receipt %+v, want %+v", r, want)
	}
	// The guild is asked once per client.
	if _, err := c.Publish(context.Background(), pipeline.Message{Key: key, Parts: []string{"encore"}}); err != nil {
		t.Fatal(err)
	}
	if f.gets != 1 {
		t.Errorf("Get Webhook asked %d times, want once", f.gets)
	}
}

func TestPublishImagesWithAltText(t *testing.T) {
	f, ts := newFakeDiscord(t)
	c, _ := client(t, f, ts, nil)
	media := []pipeline.Attachment{
		image(t, "affiche.jpg", jpegHead, "Affiche : un rideau rouge"),
		image(t, "salle.png", pngHead, "La salle vue de la scène"),
	}
	r, err := c.Publish(context.Background(), pipeline.Message{Key: key, Parts: []string{"La saison"}, Media: media})
	if err != nil {
		t.Fatal(err)
	}
	got := f.sent[0]
	if !got.Multipart || got.PayloadType != "application/json" || got.Content != "La saison" {
		t.Errorf("message %+v: want multipart with payload_json", got)
	}
	want := []fakeFile{
		{Filename: "affiche.jpg", ContentType: "image/jpeg", Description: "Affiche : un rideau rouge", Size: len(jpegHead)},
		{Filename: "salle.png", ContentType: "image/png", Description: "La salle vue de la scène", Size: len(pngHead)},
	}
	if !reflect.DeepEqual(got.Files, want) {
		t.Errorf("files %+v, want %+v", got.Files, want)
	}
	if got.Mentions == nil || len(*got.Mentions) != 0 {
		t.Errorf("allowed_mentions.parse = %v, want []", got.Mentions)
	}
	if r.ID != got.ID {
		t.Errorf("receipt %+v", r)
	}
}

func TestPublishImagesWithoutText(t *testing.T) {
	f, ts := newFakeDiscord(t)
	c, _ := client(t, f, ts, nil)
	if _, err := c.Publish(context.Background(), pipeline.Message{Key: key, Media: []pipeline.Attachment{image(t, "a.png", pngHead, "alt")}}); err != nil {
		t.Fatal(err)
	}
	if len(f.sent) != 1 || len(f.sent[0].Files) != 1 || f.sent[0].Content != "" {
		t.Errorf("sent %+v", f.sent)
	}
}

func TestPublishThreadAsConsecutiveMessages(t *testing.T) {
	f, ts := newFakeDiscord(t)
	c, _ := client(t, f, ts, map[string]string{"thread_id": "1200000000000000077"})
	m := pipeline.Message{Key: key, Parts: []string{"un", "deux"}, FirstComment: "commentaire",
		Media: []pipeline.Attachment{image(t, "a.png", pngHead, "alt")}}
	r, err := c.Publish(context.Background(), m)
	if err != nil {
		t.Fatal(err)
	}
	var contents []string
	for i, s := range f.sent {
		contents = append(contents, s.Content)
		if s.Thread != "1200000000000000077" {
			t.Errorf("message %d went to thread %q", i, s.Thread)
		}
		if (i == 0) != (len(s.Files) == 1) {
			t.Errorf("message %d has %d files; want the images on the first only", i, len(s.Files))
		}
	}
	if !reflect.DeepEqual(contents, []string{"un", "deux", "commentaire"}) {
		t.Errorf("contents %q", contents)
	}
	if r.ID != f.sent[0].ID || !reflect.DeepEqual(r.Parts, []string{f.sent[1].ID, f.sent[2].ID}) {
		t.Errorf("receipt %+v", r)
	}
	if !strings.HasSuffix(r.URL, "/900000000000000001/1200000000000000077/"+r.ID) {
		t.Errorf("URL %q, want the thread's channel", r.URL)
	}
}

func TestPublishWaitsForTheBucket(t *testing.T) {
	f, ts := newFakeDiscord(t)
	f.limit = 2
	c, slept := client(t, f, ts, nil)
	r, err := c.Publish(context.Background(), pipeline.Message{Key: key, Parts: []string{"un", "deux", "trois"}})
	if err != nil {
		t.Fatalf("%v (requests %v)", err, f.requests)
	}
	if len(f.sent) != 3 || len(r.Parts) != 2 {
		t.Errorf("sent %d messages, receipt %+v", len(f.sent), r)
	}
	if len(*slept) == 0 || (*slept)[0] != 1250*time.Millisecond {
		t.Errorf("waited %v, want X-RateLimit-Reset-After (1.25 s) once the bucket was empty", *slept)
	}
}

func TestPublishFailures(t *testing.T) {
	tests := []struct {
		name           string
		failOn         int
		status         int
		header         http.Header
		body           string
		forum          bool
		wantTemporary  bool
		wantMaybeSent  bool
		wantRetryAfter time.Duration
		wantInMessage  string
		wantInHint     string
	}{
		{name: "invalid token", status: 401, body: `{"message": "Invalid Webhook Token", "code": 50027}`,
			wantInMessage: "Invalid Webhook Token", wantInHint: "DISCORD_WEBHOOK_URL"},
		{name: "webhook deleted", status: 404, body: `{"message": "Unknown Webhook", "code": 10015}`,
			wantInMessage: "Unknown Webhook", wantInHint: "was deleted"},
		{name: "content too long", status: 400,
			body:          `{"code": 50035, "errors": {"content": {"_errors": [{"code": "BASE_TYPE_MAX_LENGTH", "message": "Must be 2000 or fewer in length."}]}}, "message": "Invalid Form Body"}`,
			wantInMessage: "Invalid Form Body: content: Must be 2000 or fewer in length."},
		{name: "forum without thread", forum: true, status: 400,
			wantInMessage: "forum channels", wantInHint: "options.thread_id"},
		{name: "rate limited", status: 429,
			header:        http.Header{"Retry-After": {"65"}, "X-Ratelimit-Reset-After": {"64.57"}, "X-Ratelimit-Scope": {"user"}},
			body:          `{"message": "You are being rate limited.", "retry_after": 64.57, "global": false}`,
			wantTemporary: true, wantRetryAfter: 64570 * time.Millisecond, wantInMessage: "rate limited"},
		{name: "globally rate limited", status: 429,
			header:        http.Header{"Retry-After": {"3"}, "X-Ratelimit-Global": {"true"}, "X-Ratelimit-Scope": {"global"}},
			body:          `{"message": "You are being rate limited.", "retry_after": 2.5, "global": true}`,
			wantTemporary: true, wantRetryAfter: 2500 * time.Millisecond, wantInHint: "global rate limit"},
		{name: "server error", status: 500, body: `{"message": "500: Internal Server Error", "code": 0}`,
			wantTemporary: true, wantMaybeSent: true},
		{name: "second message refused", failOn: 2, status: 429, header: http.Header{"Retry-After": {"4"}},
			body:          `{"message": "You are being rate limited.", "retry_after": 3.5, "global": false}`,
			wantTemporary: true, wantMaybeSent: true, wantRetryAfter: 3500 * time.Millisecond, wantInHint: "messages 1300000000000000001 already went out"},
		{name: "second message refused", failOn: 2, status: 400,
			body:          `{"code": 50035, "errors": {"content": {"_errors": [{"code": "BASE_TYPE_MAX_LENGTH", "message": "Must be 2000 or fewer in length."}]}}, "message": "Invalid Form Body"}`,
			wantTemporary: true, wantMaybeSent: true, wantInMessage: "content: Must be 2000", wantInHint: "messages 1300000000000000001 already went out"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, ts := newFakeDiscord(t)
			f.forum = tt.forum
			failOn := tt.failOn
			if failOn == 0 {
				failOn = 1
			}
			if tt.body != "" {
				f.fail = func(n int, r *http.Request) (int, http.Header, string) {
					if n == failOn && r.Method == http.MethodPost {
						return tt.status, tt.header, tt.body
					}
					return 0, nil, ""
				}
			}
			c, _ := client(t, f, ts, nil)
			r, err := c.Publish(context.Background(), pipeline.Message{Key: key, Parts: []string{"un", "deux"}})
			noSecret(t, f, err, r)
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

func TestPublishRealWrongToken(t *testing.T) {
	f, ts := newFakeDiscord(t)
	cc := pipeline.ChannelConfig{Name: "discord", Secrets: map[string]string{"webhook_url": "DISCORD_WEBHOOK_URL"}}
	wrong := ts.URL + "/api/webhooks/" + f.id + "/not-the-token"
	c, err := FromConfig(cc, map[string]string{"webhook_url": wrong}, ts.Client())
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.Publish(context.Background(), pipeline.Message{Key: key, Parts: []string{"x"}})
	fl := pipeline.AsFailure(err)
	if fl == nil || fl.Status != 401 || fl.Temporary || !strings.Contains(fl.Hint, "DISCORD_WEBHOOK_URL") {
		t.Errorf("error %v, want a permanent 401 naming the variable", err)
	}
	if strings.Contains(err.Error(), "not-the-token") {
		t.Errorf("the error shows the webhook token: %v", err)
	}
}

func TestNoWebhookInTransportErrors(t *testing.T) {
	f, ts := newFakeDiscord(t)
	c, _ := client(t, f, ts, nil)
	ts.Close()
	r, err := c.Publish(context.Background(), pipeline.Message{Key: key, Parts: []string{"x"}})
	if err == nil {
		t.Fatal("Publish succeeded with no server")
	}
	noSecret(t, f, err, r)
	err = c.Retract(context.Background(), pipeline.Receipt{ID: "1300000000000000001"})
	if err == nil {
		t.Fatal("Retract succeeded with no server")
	}
	noSecret(t, f, err, pipeline.Receipt{})
}

func TestPublishRefusesBeforeSending(t *testing.T) {
	var many []pipeline.Attachment
	for i := 0; i < 11; i++ {
		many = append(many, pipeline.Attachment{Path: "/nonexistent", Name: "x.png"})
	}
	for name, m := range map[string]pipeline.Message{
		"nothing":       {Key: key, Parts: []string{"  "}},
		"eleven images": {Key: key, Parts: []string{"x"}, Media: many},
	} {
		t.Run(name, func(t *testing.T) {
			f, ts := newFakeDiscord(t)
			c, _ := client(t, f, ts, nil)
			_, err := c.Publish(context.Background(), m)
			if fl := pipeline.AsFailure(err); fl == nil || fl.Temporary {
				t.Errorf("error %v, want a permanent failure", err)
			}
			if len(f.requests) != 0 {
				t.Errorf("requests %v, want none", f.requests)
			}
		})
	}
}

func TestRetract(t *testing.T) {
	f, ts := newFakeDiscord(t)
	c, _ := client(t, f, ts, map[string]string{"thread_id": "1200000000000000077"})
	keep, err := c.Publish(context.Background(), pipeline.Message{Key: key, Parts: []string{"à garder"}})
	if err != nil {
		t.Fatal(err)
	}
	r, err := c.Publish(context.Background(), pipeline.Message{Key: key, Parts: []string{"un", "deux"}, FirstComment: "c"})
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Retract(context.Background(), r); err != nil {
		t.Fatal(err)
	}
	if want := append([]string{r.ID}, r.Parts...); !reflect.DeepEqual(f.deleted, want) {
		t.Errorf("deleted %v, want %v", f.deleted, want)
	}
	if f.msgs[keep.ID] == nil {
		t.Error("retracting one post deleted another")
	}
	if err := c.Retract(context.Background(), r); err != nil {
		t.Errorf("retracting twice: %v", err)
	}
	if err := c.Retract(context.Background(), pipeline.Receipt{ID: "../x"}); err == nil {
		t.Error("an id that is no snowflake was accepted")
	}
	// A deleted webhook is an error, not "already gone".
	f.id = "9999"
	if err := c.Retract(context.Background(), keep); err == nil {
		t.Error("Retract through an unknown webhook succeeded")
	}
}

func TestFromConfig(t *testing.T) {
	const good = "https://discord.com/api/webhooks/1122334455667788/wHk-SeCrEt_t0ken.abc"
	tests := []struct {
		name       string
		secrets    map[string]string
		secretVars map[string]string
		options    map[string]string
		want       string // in the error; "" for none
		wantThread string
	}{
		{name: "good", secrets: map[string]string{"webhook_url": good}},
		{name: "thread in the URL", secrets: map[string]string{"webhook_url": good + "?thread_id=42"}, wantThread: "42"},
		{name: "thread option wins", secrets: map[string]string{"webhook_url": good + "?thread_id=42"}, options: map[string]string{"thread_id": "43"}, wantThread: "43"},
		{name: "versioned API path", secrets: map[string]string{"webhook_url": "https://discord.com/api/v10/webhooks/1/tok"}},
		{name: "not configured", secretVars: map[string]string{}, want: "add channels.dc.secrets.webhook_url"},
		{name: "empty", want: `secret "webhook_url" is empty: set the environment variable DC_HOOK (crieur.yml: channels.dc.secrets.webhook_url); in GitHub, create the repository secret DC_HOOK and check that the publish workflow passes it: crieur doctor says, crieur init --force rewrites the workflow`},
		{name: "not a webhook", secrets: map[string]string{"webhook_url": "https://discord.com/channels/SeCrEt_t0ken"}, want: "DC_HOOK is not a Discord webhook URL"},
		{name: "bad thread", secrets: map[string]string{"webhook_url": good}, options: map[string]string{"thread_id": "général"}, want: "thread_id"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			vars := tt.secretVars
			if vars == nil {
				vars = map[string]string{"webhook_url": "DC_HOOK"}
			}
			cc := pipeline.ChannelConfig{Name: "dc", Type: "discord", Secrets: vars, Options: tt.options}
			c, err := FromConfig(cc, tt.secrets, nil)
			if tt.want == "" {
				if err != nil {
					t.Fatal(err)
				}
				if c.ThreadID != tt.wantThread || strings.Contains(c.base, "?") {
					t.Errorf("thread %q base has query %v; want thread %q", c.ThreadID, strings.Contains(c.base, "?"), tt.wantThread)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %v, want %q in it", err, tt.want)
			}
			if err != nil && strings.Contains(err.Error(), "SeCrEt") {
				t.Errorf("the error shows the webhook: %v", err)
			}
		})
	}
}

func TestErrorMessage(t *testing.T) {
	tests := map[string]string{
		`{"code": 50035, "errors": {"attachments": {"0": {"description": {"_errors": [{"code": "BASE_TYPE_MAX_LENGTH", "message": "Must be 1024 or fewer in length."}]}}}}, "message": "Invalid Form Body"}`: "Invalid Form Body: attachments.0.description: Must be 1024 or fewer in length.",
		`{"code": 50035, "message": "Invalid Form Body", "errors": {"_errors": [{"code": "X", "message": "Too big"}]}}`:                                                                                      "Invalid Form Body: Too big",
		`{"message": "Unknown Webhook", "code": 10015}`: "Unknown Webhook",
		`error code: 1015`: "error code: 1015",
	}
	for in, want := range tests {
		if got := errorMessage([]byte(in)); got != want {
			t.Errorf("errorMessage(%s) = %q, want %q", in, got, want)
		}
	}
}
