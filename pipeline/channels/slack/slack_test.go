package slack

import (
	"context"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/crieur/crieur/pipeline"
)

const key = "3f1c0a9b8e7d6c5b4a3928170f1e2d3c4b5a69788796a5b4c3d2e1f00112233"

func client(t *testing.T, f *fakeSlack, ts *httptest.Server, options map[string]string) *Client {
	t.Helper()
	cc := pipeline.ChannelConfig{Name: "slack", Type: "slack", Network: "slack",
		Secrets: map[string]string{"webhook_url": "SLACK_WEBHOOK_URL"}, Options: options}
	c, err := FromConfig(cc, map[string]string{"webhook_url": ts.URL + f.path}, ts.Client())
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func noSecret(t *testing.T, f *fakeSlack, err error, r pipeline.Receipt) {
	t.Helper()
	for _, s := range []string{"SeCrEtWeBhOoKtOkEn", "/services/"} {
		if err != nil && strings.Contains(err.Error(), s) {
			t.Errorf("the error shows the webhook (%s): %v", s, err)
		}
		if strings.Contains(r.ID+r.URL+strings.Join(r.Parts, " "), s) {
			t.Errorf("the receipt shows the webhook: %+v", r)
		}
	}
}

func TestPublishTextIsEscaped(t *testing.T) {
	f, ts := newFakeSlack(t)
	c := client(t, f, ts, nil)
	text := "<!channel> Tom & Jerry <https://evil.example|ici> 3 > 2 *gras* https://example.org/a_b « ciné »"
	r, err := c.Publish(context.Background(), pipeline.Message{Key: key, Parts: []string{text}})
	noSecret(t, f, err, r)
	if err != nil {
		t.Fatal(err)
	}
	if len(f.messages) != 1 {
		t.Fatalf("messages %+v", f.messages)
	}
	got := f.messages[0]
	if got.Text != text {
		t.Errorf("Slack shows %q, want %q", got.Text, text)
	}
	if len(got.Mentions) != 0 || len(got.Sections) != 0 || len(got.Images) != 0 {
		t.Errorf("message %+v: want plain text, no mention, no block", got)
	}
	if r.ID != "slack-3f1c0a9b8e7d6c5b" || r.URL != "" || !r.At.IsZero() || len(r.Parts) != 0 {
		t.Errorf("receipt %+v, want the key-derived id only", r)
	}
	// The same key gives the same id.
	r2, err := c.Publish(context.Background(), pipeline.Message{Key: key, Parts: []string{"autre"}})
	if err != nil || r2.ID != r.ID {
		t.Errorf("second receipt %+v, %v; want id %s", r2, err, r.ID)
	}
}

func TestPublishPartsAndComment(t *testing.T) {
	f, ts := newFakeSlack(t)
	c := client(t, f, ts, nil)
	if _, err := c.Publish(context.Background(), pipeline.Message{Key: key, Parts: []string{"un", "deux"}, FirstComment: "commentaire"}); err != nil {
		t.Fatal(err)
	}
	var texts []string
	for _, m := range f.messages {
		texts = append(texts, m.Text)
	}
	if !reflect.DeepEqual(texts, []string{"un", "deux", "commentaire"}) {
		t.Errorf("messages %q", texts)
	}
}

func TestPublishImageBlocks(t *testing.T) {
	f, ts := newFakeSlack(t)
	f.images["https://cdn.example.org/site/media/2026/affiche%20saison.jpg"] = true
	f.images["https://cdn.example.org/site/media/salle.png"] = true
	c := client(t, f, ts, map[string]string{"media_base_url": "https://cdn.example.org/site/"})
	media := []pipeline.Attachment{
		{Path: "/repo/media/2026/affiche saison.jpg", Name: "media/2026/affiche saison.jpg", Alt: "Affiche : un rideau <rouge>"},
		{Path: "/repo/media/salle.png", Name: "media/salle.png"},
	}
	_, err := c.Publish(context.Background(), pipeline.Message{Key: key, Parts: []string{"La saison & vous"}, Media: media, FirstComment: "c"})
	if err != nil {
		t.Fatal(err)
	}
	if len(f.messages) != 2 {
		t.Fatalf("messages %+v", f.messages)
	}
	got := f.messages[0]
	want := []fakeImage{
		{"https://cdn.example.org/site/media/2026/affiche%20saison.jpg", "Affiche : un rideau <rouge>"},
		{"https://cdn.example.org/site/media/salle.png", "salle.png"},
	}
	if !reflect.DeepEqual(got.Images, want) {
		t.Errorf("images %+v, want %+v", got.Images, want)
	}
	if !reflect.DeepEqual(got.Sections, []string{"La saison & vous"}) || got.Text != "La saison & vous" {
		t.Errorf("sections %q text %q", got.Sections, got.Text)
	}
	if len(f.messages[1].Images) != 0 {
		t.Error("the images went out twice")
	}
}

func TestPublishLongTextInSections(t *testing.T) {
	f, ts := newFakeSlack(t)
	f.images["https://m.example.org/a.png"] = true
	c := client(t, f, ts, map[string]string{"media_base_url": "https://m.example.org"})
	words := make([]string, 1500)
	for i := range words {
		words[i] = "a&bc" // 4 characters, 8 once escaped: 9 with the space, which does not divide 3000
	}
	text := strings.Join(words, " ")
	if _, err := c.Publish(context.Background(), pipeline.Message{Key: key, Parts: []string{text},
		Media: []pipeline.Attachment{{Name: "a.png", Alt: "x"}}}); err != nil {
		t.Fatal(err)
	}
	secs := f.messages[0].Sections
	if len(secs) < 4 {
		t.Fatalf("%d sections, want the 13,500 escaped characters cut in 4 or more", len(secs))
	}
	if strings.Join(secs, " ") != text {
		t.Error("the sections, joined, are not the text")
	}
	for i, s := range secs {
		if strings.HasPrefix(s, " ") || strings.HasSuffix(s, " ") || strings.HasSuffix(s, "&") {
			t.Errorf("section %d cut badly: …%q", i, s[len(s)-5:])
		}
	}
}

func TestPublishImagesNeedMediaBaseURL(t *testing.T) {
	f, ts := newFakeSlack(t)
	c := client(t, f, ts, nil)
	_, err := c.Publish(context.Background(), pipeline.Message{Key: key, Parts: []string{"x"}, Media: []pipeline.Attachment{{Name: "a.png", Alt: "a"}}})
	fl := pipeline.AsFailure(err)
	if fl == nil || fl.Temporary || fl.MaybeSent || !strings.Contains(fl.Hint, "channels.slack.options.media_base_url") {
		t.Errorf("error %v, want a permanent failure naming the option", err)
	}
	if f.requests != 0 {
		t.Errorf("%d requests, want none", f.requests)
	}
}

func TestPublishFailures(t *testing.T) {
	tests := []struct {
		name           string
		failOn         int
		status         int
		header         http.Header
		body           string
		archived       bool
		images         bool
		wantTemporary  bool
		wantMaybeSent  bool
		wantRetryAfter time.Duration
		wantMessage    string
		wantInHint     string
	}{
		{name: "revoked", status: 403, body: "invalid_token", wantMessage: "invalid_token", wantInHint: "SLACK_WEBHOOK_URL"},
		{name: "no service", status: 404, body: "no_service", wantMessage: "no_service", wantInHint: "SLACK_WEBHOOK_URL"},
		{name: "archived", archived: true, status: 410, wantMessage: "channel_is_archived", wantInHint: "unarchive"},
		{name: "prohibited", status: 403, body: "action_prohibited", wantMessage: "action_prohibited", wantInHint: "administrator"},
		{name: "invalid payload", status: 400, body: "invalid_payload", wantMessage: "invalid_payload"},
		{name: "image not downloadable", images: true, status: 400, wantMessage: "invalid_blocks", wantInHint: "media_base_url"},
		{name: "rate limited", status: 429, header: http.Header{"Retry-After": {"30"}}, body: "rate_limited",
			wantTemporary: true, wantRetryAfter: 30 * time.Second, wantMessage: "rate_limited"},
		{name: "rollup error", status: 500, body: "rollup_error", wantTemporary: true, wantMaybeSent: true, wantMessage: "rollup_error"},
		{name: "second message limited", failOn: 2, status: 429, header: http.Header{"Retry-After": {"1"}}, body: "rate_limited",
			wantTemporary: true, wantMaybeSent: true, wantRetryAfter: time.Second, wantMessage: "rate_limited", wantInHint: "1 message(s) of this post already went out"},
		{name: "second message archived", failOn: 2, status: 410, body: "channel_is_archived",
			wantTemporary: true, wantMaybeSent: true, wantMessage: "channel_is_archived", wantInHint: "1 message(s) of this post already went out"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, ts := newFakeSlack(t)
			f.archived = tt.archived
			if tt.body != "" {
				failOn := tt.failOn
				if failOn == 0 {
					failOn = 1
				}
				f.fail = func(n int) (int, http.Header, string) {
					if n == failOn {
						return tt.status, tt.header, tt.body
					}
					return 0, nil, ""
				}
			}
			c := client(t, f, ts, map[string]string{"media_base_url": "https://unreachable.example"})
			m := pipeline.Message{Key: key, Parts: []string{"un", "deux"}}
			if tt.images {
				m.Media = []pipeline.Attachment{{Name: "a.png", Alt: "a"}}
			}
			r, err := c.Publish(context.Background(), m)
			noSecret(t, f, err, r)
			fl := pipeline.AsFailure(err)
			if fl == nil {
				t.Fatalf("error %v, want a *pipeline.Failure", err)
			}
			if fl.Status != tt.status || fl.Temporary != tt.wantTemporary || fl.MaybeSent != tt.wantMaybeSent || fl.RetryAfter != tt.wantRetryAfter {
				t.Errorf("failure %+v: want status %d temporary %v maybeSent %v retryAfter %v", fl, tt.status, tt.wantTemporary, tt.wantMaybeSent, tt.wantRetryAfter)
			}
			if fl.Message != tt.wantMessage || !strings.Contains(fl.Hint, tt.wantInHint) {
				t.Errorf("message %q hint %q: want %q and %q", fl.Message, fl.Hint, tt.wantMessage, tt.wantInHint)
			}
		})
	}
}

func TestNoWebhookInTransportErrors(t *testing.T) {
	f, ts := newFakeSlack(t)
	c := client(t, f, ts, nil)
	ts.Close()
	r, err := c.Publish(context.Background(), pipeline.Message{Key: key, Parts: []string{"x"}})
	if err == nil {
		t.Fatal("Publish succeeded with no server")
	}
	noSecret(t, f, err, r)
}

func TestNoFinderNoRetracter(t *testing.T) {
	var ch pipeline.Channel = &Client{}
	if _, ok := ch.(pipeline.Finder); ok {
		t.Error("an incoming webhook cannot find a message")
	}
	if _, ok := ch.(pipeline.Retracter); ok {
		t.Error("an incoming webhook cannot delete a message")
	}
}

func TestFromConfig(t *testing.T) {
	const good = "https://hooks.slack.com/services/T0001/B0002/SeCrEtWeBhOoKtOkEn"
	tests := []struct {
		name    string
		vars    map[string]string
		secrets map[string]string
		options map[string]string
		want    string
	}{
		{name: "good", secrets: map[string]string{"webhook_url": good}, options: map[string]string{"media_base_url": "https://x.org/m/"}},
		{name: "not configured", vars: map[string]string{}, want: "add channels.sl.secrets.webhook_url"},
		{name: "empty", want: `secret "webhook_url" is empty: set the environment variable SL_HOOK (crieur.yml: channels.sl.secrets.webhook_url); in GitHub, create the repository secret SL_HOOK and check that the publish workflow passes it: crieur doctor says, crieur init --force rewrites the workflow`},
		{name: "not a URL", secrets: map[string]string{"webhook_url": "hooks.slack.com/SeCrEtWeBhOoKtOkEn"}, want: "SL_HOOK is not an http(s) URL"},
		{name: "bad media base", secrets: map[string]string{"webhook_url": good}, options: map[string]string{"media_base_url": "media/"}, want: "media_base_url"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			vars := tt.vars
			if vars == nil {
				vars = map[string]string{"webhook_url": "SL_HOOK"}
			}
			c, err := FromConfig(pipeline.ChannelConfig{Name: "sl", Secrets: vars, Options: tt.options}, tt.secrets, nil)
			if tt.want == "" {
				if err != nil {
					t.Fatal(err)
				}
				if c.MediaBaseURL != "https://x.org/m" {
					t.Errorf("media base %q", c.MediaBaseURL)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %v, want %q", err, tt.want)
			}
			if err != nil && strings.Contains(err.Error(), "SeCrEt") {
				t.Errorf("the error shows the webhook: %v", err)
			}
		})
	}
}

func TestSplit(t *testing.T) {
	for _, tt := range []struct {
		text  string
		limit int
		want  []string
	}{
		{"court", 10, []string{"court"}},
		{"un deux trois", 8, []string{"un deux", "trois"}},
		{"abc defgh", 6, []string{"abc", "defgh"}},
		{"a<b c", 6, []string{"a&lt;b", "c"}},
		{"abcdefghij", 4, []string{"abcd", "efgh", "ij"}},
		{"", 4, nil},
	} {
		got := split(tt.text, tt.limit)
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("split(%q, %d) = %q, want %q", tt.text, tt.limit, got, tt.want)
		}
		for _, s := range got {
			if utf8.RuneCountInString(s) > tt.limit {
				t.Errorf("split(%q, %d): %q is longer than the limit", tt.text, tt.limit, s)
			}
		}
	}
}
