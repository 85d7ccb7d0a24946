package content

import (
	"cmp"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/crieur/crieur/pipeline"
	"github.com/crieur/crieur/pipeline/i18n"
)

// ConfigFile is the name of the project file at the content root.
const ConfigFile = "crieur.yml"

// Problems is a list of findings that stop a file from loading; as an
// error it prints one per line.
type Problems []pipeline.Finding

func (p Problems) Error() string {
	lines := make([]string, len(p))
	for i, f := range p {
		lines[i] = f.String()
	}
	return strings.Join(lines, "\n")
}

var channelNameRE = regexp.MustCompile(`^[a-z0-9][a-z0-9_-]*$`)

var configKeys = []string{"timezone", "language", "outbox", "journal", "charter", "vocabulary", "defaults", "channels", "brands"}
var channelKeys = []string{"type", "network", "account", "dir", "limit", "secrets", "options"}
var brandKeys = []string{"name", "charter", "vocabulary", "channels"}
var defaultsKeys = []string{"channels", "lang", "brand"}

// LoadConfig reads root/crieur.yml. A missing file is an error that says
// how to create one; every problem found is returned as Problems.
func LoadConfig(root string) (*pipeline.Config, error) { return loadConfig(root, "") }

// loadConfig is LoadConfig speaking reader (the environment's language)
// when crieur.yml names no language of its own.
func loadConfig(root string, reader i18n.Lang) (*pipeline.Config, error) {
	data, err := os.ReadFile(filepath.Join(root, ConfigFile))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, errors.New(say.Text(reader, "config.none", i18n.Args{"root": root, "file": ConfigFile}))
	}
	if err != nil {
		return nil, err
	}
	return parseConfig(ConfigFile, data, reader)
}

// ParseConfig reads crieur.yml's content; name is used in findings.
func ParseConfig(name string, data []byte) (*pipeline.Config, error) {
	return parseConfig(name, data, "")
}

func parseConfig(name string, data []byte, reader i18n.Lang) (*pipeline.Config, error) {
	d := &yamlDoc{path: name, lang: reader}
	cfg := &pipeline.Config{
		Timezone:   time.UTC,
		Outbox:     "outbox",
		Journal:    DefaultJournalDir,
		Charter:    "charte.yml",
		Vocabulary: "vocabulaire.txt",
		Channels:   map[string]pipeline.ChannelConfig{},
		Brands:     map[string]pipeline.Brand{},
	}
	root := d.parse(data)
	if root == nil {
		return nil, Problems(d.findings)
	}
	if l := configLang(root); l != "" {
		d.lang = l // crieur.yml's findings speak the language it names
	}
	var defaultsNode, tzNode *yaml.Node
	var defChannelNodes []*yaml.Node
	for _, p := range d.pairs(root, ConfigFile) {
		switch p.key.Value {
		case "timezone":
			tzNode = p.val
			if s, ok := d.str(p.val, "timezone"); ok {
				loc, err := time.LoadLocation(s)
				if err != nil || s == "" || s == "Local" {
					d.said(p.val, "schema.timezone", "config.timezone.unknown", i18n.Args{"value": d.q(s)})
				} else {
					cfg.Timezone = loc
				}
			}
		case "language":
			cfg.Language = d.language(p.val)
		case "outbox":
			cfg.Outbox, _ = d.relPath(p.val, "outbox")
		case "journal":
			cfg.Journal, _ = d.relPath(p.val, "journal")
		case "charter":
			cfg.Charter, _ = d.relPath(p.val, "charter")
		case "vocabulary":
			cfg.Vocabulary, _ = d.relPath(p.val, "vocabulary")
		case "defaults":
			defaultsNode = p.val
			for _, q := range d.pairs(p.val, "defaults") {
				switch q.key.Value {
				case "channels":
					cfg.Defaults.Channels, defChannelNodes = d.strList(q.val, "defaults.channels")
				case "lang":
					if l, ok := d.str(q.val, "defaults.lang"); ok {
						cfg.Defaults.Lang = l
						if !langRE.MatchString(l) {
							d.add(q.val, "schema.lang", d.text("config.default_lang", i18n.Args{"value": d.q(l)}), d.text("lang.hint", nil))
						}
					}
				case "brand":
					cfg.Defaults.Brand, _ = d.str(q.val, "defaults.brand")
				default:
					d.unknownKey(q.key, "defaults", defaultsKeys, nil)
				}
			}
		case "channels":
			for _, q := range d.pairs(p.val, "channels") {
				d.channel(cfg, q)
			}
		case "brands":
			for _, q := range d.pairs(p.val, "brands") {
				d.brand(cfg, q)
			}
		default:
			d.unknownKey(p.key, ConfigFile, configKeys, map[string]string{"tz": "more_alias.timezone", "accounts": "alias.channels"})
		}
	}
	for name, ch := range cfg.Channels {
		if ch.Type == "outbox" && ch.Dir == "" {
			ch.Dir = filepath.ToSlash(filepath.Join(cfg.Outbox, name))
			cfg.Channels[name] = ch
		}
	}
	if tzNode == nil {
		d.said(root, "schema.timezone", "config.timezone.missing", nil)
	}
	if len(cfg.Channels) == 0 && len(d.findings) == 0 {
		d.said(root, "schema.channels", "config.no_channel", nil)
	}
	d.references(cfg, root, defaultsNode, defChannelNodes)
	if len(d.findings) > 0 {
		return nil, Problems(d.findings)
	}
	return cfg, nil
}

// references checks that the channels and brands crieur.yml names are
// declared in it: defaults.channels, each brand's channels,
// defaults.brand.
func (d *yamlDoc) references(cfg *pipeline.Config, root, defaultsNode *yaml.Node, defChannelNodes []*yaml.Node) {
	for i, name := range cfg.Defaults.Channels {
		if _, ok := cfg.Channels[name]; !ok {
			d.add(defChannelNodes[i], "schema.channel", d.text("config.default_channel", i18n.Args{"value": d.q(name)}), d.suggest(name, cfg.ChannelOrder))
		}
	}
	for _, b := range cfg.BrandOrder {
		for _, ch := range cfg.Brands[b].Channels {
			if _, ok := cfg.Channels[ch]; !ok {
				d.add(root, "schema.channel", d.text("config.brand_channel", i18n.Args{"brand": b, "value": d.q(ch)}), d.suggest(ch, cfg.ChannelOrder))
			}
		}
	}
	if cfg.Defaults.Brand != "" {
		if _, ok := cfg.Brands[cfg.Defaults.Brand]; !ok {
			d.add(defaultsNode, "schema.brand", d.text("config.default_brand", i18n.Args{"value": d.q(cfg.Defaults.Brand)}), d.suggest(cfg.Defaults.Brand, cfg.BrandOrder))
		}
	}
}

// configLang is the language crieur.yml's language: names, when it is
// one crieur speaks written as language() accepts it; "" (English) else.
func configLang(root *yaml.Node) i18n.Lang {
	if n := valueOf(root, "language"); n != nil && n.Kind == yaml.ScalarNode {
		if l, ok := i18n.Parse(n.Value); ok && string(l) == n.Value {
			return l
		}
	}
	return ""
}

// language reads the language crieur speaks to the team: one of
// i18n.Langs, as a two-letter code.
func (d *yamlDoc) language(n *yaml.Node) string {
	s, ok := d.str(n, "language")
	if !ok {
		return ""
	}
	var codes []string
	for _, l := range i18n.Langs {
		if s == string(l) {
			return s
		}
		codes = append(codes, string(l))
	}
	hint := d.text("config.language.hint", i18n.Args{"list": strings.Join(codes[:len(codes)-1], ", "), "last": codes[len(codes)-1]})
	if l, ok := i18n.Parse(s); ok {
		hint = d.text("config.language.code", i18n.Args{"code": l})
	}
	d.add(n, "schema.language", d.text("config.language.message", i18n.Args{"value": d.q(s)}), hint)
	return ""
}

// relPath reads a path that must stay inside the repository.
func (d *yamlDoc) relPath(n *yaml.Node, what string) (string, bool) {
	s, ok := d.str(n, what)
	if !ok {
		return "", false
	}
	clean := filepath.ToSlash(filepath.Clean(s))
	if filepath.IsAbs(s) || clean == ".." || strings.HasPrefix(clean, "../") {
		d.said(n, "schema.path", "config.path", i18n.Args{"what": what, "value": d.q(s)})
		return "", false
	}
	return clean, true
}

func (d *yamlDoc) channel(cfg *pipeline.Config, q pair) {
	name := q.key.Value
	if !channelNameRE.MatchString(name) {
		d.add(q.key, "schema.channel", d.text("config.channel_name", i18n.Args{"value": d.q(name)}), "")
		return
	}
	ch := pipeline.ChannelConfig{Name: name, Secrets: map[string]string{}, Options: map[string]string{}}
	var typeNode *yaml.Node
	for _, r := range d.pairs(q.val, d.text("config.where_channel", i18n.Args{"name": name})) {
		switch r.key.Value {
		case "type":
			typeNode = r.val
			ch.Type, _ = d.str(r.val, "type")
		case "network":
			ch.Network, _ = d.str(r.val, "network")
			if ch.Network != "" && !isNetwork(ch.Network) {
				d.add(r.val, "schema.network", d.text("config.network.message", i18n.Args{"value": d.q(ch.Network)}), hintOr(d.suggest(ch.Network, pipeline.NetworkNames()), d.text("config.network.known", i18n.Args{"list": strings.Join(pipeline.NetworkNames(), ", ")})))
			}
		case "account":
			ch.Account, _ = d.str(r.val, "account")
		case "dir":
			ch.Dir, _ = d.relPath(r.val, "dir")
		case "limit":
			var ok bool
			if ch.Limit, ok = d.integer(r.val, "limit"); ok && ch.Limit <= 0 {
				d.said(r.val, "schema.limit", "config.limit", i18n.Args{"limit": ch.Limit})
				ch.Limit = 0
			}
		case "secrets":
			for _, s := range d.pairs(r.val, "secrets") {
				env, ok := d.str(s.val, "secrets."+s.key.Value)
				if ok && !envNameRE.MatchString(env) {
					d.said(s.val, "schema.secret", "config.secret_value", i18n.Args{"key": s.key.Value, "env": envName(name, s.key.Value)})
					continue
				}
				if ok && isRunnerVariable(env) {
					d.said(s.val, "schema.secret", "config.secret_runner", i18n.Args{"key": s.key.Value, "env": env, "suggested": envName(name, s.key.Value)})
					continue
				}
				ch.Secrets[s.key.Value] = env
			}
		case "options":
			for _, s := range d.pairs(r.val, "options") {
				ch.Options[s.key.Value], _ = d.str(s.val, "options."+s.key.Value)
			}
		default:
			d.unknownKey(r.key, d.text("config.where_channel", i18n.Args{"name": name}), channelKeys, map[string]string{"token": d.text("config.token", i18n.Args{"env": envName(name, "token")})})
		}
	}
	switch {
	case typeNode == nil:
		d.said(q.key, "schema.channel", "config.no_type", i18n.Args{"name": name})
	case ch.Type != "outbox" && !isNetwork(ch.Type):
		d.add(typeNode, "schema.channel", d.text("config.type.message", i18n.Args{"value": d.q(ch.Type)}), hintOr(d.suggest(ch.Type, append([]string{"outbox"}, pipeline.NetworkNames()...)), d.text("config.type.known", i18n.Args{"list": strings.Join(pipeline.NetworkNames(), ", ")})))
	}
	if ch.Network == "" {
		ch.Network = ch.Type
		if ch.Type == "outbox" && isNetwork(name) {
			ch.Network = name // an outbox named mastodon stands in for Mastodon
		}
	}
	cfg.Channels[name] = ch
	cfg.ChannelOrder = append(cfg.ChannelOrder, name)
}

// isNetwork reports whether name is a network of pipeline's table.
func isNetwork(name string) bool {
	_, ok := pipeline.LookupNetwork(name)
	return ok
}

var envNameRE = regexp.MustCompile(`^[A-Z_][A-Z0-9_]*$`)

// envName proposes a variable name for a channel's secret: the token of
// channel social is SOCIAL_TOKEN.
// isRunnerVariable reports whether name is one of the variables GitHub's
// runner gives a job (GITHUB_TOKEN, GITHUB_*, ACTIONS_*, RUNNER_*, CI):
// never a channel's secret, since a channel sends its secrets to its
// network's server, which crieur.yml chooses.
func isRunnerVariable(name string) bool {
	up := strings.ToUpper(name)
	for _, p := range []string{"GITHUB_", "ACTIONS_", "RUNNER_"} {
		if strings.HasPrefix(up, p) {
			return true
		}
	}
	return up == "CI" || up == "GH_TOKEN"
}

func envName(channel, secret string) string {
	return strings.ToUpper(regexp.MustCompile(`[^A-Za-z0-9]+`).ReplaceAllString(channel+"_"+secret, "_"))
}

func (d *yamlDoc) brand(cfg *pipeline.Config, q pair) {
	b := pipeline.Brand{Name: q.key.Value}
	where := d.text("config.where_brand", i18n.Args{"name": b.Name})
	for _, r := range d.pairs(q.val, where) {
		switch r.key.Value {
		case "name":
			b.Title, _ = d.str(r.val, "name")
		case "charter":
			b.Charter, _ = d.relPath(r.val, "charter")
		case "vocabulary":
			b.Vocabulary, _ = d.relPath(r.val, "vocabulary")
		case "channels":
			b.Channels, _ = d.strList(r.val, "channels")
		default:
			d.unknownKey(r.key, where, brandKeys, nil)
		}
	}
	cfg.Brands[b.Name] = b
	cfg.BrandOrder = append(cfg.BrandOrder, b.Name)
}

func hintOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// TeamLanguage is the language crieur.yml's language: names in the
// content repository that holds dir, else reader: what a command says
// before it opens the repository (its usage errors, its help) is said
// in the team's language too.
func TeamLanguage(dir string, reader i18n.Lang) i18n.Lang {
	data, err := os.ReadFile(filepath.Join(FindRoot(dir), ConfigFile))
	if err != nil {
		return reader
	}
	var root yaml.Node
	if yaml.Unmarshal(data, &root) != nil || len(root.Content) == 0 {
		return reader
	}
	return cmp.Or(configLang(root.Content[0]), reader)
}
