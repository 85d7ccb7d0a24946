//go:build !cgo || nohunspell

package spelling

import "errors"

// Without cgo (or with the build tag nohunspell, for a machine without
// libhunspell-dev) there is no libhunspell: every dictionary is missing,
// and the rule says so once per language instead of failing the build.

type hunspell struct{}

const hunspellAvailable = false

var errNoCgo = errors.New("this crieur was built without libhunspell (CGO_ENABLED=0 or -tags nohunspell)")

func openHunspell(aff, dic string) (*hunspell, error) { return nil, errNoCgo }
func (*hunspell) spell(string) bool                   { return false }
func (*hunspell) suggest(string) []string             { return nil }
func (*hunspell) add(string) error                    { return errNoCgo }
func (*hunspell) close()                              {}
