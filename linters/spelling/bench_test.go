package spelling_test

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/crieur/crieur/linters/rule"
	"github.com/crieur/crieur/linters/spelling"
)

// sentences are the material of the generated posts: French as the posts
// write it, with elisions, compounds, times, amounts and names.
var sentences = []string{
	"La Verrière ouvre ses portes samedi à 20 h 30 pour une soirée jazz.",
	"L’entrée est libre, mais pensez à réserver : la salle ne compte que deux cents places.",
	"Maëlle Dufrasne présente son nouvel album, c’est-à-dire onze chansons écrites à Molenbeek.",
	"Puisqu’il fait froid, le bar sert du vin chaud et des gaufres jusqu’à minuit.",
	"Les enfants de six à douze ans peuvent-ils venir ? Bien sûr, l’atelier est fait pour eux.",
	"Rendez-vous au 17 quai des Lanternes, à deux pas du canal, pour le 1er concert de la saison.",
	"Qu’on se le dise : le goûter-concert du dimanche affiche complet depuis lundi.",
	"Nos bénévoles vous accueillent dès 19 h ; merci à elles et à eux pour leur aide précieuse.",
	"Le festival revient au printemps avec vingt-et-un artistes venus de Bruxelles et d’ailleurs.",
	"Lorsqu’on aime la musique, on ne compte pas les heures : l’équipe prépare la scène depuis l’aube.",
	"Billets à 12 € en prévente, 15 € sur place, gratuits pour les moins de 12 ans.",
	"Au XXe siècle, ce bâtiment était une fabrique de verre ; aujourd’hui, c’est une salle de concert.",
}

// typo drops one letter of one long word, the kind of mistake posts
// carry.
func typo(rng *rand.Rand, s string) string {
	ws := strings.Fields(s)
	for range 10 {
		i := rng.IntN(len(ws))
		if w := []rune(ws[i]); len(w) > 6 && strings.IndexFunc(ws[i], func(r rune) bool { return r == '’' || r == '-' }) < 0 {
			j := 1 + rng.IntN(len(w)-2)
			ws[i] = string(append(w[:j:j], w[j+1:]...))
			break
		}
	}
	return strings.Join(ws, " ")
}

// generate writes n posts of about 500 characters; one in five has a
// misspelt word.
func generate(n int) (map[string]string, int) {
	rng := rand.New(rand.NewPCG(1, 2))
	files := map[string]string{}
	words := 0
	for i := range n {
		var b strings.Builder
		for utf8.RuneCountInString(b.String()) < 480 {
			s := sentences[rng.IntN(len(sentences))]
			if i%5 == 0 && b.Len() == 0 {
				s = typo(rng, s)
			}
			b.WriteString(s + " ")
		}
		b.WriteString("\n\n#JeudiJazz #Bruxelles\n")
		words += len(strings.Fields(b.String()))
		at := time.Date(2027, 1, 1, 8, 0, 0, 0, time.UTC).Add(time.Duration(i) * 3 * time.Hour)
		files[fmt.Sprintf("posts/gen/%04d.md", i)] = post("publish_at: "+at.Format(time.RFC3339), b.String())
	}
	return files, words
}

// BenchmarkSpelling1000Posts checks 1,000 generated French posts of
// about 500 characters each, as one run of `crieur lint` would.
func BenchmarkSpelling1000Posts(b *testing.B) {
	gen, words := generate(1000)
	r := newRepo(b, gen)
	files := loadAll(b, r)
	ru := spelling.Spelling{}
	lintAll := func() int {
		c := &rule.Context{Repo: r, Now: now}
		n := 0
		for _, f := range files {
			n += len(ru.Check(c, f))
		}
		return n
	}
	start := time.Now()
	found := lintAll() // loads the dictionary, computes suggestions
	b.Logf("first run: %d posts, %d words, %d findings in %v (dictionary load and suggestions included)",
		len(files), words, found, time.Since(start).Round(time.Millisecond))
	if found < len(files)/10 {
		b.Fatalf("only %d findings: the generated typos are not found", found)
	}
	for b.Loop() {
		lintAll()
	}
	b.ReportMetric(float64(words*b.N)/b.Elapsed().Seconds(), "words/s")
	b.ReportMetric(b.Elapsed().Seconds()*1e3/float64(b.N*len(files)), "ms/post")
}
