package tone_test

import (
	"testing"
	"unicode/utf8"

	"github.com/crieur/crieur/linters/rule"
	"github.com/crieur/crieur/linters/tone"
	"github.com/crieur/crieur/pipeline"
)

// FuzzCheck: whatever the text, the rule does not panic, every finding
// has a position inside the file that ends after it starts, and every
// fix replaces a valid range with one mark.
func FuzzCheck(f *testing.F) {
	for _, seed := range []string{
		"Putain !!! NOUVEAU CONCERT. T’es con, bande d'idiots. #FilsDePute",
		"« Tu sais » ?!?! ‼ ⁉ encule\u0301 con\u00adnard",
		"L’ÉTÉ À LA VERRIÈRE\n\n---\n\nRéveillez-vous ! ! !",
		"#_ #__a #A1b2 &#39; C# ' ’ l’ d'",
		"![x](y) !![x](y) !\n!",
	} {
		f.Add(seed)
	}
	r := newRepo(f, map[string]string{"charte.yml": "tone:\n  address: vous\n  words: [nul, \"(a) b\", \"*\"]\n"})
	c := &rule.Context{Repo: r, Now: now}
	f.Fuzz(func(t *testing.T, body string) {
		if !utf8.ValidString(body) {
			return
		}
		file, findings := r.ParsePost(postPath, []byte(post("publish_at: 2026-12-20 10:00", body+"\n")))
		if file == nil || pipeline.HasErrors(findings) {
			return
		}
		for _, fd := range (tone.Tone{}).Check(c, file) {
			if fd.Line < 1 || fd.Col < 1 || fd.EndLine < fd.Line || fd.EndLine == fd.Line && fd.EndCol <= fd.Col {
				t.Errorf("bad span %#v", fd)
			}
			if fx := fd.Fix; fx != nil {
				if fx.Start < 0 || fx.End <= fx.Start || fx.End > len(file.Source) || (fx.Text != "!" && fx.Text != "?") {
					t.Errorf("bad fix %#v", fd)
				}
			}
		}
	})
}
