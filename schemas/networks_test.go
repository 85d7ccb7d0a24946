package schemas_test

import (
	"encoding/json"
	"slices"
	"testing"

	"github.com/crieur/crieur/pipeline"
	"github.com/crieur/crieur/schemas"
)

// TestSchemasNameTheNetworksOfTheTable holds crieur.yml's schema to
// pipeline's table of networks: the network enum is the table's names, in
// its order, and the channel type enum is outbox and the same names.
func TestSchemasNameTheNetworksOfTheTable(t *testing.T) {
	data, err := schemas.FS.ReadFile(schemas.Config)
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Defs struct {
			Network struct {
				Enum []string `json:"enum"`
			} `json:"network"`
			Channel struct {
				Properties struct {
					Type struct {
						Enum []string `json:"enum"`
					} `json:"type"`
				} `json:"properties"`
			} `json:"channel"`
		} `json:"$defs"`
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatalf("%s: %v", schemas.Config, err)
	}
	names := pipeline.NetworkNames()
	if got := doc.Defs.Network.Enum; !slices.Equal(got, names) {
		t.Errorf("%s: $defs.network.enum = %q, want pipeline's table: %q", schemas.Config, got, names)
	}
	types := append([]string{"outbox"}, names...)
	if got := doc.Defs.Channel.Properties.Type.Enum; !slices.Equal(got, types) {
		t.Errorf("%s: $defs.channel.properties.type.enum = %q, want outbox and pipeline's table: %q", schemas.Config, got, types)
	}
}
