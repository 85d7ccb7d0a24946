package x

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"
)

// The worked example of X's "Creating a signature" page
// (fundamentals/authentication/oauth-1-0a/creating-a-signature).
func TestSignatureOfXDocumentationExample(t *testing.T) {
	c := credentials{
		consumerKey:    "xvz1evFS4wEEPTGEFPHBog",
		consumerSecret: "kAcSOqF21Fu85e7zjz7ZN2U4ZRhfV3WpwPAoE3Z7kBw",
		token:          "370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb",
		tokenSecret:    "LswwdoUaIvS8ltyTt5jkRh4J50vUPVVHtR2YPi5kE",
	}
	u, _ := url.Parse("https://api.x.com/1.1/statuses/update.json?include_entities=true")
	params := u.Query()
	params.Set("status", "Hello Ladies + Gentlemen, a signed OAuth request!")
	all := url.Values{}
	for k, v := range params {
		all[k] = v
	}
	for k, v := range map[string]string{"oauth_consumer_key": c.consumerKey, "oauth_nonce": "kYjzVBB8Y0ZFabxSWbWovY3uYSQ2pTgmZeNu2VS4cg",
		"oauth_signature_method": "HMAC-SHA1", "oauth_timestamp": "1318622958", "oauth_token": c.token, "oauth_version": "1.0"} {
		all.Set(k, v)
	}
	wantBase := "POST&https%3A%2F%2Fapi.x.com%2F1.1%2Fstatuses%2Fupdate.json&include_entities%3Dtrue%26oauth_consumer_key%3Dxvz1evFS4wEEPTGEFPHBog%26oauth_nonce%3DkYjzVBB8Y0ZFabxSWbWovY3uYSQ2pTgmZeNu2VS4cg%26oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp%3D1318622958%26oauth_token%3D370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb%26oauth_version%3D1.0%26status%3DHello%2520Ladies%2520%252B%2520Gentlemen%252C%2520a%2520signed%2520OAuth%2520request%2521"
	base := baseString("post", u, all)
	if base != wantBase {
		t.Errorf("base string:\n got %s\nwant %s", base, wantBase)
	}
	if got, want := c.sign(base), "Ls93hJiZbQ3akF3HF3x1Bz8/zU4="; got != want {
		t.Errorf("signature = %s, want %s", got, want)
	}
	h := c.authorization("POST", u, params, "kYjzVBB8Y0ZFabxSWbWovY3uYSQ2pTgmZeNu2VS4cg", 1318622958)
	if want := `oauth_signature="Ls93hJiZbQ3akF3HF3x1Bz8%2FzU4%3D"`; !strings.HasSuffix(h, want) {
		t.Errorf("header %s does not end with %s", h, want)
	}
	if !strings.HasPrefix(h, `OAuth oauth_consumer_key="xvz1evFS4wEEPTGEFPHBog", oauth_nonce="kYjzVBB8Y0ZFabxSWbWovY3uYSQ2pTgmZeNu2VS4cg", oauth_signature_method="HMAC-SHA1", oauth_timestamp="1318622958", oauth_token="370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb", oauth_version="1.0"`) {
		t.Errorf("header = %s", h)
	}
}

// RFC 5849 §3.4.1.1: the base string of the request of §3.4.1 (the
// realm is left out, "+" in a form body is a space, a = inside a value is
// encoded twice).
func TestBaseStringOfRFC5849Example(t *testing.T) {
	u, _ := url.Parse("http://example.com/request?b5=%3D%253D&a3=a&c%40=&a2=r%20b")
	params := u.Query()
	form, _ := url.ParseQuery("c2&a3=2+q")
	for k, v := range form {
		params[k] = append(params[k], v...)
	}
	for k, v := range map[string]string{"oauth_consumer_key": "9djdj82h48djs9d2", "oauth_token": "kkk9d7dh3k39sjv7",
		"oauth_signature_method": "HMAC-SHA1", "oauth_timestamp": "137131201", "oauth_nonce": "7d8f3e4a"} {
		params.Set(k, v)
	}
	want := "POST&http%3A%2F%2Fexample.com%2Frequest&a2%3Dr%2520b%26a3%3D2%2520q%26a3%3Da%26b5%3D%253D%25253D%26c%2540%3D%26c2%3D%26oauth_consumer_key%3D9djdj82h48djs9d2%26oauth_nonce%3D7d8f3e4a%26oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp%3D137131201%26oauth_token%3Dkkk9d7dh3k39sjv7"
	if got := baseString("POST", u, params); got != want {
		t.Errorf("base string:\n got %s\nwant %s", got, want)
	}
}

// RFC 5849 §1.2: the signed request for the photo, with its credentials.
func TestSignatureOfRFC5849Example(t *testing.T) {
	c := credentials{consumerKey: "dpf43f3p2l4k3l03", consumerSecret: "kd94hf93k423kf44", token: "nnch734d00sl2jdk", tokenSecret: "pfkkdhi9sl3r4s00"}
	u, _ := url.Parse("http://photos.example.net/photos?file=vacation.jpg&size=original")
	params := u.Query()
	for k, v := range map[string]string{"oauth_consumer_key": c.consumerKey, "oauth_token": c.token,
		"oauth_signature_method": "HMAC-SHA1", "oauth_timestamp": "137131202", "oauth_nonce": "chapoH"} {
		params.Set(k, v)
	}
	if got, want := c.sign(baseString(http.MethodGet, u, params)), "MdpQcU8iPSUjWoN/UDMsK2sui9I="; got != want {
		t.Errorf("signature = %s, want %s", got, want)
	}
}

func TestPercentEncode(t *testing.T) {
	for in, want := range map[string]string{
		"Ladies + Gentlemen": "Ladies%20%2B%20Gentlemen",
		"An encoded string!": "An%20encoded%20string%21",
		"Dogs, Cats & Mice":  "Dogs%2C%20Cats%20%26%20Mice",
		"☃":                  "%E2%98%83",
		"a-b.c_d~e":          "a-b.c_d~e",
		"*'()":               "%2A%27%28%29",
	} {
		if got := percentEncode(in); got != want {
			t.Errorf("percentEncode(%q) = %s, want %s", in, got, want)
		}
	}
}

func TestBaseURIDropsDefaultPortAndQuery(t *testing.T) {
	for in, want := range map[string]string{
		"HTTPS://API.X.com:443/2/tweets?x=1": "https://api.x.com/2/tweets",
		"http://127.0.0.1:8080/2/users/me":   "http://127.0.0.1:8080/2/users/me",
		"http://example.com:80":              "http://example.com/",
	} {
		u, _ := url.Parse(in)
		if got := baseURI(u); got != want {
			t.Errorf("baseURI(%s) = %s, want %s", in, got, want)
		}
	}
}

// The signer signs a form body's parameters with the query's, and only
// requests to the API's host.
func TestSignerSignsFormBodiesAndOnlyTheAPIHost(t *testing.T) {
	f := &fakeX{t: t, nonces: map[string]bool{}}
	var verr error
	var sawAuth bool
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		sawAuth = r.Header.Get("Authorization") != ""
		verr = f.verify(r)
	}))
	defer srv.Close()
	u, _ := url.Parse(srv.URL)
	s := &signer{creds: credentials{consumerKey, consumerSecret, accessToken, accessTokenSecret}, host: u.Host,
		base: http.DefaultTransport, now: time.Now, nonce: newNonce}
	client := &http.Client{Transport: s}
	res, err := client.Post(srv.URL+"/1.1/statuses/update.json?include_entities=true", "application/x-www-form-urlencoded",
		strings.NewReader("status=Hello+Ladies+%2b+Gentlemen%2C+a+signed+OAuth+request%21"))
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if verr != nil {
		t.Errorf("signature of a form POST refused: %v", verr)
	}
	s.host = "api.x.com" // the server is now another host: nothing is signed
	res, err = client.Get(srv.URL + "/2/users/me")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if sawAuth {
		t.Errorf("a request to another host was signed")
	}
}
