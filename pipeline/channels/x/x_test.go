package x

import (
	"bytes"
	"context"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/crieur/crieur/pipeline"
)

var secretValues = []string{consumerKey, consumerSecret, accessToken, accessTokenSecret}

func config(api string) (pipeline.ChannelConfig, map[string]string) {
	cc := pipeline.ChannelConfig{Name: "x", Type: "x", Network: "x",
		Secrets: map[string]string{"consumer_key": "X_CONSUMER_KEY", "consumer_secret": "X_CONSUMER_SECRET",
			"access_token": "X_ACCESS_TOKEN", "access_token_secret": "X_ACCESS_TOKEN_SECRET"},
		Options: map[string]string{"api": api}}
	secrets := map[string]string{"consumer_key": consumerKey, "consumer_secret": consumerSecret,
		"access_token": accessToken, "access_token_secret": accessTokenSecret}
	return cc, secrets
}

func newClient(t *testing.T, f *fakeX) *Client {
	t.Helper()
	cc, secrets := config(f.srv.URL)
	c, err := FromConfig(cc, secrets, nil)
	if err != nil {
		t.Fatal(err)
	}
	c.Now = func() time.Time { f.mu.Lock(); defer f.mu.Unlock(); return f.clock.Add(time.Minute) }
	c.http.Sleep = func(context.Context, time.Duration) error { return nil }
	return c
}

// image writes a small PNG-looking file and returns its path.
func image(t *testing.T, name string, size int) string {
	t.Helper()
	data := append([]byte("\x89PNG\r\n\x1a\n"), bytes.Repeat([]byte{0xA5}, size)...)
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func thread(t *testing.T) pipeline.Message {
	return pipeline.Message{Key: strings.Repeat("ab", 32), Post: "posts/2026/11/saison.md", Lang: "fr",
		Parts: []string{
			"La saison commence le 1er décembre : programme sur https://crieur.example/saison?x=1&y=2 !",
			"Deuxième partie (avec « guillemets ») & <balises> 🎉",
			"Fin du fil.",
		},
		FirstComment: "Billetterie : https://crieur.example/billets",
		Media: []pipeline.Attachment{
			{Path: image(t, "affiche.png", 100), Name: "media/affiche.png", Alt: "Affiche de la saison, fond bleu"},
			{Path: image(t, "salle.png", 200), Name: "media/salle.png", Alt: "La grande salle vue de la scène"},
		}}
}

func noSecret(t *testing.T, where, s string) {
	t.Helper()
	for _, v := range secretValues {
		if strings.Contains(s, v) {
			t.Errorf("%s holds the secret %q: %s", where, v, s)
		}
	}
}

func TestPublishThreadWithImagesAndFirstComment(t *testing.T) {
	f := newFakeX(t)
	c := newClient(t, f)
	m := thread(t)
	r, err := c.Publish(context.Background(), m)
	if err != nil {
		t.Fatal(err)
	}
	if f.authFails != 0 {
		t.Errorf("%d requests had a bad signature", f.authFails)
	}
	posts := f.live()
	if len(posts) != 4 {
		t.Fatalf("%d posts out, want 3 parts and a comment", len(posts))
	}
	for i, want := range append(append([]string{}, m.Parts...), m.FirstComment) {
		if posts[i].Sent != want {
			t.Errorf("post %d = %q, want %q", i, posts[i].Sent, want)
		}
	}
	// The reply chain: each part replies to the one before, the comment to the first.
	for i, want := range []string{"", posts[0].ID, posts[1].ID, posts[0].ID} {
		if posts[i].ReplyTo != want {
			t.Errorf("post %d replies to %q, want %q", i, posts[i].ReplyTo, want)
		}
	}
	// The images go on the first part, with their bytes and alt texts.
	if len(posts[0].Media) != 2 {
		t.Fatalf("first part has media %v, want 2", posts[0].Media)
	}
	for i, a := range m.Media {
		got := f.media[posts[0].Media[i]]
		data, _ := os.ReadFile(a.Path)
		if !bytes.Equal(got.Bytes, data) || got.Alt != a.Alt || got.Category != "tweet_image" {
			t.Errorf("image %d: %d bytes, alt %q, category %s; want %d bytes, alt %q", i, len(got.Bytes), got.Alt, got.Category, len(data), a.Alt)
		}
	}
	for i, p := range posts[1:] {
		if len(p.Media) != 0 {
			t.Errorf("post %d has images %v", i+1, p.Media)
		}
	}
	want := pipeline.Receipt{ID: posts[0].ID, URL: "https://x.com/crieur_app/status/" + posts[0].ID, At: f.clock.Add(-4 * time.Second),
		Parts: []string{posts[1].ID, posts[2].ID, posts[3].ID}}
	if r.ID != want.ID || r.URL != want.URL || !r.At.Equal(want.At) || strings.Join(r.Parts, ",") != strings.Join(want.Parts, ",") {
		t.Errorf("receipt = %+v\nwant      %+v", r, want)
	}
	noSecret(t, "receipt", r.ID+r.URL+strings.Join(r.Parts, ","))
	if n := f.count("GET /2/users/me"); n != 1 {
		t.Errorf("GET /2/users/me called %d times, want once", n)
	}
}

func TestUsernameOptionSavesTheLookUp(t *testing.T) {
	f := newFakeX(t)
	cc, secrets := config(f.srv.URL)
	cc.Options["username"] = "@autre_nom"
	c, err := FromConfig(cc, secrets, nil)
	if err != nil {
		t.Fatal(err)
	}
	r, err := c.Publish(context.Background(), pipeline.Message{Parts: []string{"Bonjour"}})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(r.URL, "https://x.com/autre_nom/status/") {
		t.Errorf("URL = %s", r.URL)
	}
	if n := f.count("GET /2/users/me"); n != 0 {
		t.Errorf("GET /2/users/me called %d times", n)
	}
}

func TestPublishFailures(t *testing.T) {
	reset := time.Now().Add(7 * time.Minute).Unix()
	tests := []struct {
		name      string
		route     string
		a         *answer
		status    int
		temporary bool
		maybeSent bool
		retry     bool // RetryAfter set
		hint      string
	}{
		{"unauthorized", "POST /2/tweets", &answer{status: 401, body: `{"title":"Unauthorized","type":"about:blank","status":401,"detail":"Unauthorized"}`},
			401, false, false, false, "X_CONSUMER_KEY, X_CONSUMER_SECRET, X_ACCESS_TOKEN and X_ACCESS_TOKEN_SECRET"},
		{"read-only app", "POST /2/tweets", &answer{status: 403, body: `{"title":"Forbidden","type":"about:blank","status":403,"detail":"Your client app is not configured with the appropriate oauth1 app permissions for this endpoint."}`},
			403, false, false, false, "Read and write"},
		{"rate limited", "POST /2/tweets", &answer{status: 429, header: map[string]string{"x-rate-limit-remaining": "0", "x-rate-limit-reset": itoa(reset)},
			body: `{"title":"Too Many Requests","detail":"Too Many Requests","type":"about:blank","status":429}`},
			429, true, false, true, ""},
		{"usage capped", "POST /2/tweets", &answer{status: 429, header: map[string]string{"x-rate-limit-reset": itoa(reset)},
			body: `{"title":"UsageCapExceeded","detail":"Usage cap exceeded: Monthly product cap","type":"https://api.x.com/2/problems/usage-capped","status":429}`},
			429, true, false, true, "usage cap"},
		{"server error on POST", "POST /2/tweets", &answer{status: 500, body: `{"title":"Internal Server Error","detail":"Internal Server Error","type":"about:blank","status":500}`},
			500, true, true, false, ""},
		{"bad request", "POST /2/tweets", &answer{status: 400, body: `{"title":"Invalid Request","detail":"One or more parameters to your request was invalid.","type":"https://api.x.com/2/problems/invalid-request"}`},
			400, false, false, false, ""},
		{"upload refused", "POST /2/media/upload", &answer{status: 400, body: `{"title":"Invalid Request","detail":"media type unrecognized","type":"https://api.x.com/2/problems/invalid-request"}`},
			400, false, false, false, ""},
		{"alt text refused", "POST /2/media/metadata", &answer{status: 400, body: `{"title":"Invalid Request","detail":"alt text refused","type":"https://api.x.com/2/problems/invalid-request"}`},
			400, false, false, false, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFakeX(t)
			c := newClient(t, f)
			f.then(tt.route, tt.a)
			m := pipeline.Message{Parts: []string{"Un texte"}, Media: []pipeline.Attachment{{Path: image(t, "a.png", 10), Name: "a.png", Alt: "alt"}}}
			_, err := c.Publish(context.Background(), m)
			fl := pipeline.AsFailure(err)
			if fl == nil {
				t.Fatalf("error %v is not a Failure", err)
			}
			if fl.Status != tt.status || fl.Temporary != tt.temporary || fl.MaybeSent != tt.maybeSent || (fl.RetryAfter > 0) != tt.retry {
				t.Errorf("failure = %+v, want status %d temporary %v maybeSent %v retryAfter %v", fl, tt.status, tt.temporary, tt.maybeSent, tt.retry)
			}
			if tt.retry && (fl.RetryAfter < 6*time.Minute || fl.RetryAfter > 8*time.Minute) {
				t.Errorf("RetryAfter = %s, want about 7m from x-rate-limit-reset", fl.RetryAfter)
			}
			if !strings.Contains(fl.Hint, tt.hint) {
				t.Errorf("hint = %q, want it to say %q", fl.Hint, tt.hint)
			}
			noSecret(t, "error", err.Error())
			if len(f.live()) != 0 {
				t.Errorf("a post went out")
			}
		})
	}
}

func TestDuplicateWithNothingOfOursOutIsRefused(t *testing.T) {
	f := newFakeX(t)
	c := newClient(t, f)
	c.FindWithin = time.Hour
	// An older post with the same text, outside find_within.
	f.tweets = append(f.tweets, &fakeTweet{ID: f.newID(), Sent: "Bonjour", Text: "Bonjour", Created: f.clock.Add(-3 * time.Hour)})
	_, err := c.Publish(context.Background(), pipeline.Message{Parts: []string{"Bonjour"}})
	fl := pipeline.AsFailure(err)
	if fl == nil || fl.Status != 403 || fl.Temporary || !strings.Contains(fl.Hint, "change the text") {
		t.Fatalf("err = %#v", err)
	}
}

func TestPublishAgainCompletesAPartialThread(t *testing.T) {
	f := newFakeX(t)
	c := newClient(t, f)
	m := thread(t)
	// The third part meets a server error after the first two went out.
	f.then("POST /2/tweets", &answer{skip: 2, status: 503, body: `{"title":"Service Unavailable","detail":"Service Unavailable","type":"about:blank","status":503}`})
	_, err := c.Publish(context.Background(), m)
	if fl := pipeline.AsFailure(err); fl == nil || !fl.Temporary || !strings.Contains(err.Error(), "2 of 4 posts are out") {
		t.Fatalf("first attempt: %v", err)
	}
	if _, found, err := c.Find(context.Background(), m); err != nil || found {
		t.Fatalf("Find on a partial thread = %v, %v; want not found", found, err)
	}
	uploads := f.count("POST /2/media/upload")
	r, err := c.Publish(context.Background(), m)
	if err != nil {
		t.Fatal(err)
	}
	posts := f.live()
	if len(posts) != 4 {
		t.Fatalf("%d posts out, want 4 (no duplicates)", len(posts))
	}
	if r.ID != posts[0].ID || strings.Join(r.Parts, ",") != posts[1].ID+","+posts[2].ID+","+posts[3].ID {
		t.Errorf("receipt %+v does not name the posts %v", r, posts)
	}
	if posts[2].ReplyTo != posts[1].ID || posts[3].ReplyTo != posts[0].ID {
		t.Errorf("the rest of the thread does not reply where it should")
	}
	if got := f.count("POST /2/media/upload") - uploads; got != 2 {
		t.Errorf("%d uploads on the second attempt, want 2 (before X says duplicate)", got)
	}
	// Once more: everything is out, nothing is sent, the receipt is the same.
	r2, err := c.Publish(context.Background(), m)
	if err != nil {
		t.Fatal(err)
	}
	if len(f.live()) != 4 || r2.ID != r.ID || strings.Join(r2.Parts, ",") != strings.Join(r.Parts, ",") {
		t.Errorf("third attempt: receipt %+v, %d posts", r2, len(f.live()))
	}
}

func TestFind(t *testing.T) {
	f := newFakeX(t)
	c := newClient(t, f)
	m := thread(t)
	ctx := context.Background()
	if _, found, err := c.Find(ctx, m); err != nil || found {
		t.Fatalf("Find before publishing = %v, %v", found, err)
	}
	r, err := c.Publish(ctx, m)
	if err != nil {
		t.Fatal(err)
	}
	// The fake stores the links as t.co links and & < > as entities, as X does.
	if got := f.live()[1].Text; !strings.Contains(got, "&amp; &lt;balises&gt;") {
		t.Fatalf("the fake did not escape: %s", got)
	}
	if got := f.live()[0].Text; strings.Contains(got, "crieur.example") {
		t.Fatalf("the fake did not shorten the link: %s", got)
	}
	got, found, err := c.Find(ctx, m)
	if err != nil || !found {
		t.Fatalf("Find = %v, %v", found, err)
	}
	if got.ID != r.ID || got.URL != r.URL || !got.At.Equal(r.At) || strings.Join(got.Parts, ",") != strings.Join(r.Parts, ",") {
		t.Errorf("Find = %+v, want %+v", got, r)
	}
	other := m
	other.Parts = append([]string{"Un autre texte"}, m.Parts[1:]...)
	if _, found, _ := c.Find(ctx, other); found {
		t.Errorf("Find matched another text")
	}
	noComment := m
	noComment.FirstComment = "Un autre commentaire"
	if _, found, _ := c.Find(ctx, noComment); found {
		t.Errorf("Find matched without the first comment")
	}
	// Outside find_within, nothing is seen.
	c.FindWithin = time.Second
	if _, found, _ := c.Find(ctx, m); found {
		t.Errorf("Find saw posts older than find_within")
	}
}

func TestFindReadsPages(t *testing.T) {
	f := newFakeX(t)
	c := newClient(t, f)
	ctx := context.Background()
	m := pipeline.Message{Parts: []string{"Le tout premier"}}
	if _, err := c.Publish(ctx, m); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 150; i++ {
		f.tweets = append(f.tweets, &fakeTweet{ID: f.newID(), Sent: itoa(int64(i)), Text: itoa(int64(i)), Created: f.clock})
	}
	if _, found, err := c.Find(ctx, m); err != nil || !found {
		t.Errorf("Find on the second page = %v, %v", found, err)
	}
	if n := f.count("GET /2/users/{id}/tweets"); n != 2 {
		t.Errorf("%d pages read, want 2", n)
	}
}

func TestRetract(t *testing.T) {
	f := newFakeX(t)
	c := newClient(t, f)
	ctx := context.Background()
	r, err := c.Publish(ctx, thread(t))
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Retract(ctx, r); err != nil {
		t.Fatal(err)
	}
	if n := len(f.live()); n != 0 {
		t.Errorf("%d posts left", n)
	}
	if err := c.Retract(ctx, r); err != nil {
		t.Errorf("retracting again: %v", err)
	}
	if err := c.Retract(ctx, pipeline.Receipt{ID: "../2/users/me"}); err == nil {
		t.Errorf("a receipt id that is not a post id was used")
	}
}

func TestRetractOrder(t *testing.T) {
	f := newFakeX(t)
	c := newClient(t, f)
	ctx := context.Background()
	r, err := c.Publish(ctx, pipeline.Message{Parts: []string{"Un", "Deux"}, FirstComment: "Commentaire"})
	if err != nil {
		t.Fatal(err)
	}
	// A failure on the second delete stops there: the first part stays, so
	// that a retraction can be tried again.
	f.then("DELETE /2/tweets/{id}", &answer{skip: 1, status: 500, body: `{"title":"Internal Server Error","detail":"boom","type":"about:blank","status":500}`},
		&answer{status: 500, body: `{"title":"Internal Server Error","detail":"boom","type":"about:blank","status":500}`},
		&answer{status: 500, body: `{"title":"Internal Server Error","detail":"boom","type":"about:blank","status":500}`})
	err = c.Retract(ctx, r)
	if err == nil || !strings.Contains(err.Error(), "1 of 3 posts deleted") {
		t.Fatalf("err = %v", err)
	}
	live := f.live()
	if len(live) != 2 || live[0].ID != r.ID || live[1].ID != r.Parts[0] {
		t.Errorf("left %v, want the first part and the second", live)
	}
	if err := c.Retract(ctx, r); err != nil {
		t.Fatal(err)
	}
	if len(f.live()) != 0 {
		t.Errorf("posts left")
	}
}

func TestRetriesAreSignedAgain(t *testing.T) {
	f := newFakeX(t)
	c := newClient(t, f)
	f.then("GET /2/users/me", &answer{status: 503, body: `{"title":"Service Unavailable","detail":"Service Unavailable","type":"about:blank","status":503}`})
	if _, err := c.Publish(context.Background(), pipeline.Message{Parts: []string{"Bonjour"}}); err != nil {
		t.Fatal(err)
	}
	if n := f.count("GET /2/users/me"); n != 2 || f.authFails != 0 {
		t.Errorf("GET /2/users/me called %d times, %d refused signatures; want 2 and 0 (a new nonce each time)", n, f.authFails)
	}
}

func TestWrongSecretIsRefused(t *testing.T) {
	f := newFakeX(t)
	cc, secrets := config(f.srv.URL)
	secrets["access_token_secret"] = "not-the-secret"
	c, err := FromConfig(cc, secrets, nil)
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.Publish(context.Background(), pipeline.Message{Parts: []string{"Bonjour"}})
	if fl := pipeline.AsFailure(err); fl == nil || fl.Status != 401 || !strings.Contains(fl.Hint, "X_ACCESS_TOKEN_SECRET") {
		t.Fatalf("err = %v", err)
	}
	if strings.Contains(err.Error(), "not-the-secret") {
		t.Errorf("the error shows the secret: %v", err)
	}
}

func TestCheckRefusesBeforeSending(t *testing.T) {
	long := strings.Repeat("é", 1001)
	tests := []struct {
		name string
		m    func(t *testing.T) pipeline.Message
		want string
	}{
		{"no text", func(*testing.T) pipeline.Message { return pipeline.Message{Parts: []string{"  "}} }, "no text"},
		{"empty part", func(*testing.T) pipeline.Message { return pipeline.Message{Parts: []string{"Un", ""}} }, "part 2"},
		{"five images", func(t *testing.T) pipeline.Message {
			var media []pipeline.Attachment
			for i := 0; i < 5; i++ {
				media = append(media, pipeline.Attachment{Path: image(t, "a.png", 1), Name: "a.png"})
			}
			return pipeline.Message{Parts: []string{"Un"}, Media: media}
		}, "at most 4"},
		{"long alt", func(t *testing.T) pipeline.Message {
			return pipeline.Message{Parts: []string{"Un"}, Media: []pipeline.Attachment{{Path: image(t, "a.png", 1), Name: "a.png", Alt: long}}}
		}, "1001 characters"},
		{"second image too large", func(t *testing.T) pipeline.Message {
			return pipeline.Message{Parts: []string{"Un"}, Media: []pipeline.Attachment{{Path: image(t, "a.png", 10), Name: "a.png"}, {Path: image(t, "b.png", 5<<20), Name: "b.png"}}}
		}, "b.png has 5242888 bytes: X takes at most 5 MB"},
		{"not an image", func(t *testing.T) pipeline.Message {
			p := filepath.Join(t.TempDir(), "notes.txt")
			os.WriteFile(p, []byte("du texte"), 0o644)
			return pipeline.Message{Parts: []string{"Un"}, Media: []pipeline.Attachment{{Path: p, Name: "notes.txt"}}}
		}, "not a JPEG, PNG, GIF or WebP"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFakeX(t)
			c := newClient(t, f)
			c.Username = "crieur_app"
			_, err := c.Publish(context.Background(), tt.m(t))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want %q", err, tt.want)
			}
			if n := f.count("POST /2/tweets") + f.count("POST /2/media/upload"); n != 0 {
				t.Errorf("%d requests sent", n)
			}
		})
	}
}

func TestFromConfig(t *testing.T) {
	tests := []struct {
		name   string
		change func(cc *pipeline.ChannelConfig, s map[string]string)
		want   string
	}{
		{"missing secret value", func(_ *pipeline.ChannelConfig, s map[string]string) { delete(s, "consumer_secret") },
			`secret "consumer_secret" is empty: set the environment variable X_CONSUMER_SECRET (crieur.yml: channels.x.secrets.consumer_secret); in GitHub, create the repository secret X_CONSUMER_SECRET and check that the publish workflow passes it: crieur doctor says, crieur init --force rewrites the workflow`},
		{"missing secret entry", func(cc *pipeline.ChannelConfig, _ map[string]string) { delete(cc.Secrets, "access_token") },
			`needs the secret "access_token": add it under channels.x.secrets in crieur.yml`},
		{"bad api", func(cc *pipeline.ChannelConfig, _ map[string]string) { cc.Options["api"] = "ftp://x" }, "option api"},
		{"bad user id", func(cc *pipeline.ChannelConfig, _ map[string]string) { cc.Options["user_id"] = "@moi" }, "option user_id"},
		{"bad find_within", func(cc *pipeline.ChannelConfig, _ map[string]string) { cc.Options["find_within"] = "demain" }, "option find_within"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cc, s := config("https://api.x.com")
			tt.change(&cc, s)
			_, err := FromConfig(cc, s, nil)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want %q", err, tt.want)
			}
			noSecret(t, "error", err.Error())
		})
	}
	cc, s := config("")
	c, err := FromConfig(cc, s, &http.Client{Timeout: time.Second})
	if err != nil || c.API != "https://api.x.com" || c.FindWithin != 12*time.Hour {
		t.Errorf("defaults: %+v, %v", c, err)
	}
}

func TestComparable(t *testing.T) {
	for _, tt := range []struct{ sent, stored string }{
		{"Programme sur https://crieur.example/saison?x=1 !", "Programme sur https://t.co/Ab00000001 !"},
		{"Voir crieur.example/saison.", "Voir https://t.co/Ab00000002"},
		{"A & B <c>", "A &amp; B &lt;c&gt;"},
		{"  deux\n\nlignes ", "deux lignes"},
	} {
		if a, b := comparable(tt.sent), comparable(tt.stored); a != b {
			t.Errorf("comparable(%q) = %q, comparable(%q) = %q", tt.sent, a, tt.stored, b)
		}
	}
	if comparable("Bonjour à tous") == comparable("Bonjour à toutes") {
		t.Errorf("different words compare equal")
	}
}

func TestIDTime(t *testing.T) {
	// A Snowflake id holds its milliseconds since snowflake0 above bit 22.
	want := time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)
	id := itoa((want.UnixMilli()-snowflake0)<<22 | 7)
	if got := idTime(id); !got.Equal(want) {
		t.Errorf("idTime = %s, want %s", got, want)
	}
	if !idTime("12").IsZero() || !idTime("abc").IsZero() {
		t.Errorf("a short id has a time")
	}
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
