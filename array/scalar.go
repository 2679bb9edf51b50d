package array

import (
	"encoding/binary"
	"fmt"
	"math"

	"github.com/cugo/cugo/dtype"
	"github.com/cugo/cugo/internal/ir"
)

// scalar is a Go number or bool given where an array may go. Such values
// are "weak" in promotion, as Python scalars are under NEP 50: their kind
// matters, their Go type does not.
type scalar struct {
	kind     dtype.ScalarKind
	i        int64  // IntScalar of a signed Go type
	u        uint64 // IntScalar of an unsigned Go type
	unsigned bool
	c        complex128 // Bool (0/1), Float and Complex scalars
}

// scalarOf reports whether v is a Go scalar, and returns it.
func scalarOf(v any) (scalar, bool) {
	switch v := v.(type) {
	case bool:
		if v {
			return scalar{kind: dtype.BoolScalar, i: 1, c: 1}, true
		}
		return scalar{kind: dtype.BoolScalar}, true
	case int:
		return intScalar(int64(v)), true
	case int8:
		return intScalar(int64(v)), true
	case int16:
		return intScalar(int64(v)), true
	case int32:
		return intScalar(int64(v)), true
	case int64:
		return intScalar(v), true
	case uint:
		return uintScalar(uint64(v)), true
	case uint8:
		return uintScalar(uint64(v)), true
	case uint16:
		return uintScalar(uint64(v)), true
	case uint32:
		return uintScalar(uint64(v)), true
	case uint64:
		return uintScalar(v), true
	case uintptr:
		return uintScalar(uint64(v)), true
	case float32:
		return floatScalar(float64(v)), true
	case float64:
		return floatScalar(v), true
	case F16:
		return floatScalar(v.Float64()), true
	case BF16:
		return floatScalar(v.Float64()), true
	case complex64:
		return scalar{kind: dtype.ComplexScalar, c: complex128(v)}, true
	case complex128:
		return scalar{kind: dtype.ComplexScalar, c: v}, true
	}
	return scalar{}, false
}

func intScalar(v int64) scalar     { return scalar{kind: dtype.IntScalar, i: v, c: complex(float64(v), 0)} }
func floatScalar(v float64) scalar { return scalar{kind: dtype.FloatScalar, c: complex(v, 0)} }
func uintScalar(v uint64) scalar {
	return scalar{kind: dtype.IntScalar, u: v, unsigned: true, c: complex(float64(v), 0)}
}

// defaultDType is the dtype NumPy gives a Python scalar of this kind on its
// own: bool, int64, float64 or complex128.
func (s scalar) defaultDType() DType {
	if s.kind == dtype.IntScalar && s.unsigned && s.u > math.MaxInt64 {
		return Uint64
	}
	return s.kind.DefaultDType()
}

// scalarKindName names a kind of Go scalar in messages.
func scalarKindName(k dtype.ScalarKind) string {
	return [...]string{dtype.BoolScalar: "bool", dtype.IntScalar: "int", dtype.FloatScalar: "float", dtype.ComplexScalar: "complex"}[k]
}

// String writes s as Go would.
func (s scalar) String() string {
	switch {
	case s.kind == dtype.BoolScalar:
		return fmt.Sprint(s.i != 0)
	case s.kind == dtype.IntScalar && s.unsigned:
		return fmt.Sprint(s.u)
	case s.kind == dtype.IntScalar:
		return fmt.Sprint(s.i)
	case s.kind == dtype.FloatScalar:
		return fmt.Sprint(real(s.c))
	}
	return fmt.Sprint(s.c)
}

// intRange returns the smallest and largest values of an integer dtype,
// the smallest as an int64 and the largest as a uint64.
func intRange(dt DType) (lo int64, hi uint64) {
	n := uint(dt.Size() * 8)
	if dt.Kind() == dtype.UintKind {
		return 0, math.MaxUint64 >> (64 - n)
	}
	return math.MinInt64 >> (64 - n), math.MaxInt64 >> (64 - n)
}

// fits reports whether an integer scalar fits in integer dtype dt.
func (s scalar) fits(dt DType) bool {
	lo, hi := intRange(dt)
	if s.unsigned {
		return s.u <= hi
	}
	return s.i >= lo && (s.i < 0 || uint64(s.i) <= hi)
}

// saturate is integer s clipped to integer dtype dt's range.
func (s scalar) saturate(dt DType) ir.Value {
	lo, hi := intRange(dt)
	switch {
	case s.unsigned && s.u > hi, !s.unsigned && s.i >= 0 && uint64(s.i) > hi:
		return ir.Value{hi}
	case !s.unsigned && s.i < lo:
		return ir.Value{uint64(lo) & sizeMask(dt)}
	}
	v, _ := s.value(dt)
	return v
}

// value converts s to a kernel parameter of dtype dt with NumPy's unsafe
// casting, except where NumPy 2 raises: an integer that does not fit an
// integer dtype, a NaN or infinity to an integer, a complex to a real
// type other than bool.
func (s scalar) value(dt DType) (ir.Value, error) {
	k := dt.Kind()
	switch {
	case k == dtype.BoolKind: // any number's truth, a complex one's too (bool(1j))
		return ir.Value{boolBits(s.c != 0)}, nil
	case s.kind == dtype.ComplexScalar && k != dtype.ComplexKind:
		return ir.Value{}, fmt.Errorf("can't convert complex %v to %v", s.c, dt)
	case k == dtype.IntKind || k == dtype.UintKind:
		switch {
		case s.kind == dtype.IntScalar && !s.fits(dt):
			return ir.Value{}, fmt.Errorf("Go integer %s out of bounds for %v", s, dt)
		case s.kind == dtype.IntScalar && s.unsigned:
			return ir.Value{s.u}, nil
		case s.kind == dtype.IntScalar:
			return ir.Value{uint64(s.i) & sizeMask(dt)}, nil
		}
		f := real(s.c)
		if math.IsNaN(f) || math.IsInf(f, 0) {
			return ir.Value{}, fmt.Errorf("cannot convert float %v to integer", f)
		}
		return intValue(dt, f), nil
	}
	return floatValue(dt, s.c), nil
}

func boolBits(b bool) uint64 {
	if b {
		return 1
	}
	return 0
}

func sizeMask(dt DType) uint64 { return math.MaxUint64 >> (64 - 8*dt.Size()) }

// intValue truncates f toward zero into integer dtype dt, wrapping as a
// C cast through int64 (or uint64 for values beyond int64) would.
func intValue(dt DType, f float64) ir.Value {
	if f >= math.MaxInt64 {
		return ir.Value{uint64(f) & sizeMask(dt)}
	}
	return ir.Value{uint64(int64(f)) & sizeMask(dt)}
}

// floatValue rounds c to the float or complex dtype dt (the real part for
// a real dtype).
func floatValue(dt DType, c complex128) ir.Value {
	re, im := real(c), imag(c)
	switch dt {
	case Float16:
		return ir.Value{uint64(dtype.F16FromFloat64(re))}
	case BFloat16:
		return ir.Value{uint64(dtype.BF16FromFloat64(re))}
	case Float32:
		return ir.Value{uint64(math.Float32bits(float32(re)))}
	case Complex64:
		return ir.Value{uint64(math.Float32bits(float32(re))) | uint64(math.Float32bits(float32(im)))<<32}
	case Complex128:
		return ir.Value{math.Float64bits(re), math.Float64bits(im)}
	}
	return ir.Value{math.Float64bits(re)}
}

// putValue writes v as one element of dtype dt into dst.
func putValue(dst []byte, dt DType, v ir.Value) {
	var b [16]byte
	binary.LittleEndian.PutUint64(b[:], v[0])
	binary.LittleEndian.PutUint64(b[8:], v[1])
	copy(dst[:dt.Size()], b[:])
}

// hostValue converts c, computed on the host, to an element of dt with a
// C cast and no range checks, for creation functions that fill arrays.
func hostValue(dt DType, c complex128) ir.Value {
	switch dt.Kind() {
	case dtype.BoolKind:
		return ir.Value{boolBits(c != 0)}
	case dtype.IntKind, dtype.UintKind:
		return intValue(dt, real(c))
	}
	return floatValue(dt, c)
}
