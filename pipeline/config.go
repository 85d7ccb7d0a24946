package pipeline

import (
	"fmt"
	"strings"
	"time"
)

// Config is a content repository's crieur.yml.
type Config struct {
	Timezone   *time.Location
	Language   string // the team's: fr, en or nl (pipeline/i18n), "" to follow the environment
	Outbox     string // folder of the outbox channels, relative to the content root
	Journal    string // folder of the journal, relative to the content root
	Charter    string // charter file when there are no brands
	Vocabulary string // accepted words when there are no brands
	Defaults   Defaults
	Channels   map[string]ChannelConfig
	Brands     map[string]Brand
	// Order of channels and brands as written, for stable output.
	ChannelOrder []string
	BrandOrder   []string
}

// Defaults apply to a post that does not say otherwise.
type Defaults struct {
	Channels []string
	Lang     string
	Brand    string
}

// ChannelConfig is one account on one network.
type ChannelConfig struct {
	Name    string
	Type    string            // the adapter: outbox, mastodon, bluesky…
	Network string            // whose rules apply (length, images); Type unless an outbox stands in for a network
	Account string            // shown in previews and the journal
	Dir     string            // outbox: where publications are written
	Limit   int               // overrides the network's length limit (a Mastodon server with 1000)
	Secrets map[string]string // secret name -> environment variable that holds it
	Options map[string]string // adapter settings that are not secret (server URL…)
}

// Brand is one brand of an agency: its charter, vocabulary and channels.
type Brand struct {
	Name string // the key under brands:, which posts write in brand:
	// Title is the brand's name as its clients read it ("La Verrière"),
	// shown in reports; "" is Name.
	Title      string
	Charter    string
	Vocabulary string
	Channels   []string
}

// ChannelsFor returns the channels a post may use under a brand: the
// brand's list, or every channel when the brand has none.
func (c *Config) ChannelsFor(brand string) []string {
	if b, ok := c.Brands[brand]; ok && len(b.Channels) > 0 {
		return b.Channels
	}
	return c.ChannelOrder
}

// Secret returns the value of one of the channel's secrets, read from the
// environment variable crieur.yml names (secrets holds the values by
// name). Its errors say which key to add or which variable to set, never
// a value.
func (cc ChannelConfig) Secret(secrets map[string]string, name string) (string, error) {
	env := cc.Secrets[name]
	if env == "" {
		return "", fmt.Errorf("secret %q is not configured: add channels.%s.secrets.%s: <ENVIRONMENT_VARIABLE> to crieur.yml", name, cc.Name, name)
	}
	v := strings.TrimSpace(secrets[name])
	if v == "" {
		return "", fmt.Errorf("secret %q is empty: set the environment variable %s (crieur.yml: channels.%s.secrets.%s); in GitHub, create the repository secret %s and check that the publish workflow passes it: crieur doctor says, crieur init --force rewrites the workflow", name, env, cc.Name, name, env)
	}
	return v, nil
}
