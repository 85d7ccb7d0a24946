//go:build !unix

package publish

import "os"

// killSelf dies at once, as close to a killed runner as this system
// allows.
func killSelf() { os.Exit(137) }

// interruptSelf cannot signal the process here: the fault does nothing.
func interruptSelf() {}
