package kernelcache

import (
	"encoding/binary"
	"errors"
	"fmt"
	"maps"
	"slices"
)

// Compiled is what a run-time compiler (NVRTC, hiprtc) produced, as the
// cache keeps it: the code, the compile log, the lowered names of name
// expressions, and whether the code is a device binary (CUBIN) rather
// than an intermediate form (PTX).
type Compiled struct {
	Code   []byte
	Binary bool
	Log    string
	Names  map[string]string
}

// compiledFormat is the version of the payload Marshal writes; raising it
// retires entries of the old layout.
const compiledFormat = 1

// GetCompiled is Get for a compiler's results: it stores them encoded
// and decodes what it finds. The returned Code is shared with the cache
// and must not be modified.
func (c *Cache) GetCompiled(key Key, compile func() (*Compiled, error)) (*Compiled, error) {
	payload, err := c.Get(key, func() ([]byte, error) {
		r, err := compile()
		if err != nil {
			return nil, err
		}
		return r.marshal(), nil
	})
	if err != nil {
		return nil, err
	}
	r, err := unmarshalCompiled(payload)
	if err != nil {
		return nil, fmt.Errorf("kernelcache: entry %s: %w", key, err)
	}
	return r, nil
}

// marshal encodes r: the format byte, a flags byte (1 = binary), the log,
// the count of names and each (expression, name) pair, strings as uvarint
// length and bytes; the code fills the rest.
func (r *Compiled) marshal() []byte {
	b := []byte{compiledFormat, 0}
	if r.Binary {
		b[1] = 1
	}
	b = appendString(b, r.Log)
	b = binary.AppendUvarint(b, uint64(len(r.Names)))
	for _, expr := range slices.Sorted(maps.Keys(r.Names)) {
		b = appendString(b, expr)
		b = appendString(b, r.Names[expr])
	}
	return append(b, r.Code...)
}

func appendString(b []byte, s string) []byte {
	return append(binary.AppendUvarint(b, uint64(len(s))), s...)
}

var errBadPayload = errors.New("malformed compiled-result payload")

func unmarshalCompiled(b []byte) (*Compiled, error) {
	if len(b) < 2 || b[0] != compiledFormat || b[1] > 1 {
		return nil, errBadPayload
	}
	r := &Compiled{Binary: b[1] == 1}
	b = b[2:]
	var ok bool
	if r.Log, b, ok = readString(b); !ok {
		return nil, errBadPayload
	}
	n, w := binary.Uvarint(b)
	if w <= 0 || n > uint64(len(b)) {
		return nil, errBadPayload
	}
	b = b[w:]
	if n > 0 {
		r.Names = make(map[string]string, n)
	}
	for range n {
		var expr, name string
		if expr, b, ok = readString(b); !ok {
			return nil, errBadPayload
		}
		if name, b, ok = readString(b); !ok {
			return nil, errBadPayload
		}
		r.Names[expr] = name
	}
	if len(b) == 0 {
		return nil, errBadPayload
	}
	r.Code = b
	return r, nil
}

func readString(b []byte) (string, []byte, bool) {
	n, w := binary.Uvarint(b)
	if w <= 0 || n > uint64(len(b)-w) {
		return "", nil, false
	}
	return string(b[w : w+int(n)]), b[w+int(n):], true
}
