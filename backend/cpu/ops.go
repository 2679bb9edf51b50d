package cpu

import (
	"math"
	"math/cmplx"

	"github.com/cugo/cugo/dtype"
	"github.com/cugo/cugo/internal/ir"
)

// The functions here compute one step over the n values of a chunk, a
// loop per (op, rep), and report false for an op that does not apply to
// its operands' types. Each result is then narrowed to the step's dtype
// (narrow), which is where int8 wraps and float32 rounds.

func mapTo[A, D any](d []D, a []A, fn func(A) D) {
	for i, x := range a {
		d[i] = fn(x)
	}
}

func mapTo2[A, B, D any](d []D, a []A, b []B, fn func(A, B) D) {
	for i, x := range a {
		d[i] = fn(x, b[i])
	}
}

// unary computes a one-argument op.
func unary(f *frame, s, a *step, n int) bool {
	op := s.op
	if s.rep == repBool && a.rep != repBool || op == ir.LogicalNot || op == ir.IsNaN || op == ir.IsInf || op == ir.IsFinite || op == ir.Signbit {
		return predicate(op, f.b(s, n), f, a, n)
	}
	switch {
	case s.rep == repFloat && a.rep == repComplex:
		return complexPart(op, f.f(s, n), f.c(a, n))
	case s.rep == repInt && a.rep == repFloat && op == ir.FrexpExponent:
		mapTo(f.i(s, n), f.f(a, n), func(x float64) int64 { _, e := math.Frexp(x); return int64(e) })
		return true
	case s.rep == repUint && a.rep == repInt && op == ir.BitwiseCount:
		mapTo(f.u(s, n), f.i(a, n), bitwiseCount[int64])
		return true
	case s.rep == repUint && a.rep == repUint && op == ir.BitwiseCount:
		mapTo(f.u(s, n), f.u(a, n), bitwiseCount[uint64])
		return true
	case s.rep != a.rep:
		return false
	}
	switch s.rep {
	case repBool:
		d, x := f.b(s, n), f.b(a, n)
		switch op {
		case ir.Invert:
			mapTo(d, x, func(v bool) bool { return !v })
		case ir.Abs:
			copy(d, x)
		default:
			return false
		}
		return true
	case repInt:
		return unaryInteger(op, f.i(s, n), f.i(a, n), s.dt)
	case repUint:
		return unaryInteger(op, f.u(s, n), f.u(a, n), s.dt)
	case repFloat:
		return unaryFloat(op, f.f(s, n), f.f(a, n), s.dt)
	}
	if s.dt == dtype.Complex64 {
		return unaryComplex[float32](op, f.c(s, n), f.c(a, n))
	}
	return unaryComplex[float64](op, f.c(s, n), f.c(a, n))
}

// predicate computes the ops that give Bool from any argument.
func predicate(op ir.Op, d []bool, f *frame, a *step, n int) bool {
	switch a.rep {
	case repBool:
		x := f.b(a, n)
		switch op {
		case ir.LogicalNot:
			mapTo(d, x, func(v bool) bool { return !v })
		case ir.IsNaN, ir.IsInf:
			clear(d)
		case ir.IsFinite:
			mapTo(d, x, func(bool) bool { return true })
		default:
			return false
		}
		return true
	case repInt:
		return predicateInteger(op, d, f.i(a, n))
	case repUint:
		return predicateInteger(op, d, f.u(a, n))
	case repFloat:
		x := f.f(a, n)
		switch op {
		case ir.IsNaN:
			mapTo(d, x, math.IsNaN)
		case ir.IsInf:
			mapTo(d, x, func(v float64) bool { return math.IsInf(v, 0) })
		case ir.IsFinite:
			mapTo(d, x, func(v float64) bool { return v-v == 0 })
		case ir.Signbit:
			mapTo(d, x, math.Signbit)
		default:
			return false
		}
		return true
	}
	x := f.c(a, n)
	switch op {
	case ir.IsNaN:
		mapTo(d, x, cisnan)
	case ir.IsInf:
		mapTo(d, x, func(z complex128) bool { return math.IsInf(real(z), 0) || math.IsInf(imag(z), 0) })
	case ir.IsFinite:
		mapTo(d, x, func(z complex128) bool { return real(z)-real(z) == 0 && imag(z)-imag(z) == 0 })
	default:
		return false
	}
	return true
}

func predicateInteger[T integer](op ir.Op, d []bool, x []T) bool {
	switch op {
	case ir.IsNaN, ir.IsInf:
		clear(d)
	case ir.IsFinite:
		mapTo(d, x, func(T) bool { return true })
	default:
		return false
	}
	return true
}

// complexPart computes the ops from a complex to its float part type.
func complexPart(op ir.Op, d []float64, x []complex128) bool {
	switch op {
	case ir.Abs:
		mapTo(d, x, func(z complex128) float64 { return math.Hypot(real(z), imag(z)) })
	case ir.Real:
		mapTo(d, x, func(z complex128) float64 { return real(z) })
	case ir.Imag:
		mapTo(d, x, func(z complex128) float64 { return imag(z) })
	case ir.Angle:
		mapTo(d, x, func(z complex128) float64 { return math.Atan2(imag(z), real(z)) })
	default:
		return false
	}
	return true
}

func unaryInteger[T integer](op ir.Op, d, x []T, dt dtype.DType) bool {
	switch op {
	case ir.Neg:
		for i, v := range x {
			d[i] = -v
		}
	case ir.Pos, ir.Conj:
		copy(d, x)
	case ir.Abs:
		for i, v := range x {
			if v < 0 {
				v = -v
			}
			d[i] = v
		}
	case ir.Sign:
		one := T(1)
		for i, v := range x {
			switch {
			case v > 0:
				d[i] = one
			case v < 0:
				d[i] = -one
			default:
				d[i] = 0
			}
		}
	case ir.Square:
		for i, v := range x {
			d[i] = v * v
		}
	case ir.Invert:
		for i, v := range x {
			d[i] = ^v
		}
	case ir.Reciprocal: // NumPy computes 1.0/x and casts back
		for i, v := range x {
			d[i] = T(floatToInt(1/float64(v), dt))
		}
	default:
		return false
	}
	return true
}

func unaryFloat(op ir.Op, d, x []float64, dt dtype.DType) bool {
	var fn func(float64) float64
	switch op {
	case ir.Neg:
		for i, v := range x {
			d[i] = -v
		}
		return true
	case ir.Pos, ir.Real, ir.Conj:
		copy(d, x)
		return true
	case ir.Imag:
		clear(d)
		return true
	case ir.Square:
		for i, v := range x {
			d[i] = v * v
		}
		return true
	case ir.Reciprocal:
		for i, v := range x {
			d[i] = 1 / v
		}
		return true
	case ir.Abs:
		fn = math.Abs
	case ir.Sign:
		fn = sign
	case ir.Angle:
		fn = func(v float64) float64 { return math.Atan2(0, v) }
	case ir.Sqrt:
		fn = math.Sqrt
	case ir.Cbrt:
		fn = math.Cbrt
	case ir.Exp:
		fn = exp
	case ir.Exp2:
		fn = math.Exp2
	case ir.Expm1:
		fn = math.Expm1
	case ir.Log:
		fn = logarithm
	case ir.Log2:
		fn = log2
	case ir.Log10:
		fn = log10
	case ir.Log1p:
		fn = math.Log1p
	case ir.Sin:
		fn = sin
	case ir.Cos:
		fn = cos
	case ir.Tan:
		fn = tan
	case ir.Arcsin:
		fn = math.Asin
	case ir.Arccos:
		fn = math.Acos
	case ir.Arctan:
		fn = math.Atan
	case ir.Sinh:
		fn = sinh
	case ir.Cosh:
		fn = cosh
	case ir.Tanh:
		fn = math.Tanh
	case ir.Arcsinh:
		fn = math.Asinh
	case ir.Arccosh:
		fn = math.Acosh
	case ir.Arctanh:
		fn = math.Atanh
	case ir.Floor:
		fn = math.Floor
	case ir.Ceil:
		fn = math.Ceil
	case ir.Trunc:
		fn = math.Trunc
	case ir.Rint:
		fn = math.RoundToEven
	case ir.Spacing:
		fn = func(v float64) float64 { return spacing(v, dt) }
	case ir.Deg2rad:
		fn = func(v float64) float64 { return v * (math.Pi / 180) }
	case ir.Rad2deg:
		fn = func(v float64) float64 { return v * (180 / math.Pi) }
	case ir.Sinc:
		fn = func(v float64) float64 { return sinc(v, dt) }
	case ir.Modf:
		fn = modfFrac
	case ir.FrexpMantissa:
		fn = func(v float64) float64 { m, _ := math.Frexp(v); return m }
	case ir.I0:
		fn = func(v float64) float64 { return i0(v, dt) }
	default:
		return false
	}
	mapTo(d, x, fn)
	return true
}

func unaryComplex[F float](op ir.Op, d, x []complex128) bool {
	var fn func(complex128) complex128
	switch op {
	case ir.Neg:
		fn = func(z complex128) complex128 { return -z }
	case ir.Pos:
		copy(d, x)
		return true
	case ir.Conj:
		fn = cmplx.Conj
	case ir.Rint: // part by part, as NumPy's nc_rint
		fn = func(z complex128) complex128 { return complex(math.RoundToEven(real(z)), math.RoundToEven(imag(z))) }
	case ir.Sign:
		fn = csign
	case ir.Reciprocal:
		fn = crecip[F]
	case ir.Square:
		fn = csquare[F]
	case ir.Sqrt:
		fn = csqrt
	case ir.Exp:
		fn = cexp
	case ir.Log:
		fn = cmplx.Log
	default:
		if fn = complexFuncs[op]; fn == nil {
			return false
		}
	}
	mapTo(d, x, fn)
	return true
}

// binary computes a two-argument op.
func binary(f *frame, s, a, b *step, n int) bool {
	op := s.op
	if op >= ir.Equal && op <= ir.GreaterEqual {
		return compare(op, f.b(s, n), f, a, b, n)
	}
	switch s.rep {
	case repBool:
		return binaryBool(op, f.b(s, n), f.b(a, n), f.b(b, n))
	case repInt:
		return binaryInteger(op, f.i(s, n), f.i(a, n), f.i(b, n))
	case repUint:
		return binaryInteger(op, f.u(s, n), f.u(a, n), f.u(b, n))
	case repFloat:
		return binaryFloat(op, f.f(s, n), f.f(a, n), f.f(b, n), s.dt)
	}
	if s.dt == dtype.Complex64 {
		return binaryComplex[float32](op, f.c(s, n), f.c(a, n), f.c(b, n))
	}
	return binaryComplex[float64](op, f.c(s, n), f.c(a, n), f.c(b, n))
}

func compare(op ir.Op, d []bool, f *frame, a, b *step, n int) bool {
	switch a.rep {
	case repBool:
		x, y := f.b(a, n), f.b(b, n)
		switch op {
		case ir.Equal:
			mapTo2(d, x, y, func(p, q bool) bool { return p == q })
		case ir.NotEqual:
			mapTo2(d, x, y, func(p, q bool) bool { return p != q })
		case ir.Less:
			mapTo2(d, x, y, func(p, q bool) bool { return !p && q })
		case ir.LessEqual:
			mapTo2(d, x, y, func(p, q bool) bool { return !p || q })
		case ir.Greater:
			mapTo2(d, x, y, func(p, q bool) bool { return p && !q })
		case ir.GreaterEqual:
			mapTo2(d, x, y, func(p, q bool) bool { return p || !q })
		}
	case repInt:
		compareOrdered(op, d, f.i(a, n), f.i(b, n))
	case repUint:
		compareOrdered(op, d, f.u(a, n), f.u(b, n))
	case repFloat:
		compareOrdered(op, d, f.f(a, n), f.f(b, n))
	case repComplex:
		x, y := f.c(a, n), f.c(b, n)
		switch op {
		case ir.Equal:
			mapTo2(d, x, y, func(p, q complex128) bool { return p == q })
		case ir.NotEqual:
			mapTo2(d, x, y, func(p, q complex128) bool { return p != q })
		case ir.Less:
			mapTo2(d, x, y, cless)
		case ir.LessEqual:
			mapTo2(d, x, y, clessEq)
		case ir.Greater:
			mapTo2(d, y, x, cless)
		case ir.GreaterEqual:
			mapTo2(d, y, x, clessEq)
		}
	}
	return true
}

func compareOrdered[T integer | float64](op ir.Op, d []bool, x, y []T) {
	switch op {
	case ir.Equal:
		for i := range d {
			d[i] = x[i] == y[i]
		}
	case ir.NotEqual:
		for i := range d {
			d[i] = x[i] != y[i]
		}
	case ir.Less:
		for i := range d {
			d[i] = x[i] < y[i]
		}
	case ir.LessEqual:
		for i := range d {
			d[i] = x[i] <= y[i]
		}
	case ir.Greater:
		for i := range d {
			d[i] = x[i] > y[i]
		}
	case ir.GreaterEqual:
		for i := range d {
			d[i] = x[i] >= y[i]
		}
	}
}

// binaryBool computes Bool ops: NumPy's add and maximum are or, its
// multiply and minimum are and.
func binaryBool(op ir.Op, d, x, y []bool) bool {
	switch op {
	case ir.Add, ir.Maximum, ir.FMax, ir.BitOr, ir.LogicalOr:
		mapTo2(d, x, y, func(p, q bool) bool { return p || q })
	case ir.Mul, ir.Minimum, ir.FMin, ir.BitAnd, ir.LogicalAnd:
		mapTo2(d, x, y, func(p, q bool) bool { return p && q })
	case ir.BitXor, ir.LogicalXor, ir.NotEqual:
		mapTo2(d, x, y, func(p, q bool) bool { return p != q })
	default:
		return false
	}
	return true
}

func binaryInteger[T integer](op ir.Op, d, x, y []T) bool {
	switch op {
	case ir.Add:
		for i := range d {
			d[i] = x[i] + y[i]
		}
	case ir.Sub:
		for i := range d {
			d[i] = x[i] - y[i]
		}
	case ir.Mul:
		for i := range d {
			d[i] = x[i] * y[i]
		}
	case ir.FloorDiv:
		mapTo2(d, x, y, floorDiv[T])
	case ir.Mod:
		mapTo2(d, x, y, mod[T])
	case ir.Pow:
		mapTo2(d, x, y, powInt[T])
	case ir.Fmod:
		mapTo2(d, x, y, fmodInt[T])
	case ir.Gcd:
		mapTo2(d, x, y, gcd[T])
	case ir.Lcm:
		mapTo2(d, x, y, lcm[T])
	case ir.Maximum, ir.FMax:
		for i := range d {
			d[i] = max(x[i], y[i])
		}
	case ir.Minimum, ir.FMin:
		for i := range d {
			d[i] = min(x[i], y[i])
		}
	case ir.BitAnd:
		for i := range d {
			d[i] = x[i] & y[i]
		}
	case ir.BitOr:
		for i := range d {
			d[i] = x[i] | y[i]
		}
	case ir.BitXor:
		for i := range d {
			d[i] = x[i] ^ y[i]
		}
	// Counts are taken as unsigned, so negative ones act as counts >= the
	// width: Go gives 0 (or -1 for >> of a negative value), as npy_lshift
	// and npy_rshift do. Narrower types shift in 64 bits and then wrap,
	// which gives the same low bits.
	case ir.LeftShift:
		for i := range d {
			d[i] = x[i] << uint64(y[i])
		}
	case ir.RightShift:
		for i := range d {
			d[i] = x[i] >> uint64(y[i])
		}
	default:
		return false
	}
	return true
}

// binaryFloat computes a float op of a node of dtype dt; NumPy computes
// FloorDiv and Mod of float32, float16 and bfloat16 in float32.
func binaryFloat(op ir.Op, d, x, y []float64, dt dtype.DType) bool {
	switch op {
	case ir.Add:
		for i := range d {
			d[i] = x[i] + y[i]
		}
	case ir.Sub:
		for i := range d {
			d[i] = x[i] - y[i]
		}
	case ir.Mul:
		for i := range d {
			d[i] = x[i] * y[i]
		}
	case ir.Div:
		for i := range d {
			d[i] = x[i] / y[i]
		}
	case ir.FloorDiv, ir.Mod:
		divmod := floatDivmod[float64]
		if dt != dtype.Float64 {
			divmod = func(a, b float64) (float64, float64) {
				q, r := floatDivmod(float32(a), float32(b))
				return float64(q), float64(r)
			}
		}
		if op == ir.FloorDiv {
			mapTo2(d, x, y, func(a, b float64) float64 { q, _ := divmod(a, b); return q })
		} else {
			mapTo2(d, x, y, func(a, b float64) float64 { _, r := divmod(a, b); return r })
		}
	case ir.Pow:
		mapTo2(d, x, y, pow)
	case ir.Maximum:
		mapTo2(d, x, y, func(a, b float64) float64 {
			if a >= b || a != a {
				return a
			}
			return b
		})
	case ir.Minimum:
		mapTo2(d, x, y, func(a, b float64) float64 {
			if a <= b || a != a {
				return a
			}
			return b
		})
	case ir.FMax:
		mapTo2(d, x, y, func(a, b float64) float64 {
			if a >= b || b != b {
				return a
			}
			return b
		})
	case ir.FMin:
		mapTo2(d, x, y, func(a, b float64) float64 {
			if a <= b || b != b {
				return a
			}
			return b
		})
	case ir.Arctan2:
		mapTo2(d, x, y, math.Atan2)
	case ir.Hypot:
		mapTo2(d, x, y, math.Hypot)
	case ir.Copysign:
		mapTo2(d, x, y, math.Copysign)
	case ir.Fmod:
		mapTo2(d, x, y, math.Mod)
	case ir.Heaviside:
		mapTo2(d, x, y, heaviside)
	case ir.Logaddexp:
		mapTo2(d, x, y, func(a, b float64) float64 { return logaddexp(a, b, dt) })
	case ir.Logaddexp2:
		mapTo2(d, x, y, func(a, b float64) float64 { return logaddexp2(a, b, dt) })
	case ir.Nextafter:
		mapTo2(d, x, y, func(a, b float64) float64 { return nextafter(a, b, dt) })
	case ir.Ldexp:
		mapTo2(d, x, y, ldexp)
	default:
		return false
	}
	return true
}

func binaryComplex[F float](op ir.Op, d, x, y []complex128) bool {
	switch op {
	case ir.Add:
		for i := range d {
			d[i] = x[i] + y[i]
		}
	case ir.Sub:
		for i := range d {
			d[i] = x[i] - y[i]
		}
	case ir.Mul:
		mapTo2(d, x, y, cmul[F])
	case ir.Div:
		mapTo2(d, x, y, cdiv[F])
	case ir.Pow:
		mapTo2(d, x, y, cpow[F])
	case ir.Maximum: // NumPy: keep a if it is NaN or a >= b
		mapTo2(d, x, y, func(a, b complex128) complex128 {
			if cisnan(a) || clessEq(b, a) {
				return a
			}
			return b
		})
	case ir.Minimum:
		mapTo2(d, x, y, func(a, b complex128) complex128 {
			if cisnan(a) || clessEq(a, b) {
				return a
			}
			return b
		})
	case ir.FMax: // NumPy: keep a if b is NaN or a >= b
		mapTo2(d, x, y, func(a, b complex128) complex128 {
			if cisnan(b) || clessEq(b, a) {
				return a
			}
			return b
		})
	case ir.FMin:
		mapTo2(d, x, y, func(a, b complex128) complex128 {
			if cisnan(b) || clessEq(a, b) {
				return a
			}
			return b
		})
	default:
		return false
	}
	return true
}

// where computes Args[0] ? Args[1] : Args[2].
func where(f *frame, s, c, a, b *step, n int) {
	cond := f.b(c, n)
	switch s.rep {
	case repBool:
		pick(f.b(s, n), cond, f.b(a, n), f.b(b, n))
	case repInt:
		pick(f.i(s, n), cond, f.i(a, n), f.i(b, n))
	case repUint:
		pick(f.u(s, n), cond, f.u(a, n), f.u(b, n))
	case repFloat:
		pick(f.f(s, n), cond, f.f(a, n), f.f(b, n))
	case repComplex:
		pick(f.c(s, n), cond, f.c(a, n), f.c(b, n))
	}
}

func pick[T any](d []T, cond []bool, x, y []T) {
	for i, c := range cond {
		if c {
			d[i] = x[i]
		} else {
			d[i] = y[i]
		}
	}
}
