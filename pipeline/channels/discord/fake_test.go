package discord

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
	"unicode/utf8"
)

// fakeDiscord is Discord's webhook API as https://discord.com/developers/docs
// documents it (the discord/discord-api-docs pages named):
//
//   - resources/webhook "Execute Webhook": POST /webhooks/{id}/{token},
//     query wait (returns the message when true, 204 otherwise) and
//     thread_id (required for a forum channel: 220001 otherwise); JSON or
//     multipart/form-data params content, allowed_mentions, attachments,
//     files[n], payload_json; at least one of content or a file (50006).
//   - resources/webhook "Get Webhook with Token" (the webhook object, no
//     user) and "Delete Webhook Message" (204; thread_id in the query).
//   - reference "Uploading Files": files[n] parts with a filename, the
//     attachments' id matching n; "Error Messages": 50035 Invalid Form
//     Body with an errors tree of _errors.
//   - resources/message: content up to 2000 characters; Attachment Request
//     Structure (description: alt text, max 1024 characters); Allowed
//     Mentions Object.
//   - topics/rate-limits: X-RateLimit-Limit, -Remaining, -Reset,
//     -Reset-After, -Bucket on every answer; a request on an exhausted
//     bucket answers 429 with Retry-After and {"message", "retry_after",
//     "global"}.
//   - topics/opcodes-and-status-codes: 10008 Unknown Message, 10015
//     Unknown Webhook, 50027 Invalid Webhook Token.
//
// Unknown JSON fields are refused (Discord ignores some): a typo fails a
// test.
type fakeDiscord struct {
	t      *testing.T
	id     string
	token  string
	guild  string
	chanID string
	forum  bool // the webhook's channel is a forum: thread_id required

	mu       sync.Mutex
	next     int64
	msgs     map[string]*fakeMsg
	sent     []*fakeMsg
	requests []string // "METHOD path?query"
	deleted  []string
	gets     int
	// bucket: limit requests, then 429 until refill (the client's wait).
	limit, used int
	// fail, when it returns a status, answers the n-th request with it.
	fail func(n int, r *http.Request) (status int, header http.Header, body string)
}

type fakeMsg struct {
	ID          string
	Content     string
	Thread      string
	Mentions    *[]string // allowed_mentions.parse, nil when absent
	Files       []fakeFile
	Multipart   bool
	PayloadType string // Content-Type of payload_json
}

type fakeFile struct {
	Filename, ContentType, Description string
	Size                               int
}

func newFakeDiscord(t *testing.T) (*fakeDiscord, *httptest.Server) {
	f := &fakeDiscord{t: t, id: "1122334455667788", token: "wHk-SeCrEt_t0ken.abc", guild: "900000000000000001",
		chanID: "900000000000000002", next: 1300000000000000000, msgs: map[string]*fakeMsg{}, limit: 100}
	ts := httptest.NewServer(f)
	t.Cleanup(ts.Close)
	return f, ts
}

func (f *fakeDiscord) url(ts *httptest.Server) string {
	return ts.URL + "/api/webhooks/" + f.id + "/" + f.token
}

// refill is the bucket resetting: the client waited Reset-After.
func (f *fakeDiscord) refill() {
	f.mu.Lock()
	f.used = 0
	f.mu.Unlock()
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	if v != nil {
		json.NewEncoder(w).Encode(v)
	}
}

func apiErr(w http.ResponseWriter, status, code int, msg string) {
	writeJSON(w, status, map[string]any{"message": msg, "code": code})
}

func formErr(w http.ResponseWriter, field, code, msg string) {
	tree := map[string]any{"_errors": []any{map[string]any{"code": code, "message": msg}}}
	path := strings.Split(field, ".")
	for i := len(path) - 1; i >= 0; i-- {
		tree = map[string]any{path[i]: tree}
	}
	writeJSON(w, http.StatusBadRequest, map[string]any{"code": 50035, "message": "Invalid Form Body", "errors": tree})
}

var route = regexp.MustCompile(`^/api/webhooks/([^/]+)/([^/]+)(/messages/([^/]+))?$`)

func (f *fakeDiscord) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.requests = append(f.requests, r.Method+" "+r.URL.Path+"?"+r.URL.RawQuery)
	if f.fail != nil {
		if status, h, body := f.fail(len(f.requests), r); status != 0 {
			for k, vs := range h {
				w.Header()[k] = vs
			}
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(status)
			io.WriteString(w, body)
			return
		}
	}
	m := route.FindStringSubmatch(r.URL.Path)
	if m == nil {
		apiErr(w, http.StatusNotFound, 0, "404: Not Found")
		return
	}
	if m[1] != f.id {
		apiErr(w, http.StatusNotFound, 10015, "Unknown Webhook")
		return
	}
	if m[2] != f.token {
		apiErr(w, http.StatusUnauthorized, 50027, "Invalid Webhook Token")
		return
	}
	// The webhook's bucket.
	if f.used >= f.limit {
		w.Header().Set("Retry-After", "2")
		w.Header().Set("X-RateLimit-Limit", strconv.Itoa(f.limit))
		w.Header().Set("X-RateLimit-Remaining", "0")
		w.Header().Set("X-RateLimit-Reset-After", "1.25")
		w.Header().Set("X-RateLimit-Scope", "user")
		writeJSON(w, http.StatusTooManyRequests, map[string]any{"message": "You are being rate limited.", "retry_after": 1.25, "global": false})
		return
	}
	f.used++
	w.Header().Set("X-RateLimit-Limit", strconv.Itoa(f.limit))
	w.Header().Set("X-RateLimit-Remaining", strconv.Itoa(f.limit-f.used))
	w.Header().Set("X-RateLimit-Reset", "1796117401.250")
	w.Header().Set("X-RateLimit-Reset-After", "1.25")
	w.Header().Set("X-RateLimit-Bucket", "c0ffee")

	switch {
	case m[3] == "" && r.Method == http.MethodGet:
		f.gets++
		writeJSON(w, http.StatusOK, map[string]any{"id": f.id, "type": 1, "guild_id": f.guild, "channel_id": f.chanID,
			"name": "crieur", "avatar": nil, "application_id": nil, "token": f.token})
	case m[3] == "" && r.Method == http.MethodPost:
		f.execute(w, r)
	case m[3] != "" && r.Method == http.MethodDelete:
		if f.msgs[m[4]] == nil || f.msgs[m[4]].Thread != r.URL.Query().Get("thread_id") {
			apiErr(w, http.StatusNotFound, 10008, "Unknown Message")
			return
		}
		delete(f.msgs, m[4])
		f.deleted = append(f.deleted, m[4])
		w.WriteHeader(http.StatusNoContent)
	default:
		apiErr(w, http.StatusMethodNotAllowed, 0, "405: Method Not Allowed")
	}
}

type payload struct {
	Content         *string `json:"content"`
	AllowedMentions *struct {
		Parse *[]string `json:"parse"`
	} `json:"allowed_mentions"`
	Attachments []struct {
		ID          int    `json:"id"`
		Filename    string `json:"filename"`
		Description string `json:"description"`
	} `json:"attachments"`
}

func decodeStrict(b []byte, v any) error {
	dec := json.NewDecoder(strings.NewReader(string(b)))
	dec.DisallowUnknownFields()
	return dec.Decode(v)
}

func (f *fakeDiscord) execute(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	thread := q.Get("thread_id")
	if f.forum && thread == "" {
		apiErr(w, http.StatusBadRequest, 220001, "Webhooks posted to forum channels must have a thread_name or thread_id")
		return
	}
	msg := &fakeMsg{Thread: thread}
	var p payload
	files := map[string]fakeFile{}
	ct, params, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	switch ct {
	case "application/json":
		b, _ := io.ReadAll(r.Body)
		if err := decodeStrict(b, &p); err != nil {
			apiErr(w, http.StatusBadRequest, 50109, "The request body contains invalid JSON.")
			return
		}
	case "multipart/form-data":
		msg.Multipart = true
		mr := multipart.NewReader(r.Body, params["boundary"])
		for {
			part, err := mr.NextPart()
			if err == io.EOF {
				break
			}
			if err != nil {
				apiErr(w, http.StatusBadRequest, 50035, "Invalid Form Body")
				return
			}
			data, _ := io.ReadAll(part)
			name := part.FormName()
			switch {
			case name == "payload_json":
				msg.PayloadType = part.Header.Get("Content-Type")
				if err := decodeStrict(data, &p); err != nil {
					apiErr(w, http.StatusBadRequest, 50109, "The request body contains invalid JSON.")
					return
				}
			case strings.HasPrefix(name, "files[") && strings.HasSuffix(name, "]"):
				if part.FileName() == "" {
					formErr(w, name, "BASE_TYPE_REQUIRED", "filename is required")
					return
				}
				files[strings.TrimSuffix(strings.TrimPrefix(name, "files["), "]")] = fakeFile{Filename: part.FileName(),
					ContentType: part.Header.Get("Content-Type"), Size: len(data)}
			default:
				formErr(w, name, "UNKNOWN_FIELD", "unexpected form field")
				return
			}
		}
	default:
		apiErr(w, http.StatusBadRequest, 50035, "Invalid Form Body")
		return
	}
	if len(p.Attachments) != len(files) {
		formErr(w, "attachments", "ATTACHMENT_NOT_FOUND", "attachments and files[n] do not match")
		return
	}
	for i, a := range p.Attachments {
		ff, ok := files[strconv.Itoa(a.ID)]
		if !ok || ff.Filename != a.Filename {
			formErr(w, fmt.Sprintf("attachments.%d.id", i), "ATTACHMENT_NOT_FOUND", "no files[n] for this attachment")
			return
		}
		if utf8.RuneCountInString(a.Description) > 1024 {
			formErr(w, fmt.Sprintf("attachments.%d.description", i), "BASE_TYPE_MAX_LENGTH", "Must be 1024 or fewer in length.")
			return
		}
		ff.Description = a.Description
		msg.Files = append(msg.Files, ff)
	}
	if p.Content != nil {
		msg.Content = *p.Content
	}
	if utf8.RuneCountInString(msg.Content) > 2000 {
		formErr(w, "content", "BASE_TYPE_MAX_LENGTH", "Must be 2000 or fewer in length.")
		return
	}
	if msg.Content == "" && len(msg.Files) == 0 {
		apiErr(w, http.StatusBadRequest, 50006, "Cannot send an empty message")
		return
	}
	if p.AllowedMentions != nil {
		msg.Mentions = p.AllowedMentions.Parse
	}
	f.next++
	msg.ID = strconv.FormatInt(f.next, 10)
	f.msgs[msg.ID] = msg
	f.sent = append(f.sent, msg)
	if q.Get("wait") != "true" {
		w.WriteHeader(http.StatusNoContent)
		return
	}
	channel := f.chanID
	if thread != "" {
		channel = thread
	}
	var atts []any
	for i, ff := range msg.Files {
		atts = append(atts, map[string]any{"id": strconv.Itoa(1400 + i), "filename": ff.Filename, "description": ff.Description,
			"size": ff.Size, "url": "https://cdn.discordapp.com/attachments/x/" + ff.Filename})
	}
	writeJSON(w, http.StatusOK, map[string]any{"id": msg.ID, "type": 0, "content": msg.Content, "channel_id": channel,
		"author": map[string]any{"id": f.id, "username": "crieur", "bot": true}, "attachments": atts,
		"timestamp": "2026-12-01T08:30:00.123000+00:00", "webhook_id": f.id})
}
