package kernelcache

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"fmt"
)

// A disk entry is a header followed by the payload:
//
//	magic    [8]byte  "cugokern"
//	version  uint32   FormatVersion, little-endian
//	length   uint64   payload length, little-endian
//	checksum [32]byte SHA-256 of the payload
const (
	entryMagic      = "cugokern"
	entryHeaderSize = len(entryMagic) + 4 + 8 + sha256.Size
)

func encodeEntry(payload []byte) []byte {
	b := make([]byte, 0, entryHeaderSize+len(payload))
	b = append(b, entryMagic...)
	b = binary.LittleEndian.AppendUint32(b, FormatVersion)
	b = binary.LittleEndian.AppendUint64(b, uint64(len(payload)))
	sum := sha256.Sum256(payload)
	b = append(b, sum[:]...)
	return append(b, payload...)
}

// decodeEntry returns the payload of a whole, intact entry.
func decodeEntry(b []byte) ([]byte, error) {
	if len(b) < entryHeaderSize {
		return nil, fmt.Errorf("entry of %d bytes is shorter than its header", len(b))
	}
	if string(b[:len(entryMagic)]) != entryMagic {
		return nil, fmt.Errorf("not a cugo kernel cache entry")
	}
	h := b[len(entryMagic):]
	if v := binary.LittleEndian.Uint32(h); v != FormatVersion {
		return nil, fmt.Errorf("entry format %d, want %d", v, FormatVersion)
	}
	payload := b[entryHeaderSize:]
	if n := binary.LittleEndian.Uint64(h[4:]); n != uint64(len(payload)) {
		return nil, fmt.Errorf("entry says %d payload bytes, has %d", n, len(payload))
	}
	sum := sha256.Sum256(payload)
	if !bytes.Equal(sum[:], h[12:12+sha256.Size]) {
		return nil, fmt.Errorf("payload checksum mismatch")
	}
	return payload, nil
}
