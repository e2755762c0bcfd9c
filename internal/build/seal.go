package build

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
)

// A PDF is sealed so that a build can tell, without typesetting again,
// that an existing PDF is whole and is exactly what it would typeset now.
//
// pdf.Render records the fingerprint of what it typeset (the SHA-256 of the
// Markdown, the metadata, the fonts and the layout version) in the PDF's
// Keywords as "dpa-fingerprint:<64 hex digits>". seal replaces those 64
// digits by the seal: the SHA-256 of the whole file as rendered, that is of
// every byte of it with the fingerprint in the place of the seal. The file
// keeps its length, so nothing else moves.
//
// Sealed(file, fp) puts fp back in the place of the seal, hashes every byte
// and compares. It holds only when the file is byte for byte the PDF that
// was rendered for fp: a file that merely contains the marker, a truncated
// file or one with any byte changed fails, and so does a PDF of other
// content, whose fingerprint differs. The PDF typesetting is deterministic,
// so that file is also what typesetting would give now.
//
// The seal is a checksum, not a signature: it catches damaged, truncated,
// edited and out-of-date files, not a forger who knows the scheme and can
// write to the output directory.

const sealKey = "/Keywords (dpa-fingerprint:"

// sealSlot returns the offset of the 64 hex digits after the last Keywords
// marker in b, or -1.
func sealSlot(b []byte) int {
	i := bytes.LastIndex(b, []byte(sealKey))
	if i < 0 || len(b) < i+len(sealKey)+64 {
		return -1
	}
	return i + len(sealKey)
}

// sealOf hashes b with fingerprint digits fpHex in the slot at off.
func sealOf(b []byte, off int, fpHex string) []byte {
	h := sha256.New()
	h.Write([]byte("dpa-seal\x00"))
	h.Write(b[:off])
	h.Write([]byte(fpHex))
	h.Write(b[off+64:])
	sum := h.Sum(nil)
	out := make([]byte, 64)
	hex.Encode(out, sum)
	return out
}

// seal returns the rendered PDF b, whose Keywords hold fingerprint fp,
// with the seal in the place of the fingerprint's digits.
func seal(b []byte, fp string) ([]byte, error) {
	off := sealSlot(b)
	fpHex := fp[len(fp)-64:]
	if off < 0 || string(b[off:off+64]) != fpHex {
		return nil, errors.New("seal: the PDF does not record its fingerprint")
	}
	copy(b[off:], sealOf(b, off, fpHex))
	return b, nil
}

// Sealed reports whether b is a whole sealed PDF typeset for fingerprint fp.
func Sealed(b []byte, fp string) bool {
	off := sealSlot(b)
	if off < 0 || len(fp) < 64 || !bytes.HasPrefix(b, []byte("%PDF-")) {
		return false
	}
	return bytes.Equal(b[off:off+64], sealOf(b, off, fp[len(fp)-64:]))
}

// A DOCX is sealed the same way. docx.Render records its fingerprint in the
// document's keywords and, last, as the ZIP archive's comment
// ("dpa-fingerprint:<64 hex digits>", the final bytes of the file); sealDOCX
// replaces the comment's 64 digits by the SHA-256 of the whole file with the
// fingerprint in their place. The comment is covered by no checksum of the
// archive, so the sealed file is still a valid ZIP, and its length is
// unchanged.

const docxSealKey = "dpa-fingerprint:"

// docxSealSlot returns the offset of the 64 hex digits of the comment at
// the end of a DOCX, or -1.
func docxSealSlot(b []byte) int {
	n := len(docxSealKey) + 64
	if len(b) < n+22 || string(b[len(b)-n:len(b)-64]) != docxSealKey {
		return -1
	}
	return len(b) - 64
}

// sealDOCX returns the rendered DOCX b, whose comment holds fingerprint fp,
// with the seal in the place of the fingerprint's digits.
func sealDOCX(b []byte, fp string) ([]byte, error) {
	off := docxSealSlot(b)
	fpHex := fp[len(fp)-64:]
	if off < 0 || string(b[off:]) != fpHex {
		return nil, errors.New("seal: the DOCX does not record its fingerprint")
	}
	copy(b[off:], sealOf(b, off, fpHex))
	return b, nil
}

// SealedDOCX reports whether b is a whole sealed DOCX rendered for
// fingerprint fp.
func SealedDOCX(b []byte, fp string) bool {
	off := docxSealSlot(b)
	if off < 0 || len(fp) < 64 || !bytes.HasPrefix(b, []byte("PK\x03\x04")) {
		return false
	}
	return bytes.Equal(b[off:], sealOf(b, off, fp[len(fp)-64:]))
}

// IsDOCXOfDPA reports whether b ends like a DOCX that dpa wrote: with the
// fingerprint or seal comment.
func IsDOCXOfDPA(b []byte) bool {
	return docxSealSlot(b) >= 0 && bytes.HasPrefix(b, []byte("PK\x03\x04"))
}
