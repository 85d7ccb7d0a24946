package content

import (
	"bufio"
	"bytes"
	"cmp"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"text/template"
	"time"
	"unicode"

	"gopkg.in/yaml.v3"

	"github.com/crieur/crieur/pipeline"
	"github.com/crieur/crieur/pipeline/i18n"
)

//go:embed starter
var starterFS embed.FS

// StarterLangs are the languages a starter repository can be written in.
var StarterLangs = []string{"fr", "en", "nl"}

// Starter is a new content repository, as crieur init writes it in an
// empty folder: crieur.yml with the chosen networks (as outbox channels
// until their secrets exist), a charte.yml whose every setting is
// explained in the team's language, vocabulaire.txt, a .gitignore for
// the outbox, and a first draft.
type Starter struct {
	Lang     string   // fr, en or nl: the comments and the first post
	Timezone string   // an IANA zone
	Networks []string // channel types, in the order given
	Brand    string   // the brand's name
	// Schemas are the JSON schemas of crieur.yml and charte.yml (by file
	// name); when set, the starter keeps a copy in .vscode/crieur/ and
	// tells VS Code's YAML extension to use it, so that completion and
	// checks work wherever the repository is cloned, offline too.
	Schemas fs.FS
}

// starterNetwork is what a network's channel needs once its account is
// ready (starter/networks.yml).
type starterNetwork struct {
	Secrets map[string]string `yaml:"secrets"`
	Options map[string]string `yaml:"options"`
}

// StarterNetworks lists the networks a starter can declare.
func StarterNetworks() []string {
	nets, _ := starterNetworks()
	names := make([]string, 0, len(nets))
	for n := range nets {
		names = append(names, n)
	}
	slices.Sort(names)
	return names
}

func starterNetworks() (map[string]starterNetwork, error) {
	raw, err := starterFS.ReadFile("starter/networks.yml")
	if err != nil {
		return nil, err
	}
	var nets map[string]starterNetwork
	return nets, yaml.Unmarshal(raw, &nets)
}

// keyValue is one line of a channel's secrets or options.
type keyValue struct{ Key, Env, Value string }

// starterChannel is a channel as the crieur.yml template writes it.
type starterChannel struct {
	Name             string
	Secrets, Options []keyValue
}

// Check says what is wrong with a starter, as a user would fix it.
func (s Starter) Check() error {
	if !slices.Contains(StarterLangs, s.Lang) {
		return fmt.Errorf("language %q: crieur writes a starter in %s", s.Lang, strings.Join(StarterLangs, ", "))
	}
	if _, err := time.LoadLocation(s.Timezone); err != nil || s.Timezone == "" || s.Timezone == "Local" {
		return fmt.Errorf("time zone %q is not an IANA time zone (Europe/Brussels, Europe/Paris, America/Montreal…)", s.Timezone)
	}
	nets, err := starterNetworks()
	if err != nil {
		return err
	}
	if len(s.Networks) == 0 {
		return errors.New("no network: name at least one (" + strings.Join(StarterNetworks(), ", ") + ")")
	}
	for _, n := range s.Networks {
		if _, ok := nets[n]; !ok {
			hint := didYouMean(n, StarterNetworks())
			if hint == "" {
				hint = "choose among " + strings.Join(StarterNetworks(), ", ")
			}
			return fmt.Errorf("network %q is not one crieur publishes to: %s", n, hint)
		}
	}
	if strings.TrimSpace(s.Brand) == "" || strings.ContainsAny(s.Brand, "\n\r\"{}[]#:") {
		return fmt.Errorf("brand name %q: write the name alone, on one line, without \" { } [ ] # :", s.Brand)
	}
	return nil
}

// starterFiles are the files of a starter, by path from the content root.
func (s Starter) starterFiles(now time.Time) (map[string][]byte, error) {
	if err := s.Check(); err != nil {
		return nil, err
	}
	data, err := s.templateData()
	if err != nil {
		return nil, err
	}
	files := map[string][]byte{}
	for _, name := range []string{ConfigFile, "charte.yml", "vocabulaire.txt"} {
		b, err := execStarter(s.Lang+"/"+name, data)
		if err != nil {
			return nil, err
		}
		files[name] = b
	}
	files[".gitignore"], _ = starterFS.ReadFile("starter/gitignore")
	post, err := execStarter(s.Lang+"/post.md", data)
	if err != nil {
		return nil, err
	}
	title, text, _ := strings.Cut(strings.TrimSpace(string(post)), "\n")
	loc, _ := time.LoadLocation(s.Timezone)
	now = now.In(loc)
	d := Draft{
		PublishAt: time.Date(now.Year(), now.Month(), now.Day()+1, 9, 0, 0, 0, loc),
		Lang:      s.Lang, Title: title, Text: text, Status: pipeline.StatusDraft,
	}
	np := d.NewPost(loc, nil)
	files[np.Path] = np.Data
	return files, s.editorFiles(files)
}

// editorFiles adds VS Code's settings: the schemas for crieur.yml and
// the charters, and the YAML extension as a recommendation.
func (s Starter) editorFiles(files map[string][]byte) error {
	if s.Schemas == nil {
		return nil
	}
	globs := map[string][]string{"crieur.schema.json": {"**/crieur.yml"}, "charte.schema.json": {"**/charte*.yml"}}
	mapping := map[string][]string{}
	for name, g := range globs {
		b, err := fs.ReadFile(s.Schemas, name)
		if err != nil {
			return err
		}
		files[".vscode/crieur/"+name] = b
		mapping["./.vscode/crieur/"+name] = g
	}
	settings, err := json.MarshalIndent(map[string]any{"yaml.schemas": mapping}, "", "  ")
	if err != nil {
		return err
	}
	files[".vscode/settings.json"] = append(settings, '\n')
	files[".vscode/extensions.json"] = []byte("{\n  \"recommendations\": [\"redhat.vscode-yaml\"]\n}\n")
	return nil
}

// templateData fills the starter's templates.
func (s Starter) templateData() (map[string]any, error) {
	nets, err := starterNetworks()
	if err != nil {
		return nil, err
	}
	var chans []starterChannel
	var names, defaults []string
	for _, n := range s.Networks {
		if slices.Contains(names, n) {
			continue
		}
		names = append(names, n)
		if nw, ok := pipeline.LookupNetwork(n); !ok || !nw.Media.Required {
			defaults = append(defaults, n) // a post with an image only goes where it is required
		}
		c := starterChannel{Name: n}
		for _, k := range slices.Sorted(maps.Keys(nets[n].Secrets)) {
			c.Secrets = append(c.Secrets, keyValue{Key: k, Env: nets[n].Secrets[k]})
		}
		for _, k := range slices.Sorted(maps.Keys(nets[n].Options)) {
			c.Options = append(c.Options, keyValue{Key: k, Value: fmt.Sprintf("%q", nets[n].Options[k])})
		}
		chans = append(chans, c)
	}
	langs := []string{s.Lang}
	for _, l := range StarterLangs {
		if l != s.Lang {
			langs = append(langs, l)
		}
	}
	if len(defaults) == 0 {
		defaults = names
	}
	brand := strings.TrimSpace(s.Brand)
	return map[string]any{
		"Brand": brand, "BrandWords": brandWords(brand), "BrandTag": strings.Join(brandWords(brand), ""),
		"Lang": s.Lang, "Timezone": s.Timezone, "Channels": chans,
		"ChannelList": strings.Join(defaults, ", "), "LanguageList": strings.Join(langs, ", "),
		"French": slices.Contains(langs, "fr"),
	}, nil
}

// brandWords are the words of a brand's name the spell checker must
// accept.
func brandWords(brand string) []string {
	return strings.FieldsFunc(brand, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '’' && r != '\'' && r != '-'
	})
}

func execStarter(name string, data map[string]any) ([]byte, error) {
	t, err := template.ParseFS(starterFS, "starter/"+name)
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	if err := t.Execute(&b, data); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return b.Bytes(), nil
}

// ErrNotEmpty is returned when a starter would replace a file.
var ErrNotEmpty = errors.New("already exists")

// WriteStarter writes a starter repository into root. crieur.yml,
// charte.yml and vocabulaire.txt must not exist yet; a .gitignore or an
// editor setting that exists is kept as it is. It returns the paths
// written, relative to root.
func WriteStarter(root string, s Starter, now time.Time) ([]string, error) {
	files, err := s.starterFiles(now)
	if err != nil {
		return nil, err
	}
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	slices.Sort(names)
	var written []string
	for _, n := range names {
		_, err := os.Lstat(filepath.Join(root, filepath.FromSlash(n)))
		switch {
		case errors.Is(err, fs.ErrNotExist):
			written = append(written, n)
		case strings.HasPrefix(n, ".") && err == nil:
			// the team's own .gitignore or editor settings: kept
		default:
			return nil, fmt.Errorf("%s %w: crieur init writes a new repository only where there is none", n, ErrNotEmpty)
		}
	}
	for _, n := range written {
		p := filepath.Join(root, filepath.FromSlash(n))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return nil, err
		}
		if err := os.WriteFile(p, files[n], 0o644); err != nil {
			return nil, err
		}
	}
	return written, nil
}

// DefaultStarter is the starter crieur init proposes: the language of
// the environment (LC_ALL, LC_MESSAGES, LANG), its time zone (TZ, else
// the system's), Mastodon and Bluesky, the folder's name as the brand.
func DefaultStarter(dir string, getenv func(string) string) Starter {
	s := Starter{Lang: string(i18n.Choose("", getenv)), Networks: []string{"mastodon", "bluesky"}}
	s.Timezone = strings.TrimPrefix(getenv("TZ"), ":")
	if _, err := time.LoadLocation(s.Timezone); s.Timezone == "" || err != nil {
		s.Timezone = systemZone()
	}
	if abs, err := filepath.Abs(dir); err == nil {
		s.Brand = filepath.Base(abs)
	}
	return s
}

// Override replaces the settings given (flags): a non-empty language,
// time zone or brand, and networks as a comma-separated list.
func (s *Starter) Override(lang, zone, brand, networks string) {
	s.Lang, s.Timezone, s.Brand = cmp.Or(lang, s.Lang), cmp.Or(zone, s.Timezone), cmp.Or(brand, s.Brand)
	if networks != "" {
		s.Networks = splitList(networks)
	}
}

// systemZone is the IANA name of the system's time zone, read from the
// /etc/localtime link; Europe/Brussels when it cannot be known.
func systemZone() string {
	if target, err := os.Readlink("/etc/localtime"); err == nil {
		if _, zone, ok := strings.Cut(target, "zoneinfo/"); ok {
			if _, err := time.LoadLocation(zone); err == nil && zone != "UTC" {
				return zone
			}
		}
	}
	return "Europe/Brussels"
}

// Ask completes a starter on a terminal: each question shows the current
// answer, which Enter keeps; a wrong answer is said and asked again, three
// times at most. The questions are in s.Lang.
func (s *Starter) Ask(in io.Reader, out io.Writer) error {
	raw, err := starterFS.ReadFile("starter/questions.yml")
	if err != nil {
		return err
	}
	var all map[string]map[string]string
	if err := yaml.Unmarshal(raw, &all); err != nil {
		return err
	}
	q := all[s.Lang]
	r := bufio.NewReader(in)
	fmt.Fprintln(out, q["intro"])
	for _, f := range s.questions() {
		prompt := strings.ReplaceAll(q[f.key], "{all}", strings.Join(StarterNetworks(), ", "))
		for try := 0; try < 3; try++ {
			keep := f.get()
			fmt.Fprintf(out, "%s [%s] : ", prompt, keep)
			line, err := r.ReadString('\n')
			if v := strings.TrimSpace(line); v != "" {
				f.set(v)
			}
			if cerr := s.Check(); cerr != nil {
				fmt.Fprintf(out, "%v. %s.\n", cerr, q["again"])
				f.set(keep)
				if err == nil {
					continue
				}
			}
			if err != nil {
				return nil // the end of the answers: the rest keeps its defaults
			}
			break
		}
	}
	return nil
}

// question is one setting Ask asks for.
type question struct {
	key string
	get func() string
	set func(string)
}

func (s *Starter) questions() []question {
	return []question{
		{"brand", func() string { return s.Brand }, func(v string) { s.Brand = v }},
		{"lang", func() string { return s.Lang }, func(v string) { s.Lang = v }},
		{"timezone", func() string { return s.Timezone }, func(v string) { s.Timezone = v }},
		{"networks", func() string { return strings.Join(s.Networks, ", ") }, func(v string) { s.Networks = splitList(v) }},
	}
}

// splitList reads "mastodon, bluesky linkedin" as a list.
func splitList(v string) []string {
	return strings.FieldsFunc(strings.ToLower(v), func(r rune) bool { return r == ',' || r == ';' || unicode.IsSpace(r) })
}
