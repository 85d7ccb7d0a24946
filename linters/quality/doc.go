// Package quality measures the linter against a labelled corpus
// (testdata/corpus): every expected finding is written in the post, on
// the line before the mistake, as <!-- expect-next-line: RULE … --> (or
// a YAML comment in the front matter). Its test prints precision and
// recall per rule family and fails when one drops below its floor.
//
// Rule of the room: used by its test only; imports linters, pipeline,
// pipeline/content and pipeline/render, besides the standard library;
// never net/http, go-git or go-github. internal/archtest checks the
// imports.
package quality
