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

func runNew(e *env, args []string) int {
	fs := flag.NewFlagSet("new", flag.ContinueOnError)
	at := fs.String("at", "", "publication time, e.g. \"2026-12-01 09:30\" (default: tomorrow 09:30)")
	chans := fs.String("channels", "", "channels, separated by commas (default: crieur.yml's defaults)")
	lang := fs.String("lang", "", "language of the post (default: crieur.yml's)")
	campaign := fs.String("campaign", "", "campaign name, for UTM links and reports")
	rest, err := parse(e, "new", fs, args)
	if err != nil {
		return exitFor(err)
	}
	title := strings.TrimSpace(strings.Join(rest, " "))
	if title == "" {
		fmt.Fprintln(e.stderr, "crieur new: give the post a title, e.g. crieur new \"Lancement de la saison\"")
		return exitUsage
	}
	repo, err := content.Open(e.dir)
	if err != nil {
		return e.fail(err)
	}
	loc := repo.Config.Timezone
	now := time.Now().In(loc)
	when := time.Date(now.Year(), now.Month(), now.Day()+1, 9, 30, 0, 0, loc)
	if *at != "" {
		if when, err = parseTimeFlag(*at, loc); err != nil {
			return e.fail(fmt.Errorf("--at: %w", err))
		}
	}
	row := calendar.Row{PublishAt: when, Channels: splitList(*chans), Lang: *lang, Campaign: *campaign, Title: title,
		Text: title + "\n\n#hashtag"}
	if row.Lang == "" {
		row.Lang = repo.Config.Defaults.Lang
	}
	rel, data := calendar.PostFile(row, loc)
	post := content.NewPost{Path: rel, Data: data}
	problems, err := repo.CheckNew([]content.NewPost{post})
	if len(problems) > 0 {
		return e.fail(fmt.Errorf("%s", problems[0]))
	}
	if err == nil {
		err = repo.CreatePost(post)
	}
	if errors.As(err, new(*content.ExistsError)) {
		return e.fail(fmt.Errorf("%w: choose another title", err))
	}
	if err != nil {
		return e.fail(err)
	}
	fmt.Fprintln(e.stdout, rel)
	return exitOK
}
