package charte_test

import (
	"fmt"
	"testing"
	"unicode/utf8"

	"github.com/crieur/crieur/linters/charte"
	"github.com/crieur/crieur/linters/rule"
	"github.com/crieur/crieur/pipeline/content"
)

// benchCharter is content-example's charter with more of everything.
const benchCharter = `hashtags:
  max: 3
  per_channel:
    bluesky: 2
  required: [Bruxelles]
emojis:
  max: 3
links:
  utm: true
  utm_medium: social
  domains: [verriere.example.org, billetterie.example.org]
sponsored:
  mention: true
inclusive: forbid
forbidden:
  - term: gratos
  - term: kiffer
    severity: warning
  - term: cliquez ici
  - term: de ouf
  - term: trop bien
substitutions:
  - term: Bxl
    replace: Bruxelles
  - term: résa
    replace: réservation
  - term: e-mail
    replace: courriel
  - term: live
    replace: concert
rules:
  - id: marque.majuscule
    kind: capitalization
    tokens: [Verrière]
  - id: typo.euro
    kind: substitution
    pattern: '(\d+) ?euros?\b'
    replace: "$1 €"
  - id: ton.exclamation
    kind: occurrence
    pattern: '!'
    max: 3
  - id: jargon
    kind: existence
    tokens: [afterwork, line-up, sold out]
`

// benchPost is a post of about 500 characters: accents, elisions, a
// link with its UTM parameters, a mention, two hashtags, an emoji.
func benchPost(i int) string {
	channels := []string{"[mastodon]", "[mastodon, bluesky]", "[mastodon, bluesky, linkedin]"}[i%3]
	body := fmt.Sprintf("La Verrière vous attend le %d décembre à 20 h 30 pour une soirée de chanson française avec l’Orchestre Tournesol et ses invités. "+
		"L’entrée est libre pour les moins de douze ans ; les autres places sont en vente au guichet et en ligne, à partir de 12 €. "+
		"Le bar du foyer ouvre dès 19 h avec la bière de la brasserie du quartier. Avec @lotte@mastodon.example 🎶\n\n"+
		"Programme : https://verriere.example.org/agenda/%d?utm_source=crieur&utm_medium=social&utm_campaign=hiver26\n\n#Bruxelles #chanson\n", 1+i%28, i)
	return post(fmt.Sprintf("publish_at: 2026-12-%02d 10:00\nchannels: %s\ncampaign: hiver26", 1+i%28, channels), body)
}

// BenchmarkCheck runs the rule on 1,000 loaded posts of about 500
// characters each, under a charter that uses every kind of rule.
func BenchmarkCheck(b *testing.B) {
	const n = 1000
	files := map[string]string{"charte.yml": benchCharter}
	for i := 0; i < n; i++ {
		files[fmt.Sprintf("posts/2026/12/p%04d.md", i)] = benchPost(i)
	}
	r := newRepo(b, files)
	paths, err := r.PostPaths()
	if err != nil {
		b.Fatal(err)
	}
	loaded, fs := r.LoadPosts(paths)
	if len(loaded) != n || len(fs) != 0 {
		b.Fatalf("%d posts loaded, findings %v", len(loaded), fs)
	}
	if chars := utf8.RuneCount(loaded[0].Source); chars < 450 || chars > 700 {
		b.Fatalf("a post is %d characters", chars)
	}
	check := func(files []*content.File) int {
		found := 0
		ctx := &rule.Context{Repo: r, Now: now}
		for _, f := range files {
			found += len(charte.Brand{}.Check(ctx, f))
		}
		return found
	}
	if got := check(loaded); got != 0 {
		b.Fatalf("%d findings on clean posts: %v", got, charte.Brand{}.Check(&rule.Context{Repo: r, Now: now}, loaded[0]))
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		check(loaded)
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N)/n, "µs/post")
}
