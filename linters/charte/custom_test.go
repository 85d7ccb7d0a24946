package charte_test

import (
	"testing"

	"github.com/crieur/crieur/pipeline"
)

func TestCustomRules(t *testing.T) {
	runCases(t, []tcase{
		{
			name: "existence: a pattern as written, with the rule's message, severity and id",
			charter: `rules:
  - id: marque.clic
    kind: existence
    pattern: '(?i)cliquez ici'
    message: Dites où mène le lien.
    severity: error
`,
			body: "Pour le programme, Cliquez ici : https://example.org/cliquez ici\n",
			want: []want{{rule: "charte.marque.clic", sev: pipeline.Error, at: "Cliquez ici", span: true, say: "« Cliquez ici »: the charter does not allow it (charte.marque.clic)", hint: "Dites où mène le lien."}},
		},
		{
			name:    "existence: tokens are whole words in any case; an id already prefixed stays; warning by default",
			charter: "rules:\n  - id: charte.jargon\n    kind: existence\n    tokens: [live, afterwork]\n",
			body:    "Un LIVE en afterwork, pas de lives ni d’olive.\n",
			want: []want{
				{rule: "charte.jargon", sev: pipeline.Warning, at: "LIVE", span: true, hint: "rephrase without it"},
				{rule: "charte.jargon", sev: pipeline.Warning, at: "afterwork", span: true},
			},
		},
		{
			name:    "substitution: a pattern's groups in the replacement, written as the charter says",
			charter: "rules:\n  - id: typo.euro\n    kind: substitution\n    pattern: '(\\d+) ?euros?\\b'\n    replace: \"$1\u00a0€\"\n",
			body:    "Dès 15 euros, 8euro pour les enfants.\n",
			want: []want{
				{rule: "charte.typo.euro", sev: pipeline.Warning, at: "15 euros", span: true, say: "« 15 euros »: the charter writes « 15\u00a0€ » (charte.typo.euro)", fix: "15\u00a0€"},
				{rule: "charte.typo.euro", sev: pipeline.Warning, at: "8euro", span: true, fix: "8\u00a0€"},
			},
			fixed: "Dès 15\u00a0€, 8\u00a0€ pour les enfants.\n",
		},
		{
			name:    "substitution: a pattern whose replacement holds its match does not flag the fixed text",
			charter: "rules:\n  - id: marque.nom\n    kind: substitution\n    pattern: '(?i)\\bverri[eè]re\\b'\n    replace: La Verrière\n",
			body:    "Ce soir à verriere, à La Verrière aussi.\n",
			want:    []want{{rule: "charte.marque.nom", sev: pipeline.Warning, at: "verriere", fix: "La Verrière"}},
			fixed:   "Ce soir à La Verrière, à La Verrière aussi.\n",
		},
		{
			name:    "substitution: tokens keep the case they are found in",
			charter: "rules:\n  - id: marque.reseau\n    kind: substitution\n    tokens: [live]\n    replace: concert\n",
			body:    "Live ce soir, un live rare.\n",
			want: []want{
				{rule: "charte.marque.reseau", sev: pipeline.Warning, at: "Live", fix: "Concert"},
				{rule: "charte.marque.reseau", sev: pipeline.Warning, at: "live", fix: "concert"},
			},
			fixed: "Concert ce soir, un concert rare.\n",
		},
		{
			name: "capitalization: the brand as spelled, wherever it is",
			charter: `rules:
  - id: marque.majuscule
    kind: capitalization
    tokens: [Verrière]
    message: Le nom du lieu prend une majuscule.
    severity: error
`,
			body: "La Verrière, la verrière, LA VERRIÈRE, #verrière, les verrières, https://example.org/verrière\n",
			want: []want{
				{rule: "charte.marque.majuscule", sev: pipeline.Error, at: "verrière", nth: 1, span: true, say: "« verrière » is spelled « Verrière »", hint: "Le nom du lieu prend une majuscule.", fix: "Verrière"},
				{rule: "charte.marque.majuscule", sev: pipeline.Error, at: "VERRIÈRE", span: true, fix: "Verrière"},
				{rule: "charte.marque.majuscule", sev: pipeline.Error, at: "verrière", nth: 2, span: true, fix: "Verrière"},
			},
			fixed: "La Verrière, la Verrière, LA Verrière, #Verrière, les verrières, https://example.org/verrière\n",
		},
		{
			name:    "occurrence: too few, on the first line of each text that lacks it",
			charter: "rules:\n  - id: marque.nom\n    kind: occurrence\n    tokens: [La Verrière]\n    min: 1\n",
			front:   "publish_at: 2026-12-20 10:00\nchannels: [mastodon, bluesky]\nvariants:\n  bluesky: Un concert ce soir.\n",
			body:    "Un concert à la Verrière ce soir.\n",
			want:    []want{{rule: "charte.marque.nom", sev: pipeline.Warning, at: "Un concert ce soir.", say: "the text for bluesky has « La Verrière » 0 times, the charter wants at least 1 (charte.marque.nom)"}},
		},
		{
			name:    "occurrence: too many, at the first one over",
			charter: "rules:\n  - id: ton.exclamation\n    kind: occurrence\n    pattern: '!'\n    max: 2\n",
			body:    "Super ! Génial ! Venez !\n",
			want:    []want{{rule: "charte.ton.exclamation", sev: pipeline.Warning, at: "!", nth: 3, say: "has /!/ 3 times, the charter wants at most 2", hint: "remove 1"}},
		},
		{
			name:    "severity off: the rule does not run",
			charter: "rules:\n  - id: ton.x\n    kind: existence\n    tokens: [concert]\n    severity: off\n",
			body:    "Un concert.\n",
		},
	})
}

// TestCharterProblems: what cannot be checked is said, once per problem,
// at the top of each post, and the rest of the charter still runs.
func TestCharterProblems(t *testing.T) {
	runCases(t, []tcase{{
		name: "bad entries",
		charter: `forbidden:
  - term: gratos
    severity: grave
rules:
  - id: a
    kind: existence
    pattern: 'zzz'
  - id: b
    kind: existance
    tokens: [x]
  - id: c
    kind: capitalization
    pattern: Verrière
  - id: d
    kind: substitution
    tokens: [x]
  - id: e
    kind: occurrence
    tokens: [x]
  - kind: existence
    tokens: [x]
  - id: f
    kind: existence
    tokens: [concert]
`,
		body: "Un concert gratos.\n",
		want: []want{
			{rule: "charte.config", sev: pipeline.Error, at: "---", say: "charte.yml: forbidden[0] (gratos): unknown severity \"grave\"", hint: "RE2"},
			{rule: "charte.config", sev: pipeline.Error, at: "---", say: "rules[1] (b): kind \"existance\" is not one of existence, substitution, occurrence, capitalization"},
			{rule: "charte.config", sev: pipeline.Error, at: "---", say: "rules[2] (c): a capitalization rule needs tokens"},
			{rule: "charte.config", sev: pipeline.Error, at: "---", say: "rules[3] (d): a substitution rule needs replace"},
			{rule: "charte.config", sev: pipeline.Error, at: "---", say: "rules[4] (e): an occurrence rule needs min: or max:"},
			{rule: "charte.config", sev: pipeline.Error, at: "---", say: "rules[5] has no id"},
			{rule: "charte.f", sev: pipeline.Warning, at: "concert"},
			{rule: "charte.forbidden", sev: pipeline.Error, at: "gratos"},
		},
	}})
}
