// Package testrepo holds helpers for tests that need a real content
// repository; it is imported only by _test.go files.
//
// The helpers write a repository into a temporary folder and load it the
// way `crieur lint` does (content.Open, PostPaths, LoadPosts), so that
// rules see positions computed from real files. Each linters package
// keeps its own defaults (crieur.yml, charte.yml, vocabulaire.txt) and
// thin wrappers in its helpers_test.go.
//
// Rule of the room: a test helper; imports pipeline and
// pipeline/content, besides the standard library, and only tests import
// it. internal/archtest checks the imports.
package testrepo
