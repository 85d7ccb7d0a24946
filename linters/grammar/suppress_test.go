package grammar

import (
	"strings"
	"testing"
)

func TestSocial(t *testing.T) {
	vocab := []string{"Quai Neuf"}
	tests := []struct {
		text, found, typ string
		want             bool
	}{
		{"La Quai Neuf Session revient.", "La", "gn", true},
		{"La CM est en congé.", "La", "gn", true},
		{"Les lecteur·ices sont les bienvenu·es.", "lecteur·ices", "gn", true},
		{"Nos ami.e.s sont là.", "ami.e.s", "gn", true},
		{"Ce soir 🎉 les enfant sont là.", "enfant", "gn", false},
		{"Tous et toutes sont invités.", "invités", "ppas", true},
		{"Chères et chers abonnés, merci.", "abonnés", "gn", true},
		{"Tous et toutes sont invités.", "invités", "conf", false},
		{"Les enfant sont là.", "enfant", "gn", false},
		{"Merci 🎉 les amis.", "🎉", "gn", true},
		{"Rendez-vous #FêteDeLaMusique demain.", "FêteDeLaMusique", "gn", true},
	}
	for _, tt := range tests {
		i := strings.Index(tt.text, tt.found)
		if got := social(tt.text, i, i+len(tt.found), tt.typ, vocab); got != tt.want {
			t.Errorf("social(%q, %q, %s) = %v, want %v", tt.text, tt.found, tt.typ, got, tt.want)
		}
	}
}

// Grammalecte's false alarms on social-media French do not reach the
// post; its true findings on the same lines do.
func TestSocialWithGrammalecte(t *testing.T) {
	needGrammalecte(t)
	c, files := repoWith(t, "languages: [fr]\n", map[string]string{
		"vocabulaire.txt": "Quai Neuf\n",
		"posts/a.md": "---\npublish_at: 2027-01-01 10:00\n---\n" +
			"La Quai Neuf Session revient samedi.\n\n" +
			"Tous et toutes sont invités.\n\n" +
			"Les lecteur·ices sont les bienvenu·es.\n\n" +
			"La CM est en congé.\n\n" +
			"Ils ont mangés une gaufre.\n",
	})
	got := words(t, c, Grammar{}.CheckAll(c, files), "grammar")
	for w := range got {
		if w != "mangés" {
			t.Errorf("a false alarm on %q", w)
		}
	}
	if _, ok := got["mangés"]; !ok {
		t.Errorf("« Ils ont mangés » not reported: %v", got)
	}
}
