package tone_test

import (
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/crieur/crieur/linters/rule"
	"github.com/crieur/crieur/linters/tone"
	"github.com/crieur/crieur/pipeline/content"
)

// benchBody is a French post of about 500 characters; every seventh one
// swears, shouts and tutoie, so that the rule has something to report.
func benchBody(i int) string {
	var b strings.Builder
	fmt.Fprintf(&b, "Le concert n°%d commence à 20 h 30 : découvrez le programme complet sur https://example.org/agenda/%d ! ", i, i)
	b.WriteString("Réservez vos places, c’est bientôt complet. Avec @artiste@mastodon.example et le trio de l’été, ")
	b.WriteString("une soirée d’improvisation où chaque musicien apporte un thème ; le public choisit l’ordre, la régie s’adapte et le bar reste ouvert jusqu’à minuit, avec des planches de fromages belges. ")
	if i%7 == 0 {
		b.WriteString("Putain, quelle ENTRÉE GRATUITE !!! Viens avec tes amis. ")
	} else {
		b.WriteString("Le DJ de la RTBF clôt la nuit au foyer, entrée libre. ")
	}
	b.WriteString("\n\n#culture #Bruxelles #JeudiJazz\n")
	return b.String()
}

// BenchmarkTone checks 1,000 posts of about 500 characters each, loaded
// once from a real repository; one iteration is the 1,000 posts.
func BenchmarkTone(b *testing.B) {
	files := map[string]string{}
	for i := 0; i < 1000; i++ {
		files[fmt.Sprintf("posts/2026/%02d/post-%04d.md", 1+i%12, i)] = post(fmt.Sprintf("publish_at: 2026-%02d-%02d 10:00", 1+i%12, 1+i%28), benchBody(i))
	}
	r := newRepo(b, files)
	paths, err := r.PostPaths()
	if err != nil {
		b.Fatal(err)
	}
	loaded, findings := r.LoadPosts(paths)
	if len(loaded) != 1000 || len(findings) > 0 {
		b.Fatalf("loaded %d posts, %d load findings", len(loaded), len(findings))
	}
	if n := utf8.RuneCountInString(benchBody(1)); n < 450 || n > 600 {
		b.Fatalf("a post is %d characters, want about 500", n)
	}
	c := &rule.Context{Repo: r, Now: now}
	check := func(fs []*content.File) int {
		n := 0
		for _, f := range fs {
			n += len(tone.Tone{}.Check(c, f))
		}
		return n
	}
	if n := check(loaded); n == 0 {
		b.Fatal("the benchmark posts trip nothing")
	}
	b.ResetTimer()
	for b.Loop() {
		check(loaded)
	}
}
