// Package channels is the one registry of channel types: it builds the
// adapter for a channel of crieur.yml. Each adapter lives in its own
// package under pipeline/channels/<type> and knows nothing of the others.
package channels

import (
	"fmt"
	"path/filepath"
	"sort"
	"time"

	"github.com/crieur/crieur/pipeline"
	"github.com/crieur/crieur/pipeline/channels/outbox"
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
}

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
		return nil, values, fmt.Errorf("channel %s: %w", cc.Name, err)
	}
	return ch, values, nil
}
