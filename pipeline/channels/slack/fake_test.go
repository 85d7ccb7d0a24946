package slack

import (
	"encoding/json"
	"io"
	"mime"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"
)

// fakeSlack is a Slack incoming webhook as Slack documents it:
//
//   - api.slack.com/messaging/webhooks: POST a JSON body (Content-type:
//     application/json) with text and/or blocks to the webhook URL; the
//     answer is 200 with the body "ok". "Handling errors": plain-text
//     error words, 400 invalid_payload / no_text / invalid_blocks, 403
//     invalid_token / action_prohibited, 404 no_service /
//     channel_not_found, 410 channel_is_archived, 500 rollup_error (also
//     api.slack.com/changelog/2016-05-17-changes-to-errors-for-incoming-webhooks).
//   - api.slack.com/reference/surfaces/formatting, "Escaping text": &, <
//     and > are control characters written &amp; &lt; &gt;; a raw <…> is a
//     link or a mention (<!channel>, <!here>, <@U…>).
//   - api.slack.com/reference/block-kit/blocks: a section's text object
//     (type mrkdwn or plain_text, at most 3000 characters), an image block
//     (image_url, alt_text required, at most 2000 characters); at most 50
//     blocks. Slack downloads image_url: one it cannot fetch is refused
//     with invalid_blocks.
//   - api.slack.com/docs/rate-limits: 429 with Retry-After (injected).
//
// Unknown JSON fields are refused with invalid_payload: a typo fails a test.
type fakeSlack struct {
	t        *testing.T
	path     string          // /services/T…/B…/secret
	images   map[string]bool // the image URLs Slack can download
	archived bool

	mu       sync.Mutex
	messages []fakeMsg
	requests int
	fail     func(n int) (status int, header http.Header, body string)
}

type fakeMsg struct {
	Text     string // as shown: entities decoded
	Mentions []string
	Sections []string // as shown
	Images   []fakeImage
}

type fakeImage struct{ URL, Alt string }

func newFakeSlack(t *testing.T) (*fakeSlack, *httptest.Server) {
	f := &fakeSlack{t: t, path: "/services/T0001/B0002/SeCrEtWeBhOoKtOkEn", images: map[string]bool{}}
	ts := httptest.NewServer(f)
	t.Cleanup(ts.Close)
	return f, ts
}

func plain(w http.ResponseWriter, status int, word string) {
	w.Header().Set("Content-Type", "text/html")
	w.WriteHeader(status)
	io.WriteString(w, word)
}

func (f *fakeSlack) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.requests++
	if f.fail != nil {
		if status, h, body := f.fail(f.requests); status != 0 {
			for k, vs := range h {
				w.Header()[k] = vs
			}
			plain(w, status, body)
			return
		}
	}
	if !strings.HasPrefix(r.URL.Path, "/services/") {
		plain(w, http.StatusNotFound, "no_service")
		return
	}
	if r.URL.Path != f.path {
		plain(w, http.StatusForbidden, "invalid_token")
		return
	}
	if r.Method != http.MethodPost {
		plain(w, http.StatusMethodNotAllowed, "invalid_method")
		return
	}
	if ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type")); ct != "application/json" {
		plain(w, http.StatusBadRequest, "invalid_payload")
		return
	}
	if f.archived {
		plain(w, http.StatusGone, "channel_is_archived")
		return
	}
	var p struct {
		Text   *string `json:"text"`
		Blocks []struct {
			Type string `json:"type"`
			Text *struct {
				Type string `json:"type"`
				Text string `json:"text"`
			} `json:"text"`
			ImageURL string `json:"image_url"`
			AltText  string `json:"alt_text"`
		} `json:"blocks"`
	}
	dec := json.NewDecoder(r.Body)
	dec.DisallowUnknownFields()
	if err := dec.Decode(&p); err != nil {
		plain(w, http.StatusBadRequest, "invalid_payload")
		return
	}
	if (p.Text == nil || *p.Text == "") && len(p.Blocks) == 0 {
		plain(w, http.StatusBadRequest, "no_text")
		return
	}
	var msg fakeMsg
	if p.Text != nil {
		msg.Text, msg.Mentions = show(*p.Text)
	}
	if len(p.Blocks) > 50 {
		plain(w, http.StatusBadRequest, "invalid_blocks")
		return
	}
	for _, b := range p.Blocks {
		switch b.Type {
		case "section":
			if b.Text == nil || (b.Text.Type != "mrkdwn" && b.Text.Type != "plain_text") || b.Text.Text == "" ||
				utf8.RuneCountInString(b.Text.Text) > 3000 || b.ImageURL != "" || b.AltText != "" {
				plain(w, http.StatusBadRequest, "invalid_blocks")
				return
			}
			s, mentions := show(b.Text.Text)
			msg.Sections = append(msg.Sections, s)
			msg.Mentions = append(msg.Mentions, mentions...)
		case "image":
			if b.Text != nil || b.ImageURL == "" || b.AltText == "" || utf8.RuneCountInString(b.AltText) > 2000 || len(b.ImageURL) > 3000 {
				plain(w, http.StatusBadRequest, "invalid_blocks")
				return
			}
			if !f.images[b.ImageURL] {
				plain(w, http.StatusBadRequest, "invalid_blocks") // "downloading image failed"
				return
			}
			msg.Images = append(msg.Images, fakeImage{b.ImageURL, b.AltText})
		default:
			plain(w, http.StatusBadRequest, "invalid_blocks")
			return
		}
	}
	f.messages = append(f.messages, msg)
	plain(w, http.StatusOK, "ok")
}

// show is mrkdwn as a reader sees it: &amp; &lt; &gt; decoded, a raw
// <…> taken as a link or a mention.
func show(s string) (string, []string) {
	var b strings.Builder
	var mentions []string
	for i := 0; i < len(s); {
		switch {
		case s[i] == '<':
			end := strings.IndexByte(s[i:], '>')
			if end < 0 {
				b.WriteString(s[i:])
				i = len(s)
				continue
			}
			inner := s[i+1 : i+end]
			if strings.HasPrefix(inner, "!") || strings.HasPrefix(inner, "@") || strings.HasPrefix(inner, "#") {
				mentions = append(mentions, inner)
			}
			if _, label, ok := strings.Cut(inner, "|"); ok {
				b.WriteString(label)
			} else {
				b.WriteString(inner)
			}
			i += end + 1
		case strings.HasPrefix(s[i:], "&amp;"):
			b.WriteByte('&')
			i += 5
		case strings.HasPrefix(s[i:], "&lt;"):
			b.WriteByte('<')
			i += 4
		case strings.HasPrefix(s[i:], "&gt;"):
			b.WriteByte('>')
			i += 4
		default:
			b.WriteByte(s[i])
			i++
		}
	}
	return b.String(), mentions
}
