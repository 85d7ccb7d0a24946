package charte_test

import (
	"testing"

	"github.com/crieur/crieur/pipeline"
)

const termsCharter = `forbidden:
  - term: gratos
    message: Écrivez « gratuit » ou « entrée libre ».
    severity: error
  - term: kiffer
    message: Trop familier.
    severity: warning
  - term: cliquez ici
  - term: aujourd'hui
    severity: off
substitutions:
  - term: Bxl
    replace: Bruxelles
    message: Pas d’abréviation pour le nom de la ville.
  - term: résa
    replace: réservation
  - term: e-mail
    replace: courriel
    severity: error
`

func TestForbidden(t *testing.T) {
	runCases(t, []tcase{
		{
			name:    "a forbidden term, with the charter's message as the hint and its severity",
			charter: termsCharter,
			body:    "Le concert est gratos ce soir.\n",
			want:    []want{{rule: "charte.forbidden", sev: pipeline.Error, at: "gratos", span: true, say: "« gratos »", hint: "Écrivez « gratuit »"}},
		},
		{
			name:    "any case; the message quotes it as written",
			charter: termsCharter,
			body:    "GRATOS ! Oui, Gratos.\n",
			want: []want{
				{rule: "charte.forbidden", sev: pipeline.Error, at: "GRATOS", span: true, say: "« GRATOS »"},
				{rule: "charte.forbidden", sev: pipeline.Error, at: "Gratos", span: true, say: "« Gratos »"},
			},
		},
		{
			name:    "elided: d’ and qu’ with either apostrophe",
			charter: termsCharter,
			body:    "Vous allez l’kiffer, d'kiffer encore, qu’kiffer.\n",
			want: []want{
				{rule: "charte.forbidden", sev: pipeline.Warning, at: "kiffer", nth: 1, span: true, hint: "Trop familier."},
				{rule: "charte.forbidden", sev: pipeline.Warning, at: "kiffer", nth: 2, span: true},
				{rule: "charte.forbidden", sev: pipeline.Warning, at: "kiffer", nth: 3, span: true},
			},
		},
		{
			name:    "inside a longer word, a hyphenated compound, a URL, a mention, an e-mail address, code or a comment: no",
			charter: termsCharter,
			body: "Les gratosses et les anti-gratos.\nVoir https://example.org/gratos et @gratos@mastodon.example, gratos@example.org.\n" +
				"Tapez `gratos` <!-- gratos -->\n",
		},
		{
			name:    "in a hashtag: yes",
			charter: termsCharter,
			body:    "Ce soir. #gratos #Bruxelles\n",
			want:    []want{{rule: "charte.forbidden", sev: pipeline.Error, at: "gratos", span: true}},
		},
		{
			name:    "a phrase across a line break and a no-break space",
			charter: termsCharter,
			body:    "Pour réserver, cliquez\nici. Ou Cliquez\u00a0ICI.\n",
			want: []want{
				{rule: "charte.forbidden", sev: pipeline.Error, at: "cliquez\nici", span: true, hint: "rephrase without « cliquez ici »"},
				{rule: "charte.forbidden", sev: pipeline.Error, at: "Cliquez\u00a0ICI", span: true},
			},
		},
		{
			name:    "apostrophes and hyphens of either kind in the term and the text",
			charter: "forbidden:\n  - term: c'est top\n  - term: e-mail\n",
			body:    "C’est top, votre e‑mail ; c'est  top.\n",
			want: []want{
				{rule: "charte.forbidden", sev: pipeline.Error, at: "C’est top", span: true},
				{rule: "charte.forbidden", sev: pipeline.Error, at: "e‑mail", span: true},
				{rule: "charte.forbidden", sev: pipeline.Error, at: "c'est  top", span: true},
			},
		},
		{
			name:    "severity off silences one term",
			charter: termsCharter,
			body:    "Aujourd’hui et aujourd'hui.\n",
		},
		{
			name:    "in a variant and a thread part, at their own place in the file",
			charter: termsCharter,
			front:   "publish_at: 2026-12-20 10:00\nchannels: [mastodon, bluesky]\nvariants:\n  bluesky: |\n    Court et\n    gratos.\n",
			body:    "Premier.\n\n---\n\nC’est gratos.\n",
			want: []want{
				{rule: "charte.forbidden", sev: pipeline.Error, at: "gratos", nth: 1, span: true},
				{rule: "charte.forbidden", sev: pipeline.Error, at: "gratos", nth: 2, span: true},
			},
		},
		{
			name:    "a thread part and the first comment",
			charter: termsCharter,
			front:   "publish_at: 2026-12-20 10:00\nfirst_comment: Entrée gratos.",
			body:    "Bonjour.\n",
			want:    []want{{rule: "charte.forbidden", sev: pipeline.Error, at: "gratos", span: true}},
		},
	})
}

func TestSubstitutions(t *testing.T) {
	runCases(t, []tcase{
		{
			name:    "the replacement as the charter writes it, mid-sentence",
			charter: termsCharter,
			body:    "Venez à bxl pour la résa de votre e-mail.\n",
			want: []want{
				{rule: "charte.substitution", sev: pipeline.Warning, at: "bxl", span: true, say: "« bxl »: the charter writes « Bruxelles »", hint: "Pas d’abréviation", fix: "Bruxelles"},
				{rule: "charte.substitution", sev: pipeline.Warning, at: "résa", span: true, hint: "write « réservation »", fix: "réservation"},
				{rule: "charte.substitution", sev: pipeline.Error, at: "e-mail", span: true, fix: "courriel"},
			},
			fixed: "Venez à Bruxelles pour la réservation de votre courriel.\n",
		},
		{
			name:    "a capital and a sentence start keep the capital; capitals stay capitals",
			charter: termsCharter,
			body:    "Résa ouverte. résa aussi ! E-mail : BXL.\n",
			want: []want{
				{rule: "charte.substitution", sev: pipeline.Warning, at: "Résa", fix: "Réservation"},
				{rule: "charte.substitution", sev: pipeline.Warning, at: "résa", fix: "Réservation"},
				{rule: "charte.substitution", sev: pipeline.Error, at: "E-mail", fix: "Courriel"},
				{rule: "charte.substitution", sev: pipeline.Warning, at: "BXL", fix: "BRUXELLES"},
			},
			fixed: "Réservation ouverte. Réservation aussi ! Courriel : BRUXELLES.\n",
		},
		{
			name:    "a paragraph and a list item start a sentence, a wrapped line does not",
			charter: termsCharter,
			body:    "Pour la\nrésa du soir.\n\nrésa ici.\n\n- « résa » par téléphone\n",
			want: []want{
				{rule: "charte.substitution", sev: pipeline.Warning, at: "résa", nth: 1, fix: "réservation"},
				{rule: "charte.substitution", sev: pipeline.Warning, at: "résa", nth: 2, fix: "Réservation"},
				{rule: "charte.substitution", sev: pipeline.Warning, at: "résa", nth: 3, fix: "Réservation"},
			},
			fixed: "Pour la\nréservation du soir.\n\nRéservation ici.\n\n- « Réservation » par téléphone\n",
		},
		{
			name:    "after an elision the word before must change: no fix, and the hint says so",
			charter: termsCharter,
			body:    "Envoyez-nous l’e-mail. Par e-mail, c’est plus simple.\n",
			want: []want{
				{rule: "charte.substitution", sev: pipeline.Error, at: "e-mail", nth: 1, hint: "change « l’ » as well"},
				{rule: "charte.substitution", sev: pipeline.Error, at: "e-mail", nth: 2, fix: "courriel"},
			},
		},
		{
			name:    "the other way: « de mail » would need « d’e-mail »",
			charter: "substitutions:\n  - term: mail\n    replace: e-mail\n",
			body:    "Pas de mail, un mail suffit.\n",
			want: []want{
				{rule: "charte.substitution", sev: pipeline.Warning, at: "mail", nth: 1, hint: "change « de » as well"},
				{rule: "charte.substitution", sev: pipeline.Warning, at: "mail", nth: 2, fix: "e-mail"},
			},
		},
		{
			name:    "a replacement that holds the term is not flagged again once written",
			charter: "substitutions:\n  - term: Verrière\n    replace: La Verrière\n",
			body:    "Ce soir à Verrière, à la Verrière aussi.\n",
			want:    []want{{rule: "charte.substitution", sev: pipeline.Warning, at: "Verrière", fix: "La Verrière"}},
			fixed:   "Ce soir à La Verrière, à la Verrière aussi.\n",
		},
		{
			name:    "a term is not found inside a hyphenated word, nor a URL",
			charter: "substitutions:\n  - term: mail\n    replace: courriel\n",
			body:    "Notre e-mail : https://example.org/mail\n",
		},
		{
			name:    "in a YAML literal block variant: found at its place, and fixed (its lines are the file's)",
			charter: termsCharter,
			front:   "publish_at: 2026-12-20 10:00\nchannels: [mastodon, bluesky]\nvariants:\n  bluesky: |\n    À Bxl ce soir.\n",
			body:    "À Bruxelles ce soir.\n",
			want:    []want{{rule: "charte.substitution", sev: pipeline.Warning, at: "Bxl", span: true, fix: "Bruxelles"}},
		},
		{
			name:    "in a YAML folded block variant: found at its place, no fix (its lines are folded)",
			charter: termsCharter,
			front:   "publish_at: 2026-12-20 10:00\nchannels: [mastodon, bluesky]\nvariants:\n  bluesky: >\n    À Bxl ce soir.\n",
			body:    "À Bruxelles ce soir.\n",
			want:    []want{{rule: "charte.substitution", sev: pipeline.Warning, at: "Bxl", span: true}},
		},
	})
}

// TestQuotedVariant: in a double-quoted YAML variant the text is not the
// file's bytes once an escape comes before the term, so no fix is
// offered there (it would overwrite the wrong bytes); without an escape
// the fix is safe and offered.
func TestQuotedVariant(t *testing.T) {
	const charter = "substitutions:\n  - term: Bxl\n    replace: Bruxelles\n"
	front := func(variant string) string {
		return "publish_at: 2026-12-20 10:00\nchannels: [mastodon, bluesky]\nvariants:\n  bluesky: " + variant
	}
	src := post(front(`"Un \"mot\" à Bxl"`), "À Bruxelles.\n")
	_, got := lint(t, charter, src)
	if len(got) != 1 || got[0].Rule != "charte.substitution" || got[0].Fix != nil {
		t.Errorf("escaped: want one charte.substitution without fix, got\n%s", list(got))
	}
	src = post(front(`"Un mot à Bxl"`), "À Bruxelles.\n")
	_, got = lint(t, charter, src)
	if len(got) != 1 || got[0].Fix == nil {
		t.Fatalf("plain: want one charte.substitution with a fix, got\n%s", list(got))
	}
	if out, want := applyFixes(t, src, got), post(front(`"Un mot à Bruxelles"`), "À Bruxelles.\n"); out != want {
		t.Errorf("fixed:\n%s\nwant:\n%s", out, want)
	}
}
