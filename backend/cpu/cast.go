package cpu

import (
	"github.com/cugo/cugo/dtype"
)

// cast converts step a's values to step s's dtype (NumPy's unsafe
// casting); narrow then wraps or rounds them to it.
func cast(f *frame, s, a *step, n int) {
	if s.rep == a.rep {
		switch s.rep {
		case repBool:
			copy(f.b(s, n), f.b(a, n))
		case repInt:
			copy(f.i(s, n), f.i(a, n))
		case repUint:
			copy(f.u(s, n), f.u(a, n))
		case repFloat:
			copy(f.f(s, n), f.f(a, n))
		case repComplex:
			copy(f.c(s, n), f.c(a, n))
		}
		return
	}
	switch a.rep {
	case repBool:
		castFromBool(f, s, f.b(a, n), n)
	case repInt:
		castFromInteger(f, s, f.i(a, n), n)
	case repUint:
		castFromInteger(f, s, f.u(a, n), n)
	case repFloat:
		castFromFloat(f, s, f.f(a, n), n)
	case repComplex:
		x := f.c(a, n)
		if s.rep == repBool {
			mapTo(f.b(s, n), x, func(z complex128) bool { return z != 0 })
			return
		}
		castFromComplex(f, s, x, n)
	}
}

func castFromBool(f *frame, s *step, x []bool, n int) {
	switch s.rep {
	case repInt:
		mapTo(f.i(s, n), x, func(v bool) int64 { return int64(b2u(v)) })
	case repUint:
		mapTo(f.u(s, n), x, b2u)
	case repFloat:
		mapTo(f.f(s, n), x, func(v bool) float64 { return float64(b2u(v)) })
	case repComplex:
		mapTo(f.c(s, n), x, func(v bool) complex128 { return complex(float64(b2u(v)), 0) })
	}
}

func b2u(v bool) uint64 {
	if v {
		return 1
	}
	return 0
}

func castFromInteger[T integer](f *frame, s *step, x []T, n int) {
	switch s.rep {
	case repBool:
		mapTo(f.b(s, n), x, func(v T) bool { return v != 0 })
	case repInt:
		mapTo(f.i(s, n), x, func(v T) int64 { return int64(v) })
	case repUint:
		mapTo(f.u(s, n), x, func(v T) uint64 { return uint64(v) })
	case repFloat:
		mapTo(f.f(s, n), x, intToFloat[T](s.dt))
	case repComplex:
		conv := intToFloat[T](componentOf(s.dt))
		mapTo(f.c(s, n), x, func(v T) complex128 { return complex(conv(v), 0) })
	}
}

// intToFloat returns the conversion of integers to float type dt: to
// float32 in one rounding (through float64 would round twice for
// integers beyond 2^53).
func intToFloat[T integer](dt dtype.DType) func(T) float64 {
	if dt == dtype.Float32 {
		return func(v T) float64 { return float64(float32(v)) }
	}
	return func(v T) float64 { return float64(v) }
}

func castFromFloat(f *frame, s *step, x []float64, n int) {
	switch s.rep {
	case repBool:
		mapTo(f.b(s, n), x, func(v float64) bool { return v != 0 })
	case repInt:
		mapTo(f.i(s, n), x, func(v float64) int64 { return int64(floatToInt(v, s.dt)) })
	case repUint:
		mapTo(f.u(s, n), x, func(v float64) uint64 { return floatToInt(v, s.dt) })
	case repComplex:
		mapTo(f.c(s, n), x, func(v float64) complex128 { return complex(v, 0) })
	}
}

// castFromComplex casts to a real type: the real part, cast as a float.
func castFromComplex(f *frame, s *step, x []complex128, n int) {
	switch s.rep {
	case repInt:
		mapTo(f.i(s, n), x, func(z complex128) int64 { return int64(floatToInt(real(z), s.dt)) })
	case repUint:
		mapTo(f.u(s, n), x, func(z complex128) uint64 { return floatToInt(real(z), s.dt) })
	case repFloat:
		mapTo(f.f(s, n), x, func(z complex128) float64 { return real(z) })
	}
}

// narrow wraps or rounds the values of step s, computed in its rep's Go
// type, to s's dtype. Float16, bfloat16 and float32 results are computed
// in float64 and rounded once: for + - * / and sqrt that is the correctly
// rounded result, the same as NumPy's float32 arithmetic (float64 has more
// than 2p+2 bits for p = 24, so the double rounding float64 -> float32 is
// harmless) and as its float16 loops (compute in float32, round to half).
// For other functions the float64 result rounded is within an ulp of
// NumPy's float32 libm result.
func narrow(f *frame, s *step, n int) {
	switch s.dt {
	case dtype.Int8:
		wrap(f.i(s, n), func(v int64) int64 { return int64(int8(v)) })
	case dtype.Int16:
		wrap(f.i(s, n), func(v int64) int64 { return int64(int16(v)) })
	case dtype.Int32:
		wrap(f.i(s, n), func(v int64) int64 { return int64(int32(v)) })
	case dtype.Uint8:
		wrap(f.u(s, n), func(v uint64) uint64 { return uint64(uint8(v)) })
	case dtype.Uint16:
		wrap(f.u(s, n), func(v uint64) uint64 { return uint64(uint16(v)) })
	case dtype.Uint32:
		wrap(f.u(s, n), func(v uint64) uint64 { return uint64(uint32(v)) })
	case dtype.Float16:
		wrap(f.f(s, n), func(v float64) float64 { return dtype.F16FromFloat64(v).Float64() })
	case dtype.BFloat16:
		wrap(f.f(s, n), func(v float64) float64 { return dtype.BF16FromFloat64(v).Float64() })
	case dtype.Float32:
		d := f.f(s, n)
		for i, v := range d {
			d[i] = float64(float32(v))
		}
	case dtype.Complex64:
		wrap(f.c(s, n), func(z complex128) complex128 { return complex128(complex64(z)) })
	}
}

func wrap[T any](d []T, fn func(T) T) {
	for i, v := range d {
		d[i] = fn(v)
	}
}
