package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/crieur/crieur/pipeline"
	"github.com/crieur/crieur/pipeline/channels/outbox"
)

// largeRepo writes a content repository of n posts, the first due of
// them due on 2026-12-01 at 10:00 and the others in 2027, commits it
// with git and packs it, and returns its folder.
func largeRepo(b testing.TB, n, due int) string {
	b.Helper()
	dir := b.TempDir()
	write := func(rel, src string) {
		p := filepath.Join(dir, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			b.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
			b.Fatal(err)
		}
	}
	write("crieur.yml", "timezone: Europe/Brussels\nchannels:\n  mastodon:\n    type: outbox\n")
	write(".gitignore", "outbox/\n.crieur/\n")
	for i := range n {
		at := fmt.Sprintf("2027-%02d-%02d 09:%02d", 1+i%12, 1+i%28, i%60)
		if i < due {
			at = fmt.Sprintf("2026-12-01 09:%02d", i%60)
		}
		write(fmt.Sprintf("posts/%d/%02d/post-%05d.md", 2026+i%2, 1+i%12, i),
			fmt.Sprintf("---\npublish_at: %s\nchannels: [mastodon]\nlang: fr\n---\nLe message numéro %d de la saison, à lire sur https://example.org/%d\n", at, i, i))
	}
	git := func(args ...string) {
		cmd := exec.Command("git", append([]string{"-C", dir, "-c", "user.name=B", "-c", "user.email=b@example.org", "-c", "gc.auto=0"}, args...)...)
		if out, err := cmd.CombinedOutput(); err != nil {
			b.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	git("init", "-q", "-b", "main")
	git("add", "-A")
	git("commit", "-q", "-m", "posts")
	git("gc", "-q") // packed, as a fresh clone is; and no gc in the background meanwhile
	return dir
}

// timedCrieur runs crieur in dir and returns how long it took.
func timedCrieur(b *testing.B, dir string, args ...string) time.Duration {
	b.Helper()
	start := time.Now()
	if code := run(context.Background(), append([]string{"-C", dir}, args...), nil, io.Discard, io.Discard, getenvWith(map[string]string{
		"GIT_AUTHOR_NAME": "B", "GIT_AUTHOR_EMAIL": "b@example.org", "HOME": dir})); code != exitOK {
		b.Fatalf("crieur %v: exit %d", args, code)
	}
	return time.Since(start)
}

func getenvWith(vars map[string]string) func(string) string {
	return func(k string) string { return vars[k] }
}

// BenchmarkPublishLargeRepo publishes 18 and 400 due posts in a
// repository of 10,000 posts, against the outbox (no network), and
// measures in the same iteration how long crieur plan takes to load the
// same repository: x-plan is publish's time over plan's. Run it with
// -benchtime=3x: each iteration copies the repository afresh.
func BenchmarkPublishLargeRepo(b *testing.B) {
	for _, due := range []int{18, 400} {
		b.Run(fmt.Sprintf("due=%d", due), func(b *testing.B) {
			tmpl := largeRepo(b, 10000, due)
			var plan, publish time.Duration
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				dir := filepath.Join(b.TempDir(), "repo")
				if out, err := exec.Command("cp", "-a", tmpl, dir).CombinedOutput(); err != nil {
					b.Fatalf("cp: %v\n%s", err, out)
				}
				plan += timedCrieur(b, dir, "plan", "--now", "2026-12-01 10:00")
				b.StartTimer()
				publish += timedCrieur(b, dir, "publish", "--now", "2026-12-01 10:00")
			}
			b.ReportMetric(plan.Seconds()/float64(b.N), "s-plan")
			b.ReportMetric(publish.Seconds()/float64(b.N), "s-publish")
			b.ReportMetric(publish.Seconds()/plan.Seconds(), "x-plan")
			// The outbox is this run's network: what it costs to write
			// its files, measured apart, is taken off.
			network := outboxTime(b, due)
			b.ReportMetric(publish.Seconds()/float64(b.N)-network.Seconds(), "s-publish-without-network")
		})
	}
}

// outboxTime is how long the outbox takes to write n messages: the
// network's share of a publish run against it.
func outboxTime(b *testing.B, n int) time.Duration {
	b.Helper()
	c := &outbox.Client{Dir: b.TempDir(), RelDir: "outbox/mastodon", Channel: "mastodon", Now: time.Now}
	start := time.Now()
	for i := range n {
		m := pipeline.Message{Key: fmt.Sprintf("%024x", i), Post: fmt.Sprintf("posts/p%d.md", i), Parts: []string{fmt.Sprintf("Le message numéro %d de la saison", i)}}
		if _, err := c.Publish(context.Background(), m); err != nil {
			b.Fatal(err)
		}
	}
	return time.Since(start)
}
