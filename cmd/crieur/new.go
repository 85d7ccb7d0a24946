package main

import (
	"errors"
	"flag"
	"fmt"
	"strings"
	"time"

	"github.com/crieur/crieur/linters/schedule"
	"github.com/crieur/crieur/pipeline"
	"github.com/crieur/crieur/pipeline/content"
	"github.com/crieur/crieur/pipeline/render"
)

type newOptions struct{ at, channels, lang, campaign string }

func (o *newOptions) flags(fs *flag.FlagSet) {
	fs.StringVar(&o.at, "at", "", "publication time, e.g. \"2026-12-01 09:30\" (default: tomorrow 09:30)")
	fs.StringVar(&o.channels, "channels", "", "channels, separated by commas (default: crieur.yml's defaults)")
	fs.StringVar(&o.lang, "lang", "", "language of the post (default: crieur.yml's)")
	fs.StringVar(&o.campaign, "campaign", "", "campaign name, for UTM links and reports")
}

func (o *newOptions) run(e *env, args []string) error {
	title := strings.TrimSpace(strings.Join(args, " "))
	if title == "" {
		return usagef("usage.title", nil)
	}
	w, err := e.workspace()
	if err != nil {
		return err
	}
	repo := w.repo
	loc := repo.Config.Timezone
	d := repo.NewDraft(title, time.Now())
	if cad := schedule.Cadence(repo); cad.Slots {
		d.PublishAt = cad.Next(d.PublishAt) // tomorrow's first publishing slot from 09:30
	}
	if o.at != "" {
		if d.PublishAt, err = pipeline.ParseFlagTime(o.at, loc, time.Now(), false); err != nil {
			return fmt.Errorf("--at: %w", err)
		}
	}
	d.Channels, d.Campaign = splitList(o.channels), o.campaign
	if o.lang != "" {
		d.Lang = o.lang
	}
	post := d.NewPost(loc, render.FirstLine)
	problems, err := repo.CheckNew([]content.NewPost{post})
	if len(problems) > 0 {
		return fmt.Errorf("%s", problems[0])
	}
	if err == nil {
		err = repo.CreatePost(post)
	}
	if errors.As(err, new(*content.ExistsError)) {
		return fmt.Errorf("%w: %s", err, e.say("new_exists", nil))
	}
	if err != nil {
		return err
	}
	fmt.Fprintln(e.stdout, post.Path)
	return nil
}
