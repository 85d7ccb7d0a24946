//go:build !cgo || !hunspell

package quality

// exactSpelling: this build checks spelling with the pure-Go engine,
// which cannot read the Dutch dictionary: the corpus's Dutch spelling
// labels go unfound.
const exactSpelling = false
