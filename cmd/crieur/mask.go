package main

import (
	"bytes"
	"io"
	"sync"

	"github.com/crieur/crieur/pipeline"
)

// secretMask holds the secret values a command read, for maskedLines.
type secretMask struct {
	mu sync.RWMutex
	m  *pipeline.Masker
}

func (s *secretMask) add(secrets []string) {
	if len(secrets) == 0 {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.m == nil {
		s.m = pipeline.NewMasker()
	}
	s.m.Add(secrets...)
}

func (s *secretMask) mask(b []byte) []byte {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if s.m == nil {
		return b
	}
	return []byte(s.m.Mask(string(b)))
}

// maskedLines writes whole lines to w with every form of the secrets
// masked (pipeline.Masker); Flush writes what is left of the last line.
// A line is the unit: a secret is never cut by two writes.
type maskedLines struct {
	mu      sync.Mutex
	w       io.Writer
	secrets *secretMask
	line    []byte
}

func (l *maskedLines) Write(b []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	n := len(b)
	for len(b) > 0 {
		i := bytes.IndexByte(b, '\n')
		if i < 0 {
			l.line = append(l.line, b...)
			return n, nil
		}
		l.line = append(l.line, b[:i+1]...)
		b = b[i+1:]
		if err := l.flush(); err != nil {
			return n - len(b), err
		}
	}
	return n, nil
}

// Flush writes the last line, which has no newline yet.
func (l *maskedLines) Flush() error {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.flush()
}

func (l *maskedLines) flush() error {
	if len(l.line) == 0 {
		return nil
	}
	_, err := l.w.Write(l.secrets.mask(l.line))
	l.line = l.line[:0]
	return err
}
