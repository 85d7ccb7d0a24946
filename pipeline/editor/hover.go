package editor

import (
	"github.com/tliron/glsp"
	protocol "github.com/tliron/glsp/protocol_3_16"
)

func (s *Session) hover(_ *glsp.Context, p *protocol.HoverParams) (*protocol.Hover, error) {
	return nil, nil
}
