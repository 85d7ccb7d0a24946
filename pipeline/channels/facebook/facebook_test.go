package facebook

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/crieur/crieur/pipeline"
)

const (
	secret = "EAAGm0PX4ZCpsBAsecret-page-token"
	pageID = "104123456789"
)

var now = time.Date(2026, 12, 1, 9, 30, 4, 0, time.UTC)

func noSleep(context.Context, time.Duration) error { return nil }

func newClient(t *testing.T) (*Client, *fakeGraph) {
	t.Helper()
	f := newFakeGraph(t, secret, pageID, now)
	cc := pipeline.ChannelConfig{Name: "facebook", Type: "facebook", Network: "facebook",
		Secrets: map[string]string{"page_token": "FACEBOOK_PAGE_TOKEN"},
		Options: map[string]string{"page": pageID, "api": f.srv.URL + "/"}}
	c, err := FromConfig(cc, map[string]string{"page_token": secret}, f.srv.Client())
	if err != nil {
		t.Fatal(err)
	}
	c.HTTP.Sleep = noSleep
	c.Now = func() time.Time { return now }
	return c, f
}

func image(t *testing.T, name string, head []byte) pipeline.Attachment {
	t.Helper()
	p := filepath.Join(t.TempDir(), filepath.Base(name))
	if err := os.WriteFile(p, append(head, make([]byte, 64)...), 0o644); err != nil {
		t.Fatal(err)
	}
	return pipeline.Attachment{Path: p, Name: name}
}

var (
	jpeg = []byte{0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10, 'J', 'F', 'I', 'F', 0}
	png  = []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR")
)

// noSecret fails when the token shows in an error or a receipt.
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
	base := func() pipeline.ChannelConfig {
		return pipeline.ChannelConfig{Name: "fb", Type: "facebook",
			Secrets: map[string]string{"page_token": "FB_TOKEN"}, Options: map[string]string{"page": pageID}}
	}
	tests := []struct {
		name    string
		edit    func(*pipeline.ChannelConfig)
		secrets map[string]string
		want    string // in the error; "" for none
	}{
		{"defaults", func(*pipeline.ChannelConfig) {}, map[string]string{"page_token": secret}, ""},
		{"no secret entry", func(cc *pipeline.ChannelConfig) { cc.Secrets = nil }, map[string]string{"page_token": secret}, "channels.fb.secrets.page_token"},
		{"empty secret", func(*pipeline.ChannelConfig) {}, nil, `secret "page_token" is empty: set the environment variable FB_TOKEN (crieur.yml: channels.fb.secrets.page_token); in GitHub, create the repository secret FB_TOKEN and check that the publish workflow passes it: crieur doctor says, crieur init --force rewrites the workflow`},
		{"no page", func(cc *pipeline.ChannelConfig) { delete(cc.Options, "page") }, map[string]string{"page_token": secret}, "channels.fb.options.page"},
		{"page with a slash", func(cc *pipeline.ChannelConfig) { cc.Options["page"] = "1/feed" }, map[string]string{"page_token": secret}, "not a Page id"},
		{"api not a URL", func(cc *pipeline.ChannelConfig) { cc.Options["api"] = "graph.facebook.com" }, map[string]string{"page_token": secret}, `option "api"`},
		{"bad version", func(cc *pipeline.ChannelConfig) { cc.Options["version"] = "23" }, map[string]string{"page_token": secret}, `option "version"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cc := base()
			tt.edit(&cc)
			c, err := FromConfig(cc, tt.secrets, nil)
			if tt.want == "" {
				if err != nil {
					t.Fatal(err)
				}
				if c.API != DefaultAPI || c.Version != DefaultVersion || c.Page != pageID {
					t.Errorf("client = %+v, want the defaults", c)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("error = %v, want it to say %q", err, tt.want)
			}
			if strings.Contains(err.Error(), secret) {
				t.Errorf("the token is in the error: %v", err)
			}
		})
	}
}

func TestPublishText(t *testing.T) {
	t.Parallel()
	c, f := newClient(t)
	msg := "La saison commence le 1er décembre ! 🎉\n\nTout le programme : https://example.org/saison?x=1&y=é."
	r, err := c.Publish(context.Background(), pipeline.Message{Key: strings.Repeat("a", 64), Parts: []string{msg},
		FirstComment: "Billetterie ouverte (tarifs réduits).", Lang: "fr"})
	noSecret(t, err, r)
	if err != nil {
		t.Fatal(err)
	}
	if len(f.posts) != 1 {
		t.Fatalf("the Page has %d posts, want 1", len(f.posts))
	}
	p := f.posts[0]
	if p.Message != msg {
		t.Errorf("message = %q, want %q", p.Message, msg)
	}
	if p.Link != "https://example.org/saison?x=1&y=é" {
		t.Errorf("link = %q, want the only URL without its final dot", p.Link)
	}
	if r.ID != p.ID || r.URL != "https://www.facebook.com/"+pageID+"/posts/"+strings.TrimPrefix(p.ID, pageID+"_") || !r.At.Equal(now) {
		t.Errorf("receipt = %+v (post %s)", r, p.ID)
	}
	if len(r.Parts) != 1 {
		t.Fatalf("parts = %v, want the first comment", r.Parts)
	}
	cm := f.comments[r.Parts[0]]
	if cm == nil || cm.Post != p.ID || cm.Message != "Billetterie ouverte (tarifs réduits)." {
		t.Errorf("comment = %+v", cm)
	}
	want := []string{"POST feed", "GET node", "POST comments"}
	if got := f.routes(); strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("requests = %v, want %v", got, want)
	}
}

func TestPublishLink(t *testing.T) {
	t.Parallel()
	tests := []struct {
		text, link string
	}{
		{"Sans lien.", ""},
		{"Deux liens : https://a.example/1 et https://b.example/2", ""},
		{"Le même deux fois : https://a.example/1 (https://a.example/1)", "https://a.example/1"},
		{"« https://a.example/x »", "https://a.example/x"},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			c, f := newClient(t)
			if _, err := c.Publish(context.Background(), pipeline.Message{Parts: []string{tt.text}}); err != nil {
				t.Fatal(err)
			}
			if f.posts[0].Link != tt.link || f.posts[0].Message != tt.text {
				t.Errorf("post = %+v, want link %q", f.posts[0], tt.link)
			}
		})
	}
}

func TestPublishImages(t *testing.T) {
	t.Parallel()
	c, f := newClient(t)
	a := image(t, "media/affiche saison.jpg", jpeg)
	a.Alt = "Affiche : « La saison », lettres dorées"
	b := image(t, "media/plan.png", png)
	b.Alt = "Plan de la salle"
	r, err := c.Publish(context.Background(), pipeline.Message{Parts: []string{"Voici l'affiche https://example.org"},
		Media: []pipeline.Attachment{a, b}})
	noSecret(t, err, r)
	if err != nil {
		t.Fatal(err)
	}
	p := f.posts[0]
	if len(p.Photos) != 2 {
		t.Fatalf("post photos = %v", p.Photos)
	}
	first, second := f.photos[p.Photos[0]], f.photos[p.Photos[1]]
	if first.Alt != a.Alt || first.Filename != "affiche saison.jpg" || first.ContentType != "image/jpeg" {
		t.Errorf("first photo = %+v", first)
	}
	if second.Alt != b.Alt || second.Filename != "plan.png" || second.ContentType != "image/png" {
		t.Errorf("second photo = %+v", second)
	}
	if p.Link != "" {
		t.Errorf("link = %q: a post with photos takes no link", p.Link)
	}
	if len(f.posts) != 1 {
		t.Errorf("the Page has %d posts: the photos must not be posts of their own", len(f.posts))
	}
}

func TestPublishUnreadableImage(t *testing.T) {
	t.Parallel()
	c, f := newClient(t)
	_, err := c.Publish(context.Background(), pipeline.Message{Parts: []string{"x"},
		Media: []pipeline.Attachment{{Path: filepath.Join(t.TempDir(), "absent.jpg"), Name: "media/absent.jpg"}}})
	fl := pipeline.AsFailure(err)
	if fl == nil || fl.Temporary || fl.MaybeSent || !strings.Contains(fl.Message, "media/absent.jpg") {
		t.Fatalf("error = %#v", err)
	}
	if len(f.routes()) != 0 {
		t.Errorf("requests = %v, want none", f.routes())
	}
}

func TestPublishEmpty(t *testing.T) {
	t.Parallel()
	c, _ := newClient(t)
	_, err := c.Publish(context.Background(), pipeline.Message{Parts: []string{"  "}})
	if f := pipeline.AsFailure(err); f == nil || f.Temporary {
		t.Fatalf("error = %v", err)
	}
}

func TestPublishFailures(t *testing.T) {
	t.Parallel()
	buc := `{"` + pageID + `":[{"type":"pages","call_count":100,"total_cputime":20,"total_time":30,"estimated_time_to_regain_access":7}]}`
	tests := []struct {
		name      string
		route     string
		answer    fakeAnswer
		images    bool
		temporary bool
		maybeSent bool
		retry     time.Duration
		hint      string
	}{
		{"throttled app (4) with BUC header", "feed", fakeAnswer{Status: 400, Code: 4, Message: "(#4) Application request limit reached", Header: map[string]string{"X-Business-Use-Case-Usage": buc}}, false, true, false, 7 * time.Minute, "limiting"},
		{"user limit (17) as 403", "feed", fakeAnswer{Status: 403, Code: 17, Message: "(#17) User request limit reached"}, false, true, false, 0, "limiting"},
		{"page limit (32) with X-Page-Usage", "feed", fakeAnswer{Status: 400, Code: 32, Message: "(#32) Page request limit reached", Header: map[string]string{"X-Page-Usage": `{"call_count":100,"estimated_time_to_regain_access":3}`}}, false, true, false, 3 * time.Minute, "limiting"},
		{"613 while uploading", "photos", fakeAnswer{Status: 400, Code: 613, Message: "Calls to this api have exceeded the rate limit.", Header: map[string]string{"X-Business-Use-Case-Usage": buc}}, true, true, false, 7 * time.Minute, "limiting"},
		{"expired token (190)", "feed", fakeAnswer{Status: 400, Code: 190, Subcode: 463, Message: "Error validating access token: Session has expired"}, false, false, false, 0, "FACEBOOK_PAGE_TOKEN"},
		{"401", "feed", fakeAnswer{Status: 401, Code: 190, Message: "Invalid OAuth access token"}, false, false, false, 0, "FACEBOOK_PAGE_TOKEN"},
		{"permission (200) as 403", "feed", fakeAnswer{Status: 403, Code: 200, Message: "(#200) The user hasn't authorized the application to perform this action"}, false, false, false, 0, "pages_manage_posts"},
		{"404", "feed", fakeAnswer{Status: 404, Message: "Not Found"}, false, false, false, 0, ""},
		{"422", "feed", fakeAnswer{Status: 422, Message: `{"error":{"message":"Unprocessable"}}`}, false, false, false, 0, ""},
		{"429 with Retry-After", "feed", fakeAnswer{Status: 429, Message: "slow down", Header: map[string]string{"Retry-After": "30"}}, false, true, false, 30 * time.Second, ""},
		{"500 on the feed post", "feed", fakeAnswer{Status: 500, Code: 1, Message: "An unknown error has occurred."}, false, true, true, 0, ""},
		{"transient (2) as 400", "feed", fakeAnswer{Status: 400, Code: 2, Message: "Service temporarily unavailable"}, false, true, true, 0, ""},
		{"503 on the feed post", "feed", fakeAnswer{Status: 503, Message: "Service Unavailable"}, false, true, false, 0, ""},
		{"200 that is not JSON", "feed", fakeAnswer{Status: 200, Message: "<html>proxy</html>"}, false, true, true, 0, ""},
		{"500 on a photo upload", "photos", fakeAnswer{Status: 500, Code: 1, Message: "An unknown error has occurred."}, true, true, false, 0, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c, f := newClient(t)
			f.fail(tt.route, tt.answer)
			m := pipeline.Message{Parts: []string{"Texte"}}
			if tt.images {
				m.Media = []pipeline.Attachment{image(t, "a.jpg", jpeg)}
			}
			r, err := c.Publish(context.Background(), m)
			noSecret(t, err, r)
			fl := pipeline.AsFailure(err)
			if fl == nil {
				t.Fatalf("error = %v, want a Failure", err)
			}
			if fl.Temporary != tt.temporary || fl.MaybeSent != tt.maybeSent || fl.RetryAfter != tt.retry {
				t.Errorf("failure = %+v, want temporary %v, maybe sent %v, retry after %s", fl, tt.temporary, tt.maybeSent, tt.retry)
			}
			if tt.hint != "" && !strings.Contains(fl.Hint, tt.hint) {
				t.Errorf("hint = %q, want it to mention %q", fl.Hint, tt.hint)
			}
			if fl.Status != tt.answer.Status {
				t.Errorf("status = %d, want %d", fl.Status, tt.answer.Status)
			}
			if tt.answer.Code != 0 && !strings.Contains(fl.Message, "fbtrace_id AbCdEf123") {
				t.Errorf("message = %q, want the fbtrace_id", fl.Message)
			}
		})
	}
}

func TestFirstCommentFailsAfterThePost(t *testing.T) {
	t.Parallel()
	c, f := newClient(t)
	f.fail("comments", fakeAnswer{Status: 500, Code: 1, Message: "An unknown error has occurred."})
	m := pipeline.Message{Parts: []string{"Le post"}, FirstComment: "Le commentaire"}
	r, err := c.Publish(context.Background(), m)
	noSecret(t, err, r)
	fl := pipeline.AsFailure(err)
	if fl == nil || !fl.MaybeSent || !strings.Contains(fl.Message, f.posts[0].ID) || !strings.Contains(fl.Message, "first comment") {
		t.Fatalf("error = %v, want a maybe-sent failure naming the post", err)
	}
	// The publisher asks Find before sending again: the post is found.
	found, ok, err := c.Find(context.Background(), m)
	if err != nil || !ok || found.ID != f.posts[0].ID || found.URL == "" {
		t.Fatalf("Find = %+v, %v, %v", found, ok, err)
	}
}

func TestDuplicateIsTheFirstPost(t *testing.T) {
	t.Parallel()
	c, f := newClient(t)
	m := pipeline.Message{Parts: []string{"Une seule fois"}}
	first, err := c.Publish(context.Background(), m)
	if err != nil {
		t.Fatal(err)
	}
	again, err := c.Publish(context.Background(), m)
	if err != nil {
		t.Fatalf("second publish: %v", err)
	}
	if again.ID != first.ID || len(f.posts) != 1 {
		t.Errorf("second receipt %+v, first %+v, %d posts", again, first, len(f.posts))
	}
}

func TestFind(t *testing.T) {
	t.Parallel()
	c, f := newClient(t)
	f.posts = append(f.posts,
		&fakePost{ID: pageID + "_1", Message: "Même texte", Created: now.Add(-50 * time.Hour)},
		&fakePost{ID: pageID + "_2", Message: "Autre texte", Created: now.Add(-time.Hour)},
		&fakePost{ID: pageID + "_3", Message: "Même texte\r\n", Created: now.Add(-10 * time.Minute)},
	)
	r, ok, err := c.Find(context.Background(), pipeline.Message{Parts: []string{"Même texte"}})
	if err != nil || !ok {
		t.Fatalf("Find = %v, %v", ok, err)
	}
	if r.ID != pageID+"_3" || r.URL != "https://www.facebook.com/"+pageID+"/posts/3" || !r.At.Equal(now.Add(-10*time.Minute)) {
		t.Errorf("receipt = %+v", r)
	}
	f.posts[2].Deleted = true
	if r, ok, err := c.Find(context.Background(), pipeline.Message{Parts: []string{"Même texte"}}); err != nil || ok {
		t.Errorf("Find = %+v, %v, %v: the post of two days ago is another occurrence", r, ok, err)
	}
	f.fail("posts", fakeAnswer{Status: 400, Code: 190, Message: "expired"})
	if _, _, err := c.Find(context.Background(), pipeline.Message{Parts: []string{"x"}}); err == nil || strings.Contains(err.Error(), secret) {
		t.Errorf("Find error = %v", err)
	}
}

func TestRetract(t *testing.T) {
	t.Parallel()
	c, f := newClient(t)
	r, err := c.Publish(context.Background(), pipeline.Message{Parts: []string{"À retirer"}, FirstComment: "c"})
	if err != nil {
		t.Fatal(err)
	}
	f.fail("delete", fakeAnswer{Status: 502, Message: "Bad Gateway"}) // HTTPClient tries a DELETE again
	if err := c.Retract(context.Background(), r); err != nil {
		t.Fatal(err)
	}
	if !f.posts[0].Deleted || !f.comments[r.Parts[0]].Deleted {
		t.Errorf("post %+v, comment %+v: not deleted", f.posts[0], f.comments[r.Parts[0]])
	}
	if err := c.Retract(context.Background(), r); err != nil {
		t.Errorf("retracting again: %v, want nil (already gone)", err)
	}
	f.fail("delete", fakeAnswer{Status: 403, Code: 200, Message: "(#200) Permissions error"})
	err = c.Retract(context.Background(), pipeline.Receipt{ID: pageID + "_9"})
	if fl := pipeline.AsFailure(err); fl == nil || fl.Temporary || !strings.Contains(fl.Hint, "permission") {
		t.Errorf("error = %v, want a permission failure", err)
	}
}
