package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// The release (.github/goreleaser.yaml) and the installer the Action
// runs (scripts/install.sh) agree on what a release holds: the five
// targets, the archive names, checksums.txt, the dictionaries; the
// build stamps what crieur version prints. CRIEUR_RELEASE_TEST=1 also
// builds the archives (scripts/release.sh --snapshot: minutes of
// cross-compiling, so only when asked; GitHub CI's release job does).
func TestReleaseConfig(t *testing.T) {
	b, err := os.ReadFile("../../.github/goreleaser.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var conf struct {
		Builds []struct {
			ID      string
			Goos    []string
			Goarch  []string
			Ignore  []struct{ Goos, Goarch string }
			Env     []string
			Tags    []string
			Ldflags []string
		}
		Archives []struct {
			NameTemplate    string `yaml:"name_template"`
			Formats         []string
			FormatOverrides []struct {
				Goos    string
				Formats []string
			} `yaml:"format_overrides"`
			Files []any
		}
		Checksum struct {
			NameTemplate string `yaml:"name_template"`
		}
		Sboms   []any
		Release struct{ Draft bool }
	}
	if err := yaml.Unmarshal(b, &conf); err != nil {
		t.Fatal(err)
	}
	var targets []string
	for _, bd := range conf.Builds {
		for _, goos := range bd.Goos {
			for _, arch := range bd.Goarch {
				ignored := slices.ContainsFunc(bd.Ignore, func(i struct{ Goos, Goarch string }) bool { return i.Goos == goos && i.Goarch == arch })
				if ignored {
					continue
				}
				targets = append(targets, goos+"/"+arch)
				cgo := slices.Contains(bd.Env, "CGO_ENABLED=1")
				if goos == "linux" && arch == "amd64" && !(cgo && slices.Contains(bd.Tags, "hunspell")) {
					t.Errorf("linux/amd64 (build %s) must link libhunspell: CGO_ENABLED=1 and -tags hunspell", bd.ID)
				}
			}
		}
		ld := strings.Join(bd.Ldflags, " ")
		for _, v := range []string{"main.version=", "main.commit=", "main.date="} {
			if !strings.Contains(ld, "-X "+v) {
				t.Errorf("build %s does not set %s (crieur version)", bd.ID, v)
			}
		}
	}
	sort.Strings(targets)
	if want := []string{"darwin/amd64", "darwin/arm64", "linux/amd64", "linux/arm64", "windows/amd64"}; !slices.Equal(targets, want) {
		t.Errorf("targets %v, want %v", targets, want)
	}
	if len(conf.Archives) != 1 {
		t.Fatalf("%d archives, want one", len(conf.Archives))
	}
	a := conf.Archives[0]
	// install.sh looks for crieur_${version#v}_${os}_${arch}.tar.gz (.zip
	// on Windows) in checksums.txt.
	script, err := os.ReadFile("../../scripts/install.sh")
	if err != nil {
		t.Fatal(err)
	}
	if a.NameTemplate != "{{ .ProjectName }}_{{ .Version }}_{{ .Os }}_{{ .Arch }}" ||
		!strings.Contains(string(script), `name="crieur_${version#v}_${os}_${arch}.$ext"`) {
		t.Errorf("archive names: goreleaser %q and install.sh disagree", a.NameTemplate)
	}
	if !slices.Equal(a.Formats, []string{"tar.gz"}) || len(a.FormatOverrides) != 1 || a.FormatOverrides[0].Goos != "windows" || !slices.Equal(a.FormatOverrides[0].Formats, []string{"zip"}) {
		t.Errorf("formats %v %+v: want tar.gz, zip on windows", a.Formats, a.FormatOverrides)
	}
	if !strings.Contains(string(b), "dst: dictionaries") {
		t.Error("the archives do not ship the dictionaries folder")
	}
	if conf.Checksum.NameTemplate != "checksums.txt" || !strings.Contains(string(script), "/checksums.txt") {
		t.Errorf("checksums file %q", conf.Checksum.NameTemplate)
	}
	if len(conf.Sboms) == 0 {
		t.Error("no SBOM")
	}
	if !conf.Release.Draft {
		t.Error("the release must be a draft until the workflow has attested it")
	}
	wf, err := os.ReadFile("../../.github/workflows/release.yml")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"actions/attest-build-provenance@", "subject-checksums: dist/checksums.txt", "scripts/release.sh --publish", "--draft=false", "goreleaser/goreleaser-action@"} {
		if !strings.Contains(string(wf), want) {
			t.Errorf("release.yml lacks %q", want)
		}
	}

	if os.Getenv("CRIEUR_RELEASE_TEST") != "1" {
		t.Log("CRIEUR_RELEASE_TEST=1 builds the snapshot too (scripts/release.sh --snapshot)")
		return
	}
	cmd := exec.Command("bash", "../../scripts/release.sh", "--snapshot")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("scripts/release.sh --snapshot: %v\n%s", err, out)
	}
	archives, _ := filepath.Glob("../../dist/crieur_*")
	if len(archives) != 5 {
		t.Errorf("dist has %v", archives)
	}
}
