package channels

import (
	"context"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
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

func env(vars map[string]string) (func(string) string, *[]string) {
	var asked []string
	return func(k string) string {
		asked = append(asked, k)
		return vars[k]
	}, &asked
}

func TestTypes(t *testing.T) {
	types := Types()
	if !sort.StringsAreSorted(types) {
		t.Errorf("Types() = %v, not sorted", types)
	}
	found := false
	for _, ty := range types {
		found = found || ty == "outbox"
		if _, known := pipeline.LookupNetwork(ty); ty != "outbox" && !known {
			t.Errorf("type %q is neither outbox nor a network of pipeline's table", ty)
		}
	}
	if !found {
		t.Errorf("Types() = %v, want outbox among them", types)
	}
}

// The registry and pipeline's table of networks name the same networks:
// every network has an opener, and every opener but the outbox's is a
// network of the table.
func TestEveryNetworkHasAnOpener(t *testing.T) {
	for _, n := range pipeline.NetworkNames() {
		if _, ok := openers[n]; !ok {
			t.Errorf("network %q of pipeline's table has no opener", n)
		}
	}
	for ty := range openers {
		if _, known := pipeline.LookupNetwork(ty); ty != "outbox" && !known {
			t.Errorf("opener %q is neither outbox nor a network of pipeline's table", ty)
		}
	}
	if _, known := pipeline.LookupNetwork("outbox"); known {
		t.Error("outbox is a channel type, not a network of the table")
	}
}

func TestOpenOutbox(t *testing.T) {
	root := t.TempDir()
	now := time.Date(2026, 12, 1, 9, 30, 0, 0, time.UTC)
	getenv, _ := env(nil)
	cc := pipeline.ChannelConfig{Name: "mastodon", Type: "outbox", Network: "mastodon", Dir: "outbox/mastodon"}
	ch, secrets, err := Open(cc, Options{Root: root, Getenv: getenv, Now: func() time.Time { return now }})
	if err != nil {
		t.Fatal(err)
	}
	if len(secrets) != 0 {
		t.Errorf("secrets = %v, want none", secrets)
	}
	c, ok := ch.(*outbox.Client)
	if !ok {
		t.Fatalf("Open returned %T, want *outbox.Client", ch)
	}
	if c.Dir != filepath.Join(root, "outbox", "mastodon") || c.RelDir != "outbox/mastodon" || c.Channel != "mastodon" {
		t.Errorf("client = %+v", c)
	}
	r, err := ch.Publish(context.Background(), pipeline.Message{Key: "0123456789abcdef01234567", Post: "posts/a.md", Parts: []string{"Bonjour"}})
	if err != nil {
		t.Fatal(err)
	}
	if !r.At.Equal(now) {
		t.Errorf("the outbox dates with %v, want the run's clock %v", r.At, now)
	}
	if _, err := os.Stat(filepath.Join(root, "outbox", "mastodon", "0123456789abcdef01234567.json")); err != nil {
		t.Errorf("outbox file not under the root: %v", err)
	}
	if _, ok := ch.(pipeline.Finder); !ok {
		t.Error("the outbox is not a Finder")
	}
	if _, ok := ch.(pipeline.Retracter); !ok {
		t.Error("the outbox is not a Retracter")
	}
}

func TestOpenUnknownType(t *testing.T) {
	const secret = "tok-9f8e7d6c5b4a"
	getenv, _ := env(map[string]string{"MYSPACE_TOKEN": secret})
	cc := pipeline.ChannelConfig{Name: "vieux", Type: "myspace", Secrets: map[string]string{"token": "MYSPACE_TOKEN"}}
	ch, _, err := Open(cc, Options{Root: t.TempDir(), Getenv: getenv})
	if err == nil {
		t.Fatalf("Open of an unknown type returned %T and no error", ch)
	}
	msg := err.Error()
	for _, want := range []string{"vieux", "myspace", "outbox"} {
		if !strings.Contains(msg, want) {
			t.Errorf("error %q does not name %q", msg, want)
		}
	}
	if strings.Contains(msg, secret) {
		t.Errorf("error %q shows the secret", msg)
	}
	if ch != nil {
		t.Errorf("channel = %v, want nil", ch)
	}
}

func TestOpenReadsSecrets(t *testing.T) {
	getenv, asked := env(map[string]string{"MASTODON_TOKEN": "tok-123456", "MASTODON_SECRET": "sec-abcdef", "OTHER": "not mine"})
	cc := pipeline.ChannelConfig{Name: "mastodon", Type: "outbox", Dir: "outbox/mastodon",
		Secrets: map[string]string{"token": "MASTODON_TOKEN", "secret": "MASTODON_SECRET", "unset": "MASTODON_UNSET"}}
	_, values, err := Open(cc, Options{Root: t.TempDir(), Getenv: getenv})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(values)
	if strings.Join(values, ",") != "sec-abcdef,tok-123456" {
		t.Errorf("secret values = %v, want the two set ones for masking", values)
	}
	sort.Strings(*asked)
	if strings.Join(*asked, ",") != "MASTODON_SECRET,MASTODON_TOKEN,MASTODON_UNSET" {
		t.Errorf("environment read: %v, want exactly the variables crieur.yml names", *asked)
	}
}

// Every channel type either reads its metrics or says why it cannot:
// crieur metrics never skips a channel silently.
func TestEveryTypeMeasuresOrSaysWhy(t *testing.T) {
	clients := map[string]pipeline.Channel{
		"outbox": (*outbox.Client)(nil), "mastodon": (*mastodon.Client)(nil), "bluesky": (*bluesky.Client)(nil),
		"x": (*x.Client)(nil), "linkedin": (*linkedin.Client)(nil), "facebook": (*facebook.Client)(nil),
		"instagram": (*instagram.Client)(nil), "threads": (*threads.Client)(nil), "telegram": (*telegram.Client)(nil),
		"discord": (*discord.Client)(nil), "slack": (*slack.Client)(nil), "webhook": (*webhook.Client)(nil),
	}
	for _, ty := range Types() {
		c, ok := clients[ty]
		if !ok {
			t.Errorf("type %s: add its client to this test", ty)
			continue
		}
		_, meters := c.(pipeline.Meter)
		why := WhyNoMetrics(ty)
		switch {
		case meters && why != "":
			t.Errorf("%s reads metrics but WhyNoMetrics says %q", ty, why)
		case !meters && why == "":
			t.Errorf("%s reads no metrics and WhyNoMetrics does not say why", ty)
		}
	}
}
