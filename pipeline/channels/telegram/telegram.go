package telegram

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/textproto"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
	"unicode/utf16"

	"github.com/crieur/crieur/pipeline"
	"github.com/crieur/crieur/pipeline/channels/internal/httpapi"
)

const (
	network    = "telegram"
	defaultAPI = "https://api.telegram.org"
	// maxCaption is a caption's limit, "0-1024 characters after entities
	// parsing" (sendPhoto, InputMediaPhoto).
	maxCaption = 1024
	// pace is the spacing of messages in one chat the Bots FAQ asks for.
	pace = time.Second
)

// facts is what pipeline's table of networks says of Telegram: how many
// images an album holds (sendMediaGroup: "2-10 items").
var facts, _ = pipeline.LookupNetwork(network)

// Client publishes to one Telegram chat with a bot.
type Client struct {
	Chat               string // a chat id or a channel's @username
	API                string // the Bot API's base URL
	DisableLinkPreview bool
	// Sleep waits between two messages; nil sleeps for real (tests record it).
	Sleep func(ctx context.Context, d time.Duration) error

	channel  string
	token    string
	tokenVar string // the environment variable holding the token, for hints
	http     *httpapi.Client
	pace     time.Duration
}

var (
	_ pipeline.Channel   = (*Client)(nil)
	_ pipeline.Retracter = (*Client)(nil)
)

// FromConfig builds the client of a telegram channel of crieur.yml.
func FromConfig(cc pipeline.ChannelConfig, secrets map[string]string, hc *http.Client) (*Client, error) {
	token, err := cc.Secret(secrets, "bot_token")
	if err != nil {
		return nil, err
	}
	if !validToken(token) {
		return nil, fmt.Errorf("the bot token in %s does not look like one (digits, a colon, then letters, digits, - and _): copy it again from @BotFather", cc.Secrets["bot_token"])
	}
	chat := strings.TrimSpace(cc.Options["chat"])
	if chat == "" {
		return nil, fmt.Errorf("option chat is missing: set channels.%s.options.chat to the channel's @username or the chat's id", cc.Name)
	}
	api := strings.TrimRight(cc.Options["api"], "/")
	if api == "" {
		api = defaultAPI
	}
	if !strings.HasPrefix(api, "https://") && !strings.HasPrefix(api, "http://") {
		return nil, fmt.Errorf("option api %q is not an http(s) URL (channels.%s.options.api)", api, cc.Name)
	}
	noPreview := false
	if v := cc.Options["disable_link_preview"]; v != "" {
		noPreview, err = strconv.ParseBool(v)
		if err != nil {
			return nil, fmt.Errorf("option disable_link_preview %q is not true or false (channels.%s.options.disable_link_preview)", v, cc.Name)
		}
	}
	c := &Client{Chat: chat, API: api, DisableLinkPreview: noPreview, channel: cc.Name, token: token,
		tokenVar: cc.Secrets["bot_token"], pace: pace}
	c.http = &httpapi.Client{Secrets: httpapi.Values(secrets), Network: network, Client: hc,
		AuthHint: "the bot token in " + c.tokenVar + " was refused: get a new one from @BotFather (/token) and update the variable"}
	return c, nil
}

// validToken accepts what @BotFather gives, "123456:ABC-DEF…", and refuses
// anything that would change the request's path.
func validToken(t string) bool {
	id, rest, ok := strings.Cut(t, ":")
	if !ok || id == "" || rest == "" {
		return false
	}
	for _, r := range id {
		if r < '0' || r > '9' {
			return false
		}
	}
	for _, r := range rest {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_') {
			return false
		}
	}
	return true
}

// message is the part of a Telegram Message this package reads.
type message struct {
	MessageID int64 `json:"message_id"`
	Date      int64 `json:"date"`
	Chat      struct {
		ID       int64  `json:"id"`
		Type     string `json:"type"`
		Username string `json:"username"`
	} `json:"chat"`
}

// envelope is every Bot API answer ("Making requests").
type envelope struct {
	OK          bool            `json:"ok"`
	Result      json.RawMessage `json:"result"`
	ErrorCode   int             `json:"error_code"`
	Description string          `json:"description"`
	Parameters  struct {
		RetryAfter      int   `json:"retry_after"`
		MigrateToChatID int64 `json:"migrate_to_chat_id"`
	} `json:"parameters"`
}

// Publish sends the message: its images with the first part, the rest of
// the thread as replies, the first comment as a reply to the first
// message.
func (c *Client) Publish(ctx context.Context, m pipeline.Message) (pipeline.Receipt, error) {
	if err := ctx.Err(); err != nil {
		return pipeline.Receipt{}, err
	}
	parts := m.Parts
	if len(parts) == 0 && len(m.Media) == 0 {
		return pipeline.Receipt{}, &pipeline.Failure{Network: network, Op: "publish", Message: "nothing to send: no text and no image"}
	}
	if len(m.Media) > facts.Media.Max {
		return pipeline.Receipt{}, &pipeline.Failure{Network: network, Op: "sendMediaGroup",
			Message: fmt.Sprintf("%d images: an album holds at most %d", len(m.Media), facts.Media.Max), Hint: "keep ten images or fewer"}
	}
	s := &sender{c: c}
	head := ""
	if len(parts) > 0 {
		head, parts = parts[0], parts[1:]
	}
	if err := s.head(ctx, head, m.Media); err != nil {
		return pipeline.Receipt{}, c.partial(err, s.sent)
	}
	prev := s.sent[len(s.sent)-1].MessageID // the message the next part replies to
	if len(m.Media) > 1 && len(s.sent) == len(m.Media) {
		prev = s.sent[0].MessageID // the album's caption is on its first photo
	}
	for _, p := range parts {
		reply := prev
		if err := s.send(ctx, func() ([]message, error) { return c.sendMessage(ctx, p, reply) }); err != nil {
			return pipeline.Receipt{}, c.partial(err, s.sent)
		}
		prev = s.sent[len(s.sent)-1].MessageID
	}
	if strings.TrimSpace(m.FirstComment) != "" {
		first := s.sent[0].MessageID
		if err := s.send(ctx, func() ([]message, error) { return c.sendMessage(ctx, m.FirstComment, first) }); err != nil {
			return pipeline.Receipt{}, c.partial(err, s.sent)
		}
	}
	return c.receipt(s.sent), nil
}

// sender sends the messages of one post, paced, and keeps those that went
// out.
type sender struct {
	c    *Client
	sent []message
}

func (s *sender) send(ctx context.Context, f func() ([]message, error)) error {
	if len(s.sent) > 0 {
		if err := s.c.sleep(ctx, s.c.pace); err != nil {
			return err
		}
	}
	msgs, err := f()
	if err != nil {
		return err
	}
	s.sent = append(s.sent, msgs...)
	return nil
}

// head sends the first part with the images: a message, or a photo or an
// album with the part as caption; a part too long for a caption follows
// the images as a reply.
func (s *sender) head(ctx context.Context, head string, media []pipeline.Attachment) error {
	c := s.c
	if len(media) == 0 {
		return s.send(ctx, func() ([]message, error) { return c.sendMessage(ctx, head, 0) })
	}
	caption := head
	if captionLength(head) > maxCaption {
		caption = ""
	}
	var err error
	if len(media) == 1 {
		err = s.send(ctx, func() ([]message, error) { return c.sendPhoto(ctx, media[0], caption) })
	} else {
		err = s.send(ctx, func() ([]message, error) { return c.sendMediaGroup(ctx, media, caption) })
	}
	if err == nil && caption == "" && strings.TrimSpace(head) != "" {
		first := s.sent[0].MessageID
		err = s.send(ctx, func() ([]message, error) { return c.sendMessage(ctx, head, first) })
	}
	return err
}

func (c *Client) receipt(sent []message) pipeline.Receipt {
	first := sent[0]
	r := pipeline.Receipt{ID: strconv.FormatInt(first.MessageID, 10), URL: c.publicURL(first)}
	if first.Date > 0 {
		r.At = time.Unix(first.Date, 0)
	}
	for _, s := range sent[1:] {
		r.Parts = append(r.Parts, strconv.FormatInt(s.MessageID, 10))
	}
	return r
}

// publicURL is the message's t.me address when its chat is public.
func (c *Client) publicURL(msg message) string {
	name := ""
	switch {
	case msg.Chat.Username != "" && (msg.Chat.Type == "channel" || msg.Chat.Type == "supergroup"):
		name = msg.Chat.Username
	case strings.HasPrefix(c.Chat, "@"): // chat_id takes @username for public channels and supergroups only
		name = strings.TrimPrefix(c.Chat, "@")
	}
	if name == "" || msg.MessageID == 0 {
		return ""
	}
	return "https://t.me/" + name + "/" + strconv.FormatInt(msg.MessageID, 10)
}

// partial marks a failure that came after some messages went out: the post
// is (partly) out, sending it again would repeat those messages.
func (c *Client) partial(err error, sent []message) error {
	if len(sent) == 0 {
		return err
	}
	ids := make([]string, len(sent))
	for i, s := range sent {
		ids[i] = strconv.FormatInt(s.MessageID, 10)
	}
	return pipeline.PartlyOut(err, network, "publish", fmt.Sprintf("messages %s already went out in %s: delete them, or record %s as this post's id, before sending again", strings.Join(ids, ", "), c.Chat, ids[0]))
}

func (c *Client) sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	if c.Sleep != nil {
		return c.Sleep(ctx, d)
	}
	return pipeline.Sleep(ctx, d)
}

// escape makes plain text safe for parse_mode HTML: "All <, > and &
// symbols that are not a part of a tag or an HTML entity must be replaced
// with the corresponding HTML entities".
var escape = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;").Replace

// captionLength counts as Telegram does, in UTF-16 code units.
func captionLength(s string) int { return len(utf16.Encode([]rune(s))) }

type replyParameters struct {
	MessageID int64 `json:"message_id"`
}

type linkPreviewOptions struct {
	IsDisabled bool `json:"is_disabled"`
}

type sendMessageRequest struct {
	ChatID             string              `json:"chat_id"`
	Text               string              `json:"text"`
	ParseMode          string              `json:"parse_mode"`
	LinkPreviewOptions *linkPreviewOptions `json:"link_preview_options,omitempty"`
	ReplyParameters    *replyParameters    `json:"reply_parameters,omitempty"`
}

func (c *Client) sendMessage(ctx context.Context, text string, replyTo int64) ([]message, error) {
	req := sendMessageRequest{ChatID: c.Chat, Text: escape(text), ParseMode: "HTML"}
	if c.DisableLinkPreview {
		req.LinkPreviewOptions = &linkPreviewOptions{IsDisabled: true}
	}
	if replyTo != 0 {
		req.ReplyParameters = &replyParameters{MessageID: replyTo}
	}
	body, err := json.Marshal(req)
	if err != nil {
		return nil, err
	}
	var msg message
	if err := c.call(ctx, "sendMessage", "application/json", body, &msg); err != nil {
		return nil, err
	}
	return []message{msg}, nil
}

func (c *Client) sendPhoto(ctx context.Context, a pipeline.Attachment, caption string) ([]message, error) {
	f := newForm()
	f.field("chat_id", c.Chat)
	if caption != "" {
		f.field("caption", escape(caption))
		f.field("parse_mode", "HTML")
	}
	if err := f.file("photo", a); err != nil {
		return nil, err
	}
	ct, body, err := f.close()
	if err != nil {
		return nil, err
	}
	var msg message
	if err := c.call(ctx, "sendPhoto", ct, body, &msg); err != nil {
		return nil, err
	}
	return []message{msg}, nil
}

type inputMediaPhoto struct {
	Type      string `json:"type"`
	Media     string `json:"media"`
	Caption   string `json:"caption,omitempty"`
	ParseMode string `json:"parse_mode,omitempty"`
}

func (c *Client) sendMediaGroup(ctx context.Context, media []pipeline.Attachment, caption string) ([]message, error) {
	f := newForm()
	f.field("chat_id", c.Chat)
	items := make([]inputMediaPhoto, len(media))
	for i := range media {
		items[i] = inputMediaPhoto{Type: "photo", Media: "attach://photo" + strconv.Itoa(i)}
	}
	if caption != "" {
		items[0].Caption, items[0].ParseMode = escape(caption), "HTML"
	}
	js, err := json.Marshal(items)
	if err != nil {
		return nil, err
	}
	f.field("media", string(js))
	for i, a := range media {
		if err := f.file("photo"+strconv.Itoa(i), a); err != nil {
			return nil, err
		}
	}
	ct, body, err := f.close()
	if err != nil {
		return nil, err
	}
	var msgs []message
	if err := c.call(ctx, "sendMediaGroup", ct, body, &msgs); err != nil {
		return nil, err
	}
	if len(msgs) == 0 {
		return nil, &pipeline.Failure{Network: network, Op: "POST sendMediaGroup", Status: http.StatusOK,
			Message: "the answer lists no message", Temporary: true, MaybeSent: true}
	}
	return msgs, nil
}

// form builds a multipart/form-data body ("Sending files").
type form struct {
	buf bytes.Buffer
	w   *multipart.Writer
	err error
}

func newForm() *form {
	f := &form{}
	f.w = multipart.NewWriter(&f.buf)
	return f
}

func (f *form) field(name, value string) {
	if f.err == nil {
		f.err = f.w.WriteField(name, value)
	}
}

func (f *form) file(name string, a pipeline.Attachment) error {
	if f.err != nil {
		return f.err
	}
	data, err := os.ReadFile(a.Path)
	if err != nil {
		return fmt.Errorf("%s: image %s: %w", network, a.Name, err)
	}
	h := textproto.MIMEHeader{}
	h.Set("Content-Disposition", fmt.Sprintf(`form-data; name=%q; filename=%q`, name, filepath.Base(a.Path)))
	ct := "application/octet-stream"
	if format := pipeline.ImageFormat(data); format != "" {
		ct = "image/" + format
	}
	h.Set("Content-Type", ct)
	w, err := f.w.CreatePart(h)
	if err != nil {
		return err
	}
	_, err = w.Write(data)
	return err
}

func (f *form) close() (string, []byte, error) {
	if f.err != nil {
		return "", nil, f.err
	}
	if err := f.w.Close(); err != nil {
		return "", nil, err
	}
	return f.w.FormDataContentType(), f.buf.Bytes(), nil
}

// call posts a method and decodes its result into out.
func (c *Client) call(ctx context.Context, method, contentType string, body []byte, out any) error {
	op := "POST " + method
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.API+"/bot"+c.token+"/"+method, bytes.NewReader(body))
	if err != nil {
		// The URL holds the token: say what is wrong without it.
		return &pipeline.Failure{Network: network, Op: op, Message: "the option api does not make a valid URL"}
	}
	req.GetBody = func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(body)), nil }
	req.Header.Set("Content-Type", contentType)
	req.Header.Set("Accept", "application/json")
	res, err := c.http.Do(req, op)
	var env envelope
	if res != nil {
		_ = json.Unmarshal(res.Body, &env)
	}
	if err != nil {
		return c.classify(err, method, env)
	}
	if !env.OK {
		msg := env.Description
		if msg == "" {
			msg = "the answer is not a Bot API answer"
		}
		return &pipeline.Failure{Network: network, Op: op, Status: res.Status, Message: msg, Temporary: true, MaybeSent: true}
	}
	if out != nil {
		if err := json.Unmarshal(env.Result, out); err != nil {
			return &pipeline.Failure{Network: network, Op: op, Status: res.Status, Message: "unexpected result: " + err.Error(), Temporary: true, MaybeSent: true, Err: err}
		}
	}
	return nil
}

// classify completes HTTPClient's Failure with what the Bot API's body
// says: how long to wait, and what the user can do.
func (c *Client) classify(err error, method string, env envelope) error {
	f := pipeline.AsFailure(err)
	if f == nil {
		return err
	}
	cp := *f
	f = &cp
	if env.Parameters.RetryAfter > 0 {
		f.Temporary = true
		f.RetryAfter = time.Duration(env.Parameters.RetryAfter) * time.Second
	}
	desc := strings.ToLower(env.Description)
	if f.Status == http.StatusForbidden {
		// A 403 from the Bot API is about the chat, not the token (401).
		f.Hint = "the bot may not post in " + c.Chat + ": add it to the chat as an administrator allowed to post messages"
	}
	switch {
	case env.Parameters.MigrateToChatID != 0:
		f.Hint = fmt.Sprintf("the group became a supergroup: set channels.%s.options.chat to %d", c.channel, env.Parameters.MigrateToChatID)
	case f.Status == http.StatusNotFound:
		f.Hint = "the Bot API knows no such bot or method: check the bot token in " + c.tokenVar + " and the option api"
	case strings.Contains(desc, "chat not found"):
		f.Hint = fmt.Sprintf("check channels.%s.options.chat (%s): a public channel's @username or the chat's id, with the bot a member", c.channel, c.Chat)
	case strings.Contains(desc, "not enough rights") || strings.Contains(desc, "have no rights"):
		f.Hint = "give the bot the right to post messages (and photos) in " + c.Chat
	case strings.Contains(desc, "bot was kicked") || strings.Contains(desc, "bot was blocked"):
		f.Hint = "the bot was removed from " + c.Chat + ": add it again"
	case strings.Contains(desc, "can't parse entities"):
		f.Hint = "crieur escaped the text for HTML; please report this message"
	case method == "deleteMessage" && strings.Contains(desc, "can't be deleted"):
		f.Hint = "Telegram lets a bot delete a message only within 48 hours and with the right to delete: delete it by hand in " + c.Chat
	}
	return f
}

// Retract deletes the post's messages: the first, then the others of
// r.Parts. A message already gone is not an error.
func (c *Client) Retract(ctx context.Context, r pipeline.Receipt) error {
	var errs []error
	for _, id := range append([]string{r.ID}, r.Parts...) {
		if id == "" {
			continue
		}
		n, err := strconv.ParseInt(id, 10, 64)
		if err != nil {
			errs = append(errs, fmt.Errorf("%s: %q is not a message id", network, id))
			continue
		}
		body, err := json.Marshal(map[string]any{"chat_id": c.Chat, "message_id": n})
		if err != nil {
			return err
		}
		err = c.call(ctx, "deleteMessage", "application/json", body, nil)
		if f := pipeline.AsFailure(err); f != nil && f.Status == http.StatusBadRequest && strings.Contains(strings.ToLower(f.Message), "message to delete not found") {
			err = nil // already gone
		}
		if err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}
