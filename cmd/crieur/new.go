package main

import (
	"errors"
	"flag"
	"fmt"
	"strings"
	"time"

	"github.com/crieur/crieur/pipeline/calendar"
	"github.com/crieur/crieur/pipeline/content"
)

const newHelp = `
Creates posts/YYYY/MM/<slug>.md with its front matter filled in, ready
to write: the title, publish_at (default: tomorrow 09:30), channels and
lang (default: those of crieur.yml). Prints the path.
`

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
		return usagef("give the post a title, e.g. crieur new \"Lancement de la saison\"")
	}
	w, err := e.workspace()
	if err != nil {
		return err
	}
	repo := w.repo
	loc := repo.Config.Timezone
	now := time.Now().In(loc)
	when := time.Date(now.Year(), now.Month(), now.Day()+1, 9, 30, 0, 0, loc)
	if o.at != "" {
		if when, err = parseTimeFlag(o.at, loc); err != nil {
			return fmt.Errorf("--at: %w", err)
		}
	}
	row := calendar.Row{PublishAt: when, Channels: splitList(o.channels), Lang: o.lang, Campaign: o.campaign, Title: title,
		Text: title + "\n\n#hashtag"}
	if row.Lang == "" {
		row.Lang = repo.Config.Defaults.Lang
	}
	rel, data := calendar.PostFile(row, loc)
	post := content.NewPost{Path: rel, Data: data}
	problems, err := repo.CheckNew([]content.NewPost{post})
	if len(problems) > 0 {
		return fmt.Errorf("%s", problems[0])
	}
	if err == nil {
		err = repo.CreatePost(post)
	}
	if errors.As(err, new(*content.ExistsError)) {
		return fmt.Errorf("%w: choose another title", err)
	}
	if err != nil {
		return err
	}
	fmt.Fprintln(e.stdout, rel)
	return nil
}
