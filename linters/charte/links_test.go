package charte_test

import (
	"testing"

	"github.com/crieur/crieur/pipeline"
)

const utmCharter = "links:\n  utm: true\n  domains: [verriere.example.org]\n"

func TestLinksUTM(t *testing.T) {
	const one = "publish_at: 2026-12-20 10:00\ncampaign: hiver26"
	const two = one + "\nchannels: [mastodon, bluesky]"
	runCases(t, []tcase{
		{
			name:    "a link without UTM on a one-network post: the network is the source",
			charter: utmCharter,
			front:   one,
			body:    "Billets : https://verriere.example.org/dufrasne.\n",
			want: []want{{rule: "charte.links.utm", sev: pipeline.Warning, at: "https://verriere.example.org/dufrasne", span: true,
				say: "the link to verriere.example.org lacks utm_source, utm_medium, utm_campaign", hint: "append utm_source=mastodon&utm_medium=social&utm_campaign=hiver26",
				fix: "https://verriere.example.org/dufrasne?utm_source=mastodon&utm_medium=social&utm_campaign=hiver26"}},
			fixed: "Billets : https://verriere.example.org/dufrasne?utm_source=mastodon&utm_medium=social&utm_campaign=hiver26.\n",
		},
		{
			name:    "several networks: crieur; a subdomain counts, another domain does not",
			charter: utmCharter,
			front:   two,
			body:    "https://billetterie.verriere.example.org/?id=4 et https://radio.example.be/emission\n",
			want: []want{{rule: "charte.links.utm", sev: pipeline.Warning, at: "https://billetterie", say: "billetterie.verriere.example.org",
				fix: "https://billetterie.verriere.example.org/?id=4&utm_source=crieur&utm_medium=social&utm_campaign=hiver26"}},
		},
		{
			name:    "the charter's utm_source and utm_medium win; only the missing ones are added, before the fragment; an empty one is filled",
			charter: "links:\n  utm: true\n  utm_source: verriere\n  utm_medium: reseaux\n",
			front:   one,
			body:    "https://verriere.example.org/saison?utm_medium=&utm_source=x#programme\n",
			want: []want{{rule: "charte.links.utm", sev: pipeline.Warning, at: "https://", say: "lacks utm_medium, utm_campaign",
				fix: "https://verriere.example.org/saison?utm_medium=reseaux&utm_source=x&utm_campaign=hiver26#programme"}},
		},
		{
			name:    "no campaign: no fix, the hint says why",
			charter: utmCharter,
			body:    "https://verriere.example.org/saison\n",
			want: []want{{rule: "charte.links.utm", sev: pipeline.Warning, at: "https://", say: "lacks utm_source, utm_medium, utm_campaign",
				hint: "the post has no campaign: for utm_campaign; add one"}},
		},
		{
			name:    "no campaign but every parameter there: fine",
			charter: utmCharter,
			body:    "https://verriere.example.org/saison?utm_source=crieur&utm_medium=social&utm_campaign=autre\n",
		},
		{
			name:    "a utm_campaign that is not the post's campaign",
			charter: utmCharter,
			front:   one,
			body:    "https://verriere.example.org/saison?utm_source=crieur&utm_medium=social&utm_campaign=ete26\n",
			want: []want{{rule: "charte.links.utm", sev: pipeline.Warning, at: "https://", say: "says utm_campaign=ete26, the post's campaign is hiver26",
				fix: "https://verriere.example.org/saison?utm_source=crieur&utm_medium=social&utm_campaign=hiver26"}},
		},
		{
			name:    "a Markdown link target and an autolink; not in code nor in a comment",
			charter: utmCharter,
			front:   one,
			body:    "Voir [le programme](https://verriere.example.org/p) ou <https://verriere.example.org/q>.\n`https://verriere.example.org/code` <!-- https://verriere.example.org/note -->\n",
			want: []want{
				{rule: "charte.links.utm", sev: pipeline.Warning, at: "https://verriere.example.org/p", span: true, fix: "https://verriere.example.org/p?utm_source=mastodon&utm_medium=social&utm_campaign=hiver26"},
				{rule: "charte.links.utm", sev: pipeline.Warning, at: "https://verriere.example.org/q", span: true, fix: "https://verriere.example.org/q?utm_source=mastodon&utm_medium=social&utm_campaign=hiver26"},
			},
			fixed: "Voir [le programme](https://verriere.example.org/p?utm_source=mastodon&utm_medium=social&utm_campaign=hiver26) ou <https://verriere.example.org/q?utm_source=mastodon&utm_medium=social&utm_campaign=hiver26>.\n`https://verriere.example.org/code` <!-- https://verriere.example.org/note -->\n",
		},
		{
			name:    "a link as its own label: both URLs",
			charter: utmCharter,
			front:   one,
			body:    "[https://verriere.example.org/a](https://verriere.example.org/a?utm_source=x&utm_medium=y&utm_campaign=hiver26)\n",
			want:    []want{{rule: "charte.links.utm", sev: pipeline.Warning, at: "https://verriere.example.org/a]", fix: "https://verriere.example.org/a?utm_source=mastodon&utm_medium=social&utm_campaign=hiver26"}},
		},
		{
			name:    "a variant's link gets its channel's network",
			charter: utmCharter,
			front:   two + "\nvariants:\n  bluesky: Voir https://verriere.example.org/court",
			body:    "Voir https://verriere.example.org/long\n",
			want: []want{
				{rule: "charte.links.utm", sev: pipeline.Warning, at: "https://verriere.example.org/court", fix: "https://verriere.example.org/court?utm_source=bluesky&utm_medium=social&utm_campaign=hiver26"},
				{rule: "charte.links.utm", sev: pipeline.Warning, at: "https://verriere.example.org/long", fix: "https://verriere.example.org/long?utm_source=mastodon&utm_medium=social&utm_campaign=hiver26"},
			},
		},
		{
			name:    "two accounts on one network are one network",
			charter: utmCharter,
			front:   one + "\nchannels: [mastodon, fil]",
			body:    "https://verriere.example.org/a\n",
			want:    []want{{rule: "charte.links.utm", sev: pipeline.Warning, at: "https://", fix: "https://verriere.example.org/a?utm_source=mastodon&utm_medium=social&utm_campaign=hiver26"}},
		},
		{
			name:    "without domains every link needs UTM",
			charter: "links:\n  utm: true\n",
			front:   two,
			body:    "https://example.org/a\n",
			want:    []want{{rule: "charte.links.utm", sev: pipeline.Warning, at: "https://", fix: "https://example.org/a?utm_source=crieur&utm_medium=social&utm_campaign=hiver26"}},
		},
		{
			name:    "utm: false checks nothing",
			charter: "links:\n  domains: [verriere.example.org]\n",
			front:   one,
			body:    "https://verriere.example.org/a\n",
		},
	})
}
