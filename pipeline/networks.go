package pipeline

// What each network accepts besides length (length counting lives in
// pipeline/render). Figures from ../shared/reference/networks.md and the
// networks' documentation pages named there; where a network documents no
// limit, the common value is used and said so.

// SupportsThreads reports whether a network chains the parts of a thread
// as replies; the others get the parts joined by a blank line.
func SupportsThreads(network string) bool {
	switch network {
	case "mastodon", "bluesky", "x", "threads":
		return true
	}
	return false
}

// MediaLimit is what a network accepts as images on one post.
type MediaLimit struct {
	Max      int      // images per post; 0: images not supported
	MaxBytes int64    // per image; 0: the network documents none
	Formats  []string // jpeg, png, gif, webp
	Required bool     // the network refuses a post without an image
}

var mediaLimits = map[string]MediaLimit{
	// Mastodon methods/media.md: 4 attachments; 16 MB is the default image limit of mastodon servers.
	"mastodon": {Max: 4, MaxBytes: 16 << 20, Formats: []string{"jpeg", "png", "gif", "webp"}},
	// app.bsky.embed.images: 4 images, 2,000,000 bytes each.
	"bluesky": {Max: 4, MaxBytes: 2000000, Formats: []string{"jpeg", "png", "gif", "webp"}},
	// X API v2 media upload: 4 photos, 5 MB.
	"x": {Max: 4, MaxBytes: 5 << 20, Formats: []string{"jpeg", "png", "gif", "webp"}},
	// LinkedIn Images API: multi-image posts take up to 20 images.
	// Its limit is 36,152,320 pixels, not bytes: no byte limit is documented.
	"linkedin": {Max: 20, Formats: []string{"jpeg", "png", "gif"}},
	// Instagram content publishing: JPEG only, 8 MB, carousel of 10, an image is required.
	"instagram": {Max: 10, MaxBytes: 8 << 20, Formats: []string{"jpeg"}, Required: true},
	// Threads: carousel of up to 20 items, 8 MB images.
	"threads": {Max: 20, MaxBytes: 8 << 20, Formats: []string{"jpeg", "png"}},
	// Facebook Page photos: 10 MB recommended maximum; 10 photos per post is the usual cap.
	"facebook": {Max: 10, MaxBytes: 10 << 20, Formats: []string{"jpeg", "png", "gif"}},
	// Telegram Bot API: sendPhoto 10 MB, sendMediaGroup 2–10 items.
	"telegram": {Max: 10, MaxBytes: 10 << 20, Formats: []string{"jpeg", "png", "gif", "webp"}},
	// Discord webhooks: 10 attachments, 10 MiB without boosts.
	"discord": {Max: 10, MaxBytes: 10 << 20, Formats: []string{"jpeg", "png", "gif", "webp"}},
	// Slack incoming webhooks cannot upload files; image blocks point at
	// the images where media_base_url serves them (Block Kit image block:
	// png, jpg, gif; Slack documents no size limit, so none is checked).
	"slack": {Max: 10, Formats: []string{"jpeg", "png", "gif"}},
	// A generic webhook receives image paths and alt texts, no upload.
	"webhook": {Max: 10, MaxBytes: 100 << 20, Formats: []string{"jpeg", "png", "gif", "webp"}},
}

// MediaLimitOf returns the image limits of a network, and false when crieur
// knows none (the checks are then skipped).
func MediaLimitOf(network string) (MediaLimit, bool) {
	l, ok := mediaLimits[network]
	return l, ok
}

// ImageFormat names an image's format from its first bytes: jpeg, png,
// gif, webp, or "" when it is none of them.
func ImageFormat(head []byte) string {
	switch {
	case len(head) >= 3 && head[0] == 0xFF && head[1] == 0xD8 && head[2] == 0xFF:
		return "jpeg"
	case len(head) >= 8 && string(head[:8]) == "\x89PNG\r\n\x1a\n":
		return "png"
	case len(head) >= 4 && string(head[:4]) == "GIF8":
		return "gif"
	case len(head) >= 12 && string(head[:4]) == "RIFF" && string(head[8:12]) == "WEBP":
		return "webp"
	}
	return ""
}
