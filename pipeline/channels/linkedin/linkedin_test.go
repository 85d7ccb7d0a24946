package linkedin

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/crieur/crieur/pipeline"
	"github.com/crieur/crieur/pipeline/channels/internal/httpapi"
)

// frenchPost has everything little text reserves, in French.
const frenchPost = "Rendez-vous (enfin !) le 3 décembre à 18 h : « Les Crieurs » ouvrent la saison #Lancement #Été2026.\n\n" +
	"Avec @marie_d, du C# et un #1 : 50 % *offert* ~ [programme] {bientôt} <ici> | fin \\ https://crieur.example/a_b_(c)"

var secretValues = []string{bearerToken, clientSecret}

func config(api string) (pipeline.ChannelConfig, map[string]string) {
	cc := pipeline.ChannelConfig{Name: "linkedin", Type: "linkedin", Network: "linkedin",
		Secrets: map[string]string{"token": "LINKEDIN_TOKEN", "client_id": "LINKEDIN_CLIENT_ID", "client_secret": "LINKEDIN_CLIENT_SECRET"},
		Options: map[string]string{"organization": org, "api": api, "oauth": api}}
	return cc, map[string]string{"token": bearerToken, "client_id": clientID, "client_secret": clientSecret}
}

func newClient(t *testing.T, f *fakeLinkedIn) *Client {
	t.Helper()
	cc, secrets := config(f.srv.URL)
	c, err := FromConfig(cc, secrets, nil)
	if err != nil {
		t.Fatal(err)
	}
	c.Now = func() time.Time { f.mu.Lock(); defer f.mu.Unlock(); return f.clock.Add(time.Minute) }
	c.Sleep = func(context.Context, time.Duration) error { return nil }
	for _, h := range []*httpapi.Client{c.api, c.upload, c.oauth} {
		h.Sleep = func(context.Context, time.Duration) error { return nil }
	}
	return c
}

func picture(t *testing.T, name string, size int) string {
	t.Helper()
	data := append([]byte("\xFF\xD8\xFF\xE0"), bytes.Repeat([]byte{byte(len(name))}, size)...)
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func noSecret(t *testing.T, where, s string) {
	t.Helper()
	for _, v := range secretValues {
		if strings.Contains(s, v) {
			t.Errorf("%s holds the secret %q: %s", where, v, s)
		}
	}
}

func TestPublishFrenchPostArrivesWhole(t *testing.T) {
	f := newFakeLinkedIn(t)
	c := newClient(t, f)
	r, err := c.Publish(context.Background(), pipeline.Message{Parts: []string{frenchPost}, Lang: "fr"})
	if err != nil {
		t.Fatal(err)
	}
	posts := f.live()
	if len(posts) != 1 {
		t.Fatalf("%d posts", len(posts))
	}
	p := posts[0]
	if p.Shown != frenchPost {
		t.Errorf("LinkedIn shows\n%q\nwant\n%q\n(sent %q)", p.Shown, frenchPost, p.Commentary)
	}
	if strings.Join(p.Tags, ",") != "Lancement,Été2026" {
		t.Errorf("hashtags = %v", p.Tags)
	}
	if !strings.Contains(p.Commentary, `{hashtag|\#|Lancement}`) || !strings.Contains(p.Commentary, `\(enfin !\)`) {
		t.Errorf("commentary = %q", p.Commentary)
	}
	want := pipeline.Receipt{ID: p.URN, URL: "https://www.linkedin.com/feed/update/" + p.URN + "/", At: p.Created}
	if r.ID != want.ID || r.URL != want.URL || !r.At.Equal(want.At) || len(r.Parts) != 0 {
		t.Errorf("receipt = %+v, want %+v", r, want)
	}
	noSecret(t, "receipt", r.ID+r.URL)
}

func TestPartsAreJoined(t *testing.T) {
	f := newFakeLinkedIn(t)
	c := newClient(t, f)
	if _, err := c.Publish(context.Background(), pipeline.Message{Parts: []string{"Un.", "Deux."}}); err != nil {
		t.Fatal(err)
	}
	if got := f.live()[0].Shown; got != "Un.\n\nDeux." {
		t.Errorf("shown %q", got)
	}
}

func TestPublishImages(t *testing.T) {
	for _, n := range []int{1, 3} {
		f := newFakeLinkedIn(t)
		f.processing = 2
		c := newClient(t, f)
		var media []pipeline.Attachment
		for i := 0; i < n; i++ {
			media = append(media, pipeline.Attachment{Path: picture(t, "image"+strings.Repeat("x", i)+".jpg", 50+i), Name: "media/" + string(rune('a'+i)) + ".jpg", Alt: "Image n° " + string(rune('1'+i)) + " (la salle)"})
		}
		if _, err := c.Publish(context.Background(), pipeline.Message{Parts: []string{"Avec images"}, Media: media}); err != nil {
			t.Fatal(err)
		}
		p := f.live()[0]
		if len(p.Media) != n {
			t.Fatalf("%d images on the post, want %d", len(p.Media), n)
		}
		for i, a := range media {
			img := f.images[p.Media[i].ID]
			data, _ := os.ReadFile(a.Path)
			if p.Media[i].Alt != a.Alt || !bytes.Equal(img.Bytes, data) || img.PutAuth != "Bearer "+bearerToken {
				t.Errorf("%d images, image %d: alt %q, %d bytes; want alt %q, %d bytes", n, i, p.Media[i].Alt, len(img.Bytes), a.Alt, len(data))
			}
		}
		if polls := f.count("GET /rest/images/{urn}"); polls != 3*n {
			t.Errorf("%d polls for %d images, want %d (2 PROCESSING then AVAILABLE each)", polls, n, 3*n)
		}
	}
}

func TestRefusedBeforeSending(t *testing.T) {
	f := newFakeLinkedIn(t)
	c := newClient(t, f)
	webp := filepath.Join(t.TempDir(), "a.webp")
	os.WriteFile(webp, []byte("RIFF\x00\x00\x00\x00WEBPVP8 "), 0o644)
	for _, m := range []pipeline.Message{
		{Parts: []string{" "}},
		{Parts: []string{"Un"}, Media: []pipeline.Attachment{{Path: picture(t, "a.jpg", 1), Name: "a.jpg"}, {Path: webp, Name: "a.webp"}}},
		{Parts: []string{"Un"}, Media: make([]pipeline.Attachment, 21)},
	} {
		if _, err := c.Publish(context.Background(), m); pipeline.AsFailure(err) == nil {
			t.Errorf("%+v: err = %v", m, err)
		}
	}
	if n := len(f.calls); n != 0 {
		t.Errorf("%d requests sent: %v", n, f.calls)
	}
}

func TestPublishFirstComment(t *testing.T) {
	f := newFakeLinkedIn(t)
	c := newClient(t, f)
	m := pipeline.Message{Parts: []string{"Le programme"}, FirstComment: "Billetterie (en ligne) : https://crieur.example/billets #pas_un_tag"}
	r, err := c.Publish(context.Background(), m)
	if err != nil {
		t.Fatal(err)
	}
	cms := f.comments[r.ID]
	if len(cms) != 1 || cms[0].Text != m.FirstComment || cms[0].Actor != org || cms[0].Object != r.ID {
		t.Fatalf("comments = %+v", cms)
	}
	if len(r.Parts) != 1 || r.Parts[0] != cms[0].URN {
		t.Errorf("receipt parts = %v, want [%s]", r.Parts, cms[0].URN)
	}
}

// publishFailure is a way Publish fails and the Failure it must give.
type publishFailure struct {
	name      string
	setup     func(f *fakeLinkedIn, cc *pipeline.ChannelConfig)
	status    int
	temporary bool
	maybeSent bool
	retry     time.Duration
	hint      string
}

func TestPublishFailures(t *testing.T) {
	tests := []publishFailure{
		{"expired token", func(f *fakeLinkedIn, _ *pipeline.ChannelConfig) { f.expired = true },
			401, false, false, 0, "the LinkedIn token expired (they last 60 days): create a new one and update LINKEDIN_TOKEN"},
		{"invalid token", func(f *fakeLinkedIn, _ *pipeline.ChannelConfig) {
			f.then("POST /rest/posts", &answer{status: 401, body: `{"status":401,"serviceErrorCode":65600,"code":"INVALID_ACCESS_TOKEN","message":"Invalid access token"}`})
		}, 401, false, false, 0, "LinkedIn refused the token in LINKEDIN_TOKEN"},
		{"not the page's admin", func(_ *fakeLinkedIn, cc *pipeline.ChannelConfig) {
			cc.Options["organization"] = "urn:li:organization:1"
		},
			403, false, false, 0, "w_organization_social"},
		{"retired version", func(_ *fakeLinkedIn, cc *pipeline.ChannelConfig) { cc.Options["version"] = "202301" },
			426, false, false, 0, "set option version"},
		{"invalid body", func(f *fakeLinkedIn, _ *pipeline.ChannelConfig) {
			f.then("POST /rest/posts", &answer{status: 422, body: `{"status":422,"message":"ERROR :: /commentary :: string too long"}`})
		}, 422, false, false, 0, ""},
		{"daily limit", func(f *fakeLinkedIn, _ *pipeline.ChannelConfig) {
			f.then("POST /rest/posts", &answer{status: 429, body: `{"status":429,"message":"Resource level throttle APPLICATION DAY limit for calls to this resource is reached."}`})
		}, 429, true, false, 90 * time.Minute, "midnight UTC"},
		{"retry after", func(f *fakeLinkedIn, _ *pipeline.ChannelConfig) {
			f.then("POST /rest/posts", &answer{status: 429, header: map[string]string{"Retry-After": "120"}, body: `{"status":429,"message":"Too many requests"}`})
		}, 429, true, false, 2 * time.Minute, ""},
		{"server error on POST", func(f *fakeLinkedIn, _ *pipeline.ChannelConfig) {
			f.then("POST /rest/posts", &answer{status: 500, body: `{"status":500,"message":"Internal Server Error"}`})
		}, 500, true, true, 0, ""},
		{"server error on image", func(f *fakeLinkedIn, _ *pipeline.ChannelConfig) {
			f.then("POST /rest/images", &answer{status: 500, body: `{"status":500,"message":"Internal Server Error"}`})
		}, 500, true, false, 0, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { checkPublishFailure(t, tt) })
	}
}

func checkPublishFailure(t *testing.T, tt publishFailure) {
	now := time.Date(2026, 11, 20, 22, 30, 0, 0, time.UTC)
	f := newFakeLinkedIn(t)
	cc, secrets := config(f.srv.URL)
	tt.setup(f, &cc)
	c, err := FromConfig(cc, secrets, nil)
	if err != nil {
		t.Fatal(err)
	}
	c.Now = func() time.Time { return now }
	c.api.Sleep = func(context.Context, time.Duration) error { return nil }
	m := pipeline.Message{Parts: []string{"Un texte"}}
	if tt.name == "server error on image" {
		m.Media = []pipeline.Attachment{{Path: picture(t, "a.jpg", 10), Name: "a.jpg"}}
	}
	_, err = c.Publish(context.Background(), m)
	fl := pipeline.AsFailure(err)
	if fl == nil {
		t.Fatalf("error %v is not a Failure", err)
	}
	if fl.Status != tt.status || fl.Temporary != tt.temporary || fl.MaybeSent != tt.maybeSent || fl.RetryAfter != tt.retry {
		t.Errorf("failure = %+v\nwant status %d temporary %v maybeSent %v retryAfter %s", fl, tt.status, tt.temporary, tt.maybeSent, tt.retry)
	}
	if !strings.Contains(fl.Hint, tt.hint) {
		t.Errorf("hint = %q, want it to say %q", fl.Hint, tt.hint)
	}
	noSecret(t, "error", err.Error())
	if len(f.live()) != 0 {
		t.Errorf("a post went out")
	}
}

func TestUploadURLElsewhereIsRefused(t *testing.T) {
	f := newFakeLinkedIn(t)
	c := newClient(t, f)
	var hits int
	elsewhere := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { hits++ }))
	defer elsewhere.Close()
	for _, u := range []string{elsewhere.URL + "/up", "https://uploads.example.com/up?x=1", "http://www.linkedin.com/dms-uploads/1"} {
		f.then("POST /rest/images", &answer{status: 200, body: `{"value":{"uploadUrl":"` + u + `","image":"urn:li:image:C4E10AQ1","uploadUrlExpiresAt":1}}`})
		_, err := c.Publish(context.Background(), pipeline.Message{Parts: []string{"Un"}, Media: []pipeline.Attachment{{Path: picture(t, "a.jpg", 10), Name: "a.jpg"}}})
		if err == nil || !strings.Contains(err.Error(), "not on linkedin.com") {
			t.Fatalf("%s: err = %v", u, err)
		}
	}
	if hits != 0 || f.count("PUT /dms-uploads/{id}") != 0 || len(f.live()) != 0 {
		t.Errorf("something was sent")
	}
}

func TestPublishAgainAdoptsTheDuplicateAndAddsTheComment(t *testing.T) {
	f := newFakeLinkedIn(t)
	c := newClient(t, f)
	ctx := context.Background()
	m := pipeline.Message{Parts: []string{"La saison (enfin) #Lancement"}, FirstComment: "Billetterie"}
	f.then("POST /rest/socialActions/{urn}/comments", &answer{status: 500, body: `{"status":500,"message":"Internal Server Error"}`})
	_, err := c.Publish(ctx, m)
	if fl := pipeline.AsFailure(err); fl == nil || !fl.Temporary || !strings.Contains(err.Error(), "is out but not its first comment") {
		t.Fatalf("first attempt: %v", err)
	}
	if _, found, err := c.Find(ctx, m); err != nil || found {
		t.Fatalf("Find without the comment = %v, %v; want not found", found, err)
	}
	r, err := c.Publish(ctx, m)
	if err != nil {
		t.Fatal(err)
	}
	posts := f.live()
	if len(posts) != 1 || r.ID != posts[0].URN || !r.At.Equal(posts[0].Created) {
		t.Fatalf("posts %v, receipt %+v", posts, r)
	}
	if cms := f.comments[r.ID]; len(cms) != 1 || len(r.Parts) != 1 || r.Parts[0] != cms[0].URN {
		t.Fatalf("comments %v, receipt parts %v", cms, r.Parts)
	}
	// Once more: nothing new.
	r2, err := c.Publish(ctx, m)
	if err != nil || r2.ID != r.ID || len(f.comments[r.ID]) != 1 || len(f.live()) != 1 {
		t.Errorf("third attempt: %+v, %v", r2, err)
	}
	got, found, err := c.Find(ctx, m)
	if err != nil || !found || got.ID != r.ID || strings.Join(got.Parts, ",") != strings.Join(r.Parts, ",") {
		t.Errorf("Find = %+v, %v, %v", got, found, err)
	}
}

func TestDuplicateOfAGhostIsRefused(t *testing.T) {
	f := newFakeLinkedIn(t)
	c := newClient(t, f)
	f.then("POST /rest/posts", &answer{status: 422, body: `{"errorDetailType":"com.linkedin.common.error.BadRequest","message":"com.linkedin.content.common.exception.BadRequestResponseException: Content is a duplicate of urn:li:share:7141138937766391808","errorDetails":{"inputErrors":[{"description":"Duplicate post is detected","input":{},"code":"DUPLICATE_POST"}]},"status":422}`})
	_, err := c.Publish(context.Background(), pipeline.Message{Parts: []string{"Un texte"}})
	fl := pipeline.AsFailure(err)
	if fl == nil || fl.Status != 422 || fl.Temporary || !strings.Contains(fl.Hint, "change the text") || !strings.Contains(fl.Message, "DUPLICATE_POST") {
		t.Fatalf("err = %#v", fl)
	}
}

func TestFind(t *testing.T) {
	f := newFakeLinkedIn(t)
	c := newClient(t, f)
	ctx := context.Background()
	m := pipeline.Message{Parts: []string{frenchPost}}
	if _, found, err := c.Find(ctx, m); err != nil || found {
		t.Fatalf("Find before = %v, %v", found, err)
	}
	r, err := c.Publish(ctx, m)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Publish(ctx, pipeline.Message{Parts: []string{"Un autre post, plus récent"}}); err != nil {
		t.Fatal(err)
	}
	got, found, err := c.Find(ctx, m)
	if err != nil || !found || got.ID != r.ID || got.URL != r.URL || !got.At.Equal(r.At) {
		t.Fatalf("Find = %+v, %v, %v; want %+v", got, found, err, r)
	}
	if _, found, _ := c.Find(ctx, pipeline.Message{Parts: []string{"Rendez-vous"}}); found {
		t.Errorf("Find matched the start of a text")
	}
	c.FindWithin = time.Second
	if _, found, _ := c.Find(ctx, m); found {
		t.Errorf("Find saw a post older than find_within")
	}
}

func TestRetract(t *testing.T) {
	f := newFakeLinkedIn(t)
	c := newClient(t, f)
	ctx := context.Background()
	r, err := c.Publish(ctx, pipeline.Message{Parts: []string{"À retirer"}, FirstComment: "Un commentaire"})
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Retract(ctx, r); err != nil {
		t.Fatal(err)
	}
	if len(f.live()) != 0 || len(f.comments[r.ID]) != 0 {
		t.Errorf("left: %v", f.live())
	}
	if err := c.Retract(ctx, r); err != nil {
		t.Errorf("again: %v", err)
	}
	if err := c.Retract(ctx, pipeline.Receipt{ID: "urn:li:share:1/../../x"}); err == nil {
		t.Errorf("a receipt id that is not a post URN was used")
	}
}

func TestExpiry(t *testing.T) {
	ctx := context.Background()
	f := newFakeLinkedIn(t)
	c := newClient(t, f)
	at, err := c.Expiry(ctx)
	if err != nil || !at.Equal(time.Unix(f.expiresAt, 0)) {
		t.Errorf("introspection: %s, %v", at, err)
	}
	// A wrong client secret: the error names no secret; token_expires takes over when set.
	cc, secrets := config(f.srv.URL)
	secrets["client_secret"] = "wrong-secret"
	c, _ = FromConfig(cc, secrets, nil)
	_, err = c.Expiry(ctx)
	if fl := pipeline.AsFailure(err); fl == nil || fl.Status != 401 || !strings.Contains(fl.Hint, "client_id and client_secret") {
		t.Errorf("wrong secret: %v", err)
	} else {
		noSecret(t, "error", err.Error())
	}
	cc.Options["token_expires"] = "2027-01-20"
	c, _ = FromConfig(cc, secrets, nil)
	if at, err := c.Expiry(ctx); err != nil || !at.Equal(time.Date(2027, 1, 20, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("fallback to token_expires: %s, %v", at, err)
	}
	// No client: token_expires, or an error asking for it.
	cc, secrets = config(f.srv.URL)
	delete(cc.Secrets, "client_id")
	delete(cc.Secrets, "client_secret")
	c, err = FromConfig(cc, secrets, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Expiry(ctx); err == nil || !strings.Contains(err.Error(), "token_expires") {
		t.Errorf("nothing to tell: %v", err)
	}
	cc.Options["token_expires"] = "2027-02-01"
	c, _ = FromConfig(cc, secrets, nil)
	if at, err := c.Expiry(ctx); err != nil || at.Format("2006-01-02") != "2027-02-01" {
		t.Errorf("token_expires: %s, %v", at, err)
	}
	// A revoked token.
	f.active = false
	c = newClient(t, f)
	if _, err := c.Expiry(ctx); err == nil || !strings.Contains(err.Error(), "revoked") {
		t.Errorf("revoked: %v", err)
	}
}

func TestFromConfig(t *testing.T) {
	tests := []struct {
		name   string
		change func(cc *pipeline.ChannelConfig, s map[string]string)
		want   string
	}{
		{"missing token", func(_ *pipeline.ChannelConfig, s map[string]string) { delete(s, "token") },
			`secret "token" is empty: set the environment variable LINKEDIN_TOKEN (crieur.yml: channels.linkedin.secrets.token); in GitHub, create the repository secret LINKEDIN_TOKEN and check that the publish workflow passes it: crieur doctor says, crieur init --force rewrites the workflow`},
		{"no token entry", func(cc *pipeline.ChannelConfig, _ map[string]string) { delete(cc.Secrets, "token") },
			"add secrets: {token: LINKEDIN_TOKEN} to channels.linkedin in crieur.yml"},
		{"client id alone", func(cc *pipeline.ChannelConfig, _ map[string]string) { delete(cc.Secrets, "client_secret") },
			"add client_secret under channels.linkedin.secrets"},
		{"empty client secret", func(_ *pipeline.ChannelConfig, s map[string]string) { delete(s, "client_secret") },
			`secret "client_secret" is empty: set the environment variable LINKEDIN_CLIENT_SECRET`},
		{"no author", func(cc *pipeline.ChannelConfig, _ map[string]string) { delete(cc.Options, "organization") }, "option organization"},
		{"both", func(cc *pipeline.ChannelConfig, _ map[string]string) { cc.Options["author"] = "urn:li:person:abc" }, "not both"},
		{"bad organization", func(cc *pipeline.ChannelConfig, _ map[string]string) {
			cc.Options["organization"] = "urn:li:person:abc"
		}, "is not urn:li:organization"},
		{"bad version", func(cc *pipeline.ChannelConfig, _ map[string]string) { cc.Options["version"] = "2026-09" }, "YYYYMM"},
		{"bad date", func(cc *pipeline.ChannelConfig, _ map[string]string) { cc.Options["token_expires"] = "20/01/2027" }, "YYYY-MM-DD"},
		{"bad api", func(cc *pipeline.ChannelConfig, _ map[string]string) { cc.Options["api"] = "api.linkedin.com" }, "option api"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cc, s := config("https://api.linkedin.com")
			tt.change(&cc, s)
			_, err := FromConfig(cc, s, nil)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want %q", err, tt.want)
			}
			noSecret(t, "error", err.Error())
		})
	}
	cc, s := config("")
	cc.Options = map[string]string{"organization": "2414183"}
	c, err := FromConfig(cc, s, nil)
	if err != nil || c.Author != org || c.Version != "202609" || c.API != "https://api.linkedin.com" || c.OAuth != "https://www.linkedin.com" {
		t.Errorf("defaults: %+v, %v", c, err)
	}
	cc.Options = map[string]string{"author": "urn:li:person:AbC-12_x"}
	if c, err := FromConfig(cc, s, nil); err != nil || c.Author != "urn:li:person:AbC-12_x" {
		t.Errorf("person author: %v", err)
	}
}
