package pipeline

import (
	"runtime/debug"
	"strings"
	"testing"
)

func TestDescribeBuild(t *testing.T) {
	installed := &debug.BuildInfo{
		GoVersion: "go1.26.8",
		Main:      debug.Module{Path: "github.com/crieur/crieur", Version: "v1.2.3"},
		Settings: []debug.BuildSetting{
			{Key: "vcs.revision", Value: "abc123"},
			{Key: "vcs.time", Value: "2026-12-01T10:00:00Z"},
			{Key: "vcs.modified", Value: "false"},
		},
	}
	checkout := &debug.BuildInfo{
		GoVersion: "go1.26.8",
		Main:      debug.Module{Path: "github.com/crieur/crieur", Version: "(devel)"},
		Settings:  []debug.BuildSetting{{Key: "vcs.revision", Value: "def456"}, {Key: "vcs.modified", Value: "true"}},
	}
	for _, tc := range []struct {
		name                  string
		version, commit, date string
		bi                    *debug.BuildInfo
		want                  Build
	}{
		{"release build: ldflags win", "v2.0.0", "0123abc", "2026-12-06T12:00:00Z", installed,
			Build{Version: "v2.0.0", Commit: "0123abc", Date: "2026-12-06T12:00:00Z", Go: "go1.26.8"}},
		{"go install", "", "", "", installed,
			Build{Version: "v1.2.3", Commit: "abc123", Date: "2026-12-01T10:00:00Z", Go: "go1.26.8"}},
		{"go build in a changed checkout", "", "", "", checkout,
			Build{Version: "dev", Commit: "def456 (modified)", Date: "unknown", Go: "go1.26.8"}},
		{"no build information", "", "", "", nil,
			Build{Version: "dev", Commit: "unknown", Date: "unknown"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := DescribeBuild(tc.version, tc.commit, tc.date, tc.bi)
			if tc.want.Go == "" {
				tc.want.Go = got.Go // runtime.Version()
			}
			tc.want.Platform = got.Platform
			if got != tc.want {
				t.Errorf("got %+v\nwant %+v", got, tc.want)
			}
			s := got.String()
			for _, w := range []string{"crieur " + tc.want.Version + "\n", "commit:", "built:", "go:       " + tc.want.Go} {
				if !strings.Contains(s, w) {
					t.Errorf("%q lacks %q", s, w)
				}
			}
		})
	}
}
