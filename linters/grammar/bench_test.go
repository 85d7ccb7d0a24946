package grammar

import (
	"fmt"
	"testing"
)

// benchPost is a French post of the usual size (about 400 characters),
// with a grammar mistake and typography for Grammalecte to report.
const benchPost = "---\npublish_at: 2027-01-%02d 10:00\n---\nCe jeudi (soirée %d), la Verrière accueille le quartet de Sam Okafor pour une soirée jazz à 19h. Les portes ouvre à 18 h 30 et le bar reste ouvert jusqu’à minuit. Entrée libre pour les moins de 12 ans, \"tarif solidaire\" pour les autres : 8 € sur place ou en ligne.\n\nVenez nombreuses et nombreux, et pensez à réserver : les places partent vite en décembre !\n"

// BenchmarkCheckAll lints n posts in one run: grammalecte-cli starts
// once and reads every post, so a run costs its start plus a little per
// post (cli); Grammalecte kept running (process, warm) costs the little
// per post only.
// go test -tags hunspell -run '^$' -bench CheckAll -benchtime 3x ./linters/grammar/
func BenchmarkCheckAll(b *testing.B) {
	needGrammalecte(b)
	p := &Process{}
	defer p.Close()
	for _, bench := range []struct {
		name string
		g    Grammar
		n    int
	}{{"cli", Grammar{}, 1}, {"cli", Grammar{}, 100}, {"cli", Grammar{}, 1000}, {"process", Grammar{Process: p}, 1}, {"process", Grammar{Process: p}, 100}, {"process", Grammar{Process: p}, 1000}} {
		g, n := bench.g, bench.n
		b.Run(fmt.Sprintf("%s/posts=%d", bench.name, n), func(b *testing.B) {
			posts := map[string]string{}
			for i := 0; i < n; i++ {
				posts[fmt.Sprintf("posts/p%04d.md", i)] = fmt.Sprintf(benchPost, 1+i%28, i)
			}
			c, files := repoWith(b, "languages: [fr]\ntypography:\n  french: true\n", posts)
			g.CheckAll(c, files[:1]) // the process starts
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				if fs := g.CheckAll(c, files); len(fs) < n {
					b.Fatalf("%d findings for %d posts", len(fs), n)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N*n), "ms/post")
		})
	}
}
