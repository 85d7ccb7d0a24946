package pipeline

// What crieur knows about each network, in one table that render (length,
// threads), publish, the linters, crieur.yml's validation, the channel
// registry and the JSON schemas read; a test holds the schemas to it.
// Figures from ../shared/reference/networks.md and the networks'
// documentation pages named there, as of 2026; where a network documents
// no limit, the common value is used and said so.

// Network is one row of the table: what a network is, as crieur knows it.
type Network struct {
	Name string // as written in crieur.yml: "mastodon", "x"…, in lower case
	// Limit is the length limit of a post's text, in the unit Counting
	// counts; 0: none. A channel may override it in crieur.yml (a
	// Mastodon server with 1000 characters).
	Limit    int
	Counting Counting // how the network measures a text
	// ByteLimit is a second limit on a post's text, in UTF-8 bytes; 0: none.
	ByteLimit int
	// Threads: the network chains the parts of a thread as replies; the
	// others get the parts joined by a blank line.
	Threads bool
	Media   MediaLimit // what it accepts as images on one post
	// NoMetrics says why crieur cannot read the engagement of a post
	// there, for crieur metrics to print instead of a silent gap; "" when
	// it can.
	NoMetrics string
}

// Counting is how a network measures the length of a text. The
// algorithms live in pipeline/render; the zero value counts characters,
// as for a network crieur does not know.
type Counting int

const (
	CountRunes     Counting = iota // characters (code points)
	CountMastodon                  // grapheme clusters, a URL is 23, a mention has no domain
	CountGraphemes                 // grapheme clusters
	CountX                         // twitter-text v3 weights
	CountThreads                   // characters, an emoji is its UTF-8 bytes
	CountUTF16                     // UTF-16 code units: an emoji beyond U+FFFF is 2
)

// Unit names what the counting counts, for display: "characters",
// "graphemes", "weighted characters", "UTF-16 code units".
func (c Counting) Unit() string {
	switch c {
	case CountGraphemes, CountMastodon:
		return "graphemes"
	case CountX:
		return "weighted characters"
	case CountUTF16:
		return "UTF-16 code units"
	}
	return "characters"
}

// MediaLimit is what a network accepts as images on one post.
type MediaLimit struct {
	Max      int      // images per post; 0: images not supported
	MaxBytes int64    // per image; 0: the network documents none
	Formats  []string // jpeg, png, gif, webp
	Required bool     // the network refuses a post without an image
}

var (
	allFormats = []string{"jpeg", "png", "gif", "webp"}
	noWebP     = []string{"jpeg", "png", "gif"}
)

// networks is the table, in the order crieur.yml's schema lists them.
var networks = []Network{
	// Mastodon methods/media.md: 4 attachments; 16 MB is the default image limit of mastodon servers.
	{Name: "mastodon", Limit: 500, Counting: CountMastodon, Threads: true,
		Media: MediaLimit{Max: 4, MaxBytes: 16 << 20, Formats: allFormats}},
	// maxGraphemes 300, maxLength 3000 bytes; app.bsky.embed.images: 4 images, 2,000,000 bytes each.
	{Name: "bluesky", Limit: 300, Counting: CountGraphemes, ByteLimit: 3000, Threads: true,
		Media: MediaLimit{Max: 4, MaxBytes: 2000000, Formats: allFormats}},
	// X API v2 media upload: 4 photos, 5 MB.
	{Name: "x", Limit: 280, Counting: CountX, Threads: true,
		Media: MediaLimit{Max: 4, MaxBytes: 5 << 20, Formats: allFormats}},
	// LinkedIn Images API: multi-image posts take up to 20 images.
	// Its limit is 36,152,320 pixels, not bytes: no byte limit is documented.
	{Name: "linkedin", Limit: 3000, Media: MediaLimit{Max: 20, Formats: noWebP}},
	// Instagram content publishing: JPEG only, 8 MB, carousel of 10, an image is required.
	{Name: "instagram", Limit: 2200,
		Media: MediaLimit{Max: 10, MaxBytes: 8 << 20, Formats: []string{"jpeg"}, Required: true}},
	// Threads: carousel of up to 20 items, 8 MB images.
	{Name: "threads", Limit: 500, Counting: CountThreads, Threads: true,
		Media: MediaLimit{Max: 20, MaxBytes: 8 << 20, Formats: []string{"jpeg", "png"}}},
	// Facebook Page photos: 10 MB recommended maximum; 10 photos per post is the usual cap.
	{Name: "facebook", Limit: 63206, Media: MediaLimit{Max: 10, MaxBytes: 10 << 20, Formats: noWebP}},
	// Telegram Bot API: sendPhoto 10 MB, sendMediaGroup 2–10 items. A
	// message is 1-4096 characters "after entities parsing", counted as
	// the API counts its entities' offsets, in UTF-16 code units; a
	// caption's 1024 the adapter handles (the text goes apart when longer).
	{Name: "telegram", Limit: 4096, Counting: CountUTF16, Media: MediaLimit{Max: 10, MaxBytes: 10 << 20, Formats: allFormats},
		NoMetrics: "the Bot API gives a bot no view or reaction counts of channel posts"},
	// Discord webhooks: 10 attachments, 10 MiB without boosts. Execute
	// Webhook: content "up to 2000 characters", which the API counts in
	// code points (an emoji beyond U+FFFF is one): characters.
	{Name: "discord", Limit: 2000, Media: MediaLimit{Max: 10, MaxBytes: 10 << 20, Formats: allFormats},
		NoMetrics: "a webhook can send but not read messages back, nor their reactions"},
	// Slack incoming webhooks cannot upload files; image blocks point at
	// the images where media_base_url serves them (Block Kit image block:
	// png, jpg, gif; Slack documents no size limit, so none is checked).
	// chat.postMessage: "The text field … will be truncated at 40,000
	// characters"; the adapter cuts it into section blocks of 3,000.
	{Name: "slack", Limit: 40000, Media: MediaLimit{Max: 10, Formats: noWebP},
		NoMetrics: "an incoming webhook can send but not read messages back, nor their reactions"},
	// A generic webhook receives image paths and alt texts, no upload.
	{Name: "webhook", Media: MediaLimit{Max: 10, MaxBytes: 100 << 20, Formats: allFormats},
		NoMetrics: "a generic webhook has no way to report engagement"},
}

// Networks returns the table, one row per network crieur knows, in the
// order crieur.yml's schema lists them. A channel's type is one of them
// or "outbox", the local stand-in.
func Networks() []Network {
	return append([]Network(nil), networks...)
}

// NetworkNames returns the names of the networks of the table, in its
// order.
func NetworkNames() []string {
	names := make([]string, len(networks))
	for i, n := range networks {
		names[i] = n.Name
	}
	return names
}

// LookupNetwork returns the row of a network, and false when crieur knows
// none by that name (then a text counts in characters, has no length
// limit and no threads, and the image checks are skipped).
func LookupNetwork(name string) (Network, bool) {
	for _, n := range networks {
		if n.Name == name {
			return n, true
		}
	}
	return Network{Name: name}, false
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
