package bluesky

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/crieur/crieur/pipeline"
)

// tidSyntax is the reference regex of atproto.com/specs/tid ("TID Syntax").
var tidSyntax = regexp.MustCompile(`^[234567abcdefghij][234567abcdefghijklmnopqrstuvwxyz]{12}$`)

func TestRecordKeyIsADeterministicTID(t *testing.T) {
	t.Parallel()
	seen := map[string]string{}
	for k := 0; k < 500; k++ {
		key := fmt.Sprintf("%064x", k*7919)
		for i := 0; i < 4; i++ {
			rk := recordKey(key, i)
			if !tidSyntax.MatchString(rk) {
				t.Fatalf("recordKey(%s, %d) = %q does not match the TID syntax", key, i, rk)
			}
			if rk != recordKey(key, i) {
				t.Fatalf("recordKey(%s, %d) is not deterministic", key, i)
			}
			if prev, dup := seen[rk]; dup {
				t.Fatalf("recordKey(%s, %d) = %q, already given to %s", key, i, rk, prev)
			}
			seen[rk] = fmt.Sprintf("%s/%d", key, i)
			micros, clock, ok := decodeTID(rk)
			if !ok || clock != i {
				t.Fatalf("decodeTID(%q) = clock %d, %v; want %d", rk, clock, ok, i)
			}
			if micros < 1<<50 || micros >= 1<<51 {
				t.Fatalf("decodeTID(%q) = %d µs, outside [2^50, 2^51) (2005–2041)", rk, micros)
			}
		}
	}
	// The extremes of the encoding still match the syntax.
	for _, v := range []uint64{0, 1<<63 - 1, (1<<53 - 1) << 10} {
		if s := encodeTID(v); !tidSyntax.MatchString(s) {
			t.Errorf("encodeTID(%#x) = %q does not match the TID syntax", v, s)
		}
	}
	if got := encodeTID(0); got != "2222222222222" {
		t.Errorf("encodeTID(0) = %q", got)
	}
}

func TestFindSpans(t *testing.T) {
	t.Parallel()
	type want struct{ text, kind, value string }
	tests := []struct {
		name string
		text string
		want []want
	}{
		{"link with trailing comma", "Lisez https://exemple.fr/a?b=1, puis", []want{{"https://exemple.fr/a?b=1", "link", "https://exemple.fr/a?b=1"}}},
		{"link in parentheses", "(voir https://exemple.fr/x)", []want{{"https://exemple.fr/x", "link", "https://exemple.fr/x"}}},
		{"wikipedia parentheses kept", "https://fr.wikipedia.org/wiki/Caf%C3%A9_(boisson).", []want{{"https://fr.wikipedia.org/wiki/Caf%C3%A9_(boisson)", "link", "https://fr.wikipedia.org/wiki/Caf%C3%A9_(boisson)"}}},
		{"link inside French quotes", "«\u202Fhttps://exemple.fr\u202F»", []want{{"https://exemple.fr", "link", "https://exemple.fr"}}},
		{"bare domain gets https", "sur exemple.fr/page.", []want{{"exemple.fr/page", "link", "https://exemple.fr/page"}}},
		{"file name is no domain", "ouvrez fichier.txt et M.Dupont", nil},
		{"email is no link nor mention", "écrivez à jean@exemple.fr", nil},
		{"mention", "merci @bob.test !", []want{{"@bob.test", "mention", "bob.test"}}},
		{"mention at sentence end", "merci @bob.test.", []want{{"@bob.test", "mention", "bob.test"}}},
		// As the Bluesky app (@atproto/api's detectFacets): a handle's
		// ending is compared as written.
		{"handle in capitals", "merci @Bob.Test.", nil},
		// Issue 16: the top-level domain is the domain's last label, from
		// the full list.
		{"domain under a second-level domain", "voir abc.net.au", []want{{"abc.net.au", "link", "https://abc.net.au"}}},
		{"TLD that starts like another", "voir example.organic", []want{{"example.organic", "link", "https://example.organic"}}},
		{"file name after a domain", "voir affiche.com.pdf", nil},
		{"TLD missing from a short list", "voir verriere.brussels.", []want{{"verriere.brussels", "link", "https://verriere.brussels"}}},
		// Where crieur ends a link before the app would: … » ” ’ close a
		// sentence or a quotation.
		{"link before an ellipsis", "sur laverriere.be… et", []want{{"laverriere.be", "link", "https://laverriere.be"}}},
		{"link before a closing guillemet", "« https://laverriere.be/agenda» !", []want{{"https://laverriere.be/agenda", "link", "https://laverriere.be/agenda"}}},
		{"cashtag", "($AAPL) et $toolong", []want{{"$AAPL", "tag", "$AAPL"}}},
		{"not a handle", "@bob et @bob.123", nil},
		{"hashtag", "#Crieur et #été", []want{{"#Crieur", "tag", "Crieur"}, {"#été", "tag", "été"}}},
		{"hashtag stops at punctuation", "vive #Bretagne, #Paris!\u202F?", []want{{"#Bretagne", "tag", "Bretagne"}, {"#Paris", "tag", "Paris"}}},
		{"digits only is no tag", "#2026 mais #JO2024", []want{{"#JO2024", "tag", "JO2024"}}},
		{"keycap emoji is no tag", "#\uFE0F\u20E3 bonjour", nil},
		{"hash inside a word", "C#, a#b", nil},
		{"hash after a no-break space", "voir\u00A0#culture", []want{{"#culture", "tag", "culture"}}},
		{"fragment in a URL is no tag", "https://exemple.fr/doc#section #vrai", []want{{"https://exemple.fr/doc#section", "link", "https://exemple.fr/doc#section"}, {"#vrai", "tag", "vrai"}}},
		{"tag of 65 characters", "#" + strings.Repeat("a", 65), nil},
		{"tag of 64 characters", "#" + strings.Repeat("a", 64), []want{{"#" + strings.Repeat("a", 64), "tag", strings.Repeat("a", 64)}}},
		{"all three with emoji before", "🎉 @bob.test https://x.fr #fête", []want{{"@bob.test", "mention", "bob.test"}, {"https://x.fr", "link", "https://x.fr"}, {"#fête", "tag", "fête"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := findSpans(tt.text)
			if len(got) != len(tt.want) {
				t.Fatalf("findSpans(%q) = %+v, want %d spans", tt.text, got, len(tt.want))
			}
			for i, w := range tt.want {
				s := got[i]
				if tt.text[s.Start:s.End] != w.text || s.Kind != w.kind || s.Value != w.value {
					t.Errorf("span %d = %q %s %q, want %q %s %q", i, tt.text[s.Start:s.End], s.Kind, s.Value, w.text, w.kind, w.value)
				}
			}
		})
	}
}

func TestWebpSize(t *testing.T) {
	t.Parallel()
	riff := func(chunk string, data []byte) []byte {
		b := []byte("RIFF\x00\x00\x00\x00WEBP" + chunk + "\x00\x00\x00\x00")
		b = append(b, data...)
		for len(b) < 40 {
			b = append(b, 0)
		}
		return b
	}
	lossy := []byte{0x10, 0x02, 0x00, 0x9d, 0x01, 0x2a}
	lossy = binary.LittleEndian.AppendUint16(lossy, 640)
	lossy = binary.LittleEndian.AppendUint16(lossy, 480|0xc000) // scale bits are not size
	lossless := []byte{0x2f}
	lossless = binary.LittleEndian.AppendUint32(lossless, uint32(1200-1)|uint32(675-1)<<14)
	ext := []byte{0x10, 0, 0, 0, 0x7f, 0x07, 0x00, 0x37, 0x04, 0x00} // 1920 x 1080
	tests := []struct {
		name string
		data []byte
		w, h int
		ok   bool
	}{
		{"VP8", riff("VP8 ", lossy), 640, 480, true},
		{"VP8L", riff("VP8L", lossless), 1200, 675, true},
		{"VP8X", riff("VP8X", ext), 1920, 1080, true},
		{"bad start code", riff("VP8 ", []byte{0, 0, 0, 1, 2, 3}), 0, 0, false},
		{"not webp", bytes.Repeat([]byte{0}, 40), 0, 0, false},
	}
	for _, tt := range tests {
		w, h, ok := webpSize(tt.data)
		if w != tt.w || h != tt.h || ok != tt.ok {
			t.Errorf("%s: webpSize = %d×%d %v, want %d×%d %v", tt.name, w, h, ok, tt.w, tt.h, tt.ok)
		}
		if tt.ok && pipeline.ImageFormat(tt.data) != "webp" {
			t.Errorf("%s: not seen as webp", tt.name)
		}
	}
}

func TestPageMeta(t *testing.T) {
	t.Parallel()
	page := `<html><head><title>Ignored &amp; old</title>
<meta name="description" content="fallback">
<meta property="og:title" content="L&#39;été «&#8239;chaud&#8239;»">
<meta content='Une description
  sur deux lignes' property='og:description'>
<meta property=og:image content=/img.png></head></html>`
	title, desc, img := pageMeta([]byte(page))
	if title != "L'été «\u202Fchaud\u202F»" || desc != "Une description sur deux lignes" || img != "/img.png" {
		t.Errorf("pageMeta = %q, %q, %q", title, desc, img)
	}
	title, desc, img = pageMeta([]byte(`<title> Seul  titre </title><meta name="description" content="d">`))
	if title != "Seul titre" || desc != "d" || img != "" {
		t.Errorf("pageMeta without og = %q, %q, %q", title, desc, img)
	}
}

func TestFromConfig(t *testing.T) {
	t.Parallel()
	base := pipeline.ChannelConfig{Name: "bsky", Type: "bluesky", Secrets: map[string]string{"app_password": "BSKY_PW"},
		Options: map[string]string{"handle": "alice.test"}}
	tests := []struct {
		name    string
		edit    func(*pipeline.ChannelConfig)
		secrets map[string]string
		want    string
	}{
		{"no secret entry", func(c *pipeline.ChannelConfig) { c.Secrets = nil }, nil, "add secrets: {app_password: BLUESKY_APP_PASSWORD} to channels.bsky"},
		{"empty secret", nil, map[string]string{}, `secret "app_password" is empty: set the environment variable BSKY_PW (crieur.yml: channels.bsky.secrets.app_password); in GitHub, create the repository secret BSKY_PW and check that the publish workflow passes it: crieur doctor says, crieur init --force rewrites the workflow`},
		{"no handle", func(c *pipeline.ChannelConfig) { c.Options = nil }, map[string]string{"app_password": "pw"}, `option "handle" is required`},
		{"bad service", func(c *pipeline.ChannelConfig) {
			c.Options = map[string]string{"handle": "a.test", "service": "bsky.social"}
		}, map[string]string{"app_password": "pw"}, `option service "bsky.social" is not an http(s) URL`},
		{"bad link_cards", func(c *pipeline.ChannelConfig) {
			c.Options = map[string]string{"handle": "a.test", "link_cards": "oui"}
		}, map[string]string{"app_password": "pw"}, `link_cards "oui"`},
	}
	for _, tt := range tests {
		cc := base
		cc.Secrets = map[string]string{"app_password": "BSKY_PW"}
		if tt.edit != nil {
			tt.edit(&cc)
		}
		_, err := FromConfig(cc, tt.secrets, nil)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: err = %v, want it to say %q", tt.name, err, tt.want)
		}
	}
	c, err := FromConfig(base, map[string]string{"app_password": "pw"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if c.Service != "https://bsky.social" || !c.LinkCards || c.AppURL != "https://bsky.app" || c.Identifier != "alice.test" {
		t.Errorf("defaults: %+v", c)
	}
}
