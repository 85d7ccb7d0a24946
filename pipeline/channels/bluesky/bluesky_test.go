package bluesky

// These tests talk to a real @atproto/pds on 127.0.0.1, started by
// scripts/services.sh (accounts alice.test and bob.test). Without it they
// are skipped (failed when CRIEUR_REQUIRE_SERVICES=1).

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
	"net/http/httptest"
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

type pds struct {
	env    services.Env
	url    string
	did    string
	handle string
}

func needPDS(t *testing.T) pds {
	t.Helper()
	env := services.Need(t, "PDS_URL", "PDS_ALICE_HANDLE", "PDS_ALICE_PASSWORD", "PDS_ALICE_DID", "PDS_BOB_DID")
	return pds{env: env, url: env["PDS_URL"], did: env["PDS_ALICE_DID"], handle: env["PDS_ALICE_HANDLE"]}
}

// client is alice's client on the PDS (or on service, a proxy in front of it).
func (p pds) client(t *testing.T, service string, opts ...string) *Client {
	t.Helper()
	cc := pipeline.ChannelConfig{Name: "bsky", Type: "bluesky",
		Secrets: map[string]string{"app_password": "BLUESKY_APP_PASSWORD"},
		Options: map[string]string{"handle": p.handle, "service": service}}
	for i := 0; i+1 < len(opts); i += 2 {
		cc.Options[opts[i]] = opts[i+1]
	}
	c, err := FromConfig(cc, map[string]string{"app_password": p.env["PDS_ALICE_PASSWORD"]}, nil)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func ctx(t *testing.T) context.Context {
	c, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	t.Cleanup(cancel)
	return c
}

// post is a record's value as the tests read it.
type postValue struct {
	Text      string   `json:"text"`
	CreatedAt string   `json:"createdAt"`
	Langs     []string `json:"langs"`
	Facets    []struct {
		Index    byteSlice `json:"index"`
		Features []struct {
			Type string `json:"$type"`
			URI  string `json:"uri"`
			DID  string `json:"did"`
			Tag  string `json:"tag"`
		} `json:"features"`
	} `json:"facets"`
	Embed *struct {
		Type   string `json:"$type"`
		Images []struct {
			Alt         string         `json:"alt"`
			Image       map[string]any `json:"image"`
			AspectRatio *struct {
				Width  int `json:"width"`
				Height int `json:"height"`
			} `json:"aspectRatio"`
		} `json:"images"`
		External *struct {
			URI         string         `json:"uri"`
			Title       string         `json:"title"`
			Description string         `json:"description"`
			Thumb       map[string]any `json:"thumb"`
		} `json:"external"`
	} `json:"embed"`
	Reply *replyRef `json:"reply"`
}

// read reads a record back with the adapter's Record and decodes it.
func read(t *testing.T, c *Client, uri string) (Record, postValue) {
	t.Helper()
	r, err := c.Record(ctx(t), uri)
	if err != nil {
		t.Fatalf("Record(%s): %v", uri, err)
	}
	b, _ := json.Marshal(r.Value)
	var v postValue
	if err := json.Unmarshal(b, &v); err != nil {
		t.Fatal(err)
	}
	return r, v
}

// listPosts returns the texts of alice's posts containing mark, by
// com.atproto.repo.listRecords (every page).
func (p pds) listPosts(t *testing.T, mark string) map[string]int {
	t.Helper()
	out := map[string]int{}
	cursor := ""
	for {
		q := url.Values{"repo": {p.did}, "collection": {postCollection}, "limit": {"100"}}
		if cursor != "" {
			q.Set("cursor", cursor)
		}
		res, err := http.Get(p.url + "/xrpc/com.atproto.repo.listRecords?" + q.Encode())
		if err != nil {
			t.Fatal(err)
		}
		var page struct {
			Records []struct {
				Value struct {
					Text string `json:"text"`
				} `json:"value"`
			} `json:"records"`
			Cursor string `json:"cursor"`
		}
		err = json.NewDecoder(res.Body).Decode(&page)
		res.Body.Close()
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range page.Records {
			if strings.Contains(r.Value.Text, mark) {
				out[r.Value.Text]++
			}
		}
		if page.Cursor == "" || len(page.Records) == 0 {
			return out
		}
		cursor = page.Cursor
	}
}

func writePNG(t *testing.T, w, h int) string {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for x := 0; x < w; x++ {
		for y := 0; y < h; y++ {
			img.Set(x, y, color.RGBA{uint8(x * 8), uint8(y * 8), 200, 255})
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

func TestPublishFrenchPostWithFacetsAndCard(t *testing.T) {
	t.Parallel()
	p := needPDS(t)
	thumb := writePNG(t, 12, 8)
	page := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/article":
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			fmt.Fprint(w, `<html><head><title>Autre</title><meta property="og:title" content="L&#39;article «&#8239;chaud&#8239;»">`+
				`<meta property="og:description" content="Tout sur l’été."><meta property="og:image" content="/vignette.png"></head></html>`)
		case "/vignette.png":
			http.ServeFile(w, r, thumb)
		default:
			http.NotFound(w, r)
		}
	}))
	defer page.Close()
	c := p.client(t, p.url)
	link := page.URL + "/article"
	mark := marker(t)
	text := "Café «\u202Fcrème\u202F» à l’été\u00A0: 🎉 lisez " + link + ", suivez #Crieur2026 et @bob.test\u202F; pas @personne.test ni #2026. " + mark
	m := pipeline.Message{Key: keyOf(mark), Parts: []string{text}, Lang: "fr"}
	r, err := c.Publish(ctx(t), m)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(r.ID, "at://"+p.did+"/app.bsky.feed.post/") || len(r.Parts) != 0 {
		t.Errorf("receipt %+v", r)
	}
	_, _, rkey, _ := parseURI(r.ID)
	if r.URL != "https://bsky.app/profile/alice.test/post/"+rkey || !tidSyntax.MatchString(rkey) || r.At.IsZero() {
		t.Errorf("receipt URL %q, rkey %q, at %v", r.URL, rkey, r.At)
	}
	_, v := read(t, c, r.ID)
	if v.Text != text {
		t.Errorf("text = %q, want %q", v.Text, text)
	}
	if len(v.Langs) != 1 || v.Langs[0] != "fr" {
		t.Errorf("langs = %v", v.Langs)
	}
	type got struct{ slice, kind, value string }
	var facets []got
	for _, f := range v.Facets {
		if f.Index.ByteStart < 0 || f.Index.ByteEnd > len(v.Text) || f.Index.ByteStart >= f.Index.ByteEnd || len(f.Features) != 1 {
			t.Fatalf("bad facet %+v", f)
		}
		ft := f.Features[0]
		facets = append(facets, got{v.Text[f.Index.ByteStart:f.Index.ByteEnd], ft.Type, ft.URI + ft.DID + ft.Tag})
	}
	want := []got{
		{link, "app.bsky.richtext.facet#link", link},
		{"#Crieur2026", "app.bsky.richtext.facet#tag", "Crieur2026"},
		{"@bob.test", "app.bsky.richtext.facet#mention", p.env["PDS_BOB_DID"]},
	}
	if fmt.Sprint(facets) != fmt.Sprint(want) {
		t.Errorf("facets (sliced out of the UTF-8 text):\n got %q\nwant %q", facets, want)
	}
	if v.Embed == nil || v.Embed.Type != "app.bsky.embed.external" || v.Embed.External == nil {
		t.Fatalf("embed = %+v, want a link card", v.Embed)
	}
	ext := v.Embed.External
	if ext.URI != link || ext.Title != "L'article «\u202Fchaud\u202F»" || ext.Description != "Tout sur l’été." {
		t.Errorf("card = %+v", ext)
	}
	if ext.Thumb["mimeType"] != "image/png" {
		t.Errorf("card thumb = %v, want the og:image uploaded", ext.Thumb)
	}
}

func TestLinkCardFallsBackToTheURL(t *testing.T) {
	t.Parallel()
	p := needPDS(t)
	down := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "boom", http.StatusInternalServerError)
	}))
	defer down.Close()
	mark := marker(t)
	link := down.URL + "/introuvable"
	for _, tt := range []struct {
		cards string
		embed bool
	}{{"true", true}, {"false", false}} {
		c := p.client(t, p.url, "link_cards", tt.cards)
		text := "Lien " + link + " " + mark + "-" + tt.cards
		r, err := c.Publish(ctx(t), pipeline.Message{Key: keyOf(text), Parts: []string{text}})
		if err != nil {
			t.Fatal(err)
		}
		_, v := read(t, c, r.ID)
		switch {
		case !tt.embed && v.Embed != nil:
			t.Errorf("link_cards: false, embed = %+v", v.Embed)
		case tt.embed && (v.Embed == nil || v.Embed.External == nil || v.Embed.External.Title != link || v.Embed.External.Thumb != nil):
			t.Errorf("unreadable page: embed = %+v, want the URL as title", v.Embed)
		}
	}
}

func TestPublishImageWithAlt(t *testing.T) {
	t.Parallel()
	p := needPDS(t)
	c := p.client(t, p.url)
	mark := marker(t)
	alt := "Une tasse de café fumante, vue de dessus ☕"
	m := pipeline.Message{Key: keyOf(mark), Parts: []string{"Photo " + mark + " https://exemple.fr"}, Lang: "fr",
		Media: []pipeline.Attachment{{Path: writePNG(t, 30, 20), Name: "img/tasse.png", Alt: alt}}}
	r, err := c.Publish(ctx(t), m)
	if err != nil {
		t.Fatal(err)
	}
	_, v := read(t, c, r.ID)
	if v.Embed == nil || v.Embed.Type != "app.bsky.embed.images" || len(v.Embed.Images) != 1 {
		t.Fatalf("embed = %+v, want one image (and no link card)", v.Embed)
	}
	img := v.Embed.Images[0]
	if img.Alt != alt {
		t.Errorf("alt = %q, want %q", img.Alt, alt)
	}
	if img.AspectRatio == nil || img.AspectRatio.Width != 30 || img.AspectRatio.Height != 20 {
		t.Errorf("aspectRatio = %+v, want 30×20", img.AspectRatio)
	}
	if img.Image["mimeType"] != "image/png" || img.Image["$type"] != "blob" {
		t.Errorf("image blob = %v", img.Image)
	}
}

func TestThreadAndFirstComment(t *testing.T) {
	t.Parallel()
	p := needPDS(t)
	c := p.client(t, p.url)
	mark := marker(t)
	m := pipeline.Message{Key: keyOf(mark), Lang: "fr",
		Parts:        []string{"1/3 " + mark, "2/3 " + mark, "3/3 " + mark},
		FirstComment: "Premier commentaire " + mark}
	r, err := c.Publish(ctx(t), m)
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Parts) != 3 {
		t.Fatalf("receipt parts = %v, want 2 parts and the comment", r.Parts)
	}
	root, v0 := read(t, c, r.ID)
	if v0.Reply != nil || v0.Text != m.Parts[0] {
		t.Errorf("first part %+v", v0)
	}
	prev := root
	for i, uri := range r.Parts {
		rec, v := read(t, c, uri)
		wantText, parent := m.FirstComment, root
		if i < 2 {
			wantText, parent = m.Parts[i+1], prev
		}
		if v.Text != wantText {
			t.Errorf("record %d text = %q, want %q", i+1, v.Text, wantText)
		}
		if v.Reply == nil || v.Reply.Root != (strongRef{root.URI, root.CID}) || v.Reply.Parent != (strongRef{parent.URI, parent.CID}) {
			t.Errorf("record %d reply = %+v, want root %s and parent %s", i+1, v.Reply, root.URI, parent.URI)
		}
		_, _, rkey, _ := parseURI(uri)
		if rkey != recordKey(m.Key, i+1) {
			t.Errorf("record %d rkey = %s, want %s", i+1, rkey, recordKey(m.Key, i+1))
		}
		prev = rec
	}
}

// failingProxy stands between the client and the PDS and breaks the n-th
// POST /xrpc/com.atproto.repo.createRecord: lost=false refuses it (http.StatusBadGateway, nothing made), lost=true
// lets it through and loses the answer (made, the client hears http.StatusBadGateway).
func failingProxy(t *testing.T, target string, n int, lost bool) *faultproxy.Proxy {
	t.Helper()
	p, err := faultproxy.Start(target)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(p.Close)
	fault := faultproxy.Fault{Kind: faultproxy.Answer, Status: http.StatusBadGateway}
	if lost {
		fault = faultproxy.Fault{Kind: faultproxy.Replace, Status: http.StatusBadGateway}
	}
	p.Add(faultproxy.Rule{Method: http.MethodPost, Path: "/xrpc/com.atproto.repo.createRecord", Skip: n - 1, Times: 1, Fault: fault})
	t.Cleanup(func() {
		for _, code := range p.Carried() {
			if code != http.StatusOK {
				t.Errorf("proxied POST /xrpc/com.atproto.repo.createRecord: the server answered %d", code)
			}
		}
	})
	return p
}

func TestSamePublishTwiceAndPartialThreads(t *testing.T) {
	t.Parallel()
	p := needPDS(t)
	for _, tt := range []struct {
		name string
		lost bool
	}{{"refused", false}, {"answer lost", true}} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			mark := marker(t)
			m := pipeline.Message{Key: keyOf(mark), Parts: []string{"A " + mark, "B " + mark, "C " + mark}, FirstComment: "D " + mark}
			broken := p.client(t, failingProxy(t, p.url, 2, tt.lost).URL)
			r1, err := broken.Publish(ctx(t), m)
			if tt.lost {
				// The record is there: Publish takes it and goes on.
				if err != nil {
					t.Fatalf("answer lost: Publish = %v, want the record found and the thread completed", err)
				}
			} else {
				f := pipeline.AsFailure(err)
				if f == nil || f.Status != http.StatusBadGateway || !f.Temporary || f.MaybeSent {
					t.Fatalf("refused: Publish = %v (%+v), want a temporary 502 known not sent", err, f)
				}
				if !strings.Contains(err.Error(), "1 of 4 records are out") {
					t.Errorf("error %q does not say the thread is partial", err)
				}
				c := p.client(t, p.url)
				if _, found, err := c.Find(ctx(t), m); err != nil || found {
					t.Errorf("Find on a partial thread = %v, %v; want not found, so that it is sent again", found, err)
				}
				r1, err = c.Publish(ctx(t), m)
				if err != nil {
					t.Fatal(err)
				}
			}
			c := p.client(t, p.url)
			r2, err := c.Publish(ctx(t), m)
			if err != nil {
				t.Fatal(err)
			}
			if r1.ID != r2.ID || fmt.Sprint(r1.Parts) != fmt.Sprint(r2.Parts) {
				t.Errorf("second Publish = %+v, want the first receipt %+v", r2, r1)
			}
			// A createRecord at a key in use: the PDS answers 500 (its body
			// says only InternalServerError), and create takes the record
			// that is there.
			s, err := c.session(ctx(t))
			if err != nil {
				t.Fatal(err)
			}
			its := items(m)
			_, err = c.callJSON(ctx(t), "com.atproto.repo.createRecord", map[string]any{"repo": s.DID, "collection": postCollection,
				"rkey": its[0].rkey, "record": post{Type: postCollection, Text: "doublon", CreatedAt: "2026-01-01T00:00:00.000Z"}}, nil)
			if f := pipeline.AsFailure(err); f == nil || f.Status != http.StatusInternalServerError || !f.Temporary || !f.MaybeSent {
				t.Errorf("createRecord at a used key = %v, want the PDS's 500", err)
			}
			got, err := c.create(ctx(t), s.DID, its[0], make([]*record, len(its)), nil, "")
			if err != nil || got.URI != r2.ID {
				t.Errorf("create at a used key = %+v, %v; want the record %s", got, err, r2.ID)
			}
			counts := p.listPosts(t, mark)
			if len(counts) != 4 {
				t.Errorf("posts with the marker: %v, want 4", counts)
			}
			for text, n := range counts {
				if n != 1 {
					t.Errorf("%q is out %d times", text, n)
				}
			}
			// The chain is whole: C replies to B, which replies to A.
			_, vc := read(t, c, r2.Parts[1])
			if vc.Reply == nil || vc.Reply.Parent.URI != r2.Parts[0] || vc.Reply.Root.URI != r2.ID {
				t.Errorf("C's reply = %+v", vc.Reply)
			}
		})
	}
}

func TestFind(t *testing.T) {
	t.Parallel()
	p := needPDS(t)
	c := p.client(t, p.url)
	mark := marker(t)
	sent := pipeline.Message{Key: keyOf(mark), Parts: []string{"Envoyé " + mark, "suite " + mark}}
	r, err := c.Publish(ctx(t), sent)
	if err != nil {
		t.Fatal(err)
	}
	got, found, err := p.client(t, p.url).Find(ctx(t), sent)
	if err != nil || !found || got.ID != r.ID || got.URL != r.URL || fmt.Sprint(got.Parts) != fmt.Sprint(r.Parts) || !got.At.Equal(r.At) {
		t.Errorf("Find(sent) = %+v, %v, %v; want %+v", got, found, err, r)
	}
	unsent := pipeline.Message{Key: keyOf(mark + "-unsent"), Parts: []string{"Jamais envoyé " + mark}}
	if got, found, err := c.Find(ctx(t), unsent); err != nil || found {
		t.Errorf("Find(unsent) = %+v, %v, %v", got, found, err)
	}
}

func TestRetract(t *testing.T) {
	t.Parallel()
	p := needPDS(t)
	c := p.client(t, p.url)
	mark := marker(t)
	m := pipeline.Message{Key: keyOf(mark), Parts: []string{"À retirer " + mark, "suite " + mark}, FirstComment: "commentaire " + mark}
	r, err := c.Publish(ctx(t), m)
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Retract(ctx(t), r); err != nil {
		t.Fatal(err)
	}
	for _, uri := range append([]string{r.ID}, r.Parts...) {
		_, _, rkey, _ := parseURI(uri)
		res, err := http.Get(p.url + "/xrpc/com.atproto.repo.getRecord?" + url.Values{"repo": {p.did}, "collection": {postCollection}, "rkey": {rkey}}.Encode())
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if !strings.Contains(string(b), "RecordNotFound") {
			t.Errorf("getRecord %s after Retract: %d %s, want RecordNotFound", uri, res.StatusCode, b)
		}
		if _, err := c.Record(ctx(t), uri); pipeline.AsFailure(err) == nil || pipeline.AsFailure(err).Status != http.StatusNotFound {
			t.Errorf("Record(%s) after Retract = %v", uri, err)
		}
	}
	if err := c.Retract(ctx(t), r); err != nil {
		t.Errorf("second Retract = %v, want nil (already gone)", err)
	}
	if _, found, err := c.Find(ctx(t), m); err != nil || found {
		t.Errorf("Find after Retract = %v, %v", found, err)
	}
}

func TestBadPassword(t *testing.T) {
	t.Parallel()
	p := needPDS(t)
	const password = "wrong-password-Zq7Xk2"
	cc := pipeline.ChannelConfig{Name: "bsky", Type: "bluesky", Secrets: map[string]string{"app_password": "BLUESKY_APP_PASSWORD"},
		Options: map[string]string{"handle": p.handle, "service": p.url}}
	c, err := FromConfig(cc, map[string]string{"app_password": password}, nil)
	if err != nil {
		t.Fatal(err)
	}
	r, err := c.Publish(ctx(t), pipeline.Message{Key: keyOf(marker(t)), Parts: []string{"x " + marker(t)}})
	f := pipeline.AsFailure(err)
	if f == nil || f.Status != http.StatusUnauthorized || f.Temporary || f.MaybeSent {
		t.Fatalf("Publish = %v (%+v), want a permanent 401 Failure", err, f)
	}
	if !strings.Contains(f.Hint, "BLUESKY_APP_PASSWORD") || !strings.Contains(err.Error(), "app password") {
		t.Errorf("hint %q does not name the variable", f.Hint)
	}
	if strings.Contains(err.Error(), password) || strings.Contains(fmt.Sprint(r), password) {
		t.Errorf("the password leaks: %v", err)
	}
}

func TestTooLongIsPermanent(t *testing.T) {
	t.Parallel()
	p := needPDS(t)
	c := p.client(t, p.url)
	mark := marker(t)
	// 301 graphemes, some of several code points (é decomposed, a flag).
	text := mark + " " + strings.Repeat("e\u0301", 150) + strings.Repeat("🇫🇷", 150-len([]rune(mark)))
	m := pipeline.Message{Key: keyOf(mark), Parts: []string{text}}
	_, err := c.Publish(ctx(t), m)
	f := pipeline.AsFailure(err)
	if f == nil || f.Status != http.StatusBadRequest || f.Temporary || f.MaybeSent {
		t.Fatalf("Publish(301 graphemes) = %v (%+v), want a permanent 400", err, f)
	}
	if !strings.Contains(f.Message, "grapheme") {
		t.Errorf("message %q does not say why", f.Message)
	}
	if _, found, _ := c.Find(ctx(t), m); found {
		t.Error("a refused post is found")
	}
}

// reader is another account of the PDS acting on alice's posts as a
// reader would, through the PDS's API.
type reader struct {
	url, did, token string
}

func (p pds) bob(t *testing.T) reader {
	t.Helper()
	env := services.Need(t, "PDS_BOB_HANDLE", "PDS_BOB_PASSWORD")
	var s session
	p.xrpc(t, "", "com.atproto.server.createSession", map[string]string{"identifier": env["PDS_BOB_HANDLE"], "password": env["PDS_BOB_PASSWORD"]}, &s)
	return reader{url: p.url, did: s.DID, token: s.AccessJwt}
}

// xrpc posts a JSON body to the PDS and decodes the answer, failing the
// test on anything but 200.
func (p pds) xrpc(t *testing.T, token, nsid string, in, out any) {
	t.Helper()
	b, _ := json.Marshal(in)
	req, _ := http.NewRequest(http.MethodPost, p.url+"/xrpc/"+nsid, strings.NewReader(string(b)))
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	if res.StatusCode != http.StatusOK {
		t.Fatalf("%s: %d %s", nsid, res.StatusCode, body)
	}
	if out != nil {
		if err := json.Unmarshal(body, out); err != nil {
			t.Fatalf("%s: %v", nsid, err)
		}
	}
}

// create makes a record in the reader's repository (createRecord, the
// PDS choosing the key) and returns its strong ref.
func (r reader) create(t *testing.T, collection string, record map[string]any) strongRef {
	t.Helper()
	record["$type"] = collection
	record["createdAt"] = time.Now().UTC().Format("2006-01-02T15:04:05.000Z")
	var ref strongRef
	pds{url: r.url}.xrpc(t, r.token, "com.atproto.repo.createRecord", map[string]any{"repo": r.did, "collection": collection, "record": record}, &ref)
	return ref
}

func TestMeasure(t *testing.T) {
	t.Parallel()
	p := needPDS(t)
	c := p.client(t, p.url)
	mark := marker(t)
	var refs []strongRef
	for _, name := range []string{"quoted", "quoted with media", "deleted"} {
		r, err := c.Publish(ctx(t), pipeline.Message{Key: keyOf(mark + name), Parts: []string{"À mesurer, " + name + " " + mark}})
		if err != nil {
			t.Fatal(err)
		}
		rec, _ := read(t, c, r.ID)
		refs = append(refs, strongRef{rec.URI, rec.CID})
	}
	post, other, deleted := refs[0], refs[1], refs[2]
	// bob likes, reposts, answers and quotes the first post, quotes the
	// second with a link card (app.bsky.embed.recordWithMedia), and likes
	// the third, which alice then deletes.
	bob := p.bob(t)
	bob.create(t, "app.bsky.feed.like", map[string]any{"subject": post})
	bob.create(t, "app.bsky.feed.repost", map[string]any{"subject": post})
	bob.create(t, postCollection, map[string]any{"text": "Bien vu " + mark, "reply": replyRef{Root: post, Parent: post}})
	bob.create(t, postCollection, map[string]any{"text": "À lire " + mark, "embed": map[string]any{"$type": "app.bsky.embed.record", "record": post}})
	bob.create(t, postCollection, map[string]any{"text": "Et ça " + mark, "embed": map[string]any{"$type": "app.bsky.embed.recordWithMedia",
		"record": map[string]any{"$type": "app.bsky.embed.record", "record": other},
		"media":  map[string]any{"$type": "app.bsky.embed.external", "external": map[string]string{"uri": "https://exemple.fr", "title": "Exemple", "description": ""}}}})
	bob.create(t, "app.bsky.feed.like", map[string]any{"subject": deleted})
	if err := c.Retract(ctx(t), pipeline.Receipt{ID: deleted.URI}); err != nil {
		t.Fatal(err)
	}

	unknown := "at://" + p.did + "/" + postCollection + "/" + recordKey(keyOf(mark+"never"), 0)
	got, err := c.Measure(ctx(t), []string{post.URI, other.URI, deleted.URI, unknown})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]pipeline.Engagement{
		post.URI:  {pipeline.Likes: 1, pipeline.Reposts: 1, pipeline.Replies: 1, pipeline.Quotes: 1},
		other.URI: {pipeline.Likes: 0, pipeline.Reposts: 0, pipeline.Replies: 0, pipeline.Quotes: 1},
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("Measure = %v\nwant %v (the deleted and the unknown post left out)", got, want)
	}
	// The PDS has no AppView: it said so once, and the client remembers.
	c.mu.Lock()
	rt := c.route
	c.mu.Unlock()
	if rt == nil || !rt.none {
		t.Errorf("route = %+v, want none: the test PDS has no AppView", rt)
	}
}
