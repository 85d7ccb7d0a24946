package discord

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"mime/multipart"
	"net/http"
	"net/textproto"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/crieur/crieur/pipeline"
	"github.com/crieur/crieur/pipeline/channels/internal/httpapi"
)

const (
	network = "discord"
	// maxWait caps how long the package waits for a rate-limit bucket to
	// refill between two messages of one post.
	maxWait = 30 * time.Second
)

// facts is what pipeline's table of networks says of Discord: how many
// files one message takes ("Uploading Files", files[n]; the client and the
// API stop at 10).
var facts, _ = pipeline.LookupNetwork(network)

// Client posts through one Discord webhook.
type Client struct {
	ThreadID string // a thread of the webhook's channel, or ""
	// Sleep waits out the rate limit between two requests; nil sleeps for
	// real (tests record it).
	Sleep func(ctx context.Context, d time.Duration) error

	channel string
	base    string // scheme://host/…/webhooks/<id>/<token>: secret
	urlVar  string // the environment variable holding the URL, for hints
	http    *httpapi.Client
	pending time.Duration // wait before the next request (rate limit)
	guild   string        // the webhook's guild id, once known
}

var (
	_ pipeline.Channel   = (*Client)(nil)
	_ pipeline.Retracter = (*Client)(nil)
)

// FromConfig builds the client of a discord channel of crieur.yml.
func FromConfig(cc pipeline.ChannelConfig, secrets map[string]string, hc *http.Client) (*Client, error) {
	raw, err := cc.Secret(secrets, "webhook_url")
	if err != nil {
		return nil, err
	}
	urlVar := cc.Secrets["webhook_url"]
	base, query, ok := parseWebhook(raw)
	if !ok {
		return nil, fmt.Errorf("the webhook URL in %s is not a Discord webhook URL (https://discord.com/api/webhooks/<id>/<token>): copy it again from the channel's Integrations settings", urlVar)
	}
	thread := strings.TrimSpace(cc.Options["thread_id"])
	if thread == "" {
		thread = query.Get("thread_id")
	}
	for _, r := range thread {
		if r < '0' || r > '9' {
			return nil, fmt.Errorf("option thread_id %q is not a Discord id (digits only; channels.%s.options.thread_id)", thread, cc.Name)
		}
	}
	c := &Client{ThreadID: thread, channel: cc.Name, base: base, urlVar: urlVar}
	c.http = &httpapi.Client{Secrets: httpapi.Values(secrets), Network: network, Client: hc, ErrorMessage: errorMessage,
		AuthHint: "the webhook in " + urlVar + " was refused: create a new webhook (channel settings → Integrations → Webhooks) and update the variable"}
	return c, nil
}

// parseWebhook checks a webhook URL and returns it without its query: it
// must end in /webhooks/<id>/<token>. Errors never quote it.
func parseWebhook(raw string) (string, url.Values, bool) {
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" || u.User != nil {
		return "", nil, false
	}
	segs := strings.Split(strings.TrimSuffix(u.Path, "/"), "/")
	n := len(segs)
	if n < 3 || segs[n-3] != "webhooks" || segs[n-2] == "" || segs[n-1] == "" {
		return "", nil, false
	}
	for _, r := range segs[n-2] {
		if r < '0' || r > '9' {
			return "", nil, false
		}
	}
	q := u.Query()
	u.RawQuery, u.Fragment = "", ""
	u.Path = strings.Join(segs, "/")
	u.RawPath = ""
	return u.String(), q, true
}

// discordMessage is the part of a Message object this package reads.
type discordMessage struct {
	ID        string `json:"id"`
	ChannelID string `json:"channel_id"`
	Timestamp string `json:"timestamp"`
}

type allowedMentions struct {
	Parse []string `json:"parse"`
}

type attachment struct {
	ID          int    `json:"id"`
	Filename    string `json:"filename"`
	Description string `json:"description,omitempty"`
}

type executePayload struct {
	Content         string          `json:"content,omitempty"`
	AllowedMentions allowedMentions `json:"allowed_mentions"`
	Attachments     []attachment    `json:"attachments,omitempty"`
}

// Publish posts the first part with the images, then the other parts and
// the first comment as the following messages.
func (c *Client) Publish(ctx context.Context, m pipeline.Message) (pipeline.Receipt, error) {
	if err := ctx.Err(); err != nil {
		return pipeline.Receipt{}, err
	}
	if len(m.Media) > facts.Media.Max {
		return pipeline.Receipt{}, &pipeline.Failure{Network: network, Op: "execute webhook",
			Message: fmt.Sprintf("%d images: a message takes at most %d files", len(m.Media), facts.Media.Max), Hint: "keep ten images or fewer"}
	}
	var texts []string
	for i, p := range m.Parts {
		if i == 0 || strings.TrimSpace(p) != "" {
			texts = append(texts, p)
		}
	}
	if strings.TrimSpace(m.FirstComment) != "" {
		if len(texts) == 0 {
			texts = append(texts, "")
		}
		texts = append(texts, m.FirstComment)
	}
	if len(texts) == 0 {
		texts = []string{""}
	}
	if strings.TrimSpace(texts[0]) == "" && len(m.Media) == 0 {
		return pipeline.Receipt{}, &pipeline.Failure{Network: network, Op: "execute webhook", Message: "nothing to send: no text and no image"}
	}

	var sent []discordMessage
	for i, text := range texts {
		var media []pipeline.Attachment
		if i == 0 {
			media = m.Media
		}
		msg, err := c.execute(ctx, text, media)
		if err != nil {
			return pipeline.Receipt{}, c.partial(err, sent)
		}
		sent = append(sent, msg)
	}
	r := pipeline.Receipt{ID: sent[0].ID, URL: c.link(ctx, sent[0])}
	if t, err := time.Parse(time.RFC3339Nano, sent[0].Timestamp); err == nil {
		r.At = t
	}
	for _, s := range sent[1:] {
		r.Parts = append(r.Parts, s.ID)
	}
	return r, nil
}

// execute sends one message (Execute Webhook, wait=true).
func (c *Client) execute(ctx context.Context, text string, media []pipeline.Attachment) (discordMessage, error) {
	q := url.Values{"wait": {"true"}}
	if c.ThreadID != "" {
		q.Set("thread_id", c.ThreadID)
	}
	payload := executePayload{Content: text, AllowedMentions: allowedMentions{Parse: []string{}}}
	var body []byte
	contentType := "application/json"
	if len(media) == 0 {
		b, err := json.Marshal(payload)
		if err != nil {
			return discordMessage{}, err
		}
		body = b
	} else {
		for i, a := range media {
			payload.Attachments = append(payload.Attachments, attachment{ID: i, Filename: filepath.Base(a.Path), Description: a.Alt})
		}
		ct, b, err := multipartBody(payload, media)
		if err != nil {
			return discordMessage{}, err
		}
		contentType, body = ct, b
	}
	res, err := c.do(ctx, http.MethodPost, c.base+"?"+q.Encode(), "POST /webhooks/{id}/{token}", contentType, body)
	if err != nil {
		return discordMessage{}, err
	}
	var msg discordMessage
	if err := json.Unmarshal(res.Body, &msg); err != nil || msg.ID == "" {
		// The message was accepted (2xx) but its id cannot be read.
		return discordMessage{}, &pipeline.Failure{Network: network, Op: "POST /webhooks/{id}/{token}", Status: res.Status,
			Message: "the answer holds no message id", Temporary: true, MaybeSent: true, Err: err}
	}
	return msg, nil
}

// multipartBody is payload_json and files[n] ("Uploading Files").
func multipartBody(payload executePayload, media []pipeline.Attachment) (string, []byte, error) {
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	js, err := json.Marshal(payload)
	if err != nil {
		return "", nil, err
	}
	h := textproto.MIMEHeader{}
	h.Set("Content-Disposition", `form-data; name="payload_json"`)
	h.Set("Content-Type", "application/json")
	pw, err := w.CreatePart(h)
	if err != nil {
		return "", nil, err
	}
	if _, err := pw.Write(js); err != nil {
		return "", nil, err
	}
	for i, a := range media {
		data, err := os.ReadFile(a.Path)
		if err != nil {
			return "", nil, fmt.Errorf("%s: image %s: %w", network, a.Name, err)
		}
		h := textproto.MIMEHeader{}
		h.Set("Content-Disposition", fmt.Sprintf(`form-data; name="files[%d]"; filename=%q`, i, filepath.Base(a.Path)))
		ct := "application/octet-stream"
		if f := pipeline.ImageFormat(data); f != "" {
			ct = "image/" + f
		}
		h.Set("Content-Type", ct)
		fw, err := w.CreatePart(h)
		if err != nil {
			return "", nil, err
		}
		if _, err := fw.Write(data); err != nil {
			return "", nil, err
		}
	}
	if err := w.Close(); err != nil {
		return "", nil, err
	}
	return w.FormDataContentType(), buf.Bytes(), nil
}

// do sends one request after the wait the last answer asked for, and
// notes the wait the next one needs.
func (c *Client) do(ctx context.Context, method, u, op, contentType string, body []byte) (*httpapi.Response, error) {
	if c.pending > 0 {
		if err := c.sleep(ctx, c.pending); err != nil {
			return nil, err
		}
		c.pending = 0
	}
	var rd io.Reader
	if body != nil {
		rd = bytes.NewReader(body)
	}
	req, err := http.NewRequestWithContext(ctx, method, u, rd)
	if err != nil {
		return nil, &pipeline.Failure{Network: network, Op: op, Message: "the webhook URL does not make a valid request"}
	}
	if body != nil {
		req.GetBody = func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(body)), nil }
		req.Header.Set("Content-Type", contentType)
	}
	req.Header.Set("Accept", "application/json")
	res, err := c.http.Do(req, op)
	if res != nil {
		c.pending = bucketWait(res.Header)
	}
	if err != nil {
		return res, c.classify(err, res)
	}
	return res, nil
}

// bucketWait is how long to wait before the next request: the bucket's
// reset when it has no request left ("Rate Limits", header format).
func bucketWait(h http.Header) time.Duration {
	if strings.TrimSpace(h.Get("X-RateLimit-Remaining")) != "0" {
		return 0
	}
	d := seconds(h.Get("X-RateLimit-Reset-After"))
	if d > maxWait {
		d = maxWait
	}
	return d
}

// seconds reads a number of seconds that "can have decimals".
func seconds(v string) time.Duration {
	f, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
	if err != nil || f <= 0 {
		return 0
	}
	return millis(f)
}

// millis turns seconds with decimals into a duration, to the millisecond
// ("to match previous millisecond ratelimit precision").
func millis(sec float64) time.Duration {
	return time.Duration(math.Round(sec*1000)) * time.Millisecond
}

func (c *Client) sleep(ctx context.Context, d time.Duration) error {
	if c.Sleep != nil {
		return c.Sleep(ctx, d)
	}
	return pipeline.Sleep(ctx, d)
}

// apiError is Discord's error body: a JSON error code, a message, and for
// Invalid Form Body the fields at fault.
type apiError struct {
	Code       int             `json:"code"`
	Message    string          `json:"message"`
	Errors     json.RawMessage `json:"errors"`
	RetryAfter float64         `json:"retry_after"`
	Global     bool            `json:"global"`
}

// errorMessage is the message of an error body, with the fields of an
// Invalid Form Body ("Error Messages").
func errorMessage(b []byte) string {
	var e apiError
	if json.Unmarshal(b, &e) != nil || e.Message == "" {
		return httpapi.ErrorMessage(b)
	}
	var details []string
	if len(e.Errors) > 0 {
		var tree any
		if json.Unmarshal(e.Errors, &tree) == nil {
			fieldErrors("", tree, &details)
		}
	}
	if len(details) == 0 {
		return e.Message
	}
	return e.Message + ": " + strings.Join(details, "; ")
}

// fieldErrors walks the errors object: keys are field names or array
// indexes, "_errors" lists the problems of the field reached.
func fieldErrors(path string, node any, out *[]string) {
	obj, ok := node.(map[string]any)
	if !ok {
		return
	}
	keys := make([]string, 0, len(obj))
	for k := range obj {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if k == "_errors" {
			list, _ := obj[k].([]any)
			for _, item := range list {
				m, _ := item.(map[string]any)
				msg, _ := m["message"].(string)
				if msg == "" {
					continue
				}
				if path != "" {
					msg = path + ": " + msg
				}
				*out = append(*out, msg)
			}
			continue
		}
		p := k
		if path != "" {
			p = path + "." + k
		}
		fieldErrors(p, obj[k], out)
	}
}

// classify completes HTTPClient's Failure with what Discord's body says.
func (c *Client) classify(err error, res *httpapi.Response) error {
	f := pipeline.AsFailure(err)
	if f == nil || res == nil {
		return err
	}
	cp := *f
	f = &cp
	var e apiError
	_ = json.Unmarshal(res.Body, &e)
	if f.Status == http.StatusTooManyRequests {
		if e.RetryAfter > 0 { // seconds, with decimals: more precise than Retry-After
			f.RetryAfter = millis(e.RetryAfter)
		} else if f.RetryAfter == 0 {
			f.RetryAfter = seconds(res.Header.Get("X-RateLimit-Reset-After"))
		}
		if e.Global || res.Header.Get("X-RateLimit-Global") == "true" {
			f.Hint = "Discord's global rate limit: wait before publishing again"
		}
	}
	renew := "create a new webhook (channel settings → Integrations → Webhooks) and put its URL in " + c.urlVar
	switch e.Code {
	case 10015: // Unknown Webhook
		f.Hint = "the webhook in " + c.urlVar + " was deleted: " + renew
	case 50027: // Invalid Webhook Token
		f.Hint = "the webhook token in " + c.urlVar + " is wrong: " + renew
	case 220001: // forum channel without thread
		f.Hint = fmt.Sprintf("the webhook posts to a forum channel: set channels.%s.options.thread_id to the thread to post in", c.channel)
	case 40005: // Request entity too large
		f.Hint = "the images are too large for this server (10 MiB each without boosts)"
	case 10003: // Unknown Channel: the thread
		if c.ThreadID != "" {
			f.Hint = fmt.Sprintf("check channels.%s.options.thread_id (%s)", c.channel, c.ThreadID)
		}
	}
	if f.Hint == "" && f.Status == http.StatusNotFound && e.Code == 0 {
		f.Hint = "no webhook at this address: " + renew
	}
	return f
}

// partial marks a failure after some messages went out.
func (c *Client) partial(err error, sent []discordMessage) error {
	if len(sent) == 0 {
		return err
	}
	ids := make([]string, len(sent))
	for i, s := range sent {
		ids[i] = s.ID
	}
	return pipeline.PartlyOut(err, network, "publish", fmt.Sprintf("messages %s already went out: delete them, or record %s as this post's id, before sending again", strings.Join(ids, ", "), ids[0]))
}

// link is the message's address, with the guild Get Webhook with Token
// gives; "" when it cannot be known.
func (c *Client) link(ctx context.Context, msg discordMessage) string {
	if msg.ChannelID == "" {
		return ""
	}
	if c.guild == "" {
		res, err := c.do(ctx, http.MethodGet, c.base, "GET /webhooks/{id}/{token}", "", nil)
		if err != nil {
			return ""
		}
		var w struct {
			GuildID string `json:"guild_id"`
		}
		if json.Unmarshal(res.Body, &w) != nil {
			return ""
		}
		c.guild = w.GuildID
	}
	if c.guild == "" {
		return ""
	}
	return "https://discord.com/channels/" + c.guild + "/" + msg.ChannelID + "/" + msg.ID
}

// Retract deletes the post's messages (Delete Webhook Message). A message
// already gone is not an error.
func (c *Client) Retract(ctx context.Context, r pipeline.Receipt) error {
	q := url.Values{}
	if c.ThreadID != "" {
		q.Set("thread_id", c.ThreadID)
	}
	var errs []error
	for _, id := range append([]string{r.ID}, r.Parts...) {
		if id == "" {
			continue
		}
		if strings.Trim(id, "0123456789") != "" {
			errs = append(errs, fmt.Errorf("%s: %q is not a message id", network, id))
			continue
		}
		u := c.base + "/messages/" + id
		if len(q) > 0 {
			u += "?" + q.Encode()
		}
		_, err := c.do(ctx, http.MethodDelete, u, "DELETE /webhooks/{id}/{token}/messages/{id}", "", nil)
		if f := pipeline.AsFailure(err); f != nil && f.Status == http.StatusNotFound && strings.Contains(f.Message, "Unknown Message") {
			err = nil // already gone
		}
		if err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}
