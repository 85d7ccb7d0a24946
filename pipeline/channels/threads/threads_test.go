package threads

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/crieur/crieur/pipeline"
)

const (
	secret = "THAAsecret-threads-token"
	userID = "26001234567890"
)

var now = time.Date(2026, 12, 1, 9, 30, 4, 0, time.UTC)

type env struct {
	c     *Client
	f     *fakeThreads
	host  *mediaHost
	waits *[]time.Duration
}

func setup(t *testing.T, options map[string]string) env {
	t.Helper()
	f := newFakeThreads(t, secret, userID, now)
	host := newMediaHost(t, secret)
	opts := map[string]string{"api": f.srv.URL, "media_base_url": host.srv.URL + "/site/"}
	for k, v := range options {
		opts[k] = v
	}
	cc := pipeline.ChannelConfig{Name: "threads", Type: "threads", Secrets: map[string]string{"token": "THREADS_TOKEN"}, Options: opts}
	c, err := FromConfig(cc, map[string]string{"token": secret}, f.srv.Client())
	if err != nil {
		t.Fatal(err)
	}
	var waits []time.Duration
	c.Sleep = func(_ context.Context, d time.Duration) error { waits = append(waits, d); return nil }
	c.HTTP.Sleep = func(context.Context, time.Duration) error { return nil }
	c.Media.Sleep = c.HTTP.Sleep
	c.Now = func() time.Time { return now }
	return env{c: c, f: f, host: host, waits: &waits}
}

func (e env) serve(name, alt string) pipeline.Attachment {
	e.host.files[strings.TrimPrefix(e.c.MediaURL(name), e.host.srv.URL)] = "image/png"
	return pipeline.Attachment{Path: "/nowhere/" + name, Name: name, Alt: alt}
}

func noSecret(t *testing.T, err error, r pipeline.Receipt) {
	t.Helper()
	if err != nil && strings.Contains(err.Error(), secret) {
		t.Errorf("the token is in the error: %v", err)
	}
	for _, s := range append([]string{r.ID, r.URL}, r.Parts...) {
		if strings.Contains(s, secret) {
			t.Errorf("the token is in the receipt: %+v", r)
		}
	}
}

func TestFromConfig(t *testing.T) {
	t.Parallel()
	ok := map[string]string{"token": secret}
	tests := []struct {
		name    string
		edit    func(*pipeline.ChannelConfig)
		secrets map[string]string
		want    string
	}{
		{"defaults", func(*pipeline.ChannelConfig) {}, ok, ""},
		{"no secret entry", func(cc *pipeline.ChannelConfig) { cc.Secrets = nil }, ok, "channels.th.secrets.token"},
		{"empty secret", func(*pipeline.ChannelConfig) {}, nil, `secret "token" is empty: set the environment variable TH_TOKEN (crieur.yml: channels.th.secrets.token); in GitHub, create the repository secret TH_TOKEN and check that the publish workflow passes it: crieur doctor says, crieur init --force rewrites the workflow`},
		{"user with a slash", func(cc *pipeline.ChannelConfig) { cc.Options = map[string]string{"user": "me/threads"} }, ok, `option "user"`},
		{"bad media base", func(cc *pipeline.ChannelConfig) { cc.Options = map[string]string{"media_base_url": "site/"} }, ok, `option "media_base_url"`},
		{"bad api", func(cc *pipeline.ChannelConfig) { cc.Options = map[string]string{"api": "https://"} }, ok, `option "api"`},
		{"bad version", func(cc *pipeline.ChannelConfig) { cc.Options = map[string]string{"version": "1"} }, ok, `option "version"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cc := pipeline.ChannelConfig{Name: "th", Type: "threads", Secrets: map[string]string{"token": "TH_TOKEN"}}
			tt.edit(&cc)
			c, err := FromConfig(cc, tt.secrets, nil)
			if tt.want == "" {
				if err != nil {
					t.Fatal(err)
				}
				if c.User != "me" || c.API != DefaultAPI || c.Version != DefaultVersion || c.MediaBaseURL != "" {
					t.Errorf("client = %+v", c)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("error = %v, want %q", err, tt.want)
			}
		})
	}
}

func TestPublishThread(t *testing.T) {
	t.Parallel()
	e := setup(t, nil)
	e.f.pending = 1
	parts := []string{"1/3 La saison commence ! 🎉", "2/3 Au programme : « Phèdre » et https://example.org/p?a=1&b=2", "3/3 Billets en bio."}
	r, err := e.c.Publish(context.Background(), pipeline.Message{Parts: parts, FirstComment: "Le lien : https://example.org"})
	noSecret(t, err, r)
	if err != nil {
		t.Fatal(err)
	}
	if len(e.f.posts) != 4 {
		t.Fatalf("posts = %d, want 3 parts and the comment", len(e.f.posts))
	}
	root, p2, p3, comment := e.f.posts[0], e.f.posts[1], e.f.posts[2], e.f.posts[3]
	if root.Text != parts[0] || root.ReplyTo != "" {
		t.Errorf("root = %+v", root)
	}
	if p2.Text != parts[1] || p2.ReplyTo != root.ID {
		t.Errorf("part 2 = %+v, want a reply to %s", p2, root.ID)
	}
	if p3.Text != parts[2] || p3.ReplyTo != p2.ID {
		t.Errorf("part 3 = %+v, want a reply to %s", p3, p2.ID)
	}
	if comment.Text != "Le lien : https://example.org" || comment.ReplyTo != root.ID {
		t.Errorf("first comment = %+v, want a reply to the first part %s", comment, root.ID)
	}
	if r.ID != root.ID || r.URL != "https://www.threads.net/@crieur/post/S"+root.ID || !r.At.Equal(now) ||
		strings.Join(r.Parts, ",") != strings.Join([]string{p2.ID, p3.ID, comment.ID}, ",") {
		t.Errorf("receipt = %+v", r)
	}
	for _, id := range e.f.order {
		if c := e.f.containers[id]; c.MediaType != "TEXT" {
			t.Errorf("container %+v, want TEXT", c)
		}
	}
	if got := fmt.Sprint(*e.waits); got != "[1s 1s 1s 1s]" {
		t.Errorf("waits = %s, want one per container", got)
	}
}

func TestPublishImages(t *testing.T) {
	t.Parallel()
	t.Run("one", func(t *testing.T) {
		t.Parallel()
		e := setup(t, nil)
		a := e.serve("media/affiche été.png", "Affiche : « La saison »")
		r, err := e.c.Publish(context.Background(), pipeline.Message{Parts: []string{"Avec image", "Suite"}, Media: []pipeline.Attachment{a}})
		noSecret(t, err, r)
		if err != nil {
			t.Fatal(err)
		}
		c := e.f.containers[e.f.order[0]]
		if c.MediaType != "IMAGE" || c.Text != "Avec image" || c.Alt != a.Alt || c.ImageURL != e.host.srv.URL+"/site/media/affiche%20%C3%A9t%C3%A9.png" {
			t.Errorf("container = %+v", c)
		}
		if reply := e.f.containers[e.f.order[1]]; reply.MediaType != "TEXT" || reply.ReplyTo != r.ID || reply.Alt != "" {
			t.Errorf("the second part's container = %+v", reply)
		}
		if got := e.host.requests(); len(got) != 2 || got[0] != "HEAD /site/media/affiche%20%C3%A9t%C3%A9.png" {
			t.Errorf("media host saw %v", got)
		}
	})
	t.Run("carousel", func(t *testing.T) {
		t.Parallel()
		e := setup(t, nil)
		media := []pipeline.Attachment{e.serve("media/1.png", "Un"), e.serve("media/2.png", "Deux"), e.serve("media/3.png", "")}
		r, err := e.c.Publish(context.Background(), pipeline.Message{Parts: []string{"Trois images"}, Media: media})
		if err != nil {
			t.Fatal(err)
		}
		if len(e.f.order) != 4 {
			t.Fatalf("containers = %v", e.f.order)
		}
		for i, a := range media {
			c := e.f.containers[e.f.order[i]]
			if !c.Item || c.MediaType != "IMAGE" || c.Alt != a.Alt || c.Text != "" {
				t.Errorf("item %d = %+v", i, c)
			}
		}
		carousel := e.f.containers[e.f.order[3]]
		if carousel.MediaType != "CAROUSEL" || carousel.Text != "Trois images" || strings.Join(carousel.Children, ",") != strings.Join(e.f.order[:3], ",") {
			t.Errorf("carousel = %+v", carousel)
		}
		if len(e.f.posts) != 1 || r.ID != e.f.posts[0].ID {
			t.Errorf("posts %+v, receipt %+v", e.f.posts, r)
		}
	})
}

func TestPublishRefusesBeforeCreating(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		options map[string]string
		media   func(e env) []pipeline.Attachment
		message string
		hint    string
	}{
		{"nothing", nil, func(env) []pipeline.Attachment { return nil }, "neither text nor image", ""},
		{"no media_base_url", map[string]string{"media_base_url": ""}, func(env) []pipeline.Attachment {
			return []pipeline.Attachment{{Path: "/x/a.png", Name: "a.png"}}
		}, "Threads fetches images by public URL", "channels.threads.options.media_base_url"},
		{"image not served", nil, func(env) []pipeline.Attachment {
			return []pipeline.Attachment{{Path: "/x/media/absent.png", Name: "media/absent.png"}}
		}, "media/absent.png is not served at", "media_base_url"},
		{"21 images", nil, func(e env) []pipeline.Attachment {
			var m []pipeline.Attachment
			for i := 0; i < 21; i++ {
				m = append(m, e.serve(fmt.Sprintf("media/%d.png", i), ""))
			}
			return m
		}, "at most 20", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			e := setup(t, tt.options)
			parts := []string{"Texte"}
			if tt.name == "nothing" {
				parts = []string{" "}
			}
			_, err := e.c.Publish(context.Background(), pipeline.Message{Parts: parts, Media: tt.media(e)})
			f := pipeline.AsFailure(err)
			if f == nil || f.Temporary || f.MaybeSent || !strings.Contains(f.Message, tt.message) || !strings.Contains(f.Hint, tt.hint) {
				t.Fatalf("error = %#v, want %q and hint %q", err, tt.message, tt.hint)
			}
			if len(e.f.routes()) != 0 {
				t.Errorf("requests = %v, want none", e.f.routes())
			}
		})
	}
}

func TestContainerNotFinished(t *testing.T) {
	t.Parallel()
	tests := []struct {
		pending   int
		final     string
		temporary bool
		message   string
	}{
		{0, "ERROR", false, "the container is ERROR: FAILED_DOWNLOADING_VIDEO"},
		{2, "EXPIRED", false, "the container is EXPIRED"},
		{1000, "", true, "still IN_PROGRESS after 2m"},
	}
	for _, tt := range tests {
		t.Run(tt.message, func(t *testing.T) {
			t.Parallel()
			e := setup(t, nil)
			e.f.pending, e.f.final = tt.pending, tt.final
			_, err := e.c.Publish(context.Background(), pipeline.Message{Parts: []string{"x"}})
			f := pipeline.AsFailure(err)
			if f == nil || f.Temporary != tt.temporary || f.MaybeSent || !strings.Contains(f.Message, tt.message) {
				t.Fatalf("error = %v", err)
			}
			if len(e.f.posts) != 0 {
				t.Error("a container that is not FINISHED was published")
			}
		})
	}
}

func TestPublishFailures(t *testing.T) {
	t.Parallel()
	buc := `{"` + userID + `":[{"type":"threads","call_count":100,"total_cputime":1,"total_time":1,"estimated_time_to_regain_access":4}]}`
	tests := []struct {
		name      string
		route     string
		answer    fakeAnswer
		temporary bool
		maybeSent bool
		retry     time.Duration
		hint      string
	}{
		{"throttled (4) with BUC header", "create", fakeAnswer{Status: 400, Code: 4, Message: "(#4) Application request limit reached", Header: map[string]string{"X-Business-Use-Case-Usage": buc}}, true, false, 4 * time.Minute, "limiting"},
		{"user limit (17) as 403", "publish", fakeAnswer{Status: 403, Code: 17, Message: "(#17) User request limit reached"}, true, false, 0, "250 posts"},
		{"613 with X-App-Usage", "publish", fakeAnswer{Status: 400, Code: 613, Message: "Calls to this api have exceeded the rate limit.", Header: map[string]string{"X-App-Usage": `{"call_count":100,"estimated_time_to_regain_access":9}`}}, true, false, 9 * time.Minute, "limiting"},
		{"expired token (190)", "create", fakeAnswer{Status: 400, Code: 190, Message: "Error validating access token: Session has expired"}, false, false, 0, "THREADS_TOKEN"},
		{"401", "create", fakeAnswer{Status: 401, Message: "Unauthorized"}, false, false, 0, "THREADS_TOKEN"},
		{"permission (10) as 403", "publish", fakeAnswer{Status: 403, Code: 10, Message: "(#10) Application does not have permission for this action"}, false, false, 0, "threads_content_publish"},
		{"404", "publish", fakeAnswer{Status: 404, Message: "Not Found"}, false, false, 0, ""},
		{"422", "create", fakeAnswer{Status: 422, Message: "Unprocessable Entity"}, false, false, 0, ""},
		{"429 with Retry-After", "publish", fakeAnswer{Status: 429, Message: "Too Many Requests", Header: map[string]string{"Retry-After": "45"}}, true, false, 45 * time.Second, ""},
		{"500 on threads_publish", "publish", fakeAnswer{Status: 500, Code: 1, Message: "An unknown error has occurred."}, true, true, 0, ""},
		{"transient (2) on threads_publish", "publish", fakeAnswer{Status: 400, Code: 2, Message: "Service temporarily unavailable"}, true, true, 0, ""},
		{"500 while creating", "create", fakeAnswer{Status: 500, Code: 1, Message: "An unknown error has occurred."}, true, false, 0, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			e := setup(t, nil)
			e.f.fail(tt.route, tt.answer)
			r, err := e.c.Publish(context.Background(), pipeline.Message{Parts: []string{"x"}})
			noSecret(t, err, r)
			f := pipeline.AsFailure(err)
			if f == nil {
				t.Fatalf("error = %v", err)
			}
			if f.Temporary != tt.temporary || f.MaybeSent != tt.maybeSent || f.RetryAfter != tt.retry || f.Status != tt.answer.Status {
				t.Errorf("failure = %+v, want temporary %v, maybe sent %v, retry after %s", f, tt.temporary, tt.maybeSent, tt.retry)
			}
			if !strings.Contains(f.Hint, tt.hint) {
				t.Errorf("hint = %q, want %q", f.Hint, tt.hint)
			}
			if tt.answer.Code != 0 && !strings.Contains(f.Message, "fbtrace_id ThTrace7") {
				t.Errorf("message = %q", f.Message)
			}
		})
	}
}

func TestReplyFailsAfterThePost(t *testing.T) {
	t.Parallel()
	e := setup(t, nil)
	// The root and the second part go out; the third part's container fails.
	e.f.failAfter("create", 2, fakeAnswer{Status: 500, Code: 1, Message: "An unknown error has occurred."})
	m := pipeline.Message{Parts: []string{"Premier", "Deuxième", "Troisième"}}
	r, err := e.c.Publish(context.Background(), m)
	noSecret(t, err, r)
	f := pipeline.AsFailure(err)
	if f == nil || !f.MaybeSent || !f.Temporary {
		t.Fatalf("error = %v, want a temporary, maybe-sent failure", err)
	}
	if len(e.f.posts) != 2 {
		t.Fatalf("posts = %d, want the root and the second part", len(e.f.posts))
	}
	root, p2 := e.f.posts[0], e.f.posts[1]
	if !strings.Contains(f.Message, "post "+root.ID) || !strings.Contains(f.Message, "replies "+p2.ID) || !strings.Contains(f.Message, "part 3 of 3") {
		t.Errorf("message = %q", f.Message)
	}
	found, ok, err := e.c.Find(context.Background(), m)
	if err != nil || !ok || found.ID != root.ID || strings.Join(found.Parts, ",") != p2.ID {
		t.Fatalf("Find = %+v, %v, %v, want the post and its second part", found, ok, err)
	}
}

func TestFindReplies(t *testing.T) {
	t.Parallel()
	e := setup(t, nil)
	m := pipeline.Message{Parts: []string{"Un", "Deux", "Trois"}, FirstComment: "Commentaire"}
	sent, err := e.c.Publish(context.Background(), m)
	if err != nil {
		t.Fatal(err)
	}
	// Someone else answered the post first, with the same words as the comment.
	e.f.posts = slices.Insert(e.f.posts, 1, &fakePost{ID: "999", Text: "Commentaire", ReplyTo: sent.ID, Created: now, Foreign: true})
	found, ok, err := e.c.Find(context.Background(), m)
	if err != nil || !ok || found.ID != sent.ID || strings.Join(found.Parts, ",") != strings.Join(sent.Parts, ",") {
		t.Fatalf("Find = %+v, %v, %v, want %+v", found, ok, err, sent)
	}
	// Without threads_read_replies, the post alone.
	e.f.fail("conversation", fakeAnswer{Status: 403, Code: 10, Message: "(#10) Application does not have permission for this action"})
	found, ok, err = e.c.Find(context.Background(), m)
	if err != nil || !ok || found.ID != sent.ID || len(found.Parts) != 0 {
		t.Fatalf("Find = %+v, %v, %v, want the post alone", found, ok, err)
	}
}

func TestFind(t *testing.T) {
	t.Parallel()
	e := setup(t, nil)
	e.f.posts = []*fakePost{
		{ID: "1", Text: "Même texte", Created: now.Add(-25 * time.Hour)},
		{ID: "2", Text: "Même texte", ReplyTo: "1", Created: now.Add(-time.Minute)}, // a reply, not listed
	}
	m := pipeline.Message{Parts: []string{"Même texte", "suite"}}
	if r, ok, err := e.c.Find(context.Background(), m); err != nil || ok {
		t.Fatalf("Find = %+v, %v, %v", r, ok, err)
	}
	e.f.posts = append(e.f.posts, &fakePost{ID: "3", Text: "Même texte\n", Created: now.Add(-2 * time.Minute)})
	r, ok, err := e.c.Find(context.Background(), m)
	if err != nil || !ok || r.ID != "3" || r.URL != "https://www.threads.net/@crieur/post/S3" || !r.At.Equal(now.Add(-2*time.Minute)) {
		t.Fatalf("Find = %+v, %v, %v", r, ok, err)
	}
}

func TestRetract(t *testing.T) {
	t.Parallel()
	e := setup(t, nil)
	r, err := e.c.Publish(context.Background(), pipeline.Message{Parts: []string{"Un", "Deux"}, FirstComment: "Commentaire"})
	if err != nil {
		t.Fatal(err)
	}
	e.f.fail("delete", fakeAnswer{Status: 503, Message: "Service Unavailable"}) // tried again by HTTPClient
	if err := e.c.Retract(context.Background(), r); err != nil {
		t.Fatal(err)
	}
	want := []string{r.Parts[1], r.Parts[0], r.ID}
	if strings.Join(e.f.deleted, ",") != strings.Join(want, ",") {
		t.Errorf("deleted %v, want %v (the comment, the replies last first, then the post)", e.f.deleted, want)
	}
	if err := e.c.Retract(context.Background(), r); err != nil {
		t.Errorf("retracting again: %v, want nil", err)
	}
	e.f.posts = append(e.f.posts, &fakePost{ID: "77", Text: "x", Created: now})
	e.f.fail("delete", fakeAnswer{Status: 403, Code: 10, Message: "(#10) Application does not have permission for this action"})
	err = e.c.Retract(context.Background(), pipeline.Receipt{ID: "77"})
	if f := pipeline.AsFailure(err); f == nil || f.Temporary || !strings.Contains(f.Hint, "threads_delete") {
		t.Errorf("error = %v, want a permission failure naming threads_delete", err)
	}
	noSecret(t, err, r)
}
