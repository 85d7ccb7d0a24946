package typo_test

import (
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/crieur/crieur/linters/rule"
	"github.com/crieur/crieur/linters/typo"
)

// frenchPost makes a French post body of about 500 characters, with a
// URL, a hashtag, guillemets, times, an emoticon and, one post in three,
// mistakes of every kind.
func frenchPost(i int) string {
	var b strings.Builder
	fmt.Fprintf(&b, "Concert n°%d à la Verrière le %d décembre à 20:30⍽! Au programme¤: jazz, chanson et «⍽Nachtlicht⍽» en avant-première⍽; l’entrée est libre. ", i, 1+i%28)
	if i%3 == 0 {
		b.WriteString("C'est l'été... ou presque: venez nombreux , et dites-le «autour de vous»!? ")
	}
	b.WriteString("Réservez vite sur https://verriere.example.org/agenda?utm_source=crieur&utm_medium=social, ")
	b.WriteString("le bar ouvre dès 19¤h et la soirée finit tard :) Merci à toutes et à tous⍽! ")
	for utf8.RuneCountInString(b.String()) < 480 {
		b.WriteString("Une soirée à ne pas manquer. ")
	}
	b.WriteString("\n\n#JeudiJazz #Molenbeek\n")
	return spaces.Replace(b.String())
}

func BenchmarkFrench(b *testing.B) {
	const n = 1000
	files := map[string]string{}
	for i := 0; i < n; i++ {
		files[fmt.Sprintf("posts/2026/12/post-%04d.md", i)] = post(fmt.Sprintf("publish_at: 2026-12-%02d %02d:%02d", 1+i%28, 8+i%12, i%60), frenchPost(i))
	}
	r := newRepo(b, files)
	loaded := loadAll(b, r)
	if len(loaded) != n {
		b.Fatalf("loaded %d posts, want %d", len(loaded), n)
	}
	c := &rule.Context{Repo: r, Now: lintTime}
	count := 0
	for _, f := range loaded {
		count += len(typo.French{}.Check(c, f))
	}
	if want := 8 * ((n + 2) / 3); count != want {
		b.Fatalf("%d findings in the generated posts, want %d", count, want)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		for _, f := range loaded {
			typo.French{}.Check(c, f)
		}
	}
}
