// Package archtest has no code of its own. Its test holds "The house" of
// STYLE.md, which package may import what, over the whole module, as Go's
// own go/build/deps_test.go does for the standard library: it runs
// `go list -deps -json ./...` and fails on any import that breaks the
// house. archtest_test.go holds it as three tables: allowed, one row per
// package (besides the standard library, the only imports it may have);
// rules, the "never" and "only" of the house (an adapter never imports
// another adapter, only pipeline/gitrepo imports go-git…); and breaks,
// where the code breaks the house today, each to be fixed, so that the
// rest is checked. A new package gets a row there and says the same rule
// in its doc.go; STYLE.md, the doc.go files and these tables say the same
// thing.
//
// Rule of the room: a test helper; it imports the standard library only,
// and nothing imports it.
package archtest
