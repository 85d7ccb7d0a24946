package main

import (
	"flag"
	"fmt"
	"runtime"
	"runtime/debug"
	"strings"

	"github.com/crieur/crieur/linters/spelling"
)

// Set by release builds (GoReleaser, .github/goreleaser.yaml) with
// -ldflags "-X main.version=v1.2.3 -X main.commit=… -X main.date=…".
// Left empty, they come from the build information the go command
// records (go install …@v1.2.3 records the module's version; a build
// in a git checkout records the commit and its time).
var version, commit, date string

// build says what this binary is.
type build struct {
	Version, Commit, Date, Go, Platform string
}

// currentBuild reads the link-time variables, then the build information.
func currentBuild() build {
	bi, _ := debug.ReadBuildInfo()
	return describeBuild(version, commit, date, bi)
}

// describeBuild prefers what the release build set, fills the rest from
// bi (which may be nil) and says "unknown" rather than nothing.
func describeBuild(version, commit, date string, bi *debug.BuildInfo) build {
	b := build{Version: version, Commit: commit, Date: date, Go: runtime.Version(), Platform: runtime.GOOS + "/" + runtime.GOARCH}
	if bi != nil {
		if b.Version == "" && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
			b.Version = bi.Main.Version
		}
		if bi.GoVersion != "" {
			b.Go = bi.GoVersion
		}
		modified := false
		for _, s := range bi.Settings {
			switch s.Key {
			case "vcs.revision":
				if b.Commit == "" {
					b.Commit = s.Value
				}
			case "vcs.time":
				if b.Date == "" {
					b.Date = s.Value
				}
			case "vcs.modified":
				modified = s.Value == "true"
			}
		}
		if modified && commit == "" && b.Commit != "" {
			b.Commit += " (modified)"
		}
	}
	if b.Version == "" {
		b.Version = "dev"
	}
	if b.Commit == "" {
		b.Commit = "unknown"
	}
	if b.Date == "" {
		b.Date = "unknown"
	}
	return b
}

func (b build) String() string {
	var s strings.Builder
	fmt.Fprintf(&s, "crieur %s\n", b.Version)
	fmt.Fprintf(&s, "commit:   %s\n", b.Commit)
	fmt.Fprintf(&s, "built:    %s\n", b.Date)
	fmt.Fprintf(&s, "go:       %s %s\n", b.Go, b.Platform)
	fmt.Fprintf(&s, "spelling: %s\n", spelling.Engine)
	return s.String()
}

type versionOptions struct{}

func (versionOptions) flags(*flag.FlagSet) {}

func (versionOptions) run(e *env, _ []string) error {
	fmt.Fprint(e.stdout, currentBuild())
	return nil
}
