package core

import (
	"fmt"
	"os"
	"path"
	"strings"
	"time"

	"github.com/crieur/crieur/linters/rule"
	"github.com/crieur/crieur/pipeline"
	"github.com/crieur/crieur/pipeline/content"
)

// PastDue warns about a post whose time has passed and that has not gone
// out: in a pull request, merging it publishes it at once.
type PastDue struct{}

var _ rule.Rule = PastDue{}

func (PastDue) Infos() []rule.Info {
	return []rule.Info{{ID: "schedule.past_due", Description: "publish_at is already past: merging the post publishes it at once.", Default: pipeline.Warning}}
}

func (PastDue) Check(c *rule.Context, f *content.File) []pipeline.Finding {
	p := f.Post
	if !p.PastDue(c.Now) {
		return nil
	}
	return []pipeline.Finding{rule.At(p, p.PosOf("publish_at"), "schedule.past_due", pipeline.Warning,
		fmt.Sprintf("publish_at %s is already past: once merged, this post goes out at once", p.PublishAt.Format("2006-01-02 15:04")),
		"move publish_at to the future if the post must wait")}
}

// Draft reminds that a post with a date is a draft: it does not go out
// until its status says scheduled (crieur new makes drafts), and says so
// louder while its text still holds the placeholder crieur new wrote.
type Draft struct{}

var _ rule.Rule = Draft{}

// Placeholder is the hashtag crieur new writes for the author to replace.
const Placeholder = "#hashtag"

func (Draft) Infos() []rule.Info {
	return []rule.Info{{ID: "post.draft", Description: "A post with a date that is still a draft: it will not go out until its status is scheduled.", Default: pipeline.Suggestion}}
}

func (Draft) Check(c *rule.Context, f *content.File) []pipeline.Finding {
	p := f.Post
	if p.Status != pipeline.StatusDraft || p.PublishAt.IsZero() {
		return nil
	}
	sev, msg := pipeline.Suggestion, fmt.Sprintf("this post is a draft: it will not go out on %s until its status is scheduled", p.PublishAt.Format("2006-01-02 15:04"))
	hint := "when it is ready, write status: scheduled"
	if strings.Contains(string(f.Source[f.BodyStart():]), Placeholder) {
		sev, msg = pipeline.Warning, msg+", and its text still holds the placeholder "+Placeholder
		hint = "replace " + Placeholder + " with the post's own hashtags; when it is ready, write status: scheduled"
	}
	return []pipeline.Finding{rule.At(p, p.PosOf("status"), "post.draft", sev, msg, hint)}
}

// Replaces checks that a corrected republication names a post that exists.
type Replaces struct{}

var _ rule.Rule = Replaces{}

func (Replaces) Infos() []rule.Info {
	return []rule.Info{{ID: "post.replaces", Description: "replaces: must name the post file this one corrects.", Default: pipeline.Error}}
}

func (Replaces) Check(c *rule.Context, f *content.File) []pipeline.Finding {
	p := f.Post
	if p.Replaces == "" {
		return nil
	}
	target := path.Clean(strings.TrimPrefix(p.Replaces, "/"))
	if target == p.Path {
		return []pipeline.Finding{rule.At(p, p.PosOf("replaces"), "post.replaces", pipeline.Error, "a post cannot replace itself", "name the post that went out with the mistake")}
	}
	if st, err := os.Stat(c.Repo.Abs(target)); err != nil || st.IsDir() || !content.IsPostPath(target) {
		return []pipeline.Finding{rule.At(p, p.PosOf("replaces"), "post.replaces", pipeline.Error,
			fmt.Sprintf("replaces names %s, which is not a post of this repository", p.Replaces),
			"write the path from the repository root, e.g. posts/2026/11/annonce.md (the replaced post stays, with status: retracted)")}
	}
	src, err := c.Repo.ReadPost(target)
	if err != nil {
		return nil
	}
	old, _ := c.Repo.ParsePost(target, src)
	if old == nil || old.Post.Status == pipeline.StatusRetracted {
		return nil
	}
	for _, pub := range old.Post.Publications {
		if pub.Done() {
			return []pipeline.Finding{rule.At(p, p.PosOf("replaces"), "post.replaces", pipeline.Warning,
				fmt.Sprintf("%s, which this post corrects, is still online", target),
				"write status: retracted in "+target+" to take it down from every network in the same pull request")}
		}
	}
	return nil
}

// Frozen shows a freeze (freeze.yml, written by crieur freeze) on every
// post it holds: one that would go out while publishing is frozen.
type Frozen struct{}

var _ rule.Rule = Frozen{}

func (Frozen) Infos() []rule.Info {
	return []rule.Info{{ID: "schedule.frozen", Description: "Publishing is frozen (crieur freeze) when this post is due: it waits until the freeze ends.", Default: pipeline.Warning}}
}

func (Frozen) Check(c *rule.Context, f *content.File) []pipeline.Finding {
	fr, p := c.Repo.Freeze, f.Post
	if fr == nil || p.PublishAt.IsZero() || (p.Status != pipeline.StatusScheduled && p.Status != pipeline.StatusFailed && p.Status != "") {
		return nil
	}
	next := time.Time{}
	if len(p.Due(c.Now)) > 0 {
		next = c.Now
	} else if occ := p.Occurrences(c.Now, c.Now.AddDate(2, 0, 0)); len(occ) > 0 {
		next = occ[0]
	}
	if next.IsZero() || !fr.Holds(next, c.Now) {
		return nil
	}
	loc := c.Repo.Config.Timezone
	end := "until crieur unfreeze"
	if !fr.Until.IsZero() {
		end = "until " + fr.Until.In(loc).Format("2006-01-02 15:04")
	}
	why := ""
	if fr.Reason != "" {
		why = " (" + fr.Reason + ")"
	}
	return []pipeline.Finding{rule.At(p, p.PosOf("publish_at"), "schedule.frozen", pipeline.Warning,
		fmt.Sprintf("publishing is frozen since %s %s%s: this post, due %s, waits", fr.Since.In(loc).Format("2006-01-02 15:04"), end, why, next.In(loc).Format("2006-01-02 15:04")),
		"once the freeze is lifted it goes out at once: move publish_at if it should not")}
}
