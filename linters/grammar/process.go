package grammar

import (
	"bufio"
	"bytes"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"time"
)

// driver is crieur's own Python program that keeps Grammalecte loaded
// and answers one JSON line per request (driver.py says its protocol).
//
//go:embed driver.py
var driver string

// Process is Grammalecte kept running between checks (crieur lsp): the
// driver, run by the Python of grammalecte-cli's first line, loads the
// French checker once (1 to 2 s) and then checks a post in milliseconds.
// It starts at the first check; a request that gets no answer within
// Timeout, or a driver that died, costs it a restart and one more try
// (Log says so). Close stops it; the driver also stops by itself when
// its standard input ends, so it does not outlive crieur. Its methods
// may be called from several goroutines: requests go one at a time.
type Process struct {
	Command string        // grammalecte-cli unless given
	Timeout time.Duration // per request, 10 s when 0 (starting: 30 s more)
	Log     func(string)  // says restarts; nothing when nil

	mu   sync.Mutex // one request at a time
	next int        // the last request's id

	state   sync.Mutex // Close does not wait for a request to end
	running *driverRun // nil: not started, or stopped
	closed  bool
}

// driverRun is one run of the driver.
type driverRun struct {
	cmd     *exec.Cmd
	stdin   io.WriteCloser
	answers chan []byte // its output, line by line; closed when it ends
	stderr  *syncBuffer
	killed  sync.Once
}

// request and response are the driver's JSON lines.
type request struct {
	ID         int      `json:"id"`
	Paragraphs []string `json:"paragraphs"`
}

type response struct {
	ID    int    `json:"id"`
	Ready string `json:"ready"`
	Error string `json:"error"`
	answer
}

// errClosed is a request to a closed Process.
var errClosed = errors.New("Grammalecte was stopped")

// chunk is how many paragraphs one request holds at most: Timeout is
// for one request, and a lint of a whole calendar is thousands.
const chunk = 100

// check has Grammalecte check paragraphs (each a line of text) and
// answers as grammalecte-cli -j -owe would for a file of those lines.
func (p *Process) check(paragraphs []string) (*answer, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	all := &answer{}
	for from := 0; from < len(paragraphs); from += chunk {
		ans, err := p.checkChunk(paragraphs[from:min(from+chunk, len(paragraphs))])
		if err != nil {
			return nil, err
		}
		for _, d := range ans.Data {
			d.Paragraph += from
			all.Data = append(all.Data, d)
		}
	}
	return all, nil
}

// checkChunk sends one request, and again to a new driver if the first
// did not answer.
func (p *Process) checkChunk(paragraphs []string) (*answer, error) {
	ans, err := p.try(paragraphs)
	if err == nil {
		return ans, nil
	}
	var re *runError
	if errors.As(err, &re) && re.why == "missing" || errors.Is(err, errClosed) || p.isClosed() {
		return nil, err
	}
	p.stop()
	p.log(fmt.Sprintf("Grammalecte restarted: %v", err))
	return p.try(paragraphs)
}

// try starts the driver if it is not running and sends it one request.
func (p *Process) try(paragraphs []string) (*answer, error) {
	timeout := p.Timeout
	if timeout == 0 {
		timeout = 10 * time.Second
	}
	r, err := p.current(timeout)
	if err != nil {
		return nil, err
	}
	p.next++
	line, err := json.Marshal(request{ID: p.next, Paragraphs: paragraphs})
	if err != nil {
		return nil, err
	}
	if _, err := r.stdin.Write(append(line, '\n')); err != nil {
		return nil, r.failure(err.Error())
	}
	for {
		resp, err := r.read(timeout)
		if err != nil {
			return nil, err
		}
		switch {
		case resp.ID != p.next:
			continue // the late answer to a request given up on
		case resp.Error != "":
			return nil, &runError{why: "failed", command: p.command(), detail: resp.Error}
		}
		return &resp.answer, nil
	}
}

// current is the running driver, started if none runs.
func (p *Process) current(timeout time.Duration) (*driverRun, error) {
	p.state.Lock()
	r, closed := p.running, p.closed
	p.state.Unlock()
	switch {
	case closed:
		return nil, errClosed
	case r != nil:
		return r, nil
	}
	return p.start(timeout + 30*time.Second)
}

// read waits for the driver's next line.
func (r *driverRun) read(timeout time.Duration) (*response, error) {
	timer := time.NewTimer(timeout)
	defer timer.Stop()
	select {
	case line, ok := <-r.answers:
		if !ok { // it ended, or closed its output
			r.kill()
			return nil, r.failure(fmt.Sprintf("it stopped (%s)", r.cmd.ProcessState))
		}
		var resp response
		if err := json.Unmarshal(line, &resp); err != nil {
			return nil, &runError{why: "unreadable", command: r.cmd.Path, detail: err.Error()}
		}
		return &resp, nil
	case <-timer.C:
		return nil, r.failure(fmt.Sprintf("no answer within %s", timeout))
	}
}

// failure is why the driver failed, with what it wrote on its error
// output.
func (r *driverRun) failure(why string) error {
	detail := why
	if s := strings.TrimSpace(r.stderr.String()); s != "" {
		lines := strings.Split(s, "\n")
		detail += ": " + lines[len(lines)-1]
	}
	return &runError{why: "failed", command: r.cmd.Path, detail: detail}
}

func (p *Process) command() string {
	if p.Command == "" {
		return "grammalecte-cli"
	}
	return p.Command
}

func (p *Process) log(s string) {
	if p.Log != nil {
		p.Log(s)
	}
}

// start runs the driver and waits for it to have loaded Grammalecte.
func (p *Process) start(timeout time.Duration) (*driverRun, error) {
	path, err := exec.LookPath(p.command())
	if err != nil {
		return nil, &runError{why: "missing", command: p.command()}
	}
	python, err := interpreter(path)
	if err != nil {
		return nil, &runError{why: "exec", command: p.command(), detail: err.Error()}
	}
	cmd := exec.Command(python[0], append(python[1:], "-c", driver)...)
	// Python puts the current folder first in its path, as it puts
	// grammalecte-cli's when it runs it: the same modules are found.
	cmd.Dir = filepath.Dir(path)
	cmd.WaitDelay = time.Second
	r := &driverRun{cmd: cmd, answers: make(chan []byte, 1), stderr: &syncBuffer{}}
	cmd.Stderr = r.stderr
	if r.stdin, err = cmd.StdinPipe(); err != nil {
		return nil, err
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, &runError{why: "exec", command: p.command(), detail: err.Error()}
	}
	go r.lines(stdout)
	p.state.Lock()
	closed := p.closed
	if !closed {
		p.running = r // from now on, Close ends it
	}
	p.state.Unlock()
	if closed {
		r.kill()
		return nil, errClosed
	}
	if _, err := r.read(timeout); err != nil {
		p.stop()
		return nil, err
	}
	return r, nil
}

// lines hands the driver's output to answers, line by line.
func (r *driverRun) lines(stdout io.Reader) {
	sc := bufio.NewScanner(stdout)
	sc.Buffer(make([]byte, 64*1024), 64*1024*1024)
	for sc.Scan() {
		r.answers <- bytes.Clone(sc.Bytes())
	}
	close(r.answers)
}

// kill ends the driver and waits for it.
func (r *driverRun) kill() {
	r.killed.Do(func() {
		r.stdin.Close()
		if r.cmd.Process != nil {
			_ = r.cmd.Process.Kill()
		}
		_ = r.cmd.Wait()
	})
	for range r.answers {
	}
}

// stop ends the running driver, if any.
func (p *Process) stop() {
	p.state.Lock()
	r := p.running
	p.running = nil
	p.state.Unlock()
	if r != nil {
		r.kill()
	}
}

// Close stops Grammalecte for good: the requests after it fail.
func (p *Process) Close() error {
	p.state.Lock()
	p.closed = true
	p.state.Unlock()
	p.stop() // a request under way gets its driver's end as an error
	return nil
}

func (p *Process) isClosed() bool {
	p.state.Lock()
	defer p.state.Unlock()
	return p.closed
}

// Pid is the running driver's process id, 0 when none runs.
func (p *Process) Pid() int {
	p.state.Lock()
	defer p.state.Unlock()
	if p.running == nil || p.running.cmd.Process == nil {
		return 0
	}
	return p.running.cmd.Process.Pid
}

// interpreter is the program and arguments of a script's first line
// (#!/usr/bin/python3): the Python that has Grammalecte's package.
func interpreter(script string) ([]string, error) {
	f, err := os.Open(script)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	first, _ := bufio.NewReader(io.LimitReader(f, 512)).ReadString('\n')
	fields := strings.Fields(strings.TrimPrefix(first, "#!"))
	if !strings.HasPrefix(first, "#!") || len(fields) == 0 {
		return nil, fmt.Errorf("%s does not start with #! and its Python", script)
	}
	return fields, nil
}

// syncBuffer is the driver's error output, written and read at once.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.buf.Len() > 64<<10 { // only its last words are said
		b.buf.Next(b.buf.Len() - 4<<10)
	}
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}
