package graph

import (
	"net/http"
	"testing"
	"time"
)

func TestRegainWait(t *testing.T) {
	t.Parallel()
	tests := []struct {
		header map[string]string
		want   time.Duration
	}{
		{nil, 0},
		{map[string]string{"X-App-Usage": `{"call_count":100,"total_time":20,"total_cputime":10}`}, 0},
		{map[string]string{"X-Business-Use-Case-Usage": `{"1":[{"type":"pages","estimated_time_to_regain_access":2},{"type":"pages","estimated_time_to_regain_access":5}],"2":[{"type":"pages","estimated_time_to_regain_access":0}]}`}, 5 * time.Minute},
		{map[string]string{"X-Business-Use-Case-Usage": `not json`, "X-Page-Usage": `{"estimated_time_to_regain_access":1.5}`}, 90 * time.Second},
	}
	for _, tt := range tests {
		h := http.Header{}
		for k, v := range tt.header {
			h.Set(k, v)
		}
		if got := RegainWait(h); got != tt.want {
			t.Errorf("RegainWait(%v) = %s, want %s", tt.header, got, tt.want)
		}
	}
}

func TestMessage(t *testing.T) {
	b := []byte(`{"error":{"message":"(#100) Invalid parameter","type":"OAuthException","code":100,"error_subcode":33,"error_user_msg":"Object does not exist","fbtrace_id":"A1b"}}`)
	if got, want := Message(b), "(#100) Invalid parameter: Object does not exist (code 100, subcode 33, fbtrace_id A1b)"; got != want {
		t.Errorf("Message = %q, want %q", got, want)
	}
	if got := Message([]byte(`{"error":"plain"}`)); got != "plain" {
		t.Errorf("not a Graph error: %q", got)
	}
}

func TestMediaURL(t *testing.T) {
	for name, want := range map[string]string{
		"media/affiche hiver.jpg": "https://o.github.io/r/media/affiche%20hiver.jpg",
		"/media/../media/a.jpg":   "https://o.github.io/r/media/a.jpg",
		`media\été.jpg`:           "https://o.github.io/r/media/%C3%A9t%C3%A9.jpg",
	} {
		if got := MediaURL("https://o.github.io/r/", name); got != want {
			t.Errorf("MediaURL(%q) = %q, want %q", name, got, want)
		}
	}
}
