package x

import (
	"bytes"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha1"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"
)

// credentials are the four OAuth 1.0a secrets of a user-context request:
// the app's consumer key and secret, the account's access token and secret.
type credentials struct {
	consumerKey, consumerSecret, token, tokenSecret string
}

// percentEncode encodes s as RFC 5849 §3.6 asks (RFC 3986 unreserved
// characters kept, every other byte of its UTF-8 as %XX in upper case).
func percentEncode(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '-' || c == '.' || c == '_' || c == '~' {
			b.WriteByte(c)
			continue
		}
		b.WriteString(fmt.Sprintf("%%%02X", c))
	}
	return b.String()
}

// baseURI is the base string URI of RFC 5849 §3.4.1.2: scheme and host in
// lower case, the port only when it is not the scheme's default, the path
// as sent, no query.
func baseURI(u *url.URL) string {
	scheme := strings.ToLower(u.Scheme)
	host := strings.ToLower(u.Hostname())
	if p := u.Port(); p != "" && !(scheme == "http" && p == "80" || scheme == "https" && p == "443") {
		host += ":" + p
	}
	path := u.EscapedPath()
	if path == "" {
		path = "/"
	}
	return scheme + "://" + host + path
}

// baseString is the signature base string of RFC 5849 §3.4.1: the method,
// the base URI and the normalized parameters (§3.4.1.3.2: every name and
// value encoded, sorted by name then value, joined by = and &), each
// encoded once more and joined by &. params holds the query, the
// form-encoded body and the oauth_* parameters but oauth_signature.
func baseString(method string, u *url.URL, params url.Values) string {
	var pairs [][2]string
	for k, vs := range params {
		for _, v := range vs {
			pairs = append(pairs, [2]string{percentEncode(k), percentEncode(v)})
		}
	}
	sort.Slice(pairs, func(i, j int) bool {
		if pairs[i][0] != pairs[j][0] {
			return pairs[i][0] < pairs[j][0]
		}
		return pairs[i][1] < pairs[j][1]
	})
	joined := make([]string, len(pairs))
	for i, p := range pairs {
		joined[i] = p[0] + "=" + p[1]
	}
	return strings.ToUpper(method) + "&" + percentEncode(baseURI(u)) + "&" + percentEncode(strings.Join(joined, "&"))
}

// sign is the HMAC-SHA1 signature of a base string (RFC 5849 §3.4.2): the
// key is the encoded consumer secret and token secret joined by &.
func (c credentials) sign(base string) string {
	mac := hmac.New(sha1.New, []byte(percentEncode(c.consumerSecret)+"&"+percentEncode(c.tokenSecret)))
	mac.Write([]byte(base))
	return base64.StdEncoding.EncodeToString(mac.Sum(nil))
}

// authorization is the Authorization header of a request (RFC 5849
// §3.5.1): params are its query and form-body parameters.
func (c credentials) authorization(method string, u *url.URL, params url.Values, nonce string, timestamp int64) string {
	oauth := [][2]string{
		{"oauth_consumer_key", c.consumerKey},
		{"oauth_nonce", nonce},
		{"oauth_signature_method", "HMAC-SHA1"},
		{"oauth_timestamp", strconv.FormatInt(timestamp, 10)},
		{"oauth_token", c.token},
		{"oauth_version", "1.0"},
	}
	all := url.Values{}
	for k, vs := range params {
		all[k] = append([]string(nil), vs...)
	}
	for _, p := range oauth {
		all.Add(p[0], p[1])
	}
	sig := c.sign(baseString(method, u, all))
	var b strings.Builder
	b.WriteString("OAuth ")
	for _, p := range oauth {
		fmt.Fprintf(&b, "%s=\"%s\", ", p[0], percentEncode(p[1]))
	}
	fmt.Fprintf(&b, "oauth_signature=\"%s\"", percentEncode(sig))
	return b.String()
}

// newNonce returns 32 random bytes in hex: unique per request, as RFC
// 5849 §3.3 asks of a nonce with a given timestamp.
func newNonce() string {
	b := make([]byte, 16)
	if _, err := rand.Read(b); err != nil {
		// crypto/rand does not fail on the systems Go supports; a
		// time-based nonce is still unique per request.
		return strconv.FormatInt(time.Now().UnixNano(), 36)
	}
	return hex.EncodeToString(b)
}

// signer signs every request to the API's host as it goes out: a retry
// gets a fresh nonce and timestamp (X refuses a nonce it has seen), and
// a request to another host (a redirect elsewhere) is not signed. It also
// keeps x-rate-limit-reset for the answers that hit the limit (429).
type signer struct {
	creds credentials
	host  string // host[:port] of the API
	base  http.RoundTripper
	now   func() time.Time
	nonce func() string
}

func (s *signer) RoundTrip(req *http.Request) (*http.Response, error) {
	if !strings.EqualFold(req.URL.Host, s.host) {
		return s.base.RoundTrip(req)
	}
	out := req.Clone(req.Context())
	params := req.URL.Query()
	if mt, _, _ := mime.ParseMediaType(req.Header.Get("Content-Type")); mt == "application/x-www-form-urlencoded" && req.Body != nil && req.Body != http.NoBody {
		// Only a form-encoded body is signed (RFC 5849 §3.4.1.3.1).
		var rc io.ReadCloser = req.Body
		if req.GetBody != nil {
			var err error
			if rc, err = req.GetBody(); err != nil {
				return nil, err
			}
		}
		body, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			return nil, err
		}
		if req.GetBody == nil {
			out.Body = io.NopCloser(bytes.NewReader(body)) // the original was read
		}
		form, err := url.ParseQuery(string(body))
		if err != nil {
			return nil, fmt.Errorf("x: form body: %w", err)
		}
		for k, vs := range form {
			params[k] = append(params[k], vs...)
		}
	}
	out.Header.Set("Authorization", s.creds.authorization(req.Method, req.URL, params, s.nonce(), s.now().Unix()))
	res, err := s.base.RoundTrip(out)
	if err == nil && res.StatusCode != http.StatusTooManyRequests {
		// X sends x-rate-limit-reset on every answer: it is when the
		// window resets, a time to wait only when the limit is reached.
		// httpapi.Client reads it on a 5xx answer too, and would
		// wait up to 15 minutes instead of retrying.
		res.Header.Del("X-Rate-Limit-Reset")
	}
	return res, err
}
