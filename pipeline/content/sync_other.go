//go:build !linux

package content

// syncAll makes the files durable, one fsync each (and one per folder).
func syncAll(paths []string) error { return syncEach(paths) }
