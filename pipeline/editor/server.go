package editor

import (
	"context"
	"fmt"
	"io"
	"time"

	"github.com/sourcegraph/jsonrpc2"
	"github.com/tliron/glsp"
	protocol "github.com/tliron/glsp/protocol_3_16"
)

// Options are what crieur lsp is given.
type Options struct {
	Dir    string              // the folder crieur.yml is in, or below it
	Getenv func(string) string // the environment: the reader's language
	Now    func() time.Time    // the clock posts are judged at
	// Delay is how long the server waits after the last change before it
	// checks a document again (150 ms when 0).
	Delay time.Duration
}

// Serve runs the language server, reading the client's messages from in
// and writing to out, until the client exits or ctx is done.
func Serve(ctx context.Context, in io.Reader, out io.Writer, o Options) error {
	s := newSession(o)
	rw := stream{in, out}
	ready := make(chan struct{})
	handle := func(ctx context.Context, conn *jsonrpc2.Conn, req *jsonrpc2.Request) (any, error) {
		<-ready // s.notify is set
		return s.handle(ctx, conn, req)
	}
	conn := jsonrpc2.NewConn(ctx, jsonrpc2.NewBufferedStream(rw, jsonrpc2.VSCodeObjectCodec{}), jsonrpc2.HandlerWithError(handle))
	s.notify = func(method string, params any) {
		_ = conn.Notify(ctx, method, params) // a client gone is seen by DisconnectNotify
	}
	s.call = func(method string, params, result any) error {
		ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
		defer cancel()
		return conn.Call(ctx, method, params, result)
	}
	close(ready)
	select {
	case <-conn.DisconnectNotify():
	case <-ctx.Done():
		conn.Close()
	}
	s.stop()
	return nil
}

// handle hands one JSON-RPC message to glsp's protocol handler and
// says its errors in JSON-RPC's codes.
func (s *Session) handle(ctx context.Context, conn *jsonrpc2.Conn, req *jsonrpc2.Request) (any, error) {
	gc := &glsp.Context{Method: req.Method, Notify: s.notify}
	if req.Params != nil {
		gc.Params = *req.Params
	}
	r, validMethod, validParams, err := s.protocol.Handle(gc)
	if req.Method == protocol.MethodExit {
		return nil, conn.Close()
	}
	switch {
	case !validMethod:
		return nil, &jsonrpc2.Error{Code: jsonrpc2.CodeMethodNotFound, Message: fmt.Sprintf("crieur lsp does not handle %s", req.Method)}
	case !validParams:
		msg := "invalid parameters"
		if err != nil {
			msg = err.Error()
		}
		return nil, &jsonrpc2.Error{Code: jsonrpc2.CodeInvalidParams, Message: msg}
	case err != nil:
		return nil, &jsonrpc2.Error{Code: jsonrpc2.CodeInvalidRequest, Message: err.Error()}
	}
	return r, nil
}

// stream is the client's two ends as one; closing it closes what can be.
type stream struct {
	io.Reader
	io.Writer
}

func (s stream) Close() error {
	if c, ok := s.Writer.(io.Closer); ok {
		return c.Close()
	}
	return nil
}
