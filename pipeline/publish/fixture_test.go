package publish

import (
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/crieur/crieur/pipeline"
	"github.com/crieur/crieur/pipeline/content"
)

const testConfig = `timezone: Europe/Brussels
channels:
  mastodon:
    type: outbox
    account: "@botanique@mastodon.social"
  bluesky:
    type: outbox
  linkedin:
    type: outbox
`

// postA is a thread on three channels, with the author's comments and key
// order that the publisher must keep.
const postA = `---
# un commentaire de l’autrice
title: Lancement de la saison   # affiché dans le calendrier
publish_at: 2026-12-01 09:30   # heure de Bruxelles
channels: [mastodon, bluesky, linkedin]
lang: fr
campaign: saison-2026
---
Premier message du fil, l’été commence !

---

Deuxième message.
`

func brussels(t testing.TB) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation("Europe/Brussels")
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

// network is a test double of a network: it records every call, fails
// while err is set, blocks until the deadline when block is set, and
// honours idempotency keys the way Mastodon does.
type network struct {
	mu      sync.Mutex
	name    string
	calls   []pipeline.Message
	err     error
	block   bool
	posts   map[string]pipeline.Receipt // what went out, by key
	finds   int
	findErr error
}

var _ pipeline.Channel = (*network)(nil)

func newNetwork(name string) *network {
	return &network{name: name, posts: map[string]pipeline.Receipt{}}
}

func (n *network) Publish(ctx context.Context, m pipeline.Message) (pipeline.Receipt, error) {
	n.mu.Lock()
	n.calls = append(n.calls, m)
	err, block := n.err, n.block
	n.mu.Unlock()
	if block {
		<-ctx.Done()
		return pipeline.Receipt{}, ctx.Err()
	}
	if err != nil {
		return pipeline.Receipt{}, err
	}
	n.mu.Lock()
	defer n.mu.Unlock()
	if r, ok := n.posts[m.Key]; ok {
		return r, nil
	}
	id := fmt.Sprintf("%s-%d", n.name, len(n.posts)+1)
	r := pipeline.Receipt{ID: id, URL: "https://" + n.name + ".example/" + id}
	n.posts[m.Key] = r
	return r, nil
}

func (n *network) sent() []pipeline.Message {
	n.mu.Lock()
	defer n.mu.Unlock()
	return append([]pipeline.Message(nil), n.calls...)
}

func (n *network) setErr(err error) {
	n.mu.Lock()
	n.err = err
	n.mu.Unlock()
}

func (n *network) findCalls() int {
	n.mu.Lock()
	defer n.mu.Unlock()
	return n.finds
}

// finder is a network whose adapter can tell whether a key went out.
type finder struct{ *network }

var _ pipeline.Finder = finder{}

func (f finder) Find(_ context.Context, m pipeline.Message) (pipeline.Receipt, bool, error) {
	key := m.Key
	f.mu.Lock()
	defer f.mu.Unlock()
	f.finds++
	if f.findErr != nil {
		return pipeline.Receipt{}, false, f.findErr
	}
	r, ok := f.posts[key]
	return r, ok, nil
}

type commitCall struct {
	paths []string
	msg   string
}

// fixture is a content repository in a temporary folder with three
// channels backed by test doubles (plain Channels unless made finders).
type fixture struct {
	t        *testing.T
	root     string
	loc      *time.Location
	repo     *content.Repo
	nets     map[string]*network
	channels map[string]pipeline.Channel

	mu        sync.Mutex
	commits   []commitCall
	commitErr error
}

func newFixture(t *testing.T, posts map[string]string) *fixture {
	t.Helper()
	f := &fixture{t: t, root: t.TempDir(), loc: brussels(t), nets: map[string]*network{}, channels: map[string]pipeline.Channel{}}
	f.write("crieur.yml", testConfig)
	for rel, src := range posts {
		f.write(rel, src)
	}
	repo, err := content.Open(f.root)
	if err != nil {
		t.Fatal(err)
	}
	f.repo = repo
	for _, name := range []string{"mastodon", "bluesky", "linkedin"} {
		f.nets[name] = newNetwork(name)
		f.channels[name] = f.nets[name]
	}
	return f
}

// withFinder makes channels able to tell what went out.
func (f *fixture) withFinder(names ...string) *fixture {
	for _, n := range names {
		f.channels[n] = finder{f.nets[n]}
	}
	return f
}

func (f *fixture) write(rel, src string) {
	f.t.Helper()
	p := filepath.Join(f.root, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		f.t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
		f.t.Fatal(err)
	}
}

func (f *fixture) read(rel string) string {
	f.t.Helper()
	data, err := os.ReadFile(filepath.Join(f.root, filepath.FromSlash(rel)))
	if err != nil {
		f.t.Fatal(err)
	}
	return string(data)
}

func (f *fixture) abs(rel string) string { return filepath.Join(f.root, filepath.FromSlash(rel)) }

func (f *fixture) exists(rel string) bool {
	_, err := os.Stat(f.abs(rel))
	return err == nil
}

// post reads a post back as the next run will.
func (f *fixture) post(rel string) *pipeline.Post {
	f.t.Helper()
	file, findings := f.repo.ParsePost(rel, []byte(f.read(rel)))
	if file == nil || pipeline.HasErrors(findings) {
		f.t.Fatalf("%s cannot be read back: %v\n%s", rel, findings, f.read(rel))
	}
	return file.Post
}

func (f *fixture) journal() []pipeline.Record {
	f.t.Helper()
	recs, err := content.Journal{Dir: f.abs("journal")}.Read()
	if err != nil {
		f.t.Fatal(err)
	}
	return recs
}

func (f *fixture) commitCalls() []commitCall {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]commitCall(nil), f.commits...)
}

const sourceCommit = "9c1e5d0b3f2a4c6e8d7b9a1f0e2d4c6b8a0f1e3d"

func (f *fixture) publisher(now time.Time) *Publisher {
	return &Publisher{
		Repo:         f.repo,
		Channels:     f.channels,
		Now:          now,
		SourceCommit: sourceCommit,
		LockWait:     5 * time.Second,
		Commit: func(paths []string, msg string) (string, error) {
			f.mu.Lock()
			defer f.mu.Unlock()
			if f.commitErr != nil {
				return "", f.commitErr
			}
			f.commits = append(f.commits, commitCall{append([]string(nil), paths...), msg})
			return fmt.Sprintf("%040x", len(f.commits)), nil
		},
	}
}

// run publishes at now and fails the test on a run error.
func (f *fixture) run(now time.Time, opts ...func(*Publisher)) (*Result, string) {
	f.t.Helper()
	p := f.publisher(now)
	var out bytes.Buffer
	p.Progress = &out
	for _, o := range opts {
		o(p)
	}
	res, err := p.Run(context.Background())
	if err != nil {
		f.t.Fatalf("run at %v: %v\n%s", now, err, out.String())
	}
	return res, out.String()
}

// snapshot returns every file under the root and its content.
func (f *fixture) snapshot() map[string]string {
	f.t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(f.root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(f.root, p)
		if d.IsDir() {
			out[rel+"/"] = ""
			return nil
		}
		data, err := os.ReadFile(p)
		out[rel] = string(data)
		return err
	})
	if err != nil {
		f.t.Fatal(err)
	}
	return out
}

// keyOf is the idempotency key the publisher uses for a delivery.
func keyOf(post, channel string, occ time.Time) string {
	return pipeline.Delivery{Post: &pipeline.Post{Path: post}, Channel: channel, Occurrence: occ}.Key()
}

// simulateKilledRun does what a run killed right after the network
// accepted a delivery leaves behind: the intent line, and the post on the
// network (when sent).
func (f *fixture) simulateKilledRun(post, channel string, occ, started time.Time, sent bool) string {
	f.t.Helper()
	key := keyOf(post, channel, occ)
	log := intentLog{f.abs(content.StateDir + "/pending.jsonl")}
	if err := log.add(intent{Key: key, Post: post, Channel: channel, Occurrence: occ, Started: started}); err != nil {
		f.t.Fatal(err)
	}
	if sent {
		if _, err := f.nets[channel].Publish(context.Background(), pipeline.Message{Key: key, Post: post, Parts: []string{"…"}}); err != nil {
			f.t.Fatal(err)
		}
	}
	return key
}

// outsideState returns a post's lines without the status line and the
// publications block: what the publisher must leave byte for byte.
func outsideState(src string) []string {
	var out []string
	inPubs := false
	for _, l := range strings.Split(src, "\n") {
		if inPubs {
			if strings.HasPrefix(l, " ") {
				continue
			}
			inPubs = false
		}
		if l == "publications:" {
			inPubs = true
			continue
		}
		if strings.HasPrefix(l, "status:") {
			continue
		}
		out = append(out, l)
	}
	return out
}

func channelsOf(recs []pipeline.Record) string {
	var s []string
	for _, r := range recs {
		s = append(s, r.Channel)
	}
	return strings.Join(s, ",")
}
