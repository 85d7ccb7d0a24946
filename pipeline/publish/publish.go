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
	Progress  io.Writer     // one line per delivery; nil for none
	Timeout   time.Duration // per network call; default 60 s
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
	r := &run{Publisher: p, masker: pipeline.NewMasker(p.Secrets...), res: &Result{}, files: map[string]*content.File{}, changed: map[string]bool{},
		intents: intentLog{filepath.Join(state, "pending.jsonl")},
		journal: p.Repo.Journal()}
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
			r.progress("frozen   %d %s held: %s", len(due), plural(len(due), "delivery", "deliveries"), FreezeLine(fr, p.Repo.Config.Timezone))
		}
		due = nil
	}
	refused := r.refuse(scope, files, loadFindings)
	r.refuseUnreadable(paths, loadFindings, refused)
	r.checkExpiry(ctx, due)
	for _, d := range due {
		switch {
		case refused[d.Post.Path]:
		case p.DryRun:
			r.res.Planned = append(r.res.Planned, d)
		case ctx.Err() != nil: // cancelled: start nothing more, record what went out
			r.res.Interrupted = append(r.res.Interrupted, d)
		default:
			if err := r.deliver(ctx, d); err != nil {
				return r.res, err
			}
		}
	}
	if p.DryRun {
		return r.res, nil // writes nothing: not even clearing a killed run's intents
	}
	if n := len(r.res.Interrupted); n > 0 {
		r.progress("cancelled: %d %s not made, still due for the next run", n, plural(n, "delivery", "deliveries"))
	}
	return r.res, r.finish()
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
	intents intentLog
	kept    []intent // intents of calls cut short by a cancellation, kept for the next run
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
			r.progress("refused  %s: %d error(s), first: %s", f.Post.Path, len(fs), fs[0].Message)
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
		r.progress("refused  %s: cannot be read, %d error(s), first: %s", path, len(fs), fs[0].Message)
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

// recover handles the intents a killed run left: a delivery whose state
// was written is only completed in the journal; otherwise the channel is
// asked whether it went out. A channel that cannot tell is not sent again:
// the publication is marked for a human to check.
func (r *run) recover(ctx context.Context) error {
	pending, err := r.intents.read()
	if err != nil || len(pending) == 0 {
		return err
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
	for _, in := range pending {
		f, ok := r.files[in.Post]
		if !ok {
			continue
		}
		r.changed[r.Repo.Abs(in.Post)] = true // the killed run's edits are committed now
		for _, p := range journaled[in.Key] {
			r.changed[p] = true // and its journal lines
		}
		d := pipeline.Delivery{Post: f.Post, Channel: in.Channel, Occurrence: in.Occurrence}
		pub := f.Post.Publications[in.Channel]
		if pub.Done() && !pub.Occurrence.Before(in.Occurrence) {
			if !recorded[in.Key] {
				rec := r.record(d, r.message(d), pipeline.ActionRecovered, pipeline.Receipt{ID: pub.ID, URL: pub.URL, At: pub.At}, pub.Attempts, nil)
				if err := r.appendJournal(rec); err != nil {
					return err
				}
				recorded[in.Key] = true
				r.res.Recovered = append(r.res.Recovered, rec)
			}
			continue
		}
		if !pub.Done() && pub.Error != "" && pub.Occurrence.Equal(in.Occurrence) && !pub.At.Before(in.Started.Truncate(time.Second)) {
			continue // the killed run recorded this call's failure (at is written to the second): retried after its backoff
		}
		if err := r.ask(ctx, in, d, pub); err != nil {
			return err
		}
	}
	return nil
}

// ask resolves an intent left without a result: the channel is asked
// whether it went out; one that cannot be asked is left for a human.
func (r *run) ask(ctx context.Context, in intent, d pipeline.Delivery, pub pipeline.Publication) error {
	ch := r.Channels[in.Channel]
	finder, ok := ch.(pipeline.Finder)
	if !ok {
		pub.Attempts = pipeline.MaxAttempts
		pub.At = r.Now
		pub.Occurrence = in.Occurrence
		pub.Error = checkByHand("an interrupted run may have sent this already", in.Channel)
		rec := r.record(d, r.message(d), pipeline.ActionFailed, pipeline.Receipt{}, pub.Attempts, errors.New(pub.Error))
		if err := r.save(d, pub, &rec); err != nil {
			return err
		}
		r.res.Failed = append(r.res.Failed, rec)
		r.progress("check    %s → %s: %s", d.Post.Path, d.Channel, pub.Error)
		return nil
	}
	cctx, cancel := context.WithTimeout(ctx, r.Timeout)
	receipt, found, err := finder.Find(cctx, r.message(d))
	cancel()
	if err != nil {
		return fmt.Errorf("recover %s on %s: %s", in.Post, in.Channel, r.mask(err))
	}
	if !found {
		return nil // not sent: it is due again and goes out with the same key
	}
	receipt = r.maskReceipt(receipt)
	rec := r.record(d, r.message(d), pipeline.ActionRecovered, receipt, pub.Attempts+1, nil)
	pub = pipeline.Publication{ID: receipt.ID, URL: receipt.URL, At: receipt.At, Occurrence: in.Occurrence, Attempts: pub.Attempts + 1, Parts: receipt.Parts}
	if err := r.save(d, pub, &rec); err != nil {
		return err
	}
	r.res.Recovered = append(r.res.Recovered, rec)
	r.progress("recovered %s → %s %s (sent by an interrupted run)", d.Post.Path, d.Channel, receipt.ID)
	return nil
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
		if err = r.intents.add(intent{Key: d.Key(), Post: d.Post.Path, Channel: d.Channel, Occurrence: d.Occurrence, Started: r.Now}); err != nil {
			return fmt.Errorf("record intent: %w", err)
		}
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
		r.progress("failed   %s → %s (attempt %d/%d): %s", d.Post.Path, d.Channel, pub.Attempts, pipeline.MaxAttempts, pub.Error)
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
	r.progress("published %s → %s %s", d.Post.Path, d.Channel, receipt.URL)
	return r.save(d, pub, &rec)
}

// cutShort leaves a delivery whose call the cancellation cut short: it
// may have gone out, so its intent stays for the next run, which asks
// the network (or leaves it for a human) instead of sending it again;
// nothing is recorded as failed.
func (r *run) cutShort(d pipeline.Delivery) error {
	r.kept = append(r.kept, intent{Key: d.Key(), Post: d.Post.Path, Channel: d.Channel, Occurrence: d.Occurrence, Started: r.Now})
	r.res.Interrupted = append(r.res.Interrupted, d)
	r.progress("cancelled %s → %s in flight: the next run asks %s whether it went out", d.Post.Path, d.Channel, d.Channel)
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
	status := statusOf(f.Post)
	out, err := f.WithState(status, pubs, r.Repo.Config.Timezone)
	if err != nil {
		return err
	}
	abs := r.Repo.Abs(f.Post.Path)
	if err := content.WriteFile(abs, out); err != nil {
		return err
	}
	r.changed[abs] = true
	nf, fs := r.Repo.ParsePost(f.Post.Path, out)
	if nf == nil {
		return fmt.Errorf("%s: the state written back cannot be read: %v", f.Post.Path, fs)
	}
	r.files[f.Post.Path] = nf
	*d.Post = *nf.Post // deliveries still queued see the new state
	if rec != nil {
		return r.appendJournal(*rec)
	}
	return nil
}

func (r *run) appendJournal(rec pipeline.Record) error {
	written, err := r.journal.Append(rec)
	for _, w := range written {
		r.changed[w] = true
	}
	return err
}

// statusOf derives a post's status from its publications.
func statusOf(p *pipeline.Post) pipeline.Status {
	if p.Status == pipeline.StatusDraft || p.Status == pipeline.StatusRetracted {
		return p.Status
	}
	last := p.PublishAt
	if p.Repeat != nil {
		occ := p.Occurrences(p.PublishAt, p.PublishAt.AddDate(100, 0, 0))
		if len(occ) > 0 {
			last = occ[len(occ)-1]
		}
	}
	done, failed := true, false
	for _, ch := range p.Channels {
		pub := p.Publications[ch]
		if !pub.Done() || pub.Occurrence.Before(last) {
			done = false
		}
		if pub.Error != "" && !pub.Done() {
			failed = true
		}
	}
	switch {
	case failed:
		return pipeline.StatusFailed
	case done:
		return pipeline.StatusPublished
	}
	return pipeline.StatusScheduled
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
		RemoteID: rc.ID, URL: rc.URL, SourceCommit: r.SourceCommit}
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

func (r *run) progress(format string, args ...any) {
	if r.Progress != nil {
		fmt.Fprintf(r.Progress, format+"\n", args...)
	}
}

// finish commits what changed and clears the intent log, but for the
// calls a cancellation cut short.
func (r *run) finish() error {
	if len(r.changed) == 0 {
		return r.intents.keep(r.kept)
	}
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
	return r.intents.keep(r.kept)
}

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
