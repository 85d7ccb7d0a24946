package main

import (
	"fmt"
	"runtime/debug"

	"github.com/crieur/crieur/linters/spelling"
	"github.com/crieur/crieur/pipeline"
)

// Set by release builds (GoReleaser, .github/goreleaser.yaml) with
// -ldflags "-X main.version=v1.2.3 -X main.commit=… -X main.date=…".
// Left empty, they come from the build information the go command
// records (go install …@v1.2.3 records the module's version; a build
// in a git checkout records the commit and its time).
var version, commit, date string

// currentBuild reads the link-time variables, then the build information.
func currentBuild() pipeline.Build {
	bi, _ := debug.ReadBuildInfo()
	b := pipeline.DescribeBuild(version, commit, date, bi)
	b.Spelling = spelling.Engine
	return b
}

type versionOptions struct{ noFlags }

func (versionOptions) run(e *env, _ []string) error {
	fmt.Fprint(e.stdout, currentBuild())
	return nil
}
