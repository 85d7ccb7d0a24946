package bluesky

import (
	"bytes"
	"context"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"html"
	"image"
	_ "image/gif" // image.DecodeConfig reads their headers
	_ "image/jpeg"
	_ "image/png"
	"net/http"
	"net/url"
	"os"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/crieur/crieur/pipeline"
)

// uploadBlob sends an image (com.atproto.repo.uploadBlob) and returns the
// blob to put in a record.
func (c *Client) uploadBlob(ctx context.Context, data []byte, mime string) (json.RawMessage, error) {
	var out struct {
		Blob json.RawMessage `json:"blob"`
	}
	_, err := c.call(ctx, http.MethodPost, "com.atproto.repo.uploadBlob", nil, data, mime, &out)
	if err != nil {
		if f := pipeline.AsFailure(err); f != nil && f.MaybeSent {
			g := *f
			g.MaybeSent = false // a blob is no post
			return nil, &g
		}
		return nil, err
	}
	if len(out.Blob) == 0 {
		return nil, &pipeline.Failure{Network: "bluesky", Op: "POST com.atproto.repo.uploadBlob", Message: "the answer has no blob"}
	}
	return out.Blob, nil
}

// images uploads the images and returns the app.bsky.embed.images embed.
func (c *Client) images(ctx context.Context, media []pipeline.Attachment) (map[string]any, error) {
	var imgs []map[string]any
	for _, a := range media {
		data, err := os.ReadFile(a.Path)
		if err != nil {
			return nil, fmt.Errorf("bluesky: image %s: %w", a.Name, err)
		}
		if int64(len(data)) > facts.Media.MaxBytes {
			return nil, &pipeline.Failure{Network: "bluesky", Op: "POST com.atproto.repo.uploadBlob",
				Message: fmt.Sprintf("image %s is %d bytes: Bluesky takes at most %d", a.Name, len(data), facts.Media.MaxBytes)}
		}
		format := pipeline.ImageFormat(data)
		if format == "" {
			return nil, &pipeline.Failure{Network: "bluesky", Op: "POST com.atproto.repo.uploadBlob",
				Message: fmt.Sprintf("image %s is not a JPEG, PNG, GIF or WebP file", a.Name)}
		}
		blob, err := c.uploadBlob(ctx, data, "image/"+format)
		if err != nil {
			return nil, err
		}
		img := map[string]any{"alt": a.Alt, "image": blob}
		if w, h, ok := imageSize(data, format); ok {
			img["aspectRatio"] = map[string]int{"width": w, "height": h}
		}
		imgs = append(imgs, img)
	}
	return map[string]any{"$type": "app.bsky.embed.images", "images": imgs}, nil
}

// imageSize reads an image's width and height from its header.
func imageSize(data []byte, format string) (w, h int, ok bool) {
	if format == "webp" {
		return webpSize(data)
	}
	cfg, _, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil || cfg.Width <= 0 || cfg.Height <= 0 {
		return 0, 0, false
	}
	return cfg.Width, cfg.Height, true
}

// webpSize reads the canvas size of a WebP file (RIFF container, then a
// VP8, VP8L or VP8X chunk; Google's "WebP Container Specification" and
// RFC 6386 for the VP8 frame header).
func webpSize(b []byte) (w, h int, ok bool) {
	if len(b) < 30 || string(b[:4]) != "RIFF" || string(b[8:12]) != "WEBP" {
		return 0, 0, false
	}
	switch string(b[12:16]) {
	case "VP8 ": // key frame: 3-byte frame tag, start code 9d 01 2a, 14-bit width and height
		if b[23] != 0x9d || b[24] != 0x01 || b[25] != 0x2a {
			return 0, 0, false
		}
		w = int(binary.LittleEndian.Uint16(b[26:28]) & 0x3fff)
		h = int(binary.LittleEndian.Uint16(b[28:30]) & 0x3fff)
	case "VP8L": // signature 0x2f, then 14 bits width-1, 14 bits height-1
		if b[20] != 0x2f {
			return 0, 0, false
		}
		v := binary.LittleEndian.Uint32(b[21:25])
		w = int(v&0x3fff) + 1
		h = int(v>>14&0x3fff) + 1
	case "VP8X": // flags and reserved (4 bytes), 24-bit canvas width-1, height-1
		w = int(uint32(b[24])|uint32(b[25])<<8|uint32(b[26])<<16) + 1
		h = int(uint32(b[27])|uint32(b[28])<<8|uint32(b[29])<<16) + 1
	default:
		return 0, 0, false
	}
	return w, h, w > 0 && h > 0
}

var (
	metaRe  = regexp.MustCompile(`(?is)<meta\s[^>]*>`)
	attrRe  = regexp.MustCompile(`(?is)([a-z][a-z0-9:_-]*)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))`)
	titleRe = regexp.MustCompile(`(?is)<title[^>]*>(.*?)</title>`)
	spaces  = regexp.MustCompile(`\s+`)
)

// pageMeta reads a page's title, description and image: Open Graph
// properties first, then <title> and <meta name="description">.
func pageMeta(page []byte) (title, desc, img string) {
	meta := map[string]string{}
	for _, tag := range metaRe.FindAll(page, -1) {
		attrs := map[string]string{}
		for _, a := range attrRe.FindAllSubmatch(tag, -1) {
			attrs[strings.ToLower(string(a[1]))] = string(a[2]) + string(a[3]) + string(a[4])
		}
		key := strings.ToLower(attrs["property"])
		if key == "" {
			key = strings.ToLower(attrs["name"])
		}
		if _, seen := meta[key]; key != "" && !seen {
			meta[key] = clean(attrs["content"])
		}
	}
	title = first(meta["og:title"], meta["twitter:title"])
	if title == "" {
		if m := titleRe.FindSubmatch(page); m != nil {
			title = clean(string(m[1]))
		}
	}
	desc = first(meta["og:description"], meta["twitter:description"], meta["description"])
	img = first(meta["og:image"], meta["og:image:url"], meta["twitter:image"])
	return title, desc, img
}

func clean(s string) string {
	return strings.TrimSpace(spaces.ReplaceAllString(html.UnescapeString(s), " "))
}

func first(s ...string) string {
	for _, x := range s {
		if x != "" {
			return x
		}
	}
	return ""
}

func clip(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return strings.TrimSpace(string(r[:n-1])) + "…"
}

// card builds the app.bsky.embed.external embed of a link. Whatever goes
// wrong (no answer in CardTimeout, not HTML, no image) leaves the card
// plainer, never fails the post: the URL is the title when the page
// cannot be read.
func (c *Client) card(ctx context.Context, uri string) map[string]any {
	ext := map[string]any{"uri": uri, "title": uri, "description": ""}
	embed := map[string]any{"$type": "app.bsky.embed.external", "external": ext}
	fctx, cancel := context.WithTimeout(ctx, c.CardTimeout)
	defer cancel()
	body, ctype, err := c.fetch(fctx, uri, "text/html,application/xhtml+xml")
	if err != nil || !strings.Contains(ctype, "html") {
		return embed
	}
	title, desc, img := pageMeta(body)
	if title != "" {
		ext["title"] = clip(title, 300)
	}
	ext["description"] = clip(desc, 1000)
	if img == "" {
		return embed
	}
	base, err := url.Parse(uri)
	ref, err2 := url.Parse(img)
	if err != nil || err2 != nil {
		return embed
	}
	abs := base.ResolveReference(ref)
	if abs.Scheme != "http" && abs.Scheme != "https" {
		return embed
	}
	data, _, err := c.fetch(fctx, abs.String(), "image/*")
	format := pipeline.ImageFormat(data)
	if err != nil || format == "" || len(data) > maxThumbBytes {
		return embed
	}
	if blob, err := c.uploadBlob(ctx, data, "image/"+format); err == nil {
		ext["thumb"] = blob
	}
	return embed
}

// fetch GETs a page or an image for a card.
func (c *Client) fetch(ctx context.Context, u, accept string) ([]byte, string, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return nil, "", err
	}
	req.Header.Set("Accept", accept)
	res, err := c.cards.Do(req, "GET link card")
	if err != nil {
		return nil, "", err
	}
	return res.Body, strings.ToLower(res.Header.Get("Content-Type")), nil
}
