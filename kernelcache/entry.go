package kernelcache

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/binary"
	"fmt"
)

// A disk entry is a header followed by the payload:
//
//	magic    [8]byte  "cugokern"
//	version  uint32   FormatVersion, little-endian
//	length   uint64   payload length, little-endian
//	mac      [32]byte HMAC-SHA256, under the directory's secret, of the
//	                  entry's key, the length and the payload
//
// The MAC binds an entry to its key, so an entry copied over another is
// rejected, and to the directory's secret, so one written by anything
// that cannot read the secret (a planted file) is rejected too.
const (
	entryMagic      = "cugokern"
	entryHeaderSize = len(entryMagic) + 4 + 8 + sha256.Size
	// maxEntrySize bounds what a read of an entry may take: compiled
	// kernels are kilobytes to a few megabytes.
	maxEntrySize = 256 << 20
)

func entryMAC(secret []byte, key Key, payload []byte) []byte {
	m := hmac.New(sha256.New, secret)
	m.Write(key[:])
	m.Write(binary.LittleEndian.AppendUint64(nil, uint64(len(payload))))
	m.Write(payload)
	return m.Sum(nil)
}

func encodeEntry(secret []byte, key Key, payload []byte) []byte {
	b := make([]byte, 0, entryHeaderSize+len(payload))
	b = append(b, entryMagic...)
	b = binary.LittleEndian.AppendUint32(b, FormatVersion)
	b = binary.LittleEndian.AppendUint64(b, uint64(len(payload)))
	b = append(b, entryMAC(secret, key, payload)...)
	return append(b, payload...)
}

// decodeEntry returns the payload of a whole, intact entry written for key
// under secret.
func decodeEntry(secret []byte, key Key, b []byte) ([]byte, error) {
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
	if !hmac.Equal(entryMAC(secret, key, payload), h[12:12+sha256.Size]) {
		return nil, fmt.Errorf("entry is not this key's, or was not written by this cache (MAC mismatch)")
	}
	return payload, nil
}
