package services

import (
	"fmt"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// run makes texts unique to this test process: the servers keep what
// earlier runs posted.
var run = strconv.FormatInt(time.Now().UnixNano(), 36)

var calls atomic.Int64

// Marker is a text unique to the test, the process and the call (go test
// -count=2 runs a test twice in one process), to find a test's own posts
// among everything the shared servers hold.
func Marker(t testing.TB) string {
	return fmt.Sprintf("%s-%s-%d", strings.ReplaceAll(t.Name(), "/", "-"), run, calls.Add(1))
}
