package charte_test

import (
	"testing"

	"github.com/crieur/crieur/pipeline"
)

func TestMentions(t *testing.T) {
	const paid = "publish_at: 2026-12-20 10:00\nsponsored: true\nchannels: [mastodon, bluesky]"
	runCases(t, []tcase{
		{
			name:    "a sponsored post without the mention: on its first line, citing the law",
			charter: "sponsored:\n  mention: true\n",
			front:   paid,
			body:    "<!-- payé -->\n\nLa Contrebasse, une bière publicitaire.\nÀ boire avec modération.\n",
			want: []want{{rule: "charte.sponsored", sev: pipeline.Error, at: "La Contrebasse, une bière publicitaire.", span: true,
				say: "sponsored post: the text for mastodon, bluesky does not say « Publicité » or « Collaboration commerciale »", hint: "French law n° 2023-451 of 9 June 2023"}},
		},
		{
			name:  "either mention, in any case, also as a hashtag; whether the charter says mention: or not",
			front: paid,
			body:  "collaboration  commerciale avec la brasserie. #Publicité\n",
		},
		{
			name:  "a mention in a comment, a URL or the first comment does not count",
			front: paid + "\nfirst_comment: Publicité",
			body:  "La bière <!-- Publicité --> https://example.org/Publicité\n",
			want:  []want{{rule: "charte.sponsored", sev: pipeline.Error, at: "La bière", say: "mastodon, bluesky"}},
		},
		{
			name:  "in a thread the first part must say it where the network has threads",
			front: "publish_at: 2026-12-20 10:00\nsponsored: true\nchannels: [mastodon, linkedin]",
			body:  "La bière de l’hiver.\n\n---\n\nPublicité pour la brasserie.\n",
			want:  []want{{rule: "charte.sponsored", sev: pipeline.Error, at: "La bière", say: "the text for mastodon does"}},
		},
		{
			name:  "a variant says it on its own",
			front: paid + "\nvariants:\n  bluesky: |\n    Une bière pour nous.\n",
			body:  "Publicité : une bière pour nous.\n",
			want:  []want{{rule: "charte.sponsored", sev: pipeline.Error, at: "Une bière pour nous.", say: "the text for bluesky does"}},
		},
		{
			name:    "sponsored.accepted replaces the mentions",
			charter: "sponsored:\n  mention: true\n  accepted: [Annonce, \"#partenariat\"]\n",
			front:   paid,
			body:    "Publicité : une bière.\n",
			want:    []want{{rule: "charte.sponsored", sev: pipeline.Error, at: "Publicité", say: "« Annonce » or « #partenariat »"}},
		},
		{
			name:    "#partenariat as an accepted mention",
			charter: "sponsored:\n  accepted: [Annonce, \"#partenariat\"]\n",
			front:   paid,
			body:    "Une bière. #partenariat\n",
		},
		{
			name:  "retouched and virtual images",
			front: "publish_at: 2026-12-20 10:00\nretouched: true\nvirtual: true",
			body:  "Notre affiche.\n",
			want: []want{
				{rule: "charte.retouched", sev: pipeline.Error, at: "Notre affiche.", say: "« Images retouchées »", hint: "9 June 2023"},
				{rule: "charte.virtual", sev: pipeline.Error, at: "Notre affiche.", say: "« Images virtuelles »", hint: "9 June 2023"},
			},
		},
		{
			name:  "retouched and virtual images, said",
			front: "publish_at: 2026-12-20 10:00\nretouched: true\nvirtual: true",
			body:  "Notre affiche (images retouchées, Images\nvirtuelles).\n",
		},
		{
			name: "not sponsored: nothing to say",
			body: "Une bière.\n",
		},
	})
}
