package telegram

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
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

// client builds a Client against the fake, as crieur.yml would.
func client(t *testing.T, f *fakeBot, ts *httptest.Server, options map[string]string) (*Client, *[]time.Duration) {
	t.Helper()
	opts := map[string]string{"chat": f.chat, "api": ts.URL}
	for k, v := range options {
		opts[k] = v
	}
	cc := pipeline.ChannelConfig{Name: "telegram", Type: "telegram", Network: "telegram",
		Secrets: map[string]string{"bot_token": "TELEGRAM_BOT_TOKEN"}, Options: opts}
	c, err := FromConfig(cc, map[string]string{"bot_token": f.token}, ts.Client())
	if err != nil {
		t.Fatal(err)
	}
	var slept []time.Duration
	c.Sleep = func(_ context.Context, d time.Duration) error { slept = append(slept, d); return nil }
	return c, &slept
}

func image(t *testing.T, name string, data []byte) pipeline.Attachment {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return pipeline.Attachment{Path: p, Name: "media/" + name, Alt: "Alt text of " + name + ", never sent"}
}

// noSecret fails when the token shows in an error or a receipt.
func noSecret(t *testing.T, token string, err error, r pipeline.Receipt) {
	t.Helper()
	if err != nil && strings.Contains(err.Error(), token) {
		t.Errorf("the error shows the bot token: %v", err)
	}
	if strings.Contains(r.ID+r.URL+strings.Join(r.Parts, " "), token) {
		t.Errorf("the receipt shows the bot token: %+v", r)
	}
	if strings.Contains(token, ":") {
		_, secretPart, _ := strings.Cut(token, ":")
		if err != nil && strings.Contains(err.Error(), secretPart) {
			t.Errorf("the error shows the token's secret half: %v", err)
		}
	}
}

func TestPublishTextIsEscapedForHTML(t *testing.T) {
	f, ts := newFakeBot(t)
	c, _ := client(t, f, ts, nil)
	text := "Tom & Jerry <b>pas gras</b> 3 > 2, AT&amp;T « ciné » https://example.org/a_b?x=1&y=2 #saison"
	r, err := c.Publish(context.Background(), pipeline.Message{Key: key, Parts: []string{text}, Lang: "fr"})
	noSecret(t, f.token, err, r)
	if err != nil {
		t.Fatal(err)
	}
	if len(f.sent) != 1 || f.sent[0].Method != "sendMessage" {
		t.Fatalf("sent %+v, want one sendMessage", f.sent)
	}
	if got := f.sent[0].Text; got != text {
		t.Errorf("Telegram shows %q, want the text as written %q", got, text)
	}
	if !strings.Contains(f.bodies[0], `"parse_mode":"HTML"`) {
		t.Errorf("request %s: want parse_mode HTML", f.bodies[0])
	}
	if f.sent[0].NoPreview || strings.Contains(f.bodies[0], "link_preview_options") {
		t.Errorf("link preview disabled without the option: %s", f.bodies[0])
	}
	want := pipeline.Receipt{ID: "41", URL: "https://t.me/crieur_test/41", At: time.Unix(f.date, 0)}
	if r.ID != want.ID || r.URL != want.URL || !r.At.Equal(want.At) || len(r.Parts) != 0 {
		t.Errorf("receipt = %+v, want %+v", r, want)
	}
}

func TestPublishDisableLinkPreview(t *testing.T) {
	f, ts := newFakeBot(t)
	c, _ := client(t, f, ts, map[string]string{"disable_link_preview": "true"})
	if _, err := c.Publish(context.Background(), pipeline.Message{Key: key, Parts: []string{"https://example.org"}}); err != nil {
		t.Fatal(err)
	}
	if !f.sent[0].NoPreview {
		t.Errorf("request %s: want link_preview_options.is_disabled", f.bodies[0])
	}
}

func TestPublishThreadRepliesToThePreviousPart(t *testing.T) {
	f, ts := newFakeBot(t)
	c, slept := client(t, f, ts, nil)
	m := pipeline.Message{Key: key, Parts: []string{"un", "deux", "trois"}, FirstComment: "Le programme : https://example.org"}
	r, err := c.Publish(context.Background(), m)
	if err != nil {
		t.Fatal(err)
	}
	type link struct {
		text    string
		replyTo int64
	}
	var got []link
	for _, s := range f.sent {
		got = append(got, link{s.Text, s.ReplyTo})
	}
	want := []link{{"un", 0}, {"deux", 41}, {"trois", 42}, {"Le programme : https://example.org", 41}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("sent %+v, want %+v (each part replying to the previous, the comment to the first)", got, want)
	}
	if r.ID != "41" || !reflect.DeepEqual(r.Parts, []string{"42", "43", "44"}) {
		t.Errorf("receipt %+v, want id 41 and parts 42 43 44", r)
	}
	if !reflect.DeepEqual(*slept, []time.Duration{time.Second, time.Second, time.Second}) {
		t.Errorf("paused %v between messages, want a second before each after the first", *slept)
	}
}

func TestPublishOnePhotoWithCaption(t *testing.T) {
	f, ts := newFakeBot(t)
	c, _ := client(t, f, ts, nil)
	img := image(t, "affiche.png", pngHead)
	m := pipeline.Message{Key: key, Parts: []string{"La saison <commence> !"}, Media: []pipeline.Attachment{img}, FirstComment: "Billets"}
	r, err := c.Publish(context.Background(), m)
	if err != nil {
		t.Fatal(err)
	}
	if len(f.sent) != 2 || f.sent[0].Method != "sendPhoto" {
		t.Fatalf("sent %+v, want sendPhoto then the comment", f.sent)
	}
	p := f.sent[0]
	if p.Caption != "La saison <commence> !" || p.Photo != "affiche.png" || p.PhotoType != "image/png" || p.PhotoSize != len(pngHead) {
		t.Errorf("photo = %+v", p)
	}
	if f.sent[1].Text != "Billets" || f.sent[1].ReplyTo != p.ID {
		t.Errorf("comment = %+v, want a reply to the photo %d", f.sent[1], p.ID)
	}
	for _, b := range f.bodies {
		if strings.Contains(b, img.Alt) {
			t.Errorf("the alt text went out, though Telegram has no field for it: %s", b)
		}
	}
	if r.ID != strconv.FormatInt(p.ID, 10) || !reflect.DeepEqual(r.Parts, []string{strconv.FormatInt(f.sent[1].ID, 10)}) {
		t.Errorf("receipt %+v", r)
	}
}

func TestPublishAlbumCaptionOnFirstPhoto(t *testing.T) {
	f, ts := newFakeBot(t)
	c, _ := client(t, f, ts, nil)
	media := []pipeline.Attachment{image(t, "a.jpg", jpegHead), image(t, "b.png", pngHead), image(t, "c.jpg", jpegHead)}
	m := pipeline.Message{Key: key, Parts: []string{"Trois images & un texte"}, Media: media, FirstComment: "Détails"}
	r, err := c.Publish(context.Background(), m)
	if err != nil {
		t.Fatal(err)
	}
	if len(f.calls) != 2 || f.calls[0] != "sendMediaGroup" || f.calls[1] != "sendMessage" {
		t.Fatalf("calls %v, want sendMediaGroup then sendMessage", f.calls)
	}
	var names []string
	for i, s := range f.sent[:3] {
		names = append(names, s.Photo)
		wantCaption := ""
		if i == 0 {
			wantCaption = "Trois images & un texte"
		}
		if s.Caption != wantCaption || s.AlbumPos != i+1 {
			t.Errorf("album item %d = %+v, want caption %q", i, s, wantCaption)
		}
	}
	if !reflect.DeepEqual(names, []string{"a.jpg", "b.png", "c.jpg"}) || f.sent[1].PhotoType != "image/png" || f.sent[0].PhotoType != "image/jpeg" {
		t.Errorf("album files %v, types %s %s", names, f.sent[0].PhotoType, f.sent[1].PhotoType)
	}
	if f.sent[3].Text != "Détails" || f.sent[3].ReplyTo != f.sent[0].ID {
		t.Errorf("comment %+v, want a reply to the album's first photo", f.sent[3])
	}
	if r.ID != "41" || !reflect.DeepEqual(r.Parts, []string{"42", "43", "44"}) {
		t.Errorf("receipt %+v, want 41 and the album's other photos and the comment", r)
	}
}

func TestPublishLongCaptionFollowsAsReply(t *testing.T) {
	// 600 emoji are 600 characters for a person, 1200 UTF-16 units for
	// Telegram: too long for a caption.
	long := strings.Repeat("🎭", 600)
	tests := []struct {
		name   string
		media  int
		method string
	}{
		{"one photo", 1, "sendPhoto"},
		{"an album", 2, "sendMediaGroup"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, ts := newFakeBot(t)
			c, _ := client(t, f, ts, nil)
			var media []pipeline.Attachment
			for i := 0; i < tt.media; i++ {
				media = append(media, image(t, "p"+strconv.Itoa(i)+".png", pngHead))
			}
			r, err := c.Publish(context.Background(), pipeline.Message{Key: key, Parts: []string{long, "suite"}, Media: media})
			if err != nil {
				t.Fatal(err)
			}
			if f.calls[0] != tt.method {
				t.Fatalf("calls %v", f.calls)
			}
			photo := f.sent[0]
			text := f.sent[tt.media]
			next := f.sent[tt.media+1]
			if photo.Caption != "" || text.Text != long || text.ReplyTo != photo.ID {
				t.Errorf("photo caption %q, text replying to %d; want no caption and the text replying to the photo %d", photo.Caption, text.ReplyTo, photo.ID)
			}
			if next.Text != "suite" || next.ReplyTo != text.ID {
				t.Errorf("second part %+v, want a reply to the text %d", next, text.ID)
			}
			if r.ID != strconv.FormatInt(photo.ID, 10) || len(r.Parts) != tt.media+1 {
				t.Errorf("receipt %+v", r)
			}
		})
	}
}

func TestPublishCaptionAtTheLimit(t *testing.T) {
	f, ts := newFakeBot(t)
	c, _ := client(t, f, ts, nil)
	exact := strings.Repeat("é", 1024)
	if _, err := c.Publish(context.Background(), pipeline.Message{Key: key, Parts: []string{exact}, Media: []pipeline.Attachment{image(t, "a.png", pngHead)}}); err != nil {
		t.Fatal(err)
	}
	if len(f.sent) != 1 || f.sent[0].Caption != exact {
		t.Errorf("a 1024-character caption was not sent as the caption: %d messages", len(f.sent))
	}
}

func TestPublishPrivateChatHasNoURL(t *testing.T) {
	f, ts := newFakeBot(t)
	f.chat, f.chatType, f.chatUsername = "-1009876543210", "supergroup", ""
	c, _ := client(t, f, ts, nil)
	r, err := c.Publish(context.Background(), pipeline.Message{Key: key, Parts: []string{"bonjour"}})
	if err != nil {
		t.Fatal(err)
	}
	if r.URL != "" || r.ID != "41" {
		t.Errorf("receipt %+v, want id 41 and no URL", r)
	}
	// A public channel named by its numeric id still gets its address.
	f.chatUsername, f.chatType = "public_name", "channel"
	r, err = c.Publish(context.Background(), pipeline.Message{Key: key, Parts: []string{"bonjour"}})
	if err != nil {
		t.Fatal(err)
	}
	if r.URL != "https://t.me/public_name/42" {
		t.Errorf("URL %q, want the channel's public address", r.URL)
	}
}

func TestPublishRefusesBeforeSending(t *testing.T) {
	var many []pipeline.Attachment
	for i := 0; i < 11; i++ {
		many = append(many, pipeline.Attachment{Path: "/nonexistent", Name: "x.png"})
	}
	tests := []struct {
		name string
		m    pipeline.Message
	}{
		{"nothing", pipeline.Message{Key: key}},
		{"eleven images", pipeline.Message{Key: key, Parts: []string{"x"}, Media: many}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, ts := newFakeBot(t)
			c, _ := client(t, f, ts, nil)
			_, err := c.Publish(context.Background(), tt.m)
			if err == nil {
				t.Fatal("Publish succeeded")
			}
			if fl := pipeline.AsFailure(err); fl == nil || fl.Temporary || fl.MaybeSent {
				t.Errorf("error %v, want a permanent failure", err)
			}
			if len(f.calls) != 0 {
				t.Errorf("calls %v, want none", f.calls)
			}
		})
	}
}

func TestPublishFailures(t *testing.T) {
	tests := []struct {
		name                string
		status              int
		body                string
		wantTemporary       bool
		wantMaybeSent       bool
		wantRetryAfter      time.Duration
		wantInMessage       string
		wantInHint          string
		wantNotInHint       string
		failOnCall, wantLen int
	}{
		{name: "token refused", status: 401, body: `{"ok":false,"error_code":401,"description":"Unauthorized"}`,
			wantInMessage: "Unauthorized", wantInHint: "TELEGRAM_BOT_TOKEN"},
		{name: "bot not in the channel", status: 403, body: `{"ok":false,"error_code":403,"description":"Forbidden: bot is not a member of the channel chat"}`,
			wantInMessage: "not a member", wantInHint: "administrator", wantNotInHint: "TELEGRAM_BOT_TOKEN"},
		{name: "chat not found", status: 400, body: `{"ok":false,"error_code":400,"description":"Bad Request: chat not found"}`,
			wantInMessage: "chat not found", wantInHint: "options.chat"},
		{name: "group migrated", status: 400, body: `{"ok":false,"error_code":400,"description":"Bad Request: group chat was upgraded to a supergroup chat","parameters":{"migrate_to_chat_id":-1001122334455}}`,
			wantInHint: "-1001122334455"},
		{name: "flood", status: 429, body: `{"ok":false,"error_code":429,"description":"Too Many Requests: retry after 7","parameters":{"retry_after":7}}`,
			wantTemporary: true, wantRetryAfter: 7 * time.Second, wantInMessage: "Too Many Requests"},
		{name: "server error", status: 500, body: `{"ok":false,"error_code":500,"description":"Internal Server Error"}`,
			wantTemporary: true, wantMaybeSent: true},
		{name: "bad gateway, HTML page", status: 502, body: `<html>502 Bad Gateway</html>`,
			wantTemporary: true, wantMaybeSent: true, wantInMessage: "Bad Gateway"},
		{name: "second part flooded", failOnCall: 2, status: 429, body: `{"ok":false,"error_code":429,"description":"Too Many Requests: retry after 3","parameters":{"retry_after":3}}`,
			wantTemporary: true, wantMaybeSent: true, wantRetryAfter: 3 * time.Second, wantInHint: "messages 41 already went out"},
		{name: "second part refused", failOnCall: 2, status: 400, body: `{"ok":false,"error_code":400,"description":"Bad Request: message is too long"}`,
			wantTemporary: true, wantMaybeSent: true, wantInMessage: "too long", wantInHint: "messages 41 already went out"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, ts := newFakeBot(t)
			failOn := tt.failOnCall
			if failOn == 0 {
				failOn = 1
			}
			f.fail = func(_ string, call int) (int, string) {
				if call == failOn {
					return tt.status, tt.body
				}
				return 0, ""
			}
			c, _ := client(t, f, ts, nil)
			r, err := c.Publish(context.Background(), pipeline.Message{Key: key, Parts: []string{"un", "deux"}})
			noSecret(t, f.token, err, r)
			fl := pipeline.AsFailure(err)
			if fl == nil {
				t.Fatalf("error %v, want a *pipeline.Failure", err)
			}
			if fl.Status != tt.status || fl.Temporary != tt.wantTemporary || fl.MaybeSent != tt.wantMaybeSent || fl.RetryAfter != tt.wantRetryAfter {
				t.Errorf("failure %+v: want status %d temporary %v maybeSent %v retryAfter %v", fl, tt.status, tt.wantTemporary, tt.wantMaybeSent, tt.wantRetryAfter)
			}
			if !strings.Contains(fl.Message, tt.wantInMessage) {
				t.Errorf("message %q, want %q in it", fl.Message, tt.wantInMessage)
			}
			if !strings.Contains(fl.Hint, tt.wantInHint) || tt.wantNotInHint != "" && strings.Contains(fl.Hint, tt.wantNotInHint) {
				t.Errorf("hint %q, want %q in it and not %q", fl.Hint, tt.wantInHint, tt.wantNotInHint)
			}
		})
	}
}

func TestNoTokenInTransportErrors(t *testing.T) {
	f, ts := newFakeBot(t)
	c, _ := client(t, f, ts, nil)
	ts.Close() // nothing listens any more
	r, err := c.Publish(context.Background(), pipeline.Message{Key: key, Parts: []string{"bonjour"}})
	if err == nil {
		t.Fatal("Publish succeeded with no server")
	}
	noSecret(t, f.token, err, r)
	if fl := pipeline.AsFailure(err); fl == nil || !fl.Temporary {
		t.Errorf("error %v, want a temporary failure", err)
	}
	if err := c.Retract(context.Background(), pipeline.Receipt{ID: "41"}); err == nil || strings.Contains(err.Error(), f.token) {
		t.Errorf("Retract error %v: want one, without the token", err)
	}
}

func TestRetractDeletesEveryMessage(t *testing.T) {
	f, ts := newFakeBot(t)
	c, _ := client(t, f, ts, nil)
	other, err := c.Publish(context.Background(), pipeline.Message{Key: key, Parts: []string{"à garder"}})
	if err != nil {
		t.Fatal(err)
	}
	media := []pipeline.Attachment{image(t, "a.png", pngHead), image(t, "b.png", pngHead)}
	r, err := c.Publish(context.Background(), pipeline.Message{Key: key, Parts: []string{"un", "deux"}, Media: media, FirstComment: "c"})
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Retract(context.Background(), r); err != nil {
		t.Fatal(err)
	}
	want := []int64{42, 43, 44, 45}
	if !reflect.DeepEqual(f.deleted, want) {
		t.Errorf("deleted %v, want %v", f.deleted, want)
	}
	if f.msgs[41] == nil || other.ID != "41" {
		t.Error("retracting one post deleted another")
	}
	// Already gone: not an error.
	if err := c.Retract(context.Background(), r); err != nil {
		t.Errorf("retracting twice: %v", err)
	}
	if err := c.Retract(context.Background(), pipeline.Receipt{ID: "abc"}); err == nil {
		t.Error("a receipt whose id is no message id was accepted")
	}
}

func TestRetractTooOld(t *testing.T) {
	f, ts := newFakeBot(t)
	c, _ := client(t, f, ts, nil)
	f.fail = func(method string, _ int) (int, string) {
		if method == "deleteMessage" {
			return 400, `{"ok":false,"error_code":400,"description":"Bad Request: message can't be deleted"}`
		}
		return 0, ""
	}
	err := c.Retract(context.Background(), pipeline.Receipt{ID: "41", Parts: []string{"42"}})
	var fl *pipeline.Failure
	if !errors.As(err, &fl) || !strings.Contains(fl.Hint, "48 hours") {
		t.Errorf("error %v, want a failure whose hint explains the 48 hours", err)
	}
	if len(f.calls) != 2 {
		t.Errorf("calls %v: want both messages tried", f.calls)
	}
}

func TestFromConfig(t *testing.T) {
	const tok = "123456789:AAH-secret_tokenXYZ"
	base := func() pipeline.ChannelConfig {
		return pipeline.ChannelConfig{Name: "tg", Type: "telegram", Secrets: map[string]string{"bot_token": "TG_TOKEN"},
			Options: map[string]string{"chat": "@crieur_test"}}
	}
	tests := []struct {
		name    string
		edit    func(*pipeline.ChannelConfig)
		secrets map[string]string
		want    string // in the error; "" for none
	}{
		{"defaults", nil, map[string]string{"bot_token": tok}, ""},
		{"secret not configured", func(cc *pipeline.ChannelConfig) { cc.Secrets = nil }, map[string]string{"bot_token": tok}, "channels.tg.secrets.bot_token"},
		{"secret empty", nil, nil, `secret "bot_token" is empty: set the environment variable TG_TOKEN (crieur.yml: channels.tg.secrets.bot_token); in GitHub, create the repository secret TG_TOKEN and check that the publish workflow passes it: crieur doctor says, crieur init --force rewrites the workflow`},
		{"not a token", nil, map[string]string{"bot_token": "123/../x:y"}, "TG_TOKEN does not look like"},
		{"no chat", func(cc *pipeline.ChannelConfig) { delete(cc.Options, "chat") }, map[string]string{"bot_token": tok}, "channels.tg.options.chat"},
		{"bad bool", func(cc *pipeline.ChannelConfig) { cc.Options["disable_link_preview"] = "oui" }, map[string]string{"bot_token": tok}, "disable_link_preview"},
		{"bad api", func(cc *pipeline.ChannelConfig) { cc.Options["api"] = "ftp://x" }, map[string]string{"bot_token": tok}, "option api"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cc := base()
			if tt.edit != nil {
				tt.edit(&cc)
			}
			c, err := FromConfig(cc, tt.secrets, nil)
			if tt.want == "" {
				if err != nil {
					t.Fatal(err)
				}
				if c.API != defaultAPI || c.Chat != "@crieur_test" || c.DisableLinkPreview {
					t.Errorf("client %+v", c)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %v, want %q in it", err, tt.want)
			}
			if err != nil && strings.Contains(err.Error(), "secret_token") {
				t.Errorf("the error shows the token: %v", err)
			}
		})
	}
}

func TestEscape(t *testing.T) {
	tests := map[string]string{
		"a & b":        "a &amp; b",
		"<b>x</b>":     "&lt;b&gt;x&lt;/b&gt;",
		"&amp;":        "&amp;amp;",
		`"quotes" 'x'`: `"quotes" 'x'`,
		"« é » 🎭":      "« é » 🎭",
	}
	for in, want := range tests {
		if got := escape(in); got != want {
			t.Errorf("escape(%q) = %q, want %q", in, got, want)
		}
	}
}

var _ http.Handler = (*fakeBot)(nil)
