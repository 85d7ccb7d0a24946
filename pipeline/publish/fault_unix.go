//go:build unix

package publish

import (
	"os"
	"syscall"
)

// killSelf dies as a killed runner does: SIGKILL, nothing runs after it.
func killSelf() { syscall.Kill(os.Getpid(), syscall.SIGKILL) }

// interruptSelf cancels the run as Actions does, with SIGINT.
func interruptSelf() { syscall.Kill(os.Getpid(), syscall.SIGINT) }
