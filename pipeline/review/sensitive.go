package review

import (
	"fmt"
	"path"
	"sort"
	"strings"

	"github.com/crieur/crieur/pipeline"
	"github.com/crieur/crieur/pipeline/content"
	"github.com/crieur/crieur/pipeline/i18n"
)

// Sensitive is a file a pull request changes that decides where crieur
// sends the channels' secrets or what runs with them: crieur.yml (the
// channels, their servers, the variables they read), a charter (what lint
// lets through) or a workflow. Its path is from the git root.
type Sensitive struct {
	Path string
	Why  string // workflow, config or charter: the catalog's sensitive.Why
}

// SensitiveFiles picks, among a pull request's files, those the
// reviewers must read as code rather than as content.
func SensitiveFiles(repo *content.Repo, files []ChangedFile, prefix string) []Sensitive {
	charters := map[string]bool{}
	if repo.Config.Charter != "" {
		charters[path.Clean(repo.Config.Charter)] = true
	}
	for _, b := range repo.Config.Brands {
		if b.Charter != "" {
			charters[path.Clean(b.Charter)] = true
		}
	}
	var out []Sensitive
	for _, f := range files {
		rel, inContent := strings.CutPrefix(f.Path, prefix)
		switch {
		case strings.HasPrefix(f.Path, ".github/workflows/"), f.Path == "action.yml":
			out = append(out, Sensitive{f.Path, "workflow"})
		case inContent && rel == content.ConfigFile:
			out = append(out, Sensitive{f.Path, "config"})
		case inContent && charters[path.Clean(rel)]:
			out = append(out, Sensitive{f.Path, "charter"})
		}
	}
	return out
}

// Recipient is a channel that receives secrets, and where it sends them.
type Recipient struct {
	Channel, Type, To string
	Variables         []string
}

// Recipients are the channels of crieur.yml that read secrets, with the
// server each sends them to ("" when the server's address is itself a
// secret, as a webhook's; redacted past its host when it may hold one,
// pipeline.RedactURL), in crieur.yml's order.
func Recipients(cfg *pipeline.Config) []Recipient {
	var out []Recipient
	for _, name := range cfg.ChannelOrder {
		cc := cfg.Channels[name]
		if len(cc.Secrets) == 0 {
			continue
		}
		r := Recipient{Channel: name, Type: cc.Type}
		for _, key := range []string{"server", "api", "url", "find_url", "retract_url"} {
			if v := cc.Options[key]; v != "" {
				r.To = pipeline.RedactURL(v) // an address in options may still hold a key
				break
			}
		}
		for _, env := range cc.Secrets {
			r.Variables = append(r.Variables, env)
		}
		sort.Strings(r.Variables)
		out = append(out, r)
	}
	return out
}

// writeSensitive warns the reviewers about the sensitive files and says
// which channel will receive which secret once the pull request is in.
func writeSensitive(b *strings.Builder, in Input) {
	if len(in.Sensitive) == 0 {
		return
	}
	l := in.Language
	fmt.Fprintf(b, "> [!CAUTION]\n> %s\n>\n", say.Text(l, "sensitive.caution", nil))
	for _, s := range in.Sensitive {
		fmt.Fprintf(b, "> - %s\n", say.Text(l, "sensitive.item", i18n.Args{"path": s.Path, "why": say.Text(l, "sensitive."+s.Why, nil)}))
	}
	rs := Recipients(in.Repo.Config)
	if len(rs) == 0 {
		b.WriteString("\n")
		return
	}
	fmt.Fprintf(b, ">\n> %s\n>\n> %s\n> | --- | --- | --- | --- |\n", say.Text(l, "sensitive.recipients", nil), say.Text(l, "sensitive.columns", nil))
	for _, r := range rs {
		to := r.To
		if to == "" {
			to = say.Text(l, "sensitive.own_address", nil)
		}
		fmt.Fprintf(b, "> | %s | %s | %s | `%s` |\n", r.Channel, r.Type, strings.ReplaceAll(to, "|", "\\|"), strings.Join(r.Variables, "`, `"))
	}
	b.WriteString("\n")
}
