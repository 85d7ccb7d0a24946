package pipeline

import (
	"strings"
	"testing"
)

func TestChannelSecret(t *testing.T) {
	cc := ChannelConfig{Name: "annonces", Secrets: map[string]string{"bot_token": "TELEGRAM_TOKEN"}}
	if v, err := cc.Secret(map[string]string{"bot_token": " 123:abc \n"}, "bot_token"); err != nil || v != "123:abc" {
		t.Errorf("Secret = %q, %v", v, err)
	}
	if _, err := cc.Secret(nil, "bot_token"); err == nil || err.Error() != `secret "bot_token" is empty: set the environment variable TELEGRAM_TOKEN (crieur.yml: channels.annonces.secrets.bot_token); in GitHub, create the repository secret TELEGRAM_TOKEN and check that the publish workflow passes it: crieur doctor says, crieur init --force rewrites the workflow` {
		t.Errorf("empty: %v", err)
	}
	if _, err := cc.Secret(nil, "webhook_url"); err == nil || !strings.Contains(err.Error(), "add channels.annonces.secrets.webhook_url: <ENVIRONMENT_VARIABLE> to crieur.yml") {
		t.Errorf("not configured: %v", err)
	}
}
