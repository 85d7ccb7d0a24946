package output

import (
	"fmt"
	"io"
	"strings"
	"time"
)

// ProgressBar draws Engine.Progress on a terminal: « lint ▕████░░░░▏
// 4210/10000 posts », for long work only (200 posts or more), redrawn at
// most ten times a second and cleared when done, so that what lint prints
// afterwards starts on a clean line. (schollz/progressbar would draw it
// too, but it depends on net/http, which no linters package may.)
func ProgressBar(w io.Writer, what string) func(done, total int) {
	var last time.Time
	return func(done, total int) {
		if total < 200 {
			return
		}
		if done >= total {
			fmt.Fprint(w, "\r\033[K")
			return
		}
		if now := time.Now(); now.Sub(last) >= 100*time.Millisecond {
			last = now
			full := 30 * done / total
			fmt.Fprintf(w, "\r%s ▕%s%s▏ %d/%d posts", what, strings.Repeat("█", full), strings.Repeat("░", 30-full), done, total)
		}
	}
}
