package github

import (
	"bytes"
	"io"
	"sync"
)

// zwsp is the character put inside text that would read as a workflow
// command: U+200B ZERO WIDTH SPACE, invisible in the log, and not white
// space for the runner, which trims a line's leading white space before
// it looks for "::".
const zwsp = "\u200b"

// Plain is a writer for the text crieur prints in Actions besides its own
// workflow commands: a line that would be read as a workflow command
// (starting, after white space, with "::", or holding the older "##["
// form) is written with an invisible character in it, so that nothing
// user-controlled (a file name with a newline, a post's text, a network's
// message) can annotate, mask, set an output or stop the log's commands.
// It writes whole lines; Flush writes what is left of the last one.
type Plain struct {
	mu   sync.Mutex
	w    io.Writer
	line []byte
}

// NewPlain escapes what is written to w.
func NewPlain(w io.Writer) *Plain { return &Plain{w: w} }

func (p *Plain) Write(b []byte) (int, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	n := len(b)
	for len(b) > 0 {
		i := bytes.IndexByte(b, '\n')
		if i < 0 {
			p.line = append(p.line, b...)
			return n, nil
		}
		p.line = append(p.line, b[:i+1]...)
		b = b[i+1:]
		if err := p.flush(); err != nil {
			return n - len(b), err
		}
	}
	return n, nil
}

// Flush writes the last line, which has no newline yet.
func (p *Plain) Flush() error {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.flush()
}

func (p *Plain) flush() error {
	if len(p.line) == 0 {
		return nil
	}
	_, err := p.w.Write(Neutral(p.line))
	p.line = p.line[:0]
	return err
}

// Neutral returns one line of text with what would make it a workflow
// command broken by an invisible character.
func Neutral(line []byte) []byte {
	out := bytes.ReplaceAll(line, []byte("##["), []byte("##"+zwsp+"["))
	if trimmed := bytes.TrimLeft(out, " \t\r\v\f"); bytes.HasPrefix(trimmed, []byte("::")) {
		at := len(out) - len(trimmed)
		out = append(out[:at:at], append([]byte(zwsp), trimmed...)...)
	}
	return out
}
