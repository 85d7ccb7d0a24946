package content

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"

	"github.com/crieur/crieur/pipeline"
	"github.com/crieur/crieur/pipeline/i18n"
)

// Repo is a content repository: its configuration, the charter and
// vocabulary of each brand ("" is the repository's own).
type Repo struct {
	Root       string // absolute path of the content root (the folder of crieur.yml)
	Config     *pipeline.Config
	Charters   map[string]*pipeline.Charter
	Vocabulary map[string][]string
	Freeze     *pipeline.Freeze // freeze.yml; nil when publishing is not frozen
	// Ledger is what the runs recorded on the ledger branch, outside
	// this work tree (nil for none): LoadPosts brings each post's state
	// up to date with it and the journal reads its records too.
	Ledger *pipeline.Ledger
	// Language is the reader's, in which LoadPosts and ParsePost write
	// their findings; "" for crieur.yml's language:, else English.
	Language i18n.Lang

	rootOnce sync.Once
	root     string // Root with symbolic links resolved
	rootErr  error
	realDirs sync.Map // folder -> the folder with its links resolved (realPath)
}

// realRoot is Root with its symbolic links resolved, computed once.
func (r *Repo) realRoot() (string, error) {
	r.rootOnce.Do(func() { r.root, r.rootErr = filepath.EvalSymlinks(r.Root) })
	return r.root, r.rootErr
}

// Open loads crieur.yml, the charters and the vocabularies under root.
func Open(root string) (*Repo, error) { return OpenIn(root, "") }

// OpenIn is Open for a reader of the given language (the environment's:
// i18n.FromEnv): the repository then speaks crieur.yml's language: when
// it names one, else the reader's, from its first finding on (Language).
func OpenIn(root string, reader i18n.Lang) (*Repo, error) {
	abs, err := filepath.Abs(FindRoot(root))
	if err != nil {
		return nil, err
	}
	cfg, err := loadConfig(abs, reader)
	if err != nil {
		return nil, err
	}
	r := &Repo{Root: abs, Config: cfg, Charters: map[string]*pipeline.Charter{}, Vocabulary: map[string][]string{}}
	if l, ok := i18n.Parse(cfg.Language); ok {
		r.Language = l
	} else {
		r.Language = reader
	}
	load := func(brand, charter, vocab string, explicit bool) error {
		if _, err := os.Stat(filepath.Join(abs, filepath.FromSlash(charter))); err == nil || explicit {
			c, err := loadCharter(abs, charter, map[string]bool{}, r.lang())
			if err != nil {
				return fmt.Errorf("charter: %w", err)
			}
			r.Charters[brand] = c
		} else {
			r.Charters[brand] = &pipeline.Charter{}
		}
		words, err := LoadVocabulary(abs, vocab)
		if err != nil {
			return fmt.Errorf("vocabulary: %w", err)
		}
		r.Vocabulary[brand] = words
		return nil
	}
	if r.Freeze, err = LoadFreeze(abs, cfg.Timezone, r.lang()); err != nil {
		return nil, err
	}
	if err := load("", cfg.Charter, cfg.Vocabulary, false); err != nil {
		return nil, err
	}
	for _, name := range cfg.BrandOrder {
		b := cfg.Brands[name]
		charter, vocab := b.Charter, b.Vocabulary
		if charter == "" {
			charter = cfg.Charter
		}
		if vocab == "" {
			vocab = cfg.Vocabulary
		}
		if err := load(name, charter, vocab, b.Charter != ""); err != nil {
			return nil, fmt.Errorf("brand %s: %w", name, err)
		}
	}
	return r, nil
}

// FindRoot is the content repository that holds dir, as git finds its
// own: dir when it has a crieur.yml, else the nearest folder above it
// that has one, up to the root of the git repository dir is in; dir when
// none has (Open then says how to make one).
func FindRoot(dir string) string {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return dir
	}
	for d := abs; ; d = filepath.Dir(d) {
		if _, err := os.Stat(filepath.Join(d, ConfigFile)); err == nil {
			return d
		}
		if _, err := os.Lstat(filepath.Join(d, ".git")); err == nil || filepath.Dir(d) == d {
			return dir
		}
	}
}

// CharterFor returns the charter of a brand, or the repository's own.
func (r *Repo) CharterFor(brand string) *pipeline.Charter {
	if c, ok := r.Charters[brand]; ok {
		return c
	}
	return r.Charters[""]
}

// VocabularyFor returns the accepted words of a brand.
func (r *Repo) VocabularyFor(brand string) []string {
	if v, ok := r.Vocabulary[brand]; ok {
		return v
	}
	return r.Vocabulary[""]
}

// Rel returns a path relative to the content root, slash-separated.
func (r *Repo) Rel(p string) string {
	if abs, err := filepath.Abs(p); err == nil {
		if rel, err := filepath.Rel(r.Root, abs); err == nil {
			return filepath.ToSlash(rel)
		}
	}
	return filepath.ToSlash(p)
}

// Abs returns the absolute path of a path relative to the content root.
func (r *Repo) Abs(rel string) string {
	return filepath.Join(r.Root, filepath.FromSlash(rel))
}

// PostPaths lists the post files (posts/**/*.md) relative to the root, in
// order. With args, only those files and folders (relative to the current
// directory, or to the root when they do not exist there).
func (r *Repo) PostPaths(args ...string) ([]string, error) {
	if len(args) == 0 {
		args = []string{r.Abs(PostsDir)}
	}
	var out []string
	seen := map[string]bool{}
	for _, a := range args {
		p := a
		if _, err := os.Stat(p); err != nil && !filepath.IsAbs(a) {
			p = r.Abs(a)
		}
		st, err := os.Stat(p)
		if err != nil {
			if os.IsNotExist(err) && a == r.Abs(PostsDir) {
				return nil, nil // a repository without posts yet
			}
			return nil, errors.New(say.Text(r.lang(), "paths_missing", i18n.Args{"path": a}))
		}
		if !st.IsDir() {
			rel := r.Rel(p)
			if !seen[rel] {
				seen[rel] = true
				out = append(out, rel)
			}
			continue
		}
		err = filepath.WalkDir(p, func(path string, e fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if e.IsDir() && strings.HasPrefix(e.Name(), ".") && path != p {
				return filepath.SkipDir
			}
			if !e.IsDir() && strings.HasSuffix(e.Name(), ".md") {
				rel := r.Rel(path)
				if !seen[rel] {
					seen[rel] = true
					out = append(out, rel)
				}
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	sort.Strings(out)
	return out, nil
}

// LoadPosts reads the given post files (paths from PostPaths). It returns
// the files that could be read and every problem found; a file with
// problems is still returned when its front matter could be read, so
// other rules can look at it. Two posts with the same text and date on a
// common channel are reported as duplicates.
func (r *Repo) LoadPosts(rels []string) ([]*File, []pipeline.Finding) {
	type loaded struct {
		f  *File
		fs []pipeline.Finding
	}
	each := make([]loaded, len(rels))
	pipeline.Parallel(len(rels), 0, func(i int) { each[i].f, each[i].fs = r.loadPost(rels[i]) })
	var files []*File
	var findings []pipeline.Finding
	for _, l := range each {
		findings = append(findings, l.fs...)
		if l.f != nil {
			files = append(files, l.f)
		}
	}
	findings = append(findings, duplicates(files, r.lang())...)
	findings = append(findings, duplicateIDs(files, r.lang())...)
	r.overlay(files)
	return files, findings
}

// loadPost reads and parses one post file: the file, when its front
// matter could be read, and its problems.
func (r *Repo) loadPost(rel string) (*File, []pipeline.Finding) {
	src, err := r.ReadPost(rel)
	if err != nil {
		msg, hint := fileFinding(err, r.lang())
		return nil, []pipeline.Finding{{Path: rel, Line: 1, Col: 1, Rule: "schema.file", Severity: pipeline.Error, Message: msg, Hint: hint}}
	}
	return r.ParsePost(rel, src)
}

// overlay brings the posts' state up to date with the ledger.
func (r *Repo) overlay(files []*File) {
	posts := make([]*pipeline.Post, len(files))
	for i, f := range files {
		posts[i] = f.Post
	}
	r.Overlay(posts...)
}

// Overlay brings posts' state up to date with the ledger (pipeline.Ledger):
// LoadPosts does it for what it loads; a version of a post read from git
// history (the base of a pull request) needs it too, since on a
// protected main its file never says it went out.
func (r *Repo) Overlay(posts ...*pipeline.Post) {
	if r.Ledger.Empty() {
		return
	}
	recs, origin := r.Ledger.Attach(posts)
	for _, p := range posts {
		p.Origin = origin[p.Path]
		p.Overlay(recs[p.Path])
	}
}

// duplicateIDs finds two posts with the same id: their deliveries would
// be taken for one another.
func duplicateIDs(files []*File, l i18n.Lang) []pipeline.Finding {
	first := map[string]string{}
	var out []pipeline.Finding
	for _, f := range files {
		p := f.Post
		if p.ID == "" {
			continue
		}
		if g, ok := first[p.ID]; ok {
			pos := p.PosOf("id")
			out = append(out, pipeline.Finding{Path: p.Path, Line: pos.Line, Col: pos.Col, Rule: "schema.id", Severity: pipeline.Error,
				Message: say.Text(l, "duplicate.id.message", i18n.Args{"value": quoteIn(l, p.ID), "path": g}), Hint: say.Text(l, "duplicate.id.hint", nil)})
			continue
		}
		first[p.ID] = p.Path
	}
	return out
}

// duplicates finds posts copied from another one and not changed: the same
// text, the same time and a channel in common would publish twice.
func duplicates(files []*File, l i18n.Lang) []pipeline.Finding {
	type key struct {
		body string
		at   int64
	}
	first := map[key]*File{}
	var out []pipeline.Finding
	for _, f := range files {
		p := f.Post
		if p.Status == pipeline.StatusDraft || p.Status == pipeline.StatusRetracted {
			continue
		}
		k := key{p.BodyHash(), p.PublishAt.Unix()}
		if g, ok := first[k]; ok && overlap(g.Post.Channels, p.Channels) {
			pos := p.PosOf("publish_at")
			out = append(out, pipeline.Finding{Path: p.Path, Line: pos.Line, Col: pos.Col, Rule: "schema.duplicate", Severity: pipeline.Error,
				Message: say.Text(l, "duplicate.post.message", i18n.Args{"path": g.Post.Path}), Hint: say.Text(l, "duplicate.post.hint", nil)})
			continue
		}
		first[k] = f
	}
	return out
}

func overlap(a, b []string) bool {
	for _, x := range a {
		if contains(b, x) {
			return true
		}
	}
	return false
}
