package instagram

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/crieur/crieur/pipeline"
)

const (
	secret = "IGQWRsecret-instagram-token"
	userID = "17841400000000001"
)

var now = time.Date(2026, 12, 1, 9, 30, 4, 0, time.UTC)

type env struct {
	c     *Client
	f     *fakeInstagram
	host  *mediaHost
	waits *[]time.Duration
}

func setup(t *testing.T) env {
	t.Helper()
	f := newFakeInstagram(t, secret, userID, now)
	host := newMediaHost(t, secret)
	cc := pipeline.ChannelConfig{Name: "instagram", Type: "instagram",
		Secrets: map[string]string{"token": "INSTAGRAM_TOKEN"},
		Options: map[string]string{"user": userID, "api": f.srv.URL, "media_base_url": host.srv.URL + "/site"}}
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

// serve puts an image on the media host under its repository name.
func (e env) serve(name, contentType string) pipeline.Attachment {
	p := strings.TrimPrefix(e.c.MediaURL(name), e.host.srv.URL)
	e.host.files[p] = contentType
	return pipeline.Attachment{Path: "/nowhere/" + name, Name: name}
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
		{"no secret entry", func(cc *pipeline.ChannelConfig) { cc.Secrets = map[string]string{} }, ok, "channels.ig.secrets.token"},
		{"empty secret", func(*pipeline.ChannelConfig) {}, map[string]string{"token": " "}, `secret "token" is empty: set the environment variable IG_TOKEN (crieur.yml: channels.ig.secrets.token); in GitHub, create the repository secret IG_TOKEN and check that the publish workflow passes it: crieur doctor says, crieur init --force rewrites the workflow`},
		{"no user", func(cc *pipeline.ChannelConfig) { delete(cc.Options, "user") }, ok, "channels.ig.options.user"},
		{"no media base", func(cc *pipeline.ChannelConfig) { delete(cc.Options, "media_base_url") }, ok, "channels.ig.options.media_base_url"},
		{"media base with a query", func(cc *pipeline.ChannelConfig) { cc.Options["media_base_url"] = "https://x.example/?a=1" }, ok, `option "media_base_url"`},
		{"bad api", func(cc *pipeline.ChannelConfig) { cc.Options["api"] = "ftp://x" }, ok, `option "api"`},
		{"bad version", func(cc *pipeline.ChannelConfig) { cc.Options["version"] = "latest" }, ok, `option "version"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cc := pipeline.ChannelConfig{Name: "ig", Type: "instagram", Secrets: map[string]string{"token": "IG_TOKEN"},
				Options: map[string]string{"user": userID, "media_base_url": "https://crieur.github.io/site"}}
			tt.edit(&cc)
			c, err := FromConfig(cc, tt.secrets, nil)
			if tt.want == "" {
				if err != nil {
					t.Fatal(err)
				}
				if c.API != DefaultAPI || c.Version != DefaultVersion || c.MediaBaseURL != "https://crieur.github.io/site/" {
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

func TestNoRetracter(t *testing.T) {
	t.Parallel()
	if _, ok := any(&Client{}).(pipeline.Retracter); ok {
		t.Error("the Instagram API cannot delete a post: Client must not be a Retracter")
	}
}

func TestMediaURL(t *testing.T) {
	t.Parallel()
	c := &Client{MediaBaseURL: "https://raw.githubusercontent.com/o/r/main/"}
	tests := map[string]string{
		"media/affiche.jpg":           "https://raw.githubusercontent.com/o/r/main/media/affiche.jpg",
		"media/affiche été #1?.jpg":   "https://raw.githubusercontent.com/o/r/main/media/affiche%20%C3%A9t%C3%A9%20%231%3F.jpg",
		"media/../media/x.jpg":        "https://raw.githubusercontent.com/o/r/main/media/x.jpg",
		`media\windows.jpg`:           "https://raw.githubusercontent.com/o/r/main/media/windows.jpg",
		"médias/100%/a+b&c=d;e,f.jpg": "https://raw.githubusercontent.com/o/r/main/m%C3%A9dias/100%25/a+b&c=d%3Be%2Cf.jpg",
	}
	for name, want := range tests {
		if got := c.MediaURL(name); got != want {
			t.Errorf("MediaURL(%q) = %q, want %q", name, got, want)
		}
	}
}

func TestPublishOneImage(t *testing.T) {
	t.Parallel()
	e := setup(t)
	e.f.pending = 2
	a := e.serve("media/affiche été.jpg", "image/jpeg")
	a.Alt = "Affiche : « La saison », lettres dorées"
	caption := "La saison commence ! 🎉 #théâtre @lacompagnie\n\nBillets en bio."
	r, err := e.c.Publish(context.Background(), pipeline.Message{Parts: []string{caption}, Media: []pipeline.Attachment{a},
		FirstComment: "Programme complet : https://example.org"})
	noSecret(t, err, r)
	if err != nil {
		t.Fatal(err)
	}
	if len(e.f.order) != 1 {
		t.Fatalf("containers = %v, want one", e.f.order)
	}
	c := e.f.containers[e.f.order[0]]
	if c.Caption != caption || c.Alt != a.Alt || c.ImageURL != e.host.srv.URL+"/site/media/affiche%20%C3%A9t%C3%A9.jpg" || c.Item || !c.Published {
		t.Errorf("container = %+v", c)
	}
	if len(e.f.media) != 1 || r.ID != e.f.media[0].ID {
		t.Fatalf("receipt %+v, media %+v", r, e.f.media)
	}
	if r.URL != "https://www.instagram.com/p/C"+c.ID+"/" || !r.At.Equal(now) {
		t.Errorf("receipt = %+v", r)
	}
	if len(r.Parts) != 1 || len(e.f.media[0].Comments) != 1 || e.f.media[0].Comments[0] != "Programme complet : https://example.org" {
		t.Errorf("parts %v, comments %v", r.Parts, e.f.media[0].Comments)
	}
	if got := fmt.Sprint(*e.waits); got != "[2s 4s]" {
		t.Errorf("waits = %s, want 2s,4s (two polls IN_PROGRESS)", got)
	}
	want := "quota,create,status,status,status,publish,permalink,comments"
	if got := strings.Join(e.f.routes(), ","); got != want {
		t.Errorf("requests = %s, want %s", got, want)
	}
	if got := e.host.requests(); len(got) != 2 || got[0] != "HEAD /site/media/affiche%20%C3%A9t%C3%A9.jpg" {
		t.Errorf("media host saw %v, want crieur's HEAD then Instagram's GET", got)
	}
}

func TestPublishCarousel(t *testing.T) {
	t.Parallel()
	e := setup(t)
	var media []pipeline.Attachment
	for i, name := range []string{"media/1.jpg", "media/2.jpg", "media/3.jpg"} {
		a := e.serve(name, "image/jpeg")
		a.Alt = "Photo " + string(rune('A'+i))
		media = append(media, a)
	}
	e.host.noHead["/site/media/2.jpg"] = true // refuses HEAD: asked with GET
	r, err := e.c.Publish(context.Background(), pipeline.Message{Parts: []string{"Trois photos"}, Media: media})
	noSecret(t, err, r)
	if err != nil {
		t.Fatal(err)
	}
	if len(e.f.order) != 4 {
		t.Fatalf("containers = %v, want 3 items and a carousel", e.f.order)
	}
	for i := 0; i < 3; i++ {
		c := e.f.containers[e.f.order[i]]
		if !c.Item || c.Alt != media[i].Alt || c.Caption != "" || !strings.HasSuffix(c.ImageURL, media[i].Name) {
			t.Errorf("item %d = %+v", i, c)
		}
	}
	carousel := e.f.containers[e.f.order[3]]
	if carousel.MediaType != "CAROUSEL" || carousel.Caption != "Trois photos" || strings.Join(carousel.Children, ",") != strings.Join(e.f.order[:3], ",") {
		t.Errorf("carousel = %+v", carousel)
	}
	if !carousel.Published || r.ID != e.f.media[0].ID {
		t.Errorf("receipt %+v, carousel %+v", r, carousel)
	}
	if got := strings.Join(e.host.requests(), ","); !strings.Contains(got, "HEAD /site/media/2.jpg,GET /site/media/2.jpg") {
		t.Errorf("media host saw %s, want a GET after the refused HEAD", got)
	}
}

func TestPublishRefusesBeforeCreating(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name      string
		setup     func(e env) []pipeline.Attachment
		temporary bool
		message   string
		hint      string
	}{
		{"no image", func(env) []pipeline.Attachment { return nil }, false, "no text-only posts", "at least one image"},
		{"eleven images", func(e env) []pipeline.Attachment {
			var m []pipeline.Attachment
			for i := 0; i < 11; i++ {
				m = append(m, e.serve("media/"+string(rune('a'+i))+".jpg", "image/jpeg"))
			}
			return m
		}, false, "at most 10", ""},
		{"image not published", func(e env) []pipeline.Attachment {
			return []pipeline.Attachment{{Path: "/x/media/absent.jpg", Name: "media/absent.jpg"}}
		}, false, "media/absent.jpg is not served at", "media_base_url"},
		{"served as HTML", func(e env) []pipeline.Attachment {
			return []pipeline.Attachment{e.serve("media/page.jpg", "text/html; charset=utf-8")}
		}, false, "as text/html, not as an image", "media_base_url"},
		{"a PNG", func(e env) []pipeline.Attachment {
			return []pipeline.Attachment{e.serve("media/plan.png", "image/png")}
		}, false, "as image/png: Instagram publishes JPEG images only", "convert the image to JPEG"},
		{"media host down", func(e env) []pipeline.Attachment {
			a := e.serve("media/a.jpg", "image/jpeg")
			e.host.broken["/site/media/a.jpg"] = true
			return []pipeline.Attachment{a}
		}, true, "HTTP 500", "media_base_url"},
		{"quota used up", func(e env) []pipeline.Attachment {
			e.f.quota = 50
			return []pipeline.Attachment{e.serve("media/a.jpg", "image/jpeg")}
		}, true, "50 of 50 posts", "50 API-published posts"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			e := setup(t)
			r, err := e.c.Publish(context.Background(), pipeline.Message{Parts: []string{"Texte"}, Media: tt.setup(e)})
			noSecret(t, err, r)
			f := pipeline.AsFailure(err)
			if f == nil || f.Temporary != tt.temporary || f.MaybeSent || !strings.Contains(f.Message, tt.message) || !strings.Contains(f.Hint, tt.hint) {
				t.Fatalf("error = %#v, want temporary %v, message %q, hint %q", err, tt.temporary, tt.message, tt.hint)
			}
			if len(e.f.containers) != 0 {
				t.Errorf("containers were made: %v", e.f.order)
			}
		})
	}
}

func TestContainerNotFinished(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name      string
		pending   int
		final     string
		temporary bool
		message   string
	}{
		{"error", 0, "ERROR", false, "the container is ERROR: Error: Media upload has failed with error code 2207026"},
		{"expired", 1, "EXPIRED", false, "the container is EXPIRED"},
		{"never ready", 1000, "", true, "still IN_PROGRESS after 2m"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			e := setup(t)
			e.f.pending, e.f.final = tt.pending, tt.final
			_, err := e.c.Publish(context.Background(), pipeline.Message{Parts: []string{"x"}, Media: []pipeline.Attachment{e.serve("media/a.jpg", "image/jpeg")}})
			f := pipeline.AsFailure(err)
			if f == nil || f.Temporary != tt.temporary || f.MaybeSent || !strings.Contains(f.Message, tt.message) {
				t.Fatalf("error = %v, want temporary %v and %q", err, tt.temporary, tt.message)
			}
			for _, r := range e.f.routes() {
				if r == "publish" {
					t.Error("a container that is not FINISHED was published")
				}
			}
		})
	}
}

func TestPublishFailures(t *testing.T) {
	t.Parallel()
	buc := `{"` + userID + `":[{"type":"instagram","call_count":100,"total_cputime":5,"total_time":5,"estimated_time_to_regain_access":12}]}`
	tests := []struct {
		name      string
		route     string
		answer    fakeAnswer
		temporary bool
		maybeSent bool
		retry     time.Duration
		hint      string
	}{
		{"publishing limit (9/2207042)", "publish", fakeAnswer{Status: 400, Code: 9, Subcode: 2207042, Message: "Application request limit reached"}, true, false, 0, "50 API-published posts"},
		{"throttled (4) with BUC header", "create", fakeAnswer{Status: 400, Code: 4, Message: "(#4) Application request limit reached", Header: map[string]string{"X-Business-Use-Case-Usage": buc}}, true, false, 12 * time.Minute, "limiting"},
		{"account throttled (80002) as 403", "publish", fakeAnswer{Status: 403, Code: 80002, Message: "There have been too many calls to this Instagram account."}, true, false, 0, "limiting"},
		{"613", "publish", fakeAnswer{Status: 400, Code: 613, Message: "Calls to this api have exceeded the rate limit."}, true, false, 0, "limiting"},
		{"expired token (190)", "quota", fakeAnswer{Status: 400, Code: 190, Subcode: 463, Message: "Error validating access token"}, false, false, 0, "INSTAGRAM_TOKEN"},
		{"401", "create", fakeAnswer{Status: 401, Message: "Unauthorized"}, false, false, 0, "INSTAGRAM_TOKEN"},
		{"permission (10) as 403", "publish", fakeAnswer{Status: 403, Code: 10, Message: "(#10) Application does not have permission for this action"}, false, false, 0, "instagram_content_publish"},
		{"404", "publish", fakeAnswer{Status: 404, Message: "Not Found"}, false, false, 0, ""},
		{"422", "create", fakeAnswer{Status: 422, Message: "Unprocessable"}, false, false, 0, ""},
		{"429 with Retry-After", "publish", fakeAnswer{Status: 429, Message: "slow down", Header: map[string]string{"Retry-After": "120"}}, true, false, 2 * time.Minute, ""},
		{"500 on media_publish", "publish", fakeAnswer{Status: 500, Code: -1, Subcode: 2207001, Message: "Instagram server error. Try again."}, true, true, 0, ""},
		{"500 while creating a container", "create", fakeAnswer{Status: 500, Code: -1, Subcode: 2207032, Message: "Create media fail"}, true, false, 0, ""},
		{"-2 while creating a container", "create", fakeAnswer{Status: 400, Code: -2, Subcode: 2207003, Message: "It takes too long to download the media."}, true, false, 0, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			e := setup(t)
			e.f.fail(tt.route, tt.answer)
			r, err := e.c.Publish(context.Background(), pipeline.Message{Parts: []string{"x"}, Media: []pipeline.Attachment{e.serve("media/a.jpg", "image/jpeg")}})
			noSecret(t, err, r)
			f := pipeline.AsFailure(err)
			if f == nil {
				t.Fatalf("error = %v, want a Failure", err)
			}
			if f.Temporary != tt.temporary || f.MaybeSent != tt.maybeSent || f.RetryAfter != tt.retry || f.Status != tt.answer.Status {
				t.Errorf("failure = %+v, want temporary %v, maybe sent %v, retry after %s", f, tt.temporary, tt.maybeSent, tt.retry)
			}
			if !strings.Contains(f.Hint, tt.hint) {
				t.Errorf("hint = %q, want %q", f.Hint, tt.hint)
			}
			if tt.answer.Code != 0 && !strings.Contains(f.Message, "fbtrace_id IgTrace42") {
				t.Errorf("message = %q, want the fbtrace_id", f.Message)
			}
		})
	}
}

func TestFirstCommentFails(t *testing.T) {
	t.Parallel()
	e := setup(t)
	e.f.fail("comments", fakeAnswer{Status: 403, Code: 10, Message: "(#10) Application does not have permission for this action"})
	m := pipeline.Message{Parts: []string{"Avec @lacompagnie"}, FirstComment: "Le lien", Media: []pipeline.Attachment{e.serve("media/a.jpg", "image/jpeg")}}
	_, err := e.c.Publish(context.Background(), m)
	f := pipeline.AsFailure(err)
	if f == nil || !f.MaybeSent || !strings.Contains(f.Message, e.f.media[0].ID) || !strings.Contains(f.Hint, "instagram_manage_comments") {
		t.Fatalf("error = %v, want a maybe-sent failure naming the media", err)
	}
	r, found, err := e.c.Find(context.Background(), m)
	if err != nil || !found || r.ID != e.f.media[0].ID || r.URL == "" {
		t.Fatalf("Find = %+v, %v, %v (the caption read back has no @)", r, found, err)
	}
}

func TestFind(t *testing.T) {
	t.Parallel()
	e := setup(t)
	e.f.media = []*fakeMedia{
		{ID: "1", Caption: "Même légende", Shortcode: "A", Created: now.Add(-30 * time.Hour)},
		{ID: "2", Caption: "Autre", Shortcode: "B", Created: now.Add(-time.Hour)},
	}
	m := pipeline.Message{Parts: []string{"Même légende"}}
	if r, ok, err := e.c.Find(context.Background(), m); err != nil || ok {
		t.Fatalf("Find = %+v, %v, %v: the post of yesterday is another occurrence", r, ok, err)
	}
	e.f.media = append(e.f.media, &fakeMedia{ID: "3", Caption: "Même légende", Shortcode: "C", Created: now.Add(-time.Minute)})
	r, ok, err := e.c.Find(context.Background(), m)
	if err != nil || !ok || r.ID != "3" || r.URL != "https://www.instagram.com/p/C/" || !r.At.Equal(now.Add(-time.Minute)) {
		t.Fatalf("Find = %+v, %v, %v", r, ok, err)
	}
	e.f.fail("list", fakeAnswer{Status: 500, Message: "oops"}, fakeAnswer{Status: 500, Message: "oops"}, fakeAnswer{Status: 500, Message: "oops"})
	if _, _, err := e.c.Find(context.Background(), m); pipeline.AsFailure(err) == nil || !pipeline.AsFailure(err).Temporary {
		t.Errorf("Find error = %v, want a temporary failure after the retries", err)
	}
}
