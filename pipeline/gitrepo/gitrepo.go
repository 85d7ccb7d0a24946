// Package gitrepo is crieur's use of git, through go-git: find the
// repository around the content, read HEAD and older versions of files,
// commit what a run changed as one commit, and push that commit back,
// re-applying it on top of the remote branch when the branch has moved
// meanwhile (see Push). The index and the refs are written beside and
// renamed into place (safeStorage), and Open rebuilds an index a killed
// run left unreadable, so no kill leaves the checkout unable to commit.
//
// Rule of the room: imports pipeline and go-git (github.com/go-git/...),
// besides the standard library; no other room imports go-git but
// cmd/crieur, which opens the repository. internal/archtest checks the
// imports.
package gitrepo

import (
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/config"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/object"

	"github.com/crieur/crieur/pipeline"
)

// ErrNotRepository is returned when the content is not in a git repository.
var ErrNotRepository = errors.New("not in a git repository")

// Repo is the git repository that holds the content.
type Repo struct {
	git  *git.Repository
	Root string // absolute path of the work tree
	// Repaired says what Open had to repair (an index a killed run left
	// unreadable), "" when nothing.
	Repaired string

	origins   map[string]pipeline.Version // see Origin
	originsAt string                      // the HEAD origins were found at
}

// Open finds the repository that contains dir.
func Open(dir string) (*Repo, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	r, err := git.PlainOpenWithOptions(abs, &git.PlainOpenOptions{DetectDotGit: true})
	if errors.Is(err, git.ErrRepositoryNotExists) {
		return nil, fmt.Errorf("%s: %w (run git init, or pass --no-commit)", dir, ErrNotRepository)
	}
	if err != nil {
		return nil, err
	}
	wt, err := r.Worktree()
	if err != nil {
		return nil, err
	}
	if r, err = safe(r, wt); err != nil {
		return nil, err
	}
	repo := &Repo{git: r, Root: wt.Filesystem.Root()}
	if repo.Repaired, err = repo.repairIndex(); err != nil {
		return nil, err
	}
	return repo, nil
}

// Prefix is the path of dir (a folder of the work tree, such as the
// content root) from the work tree's root, with a final slash: "" when
// dir is the root itself or lies outside it. Paths in commits and on
// GitHub are this prefix followed by the path from dir.
func (r *Repo) Prefix(dir string) string {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return ""
	}
	rel, err := filepath.Rel(r.Root, abs)
	if err != nil || rel == "." || rel == ".." || strings.HasPrefix(rel, "../") {
		return ""
	}
	return filepath.ToSlash(rel) + "/"
}

// Head returns the hash of the commit HEAD points at, "" in an empty
// repository.
func (r *Repo) Head() (string, error) {
	ref, err := r.git.Head()
	if errors.Is(err, plumbing.ErrReferenceNotFound) {
		if torn := r.tornBranch(); torn != nil {
			return "", torn
		}
		return "", nil // an empty repository
	}
	if err != nil {
		return "", err
	}
	return ref.Hash().String(), nil
}

// Author picks the author of crieur's commits: the environment's
// GIT_AUTHOR_NAME and GIT_AUTHOR_EMAIL, else the repository's or the
// user's git configuration, else crieur itself.
func (r *Repo) Author(getenv func(string) string) pipeline.Signature {
	s := pipeline.Signature{Name: getenv("GIT_AUTHOR_NAME"), Email: getenv("GIT_AUTHOR_EMAIL")}
	if s.Name != "" && s.Email != "" {
		return s
	}
	for _, scope := range []config.Scope{config.LocalScope, config.GlobalScope} {
		cfg, err := r.git.ConfigScoped(scope)
		if err == nil && cfg.User.Name != "" && cfg.User.Email != "" {
			return pipeline.Signature{Name: cfg.User.Name, Email: cfg.User.Email}
		}
	}
	return pipeline.Signature{Name: "crieur", Email: "crieur@users.noreply.github.com"}
}

// Commit stages the given files (absolute paths, or relative to the work
// tree; a file that no longer exists is staged as removed) and commits
// them with message. It returns the new commit's hash, or "" when the
// files had no change to commit. Staging costs the files given, not the
// size of the work tree, and the index is replaced in one rename.
func (r *Repo) Commit(paths []string, message string, who pipeline.Signature, when time.Time) (string, error) {
	sig := &object.Signature{Name: who.Name, Email: who.Email, When: when}
	return r.commit(paths, message, sig, sig)
}

// commit is Commit with an author and a committer of its own.
func (r *Repo) commit(paths []string, message string, author, committer *object.Signature) (string, error) {
	rels := make([]string, 0, len(paths))
	for _, p := range paths {
		rel := p
		if filepath.IsAbs(p) {
			var err error
			if rel, err = filepath.Rel(r.Root, p); err != nil {
				return "", err
			}
		}
		rels = append(rels, filepath.ToSlash(filepath.Clean(rel)))
	}
	staged, err := r.stage(rels)
	if err != nil {
		return "", err
	}
	if !staged {
		return "", nil
	}
	wt, err := r.git.Worktree()
	if err != nil {
		return "", err
	}
	// Staging said there is a change: Commit need not run a status of
	// the whole work tree to find out again.
	h, err := wt.Commit(message, &git.CommitOptions{Author: author, Committer: committer, AllowEmptyCommits: true})
	if err != nil {
		return "", fmt.Errorf("git commit: %w", err)
	}
	return h.String(), nil
}

// FileAt returns the content of the file at path (relative to the work
// tree, with / or the OS separator) in the given commit. commit is a
// revision as git understands it: a hash, HEAD, a branch, or one of those
// followed by ^ or ~n (the local commit's parent is hash+"^"). A file
// that does not exist in that commit gives an error that matches
// fs.ErrNotExist.
func (r *Repo) FileAt(commit, path string) ([]byte, error) {
	c, err := r.commitObject(commit)
	if err != nil {
		return nil, err
	}
	rel := filepath.ToSlash(path)
	f, err := c.File(rel)
	if errors.Is(err, object.ErrFileNotFound) || errors.Is(err, object.ErrDirectoryNotFound) || errors.Is(err, object.ErrEntryNotFound) {
		return nil, fmt.Errorf("%s in %s: %w", rel, commit, fs.ErrNotExist)
	}
	if err != nil {
		return nil, fmt.Errorf("%s in %s: %w", rel, commit, err)
	}
	s, err := f.Contents()
	if err != nil {
		return nil, fmt.Errorf("%s in %s: %w", rel, commit, err)
	}
	return []byte(s), nil
}

// ChangedFiles lists the files (relative to the work tree, with /,
// sorted) whose content or mode differs between two commits: added,
// removed or modified; a rename is both of its paths. from and to are
// revisions as in FileAt; from may be "" for the empty tree.
func (r *Repo) ChangedFiles(from, to string) ([]string, error) {
	var fromTree *object.Tree
	if from != "" {
		c, err := r.commitObject(from)
		if err != nil {
			return nil, err
		}
		if fromTree, err = c.Tree(); err != nil {
			return nil, err
		}
	}
	c, err := r.commitObject(to)
	if err != nil {
		return nil, err
	}
	toTree, err := c.Tree()
	if err != nil {
		return nil, err
	}
	changes, err := object.DiffTree(fromTree, toTree)
	if err != nil {
		return nil, fmt.Errorf("diff %s..%s: %w", from, to, err)
	}
	seen := map[string]bool{}
	var paths []string
	for _, ch := range changes {
		for _, name := range []string{ch.From.Name, ch.To.Name} {
			if name != "" && !seen[name] {
				seen[name] = true
				paths = append(paths, name)
			}
		}
	}
	sort.Strings(paths)
	return paths, nil
}

// commitObject resolves a revision to its commit.
func (r *Repo) commitObject(rev string) (*object.Commit, error) {
	h, err := r.git.ResolveRevision(plumbing.Revision(rev))
	if err != nil {
		return nil, fmt.Errorf("revision %q: %w", rev, err)
	}
	c, err := r.git.CommitObject(*h)
	if err != nil {
		return nil, fmt.Errorf("revision %q: %w", rev, err)
	}
	return c, nil
}

// Versions lists the commits reachable from HEAD that changed path
// (relative to the work tree), newest first, at most limit of them (0
// for all). A merge commit is listed when it changed the file compared
// with one of its parents, as git log does without --simplify.
func (r *Repo) Versions(path string, limit int) ([]pipeline.Version, error) {
	head, err := r.git.Head()
	if errors.Is(err, plumbing.ErrReferenceNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	rel := filepath.ToSlash(path)
	iter, err := r.git.Log(&git.LogOptions{From: head.Hash(), Order: git.LogOrderCommitterTime, FileName: &rel})
	if err != nil {
		return nil, fmt.Errorf("history of %s: %w", rel, err)
	}
	defer iter.Close()
	var out []pipeline.Version
	stop := errors.New("enough")
	err = iter.ForEach(func(c *object.Commit) error {
		out = append(out, pipeline.Version{Commit: c.Hash.String(), Author: pipeline.Signature{Name: c.Author.Name, Email: c.Author.Email},
			When: c.Author.When, Message: c.Message})
		if limit > 0 && len(out) >= limit {
			return stop
		}
		return nil
	})
	if err != nil && !errors.Is(err, stop) {
		return nil, fmt.Errorf("history of %s: %w", rel, err)
	}
	return out, nil
}

// Origin is the latest commit that changed path and that crieur did not
// make: the change a person wrote, which a pull request brought in. The
// zero pipeline.Version when there is none (a file never committed).
// The first call walks the history once for every file (a run asks for
// hundreds of posts); later calls at the same HEAD read what it found.
func (r *Repo) Origin(path string) (pipeline.Version, error) {
	head, err := r.Head()
	if err != nil || head == "" {
		return pipeline.Version{}, err
	}
	if r.origins == nil || r.originsAt != head {
		if r.origins, err = r.walkOrigins(head); err != nil {
			return pipeline.Version{}, err
		}
		r.originsAt = head
	}
	return r.origins[filepath.ToSlash(path)], nil
}

// walkOrigins maps every file to the latest commit not crieur's that
// changed it compared with its first parent (a merge counts for what it
// brought into the branch, as Versions lists it), newest first in
// committer time.
func (r *Repo) walkOrigins(head string) (map[string]pipeline.Version, error) {
	iter, err := r.git.Log(&git.LogOptions{From: plumbing.NewHash(head), Order: git.LogOrderCommitterTime})
	if err != nil {
		return nil, fmt.Errorf("history: %w", err)
	}
	defer iter.Close()
	out := map[string]pipeline.Version{}
	err = iter.ForEach(func(c *object.Commit) error {
		v := pipeline.Version{Commit: c.Hash.String(), Author: pipeline.Signature{Name: c.Author.Name, Email: c.Author.Email},
			When: c.Author.When, Message: c.Message}
		if v.IsCrieurs() {
			return nil
		}
		tree, err := c.Tree()
		if err != nil {
			return err
		}
		var parent *object.Tree // a root commit: against the empty tree
		if c.NumParents() > 0 {
			p, err := c.Parent(0)
			if err != nil {
				return err
			}
			if parent, err = p.Tree(); err != nil {
				return err
			}
		}
		changes, err := object.DiffTree(parent, tree)
		if err != nil {
			return err
		}
		for _, ch := range changes {
			for _, name := range []string{ch.From.Name, ch.To.Name} {
				if _, ok := out[name]; name != "" && !ok {
					out[name] = v
				}
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("history: %w", err)
	}
	return out, nil
}

// OpenOrInit opens the repository that contains dir, or makes dir a new
// one whose first branch is main (crieur init in a folder outside git).
// created says which.
func OpenOrInit(dir string) (r *Repo, created bool, err error) {
	r, err = Open(dir)
	if !errors.Is(err, ErrNotRepository) {
		return r, false, err
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, false, err
	}
	if _, err := git.PlainInitWithOptions(abs, &git.PlainInitOptions{
		InitOptions: git.InitOptions{DefaultBranch: plumbing.NewBranchReferenceName("main")},
	}); err != nil {
		return nil, false, fmt.Errorf("%s: git init: %w", dir, err)
	}
	r, err = Open(dir)
	return r, err == nil, err
}
