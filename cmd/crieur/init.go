package main

import (
	"errors"
	"flag"
	"fmt"
	"path/filepath"

	"github.com/crieur/crieur/pipeline/content"
	"github.com/crieur/crieur/pipeline/github/workflows"
	"github.com/crieur/crieur/pipeline/gitrepo"
)

const initHelp = `
Writes the GitHub workflows of a content repository into
.github/workflows at the root of its git repository:

  crieur.yml                 review every pull request (annotations, a
                             preview of each post per network, suggested
                             fixes); publish what is due on every push to
                             main and every 15 minutes, and push back
  crieur-code-scanning.yml   the findings in GitHub code scanning (SARIF)

The publish job passes the environment variables that crieur.yml's
channels name under secrets:, from the repository's secrets. Existing
files are kept unless --force.
`

func runInit(e *env, args []string) int {
	fs := flag.NewFlagSet("init", flag.ContinueOnError)
	force := fs.Bool("force", false, "replace workflows that already exist")
	rest, err := parse(e, "init", fs, args)
	if err != nil {
		return exitFor(err)
	}
	if len(rest) > 0 {
		fmt.Fprintf(e.stderr, "crieur init: unexpected argument %q\n", rest[0])
		return exitUsage
	}
	repo, err := content.Open(e.dir)
	if err != nil {
		return e.fail(err)
	}
	g, err := gitrepo.Open(repo.Root)
	if err != nil {
		return e.fail(err)
	}
	dir, err := filepath.Rel(g.Root, repo.Root)
	if err != nil {
		return e.fail(err)
	}
	written, err := workflows.Write(g.Root, workflows.DataFor(repo.Config, filepath.ToSlash(dir)), *force)
	for _, p := range written {
		rel, _ := filepath.Rel(g.Root, p)
		fmt.Fprintf(e.stdout, "wrote %s\n", filepath.ToSlash(rel))
	}
	if errors.Is(err, workflows.ErrExists) {
		fmt.Fprintf(e.stderr, "crieur init: %v\n", err)
		return exitOK
	}
	if err != nil {
		return e.fail(err)
	}
	if len(written) > 0 {
		fmt.Fprintln(e.stdout, "next: commit them, and create the repository secrets the publish job names (Settings → Secrets and variables → Actions)")
	}
	return exitOK
}
