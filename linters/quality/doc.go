// Package quality measures the linter against a labelled corpus
// (testdata/corpus): every expected finding is written in the post, on
// the line before the mistake, as <!-- expect-next-line: RULE … --> (or
// a YAML comment in the front matter); a label may name a family
// (grammar) that any of its rules satisfies. Its tests print precision
// and recall per rule family, per rule and per folder under posts/, and
// fail when one drops below its floor. testdata/french is the French
// grammar corpus (one folder per family of mistakes; TestFrench).
//
// Rule of the room: used by its test only; imports linters, pipeline,
// pipeline/content and pipeline/render, besides the standard library;
// never net/http, go-git or go-github. internal/archtest checks the
// imports.
package quality
