package gitrepo

// Pushing the publisher's commit back.
//
// A run of crieur publish ends with one commit on the local branch. While
// the run was publishing, the remote branch may have moved: someone merged
// a pull request, or another run pushed. git would then ask for a merge or
// a rebase; crieur cannot ask anyone, and must neither publish anything
// again nor lose a change from either side. It does not need a general
// merge either, because of what its own commit is made of:
//
//   - post files, where it changed only the state: the status: line and
//     the publications: block of the front matter;
//   - journal files (journal/YYYY-MM.jsonl), where it only appended lines.
//
// So Push does not merge text. When the push is refused because the remote
// branch has moved, it fetches the branch, sets the local branch, index and
// the files concerned to the remote head (the local commit stays in the
// object store, under refs/crieur/unpushed while this lasts), and asks the
// caller's Replay callback to write crieur's changes again into the new
// versions of the files: the state into each post (the caller knows front
// matter, gitrepo does not), the journal lines after the remote's
// (pipeline.AppendOnlyMerge). It commits the result on top of the remote head with
// the original author and message, and pushes again. The history stays
// linear: the remote's commits, then crieur's.
//
// When a change cannot be carried over (the remote deleted a post, or
// rewrote a journal, or the local branch holds commits other than crieur's)
// Push stops with an error naming the local commit, and puts the local
// branch back on it: nothing is published twice and nothing is lost; a
// person merges by hand.

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/crieur/crieur/pipeline"
	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/config"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/transport"
	githttp "github.com/go-git/go-git/v5/plumbing/transport/http"
)

// DefaultTries is how many times Push tries when PushOptions.Tries is 0.
const DefaultTries = 5

// unpushedRef keeps the local commit reachable while Push re-applies it.
const unpushedRef = plumbing.ReferenceName("refs/crieur/unpushed")

// Credentials authenticate a push over HTTP(S) with basic auth. On GitHub
// Actions: Username "x-access-token", Token from GITHUB_TOKEN. The token
// is never printed: String masks it, and Push's errors never contain it.
type Credentials struct {
	Username string // "x-access-token" when empty and Token is set
	Token    string
}

// String shows the user name only.
func (c Credentials) String() string {
	if c.Token == "" {
		return "no credentials"
	}
	return c.username() + ":***"
}

// GoString masks the token in %#v too.
func (c Credentials) GoString() string { return "gitrepo.Credentials{" + c.String() + "}" }

func (c Credentials) username() string {
	if c.Username == "" {
		return "x-access-token"
	}
	return c.Username
}

func (c Credentials) auth() transport.AuthMethod {
	if c.Token == "" {
		return nil // anonymous, or whatever the URL carries
	}
	return &githttp.BasicAuth{Username: c.username(), Password: c.Token}
}

// Replay re-applies crieur's commit on top of a remote branch that has
// moved. When it is called, HEAD is the new remote head and the work tree
// holds its files; local is the hash of crieur's commit, not pushed, whose
// parent is local+"^" (FileAt and ChangedFiles take both).
//
// It must write, for every file in ChangedFiles(local+"^", local), the
// remote's version with crieur's change carried over, and nothing else:
// for a post, the remote's text with the state (status and publications)
// of FileAt(local, path); for a journal, pipeline.AppendOnlyMerge(base, ours,
// theirs). It returns the paths it wrote (absolute, or relative to the
// work tree: at least every path crieur's commit changed, which is
// checked) and the commit message ("" keeps the local commit's). It
// returns an error when a change cannot be carried over: the remote
// deleted or renamed the post, or changed it so that it takes no state.
// Reapply builds a Replay from a per-file merge.
type Replay func(local string) (paths []string, message string, err error)

// PushOptions say where to push and how to recover.
type PushOptions struct {
	Remote string // "origin" when empty
	Branch string // the remote branch; the current branch when empty
	Auth   Credentials
	// Replay re-applies crieur's commit when the remote branch has moved;
	// nil: Push gives up at the first refusal.
	Replay Replay
	// Tries is how many pushes Push makes at most; DefaultTries when 0.
	Tries int
}

// PushResult is what Push did.
type PushResult struct {
	// Commit is crieur's commit as the remote branch now holds it: the
	// local commit, or its re-application on the moved remote head (the
	// local branch points at it too).
	Commit string
	// Replays counts the re-applications: 0 when the first push went
	// through.
	Replays int
	// UpToDate: the remote branch already held the commit; nothing was
	// sent.
	UpToDate bool
}

// ErrRemoteMoved is what a NotPushedError wraps when the remote branch
// kept moving: every try was refused.
var ErrRemoteMoved = errors.New("the remote branch kept moving")

// ErrNoReplay is what a NotPushedError wraps when the remote branch has
// moved and PushOptions.Replay is nil.
var ErrNoReplay = errors.New("the remote branch has moved and there is no way to re-apply the commit")

// ErrRefused is what a NotPushedError wraps when the remote refused the
// push although its branch had not moved: a protected branch (GitHub's
// GH006), a hook.
var ErrRefused = errors.New("the remote refused the push (a protected branch?)")

// NotPushedError is returned when Push gives up. The local commit is not
// lost: the local branch points at it (and git log shows it); a person
// pulls and merges by hand, then pushes.
type NotPushedError struct {
	Commit string // the local commit, not pushed
	Remote string // "origin"
	Branch string // the remote branch
	Err    error  // why; the token never appears in it
}

func (e *NotPushedError) Error() string {
	return fmt.Sprintf("push to %s/%s: %v; crieur's commit %s is not pushed but kept: the local branch points at it (git show %s), merge it by hand",
		e.Remote, e.Branch, e.Err, short(e.Commit), e.Commit)
}

func (e *NotPushedError) Unwrap() error { return e.Err }

// Push sends HEAD to the remote branch over HTTP(S), with opts.Auth.
//
// When the remote refuses because its branch has moved (a
// non-fast-forward), Push fetches it, re-applies HEAD's commit on top of
// it with opts.Replay (see the comment at the top of this file and
// Replay), and pushes again, up to opts.Tries pushes in all. Before each
// re-application it refuses to touch files that have uncommitted changes
// and that the re-application would overwrite.
//
// Errors never contain opts.Auth.Token nor a password in the remote's
// URL. When the commit was not pushed for a reason other than the
// transport (the remote kept moving, Replay failed, the local branch holds
// other commits), the error is a *NotPushedError naming the local commit,
// which is kept.
func (r *Repo) Push(ctx context.Context, opts PushOptions) (PushResult, error) {
	if opts.Remote == "" {
		opts.Remote = "origin"
	}
	if opts.Tries <= 0 {
		opts.Tries = DefaultTries
	}
	ac, err := r.access(opts.Remote, opts.Auth)
	if err != nil {
		return PushResult{}, fmt.Errorf("push: %w", err)
	}
	where, whose, red := ac.where, ac.whose, ac.red
	if opts.Branch == "" {
		head, err := r.git.Head()
		if err != nil {
			return PushResult{}, fmt.Errorf("push: %w", err)
		}
		if !head.Name().IsBranch() {
			return PushResult{}, errors.New("push: HEAD is detached: say which branch to push to")
		}
		opts.Branch = head.Name().Short()
	}
	dst := plumbing.NewBranchReferenceName(opts.Branch)
	tracking := plumbing.NewRemoteReferenceName(opts.Remote, opts.Branch)
	auth := ac.auth
	kept := func(commit string, err error) error {
		return &NotPushedError{Commit: commit, Remote: opts.Remote, Branch: opts.Branch, Err: red.wrap(err)}
	}

	var res PushResult
	for try := 1; ; try++ {
		head, err := r.Head()
		if err != nil {
			return res, fmt.Errorf("push: %w", err)
		}
		if head == "" {
			return res, errors.New("push: the repository has no commit")
		}
		perr := r.git.PushContext(ctx, &git.PushOptions{
			RemoteName: opts.Remote,
			RefSpecs:   []config.RefSpec{config.RefSpec(head + ":" + dst.String())},
			Auth:       auth,
		})
		if perr == nil || errors.Is(perr, git.NoErrAlreadyUpToDate) {
			res.Commit, res.UpToDate = head, perr != nil
			return res, nil
		}
		if err := transportError(perr, where, whose); err != nil {
			return res, red.wrap(err)
		}
		// Refused. go-git says "non-fast-forward update: refs/heads/x"
		// when it sees the remote head is not in HEAD's history, but a
		// server's refusal ("fetch first", a lost race for the ref) or a
		// shallow clone (the remote head unknown, history cut) say it
		// differently: look at the remote branch itself.
		remote, ferr := r.fetch(ctx, opts.Remote, dst, tracking, auth)
		if ferr != nil {
			if err := transportError(ferr, where, whose); err != nil {
				return res, red.wrap(err)
			}
			return res, red.wrap(fmt.Errorf("push to %s: %w (and fetching %s to see why: %v)", where, perr, opts.Branch, ferr))
		}
		if remote == head || r.isAncestor(head, remote) {
			// The remote already holds the commit: an earlier push
			// went through although its answer was lost.
			res.Commit, res.UpToDate = head, true
			return res, nil
		}
		if r.isAncestor(remote, head) {
			// Not a moved branch: a refusal of another kind (a
			// protected branch, a hook).
			return res, kept(head, fmt.Errorf("%w: %v", ErrRefused, trimmed{perr}))
		}
		if try >= opts.Tries {
			return res, kept(head, fmt.Errorf("%w: refused %d %s (last: %v)", ErrRemoteMoved, try, plural(try, "time", "times"), perr))
		}
		if opts.Replay == nil {
			return res, kept(head, ErrNoReplay)
		}
		next, err := r.reapply(head, remote, opts.Replay)
		if err != nil {
			return res, kept(head, err)
		}
		if next == remote {
			// The remote already held every change of crieur's commit.
			res.Commit, res.UpToDate = remote, true
			return res, nil
		}
		res.Replays++
	}
}

// access is how crieur reaches a remote: the credentials, and what its
// errors say about it without a secret.
type access struct {
	remote string
	auth   transport.AuthMethod
	where  string   // the remote's name and URL, without a password
	whose  string   // which credentials were sent, for an authentication error
	red    redactor // hides the token and the URL's password
}

func (r *Repo) access(remote string, creds Credentials) (access, error) {
	rm, err := r.git.Remote(remote)
	if err != nil {
		return access{}, fmt.Errorf("remote %q: %w", remote, err)
	}
	ac := access{remote: remote, auth: creds.auth(), where: remote, whose: "no token given", red: redactor{pipeline.NewMasker(creds.Token)}}
	if creds.Token != "" {
		ac.whose = fmt.Sprintf("the remote refused the token of %q (wrong or expired?)", creds.username())
	}
	if urls := rm.Config().URLs; len(urls) > 0 {
		u, user, pw := safeURL(urls[len(urls)-1])
		ac.red.Add(pw)
		ac.where = remote + " (" + u + ")"
		if creds.Token == "" && user != "" {
			ac.whose = fmt.Sprintf("the remote refused the credentials of %q in the remote's URL", user)
		}
	}
	return ac, nil
}

// transportError returns a clear error for a failure to reach the remote
// or to be let in, nil for a refusal to update the branch. whose says
// which credentials were sent.
func transportError(err error, where, whose string) error {
	err = trimmed{err}
	switch {
	case errors.Is(err, transport.ErrAuthenticationRequired):
		return fmt.Errorf("push to %s: authentication failed, %s: %w", where, whose, err)
	case errors.Is(err, transport.ErrAuthorizationFailed):
		return fmt.Errorf("push to %s: not allowed to push (on GitHub Actions, the workflow needs permissions: contents: write): %w", where, err)
	case errors.Is(err, transport.ErrRepositoryNotFound),
		errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		return fmt.Errorf("push to %s: %w", where, err)
	}
	return nil
}

// trimmed drops the trailing newline a server's answer leaves in go-git's
// errors.
type trimmed struct{ err error }

func (e trimmed) Error() string { return strings.TrimSpace(e.err.Error()) }
func (e trimmed) Unwrap() error { return e.err }

// fetch brings the remote branch into its tracking ref and returns the
// hash it points at.
func (r *Repo) fetch(ctx context.Context, remote string, branch, tracking plumbing.ReferenceName, auth transport.AuthMethod) (string, error) {
	err := r.git.FetchContext(ctx, &git.FetchOptions{
		RemoteName: remote,
		RefSpecs:   []config.RefSpec{config.RefSpec("+" + branch.String() + ":" + tracking.String())},
		Auth:       auth,
		Tags:       git.NoTags,
	})
	if err != nil && !errors.Is(err, git.NoErrAlreadyUpToDate) {
		return "", err
	}
	ref, err := r.git.Reference(tracking, true)
	if err != nil {
		return "", fmt.Errorf("%s: %w", tracking, err)
	}
	return ref.Hash().String(), nil
}

// isAncestor reports whether commit anc is desc or in its history. A
// history cut short (a shallow clone) ends the walk there.
func (r *Repo) isAncestor(anc, desc string) bool {
	want := plumbing.NewHash(anc)
	seen := map[plumbing.Hash]bool{}
	queue := []plumbing.Hash{plumbing.NewHash(desc)}
	for len(queue) > 0 {
		h := queue[0]
		queue = queue[1:]
		if h == want {
			return true
		}
		if seen[h] {
			continue
		}
		seen[h] = true
		c, err := r.git.CommitObject(h)
		if err != nil {
			continue // beyond a shallow clone's cut
		}
		queue = append(queue, c.ParentHashes...)
	}
	return false
}

// reapply puts crieur's commit local on top of remote with replay and
// returns the new commit (remote itself when there was nothing left to
// commit). On error the local branch, index and files are back on local.
func (r *Repo) reapply(local, remote string, replay Replay) (string, error) {
	lc, err := r.git.CommitObject(plumbing.NewHash(local))
	if err != nil {
		return "", err
	}
	if len(lc.ParentHashes) != 1 {
		return "", fmt.Errorf("the remote branch has moved and commit %s has %d parents: only a commit with one parent can be re-applied", short(local), len(lc.ParentHashes))
	}
	parent := lc.ParentHashes[0].String()
	if !r.isAncestor(parent, remote) {
		return "", fmt.Errorf("the remote branch has moved to %s, and the local branch holds other commits it does not have besides %s: only crieur's own last commit can be re-applied", short(remote), short(local))
	}
	ours, err := r.ChangedFiles(parent, local)
	if err != nil {
		return "", err
	}
	moved, err := r.ChangedFiles(local, remote)
	if err != nil {
		return "", err
	}
	touched := union(ours, moved)
	if dirty, err := r.dirty(touched); err != nil {
		return "", err
	} else if len(dirty) > 0 {
		return "", fmt.Errorf("the remote branch has moved, and re-applying the commit would overwrite uncommitted changes to %s", strings.Join(dirty, ", "))
	}

	// Keep local reachable by a ref while the branch leaves it.
	if err := r.git.Storer.SetReference(plumbing.NewHashReference(unpushedRef, lc.Hash)); err != nil {
		return "", err
	}
	if err := r.resetTo(remote, moved); err != nil {
		return "", r.restore(local, touched, fmt.Errorf("set the work tree to the remote head %s: %w", short(remote), err))
	}
	paths, msg, err := replay(local)
	if err != nil {
		return "", r.restore(local, touched, fmt.Errorf("re-apply on top of %s: %w", short(remote), err))
	}
	rels := map[string]bool{}
	for i, p := range paths {
		rel := p
		if filepath.IsAbs(p) {
			if rel, err = filepath.Rel(r.Root, p); err != nil {
				return "", r.restore(local, touched, err)
			}
		}
		rel = filepath.ToSlash(filepath.Clean(rel))
		rels[rel] = true
		paths[i] = rel
	}
	for _, p := range ours {
		if !rels[p] {
			return "", r.restore(local, union(touched, paths), fmt.Errorf("re-apply on top of %s: %s, changed by the commit, was not re-applied", short(remote), p))
		}
	}
	if msg == "" {
		msg = lc.Message
	}
	committer := lc.Committer
	committer.When = time.Now()
	next, err := r.commit(paths, msg, &lc.Author, &committer)
	if err != nil {
		return "", r.restore(local, union(touched, paths), fmt.Errorf("commit the re-applied changes: %w", err))
	}
	if next == "" {
		next = remote
	}
	_ = r.git.Storer.RemoveReference(unpushedRef)
	return next, nil
}

// resetTo moves the current branch (or a detached HEAD), the index and the
// given files of the work tree to commit. Other files are left alone: they
// are the same in commit and in HEAD, and may hold uncommitted work.
func (r *Repo) resetTo(commit string, files []string) error {
	wt, err := r.git.Worktree()
	if err != nil {
		return err
	}
	opts := &git.ResetOptions{Commit: plumbing.NewHash(commit), Mode: git.HardReset, Files: files}
	if len(files) == 0 {
		opts.Mode = git.SoftReset // same tree: only the branch moves (no Files would mean all files)
	}
	return wt.Reset(opts)
}

// restore puts the branch, index and files back on the local commit after
// a failed re-application, and returns why it failed.
func (r *Repo) restore(local string, files []string, why error) error {
	if err := r.resetTo(local, files); err != nil {
		return fmt.Errorf("%w; and putting the local branch back failed (%v): the commit is kept as %s", why, err, unpushedRef)
	}
	_ = r.git.Storer.RemoveReference(unpushedRef)
	return why
}

// dirty lists the files among paths that have uncommitted changes, or
// exist untracked, in the work tree or the index.
func (r *Repo) dirty(paths []string) ([]string, error) {
	if len(paths) == 0 {
		return nil, nil
	}
	wt, err := r.git.Worktree()
	if err != nil {
		return nil, err
	}
	st, err := wt.Status()
	if err != nil {
		return nil, err
	}
	var out []string
	for _, p := range paths {
		if s, ok := st[p]; ok && (s.Staging != git.Unmodified || s.Worktree != git.Unmodified) {
			out = append(out, p)
		}
	}
	return out, nil
}

// Merge gives the new content of one file that crieur's commit changed,
// from three versions of it: base, before crieur's commit; ours, in
// crieur's commit; theirs, at the remote head. A nil slice is a file that
// does not exist in that version (ours is never nil). It returns an error
// when ours cannot be carried onto theirs.
type Merge func(path string, base, ours, theirs []byte) ([]byte, error)

// Reapply is a Replay made of a per-file merge: for each file crieur's
// commit changed it reads base, ours and theirs (FileAt local^, local and
// HEAD), writes merge's answer into the work tree, and returns all those
// paths with the local commit's message. A file the commit deleted is
// deleted again if the remote left it as it was; otherwise that is an
// error.
func (r *Repo) Reapply(merge Merge) Replay {
	return func(local string) ([]string, string, error) {
		parent := local + "^"
		paths, err := r.ChangedFiles(parent, local)
		if err != nil {
			return nil, "", err
		}
		for _, p := range paths {
			base, err := r.maybeFileAt(parent, p)
			if err != nil {
				return nil, "", err
			}
			ours, err := r.maybeFileAt(local, p)
			if err != nil {
				return nil, "", err
			}
			theirs, err := r.maybeFileAt("HEAD", p)
			if err != nil {
				return nil, "", err
			}
			abs := filepath.Join(r.Root, filepath.FromSlash(p))
			if ours == nil {
				switch {
				case theirs == nil:
				case base != nil && bytes.Equal(base, theirs):
					if err := os.Remove(abs); err != nil {
						return nil, "", err
					}
				default:
					return nil, "", fmt.Errorf("%s: the commit deletes it and the remote changed it", p)
				}
				continue
			}
			out, err := merge(p, base, ours, theirs)
			if err != nil {
				return nil, "", fmt.Errorf("%s: %w", p, err)
			}
			if err := os.MkdirAll(filepath.Dir(abs), 0o755); err != nil {
				return nil, "", err
			}
			if err := os.WriteFile(abs, out, 0o644); err != nil {
				return nil, "", err
			}
		}
		return paths, "", nil
	}
}

// maybeFileAt is FileAt with nil for a file that does not exist.
func (r *Repo) maybeFileAt(commit, path string) ([]byte, error) {
	b, err := r.FileAt(commit, path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err == nil && b == nil {
		b = []byte{}
	}
	return b, err
}

// redactor hides secrets in error messages.
type redactor struct{ *pipeline.Masker }

// wrap returns err with every secret replaced by ***: err itself when its
// message holds none, else an error that does not unwrap to err (whose
// message would show the secret) but still matches it with errors.Is.
func (rd redactor) wrap(err error) error {
	msg := err.Error()
	clean := rd.Mask(msg) // the token in every form: base64 of x-access-token:TOKEN too
	if clean == msg {
		return err
	}
	return &redacted{msg: clean, err: err}
}

type redacted struct {
	msg string
	err error
}

func (e *redacted) Error() string { return e.msg }

// Is lets errors.Is see the classification of the hidden error without
// exposing its message.
func (e *redacted) Is(target error) bool { return errors.Is(e.err, target) }

// safeURL returns a remote's URL without its password, the user name
// and the password it held.
func safeURL(raw string) (safe, user, password string) {
	u, err := url.Parse(raw)
	if err != nil || u.User == nil {
		return raw, "", ""
	}
	pw, _ := u.User.Password()
	u.User = url.User(u.User.Username())
	return u.String(), u.User.Username(), pw
}

func union(a, b []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, s := range append(append([]string(nil), a...), b...) {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	sort.Strings(out)
	return out
}

func short(h string) string {
	if len(h) > 12 {
		return h[:12]
	}
	return h
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
