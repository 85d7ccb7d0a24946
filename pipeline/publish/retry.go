package publish

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/crieur/crieur/pipeline"
	"github.com/crieur/crieur/pipeline/i18n"
)

// byHand is a delivery that may have gone out on a network that cannot be
// asked: it is not sent again, a human looks.
type byHand struct{ reason string }

func (e *byHand) Error() string { return e.reason }

// errCutShort is a network call that the run's cancellation cut short:
// it may have gone out, and nothing is known of it.
var errCutShort = errors.New("cut short by the cancellation of the run")

// checkByHand is the reason written into a post's state when a delivery
// may have gone out and the network cannot tell: the run never sends it
// again by itself.
func checkByHand(what, channel string) string {
	return what + ": check " + channel + ", then write its id here, or set attempts: 0 to send again"
}

// send publishes one message, trying again within the run when the
// network failed in a way worth retrying: no answer, a 5xx, a 429. When
// the post may have gone out (the answer was lost, or a 5xx came back), the
// network is asked before trying again, by the key; one that cannot be
// asked is not tried again: the delivery is left for a human.
func (r *run) send(ctx context.Context, d pipeline.Delivery, ch pipeline.Channel, msg pipeline.Message) (pipeline.Receipt, error) {
	var last error
	for try := 1; ; try++ {
		cctx, cancel := r.callContext(ctx)
		receipt, err := ch.Publish(cctx, msg)
		cut := ctx.Err() != nil && cctx.Err() != nil
		cancel()
		if err == nil {
			return receipt, nil
		}
		if cut {
			return pipeline.Receipt{}, errCutShort
		}
		last = err
		f := pipeline.AsFailure(err)
		if f == nil && errors.Is(err, context.DeadlineExceeded) {
			// An adapter that does not classify: a timeout may have sent it.
			f = &pipeline.Failure{Temporary: true, MaybeSent: true, Err: err}
		}
		if f == nil {
			return pipeline.Receipt{}, err
		}
		// Asked first, even for a failure not worth retrying: a thread cut
		// after its first part must never be sent again from the start.
		if f.MaybeSent {
			if found, ok, ferr := r.wentOut(ctx, d, ch, msg, err); ferr != nil || ok {
				return found, ferr
			}
		}
		if !f.Temporary {
			return pipeline.Receipt{}, err
		}
		if try >= r.Tries || ctx.Err() != nil {
			return pipeline.Receipt{}, last
		}
		wait := f.RetryAfter
		if wait == 0 {
			wait = time.Duration(1<<(try-1)) * 2 * time.Second
		}
		if wait > r.MaxWait {
			return pipeline.Receipt{}, fmt.Errorf("%w; a later run will try again", last)
		}
		r.progress("retry", d, i18n.Args{"wait": wait, "try": try + 1, "tries": r.Tries, "error": r.mask(err)})
		if err := r.sleep(ctx, wait); err != nil {
			return pipeline.Receipt{}, last
		}
	}
}

// wentOut asks the network whether a call that failed with err went out
// all the same; a network that cannot be asked, or whose answer fails,
// leaves the delivery for a human (a byHand error).
func (r *run) wentOut(ctx context.Context, d pipeline.Delivery, ch pipeline.Channel, msg pipeline.Message, err error) (pipeline.Receipt, bool, error) {
	finder, ok := ch.(pipeline.Finder)
	if !ok {
		return pipeline.Receipt{}, false, &byHand{checkByHand(r.mask(err)+"; it may have gone out and "+d.Channel+" cannot be asked", d.Channel)}
	}
	fctx, cancel := r.callContext(ctx)
	found, ok, ferr := finder.Find(fctx, msg)
	cut := ctx.Err() != nil && fctx.Err() != nil
	cancel()
	if ferr != nil && cut {
		return pipeline.Receipt{}, false, errCutShort
	}
	if ferr != nil {
		return pipeline.Receipt{}, false, &byHand{checkByHand(r.mask(err)+"; then asking whether it went out failed too: "+r.mask(ferr), d.Channel)}
	}
	if ok {
		r.progress("found", d, i18n.Args{"error": r.mask(err)})
	}
	return found, ok, nil
}

// callContext is the context of one network call: it ends after the
// Timeout, or Grace after the run is cancelled, so that a call under way
// when the job is cancelled can still finish and be recorded.
func (r *run) callContext(ctx context.Context) (context.Context, context.CancelFunc) {
	gctx, stop := AfterCancel(ctx, r.Grace)
	cctx, cancel := context.WithTimeout(gctx, r.Timeout)
	return cctx, func() { cancel(); stop() }
}

// AfterCancel returns a context that keeps ctx's values, is not
// cancelled with it, and ends grace after ctx is cancelled (at once
// plus grace when ctx is already done): the context of what a cancelled
// run must still do, such as committing and pushing what went out.
func AfterCancel(ctx context.Context, grace time.Duration) (context.Context, context.CancelFunc) {
	gctx, cancel := context.WithCancel(context.WithoutCancel(ctx))
	var timer *time.Timer
	var mu sync.Mutex
	stop := context.AfterFunc(ctx, func() {
		mu.Lock()
		timer = time.AfterFunc(grace, cancel)
		mu.Unlock()
	})
	return gctx, func() {
		stop()
		mu.Lock()
		if timer != nil {
			timer.Stop()
		}
		mu.Unlock()
		cancel()
	}
}

func (r *run) sleep(ctx context.Context, d time.Duration) error {
	if r.Sleep != nil {
		return r.Sleep(ctx, d)
	}
	return pipeline.Sleep(ctx, d)
}

// checkExpiry warns about channels whose credentials expire soon, among
// those the run is about to use.
func (r *run) checkExpiry(ctx context.Context, due []pipeline.Delivery) {
	if ctx.Err() != nil {
		return // cancelled: nothing will be sent
	}
	seen := map[string]bool{}
	for _, d := range due {
		if seen[d.Channel] {
			continue
		}
		seen[d.Channel] = true
		r.warnExpiry(ctx, d.Channel)
	}
}

func (r *run) warnExpiry(ctx context.Context, channel string) {
	ex, ok := r.Channels[channel].(pipeline.Expirer)
	if !ok {
		return
	}
	cctx, cancel := context.WithTimeout(ctx, r.Timeout)
	at, err := ex.Expiry(cctx)
	cancel()
	if err != nil {
		r.warn(say.Text(r.Language, "warn.expiry_unknown", i18n.Args{"channel": channel, "error": r.mask(err)}))
		return
	}
	if at.IsZero() {
		return
	}
	left := at.Sub(r.Now)
	switch {
	case left <= 0:
		r.warn(say.Text(r.Language, "warn.expired", i18n.Args{"channel": channel, "at": at.In(r.Repo.Config.Timezone).Format("2006-01-02 15:04")}))
	case left <= r.ExpiryWarning:
		r.warn(say.Count(r.Language, "warn.expires", int(left.Hours()/24), i18n.Args{"channel": channel, "at": at.In(r.Repo.Config.Timezone).Format("2006-01-02 15:04")}))
	}
}

// warn keeps a warning for the summary and says it.
func (r *run) warn(w string) {
	r.res.Warnings = append(r.res.Warnings, w)
	r.say("warning", i18n.Args{"warning": w})
}

// FreezeLine says what a freeze is, in one line, in English.
func FreezeLine(f *pipeline.Freeze, loc *time.Location) string {
	return FreezeLineIn(f, loc, i18n.English)
}

// FreezeLineIn is FreezeLine in l.
func FreezeLineIn(f *pipeline.Freeze, loc *time.Location, l i18n.Lang) string {
	s := say.Text(l, "freeze.since", i18n.Args{"since": f.Since.In(loc).Format("2006-01-02 15:04")})
	if !f.Until.IsZero() {
		s += say.Text(l, "freeze.until", i18n.Args{"until": f.Until.In(loc).Format("2006-01-02 15:04")})
	} else {
		s += say.Text(l, "freeze.until_unfreeze", nil)
	}
	if f.By != "" {
		s += say.Text(l, "freeze.by", i18n.Args{"by": f.By})
	}
	if f.Reason != "" {
		s += say.Text(l, "freeze.reason", i18n.Args{"reason": f.Reason})
	}
	return s
}
