//go:build cgo && hunspell

package quality

// exactSpelling: this build checks spelling with libhunspell (-tags
// hunspell), the engine the floors were measured with.
const exactSpelling = true
