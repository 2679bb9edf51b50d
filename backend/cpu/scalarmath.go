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

// floatDivmod is npy_divmod in F: Python's floor division and modulo for
// floats, with npy_floor_divide's and npy_remainder's handling of b == 0
// (a/b, and fmod's NaN). NumPy's float32 loop, and its float16 one, run
// npy_divmodf in float32: rounding (a-mod)/b in float64 instead gives a
// different quotient now and then.
func floatDivmod[F float](a, b F) (div, mod F) {
	mod = F(math.Mod(float64(a), float64(b))) // exact, so F holds it
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
		mod = F(math.Copysign(0, float64(b)))
	}
	if d != 0 {
		div = F(math.Floor(float64(d)))
		if d-div > 0.5 {
			div += 1
		}
	} else {
		div = F(math.Copysign(0, float64(a/b)))
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
// NumPy's casts do on x86-64: truncation toward zero, and for values the
// conversion instruction cannot represent (NaN, ±inf, too large) its
// "integer indefinite", the most negative int32 or int64. int8, int16,
// uint8 and uint16 convert through int32 and wrap (so -1.0 -> uint8 is 255,
// 300.0 -> int8 is 44, as in NumPy); uint32 and uint64 subtract 2^31 or
// 2^63 from large values first, as NumPy's vectorised loops do. NumPy
// calls the out-of-range results undefined; fixing them here makes every
// platform agree.
func floatToInt(x float64, dt dtype.DType) uint64 {
	switch dt {
	case dtype.Int64:
		return uint64(cvt64(x))
	case dtype.Uint64:
		if x >= 1<<63 {
			return uint64(cvt64(x-(1<<63))) ^ 1<<63
		}
		return uint64(cvt64(x))
	case dtype.Uint32:
		if x >= 1<<31 {
			return uint64(uint32(cvt32(x-(1<<31))) ^ 1<<31)
		}
		return uint64(uint32(cvt32(x)))
	}
	return uint64(int64(cvt32(x))) // the caller wraps it to dt
}

func cvt32(x float64) int32 {
	if x > math.MinInt32-1 && x < math.MaxInt32+1 {
		return int32(x)
	}
	return math.MinInt32
}

func cvt64(x float64) int64 {
	if x >= math.MinInt64 && x < 1<<63 {
		return int64(x)
	}
	return math.MinInt64
}

// ln2Hi + ln2Lo = ln 2; ln2Hi has 32 trailing zero bits, so that e*ln2Hi
// is exact for any binary exponent e.
const (
	ln2Hi = 6.93147180369123816490e-01
	ln2Lo = 1.90821492927058770002e-10
)

// logParts returns ln x, for finite x > 0 (subnormals too), as an
// unevaluated sum hi + lo good to about 2^-59 relative: with x = m·2^e,
// m in [√½, √2) and s = (m-1)/(m+1), ln m = 2s + 2s³/3 + 2s⁵/5 + ...; the
// leading 2s is carried in two parts, the tail in one float64.
func logParts(x float64) (hi, lo float64) {
	m, e := math.Frexp(x)
	if m < math.Sqrt2/2 {
		m, e = 2*m, e-1
	}
	num := m - 1 // exact (Sterbenz)
	den := m + 1
	denLo := m - (den - 1) // den + denLo = m + 1 exactly
	s := num / den
	sLo := (math.FMA(-s, den, num) - s*denLo) / den // num/(den+denLo) - s
	s2 := s * s
	tail, p := 0.0, s*s2
	for k := 3.0; k < 40; k += 2 {
		tail += p / k
		p *= s2
	}
	// ln x = e·ln2Hi + 2s + (e·ln2Lo + 2sLo + 2·tail); e·ln2Hi is exact.
	a, b := float64(e)*ln2Hi, 2*s
	hi = a + b
	err := b - (hi - a) + (a - (hi - (hi - a))) // two-sum error of a + b
	return hi, err + float64(e)*ln2Lo + 2*sLo + 2*tail
}

// logarithm is ln x. Go's math.Log is wrong for subnormal x on amd64
// (log(5e-324) gives -709.09, not -744.44), so those are scaled first.
func logarithm(x float64) float64 {
	if x > 0 && x < 0x1p-1022 {
		return math.Log(x*0x1p54) - 54*math.Ln2
	}
	return math.Log(x)
}

// exp is e^x. Go's amd64 math.Exp gives +inf from x = 709.44 (where its
// x·log₂e rounds to 1024), below the true overflow at 709.78.
func exp(x float64) float64 {
	if x > 709 && x < 1400 {
		m, k := expParts(x)
		return math.Ldexp(m, k)
	}
	return math.Exp(x)
}

// expParts returns m and k with e^x = m·2^k, |ln m| ≤ ln 2 / 2: x is
// reduced by k·ln 2 (k·ln2Hi is exact, and so is x minus it), so that
// scaling by 2^k last keeps finite what e^x alone would overflow.
func expParts(x float64) (m float64, k int) {
	n := math.Round(x / math.Ln2)
	return math.Exp((x - n*ln2Hi) - n*ln2Lo), int(n)
}

// sinh and cosh are math's, but for |x| > 709, where math's e^|x|/2
// overflows early (Go's Exp, as above).
func sinh(x float64) float64 {
	if a := math.Abs(x); a > 709 && a < 1400 {
		m, k := expParts(a)
		return math.Copysign(math.Ldexp(m, k-1), x)
	}
	return math.Sinh(x)
}

func cosh(x float64) float64 {
	if a := math.Abs(x); a > 709 && a < 1400 {
		m, k := expParts(a)
		return math.Ldexp(m, k-1)
	}
	return math.Cosh(x)
}

// cexp is cmplx.Exp, but with exp's range for the real part, and, where
// e^re alone overflows, each part taken as m·(cos im or sin im)·2^k
// (expParts), so that a part that fits stays finite and accurate
// (NumPy's scaled cexp).
func cexp(z complex128) complex128 {
	re, im := real(z), imag(z)
	if re > 709 && re < 1500 && !math.IsInf(im, 0) && !math.IsNaN(im) {
		if im == 0 {
			return complex(exp(re), im)
		}
		m, k := expParts(re)
		s, c := math.Sincos(im)
		return complex(math.Ldexp(m*c, k), math.Ldexp(m*s, k))
	}
	return cmplx.Exp(z)
}

// log2 is log₂ x within an ulp or two (Go's math.Log2 loses a few bits
// to cancellation just above 1).
func log2(x float64) float64 {
	if !(x > 0) || math.IsInf(x, 1) {
		return math.Log2(x)
	}
	m, e := math.Frexp(x)
	if m < math.Sqrt2/2 {
		m, e = 2*m, e-1
	}
	return float64(e) + math.Log(m)*(1/math.Ln2)
}

func log10(x float64) float64 { return logarithm(x) * (1 / math.Ln10) }

// pow is x**y with the special cases of C's pow (as math.Pow) and, for
// the rest, exp(y·ln x) with ln x carried in two parts and the product's
// rounding error kept, so that large |y·ln x| loses no accuracy (Go's
// math.Pow is off by hundreds of ulps there, and wrong for subnormal x).
func pow(x, y float64) float64 {
	if y == 0 || x == 1 || x == 0 || math.IsNaN(x) || math.IsNaN(y) || math.IsInf(x, 0) || math.IsInf(y, 0) {
		return math.Pow(x, y)
	}
	neg := false
	if x < 0 {
		if y != math.Trunc(y) {
			return math.NaN()
		}
		neg = math.Abs(math.Mod(y, 2)) == 1
		x = -x
	}
	if m, e := math.Frexp(x); m == 0.5 && y == math.Trunc(y) && math.Abs(y) < 1<<20 {
		r := math.Ldexp(1, int(y)*(e-1)) // a power of two to an integer power: exact, as C's pow
		if neg {
			return -r
		}
		return r
	}
	hi, lo := logParts(x)
	hi, lo = hi+lo, lo-((hi+lo)-hi)     // renormalised: |lo| <= ulp(hi)/2, so y·lo's rounding is negligible
	zhi := float64(y * hi)              // the conversion keeps arm64 from fusing this product into z or z - zhi
	zlo := math.FMA(y, hi, -zhi) + y*lo // y·(hi+lo) - zhi
	z := zhi + zlo
	var r float64
	switch {
	case math.IsInf(zhi, 0):
		r = exp(zhi) // 0 or +inf
	case z > 710 || z < -746:
		r = exp(z) // 0 or +inf: the correction's rounding errors are huge here
	default:
		r = exp(z) * (1 + (zlo - (z - zhi)))
	}
	if neg {
		return -r
	}
	return r
}

// float is the type a complex node's parts compute in: complex64 ops
// run in float32, as NumPy's do, since their cancellations differ.
type float interface{ float32 | float64 }

// cmul is a complex product in F, without fused multiply-adds.
func cmul[F float](a, b complex128) complex128 {
	ar, ai, br, bi := F(real(a)), F(imag(a)), F(real(b)), F(imag(b))
	return complex(float64(F(ar*br)-F(ai*bi)), float64(F(ar*bi)+F(ai*br)))
}

func csquare[F float](z complex128) complex128 { return cmul[F](z, z) }

// cdiv is NumPy's complex division in F (Smith's algorithm).
func cdiv[F float](a, b complex128) complex128 {
	ar, ai, br, bi := F(real(a)), F(imag(a)), F(real(b)), F(imag(b))
	abr, abi := F(math.Abs(float64(br))), F(math.Abs(float64(bi)))
	if abr >= abi {
		if abr == 0 && abi == 0 {
			return complex(float64(ar/abr), float64(ai/abr))
		}
		rat := bi / br
		scl := 1 / F(br+F(bi*rat))
		return complex(float64(F(ar+F(ai*rat))*scl), float64(F(ai-F(ar*rat))*scl))
	}
	rat := br / bi
	scl := 1 / F(bi+F(br*rat))
	return complex(float64(F(F(ar*rat)+ai)*scl), float64(F(F(ai*rat)-ar)*scl))
}

// crecip is NumPy's complex reciprocal in F.
func crecip[F float](z complex128) complex128 {
	r, i := F(real(z)), F(imag(z))
	if math.Abs(float64(i)) <= math.Abs(float64(r)) {
		q := i / r
		d := r + F(i*q)
		return complex(float64(1/d), float64(-q/d))
	}
	q := r / i
	d := F(r*q) + i
	return complex(float64(q/d), float64(-1/d))
}

// cpow is NumPy's npy_cpow in F: exact special cases for zero operands
// and small integer exponents, else exp(b*log(a)) as C's cpow computes it
// (in float64 here; NumPy uses cpowf for complex64).
func cpow[F float](a, b complex128) complex128 {
	br, bi := real(b), imag(b)
	if br == 0 && bi == 0 {
		return 1
	}
	if real(a) == 0 && imag(a) == 0 { // NumPy 2: zero where b's real part is positive
		if br > 0 {
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
			return cmul[F](a, a)
		case 3:
			return cmul[F](a, cmul[F](a, a))
		}
		if n < 0 {
			n = -n
		}
		r, p := complex128(1), a
		for mask := 1; ; mask <<= 1 {
			if n&mask != 0 {
				r = cmul[F](r, p)
			}
			if n < mask<<1 {
				break
			}
			p = cmul[F](p, p)
		}
		if br < 0 {
			return cdiv[F](1, r)
		}
		return r
	}
	return cexp(cmul[float64](b, cmplx.Log(a)))
}

// csqrt is C99's csqrt: cmplx.Sqrt with C's answers for infinite and NaN
// parts (csqrt(NaN+0i) is NaN+NaNi, not NaN+0i).
func csqrt(z complex128) complex128 {
	r, i := real(z), imag(z)
	switch {
	case math.IsInf(i, 0):
		return complex(math.Inf(1), i)
	case math.IsInf(r, -1):
		if math.IsNaN(i) {
			return complex(math.NaN(), math.Inf(1))
		}
		return complex(0, math.Copysign(math.Inf(1), i))
	case math.IsInf(r, 1):
		if math.IsNaN(i) {
			return complex(r, i)
		}
		return complex(r, math.Copysign(0, i))
	case math.IsNaN(r) || math.IsNaN(i):
		return complex(math.NaN(), math.NaN())
	}
	return cmplx.Sqrt(z)
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
