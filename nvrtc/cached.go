package nvrtc

import (
	"encoding/binary"
	"errors"
	"fmt"
	"maps"
	"slices"

	"github.com/cugo/cugo/kernelcache"
)

// CompileCached is Compile through a cache (nil means kernelcache.Default()),
// keyed on the source, headers, options, name expressions, target and the
// loaded NVRTC's version. A cached Result's Code is shared with the cache
// and must not be modified. Compile errors are not cached.
func CompileCached(cache *kernelcache.Cache, src string, opts Options) (*Result, error) {
	if err := opts.validate(); err != nil {
		return nil, err
	}
	major, minor, err := Version()
	if err != nil {
		return nil, err
	}
	if cache == nil {
		cache = kernelcache.Default()
	}
	target := opts.arch()
	if target == "" {
		target = "default"
	}
	key := kernelcache.Input{
		Compiler:        fmt.Sprintf("nvrtc %d.%d result/%d", major, minor, resultFormat),
		Target:          target,
		Name:            opts.name(),
		Source:          src,
		Headers:         opts.Headers,
		Options:         opts.Options,
		NameExpressions: opts.NameExpressions,
	}.Key()
	payload, err := cache.Get(key, func() ([]byte, error) {
		res, err := Compile(src, opts)
		if err != nil {
			return nil, err
		}
		return res.marshal(), nil
	})
	if err != nil {
		return nil, err
	}
	res, err := unmarshalResult(payload)
	if err != nil {
		return nil, fmt.Errorf("nvrtc: cache entry %s: %w", key, err)
	}
	return res, nil
}

// resultFormat is the version of the payload marshal writes; raising it
// retires cached results of the old layout.
const resultFormat = 1

// marshal encodes a Result as a cache payload: a flags byte (1 = CUBIN),
// the log, the count of lowered names and each (expression, name) pair,
// strings as uvarint length and bytes; the code fills the rest.
func (r *Result) marshal() []byte {
	var b []byte
	if r.CUBIN {
		b = append(b, 1)
	} else {
		b = append(b, 0)
	}
	b = appendString(b, r.Log)
	b = binary.AppendUvarint(b, uint64(len(r.LoweredNames)))
	for _, expr := range slices.Sorted(maps.Keys(r.LoweredNames)) {
		b = appendString(b, expr)
		b = appendString(b, r.LoweredNames[expr])
	}
	return append(b, r.Code...)
}

func appendString(b []byte, s string) []byte {
	return append(binary.AppendUvarint(b, uint64(len(s))), s...)
}

var errBadPayload = errors.New("malformed compiled-result payload")

func unmarshalResult(b []byte) (*Result, error) {
	if len(b) == 0 || b[0] > 1 {
		return nil, errBadPayload
	}
	r := &Result{CUBIN: b[0] == 1}
	b = b[1:]
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
		r.LoweredNames = make(map[string]string, n)
	}
	for range n {
		var expr, name string
		if expr, b, ok = readString(b); !ok {
			return nil, errBadPayload
		}
		if name, b, ok = readString(b); !ok {
			return nil, errBadPayload
		}
		r.LoweredNames[expr] = name
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
