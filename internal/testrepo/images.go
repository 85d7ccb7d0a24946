package testrepo

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"testing"
)

// JPEG encodes a small real JPEG, 16×9 pixels.
func JPEG(t testing.TB) string {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 16, 9))
	for x := 0; x < 16; x++ {
		img.Set(x, x%9, color.RGBA{R: 200, A: 255})
	}
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, nil); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

// PNG encodes a small real PNG, 8×8 pixels; with size > 0 a tEXt chunk
// pads it to exactly size bytes, and it stays a valid PNG.
func PNG(t testing.TB, size int) string {
	t.Helper()
	img := image.NewNRGBA(image.Rect(0, 0, 8, 8))
	img.Set(3, 3, color.NRGBA{G: 255, A: 255})
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	b := buf.Bytes()
	if size <= 0 {
		return string(b)
	}
	const chunkOverhead = 12 // length, type, CRC
	key := []byte("Comment\x00")
	pad := size - len(b) - chunkOverhead - len(key)
	if pad < 0 {
		t.Fatalf("cannot pad a %d-byte PNG to %d bytes", len(b), size)
	}
	data := append(key, bytes.Repeat([]byte{'x'}, pad)...)
	chunk := binary.BigEndian.AppendUint32(nil, uint32(len(data)))
	chunk = append(chunk, "tEXt"...)
	chunk = append(chunk, data...)
	chunk = binary.BigEndian.AppendUint32(chunk, crc32.ChecksumIEEE(chunk[4:]))
	iend := len(b) - 12 // IEND is the last chunk, 12 bytes with no data
	out := append(append(append([]byte(nil), b[:iend]...), chunk...), b[iend:]...)
	if _, err := png.Decode(bytes.NewReader(out)); err != nil || len(out) != size {
		t.Fatalf("padded PNG: %d bytes (want %d), %v", len(out), size, err)
	}
	return string(out)
}
