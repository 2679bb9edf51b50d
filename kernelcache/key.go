package kernelcache

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"hash"
	"slices"
)

// FormatVersion is the version of the disk layout and of the key
// derivation; raising it retires every entry. (Each compiler versions its
// own payloads through Input.Compiler.)
const FormatVersion = 2

// Key names one compiled program: a SHA-256 of everything that decides
// the compiler's output.
type Key [sha256.Size]byte

// String returns the key in hex, as disk entries are named.
func (k Key) String() string { return hex.EncodeToString(k[:]) }

// Input is a compilation request as a run-time compiler (NVRTC, hiprtc)
// sees it.
type Input struct {
	Compiler        string            // identity and version, e.g. "nvrtc 12.8"
	Target          string            // what the code is for, e.g. "sm_90", "compute_80", "gfx90a"
	Name            string            // program name (it appears in logs and __FILE__)
	Source          string            // the program text
	Headers         map[string]string // in-memory includes: name -> source
	Options         []string          // compiler flags, in order
	NameExpressions []string          // names whose lowered (mangled) forms the result records
}

// Key hashes the input. Every field is length-prefixed, so no two distinct
// inputs hash the same bytes; headers are taken in name order, since the
// compiler looks them up by name.
func (in Input) Key() Key {
	h := sha256.New()
	writeInt(h, FormatVersion)
	writeString(h, in.Compiler)
	writeString(h, in.Target)
	writeString(h, in.Name)
	writeString(h, in.Source)
	names := make([]string, 0, len(in.Headers))
	for name := range in.Headers {
		names = append(names, name)
	}
	slices.Sort(names)
	writeInt(h, len(names))
	for _, name := range names {
		writeString(h, name)
		writeString(h, in.Headers[name])
	}
	writeStrings(h, in.Options)
	writeStrings(h, in.NameExpressions)
	var k Key
	h.Sum(k[:0])
	return k
}

func writeInt(h hash.Hash, n int) {
	h.Write(binary.LittleEndian.AppendUint64(nil, uint64(n)))
}

func writeString(h hash.Hash, s string) {
	writeInt(h, len(s))
	h.Write([]byte(s))
}

func writeStrings(h hash.Hash, ss []string) {
	writeInt(h, len(ss))
	for _, s := range ss {
		writeString(h, s)
	}
}
