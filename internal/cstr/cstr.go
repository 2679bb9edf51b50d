// Package cstr converts between Go strings and the NUL-terminated strings
// of the C libraries cugo binds.
package cstr

import (
	"bytes"
	"unsafe"
)

// GoString copies the NUL-terminated string that C memory holds at p
// (a library's static message, say); nil gives "".
func GoString(p *byte) string {
	if p == nil {
		return ""
	}
	n := 0
	for *(*byte)(unsafe.Add(unsafe.Pointer(p), n)) != 0 {
		n++
	}
	return string(unsafe.Slice(p, n))
}

// FromBuffer returns the string a C function wrote into a Go buffer: up to
// its first NUL, or all of it when there is none.
func FromBuffer(b []byte) string {
	if i := bytes.IndexByte(b, 0); i >= 0 {
		b = b[:i]
	}
	return string(b)
}

// New returns a NUL-terminated copy of s in Go memory, kept alive by the
// pointer while C reads it during a call.
func New(s string) *byte {
	b := make([]byte, len(s)+1)
	copy(b, s)
	return &b[0]
}
