package content

import (
	"gopkg.in/yaml.v3"

	"github.com/crieur/crieur/pipeline"
	"github.com/crieur/crieur/pipeline/i18n"
)

// File is a loaded post file: the post and what is needed to point into
// the file and to edit its front matter.
type File struct {
	Post   *pipeline.Post
	Source []byte

	front      *yaml.Node // the front matter's top mapping
	frontStart int        // byte offset of the first front-matter line
	frontEnd   int        // byte offset of the closing --- line
	frontLine  int        // lines before the first front-matter line
	bodyStart  int        // byte offset of the body
	lines      []int      // byte offset of the start of each line
	index      *pipeline.Lines
	lang       i18n.Lang // the reader's: what stops a write is said in it
}

func newFile(src []byte) *File {
	f := &File{Source: src, lines: []int{0}, index: pipeline.NewLines(string(src))}
	for i, b := range src {
		if b == '\n' {
			f.lines = append(f.lines, i+1)
		}
	}
	return f
}

// PosAt returns the line and column (in characters) of a byte offset.
func (f *File) PosAt(off int) pipeline.Pos {
	if off < 0 {
		off = 0
	}
	if off > len(f.Source) {
		off = len(f.Source)
	}
	line, col := f.index.At(off)
	return pipeline.Pos{Line: line + 1, Col: col}
}

// Offset returns the byte offset of a position, the inverse of PosAt; a
// column past the end of its line is the line's end.
func (f *File) Offset(p pipeline.Pos) int {
	if p.Line < 1 {
		return 0
	}
	return f.index.Offset(p.Line-1, p.Col)
}

// Line returns the text of a 1-based line, without its newline.
func (f *File) Line(n int) string {
	if n < 1 || n > len(f.lines) {
		return ""
	}
	end := len(f.Source)
	if n < len(f.lines) {
		end = f.lines[n] - 1
	}
	s := string(f.Source[f.lines[n-1]:end])
	if len(s) > 0 && s[len(s)-1] == '\r' {
		s = s[:len(s)-1]
	}
	return s
}

// BodyStart is the byte offset where the Markdown body starts.
func (f *File) BodyStart() int { return f.bodyStart }
