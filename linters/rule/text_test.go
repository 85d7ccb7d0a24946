package rule

import (
	"strings"
	"testing"
)

func TestMask(t *testing.T) {
	tests := []struct {
		in      string
		blanked []string // the parts that must become spaces, in order
	}{
		{"Voir https://example.org/a?b=c. Merci", []string{"https://example.org/a?b=c"}},
		{"Écrivez à presse@verriere.be !", []string{"presse@verriere.be"}},
		{"Avec @lotte@mastodon.example et @bob.", []string{"@lotte@mastodon.example", "@bob"}},
		{"Un `code` ici", []string{"`code`"}},
		{"<!-- crieur-disable x -->\nTexte", []string{"<!-- crieur-disable x -->"}},
		{"[le programme](https://x.org/p) !", []string{"(https://x.org/p)"}},
		{"#culture reste, l’été aussi", nil},
	}
	for _, tt := range tests {
		want := tt.in
		for _, b := range tt.blanked {
			want = strings.Replace(want, b, strings.Repeat(" ", len(b)), 1)
		}
		if got := Mask(tt.in); got != want {
			t.Errorf("Mask(%q)\n got %q\nwant %q", tt.in, got, want)
		}
	}
}
