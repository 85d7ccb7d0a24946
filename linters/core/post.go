package core

import (
	"os"
	"path"
	"strings"
	"time"

	"github.com/crieur/crieur/linters/rule"
	"github.com/crieur/crieur/pipeline"
	"github.com/crieur/crieur/pipeline/content"
	"github.com/crieur/crieur/pipeline/i18n"
)

// PastDue warns about a post whose time has passed and that has not gone
// out: in a pull request, merging it publishes it at once.
type PastDue struct{}

var _ rule.Rule = PastDue{}

func (PastDue) Infos() []rule.Info {
	return []rule.Info{{ID: "schedule.past_due", Description: describe("schedule.past_due"), Default: pipeline.Warning}}
}

func (PastDue) Check(c *rule.Context, f *content.File) []pipeline.Finding {
	p := f.Post
	if !p.PastDue(c.Now) {
		return nil
	}
	return []pipeline.Finding{rule.At(p, p.PosOf("publish_at"), "schedule.past_due", pipeline.Warning,
		say.Text(c.Language, "post.past_due", i18n.Args{"time": p.PublishAt.Format("2006-01-02 15:04")}),
		say.Text(c.Language, "post.past_due_hint", nil))}
}

// Draft reminds that a post with a date is a draft: it does not go out
// until its status says scheduled (crieur new makes drafts), and says so
// louder while its text still holds the placeholder crieur new wrote.
type Draft struct{}

var _ rule.Rule = Draft{}

// Placeholder is the hashtag crieur new writes for the author to replace.
const Placeholder = "#hashtag"

func (Draft) Infos() []rule.Info {
	return []rule.Info{{ID: "post.draft", Description: describe("post.draft"), Default: pipeline.Suggestion}}
}

func (Draft) Check(c *rule.Context, f *content.File) []pipeline.Finding {
	p := f.Post
	if p.Status != pipeline.StatusDraft || p.PublishAt.IsZero() {
		return nil
	}
	l, args := c.Language, i18n.Args{"time": p.PublishAt.Format("2006-01-02 15:04"), "placeholder": Placeholder}
	sev, msg, hint := pipeline.Suggestion, say.Text(l, "post.draft", args), say.Text(l, "post.draft_hint", nil)
	if strings.Contains(string(f.Source[f.BodyStart():]), Placeholder) {
		sev, msg = pipeline.Warning, say.Text(l, "post.draft_placeholder", args)
		hint = say.Text(l, "post.draft_placeholder_hint", args)
	}
	return []pipeline.Finding{rule.At(p, p.PosOf("status"), "post.draft", sev, msg, hint)}
}

// Replaces checks that a corrected republication names a post that exists.
type Replaces struct{}

var _ rule.Rule = Replaces{}

func (Replaces) Infos() []rule.Info {
	return []rule.Info{{ID: "post.replaces", Description: describe("post.replaces"), Default: pipeline.Error}}
}

func (Replaces) Check(c *rule.Context, f *content.File) []pipeline.Finding {
	p := f.Post
	if p.Replaces == "" {
		return nil
	}
	target := path.Clean(strings.TrimPrefix(p.Replaces, "/"))
	if target == p.Path {
		return []pipeline.Finding{rule.At(p, p.PosOf("replaces"), "post.replaces", pipeline.Error,
			say.Text(c.Language, "post.replaces_itself", nil), say.Text(c.Language, "post.replaces_itself_hint", nil))}
	}
	if st, err := os.Stat(c.Repo.Abs(target)); err != nil || st.IsDir() || !content.IsPostPath(target) {
		return []pipeline.Finding{rule.At(p, p.PosOf("replaces"), "post.replaces", pipeline.Error,
			say.Text(c.Language, "post.replaces_unknown", i18n.Args{"path": p.Replaces}),
			say.Text(c.Language, "post.replaces_unknown_hint", nil))}
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
				say.Text(c.Language, "post.replaced_online", i18n.Args{"path": target}),
				say.Text(c.Language, "post.replaced_online_hint", i18n.Args{"path": target}))}
		}
	}
	return nil
}

// Frozen shows a freeze (freeze.yml, written by crieur freeze) on every
// post it holds: one that would go out while publishing is frozen.
type Frozen struct{}

var _ rule.Rule = Frozen{}

func (Frozen) Infos() []rule.Info {
	return []rule.Info{{ID: "schedule.frozen", Description: describe("schedule.frozen"), Default: pipeline.Warning}}
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
	l := c.Language
	end := say.Text(l, "post.frozen_until_unfreeze", nil)
	if !fr.Until.IsZero() {
		end = say.Text(l, "post.frozen_until", i18n.Args{"until": fr.Until.In(loc).Format("2006-01-02 15:04")})
	}
	why := ""
	if fr.Reason != "" {
		why = " (" + fr.Reason + ")"
	}
	return []pipeline.Finding{rule.At(p, p.PosOf("publish_at"), "schedule.frozen", pipeline.Warning,
		say.Text(l, "post.frozen", i18n.Args{"since": fr.Since.In(loc).Format("2006-01-02 15:04"), "end": end, "why": why, "due": next.In(loc).Format("2006-01-02 15:04")}),
		say.Text(l, "post.frozen_hint", nil))}
}
