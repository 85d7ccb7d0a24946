package publish

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/crieur/crieur/pipeline"
	"github.com/crieur/crieur/pipeline/content"
	"github.com/crieur/crieur/pipeline/i18n"
	"github.com/crieur/crieur/pipeline/render"
)

// ErrBusy is returned when another run holds the repository's lock.
var ErrBusy = errors.New("repository busy")

// Publisher publishes what is due in a content repository.
type Publisher struct {
	Repo         *content.Repo
	Channels     map[string]pipeline.Channel // by channel name, built by the wiring
	Unavailable  map[string]error            // channels that could not be opened, and why
	Now          time.Time
	DryRun       bool
	SourceCommit string // the commit the run starts from, for the journal
	// Provenance says where the post at path came from (pull request,
	// author, approvers), for the journal; nil records none. It is asked
	// once per post and must not fail: what it cannot find stays empty.
	Provenance func(path string) pipeline.Provenance
	// Lint returns the findings on the files in scope (the whole calendar
	// is given for calendar rules); a post with an error is not sent.
	Lint func(scope, all []*content.File, load []pipeline.Finding) []pipeline.Finding
	// Commit records the changed files (absolute paths) as one commit and
	// returns its hash. Nil leaves the changes in the work tree.
	Commit func(paths []string, message string) (string, error)
	// AfterSend runs after each successful network call, before anything
	// is recorded: tests use it to kill the process at the worst moment.
	AfterSend func(d pipeline.Delivery)
	Progress  io.Writer // one line per delivery; nil for none
	// Quiet keeps only the progress lines that say something went wrong
	// (crieur -q): failed, refused, left for a human, cancelled, warnings.
	Quiet    bool
	Language i18n.Lang     // of the lines and the views (English when empty)
	Timeout  time.Duration // per network call; default 60 s
	// Grace is how long a network call under way may still finish once
	// the run is cancelled (SIGINT, SIGTERM); default 2 s. A call cut
	// short is not recorded as failed: its intent is kept for the next run.
	Grace    time.Duration
	LockWait time.Duration // how long to wait for another run; default 30 s
	Secrets  []string      // values to mask in error messages
	// Tries is how many times a delivery is tried within a run when the
	// network fails in a way worth retrying (no answer, 5xx, 429); default 3.
	Tries int
	// MaxWait is the longest a run waits before trying again (a Retry-After
	// beyond it leaves the delivery to a later run); default 2 minutes.
	MaxWait time.Duration
	// Sleep waits between tries; nil sleeps for real (tests record it).
	Sleep func(ctx context.Context, d time.Duration) error
	// ExpiryWarning is how long before a channel's credentials expire a run
	// warns about them; default 14 days.
	ExpiryWarning time.Duration
	// Ledger, when set, is where the run claims each delivery before
	// sending it and records what happened, on the remote (the ledger
	// branch), where the next run finds it whatever became of this
	// machine; Repo.Ledger is the ledger as fetched at the start. Nil
	// keeps the claims on this machine's disk (.crieur/pending.jsonl).
	Ledger LedgerStore
	// Clock is the wall clock claims' leases are measured by (Now may be
	// a simulated time); nil is time.Now.
	Clock func() time.Time
	// Batch is how many deliveries are claimed at once; default 15. A
	// delivery whose network cannot be asked whether it went out (see
	// pipeline.Askable) is claimed on its own.
	Batch int
}

// Refusal is a due post that was not sent because of its findings.
type Refusal struct {
	Post     string
	Findings []pipeline.Finding
}

// Result is what a run did.
type Result struct {
	Published []pipeline.Record
	Failed    []pipeline.Record
	Recovered []pipeline.Record
	Retracted []pipeline.Record   // posts taken down (status: retracted)
	Planned   []pipeline.Delivery // dry run: what would go out
	Held      []pipeline.Delivery // due, but publishing is frozen
	Frozen    *pipeline.Freeze    // the freeze in force, if any
	Refused   []Refusal
	Warnings  []string // what needs a human soon (a token about to expire)
	// Interrupted are the deliveries a cancelled run did not make (not
	// started, or cut short in flight): nothing is recorded for them, they
	// are still due.
	Interrupted []pipeline.Delivery
	Changed     []string // files written, absolute
	Commit      string
	Language    i18n.Lang // the Publisher's: WriteText and Summary speak it
}

// Run publishes what is due at p.Now. It returns an error only when the
// run could not happen (lock, unreadable repository, commit); a channel
// that fails is recorded in Result.Failed and the others go on.
func (p *Publisher) Run(ctx context.Context) (*Result, error) {
	p.setDefaults()
	state := p.Repo.Abs(content.StateDir)
	if !p.DryRun {
		unlock, err := lock(filepath.Join(state, "lock"), p.LockWait)
		if err != nil {
			return nil, err
		}
		defer unlock()
	}
	paths, err := p.Repo.PostPaths()
	if err != nil {
		return nil, err
	}
	files, loadFindings := p.Repo.LoadPosts(paths)
	r := &run{Publisher: p, masker: pipeline.NewMasker(p.Secrets...), res: &Result{Language: p.Language}, files: map[string]*content.File{}, changed: map[string]bool{},
		claims: intentLog{filepath.Join(state, "pending.jsonl")}, mine: map[string]pipeline.Record{}, held: map[string]pipeline.Record{},
		journal: p.Repo.Journal(), disk: &content.Deferred{}}
	r.journal.Deferred = r.disk
	if p.Ledger != nil {
		r.claims = &ledgerClaims{store: p.Ledger, ledger: p.Repo.Ledger}
	}
	for _, f := range files {
		r.files[f.Post.Path] = f
	}
	if !p.DryRun {
		if err := r.recover(ctx); err != nil {
			return r.res, err
		}
		if err := r.retract(ctx, files); err != nil {
			return r.res, err
		}
	}
	due, scope := dueAt(files, p.Now)
	if fr := p.Repo.Freeze; fr.Active(p.Now) {
		r.res.Frozen = fr
		r.res.Held = due
		if len(due) > 0 {
			r.progressN("frozen", len(due), i18n.Args{"freeze": FreezeLineIn(fr, p.Repo.Config.Timezone, p.Language)})
		}
		due = nil
	}
	refused := r.refuse(scope, files, loadFindings)
	r.refuseUnreadable(paths, loadFindings, refused)
	r.checkExpiry(ctx, due)
	var todo []pipeline.Delivery
	for _, d := range due {
		switch c, held := r.held[d.Key()]; {
		case refused[d.Post.Path]:
		case p.DryRun:
			r.res.Planned = append(r.res.Planned, d)
		case held:
			r.res.Held = append(r.res.Held, d)
			r.progress("skipped", d, i18n.Args{"why": r.heldWhy(c)})
		default:
			todo = append(todo, d)
		}
	}
	if err := r.sendAll(ctx, todo); err != nil {
		// Record what went out before the failure all the same.
		if ferr := r.finish(ctx); ferr != nil {
			return r.res, errors.Join(err, ferr)
		}
		return r.res, err
	}
	if p.DryRun {
		return r.res, nil // writes nothing: not even clearing a killed run's intents
	}
	if n := len(r.res.Interrupted); n > 0 {
		r.progressN("cancelled", n, nil)
	}
	return r.res, r.finish(ctx)
}

// setDefaults fills in what the wiring left at zero.
func (p *Publisher) setDefaults() {
	if p.Timeout == 0 {
		p.Timeout = 60 * time.Second
	}
	if p.LockWait == 0 {
		p.LockWait = 30 * time.Second
	}
	if p.Tries == 0 {
		p.Tries = 3
	}
	if p.MaxWait == 0 {
		p.MaxWait = 2 * time.Minute
	}
	if p.ExpiryWarning == 0 {
		p.ExpiryWarning = 14 * 24 * time.Hour
	}
	if p.Grace == 0 {
		p.Grace = 2 * time.Second
	}
	if p.Clock == nil {
		p.Clock = time.Now
	}
	if p.Batch == 0 {
		p.Batch = 15
	}
}

// dueAt lists the deliveries due at now, oldest first, and the posts
// they belong to.
func dueAt(files []*content.File, now time.Time) ([]pipeline.Delivery, []*content.File) {
	var due []pipeline.Delivery
	var scope []*content.File
	for _, f := range files {
		d := f.Post.Due(now)
		if len(d) > 0 {
			scope = append(scope, f)
		}
		due = append(due, d...)
	}
	sort.SliceStable(due, func(i, j int) bool {
		if !due[i].Occurrence.Equal(due[j].Occurrence) {
			return due[i].Occurrence.Before(due[j].Occurrence)
		}
		return due[i].Post.Path < due[j].Post.Path
	})
	return due, scope
}

// run is the state of one Run.
type run struct {
	*Publisher
	masker  *pipeline.Masker // every form of Secrets, built once
	res     *Result
	files   map[string]*content.File
	changed map[string]bool
	claims  claimStore
	mine    map[string]pipeline.Record // by key: the claims this run made, or took over from a dead run, still open
	held    map[string]pipeline.Record // by key: claims a live run holds, or that could not be resolved: not sent by this run
	results []pipeline.Record          // results and releases not yet in the claim store
	disk    *content.Deferred          // the posts and journal lines written, synced once before the claims go
	journal content.Journal
	origins map[string]*pipeline.Provenance // by post path, see provenance
}

// refuse lints the due posts and lists those with an error-level finding.
func (r *run) refuse(scope, all []*content.File, load []pipeline.Finding) map[string]bool {
	refused := map[string]bool{}
	if len(scope) == 0 {
		return refused
	}
	inScope := map[string]bool{}
	for _, f := range scope {
		inScope[f.Post.Path] = true
	}
	var mine []pipeline.Finding
	for _, fd := range load {
		if inScope[fd.Path] {
			mine = append(mine, fd)
		}
	}
	found := mine // without a linter, the problems found while loading still count
	if r.Lint != nil {
		found = r.Lint(scope, all, mine)
	}
	byPost := map[string][]pipeline.Finding{}
	for _, fd := range found {
		if fd.Severity >= pipeline.Error {
			byPost[fd.Path] = append(byPost[fd.Path], fd)
		}
	}
	for _, f := range scope {
		if fs := byPost[f.Post.Path]; len(fs) > 0 {
			refused[f.Post.Path] = true
			r.res.Refused = append(r.res.Refused, Refusal{Post: f.Post.Path, Findings: fs})
			r.progressN("refused", len(fs), i18n.Args{"post": f.Post.Path, "first": fs[0].Message})
		}
	}
	return refused
}

// refuseUnreadable refuses the posts that could not be read well enough
// to tell whether they are due: a file that did not load (not UTF-8, no
// closed front matter, a YAML error), or whose publish_at or status could
// not be read. Lint reports them; an unattended run must too, rather than
// skip them in silence. A post that says status: draft or retracted is
// never due and is left to lint.
func (r *run) refuseUnreadable(paths []string, load []pipeline.Finding, refused map[string]bool) {
	errs := map[string][]pipeline.Finding{}
	for _, fd := range load {
		if fd.Severity >= pipeline.Error {
			errs[fd.Path] = append(errs[fd.Path], fd)
		}
	}
	for _, path := range paths {
		fs := errs[path]
		if len(fs) == 0 || refused[path] || !unreadable(r.files[path]) {
			continue
		}
		r.res.Refused = append(r.res.Refused, Refusal{Post: path, Findings: fs})
		r.progressN("unreadable", len(fs), i18n.Args{"post": path, "first": fs[0].Message})
	}
}

// unreadable reports whether a post with errors cannot be told due or
// not: it did not load, or its date or status could not be read.
func unreadable(f *content.File) bool {
	if f == nil {
		return true
	}
	p := f.Post
	_, said := p.KeyPos["status"]
	_, dated := p.KeyPos["publish_at"]
	switch {
	case said && (p.Status == pipeline.StatusDraft || p.Status == pipeline.StatusRetracted):
		return false // never due
	case !said && !dated:
		return false // a draft: neither a date nor a status
	}
	return p.PublishAt.IsZero() || !slices.Contains(pipeline.Statuses, p.Status)
}

// recover handles the claims a dead run left without a result (killed,
// cancelled in the middle of a call, or its results never recorded): a
// delivery whose state was written is only completed in the journal;
// otherwise the channel is asked whether it went out. A channel that
// cannot tell is not sent again: the publication is marked for a human
// to check. Claims a live run still holds are left to it.
func (r *run) recover(ctx context.Context) error {
	dead, live, err := r.claims.open(r.Clock())
	if err != nil {
		return err
	}
	for _, c := range live {
		r.held[c.Key] = c
	}
	if len(dead) == 0 {
		return nil
	}
	recorded := map[string]bool{}
	recs, err := r.journal.Read()
	if err != nil {
		return err
	}
	journaled := map[string][]string{} // key -> the journal files holding its records
	for _, rec := range recs {
		if rec.WentOut() {
			recorded[rec.Key] = true
		}
		journaled[rec.Key] = append(journaled[rec.Key], filepath.Join(r.journal.Dir, content.JournalFile(rec.Time)))
	}
	for _, c := range dead {
		f := r.claimed(c)
		if f == nil {
			continue // the post is gone: nothing to send, nothing to record it in
		}
		r.mine[c.Key] = c
		r.changed[r.Repo.Abs(f.Post.Path)] = true // the killed run's edits are committed now
		for _, p := range journaled[c.Key] {
			r.changed[p] = true // and its journal lines
		}
		d := pipeline.Delivery{Post: f.Post, Channel: c.Channel, Occurrence: c.Occurrence}
		pub := f.Post.Publications[c.Channel]
		if pub.Done() && !pub.Occurrence.Before(c.Occurrence) {
			if !recorded[c.Key] {
				rec := r.record(d, r.message(d), pipeline.ActionRecovered, pipeline.Receipt{ID: pub.ID, URL: pub.URL, At: pub.At, Parts: pub.Parts}, pub.Attempts, nil)
				if err := r.appendJournal(rec); err != nil {
					return err
				}
				recorded[c.Key] = true
				r.res.Recovered = append(r.res.Recovered, rec)
			} else {
				r.release(c)
			}
			continue
		}
		if !pub.Done() && pub.Error != "" && pub.Occurrence.Equal(c.Occurrence) && !pub.At.Before(c.Time.Truncate(time.Second)) {
			r.release(c)
			continue // the killed run recorded this call's failure (at is written to the second): retried after its backoff
		}
		if err := r.ask(ctx, c, d, pub); err != nil {
			return err
		}
	}
	return nil
}

// claimed is the post a claim is about: the one whose delivery on the
// claim's channel and occurrence has the claim's key. A post with an id,
// or moved since and followed by its text, has it too: content's
// overlay gave a moved post the path it was claimed under
// (pipeline.Ledger.Attach). None: the post is gone.
func (r *run) claimed(c pipeline.Record) *content.File {
	key := func(f *content.File) string {
		return pipeline.Delivery{Post: f.Post, Channel: c.Channel, Occurrence: c.Occurrence}.Key()
	}
	if f, ok := r.files[c.Post]; ok && key(f) == c.Key {
		return f
	}
	for _, f := range r.files {
		if key(f) == c.Key {
			return f
		}
	}
	return r.files[c.Post]
}

// release gives back a claim whose delivery did not go out.
func (r *run) release(c pipeline.Record) {
	delete(r.mine, c.Key)
	r.results = append(r.results, pipeline.Record{Time: r.Now.In(r.Repo.Config.Timezone), Action: pipeline.ActionReleased,
		Post: c.Post, Channel: c.Channel, Key: c.Key, Occurrence: c.Occurrence, Claim: c.Claim, SourceCommit: r.SourceCommit})
}

// ask resolves a claim left without a result: the channel is asked
// whether it went out; one that cannot be asked is left for a human. A
// channel that does not answer keeps the claim for the next run, and
// the delivery is not sent by this one.
func (r *run) ask(ctx context.Context, c pipeline.Record, d pipeline.Delivery, pub pipeline.Publication) error {
	ch, ok := r.Channels[c.Channel]
	if !ok || !pipeline.Askable(ch) {
		if !ok {
			r.keepOpen(c, d, "channel not configured for this run: cannot ask it whether an interrupted run sent this")
			return nil
		}
		pub.Attempts = pipeline.MaxAttempts
		pub.At = r.Now
		pub.Occurrence = c.Occurrence
		pub.Error = checkByHand("an interrupted run may have sent this already", c.Channel)
		rec := r.record(d, r.message(d), pipeline.ActionFailed, pipeline.Receipt{}, pub.Attempts, errors.New(pub.Error))
		if err := r.save(d, pub, &rec); err != nil {
			return err
		}
		r.res.Failed = append(r.res.Failed, rec)
		r.progress("check", d, i18n.Args{"why": pub.Error})
		return nil
	}
	finder := ch.(pipeline.Finder)
	cctx, cancel := context.WithTimeout(ctx, r.Timeout)
	receipt, found, err := finder.Find(cctx, r.message(d))
	cancel()
	if err != nil {
		r.keepOpen(c, d, "could not ask "+c.Channel+" whether an interrupted run sent this: "+r.mask(err))
		return nil
	}
	if !found {
		r.release(c) // not sent: it is due again and goes out with the same key
		return nil
	}
	receipt = r.maskReceipt(receipt)
	rec := r.record(d, r.message(d), pipeline.ActionRecovered, receipt, pub.Attempts+1, nil)
	pub = pipeline.Publication{ID: receipt.ID, URL: receipt.URL, At: receipt.At, Occurrence: c.Occurrence, Attempts: pub.Attempts + 1, Parts: receipt.Parts}
	if err := r.save(d, pub, &rec); err != nil {
		return err
	}
	r.res.Recovered = append(r.res.Recovered, rec)
	r.progress("recovered", d, i18n.Args{"id": receipt.ID})
	return nil
}

// keepOpen leaves a claim that could not be resolved for the next run,
// and keeps its delivery from being sent by this one.
func (r *run) keepOpen(c pipeline.Record, d pipeline.Delivery, why string) {
	r.held[c.Key] = pipeline.Record{Action: pipeline.ActionClaimed, Error: why}
	r.progress("left", d, i18n.Args{"why": why})
}

// heldWhy says why a due delivery is left alone by this run.
func (r *run) heldWhy(c pipeline.Record) string {
	if c.Error != "" {
		return c.Error
	}
	return say.Text(r.Language, "progress.claimed", i18n.Args{"until": c.Until.In(r.Repo.Config.Timezone).Format("15:04")})
}

// sendAll claims the deliveries in batches, each batch before any of it
// is sent, and sends what this run claimed. A cancelled run starts
// nothing more and gives back the claims it did not use.
func (r *run) sendAll(ctx context.Context, todo []pipeline.Delivery) error {
	for len(todo) > 0 {
		if ctx.Err() != nil { // cancelled: start nothing more, record what went out
			r.res.Interrupted = append(r.res.Interrupted, todo...)
			return nil
		}
		batch := r.batch(todo)
		todo = todo[len(batch):]
		claims, err := r.claim(ctx, batch)
		if err != nil && ctx.Err() != nil {
			// Cancelled while claiming: whether the claims landed is
			// not known; if they did, the next run resolves them once
			// they lapse, by asking the networks.
			r.res.Interrupted = append(append(r.res.Interrupted, batch...), todo...)
			return nil
		}
		if err != nil {
			return err
		}
		for i, d := range batch {
			c, ok := claims[d.Key()]
			switch {
			case !ok && r.Channels[d.Channel] != nil:
				r.res.Held = append(r.res.Held, d)
				r.progress("taken", d, nil)
				continue
			case ok && ctx.Err() != nil:
				r.release(c)
				r.res.Interrupted = append(r.res.Interrupted, d)
				continue
			case ok && !c.Until.IsZero() && r.Clock().Add(r.callBudget()).After(c.Until):
				// The claim would lapse during the call: claim the rest anew.
				for _, rest := range batch[i:] {
					if rc, ok := claims[rest.Key()]; ok {
						r.release(rc)
					}
				}
				todo = append(append([]pipeline.Delivery(nil), batch[i:]...), todo...)
			case ctx.Err() != nil:
				r.res.Interrupted = append(r.res.Interrupted, d)
				continue
			default:
				if err := r.deliver(ctx, d); err != nil {
					return err
				}
				continue
			}
			break
		}
	}
	return nil
}

// batch is the next deliveries to claim at once: up to Batch of them, and
// one alone when its network cannot be asked whether it went out (a run
// killed after claiming leaves such a delivery for a human to check).
func (r *run) batch(todo []pipeline.Delivery) []pipeline.Delivery {
	n := 0
	for n < len(todo) && n < r.Batch {
		ch, ok := r.Channels[todo[n].Channel]
		if ok && !pipeline.Askable(ch) {
			if n == 0 {
				n = 1
			}
			break
		}
		n++
	}
	return todo[:n]
}

// claim claims a batch of deliveries (those whose channel is open: the
// others fail without a call), and records the results so far with it.
// It returns the claims this run holds, by key.
func (r *run) claim(ctx context.Context, batch []pipeline.Delivery) (map[string]pipeline.Record, error) {
	now := r.Clock()
	var until time.Time
	if r.Ledger != nil {
		until = now.Add(r.lease())
	}
	var claims []pipeline.Record
	for _, d := range batch {
		if _, ok := r.Channels[d.Channel]; !ok {
			continue
		}
		c := pipeline.Record{Time: r.Now.In(r.Repo.Config.Timezone), Action: pipeline.ActionClaimed, Post: d.Post.Path, Channel: d.Channel,
			Key: d.Key(), Occurrence: d.Occurrence, PostID: d.Post.ID, Body: d.Post.BodyHash(), Claim: newClaimID(), Until: until, SourceCommit: r.SourceCommit}
		if r.Ledger == nil {
			c.Claim = c.Key
		}
		claims = append(claims, c)
	}
	if len(claims) == 0 {
		return nil, nil
	}
	taken, err := r.claims.claim(ctx, claims, r.results)
	if err != nil {
		return nil, fmt.Errorf("nothing more sent: could not claim %d %s before sending: %w", len(claims), plural(len(claims), "delivery", "deliveries"), err)
	}
	r.results = nil
	out := map[string]pipeline.Record{}
	for _, c := range claims {
		if !taken[c.Key] {
			out[c.Key] = c
			r.mine[c.Key] = c
		}
	}
	return out, nil
}

// callBudget is the longest one delivery may take: every try, and the
// waits between them.
func (r *run) callBudget() time.Duration {
	return time.Duration(r.Tries)*r.Timeout + time.Duration(r.Tries-1)*r.MaxWait + r.Grace
}

// lease is how long a claim holds: a batch's calls, with room to record
// them. A run that has not recorded a result by then is taken for dead.
func (r *run) lease() time.Duration {
	return r.callBudget() + 10*time.Minute
}

// deliver sends one delivery and records the outcome.
func (r *run) deliver(ctx context.Context, d pipeline.Delivery) error {
	pub := d.Post.Publications[d.Channel]
	if !pub.Occurrence.Equal(d.Occurrence) {
		pub = pipeline.Publication{} // a new occurrence of a recurring post
	}
	pub.Occurrence = d.Occurrence
	pub.Attempts++
	pub.At = r.Now
	ch, ok := r.Channels[d.Channel]
	msg := r.message(d) // rendered once: sent, and hashed into the record
	var receipt pipeline.Receipt
	var err error
	if !ok {
		err = r.Unavailable[d.Channel]
		if err == nil {
			err = fmt.Errorf("channel %s is not configured for this run", d.Channel)
		}
	} else {
		receipt, err = r.send(ctx, d, ch, msg)
	}
	if errors.Is(err, errCutShort) {
		return r.cutShort(d)
	}
	if err != nil {
		pub.Error = r.mask(err)
		var bh *byHand
		if errors.As(err, &bh) {
			pub.Attempts = pipeline.MaxAttempts // never again by itself
		}
		rec := r.record(d, msg, pipeline.ActionFailed, pipeline.Receipt{}, pub.Attempts, err)
		r.res.Failed = append(r.res.Failed, rec)
		r.progress("failed", d, i18n.Args{"attempt": pub.Attempts, "max": pipeline.MaxAttempts, "error": pub.Error})
		return r.save(d, pub, &rec)
	}
	if r.AfterSend != nil {
		r.AfterSend(d)
	}
	if receipt.At.IsZero() {
		receipt.At = r.Now
	}
	receipt = r.maskReceipt(receipt)
	pub.ID, pub.URL, pub.At, pub.Error, pub.Parts = receipt.ID, receipt.URL, receipt.At, "", receipt.Parts
	rec := r.record(d, msg, pipeline.ActionPublished, receipt, pub.Attempts, nil)
	r.res.Published = append(r.res.Published, rec)
	r.progress("published", d, i18n.Args{"url": receipt.URL})
	return r.save(d, pub, &rec)
}

// cutShort leaves a delivery whose call the cancellation cut short: it
// may have gone out, so its intent stays for the next run, which asks
// the network (or leaves it for a human) instead of sending it again;
// nothing is recorded as failed.
func (r *run) cutShort(d pipeline.Delivery) error {
	r.res.Interrupted = append(r.res.Interrupted, d)
	r.progress("in_flight", d, nil)
	return nil
}

// save writes a publication into the post's file (state first, so a kill
// after it leaves the truth in the file), then the journal record.
func (r *run) save(d pipeline.Delivery, pub pipeline.Publication, rec *pipeline.Record) error {
	f := r.files[d.Post.Path]
	pubs := map[string]pipeline.Publication{}
	for k, v := range f.Post.Publications {
		pubs[k] = v
	}
	pubs[d.Channel] = pub
	f.Post.Publications = pubs
	status := f.Post.StateStatus()
	out, err := f.WithState(status, pubs, r.Repo.Config.Timezone)
	if err != nil {
		return err
	}
	abs := r.Repo.Abs(f.Post.Path)
	if err := r.disk.WriteFile(abs, out); err != nil {
		return err
	}
	r.changed[abs] = true
	nf, fs := r.Repo.ParsePost(f.Post.Path, out)
	if nf == nil {
		return fmt.Errorf("%s: the state written back cannot be read: %v", f.Post.Path, fs)
	}
	nf.Post.Origin = f.Post.Origin
	// One post, one pointer, whatever is saved: the deliveries still
	// queued, and the list what is due is worked out from, see the new
	// state (a post recovered on two channels must not be due on the
	// second).
	*f.Post = *nf.Post
	nf.Post = f.Post
	r.files[f.Post.Path] = nf
	if d.Post != f.Post {
		*d.Post = *nf.Post
	}
	if rec != nil {
		return r.appendJournal(*rec)
	}
	return nil
}

func (r *run) appendJournal(rec pipeline.Record) error {
	if c, ok := r.mine[rec.Key]; ok {
		rec.Claim = c.Claim // the result closes the claim
		delete(r.mine, rec.Key)
	}
	r.results = append(r.results, rec)
	written, err := r.journal.Append(rec)
	for _, w := range written {
		r.changed[w] = true
	}
	return err
}

// message renders a delivery for its channel's network.
func (r *run) message(d pipeline.Delivery) pipeline.Message {
	return render.Message(d, r.Repo.Config.Channels[d.Channel], r.Repo.Abs)
}

// ContentHash identifies the text that went out on a channel.
func ContentHash(m pipeline.Message) string {
	h := sha256.New()
	for _, p := range m.Parts {
		h.Write([]byte(p))
		h.Write([]byte{0})
	}
	h.Write([]byte(m.FirstComment))
	for _, a := range m.Media {
		h.Write([]byte{0})
		h.Write([]byte(a.Name + "\x00" + a.Alt))
	}
	return "sha256:" + hex.EncodeToString(h.Sum(nil))
}

func (r *run) record(d pipeline.Delivery, msg pipeline.Message, action pipeline.Action, rc pipeline.Receipt, attempt int, err error) pipeline.Record {
	cc := r.Repo.Config.Channels[d.Channel]
	rec := pipeline.Record{Time: r.Now, Action: action, Post: d.Post.Path, Channel: d.Channel, Network: cc.Network,
		Account: cc.Account, Key: d.Key(), Occurrence: d.Occurrence, ContentHash: ContentHash(msg), Attempt: attempt,
		RemoteID: rc.ID, URL: rc.URL, SourceCommit: r.SourceCommit, Parts: rc.Parts, PostID: d.Post.ID, Body: d.Post.BodyHash()}
	if pv := r.provenance(d.Post.Path); pv != nil {
		rec.PullRequest, rec.Author, rec.Approvers = pv.PullRequest, pv.Author, pv.Approvers
	}
	if !rc.At.IsZero() {
		rec.Time = rc.At
	}
	rec.Time = rec.Time.In(r.Repo.Config.Timezone)
	if err != nil {
		rec.Error = r.mask(err)
	}
	return rec
}

// provenance asks the Provenance hook once per post.
func (r *run) provenance(path string) *pipeline.Provenance {
	if r.Provenance == nil {
		return nil
	}
	if pv, ok := r.origins[path]; ok {
		return pv
	}
	pv := r.Provenance(path)
	if r.origins == nil {
		r.origins = map[string]*pipeline.Provenance{}
	}
	r.origins[path] = &pv
	return &pv
}

// mask hides secret values, and every part of them a server may echo
// (pipeline.SecretForms), in an error message.
func (r *run) mask(err error) string {
	return r.maskText(err.Error())
}

// maskText hides secret values in what a network gave back: an error, or
// the address of a post, which is written into the post, the journal and
// the commit.
func (r *run) maskText(s string) string {
	return r.masker.Mask(s)
}

// maskReceipt hides secret values in what a network said it made: its
// address, and its ids too, which are written into the post, the journal,
// the commit and the step's outputs. A network's id holds no secret of
// crieur's: one that does is a server echoing the request, and a
// retraction by a masked id fails rather than the secret going into git.
func (r *run) maskReceipt(rc pipeline.Receipt) pipeline.Receipt {
	rc.ID, rc.URL = r.maskText(rc.ID), r.maskText(rc.URL)
	if len(rc.Parts) > 0 {
		parts := make([]string, len(rc.Parts))
		for i, p := range rc.Parts {
			parts[i] = r.maskText(p)
		}
		rc.Parts = parts
	}
	return rc
}

// problems are the progress lines Quiet keeps.
var problems = map[string]bool{"cancelled": true, "refused": true, "unreadable": true, "check": true, "left": true,
	"failed": true, "retract_failed": true, "in_flight": true, "warning": true, "claimed": true}

// say writes the progress line id (progress.id in messages/*.yaml).
func (r *run) say(id string, args i18n.Args) {
	if r.Progress != nil && (!r.Quiet || problems[id]) {
		fmt.Fprintln(r.Progress, say.Text(r.Language, "progress."+id, args))
	}
}

// progress writes the progress line id about a delivery: {post} and
// {channel} are its.
func (r *run) progress(id string, d pipeline.Delivery, args i18n.Args) {
	all := i18n.Args{"post": d.Post.Path, "channel": d.Channel}
	for k, v := range args {
		all[k] = v
	}
	r.say(id, all)
}

// progressN writes the progress line id about n deliveries.
func (r *run) progressN(id string, n int, args i18n.Args) {
	if r.Progress != nil && (!r.Quiet || problems[id]) {
		fmt.Fprintln(r.Progress, say.Count(r.Language, "progress."+id, n, args))
	}
}

// finish records the results and the claims given back, and commits
// what changed. With a ledger the results go there first (the remote
// holds the truth; a cancelled run still has a few seconds for it), then
// the local commit; with the intent log the commit comes first, and only
// then are the intents cleared, but for the claims still open (calls a
// cancellation cut short).
func (r *run) finish(ctx context.Context) error {
	var open []pipeline.Record
	for _, c := range r.mine {
		open = append(open, c)
	}
	sort.Slice(open, func(i, j int) bool { return open[i].Key < open[j].Key })
	if err := r.disk.Sync(); err != nil {
		return fmt.Errorf("write the state to disk: %w", err)
	}
	settle := func() error {
		sctx, stop := AfterCancel(ctx, settleGrace)
		defer stop()
		if err := r.claims.settle(sctx, r.results, open); err != nil {
			return fmt.Errorf("record the results: %w", err)
		}
		r.results = nil
		return nil
	}
	if r.Ledger != nil {
		if err := settle(); err != nil {
			return err
		}
	}
	if len(r.changed) > 0 {
		for p := range r.changed {
			r.res.Changed = append(r.res.Changed, p)
		}
		sort.Strings(r.res.Changed)
		if r.Commit != nil {
			hash, err := r.Commit(r.res.Changed, CommitMessage(r.res))
			if err != nil {
				return fmt.Errorf("commit: %w", err)
			}
			r.res.Commit = hash
		}
	}
	if r.Ledger == nil {
		return settle()
	}
	return nil
}

// settleGrace is how long a cancelled run may still take to record its
// results on the ledger.
const settleGrace = 4 * time.Second

// CommitMessage lists what a run did: a subject, then one line per
// publication, failure and recovery.
func CommitMessage(res *Result) string {
	posts := map[string]bool{}
	for _, rec := range res.Published {
		posts[rec.Post] = true
	}
	var b strings.Builder
	switch {
	case len(res.Published) > 0:
		fmt.Fprintf(&b, "crieur: publish %d %s to %d %s", len(posts), plural(len(posts), "post", "posts"), len(res.Published), plural(len(res.Published), "channel", "channels"))
	case len(res.Recovered) > 0:
		fmt.Fprintf(&b, "crieur: record %d %s sent by an interrupted run", len(res.Recovered), plural(len(res.Recovered), "publication", "publications"))
	case len(res.Failed) == 0:
		b.WriteString("crieur: record what an interrupted run wrote")
	default:
		fmt.Fprintf(&b, "crieur: record %d failed %s", len(res.Failed), plural(len(res.Failed), "publication", "publications"))
	}
	if len(res.Failed) > 0 && len(res.Published) > 0 {
		fmt.Fprintf(&b, ", %d failed", len(res.Failed))
	}
	if len(res.Retracted) > 0 {
		if len(res.Published)+len(res.Recovered) > 0 {
			fmt.Fprintf(&b, ", retract %d", len(res.Retracted))
		} else {
			b.Reset()
			fmt.Fprintf(&b, "crieur: retract %d %s", len(res.Retracted), plural(len(res.Retracted), "publication", "publications"))
		}
	}
	b.WriteString("\n\n")
	for _, rec := range res.Retracted {
		fmt.Fprintf(&b, "- RETRACTED %s → %s %s\n", rec.Post, rec.Channel, rec.RemoteID)
	}
	for _, rec := range res.Published {
		fmt.Fprintf(&b, "- %s → %s %s %s\n", rec.Post, rec.Channel, rec.RemoteID, rec.URL)
	}
	for _, rec := range res.Recovered {
		fmt.Fprintf(&b, "- %s → %s %s (recovered from an interrupted run)\n", rec.Post, rec.Channel, rec.RemoteID)
	}
	for _, rec := range res.Failed {
		fmt.Fprintf(&b, "- FAILED %s → %s: %s\n", rec.Post, rec.Channel, rec.Error)
	}
	return strings.TrimRight(b.String(), "\n") + "\n"
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
