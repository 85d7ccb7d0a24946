package gitrepo

// The ledger branch.
//
// crieur keeps what must survive a run (its claims, its journal) on a
// branch of the remote that only crieur writes and that no branch
// protection covers: a runner keeps nothing, and a protected main
// refuses crieur's pushes. The branch holds files that only grow, lines
// appended at their end; content says which files (the layout), gitrepo
// only keeps them.
//
// Appending is a compare-and-swap: a commit on top of the tip crieur
// last saw, pushed without force. When another run pushed first, the
// server refuses (it checks the old tip under its lock), crieur fetches
// the new tip, tells the caller which lines the other run added (so it
// can drop a claim another run made first) and tries again on top of it.
// Two runs never both believe they appended first.

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"path"
	"sort"
	"strings"
	"time"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/config"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"
	"github.com/go-git/go-git/v5/plumbing/object"

	"github.com/crieur/crieur/pipeline"
)

// LedgerBranch is the branch of the ledger.
const LedgerBranch = "crieur/ledger"

// LedgerTries is how many times Append pushes before giving up, when
// other runs keep appending first.
const LedgerTries = 8

// Ledger is the ledger branch of one remote, as a run sees it.
type Ledger struct {
	r      *Repo
	ac     access
	local  plumbing.ReferenceName // refs/heads/crieur/ledger
	remote plumbing.ReferenceName // refs/remotes/<remote>/crieur/ledger
	tip    plumbing.Hash          // the tip the run's view is based on; zero when the branch does not exist
	files  map[string][]byte      // the files at tip
	who    pipeline.Signature
	// Start is written with the first lines into a branch that does not
	// exist yet (a README saying what the branch is).
	Start map[string][]byte
}

// Ledger opens the ledger branch of remote, pushing with creds.
func (r *Repo) Ledger(remote string, creds Credentials, who pipeline.Signature) (*Ledger, error) {
	if remote == "" {
		remote = "origin"
	}
	ac, err := r.access(remote, creds)
	if err != nil {
		return nil, fmt.Errorf("ledger: %w", err)
	}
	return &Ledger{r: r, ac: ac, who: who,
		local:  plumbing.NewBranchReferenceName(LedgerBranch),
		remote: plumbing.NewRemoteReferenceName(remote, LedgerBranch)}, nil
}

// Fetch brings the remote's ledger (its last commit only: the files hold
// everything) and returns its files. A remote without the branch yet
// gives no files and no error.
func (l *Ledger) Fetch(ctx context.Context) (map[string][]byte, error) {
	err := l.r.git.FetchContext(ctx, &git.FetchOptions{
		RemoteName: l.ac.remote,
		RefSpecs:   []config.RefSpec{config.RefSpec("+" + l.local.String() + ":" + l.remote.String())},
		Auth:       l.ac.auth,
		Depth:      1,
		Tags:       git.NoTags,
	})
	switch {
	case err == nil, errors.Is(err, git.NoErrAlreadyUpToDate):
	case isNoMatchingRef(err):
		l.tip, l.files = plumbing.ZeroHash, map[string][]byte{}
		return l.files, nil
	default:
		if terr := transportError(err, l.ac.where, l.ac.whose); terr != nil {
			return nil, l.ac.red.wrap(fmt.Errorf("ledger: %w", terr))
		}
		return nil, l.ac.red.wrap(fmt.Errorf("ledger: fetch %s from %s: %w", LedgerBranch, l.ac.where, trimmed{err}))
	}
	ref, err := l.r.git.Reference(l.remote, true)
	if err != nil {
		return nil, fmt.Errorf("ledger: %w", err)
	}
	files, err := l.r.treeFiles(ref.Hash())
	if err != nil {
		return nil, fmt.Errorf("ledger: %w", err)
	}
	l.tip, l.files = ref.Hash(), files
	l.r.setRef(l.local, ref.Hash())
	return files, nil
}

// isNoMatchingRef says a fetch found no such branch on the remote.
func isNoMatchingRef(err error) bool {
	var nm git.NoMatchingRefSpecError
	return errors.As(err, &nm) || strings.Contains(err.Error(), "couldn't find remote ref")
}

// Append appends lines to the ledger's files in one commit and pushes it
// to the remote; see the comment at the top of this file. lines gives,
// per file, the lines to append on top of the ledger: it is called once,
// then again after each lost race with the lines the other runs appended
// meanwhile, and returns what is still to append (nothing: done). After
// Append returns nil the lines are on the remote.
func (l *Ledger) Append(ctx context.Context, message string, lines func(added map[string][]byte) map[string][]byte) error {
	if l.files == nil {
		return errors.New("ledger: Append before Fetch")
	}
	add := lines(nil)
	idle := 0 // refusals in a row that no other run's lines explain
	for try := 1; ; try++ {
		if empty(add) {
			return nil
		}
		files := map[string][]byte{}
		if l.tip == plumbing.ZeroHash {
			for p, b := range l.Start {
				files[p] = b
			}
		}
		for p, b := range add {
			// A line already there is not written twice: a push whose
			// answer was lost may have landed.
			if b = newLines(map[string][]byte{p: l.files[p]}, map[string][]byte{p: b})[p]; len(b) > 0 {
				files[p] = appendLines(l.files[p], b)
			}
		}
		if len(files) == 0 {
			return nil
		}
		commit, err := l.r.commitFiles(l.tip, files, message, l.who)
		if err != nil {
			return fmt.Errorf("ledger: %w", err)
		}
		perr := l.r.git.PushContext(ctx, &git.PushOptions{
			RemoteName: l.ac.remote,
			RefSpecs:   []config.RefSpec{config.RefSpec(commit.String() + ":" + l.local.String())},
			Auth:       l.ac.auth,
		})
		if perr == nil || errors.Is(perr, git.NoErrAlreadyUpToDate) {
			for p, b := range files {
				l.files[p] = b
			}
			l.tip = commit
			l.r.setRef(l.remote, commit)
			l.r.setRef(l.local, commit)
			return nil
		}
		if err := transportError(perr, l.ac.where, l.ac.whose); err != nil {
			return l.ac.red.wrap(fmt.Errorf("ledger: %w", err))
		}
		before := l.files
		if _, ferr := l.Fetch(ctx); ferr != nil {
			return l.ac.red.wrap(fmt.Errorf("ledger: push to %s refused (%v), and fetching it again failed: %w", l.ac.where, trimmed{perr}, ferr))
		}
		if try >= LedgerTries {
			return l.ac.red.wrap(fmt.Errorf("ledger: push to %s refused %d times, other runs kept writing first (last: %v)", l.ac.where, try, trimmed{perr}))
		}
		added := newLines(before, l.files)
		if empty(added) {
			// Refused, yet nobody appended: another run holding the
			// ref's lock, whose push is not visible yet; or, when it
			// lasts, a refusal of another kind (a rule that covers
			// the branch, a hook).
			if idle++; idle >= 3 {
				return l.ac.red.wrap(fmt.Errorf("ledger: push to %s refused: %v (is %s covered by a branch rule? see docs/protected-main.md)", l.ac.where, trimmed{perr}, LedgerBranch))
			}
			if err := pause(ctx, time.Duration(idle)*300*time.Millisecond); err != nil {
				return err
			}
			continue
		}
		add = lines(added)
	}
}

// pause waits d, or until ctx is done.
func pause(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// LedgerFiles reads the ledger as this clone knows it, without the
// network: the local branch and the remote-tracking one (after a git
// fetch or pull), their lines put together. No branch: no files.
func (r *Repo) LedgerFiles(remote string) (map[string][]byte, error) {
	if remote == "" {
		remote = "origin"
	}
	out := map[string][]byte{}
	for _, name := range []plumbing.ReferenceName{plumbing.NewRemoteReferenceName(remote, LedgerBranch), plumbing.NewBranchReferenceName(LedgerBranch)} {
		ref, err := r.git.Reference(name, true)
		if err != nil {
			continue
		}
		files, err := r.treeFiles(ref.Hash())
		if err != nil {
			return nil, fmt.Errorf("ledger %s: %w", name.Short(), err)
		}
		for p, b := range files {
			out[p] = appendLines(out[p], newLines(map[string][]byte{p: out[p]}, map[string][]byte{p: b})[p])
		}
	}
	return out, nil
}

// treeFiles reads every file of a commit's tree.
func (r *Repo) treeFiles(commit plumbing.Hash) (map[string][]byte, error) {
	c, err := r.git.CommitObject(commit)
	if err != nil {
		return nil, err
	}
	tree, err := c.Tree()
	if err != nil {
		return nil, err
	}
	out := map[string][]byte{}
	err = tree.Files().ForEach(func(f *object.File) error {
		s, err := f.Contents()
		out[f.Name] = []byte(s)
		return err
	})
	return out, err
}

// commitFiles writes a commit whose tree is parent's with files replaced
// or added, without touching the work tree or the index.
func (r *Repo) commitFiles(parent plumbing.Hash, files map[string][]byte, message string, who pipeline.Signature) (plumbing.Hash, error) {
	entries := map[string]plumbing.Hash{} // path -> blob
	var parents []plumbing.Hash
	if parent != plumbing.ZeroHash {
		parents = []plumbing.Hash{parent}
		c, err := r.git.CommitObject(parent)
		if err != nil {
			return plumbing.ZeroHash, err
		}
		tree, err := c.Tree()
		if err != nil {
			return plumbing.ZeroHash, err
		}
		if err := tree.Files().ForEach(func(f *object.File) error { entries[f.Name] = f.Hash; return nil }); err != nil {
			return plumbing.ZeroHash, err
		}
	}
	for p, b := range files {
		h, err := r.storeBlob(b)
		if err != nil {
			return plumbing.ZeroHash, err
		}
		entries[p] = h
	}
	root, err := r.storeTree(entries, "")
	if err != nil {
		return plumbing.ZeroHash, err
	}
	sig := object.Signature{Name: who.Name, Email: who.Email, When: time.Now()}
	c := &object.Commit{Author: sig, Committer: sig, Message: message, TreeHash: root, ParentHashes: parents}
	obj := r.git.Storer.NewEncodedObject()
	if err := c.Encode(obj); err != nil {
		return plumbing.ZeroHash, err
	}
	return r.git.Storer.SetEncodedObject(obj)
}

func (r *Repo) storeBlob(b []byte) (plumbing.Hash, error) {
	obj := r.git.Storer.NewEncodedObject()
	obj.SetType(plumbing.BlobObject)
	w, err := obj.Writer()
	if err != nil {
		return plumbing.ZeroHash, err
	}
	if _, err := w.Write(b); err != nil {
		return plumbing.ZeroHash, err
	}
	if err := w.Close(); err != nil {
		return plumbing.ZeroHash, err
	}
	return r.git.Storer.SetEncodedObject(obj)
}

// storeTree writes the tree of the entries under dir ("" for the root),
// its sub-trees first.
func (r *Repo) storeTree(entries map[string]plumbing.Hash, dir string) (plumbing.Hash, error) {
	prefix := ""
	if dir != "" {
		prefix = dir + "/"
	}
	subdirs := map[string]bool{}
	t := &object.Tree{}
	for p, h := range entries {
		if !strings.HasPrefix(p, prefix) {
			continue
		}
		rest := p[len(prefix):]
		if i := strings.IndexByte(rest, '/'); i >= 0 {
			subdirs[rest[:i]] = true
			continue
		}
		t.Entries = append(t.Entries, object.TreeEntry{Name: rest, Mode: filemode.Regular, Hash: h})
	}
	for name := range subdirs {
		h, err := r.storeTree(entries, path.Join(dir, name))
		if err != nil {
			return plumbing.ZeroHash, err
		}
		t.Entries = append(t.Entries, object.TreeEntry{Name: name, Mode: filemode.Dir, Hash: h})
	}
	// git sorts a tree's entries by name, a directory as if followed by /.
	sortKey := func(e object.TreeEntry) string {
		if e.Mode == filemode.Dir {
			return e.Name + "/"
		}
		return e.Name
	}
	sort.Slice(t.Entries, func(i, j int) bool { return sortKey(t.Entries[i]) < sortKey(t.Entries[j]) })
	obj := r.git.Storer.NewEncodedObject()
	if err := t.Encode(obj); err != nil {
		return plumbing.ZeroHash, err
	}
	return r.git.Storer.SetEncodedObject(obj)
}

// setRef points name at h; a failure is not worth stopping for (the
// remote holds the truth, the next Fetch sets it again).
func (r *Repo) setRef(name plumbing.ReferenceName, h plumbing.Hash) {
	_ = r.git.Storer.SetReference(plumbing.NewHashReference(name, h))
}

// newLines gives, per file, the lines of after that before does not hold.
func newLines(before, after map[string][]byte) map[string][]byte {
	out := map[string][]byte{}
	for p, b := range after {
		had := map[string]bool{}
		for _, line := range bytes.SplitAfter(before[p], []byte("\n")) {
			had[string(bytes.TrimRight(line, "\n"))] = true
		}
		var add []byte
		for _, line := range bytes.SplitAfter(b, []byte("\n")) {
			s := string(bytes.TrimRight(line, "\n"))
			if s == "" || had[s] {
				continue
			}
			had[s] = true
			add = append(append(add, s...), '\n')
		}
		if len(add) > 0 {
			out[p] = add
		}
	}
	return out
}

// appendLines puts lines at the end of file, on a line of their own.
func appendLines(file, lines []byte) []byte {
	if len(lines) == 0 {
		return file
	}
	out := append([]byte(nil), file...)
	if len(out) > 0 && out[len(out)-1] != '\n' {
		out = append(out, '\n')
	}
	return append(out, lines...)
}

func empty(m map[string][]byte) bool {
	for _, b := range m {
		if len(b) > 0 {
			return false
		}
	}
	return true
}

// HasRemote reports whether the repository has a remote of that name.
func (r *Repo) HasRemote(name string) bool {
	_, err := r.git.Remote(name)
	return err == nil
}

// ReadLedger reads origin's ledger branch. With fetch, and an origin, it
// fetches it first (with creds; start is what a branch that does not
// exist yet begins with) and returns the Ledger to claim and record on;
// a fetch that fails is returned as fetchErr, and the branch is read as
// this clone knows it. Without fetch, l is nil.
func (r *Repo) ReadLedger(ctx context.Context, fetch bool, creds Credentials, who pipeline.Signature, start map[string][]byte) (l *Ledger, files map[string][]byte, fetchErr, err error) {
	if fetch && r.HasRemote("origin") {
		if l, fetchErr = r.Ledger("origin", creds, who); fetchErr == nil {
			l.Start = start
			if files, fetchErr = l.Fetch(ctx); fetchErr == nil {
				return l, files, nil, nil
			}
			l = nil
		}
	}
	files, err = r.LedgerFiles("origin")
	return nil, files, fetchErr, err
}
