package slack

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"path"
	"strings"
	"unicode"

	"github.com/crieur/crieur/pipeline"
	"github.com/crieur/crieur/pipeline/channels/internal/httpapi"
)

const (
	network = "slack"
	// maxSection is a section block's text limit (Block Kit: "Maximum
	// length for the text in this field is 3000 characters").
	maxSection = 3000
	// maxBlocks is a message's limit ("up to 50 blocks in each message").
	maxBlocks = 50
	// maxAlt is an image block's alt_text limit (2000 characters).
	maxAlt = 2000
)

// Client posts through one Slack incoming webhook.
type Client struct {
	MediaBaseURL string // where the repository's images are served, or ""

	channel string
	webhook string // the webhook URL: secret
	urlVar  string
	http    *httpapi.Client
}

var _ pipeline.Channel = (*Client)(nil)

// FromConfig builds the client of a slack channel of crieur.yml.
func FromConfig(cc pipeline.ChannelConfig, secrets map[string]string, hc *http.Client) (*Client, error) {
	raw, err := cc.Secret(secrets, "webhook_url")
	if err != nil {
		return nil, err
	}
	urlVar := cc.Secrets["webhook_url"]
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" || u.User != nil {
		// Never quote the URL: it is the secret.
		return nil, fmt.Errorf("the webhook URL in %s is not an http(s) URL: copy it again from the Slack app's Incoming Webhooks page", urlVar)
	}
	base := strings.TrimRight(strings.TrimSpace(cc.Options["media_base_url"]), "/")
	if base != "" {
		mu, err := url.Parse(base)
		if err != nil || (mu.Scheme != "https" && mu.Scheme != "http") || mu.Host == "" {
			return nil, fmt.Errorf("option media_base_url %q is not an http(s) URL (channels.%s.options.media_base_url)", base, cc.Name)
		}
	}
	c := &Client{MediaBaseURL: base, channel: cc.Name, webhook: raw, urlVar: urlVar}
	c.http = &httpapi.Client{Secrets: httpapi.Values(secrets), Network: network, Client: hc,
		AuthHint: "the webhook URL in " + urlVar + " was refused: create a new incoming webhook and update the variable"}
	return c, nil
}

// escape is "Escaping text": &, < and > only.
var escape = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;").Replace

type textObject struct {
	Type string `json:"type"`
	Text string `json:"text"`
}

type block struct {
	Type     string      `json:"type"`
	Text     *textObject `json:"text,omitempty"`
	ImageURL string      `json:"image_url,omitempty"`
	AltText  string      `json:"alt_text,omitempty"`
}

type payload struct {
	Text   string  `json:"text"`
	Blocks []block `json:"blocks,omitempty"`
}

// Publish posts the message: the first part (with its image blocks), then
// the other parts and the first comment as the following messages.
func (c *Client) Publish(ctx context.Context, m pipeline.Message) (pipeline.Receipt, error) {
	if err := ctx.Err(); err != nil {
		return pipeline.Receipt{}, err
	}
	if m.Key == "" {
		return pipeline.Receipt{}, errors.New("slack: a message needs its idempotency key")
	}
	var texts []string
	for i, p := range m.Parts {
		if i == 0 || strings.TrimSpace(p) != "" {
			texts = append(texts, p)
		}
	}
	if strings.TrimSpace(m.FirstComment) != "" {
		texts = append(texts, m.FirstComment)
	}
	if len(texts) == 0 || strings.TrimSpace(texts[0]) == "" && len(m.Media) == 0 {
		return pipeline.Receipt{}, &pipeline.Failure{Network: network, Op: "POST webhook", Message: "nothing to send: no text and no image"}
	}
	var blocks []block
	if len(m.Media) > 0 {
		if c.MediaBaseURL == "" {
			return pipeline.Receipt{}, &pipeline.Failure{Network: network, Op: "POST webhook",
				Message: fmt.Sprintf("the post has %d image(s) and an incoming webhook cannot upload files", len(m.Media)),
				Hint:    fmt.Sprintf("set channels.%s.options.media_base_url to the public address the repository's images are served from, or remove the images for this channel", c.channel)}
		}
		blocks = c.blocks(texts[0], m.Media)
		if len(blocks) > maxBlocks {
			return pipeline.Receipt{}, &pipeline.Failure{Network: network, Op: "POST webhook",
				Message: fmt.Sprintf("%d blocks: a message holds at most %d", len(blocks), maxBlocks), Hint: "shorten the text or send fewer images"}
		}
	}
	sent := 0
	for i, text := range texts {
		p := payload{Text: escape(text)}
		if i == 0 {
			p.Blocks = blocks
		}
		if err := c.post(ctx, p); err != nil {
			return pipeline.Receipt{}, c.partial(err, sent)
		}
		sent++
	}
	// No Parts: nothing could take them down.
	return pipeline.Receipt{ID: receiptID(m.Key)}, nil
}

// receiptID is the stable id of a delivery: Slack gives none.
func receiptID(key string) string {
	if len(key) > 16 {
		key = key[:16]
	}
	return "slack-" + key
}

// blocks is the text in sections and one image block per image.
func (c *Client) blocks(text string, media []pipeline.Attachment) []block {
	var out []block
	for _, chunk := range split(text, maxSection) {
		out = append(out, block{Type: "section", Text: &textObject{Type: "mrkdwn", Text: chunk}})
	}
	for _, a := range media {
		alt := strings.TrimSpace(a.Alt)
		if alt == "" {
			alt = path.Base(a.Name) // Slack requires alt_text
		}
		if r := []rune(alt); len(r) > maxAlt {
			alt = string(r[:maxAlt-1]) + "…"
		}
		out = append(out, block{Type: "image", ImageURL: c.mediaURL(a.Name), AltText: alt})
	}
	return out
}

// mediaURL is media_base_url followed by the image's path, each segment
// escaped.
func (c *Client) mediaURL(name string) string {
	segs := strings.Split(strings.TrimLeft(strings.ReplaceAll(name, "\\", "/"), "/"), "/")
	for i, s := range segs {
		segs[i] = url.PathEscape(s)
	}
	return c.MediaBaseURL + "/" + strings.Join(segs, "/")
}

// split cuts text into escaped chunks of at most limit characters, at a
// space or line break within the limit, when there is one.
func split(text string, limit int) []string {
	text = strings.TrimSpace(text)
	var out []string
	for text != "" {
		n, cut, lastSpace := 0, len(text), -1
		for i, r := range text {
			cost := len([]rune(escape(string(r))))
			if n+cost > limit {
				cut = i
				break
			}
			n += cost
			if unicode.IsSpace(r) {
				lastSpace = i
			}
		}
		if cut < len(text) && lastSpace > 0 {
			cut = lastSpace
		}
		out = append(out, escape(strings.TrimSpace(text[:cut])))
		text = strings.TrimSpace(text[cut:])
	}
	return out
}

// post sends one message; Slack answers "ok".
func (c *Client) post(ctx context.Context, p payload) error {
	const op = "POST webhook"
	body, err := json.Marshal(p)
	if err != nil {
		return err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.webhook, bytes.NewReader(body))
	if err != nil {
		return &pipeline.Failure{Network: network, Op: op, Message: "the webhook URL does not make a valid request"}
	}
	req.GetBody = func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(body)), nil }
	req.Header.Set("Content-Type", "application/json")
	_, err = c.http.Do(req, op)
	return c.classify(err)
}

// classify adds a hint to the errors a user can fix.
func (c *Client) classify(err error) error {
	f := pipeline.AsFailure(err)
	if f == nil {
		return err
	}
	cp := *f
	f = &cp
	renew := "create a new incoming webhook and put its URL in " + c.urlVar
	switch word := strings.TrimSpace(f.Message); word {
	case "invalid_token", "no_service", "no_team", "team_disabled", "no_active_hooks", "no_service_id":
		f.Hint = "the webhook in " + c.urlVar + " was revoked or is wrong (" + word + "): " + renew
	case "channel_is_archived":
		f.Hint = "the webhook's channel is archived: unarchive it, or " + renew + " for another channel"
	case "channel_not_found":
		f.Hint = "the webhook's channel no longer exists: " + renew + " for another channel"
	case "action_prohibited":
		f.Hint = "a workspace administrator restricted this webhook"
	case "posting_to_general_channel_denied":
		f.Hint = "only some members may post in this channel: " + renew + " for another channel"
	case "invalid_blocks", "invalid_blocks_format", "invalid_attachments":
		f.Hint = fmt.Sprintf("Slack refused the image blocks: check that channels.%s.options.media_base_url serves the images publicly", c.channel)
	}
	return f
}

// partial marks a failure after some messages went out.
func (c *Client) partial(err error, sent int) error {
	if sent == 0 {
		return err
	}
	return pipeline.PartlyOut(err, network, "POST webhook", fmt.Sprintf("%d message(s) of this post already went out: delete them in Slack before sending again", sent))
}
