package charte_test

import (
	"testing"

	"github.com/crieur/crieur/pipeline"
)

func TestHashtags(t *testing.T) {
	runCases(t, []tcase{
		{
			name:    "four hashtags for three: at the fourth",
			charter: "hashtags:\n  max: 3\n",
			body:    "Ce soir.\n\n#un #deux #trois #quatre\n",
			want:    []want{{rule: "charte.hashtags.max", sev: pipeline.Warning, at: "#quatre", span: true, say: "4 hashtags on mastodon: the charter allows at most 3", hint: "remove 1 hashtag"}},
		},
		{
			name:    "not hashtags: a number, C#, an entity, a URL fragment, code, a heading",
			charter: "hashtags:\n  max: 1\n",
			body:    "# Titre\n\nLe #1 du C#, &#39; https://example.org/page#haut `#code` #2026 #seul\n",
		},
		{
			name:    "the same text on two channels: one finding naming both",
			charter: "hashtags:\n  max: 1\n",
			front:   "publish_at: 2026-12-20 10:00\nchannels: [mastodon, bluesky]",
			body:    "Ce soir #jazz #Bruxelles\n",
			want:    []want{{rule: "charte.hashtags.max", sev: pipeline.Warning, at: "#Bruxelles", say: "2 hashtags on mastodon, bluesky"}},
		},
		{
			name:    "a thread: each part on Mastodon, all parts joined on LinkedIn",
			charter: "hashtags:\n  max: 3\n",
			front:   "publish_at: 2026-12-20 10:00\nchannels: [mastodon, linkedin]",
			body:    "Un #a #b\n\n---\n\nDeux #c #d\n",
			want:    []want{{rule: "charte.hashtags.max", sev: pipeline.Warning, at: "#d", say: "4 hashtags on linkedin: "}},
		},
		{
			name:    "per_channel by channel name, counted on what the channel receives",
			charter: "hashtags:\n  max: 3\n  per_channel:\n    bluesky: 2\n",
			front:   "publish_at: 2026-12-20 10:00\nchannels: [mastodon, bluesky]",
			body:    "Ce soir #jazz #Bruxelles #Molenbeek\n",
			want:    []want{{rule: "charte.hashtags.max", sev: pipeline.Warning, at: "#Molenbeek", say: "3 hashtags on bluesky: the charter allows at most 2", hint: "variants"}},
		},
		{
			name:    "per_channel: a variant with fewer hashtags passes",
			charter: "hashtags:\n  max: 3\n  per_channel:\n    bluesky: 1\n",
			front:   "publish_at: 2026-12-20 10:00\nchannels: [mastodon, bluesky]\nvariants:\n  bluesky: Ce soir #jazz",
			body:    "Ce soir #jazz #Bruxelles #Molenbeek\n",
		},
		{
			name:    "per_channel by network applies to every account on it; 0 means none",
			charter: "hashtags:\n  per_channel:\n    mastodon: 0\n",
			front:   "publish_at: 2026-12-20 10:00\nchannels: [mastodon, fil, linkedin]",
			body:    "Ce soir #jazz\n",
			want:    []want{{rule: "charte.hashtags.max", sev: pipeline.Warning, at: "#jazz", say: "1 hashtags on mastodon, fil: the charter allows at most 0"}},
		},
		{
			name:    "the first comment is its own publication",
			charter: "hashtags:\n  max: 1\n",
			front:   "publish_at: 2026-12-20 10:00\nfirst_comment: \"#jazz #Bruxelles\"",
			body:    "Ce soir #jazz\n",
			want:    []want{{rule: "charte.hashtags.max", sev: pipeline.Warning, at: "#Bruxelles", say: "on mastodon (first comment)"}},
		},
	})
}

func TestRequiredHashtags(t *testing.T) {
	runCases(t, []tcase{
		{
			name:    "each required hashtag, in any case; found on the first line of the text",
			charter: "hashtags:\n  required: [\"#Bruxelles\", culture]\n",
			body:    "<!-- note -->\n\nCe soir au bar.\n\n#bruxelles\n",
			want:    []want{{rule: "charte.hashtags.required", sev: pipeline.Error, at: "Ce soir au bar.", span: true, say: "the text for mastodon lacks #culture"}},
		},
		{
			name:    "a variant is checked on its own",
			charter: "hashtags:\n  required: [Bruxelles]\n",
			front:   "publish_at: 2026-12-20 10:00\nchannels: [mastodon, bluesky, linkedin]\nvariants:\n  bluesky: |\n    Court.\n",
			body:    "Ce soir au bar. #Bruxelles\n",
			want:    []want{{rule: "charte.hashtags.required", sev: pipeline.Error, at: "Court.", say: "the text for bluesky lacks #Bruxelles"}},
		},
		{
			name:    "the first comment counts, for the variants too",
			charter: "hashtags:\n  required: [Bruxelles]\n",
			front:   "publish_at: 2026-12-20 10:00\nchannels: [mastodon, bluesky]\nfirst_comment: \"#Bruxelles\"\nvariants:\n  bluesky: |\n    Court.\n",
			body:    "Ce soir au bar.\n",
		},
	})
}

func TestEmojis(t *testing.T) {
	runCases(t, []tcase{
		{
			name:    "three emojis for two: at the third; ❤ without VS16 is text",
			charter: "emojis:\n  max: 2\n",
			front:   "publish_at: 2026-12-20 10:00\nchannels: [mastodon, bluesky]",
			body:    "Bravo 🎉 ❤ merci 👍🏽 et ❤️ !\n",
			want:    []want{{rule: "charte.emojis.max", sev: pipeline.Warning, at: "❤️", span: true, say: "3 emojis on mastodon, bluesky: the charter allows at most 2", hint: "remove 1 emoji"}},
		},
		{
			name:    "a flag, a keycap and a family each count once; code and URLs do not",
			charter: "emojis:\n  max: 3\n",
			body:    "🇧🇪 1️⃣ 👨‍👩‍👧 `🎉` https://example.org/🎉\n",
		},
		{
			name:    "the place of an emoji after the same one in text presentation",
			charter: "emojis:\n  max: 1\n",
			body:    "🎉 ⭐\ufe0e puis ⭐ ⭐\n",
			want:    []want{{rule: "charte.emojis.max", sev: pipeline.Warning, at: "⭐ ⭐", say: "3 emojis"}},
		},
	})
}
