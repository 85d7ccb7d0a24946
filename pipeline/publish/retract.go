package publish

import (
	"context"
	"errors"
	"sort"

	"github.com/crieur/crieur/pipeline"
	"github.com/crieur/crieur/pipeline/content"
	"github.com/crieur/crieur/pipeline/i18n"
)

// retract takes down, on every channel where it went out, each post whose
// status is retracted, and records each deletion in the post and the
// journal. A freeze does not stop it: taking a post down is what a crisis
// needs. A channel whose network cannot delete (or is not configured for
// this run) gets the reason in the post's state, once, for a human.
func (r *run) retract(ctx context.Context, files []*content.File) error {
	for _, f := range files {
		if f.Post.Status != pipeline.StatusRetracted {
			continue
		}
		for _, channel := range sortedChannels(f.Post.Publications) {
			pub := f.Post.Publications[channel]
			if !pub.Done() || !pub.Retracted.IsZero() {
				continue
			}
			d := pipeline.Delivery{Post: f.Post, Channel: channel, Occurrence: pub.Occurrence}
			msg := r.message(d)
			receipt := pipeline.Receipt{ID: pub.ID, URL: pub.URL, At: pub.At, Parts: pub.Parts}
			var err error
			ch, ok := r.Channels[channel]
			switch rt, can := ch.(pipeline.Retracter); {
			case !ok:
				err = r.Unavailable[channel]
				if err == nil {
					err = errors.New("channel " + channel + " is not configured for this run")
				}
			case !can:
				err = errors.New(channel + " cannot delete a post through its API: delete it by hand at " + pub.URL + ", then write retracted: <time> here")
			default:
				cctx, cancel := context.WithTimeout(ctx, r.Timeout)
				err = rt.Retract(cctx, receipt)
				cancel()
			}
			if err != nil {
				reason := "retract: " + r.mask(err)
				if pub.Error == reason {
					continue // already said: no new record every run
				}
				pub.Error = reason
				rec := r.record(d, msg, pipeline.ActionFailed, receipt, pub.Attempts, errors.New(reason))
				rec.Time = r.Now.In(r.Repo.Config.Timezone)
				r.res.Failed = append(r.res.Failed, rec)
				r.say("retract_failed", i18n.Args{"post": f.Post.Path, "channel": channel, "error": reason})
				if err := r.save(d, pub, &rec); err != nil {
					return err
				}
				continue
			}
			pub.Retracted, pub.Error = r.Now, ""
			rec := r.record(d, msg, pipeline.ActionRetracted, receipt, pub.Attempts, nil)
			rec.Time = r.Now.In(r.Repo.Config.Timezone)
			r.res.Retracted = append(r.res.Retracted, rec)
			r.say("retracted", i18n.Args{"post": f.Post.Path, "channel": channel, "id": pub.ID})
			if err := r.save(d, pub, &rec); err != nil {
				return err
			}
		}
	}
	return nil
}

func sortedChannels(pubs map[string]pipeline.Publication) []string {
	names := make([]string, 0, len(pubs))
	for k := range pubs {
		names = append(names, k)
	}
	sort.Strings(names)
	return names
}
