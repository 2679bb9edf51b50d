// Package cargs turns Go arguments into the C arguments of cugo's vendor
// bindings (libs/*), the same way for every library: device addresses as
// typed C pointers, the BLAS/LAPACK letter of an element type, and sizes
// narrowed to C ints with their leading dimensions checked.
package cargs

import (
	"fmt"
	"math"
	"unsafe"
)

// Elem is a BLAS/LAPACK element type: S, D, C and Z.
type Elem interface {
	float32 | float64 | complex64 | complex128
}

// Prefix is the BLAS/LAPACK letter of T ("S" for float32), as in the
// vendor's routine names ("cusolverDnSgetrf").
func Prefix[T Elem]() string {
	var z T
	switch any(z).(type) {
	case float32:
		return "S"
	case float64:
		return "D"
	case complex64:
		return "C"
	}
	return "Z"
}

// Pointer turns a device address (driver.DevicePtr, hip.DevicePtr) into
// the pointer type a C prototype declares. The address is not Go memory,
// so the garbage collector ignores it, as it does C pointers.
func Pointer[P ~uint64](p P) unsafe.Pointer { return *(*unsafe.Pointer)(unsafe.Pointer(&p)) }

// Ptr is Pointer typed as *T.
func Ptr[T any, P ~uint64](p P) *T { return (*T)(Pointer(p)) }

// Leading is a leading dimension and the rows it spans.
type Leading struct {
	Name     string
	LD, Rows int
}

// Ints narrows sizes to C ints, refusing negative and too large ones, then
// checks that each leading dimension is at least the rows it spans. Its
// error is the reason alone: the binding wraps it with the call's name.
func Ints(vals []int, lds ...Leading) ([]int32, error) {
	out := make([]int32, len(vals))
	for i, v := range vals {
		if v < 0 || v > math.MaxInt32 {
			return nil, fmt.Errorf("size or leading dimension %d out of range (argument %d of %v)", v, i, vals)
		}
		out[i] = int32(v)
	}
	for _, l := range lds {
		if l.LD < max(1, l.Rows) {
			return nil, fmt.Errorf("%s = %d is less than max(1, %d)", l.Name, l.LD, l.Rows)
		}
	}
	return out, nil
}

// LD is the Leading of a leading dimension ld spanning rows.
func LD(name string, ld, rows int) Leading { return Leading{Name: name, LD: ld, Rows: rows} }

// Int64Array copies s into a C array of int64 and returns its first
// element, or nil for an empty s (a NULL array).
func Int64Array(s []int) *int64 {
	if len(s) == 0 {
		return nil
	}
	out := make([]int64, len(s))
	for i, v := range s {
		out[i] = int64(v)
	}
	return &out[0]
}
