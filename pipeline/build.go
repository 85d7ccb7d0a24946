package pipeline

import (
	"fmt"
	"runtime"
	"runtime/debug"
	"strings"
)

// Build says what this binary is: its version, commit and build date
// (set by a release build, else read from what the go command recorded),
// the Go that built it, its platform, and its spelling engine.
type Build struct {
	Version, Commit, Date, Go, Platform string
	Spelling                            string
}

// DescribeBuild prefers what the release build set, fills the rest from
// bi (which may be nil) and says "unknown" rather than nothing.
func DescribeBuild(version, commit, date string, bi *debug.BuildInfo) Build {
	b := Build{Version: version, Commit: commit, Date: date, Go: runtime.Version(), Platform: runtime.GOOS + "/" + runtime.GOARCH}
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

func (b Build) String() string {
	var s strings.Builder
	fmt.Fprintf(&s, "crieur %s\n", b.Version)
	fmt.Fprintf(&s, "commit:   %s\n", b.Commit)
	fmt.Fprintf(&s, "built:    %s\n", b.Date)
	fmt.Fprintf(&s, "go:       %s %s\n", b.Go, b.Platform)
	fmt.Fprintf(&s, "spelling: %s\n", b.Spelling)
	return s.String()
}
