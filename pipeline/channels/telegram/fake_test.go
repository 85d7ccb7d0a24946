package telegram

import (
	"encoding/json"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"unicode/utf16"
)

// fakeBot is a Telegram Bot API server as https://core.telegram.org/bots/api
// documents it:
//
//   - "Making requests": requests to /bot<token>/<METHOD_NAME>; answers
//     {"ok": true, "result": …} or {"ok": false, "error_code": …,
//     "description": …, "parameters": {"retry_after": …}}; an unknown
//     token answers 401 "Unauthorized", an unknown method 404 "Not Found".
//   - "Sending files": a file is uploaded with multipart/form-data, and
//     sendMediaGroup's InputMediaPhoto.media names it "attach://<name>".
//   - "Formatting options", HTML style: the supported tags are parsed and
//     shown as formatting; every other <, > and & must be an entity (&lt;
//     &gt; &amp; &quot; or numeric), else 400 "can't parse entities".
//   - "sendMessage" (text 1-4096 characters after entities parsing,
//     link_preview_options, reply_parameters), "sendPhoto" and
//     "InputMediaPhoto" (caption 0-1024 characters), "sendMediaGroup"
//     (2-10 items, returns an array of Messages), "ReplyParameters"
//     (400 "message to be replied not found"), "deleteMessage" (400
//     "message to delete not found").
//
// It is stricter than Telegram on one point: a parameter the method does
// not take is refused (Telegram ignores it), so that a typo fails a test.
type fakeBot struct {
	t     *testing.T
	token string
	chat  string // the chat_id it accepts
	// what getChat would say of it: its id, type and public username
	chatID       int64
	chatType     string
	chatUsername string

	mu      sync.Mutex
	next    int64
	date    int64
	msgs    map[int64]*fakeMsg
	sent    []*fakeMsg // in order
	calls   []string   // method names, in order
	bodies  []string   // raw request bodies
	deleted []int64
	// fail, when it returns a status, answers the call with it and body.
	fail func(method string, call int) (status int, body string)
}

type fakeMsg struct {
	ID        int64
	Method    string
	Text      string // as shown: entities decoded, tags dropped
	Caption   string
	ReplyTo   int64
	Photo     string // uploaded file name
	PhotoType string // its Content-Type
	PhotoSize int
	NoPreview bool
	AlbumPos  int // position in an album, from 1; 0 outside one
}

func newFakeBot(t *testing.T) (*fakeBot, *httptest.Server) {
	f := &fakeBot{t: t, token: "123456789:AAH-secret_tokenXYZ", chat: "@crieur_test",
		chatID: -1001234567890, chatType: "channel", chatUsername: "crieur_test",
		next: 40, date: 1796117400, msgs: map[int64]*fakeMsg{}}
	ts := httptest.NewServer(f)
	t.Cleanup(ts.Close)
	return f, ts
}

func (f *fakeBot) answer(w http.ResponseWriter, status int, result any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	if status == http.StatusOK {
		json.NewEncoder(w).Encode(map[string]any{"ok": true, "result": result})
		return
	}
	json.NewEncoder(w).Encode(map[string]any{"ok": false, "error_code": status, "description": result})
}

var methodPath = regexp.MustCompile(`^/bot([^/]+)/([A-Za-z]+)$`)

// allowed lists each method's parameters, files aside.
var allowed = map[string]map[string]bool{
	"sendMessage":    {"chat_id": true, "text": true, "parse_mode": true, "link_preview_options": true, "reply_parameters": true},
	"sendPhoto":      {"chat_id": true, "photo": true, "caption": true, "parse_mode": true, "reply_parameters": true},
	"sendMediaGroup": {"chat_id": true, "media": true, "reply_parameters": true},
	"deleteMessage":  {"chat_id": true, "message_id": true},
}

type upload struct {
	name, contentType string
	size              int
}

func (f *fakeBot) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	defer f.mu.Unlock()
	m := methodPath.FindStringSubmatch(r.URL.Path)
	if m == nil || m[1] != f.token {
		f.answer(w, http.StatusUnauthorized, "Unauthorized")
		return
	}
	method := m[2]
	params, ok := allowed[method]
	if !ok {
		f.answer(w, http.StatusNotFound, "Not Found")
		return
	}
	if r.Method != http.MethodPost {
		f.answer(w, http.StatusBadRequest, "Bad Request: this fake expects POST")
		return
	}
	f.calls = append(f.calls, method)
	raw, _ := io.ReadAll(r.Body)
	f.bodies = append(f.bodies, string(raw))
	if f.fail != nil {
		if status, body := f.fail(method, len(f.calls)); status != 0 {
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(status)
			io.WriteString(w, body)
			return
		}
	}

	// Read the parameters: JSON or multipart/form-data.
	fields := map[string]string{}
	files := map[string]upload{}
	ct, ctParams, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	switch ct {
	case "application/json":
		var obj map[string]json.RawMessage
		if err := json.Unmarshal(raw, &obj); err != nil {
			f.answer(w, http.StatusBadRequest, "Bad Request: can't parse JSON")
			return
		}
		for k, v := range obj {
			var s string
			if json.Unmarshal(v, &s) == nil {
				fields[k] = s
			} else {
				fields[k] = string(v)
			}
		}
	case "multipart/form-data":
		mr := multipart.NewReader(strings.NewReader(string(raw)), ctParams["boundary"])
		for {
			p, err := mr.NextPart()
			if err == io.EOF {
				break
			}
			if err != nil {
				f.answer(w, http.StatusBadRequest, "Bad Request: can't parse multipart: "+err.Error())
				return
			}
			data, _ := io.ReadAll(p)
			if p.FileName() != "" {
				files[p.FormName()] = upload{name: p.FileName(), contentType: p.Header.Get("Content-Type"), size: len(data)}
				continue
			}
			fields[p.FormName()] = string(data)
		}
	default:
		f.answer(w, http.StatusBadRequest, "Bad Request: unsupported Content-Type "+ct)
		return
	}
	for k := range fields {
		if !params[k] {
			f.answer(w, http.StatusBadRequest, "Bad Request: unexpected parameter "+k)
			return
		}
	}
	for k := range files {
		if !params[k] && !strings.HasPrefix(k, "photo") {
			f.answer(w, http.StatusBadRequest, "Bad Request: unexpected file "+k)
			return
		}
	}
	if fields["chat_id"] != f.chat {
		f.answer(w, http.StatusBadRequest, "Bad Request: chat not found")
		return
	}
	var replyTo int64
	if rp, ok := fields["reply_parameters"]; ok {
		var p struct {
			MessageID int64 `json:"message_id"`
		}
		dec := json.NewDecoder(strings.NewReader(rp))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&p); err != nil || p.MessageID == 0 {
			f.answer(w, http.StatusBadRequest, "Bad Request: invalid reply parameters")
			return
		}
		if f.msgs[p.MessageID] == nil {
			f.answer(w, http.StatusBadRequest, "Bad Request: message to be replied not found")
			return
		}
		replyTo = p.MessageID
	}

	switch method {
	case "sendMessage":
		text, err := parseText(fields["text"], fields["parse_mode"])
		if err != nil {
			f.answer(w, http.StatusBadRequest, err.Error())
			return
		}
		if n := utf16Len(text); n == 0 {
			f.answer(w, http.StatusBadRequest, "Bad Request: message text is empty")
			return
		} else if n > 4096 {
			f.answer(w, http.StatusBadRequest, "Bad Request: message is too long")
			return
		}
		msg := &fakeMsg{Method: method, Text: text, ReplyTo: replyTo}
		if lp, ok := fields["link_preview_options"]; ok {
			var o struct {
				IsDisabled bool `json:"is_disabled"`
			}
			dec := json.NewDecoder(strings.NewReader(lp))
			dec.DisallowUnknownFields()
			if dec.Decode(&o) != nil {
				f.answer(w, http.StatusBadRequest, "Bad Request: invalid link preview options")
				return
			}
			msg.NoPreview = o.IsDisabled
		}
		f.answer(w, http.StatusOK, f.store(msg))
	case "sendPhoto":
		caption, err := parseCaption(fields["caption"], fields["parse_mode"])
		if err != nil {
			f.answer(w, http.StatusBadRequest, err.Error())
			return
		}
		up, ok := files["photo"]
		if !ok || len(files) != 1 {
			f.answer(w, http.StatusBadRequest, "Bad Request: there is no photo in the request")
			return
		}
		msg := &fakeMsg{Method: method, Caption: caption, ReplyTo: replyTo, Photo: up.name, PhotoType: up.contentType, PhotoSize: up.size}
		f.answer(w, http.StatusOK, f.store(msg))
	case "sendMediaGroup":
		var items []map[string]json.RawMessage
		if err := json.Unmarshal([]byte(fields["media"]), &items); err != nil {
			f.answer(w, http.StatusBadRequest, "Bad Request: can't parse media JSON object")
			return
		}
		if len(items) < 2 || len(items) > 10 {
			f.answer(w, http.StatusBadRequest, "Bad Request: wrong number of messages to send")
			return
		}
		used := map[string]bool{}
		var out []any
		var msgs []*fakeMsg
		for i, it := range items {
			var item struct {
				Type      string `json:"type"`
				Media     string `json:"media"`
				Caption   string `json:"caption"`
				ParseMode string `json:"parse_mode"`
			}
			b, _ := json.Marshal(it)
			dec := json.NewDecoder(strings.NewReader(string(b)))
			dec.DisallowUnknownFields()
			if err := dec.Decode(&item); err != nil || item.Type != "photo" {
				f.answer(w, http.StatusBadRequest, "Bad Request: invalid InputMediaPhoto")
				return
			}
			name, ok := strings.CutPrefix(item.Media, "attach://")
			up, found := files[name]
			if !ok || !found {
				f.answer(w, http.StatusBadRequest, "Bad Request: wrong file identifier/HTTP URL specified")
				return
			}
			used[name] = true
			caption, err := parseCaption(item.Caption, item.ParseMode)
			if err != nil {
				f.answer(w, http.StatusBadRequest, err.Error())
				return
			}
			msgs = append(msgs, &fakeMsg{Method: method, Caption: caption, ReplyTo: replyTo, Photo: up.name,
				PhotoType: up.contentType, PhotoSize: up.size, AlbumPos: i + 1})
		}
		if len(used) != len(files) {
			f.answer(w, http.StatusBadRequest, "Bad Request: a file is not used by the media group")
			return
		}
		for _, msg := range msgs {
			out = append(out, f.store(msg))
		}
		f.answer(w, http.StatusOK, out)
	case "deleteMessage":
		id, err := strconv.ParseInt(fields["message_id"], 10, 64)
		if err != nil {
			f.answer(w, http.StatusBadRequest, "Bad Request: message identifier is not specified")
			return
		}
		if f.msgs[id] == nil {
			f.answer(w, http.StatusBadRequest, "Bad Request: message to delete not found")
			return
		}
		delete(f.msgs, id)
		f.deleted = append(f.deleted, id)
		f.answer(w, http.StatusOK, true)
	}
}

// store keeps a message and returns it as the Bot API's Message object.
func (f *fakeBot) store(msg *fakeMsg) map[string]any {
	f.next++
	msg.ID = f.next
	f.msgs[msg.ID] = msg
	f.sent = append(f.sent, msg)
	out := map[string]any{"message_id": msg.ID, "date": f.date,
		"chat": map[string]any{"id": f.chatID, "type": f.chatType, "username": f.chatUsername}}
	if f.chatUsername == "" {
		out["chat"] = map[string]any{"id": f.chatID, "type": f.chatType}
	}
	if msg.Text != "" {
		out["text"] = msg.Text
	}
	if msg.Caption != "" {
		out["caption"] = msg.Caption
	}
	return out
}

func parseCaption(s, mode string) (string, error) {
	c, err := parseText(s, mode)
	if err != nil {
		return "", err
	}
	if utf16Len(c) > 1024 {
		return "", fmt.Errorf("Bad Request: message caption is too long")
	}
	return c, nil
}

var tags = map[string]bool{"b": true, "strong": true, "i": true, "em": true, "u": true, "ins": true, "s": true, "strike": true,
	"del": true, "span": true, "tg-spoiler": true, "a": true, "code": true, "pre": true, "blockquote": true, "tg-emoji": true}

var entity = regexp.MustCompile(`^&(lt|gt|amp|quot|#[0-9]+|#x[0-9a-fA-F]+);`)

// parseText is the HTML style of "Formatting options": the text as shown.
func parseText(s, mode string) (string, error) {
	switch mode {
	case "":
		return s, nil
	case "HTML":
	default:
		return "", fmt.Errorf("Bad Request: unsupported parse_mode %q", mode)
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		switch s[i] {
		case '<':
			end := strings.IndexByte(s[i:], '>')
			if end < 0 {
				return "", fmt.Errorf("Bad Request: can't parse entities: unclosed start tag at byte offset %d", i)
			}
			inner := strings.Fields(s[i+1 : i+end])
			name := ""
			if len(inner) > 0 {
				name = strings.TrimPrefix(inner[0], "/")
			}
			if !tags[name] {
				return "", fmt.Errorf("Bad Request: can't parse entities: Unsupported start tag %q at byte offset %d", name, i)
			}
			i += end + 1
		case '>':
			return "", fmt.Errorf("Bad Request: can't parse entities: unexpected > at byte offset %d", i)
		case '&':
			e := entity.FindString(s[i:])
			if e == "" {
				return "", fmt.Errorf("Bad Request: can't parse entities: unescaped & at byte offset %d", i)
			}
			switch e {
			case "&lt;":
				b.WriteByte('<')
			case "&gt;":
				b.WriteByte('>')
			case "&amp;":
				b.WriteByte('&')
			case "&quot;":
				b.WriteByte('"')
			default:
				n, _ := strconv.ParseInt(strings.TrimPrefix(strings.Trim(e, "&#;"), "x"), map[bool]int{true: 16, false: 10}[strings.HasPrefix(e, "&#x")], 32)
				b.WriteRune(rune(n))
			}
			i += len(e)
		default:
			b.WriteByte(s[i])
			i++
		}
	}
	return b.String(), nil
}

func utf16Len(s string) int { return len(utf16.Encode([]rune(s))) }
