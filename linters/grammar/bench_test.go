package grammar

import (
	"fmt"
	"testing"
)

// benchPost is a French post of the usual size (about 400 characters),
// with a grammar mistake and typography for Grammalecte to report.
const benchPost = "---\npublish_at: 2027-01-%02d 10:00\n---\nCe jeudi (soirée %d), la Verrière accueille le quartet de Sam Okafor pour une soirée jazz à 19h. Les portes ouvre à 18 h 30 et le bar reste ouvert jusqu’à minuit. Entrée libre pour les moins de 12 ans, \"tarif solidaire\" pour les autres : 8 € sur place ou en ligne.\n\nVenez nombreuses et nombreux, et pensez à réserver : les places partent vite en décembre !\n"

// BenchmarkCheckAll lints n posts in one run: Grammalecte starts once
// and reads every post, so a run costs its start plus a little per post.
// go test -tags hunspell -bench CheckAll -benchtime 3x ./linters/grammar/
func BenchmarkCheckAll(b *testing.B) {
	needGrammalecte(b)
	for _, n := range []int{1, 100, 1000} {
		b.Run(fmt.Sprintf("posts=%d", n), func(b *testing.B) {
			posts := map[string]string{}
			for i := 0; i < n; i++ {
				posts[fmt.Sprintf("posts/p%04d.md", i)] = fmt.Sprintf(benchPost, 1+i%28, i)
			}
			c, files := repoWith(b, "languages: [fr]\ntypography:\n  french: true\n", posts)
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				if fs := (Grammar{}).CheckAll(c, files); len(fs) < n {
					b.Fatalf("%d findings for %d posts", len(fs), n)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N*n), "ms/post")
		})
	}
}
