// Package archtest has no code of its own. Its test holds the rules of
// "The house" in STYLE.md, which package may import what, over the whole
// module, as Go's own go/build/deps_test.go does for the standard
// library: it runs `go list -deps -json ./...` and fails on any import
// that breaks a rule. The rules are a table in archtest_test.go, one
// comment each; a new room in the house gets a new row there.
//
// Rule of the room: nothing imports archtest, and it imports nothing but
// the standard library.
package archtest
