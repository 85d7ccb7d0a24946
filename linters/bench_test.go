package linters_test

import (
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/crieur/crieur/linters"
	"github.com/crieur/crieur/pipeline"
	"github.com/crieur/crieur/pipeline/content"
)

// benchCharter switches every rule family on: spelling, tone, the
// charter's limits and terms, French typography; all but Grammalecte,
// a separate process that linters/grammar's BenchmarkCheckAll measures.
const benchCharter = `languages: [fr]
spelling:
  hashtags: skip
  grammar: false
tone:
  address: vous
hashtags:
  max: 3
emojis:
  max: 3
links:
  utm: true
  domains: [verriere.example.org]
sponsored:
  mention: true
media:
  alt_required: true
  alt_min: 15
inclusive: forbid
typography:
  french: true
  space: narrow
forbidden:
  - term: gratos
substitutions:
  - term: Bxl
    replace: Bruxelles
`

// benchRepo writes a content repository with n generated posts
// (writeBenchRepo) in a temporary folder and opens it.
func benchRepo(b *testing.B, n int) *content.Repo {
	b.Helper()
	dir := b.TempDir()
	if err := writeBenchRepo(dir, n); err != nil {
		b.Fatal(err)
	}
	r, err := content.Open(dir)
	if err != nil {
		b.Fatal(err)
	}
	return r
}

// TestBenchRepo checks that the generated repository loads and lints
// clean, every rule family on. With CRIEUR_BENCH_REPO set, it writes the
// repository there instead, with CRIEUR_BENCH_POSTS posts (10,000 by
// default), for scripts/bench-lint.sh to time crieur and hunspell on.
func TestBenchRepo(t *testing.T) {
	dir, n := os.Getenv("CRIEUR_BENCH_REPO"), 200
	if dir == "" {
		dir = t.TempDir()
	} else if n = 10000; os.Getenv("CRIEUR_BENCH_POSTS") != "" {
		var err error
		if n, err = strconv.Atoi(os.Getenv("CRIEUR_BENCH_POSTS")); err != nil {
			t.Fatal(err)
		}
	}
	if err := writeBenchRepo(dir, n); err != nil {
		t.Fatal(err)
	}
	r, err := content.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	if os.Getenv("CRIEUR_BENCH_REPO") != "" {
		return // the script lints it, with the binary
	}
	paths, err := r.PostPaths()
	if err != nil {
		t.Fatal(err)
	}
	files, fs := r.LoadPosts(paths)
	ctx := &linters.Context{Repo: r, Now: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)}
	if fs = append(fs, linters.New().Lint(ctx, files, files, nil)...); len(files) != n || len(fs) != 0 {
		t.Fatalf("%d files of %d, findings %v", len(files), n, fs[:min(3, len(fs))])
	}
}

// writeBenchRepo writes into dir a content repository with n generated
// posts: French text with accents, links, hashtags and mentions, one to
// three channels, a third with an image, a tenth as threads, five a day
// over five years; the charter is benchCharter.
func writeBenchRepo(dir string, n int) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(dir, "crieur.yml"), []byte(`timezone: Europe/Brussels
channels:
  mastodon: {type: outbox}
  bluesky: {type: outbox}
  linkedin: {type: outbox}
`), 0o644); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(dir, "charte.yml"), []byte(benchCharter), 0o644); err != nil {
		return err
	}
	if err := writeBenchImage(filepath.Join(dir, "media", "affiche.jpg")); err != nil {
		return err
	}
	start := time.Date(2026, 1, 1, 9, 0, 0, 0, time.UTC)
	for i := 0; i < n; i++ {
		// Five posts a day between 08:00 and 18:40, never in a DST gap.
		at := start.AddDate(0, 0, i/5).Add(time.Duration(i%5)*(2*time.Hour+10*time.Minute) - time.Hour)
		rel := filepath.Join("posts", at.Format("2006"), at.Format("01"), fmt.Sprintf("post-%05d.md", i))
		if err := os.MkdirAll(filepath.Join(dir, filepath.Dir(rel)), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(dir, rel), []byte(benchPost(i, at)), 0o644); err != nil {
			return err
		}
	}
	return nil
}

// benchPost is the i-th generated post, published at at.
func benchPost(i int, at time.Time) string {
	chans := []string{"[mastodon]", "[mastodon, linkedin]", "[linkedin]"} // ~500 characters: too long for Bluesky
	media := ""
	if i%3 == 0 {
		media = "media:\n  - file: /media/affiche.jpg\n    alt: Affiche du concert, fond rouge et lettres blanches\n"
	}
	body := fmt.Sprintf("Le concert numéro %d commence à 20 h 30\u00a0: découvrez le programme complet de la saison sur https://example.org/agenda/%d\u202f! Réservez vos places dès maintenant, c’est bientôt complet, et venez avec vos amis.\n\nAvec @artiste@mastodon.example, le trio de l’été et une première partie surprise. Le bar reste ouvert après le concert.\n\n#culture #Bruxelles\n", i, i)
	if i%10 == 0 {
		body += "\n---\n\nLa suite du fil\u00a0: *entrée libre* pour les moins de 12 ans, [billetterie](https://example.org/billets).\n"
	}
	return fmt.Sprintf("---\ntitle: Concert %d\npublish_at: %s\nchannels: %s\nlang: fr\ncampaign: saison-%d\n%s---\n%s",
		i, at.Format("2006-01-02 15:04"), chans[i%3], at.Year(), media, body)
}

// writeBenchImage writes the small JPEG the generated posts show.
func writeBenchImage(path string) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	img := image.NewRGBA(image.Rect(0, 0, 64, 48))
	for i := range img.Pix {
		img.Pix[i] = byte(i)
	}
	img.Set(1, 1, color.White)
	fh, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := jpeg.Encode(fh, img, nil); err != nil {
		fh.Close()
		return err
	}
	return fh.Close()
}

// BenchmarkLoad10k reads 10,000 posts: walk, front matter, body, checks.
func BenchmarkLoad10k(b *testing.B) {
	r := benchRepo(b, 10000)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		paths, err := r.PostPaths()
		if err != nil {
			b.Fatal(err)
		}
		files, fs := r.LoadPosts(paths)
		if len(files) != 10000 || len(fs) != 0 {
			b.Fatalf("%d files, findings %v", len(files), fs[:min(3, len(fs))])
		}
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N)/10000, "µs/post")
}

// BenchmarkLint10k runs every registered rule, every family switched on,
// on 10,000 loaded French posts of about 500 characters.
func BenchmarkLint10k(b *testing.B) {
	r := benchRepo(b, 10000)
	paths, err := r.PostPaths()
	if err != nil {
		b.Fatal(err)
	}
	files, _ := r.LoadPosts(paths)
	e := linters.New()
	ctx := &linters.Context{Repo: r, Now: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if fs := e.Lint(ctx, files, files, nil); len(fs) != 0 {
			b.Fatalf("findings on clean posts: %v", fs[:min(3, len(fs))])
		}
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N)/10000, "µs/post")
}

// bigPost returns a post whose body is about size bytes of French prose,
// with a misspelling and a typography slip on every line: a finding every
// hundred bytes, the worst a long post can do to position lookups.
func bigPost(size int) string {
	var b strings.Builder
	b.WriteString("---\npublish_at: 2026-12-20 10:00\nchannels: [mastodon]\nlang: fr\n---\n")
	for i := 0; b.Len() < size; i++ {
		fmt.Fprintf(&b, "Le concert numéro %d commence à vingt heures, teh programme est complet !\n", i)
	}
	return b.String()
}

// oneLinePost is bigPost written on a single line: what a post cut by
// no newline does to column lookups.
func oneLinePost(size int) string {
	src := bigPost(size)
	end := strings.Index(src[4:], "---\n") + 8 // past the closing ---
	return src[:end] + strings.ReplaceAll(src[end:len(src)-1], "\n", " ") + "\n"
}

// lintOne loads one post of src into r and lints it.
func lintOne(b *testing.B, r *content.Repo, src string) int {
	b.Helper()
	f, problems := r.ParsePost("posts/big.md", []byte(src))
	if f == nil {
		b.Fatalf("not a post: %v", problems)
	}
	files := []*content.File{f}
	ctx := &linters.Context{Repo: r, Now: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)}
	return len(linters.New().Lint(ctx, files, files, problems))
}

// BenchmarkLintBigPost lints one post of 1 MiB, every rule family on:
// the cost must grow with the size of the post, not with its square.
func BenchmarkLintBigPost(b *testing.B) {
	for _, size := range []int{128 << 10, 256 << 10, 1 << 20} {
		b.Run(fmt.Sprintf("%dKiB", size>>10), func(b *testing.B) {
			r, src := benchRepo(b, 0), bigPost(size)
			b.SetBytes(int64(len(src)))
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				if lintOne(b, r, src) == 0 {
					b.Fatal("no findings on a post full of slips")
				}
			}
		})
	}
}

// BenchmarkLintOneLinePost lints a post of one line of 128 KiB to 1 MiB
// with a finding every hundred bytes.
func BenchmarkLintOneLinePost(b *testing.B) {
	for _, size := range []int{128 << 10, 256 << 10, 1 << 20} {
		b.Run(fmt.Sprintf("%dKiB", size>>10), func(b *testing.B) {
			r, src := benchRepo(b, 0), oneLinePost(size)
			b.SetBytes(int64(len(src)))
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				if lintOne(b, r, src) == 0 {
					b.Fatal("no findings on a post full of slips")
				}
			}
		})
	}
}

// BenchmarkLintNestedMarkers lints a post of one line of nested list
// markers ("- - - … x"), 100 KB of them at most.
func BenchmarkLintNestedMarkers(b *testing.B) {
	for _, size := range []int{10 << 10, 25 << 10, 100 << 10} {
		b.Run(fmt.Sprintf("%dKiB", size>>10), func(b *testing.B) {
			r := benchRepo(b, 0)
			src := "---\npublish_at: 2026-12-20 10:00\nchannels: [mastodon]\n---\n" + strings.Repeat("- ", size/2) + "x\n"
			b.SetBytes(int64(len(src)))
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				lintOne(b, r, src)
			}
		})
	}
}

// TestWorkersSameFindings: the findings on generated posts with slips of
// every rule family (spelling, typography, tone, charter, length, media)
// are the same, in the same order, checked by one worker or by many.
func TestWorkersSameFindings(t *testing.T) {
	dir := t.TempDir()
	if err := writeBenchRepo(dir, 120); err != nil {
		t.Fatal(err)
	}
	slips := []string{
		"Teh programe est complet ! Vous pouvez venir, tu verras.\n",
		"Gratos à Bxl : #un #deux #trois #quatre 🎷🎷🎷🎷 https://example.org/?a=1\n",
		strings.Repeat("Un texte bien trop long pour Bluesky, vraiment. ", 12) + "\n",
		"LE CONCERT EST ANNULÉ !!! Les spectateur·ices sont prié·es de partir.\n",
	}
	for i := range 40 {
		body := slips[i%len(slips)]
		media := ""
		if i%3 == 0 {
			media = "media:\n  - file: /media/affiche.jpg\n    alt: Afiche\n"
		}
		src := fmt.Sprintf("---\npublish_at: 2026-03-%02d 10:00\nchannels: [mastodon, bluesky]\nlang: fr\n%s---\n%s", i%28+1, media, body)
		if err := os.WriteFile(filepath.Join(dir, "posts", fmt.Sprintf("slip-%02d.md", i)), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	r, err := content.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	lint := func(workers int) []pipeline.Finding {
		e := linters.New()
		e.Workers = workers
		fs, _, _, err := e.LintPaths(r, nil, time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC))
		if err != nil {
			t.Fatal(err)
		}
		return fs
	}
	one := lint(1)
	if len(one) < 100 {
		t.Fatalf("only %d findings: the slips are not found", len(one))
	}
	for _, n := range []int{2, 7} {
		if many := lint(n); !reflect.DeepEqual(one, many) {
			t.Errorf("%d workers: %d findings, one worker %d, or in another order", n, len(many), len(one))
		}
	}
}
