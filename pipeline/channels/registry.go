// Package channels is the one registry of channel types: it builds the
// adapter for a channel of crieur.yml. Each adapter lives in its own
// package under pipeline/channels/<type> and knows nothing of the others.
//
// Rule of the room: imports pipeline, every adapter and what they share
// (pipeline/channels/...), besides the standard library; no other room
// imports an adapter but cmd/crieur. internal/archtest checks the
// imports.
package channels

import (
	"fmt"
	"net/http"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/crieur/crieur/pipeline"
	"github.com/crieur/crieur/pipeline/channels/bluesky"
	"github.com/crieur/crieur/pipeline/channels/discord"
	"github.com/crieur/crieur/pipeline/channels/facebook"
	"github.com/crieur/crieur/pipeline/channels/instagram"
	"github.com/crieur/crieur/pipeline/channels/linkedin"
	"github.com/crieur/crieur/pipeline/channels/mastodon"
	"github.com/crieur/crieur/pipeline/channels/outbox"
	"github.com/crieur/crieur/pipeline/channels/slack"
	"github.com/crieur/crieur/pipeline/channels/telegram"
	"github.com/crieur/crieur/pipeline/channels/threads"
	"github.com/crieur/crieur/pipeline/channels/webhook"
	"github.com/crieur/crieur/pipeline/channels/x"
)

// Types lists the channel types this build can publish to.
func Types() []string {
	t := make([]string, 0, len(openers))
	for k := range openers {
		t = append(t, k)
	}
	sort.Strings(t)
	return t
}

// opener builds a channel from its configuration and its secrets (read
// from the environment variables the configuration names).
type opener func(cc pipeline.ChannelConfig, o Options, secrets map[string]string) (pipeline.Channel, error)

// Options are what every adapter may need from the run.
type Options struct {
	Root   string              // the content root
	Getenv func(string) string // the environment
	Now    func() time.Time    // the clock of local channels (the run's --now)
}

var openers = map[string]opener{
	"outbox": func(cc pipeline.ChannelConfig, o Options, _ map[string]string) (pipeline.Channel, error) {
		return &outbox.Client{Dir: filepath.Join(o.Root, filepath.FromSlash(cc.Dir)), RelDir: cc.Dir, Channel: cc.Name, Now: o.Now}, nil
	},
	"mastodon":  adapter(mastodon.FromConfig),
	"bluesky":   adapter(bluesky.FromConfig),
	"x":         adapter(x.FromConfig),
	"linkedin":  adapter(linkedin.FromConfig),
	"facebook":  adapter(facebook.FromConfig),
	"instagram": adapter(instagram.FromConfig),
	"threads":   adapter(threads.FromConfig),
	"telegram":  adapter(telegram.FromConfig),
	"discord":   adapter(discord.FromConfig),
	"slack":     adapter(slack.FromConfig),
	"webhook":   adapter(webhookWithAbilities),
}

// webhookWithAbilities hides what a webhook's receiver cannot do: without
// find_url it cannot be asked whether a delivery went out (an interrupted
// run is then left for a human, as for any network that cannot tell), and
// without retract_url it cannot take a post down.
func webhookWithAbilities(cc pipeline.ChannelConfig, secrets map[string]string, hc *http.Client) (pipeline.Channel, error) {
	c, err := webhook.FromConfig(cc, secrets, hc)
	if err != nil {
		return nil, err
	}
	switch {
	case c.CanFind() && c.CanRetract():
		return c, nil
	case c.CanFind():
		return struct {
			pipeline.Channel
			pipeline.Finder
		}{c, c}, nil
	case c.CanRetract():
		return struct {
			pipeline.Channel
			pipeline.Retracter
		}{c, c}, nil
	}
	return struct{ pipeline.Channel }{c}, nil
}

// adapter makes an opener of a network adapter's constructor. Every
// adapter gets the same HTTP client: the publisher's context bounds each
// call; this timeout only bounds a stuck connection.
func adapter[C pipeline.Channel](from func(pipeline.ChannelConfig, map[string]string, *http.Client) (C, error)) opener {
	return func(cc pipeline.ChannelConfig, _ Options, secrets map[string]string) (pipeline.Channel, error) {
		c, err := from(cc, secrets, httpClient)
		if err != nil {
			return nil, err
		}
		return c, nil
	}
}

var httpClient = &http.Client{Timeout: 2 * time.Minute}

// Open builds the channel. It returns the secret values it read, so that
// the caller can mask them in every output. Variables that are not set
// are left out: an adapter that needs a secret says which variable is
// missing, never a value.
func Open(cc pipeline.ChannelConfig, o Options) (pipeline.Channel, []string, error) {
	open, ok := openers[cc.Type]
	if !ok {
		return nil, nil, fmt.Errorf("channel %s: this build of crieur cannot publish to %s yet (types: %v)", cc.Name, cc.Type, Types())
	}
	secrets := map[string]string{}
	var values []string
	for name, env := range cc.Secrets {
		v := o.Getenv(env)
		if v != "" {
			secrets[name] = v
			values = append(values, v)
		}
	}
	ch, err := open(cc, o, secrets)
	if err != nil {
		if strings.Contains(err.Error(), "channel "+cc.Name+":") {
			return nil, values, err // the adapter named it already
		}
		return nil, values, fmt.Errorf("channel %s: %w", cc.Name, err)
	}
	return ch, values, nil
}

// outboxNoMetrics is why the outbox, a channel type and not a network,
// has no metrics; pipeline's table of networks says it for the others.
const outboxNoMetrics = "the outbox writes files on disk: nobody reads them there"

// WhyNoMetrics says why a channel type has no metrics, or "" when its
// adapter can read them: crieur metrics prints it instead of a silent gap.
func WhyNoMetrics(channelType string) string {
	if channelType == "outbox" {
		return outboxNoMetrics
	}
	n, _ := pipeline.LookupNetwork(channelType)
	return n.NoMetrics
}
