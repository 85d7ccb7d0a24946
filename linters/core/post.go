package core

import (
	"fmt"
	"os"
	"path"
	"strings"

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
	if st, err := os.Stat(c.Repo.Abs(target)); err != nil || st.IsDir() || !strings.HasPrefix(target, content.PostsDir+"/") {
		return []pipeline.Finding{rule.At(p, p.PosOf("replaces"), "post.replaces", pipeline.Error,
			fmt.Sprintf("replaces names %s, which is not a post of this repository", p.Replaces),
			"write the path from the repository root, e.g. posts/2026/11/annonce.md (the replaced post stays, with status: retracted)")}
	}
	return nil
}
