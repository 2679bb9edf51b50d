package cpu

import (
	"math"
	"math/cmplx"

	"github.com/cugo/cugo/dtype"
)

// The scalar functions in this file follow NumPy's C implementations
// (npy_math, loops.c.src) statement for statement, so that edge cases
// (zeros, infinities, NaN, the most negative integer) come out the same.
// Explicit float64(...) conversions stop Go from fusing a*b+c into one
// FMA, which NumPy's x86-64 builds do not do either.

// integer is the rep of signed and unsigned integer nodes.
type integer interface{ int64 | uint64 }

// floorDiv is Python's //: rounds toward minus infinity; x // 0 = 0.
// MinInt64 // -1 wraps to MinInt64 (Go defines that quotient).
func floorDiv[T integer](a, b T) T {
	if b == 0 {
		return 0
	}
	q := a / b
	if a%b != 0 && (a < 0) != (b < 0) {
		q--
	}
	return q
}

// mod is Python's %: the sign of the divisor; x % 0 = 0.
func mod[T integer](a, b T) T {
	if b == 0 {
		return 0
	}
	r := a % b
	if r != 0 && (r < 0) != (b < 0) {
		r += b
	}
	return r
}

// powInt is NumPy's integer power by repeated squaring (wrapping). A
// negative exponent gives 0 except for bases 1 and -1.
func powInt[T integer](a, b T) T {
	if b < 0 {
		switch {
		case a == 1:
			return 1
		case a+1 == 0: // a == -1 (b < 0 only happens for signed T)
			if b&1 != 0 {
				return a
			}
			return 1
		}
		return 0
	}
	r := T(1)
	for b > 0 {
		if b&1 != 0 {
			r *= a
		}
		a *= a
		b >>= 1
	}
	return r
}

// floatDivmod is npy_divmod: Python's floor division and modulo for
// floats, with npy_floor_divide's and npy_remainder's handling of b == 0
// (a/b, and fmod's NaN).
func floatDivmod(a, b float64) (div, mod float64) {
	mod = math.Mod(a, b)
	if b == 0 {
		return a / b, mod
	}
	d := (a - mod) / b
	if mod != 0 {
		if (b < 0) != (mod < 0) {
			mod += b
			d -= 1
		}
	} else {
		mod = math.Copysign(0, b)
	}
	if d != 0 {
		div = math.Floor(d)
		if d-div > 0.5 {
			div += 1
		}
	} else {
		div = math.Copysign(0, a/b)
	}
	return div, mod
}

// sign is NumPy's sign for floats: -1, 0 (+0 for ±0), +1, NaN for NaN.
func sign(x float64) float64 {
	switch {
	case x > 0:
		return 1
	case x < 0:
		return -1
	case x == 0:
		return 0
	}
	return x
}

// floatToInt converts x to the integer type dt and returns its bits, as
// NumPy's casts compile on x86-64: truncation toward zero; a value out of
// the range the conversion instruction handles (NaN, ±inf, too large) gives
// that instruction's "integer indefinite" (the most negative int32 or
// int64), then wraps to dt. So -1.0 -> uint8 is 255 and 300.0 -> int8 is
// 44, as in NumPy; the rest is undefined in NumPy and fixed here so that
// every platform agrees.
func floatToInt(x float64, dt dtype.DType) uint64 {
	switch dt {
	case dtype.Int64, dtype.Uint32:
		return uint64(cvt64(x))
	case dtype.Uint64:
		if x >= 1<<63 {
			if x < 1<<64 {
				return uint64(x)
			}
			return 0
		}
		return uint64(cvt64(x))
	}
	// int8, int16, int32, uint8, uint16 go through a 32-bit conversion.
	if x > math.MinInt32-1 && x < math.MaxInt32+1 {
		return uint64(int64(x))
	}
	indefinite := int64(math.MinInt32)
	return uint64(indefinite) // sign-extended; the caller wraps it to dt
}

func cvt64(x float64) int64 {
	if x >= math.MinInt64 && x < 1<<63 {
		return int64(x)
	}
	return math.MinInt64
}

// cmul is a complex product without fused multiply-adds.
func cmul(a, b complex128) complex128 {
	ar, ai, br, bi := real(a), imag(a), real(b), imag(b)
	return complex(float64(ar*br)-float64(ai*bi), float64(ar*bi)+float64(ai*br))
}

// cdiv is NumPy's complex division (Smith's algorithm).
func cdiv(a, b complex128) complex128 {
	ar, ai, br, bi := real(a), imag(a), real(b), imag(b)
	abr, abi := math.Abs(br), math.Abs(bi)
	if abr >= abi {
		if abr == 0 && abi == 0 {
			return complex(ar/abr, ai/abr)
		}
		rat := bi / br
		scl := 1.0 / (br + float64(bi*rat))
		return complex(float64(ar+float64(ai*rat))*scl, float64(ai-float64(ar*rat))*scl)
	}
	rat := br / bi
	scl := 1.0 / (bi + float64(br*rat))
	return complex(float64(float64(ar*rat)+ai)*scl, float64(float64(ai*rat)-ar)*scl)
}

// crecip is NumPy's complex reciprocal.
func crecip(z complex128) complex128 {
	r, i := real(z), imag(z)
	if math.Abs(i) <= math.Abs(r) {
		q := i / r
		d := r + float64(i*q)
		return complex(1/d, -q/d)
	}
	q := r / i
	d := float64(r*q) + i
	return complex(q/d, -1/d)
}

// cpow is NumPy's npy_cpow: exact special cases for zero operands and
// small integer exponents, else exp(b*log(a)) as C's cpow computes it.
func cpow(a, b complex128) complex128 {
	br, bi := real(b), imag(b)
	if br == 0 && bi == 0 {
		return 1
	}
	if real(a) == 0 && imag(a) == 0 {
		if br > 0 && bi == 0 {
			return 0
		}
		return complex(math.NaN(), math.NaN())
	}
	if bi == 0 && br == math.Trunc(br) && math.Abs(br) < 100 {
		n := int(br)
		switch n {
		case 1:
			return a
		case 2:
			return cmul(a, a)
		case 3:
			return cmul(a, cmul(a, a))
		}
		if n < 0 {
			n = -n
		}
		r, p := complex128(1), a
		for mask := 1; ; mask <<= 1 {
			if n&mask != 0 {
				r = cmul(r, p)
			}
			if n < mask<<1 {
				break
			}
			p = cmul(p, p)
		}
		if br < 0 {
			return cdiv(1, r)
		}
		return r
	}
	return cmplx.Exp(cmul(b, cmplx.Log(a)))
}

// csign is NumPy 2's sign for complex: z/|z|, 0 for 0, NaN for NaN, and
// the direction of an infinite part.
func csign(z complex128) complex128 {
	r, i := real(z), imag(z)
	abs := math.Hypot(r, i)
	switch {
	case math.IsNaN(abs):
		return complex(math.NaN(), math.NaN())
	case math.IsInf(abs, 0):
		switch {
		case math.IsInf(r, 0) && math.IsInf(i, 0):
			return complex(math.NaN(), math.NaN())
		case math.IsInf(r, 0):
			return complex(sign(r), 0)
		}
		return complex(0, sign(i))
	case abs == 0:
		return 0
	}
	return complex(r/abs, i/abs)
}

// The complex orderings of NumPy (CLT, CLE, CGT, CGE): lexicographic,
// false when an imaginary part is NaN and the real parts differ.
func cless(a, b complex128) bool {
	ar, ai, br, bi := real(a), imag(a), real(b), imag(b)
	return ar < br && ai == ai && bi == bi || ar == br && ai < bi
}

func clessEq(a, b complex128) bool {
	ar, ai, br, bi := real(a), imag(a), real(b), imag(b)
	return ar < br && ai == ai && bi == bi || ar == br && ai <= bi
}

func cisnan(z complex128) bool { return math.IsNaN(real(z)) || math.IsNaN(imag(z)) }
