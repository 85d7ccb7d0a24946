package publish

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"time"

	"github.com/crieur/crieur/pipeline"
	"github.com/crieur/crieur/pipeline/content"
)

// LedgerStore keeps the ledger's files where every later run finds them:
// the ledger branch of the remote (gitrepo.Ledger). Append adds lines at
// the end of files, durably, in one step; when other runs appended
// first, it calls lines again with what they added, and appends what
// lines then returns (nothing: done).
type LedgerStore interface {
	Append(ctx context.Context, message string, lines func(added map[string][]byte) map[string][]byte) error
}

// claimStore is where a run claims deliveries before it sends them, and
// where the next run finds the claims that no result followed. Two
// places: the remote's ledger (ledgerClaims: a runner keeps nothing), or
// the machine's own disk (intentLog: crieur run by hand or on a machine
// that stays).
type claimStore interface {
	// open lists the claims no result followed: those whose lease is
	// over (their run is dead: recover them) and those a live run still
	// holds (leave them alone).
	open(now time.Time) (dead, live []pipeline.Record, err error)
	// claim records claims durably, with the results so far. It returns
	// the keys another run claimed or settled first: not to be sent.
	claim(ctx context.Context, claims, results []pipeline.Record) (taken map[string]bool, err error)
	// settle records the results and releases left at the end of a run;
	// stillOpen are the claims that stay open (calls a cancellation cut
	// short, claims that could not be resolved).
	settle(ctx context.Context, results, stillOpen []pipeline.Record) error
}

// newClaimID names a claim; it ties the claim to its result or release.
func newClaimID() string {
	b := make([]byte, 8)
	rand.Read(b)
	return hex.EncodeToString(b)
}

// ledgerClaims keeps claims and results on the remote's ledger branch.
type ledgerClaims struct {
	store  LedgerStore
	ledger *pipeline.Ledger // as fetched at the start of the run
	// others are the keys other runs claimed or settled since the start
	// of this run, as each lost race told: this run's view of what is
	// due is older than them, so it claims none of those keys.
	others map[string]bool
	// unreadable: another run wrote lines this run cannot read; it
	// claims nothing more.
	unreadable bool
	mine       map[string]bool // the claims this run wrote: its own lines, when a push whose answer was lost landed
}

func (l *ledgerClaims) open(now time.Time) (dead, live []pipeline.Record, err error) {
	for _, c := range l.ledger.Open() {
		if c.Until.IsZero() || !now.Before(c.Until) {
			dead = append(dead, c)
		} else {
			live = append(live, c)
		}
	}
	return dead, live, nil
}

func (l *ledgerClaims) claim(ctx context.Context, claims, results []pipeline.Record) (map[string]bool, error) {
	taken := map[string]bool{}
	msg := fmt.Sprintf("crieur: claim %d %s", len(claims), plural(len(claims), "delivery", "deliveries"))
	err := l.append(ctx, msg, func() []pipeline.Record {
		var keep []pipeline.Record
		for _, c := range claims {
			if l.others[c.Key] || l.unreadable {
				taken[c.Key] = true
			} else {
				keep = append(keep, c)
			}
		}
		return append(keep, results...)
	})
	return taken, err
}

func (l *ledgerClaims) settle(ctx context.Context, results, _ []pipeline.Record) error {
	if len(results) == 0 {
		return nil
	}
	return l.append(ctx, fmt.Sprintf("crieur: record %d %s", len(results), plural(len(results), "result", "results")),
		func() []pipeline.Record { return results })
}

// append appends the records recs gives, asked again after each lost
// race once the lines the other runs added are known (see others).
func (l *ledgerClaims) append(ctx context.Context, message string, recs func() []pipeline.Record) error {
	return l.store.Append(ctx, message, func(added map[string][]byte) map[string][]byte {
		if len(added) > 0 {
			if l.others == nil {
				l.others = map[string]bool{}
			}
			other, err := content.ReadLedger(added)
			if err != nil {
				// Lines another run wrote that cannot be read:
				// take nothing for granted.
				l.unreadable = true
			} else {
				for _, r := range append(other.Claims, other.Journal...) {
					if !l.mine[r.Claim] {
						l.others[r.Key] = true
					}
				}
			}
		}
		out := recs()
		if l.mine == nil {
			l.mine = map[string]bool{}
		}
		for _, r := range out {
			if r.Action == pipeline.ActionClaimed {
				l.mine[r.Claim] = true
			}
		}
		return content.LedgerLines(out)
	})
}

// The intent log as a claimStore: on the machine's disk, a run at a
// time (the lock), so no lease and nothing taken by another run.

func (l intentLog) open(time.Time) (dead, live []pipeline.Record, err error) {
	ins, err := l.read()
	for _, in := range ins {
		dead = append(dead, in.record())
	}
	return dead, nil, err
}

func (l intentLog) claim(_ context.Context, claims, _ []pipeline.Record) (map[string]bool, error) {
	ins := make([]intent, len(claims))
	for i, c := range claims {
		ins[i] = intentOf(c)
	}
	return nil, l.add(ins...)
}

func (l intentLog) settle(_ context.Context, _, stillOpen []pipeline.Record) error {
	ins := make([]intent, len(stillOpen))
	for i, c := range stillOpen {
		ins[i] = intentOf(c)
	}
	return l.keep(ins)
}

func (in intent) record() pipeline.Record {
	return pipeline.Record{Action: pipeline.ActionClaimed, Key: in.Key, Post: in.Post, Channel: in.Channel,
		Occurrence: in.Occurrence, Time: in.Started, Claim: in.Key}
}

func intentOf(c pipeline.Record) intent {
	return intent{Key: c.Key, Post: c.Post, Channel: c.Channel, Occurrence: c.Occurrence, Started: c.Time}
}
