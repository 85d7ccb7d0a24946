package instagram

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/crieur/crieur/pipeline/httpapi"
)

// graphError is the body of a Graph API error (docs/graph-api/guides/error-handling).
type graphError struct {
	Message     string `json:"message"`
	Type        string `json:"type"`
	Code        int    `json:"code"`
	Subcode     int    `json:"error_subcode"`
	UserTitle   string `json:"error_user_title"`
	UserMsg     string `json:"error_user_msg"`
	IsTransient bool   `json:"is_transient"`
	FBTraceID   string `json:"fbtrace_id"`
}

// parseGraphError reads an error body; false when it is not one.
func parseGraphError(b []byte) (graphError, bool) {
	var v struct {
		Error *graphError `json:"error"`
	}
	if json.Unmarshal(b, &v) != nil || v.Error == nil || (v.Error.Code == 0 && v.Error.Message == "") {
		return graphError{}, false
	}
	return *v.Error, true
}

// errorMessage says a Graph error in one line, with the codes a support
// request needs: "(#100) Invalid parameter (code 100, subcode 33, fbtrace_id A1b)".
func errorMessage(b []byte) string {
	e, ok := parseGraphError(b)
	if !ok {
		return httpapi.ErrorMessage(b)
	}
	s := e.Message
	if e.UserMsg != "" && e.UserMsg != e.Message {
		s += ": " + e.UserMsg
	}
	codes := []string{fmt.Sprintf("code %d", e.Code)}
	if e.Subcode != 0 {
		codes = append(codes, fmt.Sprintf("subcode %d", e.Subcode))
	}
	if e.FBTraceID != "" {
		codes = append(codes, "fbtrace_id "+e.FBTraceID)
	}
	return s + " (" + strings.Join(codes, ", ") + ")"
}

// throttled reports whether a Graph error says "too many calls": the
// platform's codes, 80002 (too many calls to this Instagram account), and
// code 9 subcode 2207042 (the 50 posts per 24 hours are used up).
func throttled(e graphError) bool {
	switch e.Code {
	case 4, 17, 32, 341, 613, 80002:
		return true
	}
	return e.Code == 9 && e.Subcode == 2207042
}

// regainWait reads estimated_time_to_regain_access (minutes) from the
// usage headers: X-Business-Use-Case-Usage maps business ids to lists of
// usages; X-App-Usage and X-Page-Usage are one flat usage. The longest
// wait wins; 0 when no header says.
func regainWait(h http.Header) time.Duration {
	minutes := 0.0
	for _, name := range []string{"X-Business-Use-Case-Usage", "X-App-Usage", "X-Page-Usage"} {
		v := h.Get(name)
		if v == "" {
			continue
		}
		var doc any
		if json.Unmarshal([]byte(v), &doc) != nil {
			continue
		}
		walkRegain(doc, &minutes)
	}
	return time.Duration(minutes * float64(time.Minute))
}

func walkRegain(v any, max *float64) {
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			if n, ok := e.(float64); ok && k == "estimated_time_to_regain_access" && n > *max {
				*max = n
			}
			walkRegain(e, max)
		}
	case []any:
		for _, e := range x {
			walkRegain(e, max)
		}
	}
}

// parseTime reads the Graph API's times: "2026-12-01T08:30:04+0000".
func parseTime(s string) (time.Time, bool) {
	for _, layout := range []string{"2006-01-02T15:04:05-0700", time.RFC3339} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

// sameText compares a sent caption with what Instagram shows, ignoring
// line-ending and surrounding-space differences, and the @ signs: a
// caption read back omits them unless the token's user can perform
// admin-equivalent tasks on the app (IG Media reference).
func sameText(a, b string) bool {
	norm := func(s string) string {
		s = strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n")
		return strings.TrimSpace(strings.ReplaceAll(s, "@", ""))
	}
	return norm(a) == norm(b)
}
