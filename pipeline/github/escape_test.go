package github

import (
	"bytes"
	"strings"
	"testing"
)

// Text that would be read as a workflow command reaches the log broken;
// everything else is written as it was.
func TestPlain(t *testing.T) {
	var out bytes.Buffer
	p := NewPlain(&out)
	// A post file named with a newline, as a finding prints it, written
	// in pieces as fmt does.
	p.Write([]byte("posts/a\n::error file=x::pwned"))
	p.Write([]byte(".md:1:1: error schema: bad\n"))
	p.Write([]byte("   ::add-mask::x\nplain line\n##[set-output name=a;]b\nno newline"))
	if err := p.Flush(); err != nil {
		t.Fatal(err)
	}
	got := out.String()
	for _, line := range strings.Split(got, "\n") {
		if strings.HasPrefix(strings.TrimLeft(line, " \t"), "::") || strings.Contains(line, "##[") {
			t.Errorf("a workflow command got through: %q", line)
		}
	}
	want := "posts/a\n" + zwsp + "::error file=x::pwned.md:1:1: error schema: bad\n   " + zwsp + "::add-mask::x\nplain line\n##" + zwsp + "[set-output name=a;]b\nno newline"
	if got != want {
		t.Errorf("got %q\nwant %q", got, want)
	}
}
