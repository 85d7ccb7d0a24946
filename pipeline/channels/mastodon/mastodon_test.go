package mastodon

// These tests talk to a real GoToSocial (Mastodon client API) on
// 127.0.0.1, started by scripts/services.sh (accounts alice and bob).
// Without it they are skipped (failed when CRIEUR_REQUIRE_SERVICES=1).

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/crieur/crieur/internal/faultproxy"
	"github.com/crieur/crieur/internal/services"
	"github.com/crieur/crieur/pipeline"
)

// marker is a text unique to the test, the run and the call.
func marker(t *testing.T) string { return services.Marker(t) }

func keyOf(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:])
}

func ctx(t *testing.T) context.Context {
	c, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	t.Cleanup(cancel)
	return c
}

type gts struct {
	url, alice, bob string
}

func needGTS(t *testing.T) gts {
	t.Helper()
	env := services.Need(t, "GTS_URL", "GTS_ALICE_TOKEN", "GTS_BOB_TOKEN")
	return gts{url: env["GTS_URL"], alice: env["GTS_ALICE_TOKEN"], bob: env["GTS_BOB_TOKEN"]}
}

// client is alice's client on server (GoToSocial, or a proxy in front of it).
func (g gts) client(t *testing.T, server string) *Client {
	t.Helper()
	c, err := FromConfig(pipeline.ChannelConfig{Name: "masto", Type: "mastodon",
		Secrets: map[string]string{"token": "MASTODON_TOKEN"}, Options: map[string]string{"server": server}},
		map[string]string{"token": g.alice}, nil)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// api calls GoToSocial directly with a token; it returns the status code.
func (g gts) api(t *testing.T, token, method, path string, out any) int {
	t.Helper()
	req, _ := http.NewRequest(method, g.url+path, nil)
	req.Header.Set("Authorization", "Bearer "+token)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	if out != nil && res.StatusCode == http.StatusOK {
		if err := json.Unmarshal(b, out); err != nil {
			t.Fatalf("%s %s: %v: %s", method, path, err, b)
		}
	}
	return res.StatusCode
}

// fullStatus is a status as the tests read it.
type fullStatus struct {
	ID               string  `json:"id"`
	InReplyToID      *string `json:"in_reply_to_id"`
	Language         *string `json:"language"`
	Visibility       string  `json:"visibility"`
	Content          string  `json:"content"`
	MediaAttachments []struct {
		Type        string  `json:"type"`
		Description *string `json:"description"`
		Meta        struct {
			Original struct {
				Width  int `json:"width"`
				Height int `json:"height"`
			} `json:"original"`
		} `json:"meta"`
	} `json:"media_attachments"`
}

func (g gts) status(t *testing.T, id string) fullStatus {
	t.Helper()
	var s fullStatus
	if code := g.api(t, g.alice, http.MethodGet, "/api/v1/statuses/"+id, &s); code != http.StatusOK {
		t.Fatalf("GET status %s: %d", id, code)
	}
	return s
}

// source is a status's text as written (GET /api/v1/statuses/:id/source).
func (g gts) source(t *testing.T, id string) string {
	t.Helper()
	var s struct {
		Text string `json:"text"`
	}
	if code := g.api(t, g.alice, http.MethodGet, "/api/v1/statuses/"+id+"/source", &s); code != http.StatusOK {
		t.Fatalf("GET status %s source: %d", id, code)
	}
	return s.Text
}

// count counts alice's recent statuses by text, for those containing mark.
func count(t *testing.T, c *Client, mark string) map[string]int {
	t.Helper()
	sts, err := c.recent(ctx(t))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]int{}
	for _, s := range sts {
		if txt := htmlText(s.Content); strings.Contains(txt, mark) {
			out[txt]++
		}
	}
	return out
}

func writePNG(t *testing.T, w, h int) string {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for x := 0; x < w; x++ {
		for y := 0; y < h; y++ {
			img.Set(x, y, color.RGBA{uint8(x * 8), uint8(y * 8), 100, 255})
		}
	}
	path := filepath.Join(t.TempDir(), "image.png")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := png.Encode(f, img); err != nil {
		t.Fatal(err)
	}
	f.Close()
	return path
}

func TestFrenchTextArrivesByteExact(t *testing.T) {
	t.Parallel()
	g := needGTS(t)
	c := g.client(t, g.url)
	mark := marker(t)
	text := "«\u202FÇa marche\u202F!\u202F» dit l’équipe\u00A0: café, crème brûlée et 🎉🇫🇷 — voir https://exemple.fr/été?x=1 #Crieur " + mark
	r, err := c.Publish(ctx(t), pipeline.Message{Key: keyOf(mark), Parts: []string{text}, Lang: "fr-FR"})
	if err != nil {
		t.Fatal(err)
	}
	if r.ID == "" || !strings.HasPrefix(r.URL, g.url+"/@alice/statuses/") || r.At.IsZero() || len(r.Parts) != 0 {
		t.Errorf("receipt %+v", r)
	}
	if got := g.source(t, r.ID); got != text {
		t.Errorf("source = %q\nwant %q", got, text)
	}
	s := g.status(t, r.ID)
	if s.Language == nil || *s.Language != "fr" || s.Visibility != "public" {
		t.Errorf("language %v, visibility %q; want fr, public", s.Language, s.Visibility)
	}
	// The content the server rendered (links, hashtag) still matches the text.
	if fingerprint(htmlText(s.Content)) != fingerprint(text) {
		t.Errorf("content %q does not match its text", s.Content)
	}
}

func TestImageWithAlt(t *testing.T) {
	t.Parallel()
	g := needGTS(t)
	c := g.client(t, g.url)
	mark := marker(t)
	alt := "Deux tasses de café sur une table en bois ☕"
	r, err := c.Publish(ctx(t), pipeline.Message{Key: keyOf(mark), Parts: []string{"Photo " + mark},
		Media: []pipeline.Attachment{{Path: writePNG(t, 40, 30), Name: "img/tasses.png", Alt: alt}}})
	if err != nil {
		t.Fatal(err)
	}
	s := g.status(t, r.ID)
	if len(s.MediaAttachments) != 1 {
		t.Fatalf("media = %+v, want one image", s.MediaAttachments)
	}
	a := s.MediaAttachments[0]
	if a.Type != "image" || a.Description == nil || *a.Description != alt || a.Meta.Original.Width != 40 || a.Meta.Original.Height != 30 {
		t.Errorf("attachment %+v, want a 40×30 image described %q", a, alt)
	}
}

func TestThreadAndFirstComment(t *testing.T) {
	t.Parallel()
	g := needGTS(t)
	c := g.client(t, g.url)
	mark := marker(t)
	m := pipeline.Message{Key: keyOf(mark), Lang: "fr",
		Parts:        []string{"1/3 début " + mark, "2/3 milieu " + mark, "3/3 fin " + mark},
		FirstComment: "Le lien en commentaire : https://exemple.fr " + mark}
	r, err := c.Publish(ctx(t), m)
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Parts) != 3 {
		t.Fatalf("receipt parts %v, want 2 parts and the comment", r.Parts)
	}
	ids := append([]string{r.ID}, r.Parts...)
	wantParent := []string{"", r.ID, r.Parts[0], r.ID}
	wantText := append(append([]string(nil), m.Parts...), m.FirstComment)
	for i, id := range ids {
		s := g.status(t, id)
		parent := ""
		if s.InReplyToID != nil {
			parent = *s.InReplyToID
		}
		if parent != wantParent[i] {
			t.Errorf("status %d replies to %q, want %q", i, parent, wantParent[i])
		}
		if got := g.source(t, id); got != wantText[i] {
			t.Errorf("status %d text %q, want %q", i, got, wantText[i])
		}
		if s.Language == nil || *s.Language != "fr" {
			t.Errorf("status %d language %v", i, s.Language)
		}
	}
}

func TestFind(t *testing.T) {
	t.Parallel()
	g := needGTS(t)
	c := g.client(t, g.url)
	mark := marker(t)
	sent := pipeline.Message{Key: keyOf(mark), Parts: []string{"Envoyé https://exemple.fr/a #Tag " + mark, "suite " + mark}}
	r, err := c.Publish(ctx(t), sent)
	if err != nil {
		t.Fatal(err)
	}
	got, found, err := g.client(t, g.url).Find(ctx(t), sent)
	if err != nil || !found || got.ID != r.ID || got.URL != r.URL || fmt.Sprint(got.Parts) != fmt.Sprint(r.Parts) {
		t.Errorf("Find(sent) = %+v, %v, %v; want %+v", got, found, err, r)
	}
	for _, unsent := range []pipeline.Message{
		{Key: keyOf(mark + "-other"), Parts: []string{"Jamais envoyé " + mark}},
		{Key: keyOf(mark + "-longer"), Parts: []string{sent.Parts[0], sent.Parts[1], "une troisième partie " + mark}},
		{Key: keyOf(mark + "-comment"), Parts: sent.Parts, FirstComment: "commentaire jamais envoyé " + mark},
	} {
		if got, found, err := c.Find(ctx(t), unsent); err != nil || found {
			t.Errorf("Find(%q) = %+v, %v, %v; want not found", unsent.Parts, got, found, err)
		}
	}
	// Out of the look-up's window, nothing is found.
	c.FindWithin = time.Nanosecond
	if _, found, err := c.Find(ctx(t), sent); err != nil || found {
		t.Errorf("Find beyond find_within = %v, %v", found, err)
	}
}

// failingProxy stands between the client and GoToSocial and breaks the n-th
// POST /api/v1/statuses: lost=false refuses it (http.StatusServiceUnavailable, nothing made), lost=true
// lets it through and loses the answer (made, the client hears http.StatusBadGateway).
func failingProxy(t *testing.T, target string, n int, lost bool) *faultproxy.Proxy {
	t.Helper()
	p, err := faultproxy.Start(target)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(p.Close)
	fault := faultproxy.Fault{Kind: faultproxy.Answer, Status: http.StatusServiceUnavailable}
	if lost {
		fault = faultproxy.Fault{Kind: faultproxy.Replace, Status: http.StatusBadGateway}
	}
	p.Add(faultproxy.Rule{Method: http.MethodPost, Path: "/api/v1/statuses", Skip: n - 1, Times: 1, Fault: fault})
	t.Cleanup(func() {
		for _, code := range p.Carried() {
			if code != http.StatusOK {
				t.Errorf("proxied POST /api/v1/statuses: the server answered %d", code)
			}
		}
	})
	return p
}

func TestPublishAgainCompletesAPartialThread(t *testing.T) {
	t.Parallel()
	g := needGTS(t)
	for _, tt := range []struct {
		name      string
		lost      bool
		maybeSent bool
		out       string
	}{{"refused", false, false, "1 of 4 statuses are out"}, {"answer lost", true, true, "1 of 4 statuses are out"}} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			mark := marker(t)
			m := pipeline.Message{Key: keyOf(mark), Parts: []string{"A " + mark, "B " + mark, "C " + mark}, FirstComment: "D " + mark}
			_, err := g.client(t, failingProxy(t, g.url, 2, tt.lost).URL).Publish(ctx(t), m)
			f := pipeline.AsFailure(err)
			if f == nil || !f.Temporary || f.MaybeSent != tt.maybeSent || !strings.Contains(err.Error(), tt.out) {
				t.Fatalf("Publish through the broken proxy = %v (%+v)", err, f)
			}
			c := g.client(t, g.url)
			if _, found, err := c.Find(ctx(t), m); err != nil || found {
				t.Errorf("Find on a partial thread = %v, %v; want not found, so that it is sent again", found, err)
			}
			r1, err := c.Publish(ctx(t), m)
			if err != nil {
				t.Fatal(err)
			}
			// A third call (the publisher retrying once more) sends nothing.
			r2, err := g.client(t, g.url).Publish(ctx(t), m)
			if err != nil {
				t.Fatal(err)
			}
			if r1.ID != r2.ID || fmt.Sprint(r1.Parts) != fmt.Sprint(r2.Parts) {
				t.Errorf("Publish again = %+v, want the same receipt %+v", r2, r1)
			}
			counts := count(t, c, mark)
			if len(counts) != 4 {
				t.Errorf("statuses with the marker: %v, want 4", counts)
			}
			for text, n := range counts {
				if n != 1 {
					t.Errorf("%q is out %d times", text, n)
				}
			}
			wantParent := []string{r1.ID, r1.Parts[0], r1.ID}
			for i, id := range r1.Parts {
				if s := g.status(t, id); s.InReplyToID == nil || *s.InReplyToID != wantParent[i] {
					t.Errorf("status %d replies to %v, want %s", i+1, s.InReplyToID, wantParent[i])
				}
			}
		})
	}
}

func TestRetract(t *testing.T) {
	t.Parallel()
	g := needGTS(t)
	c := g.client(t, g.url)
	mark := marker(t)
	m := pipeline.Message{Key: keyOf(mark), Parts: []string{"À retirer " + mark, "suite " + mark}, FirstComment: "commentaire " + mark}
	r, err := c.Publish(ctx(t), m)
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Retract(ctx(t), r); err != nil {
		t.Fatal(err)
	}
	// GoToSocial answers DELETE at once and deletes in a worker
	// (internal/processing/status/delete.go queues it): look until the
	// statuses are gone, for a few seconds at most.
	for _, id := range append([]string{r.ID}, r.Parts...) {
		code := 0
		for try := 0; try < 250; try++ {
			if code = g.api(t, g.alice, http.MethodGet, "/api/v1/statuses/"+id, nil); code == http.StatusNotFound {
				break
			}
			time.Sleep(20 * time.Millisecond)
		}
		if code != http.StatusNotFound {
			t.Errorf("GET %s after Retract: %d, want 404", id, code)
		}
	}
	if err := c.Retract(ctx(t), r); err != nil {
		t.Errorf("second Retract = %v, want nil (already gone)", err)
	}
	if _, found, err := c.Find(ctx(t), m); err != nil || found {
		t.Errorf("Find after Retract = %v, %v", found, err)
	}
}

func TestBadToken(t *testing.T) {
	t.Parallel()
	g := needGTS(t)
	const token = "not-a-valid-token-Kx81Zq"
	c, err := FromConfig(pipeline.ChannelConfig{Name: "masto", Type: "mastodon",
		Secrets: map[string]string{"token": "MASTODON_TOKEN"}, Options: map[string]string{"server": g.url}},
		map[string]string{"token": token}, nil)
	if err != nil {
		t.Fatal(err)
	}
	r, err := c.Publish(ctx(t), pipeline.Message{Key: keyOf(marker(t)), Parts: []string{"x " + marker(t)}})
	f := pipeline.AsFailure(err)
	if f == nil || f.Status != http.StatusUnauthorized || f.Temporary || f.MaybeSent {
		t.Fatalf("Publish = %v (%+v), want a permanent 401", err, f)
	}
	if !strings.Contains(f.Hint, "MASTODON_TOKEN") || !strings.Contains(err.Error(), "MASTODON_TOKEN") {
		t.Errorf("hint %q does not name the variable", f.Hint)
	}
	if strings.Contains(err.Error(), token) || strings.Contains(fmt.Sprint(r), token) {
		t.Errorf("the token leaks: %v", err)
	}
}

func TestStatusCounts(t *testing.T) {
	t.Parallel()
	g := needGTS(t)
	c := g.client(t, g.url)
	mark := marker(t)
	r, err := c.Publish(ctx(t), pipeline.Message{Key: keyOf(mark), Parts: []string{"À aimer " + mark}})
	if err != nil {
		t.Fatal(err)
	}
	if code := g.api(t, g.bob, http.MethodPost, "/api/v1/statuses/"+r.ID+"/favourite", nil); code != http.StatusOK {
		t.Fatalf("bob's favourite: %d", code)
	}
	if code := g.api(t, g.bob, http.MethodPost, "/api/v1/statuses/"+r.ID+"/reblog", nil); code != http.StatusOK {
		t.Fatalf("bob's reblog: %d", code)
	}
	got, err := c.Status(ctx(t), r.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got != (StatusCounts{Favourites: 1, Reblogs: 1}) {
		t.Errorf("Status = %+v, want 1 favourite, 1 reblog", got)
	}
	if _, err := c.Status(ctx(t), "01ZZZZZZZZZZZZZZZZZZZZZZZZ"); pipeline.AsFailure(err) == nil || pipeline.AsFailure(err).Status != http.StatusNotFound {
		t.Errorf("Status(unknown) = %v, want a 404 Failure", err)
	}
}

// form posts a form to GoToSocial directly with a token; it returns the
// status code and decodes a 200 answer into out.
func (g gts) form(t *testing.T, token, path string, form url.Values, out any) int {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, g.url+path, strings.NewReader(form.Encode()))
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	if out != nil && res.StatusCode == http.StatusOK {
		if err := json.Unmarshal(b, out); err != nil {
			t.Fatalf("POST %s: %v: %s", path, err, b)
		}
	}
	return res.StatusCode
}

// gone waits until GoToSocial answers 404 for a deleted status (it deletes
// in a worker, after answering DELETE).
func (g gts) gone(t *testing.T, id string) {
	t.Helper()
	for try := 0; try < 250; try++ {
		if g.api(t, g.alice, http.MethodGet, "/api/v1/statuses/"+id, nil) == http.StatusNotFound {
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("status %s still there after its deletion", id)
}

func TestMeasure(t *testing.T) {
	t.Parallel()
	g := needGTS(t)
	c := g.client(t, g.url)
	mark := marker(t)
	r, err := c.Publish(ctx(t), pipeline.Message{Key: keyOf(mark), Parts: []string{"À mesurer " + mark}})
	if err != nil {
		t.Fatal(err)
	}
	// bob likes, boosts and answers it, as a reader would.
	for _, act := range []string{"favourite", "reblog"} {
		if code := g.api(t, g.bob, http.MethodPost, "/api/v1/statuses/"+r.ID+"/"+act, nil); code != http.StatusOK {
			t.Fatalf("bob's %s: %d", act, code)
		}
	}
	var reply fullStatus
	if code := g.form(t, g.bob, "/api/v1/statuses", url.Values{"status": {"Bien vu " + mark}, "in_reply_to_id": {r.ID}}, &reply); code != http.StatusOK {
		t.Fatalf("bob's reply: %d", code)
	}
	// A status deleted by hand since, and an id the server never gave.
	del, err := c.Publish(ctx(t), pipeline.Message{Key: keyOf(mark + "-del"), Parts: []string{"À supprimer " + mark}})
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Retract(ctx(t), del); err != nil {
		t.Fatal(err)
	}
	g.gone(t, del.ID)
	const unknown = "01ZZZZZZZZZZZZZZZZZZZZZZZZ"

	got, err := c.Measure(ctx(t), []string{r.ID, del.ID, unknown, r.ID})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]pipeline.Engagement{r.ID: {pipeline.Likes: 1, pipeline.Reposts: 1, pipeline.Replies: 1}}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("Measure = %v, want %v (the deleted and the unknown status left out, no impressions)", got, want)
	}
	// bob's reply is a status of its own, with no reaction yet.
	if got, err := g.client(t, g.url).Measure(ctx(t), []string{reply.ID}); err != nil || fmt.Sprint(got[reply.ID]) != fmt.Sprint(pipeline.Engagement{pipeline.Likes: 0, pipeline.Reposts: 0, pipeline.Replies: 0}) {
		t.Errorf("Measure(reply) = %v, %v; want three zeros", got, err)
	}
}

func TestMeasureStopsAtARateLimit(t *testing.T) {
	t.Parallel()
	g := needGTS(t)
	c := g.client(t, g.url)
	mark := marker(t)
	var ids []string
	for i := 0; i < 3; i++ {
		r, err := c.Publish(ctx(t), pipeline.Message{Key: keyOf(fmt.Sprint(mark, i)), Parts: []string{fmt.Sprint("Compté ", i, " ", mark)}})
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, r.ID)
	}
	if code := g.api(t, g.bob, http.MethodPost, "/api/v1/statuses/"+ids[0]+"/favourite", nil); code != http.StatusOK {
		t.Fatalf("bob's favourite: %d", code)
	}
	// The second read is refused with a 429 and a Retry-After longer than
	// httpapi waits by itself.
	p, err := faultproxy.Start(g.url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(p.Close)
	p.Add(faultproxy.Rule{Method: http.MethodGet, Path: "/api/v1/statuses/", Skip: 1, Times: 1,
		Fault: faultproxy.Fault{Kind: faultproxy.Answer, Status: http.StatusTooManyRequests, RetryAfter: 120}})
	got, err := g.client(t, p.URL).Measure(ctx(t), ids)
	f := pipeline.AsFailure(err)
	if f == nil || f.Status != http.StatusTooManyRequests || !f.Temporary || f.RetryAfter != 2*time.Minute {
		t.Fatalf("Measure through the rate limit: error %v (%+v), want a temporary 429 to retry after 2m", err, f)
	}
	want := map[string]pipeline.Engagement{ids[0]: {pipeline.Likes: 1, pipeline.Reposts: 0, pipeline.Replies: 0}}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("readings kept = %v, want the first status's %v", got, want)
	}
	if n := p.Seen(http.MethodGet, "/api/v1/statuses/"); n != 2 {
		t.Errorf("%d statuses asked for, want 2: the reading stops at the rate limit", n)
	}
}
