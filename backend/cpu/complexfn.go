package cpu

import (
	"math"
	"math/cmplx"

	"github.com/cugo/cugo/internal/ir"
)

// The complex transcendental functions beyond exp and log, composed as
// the GPU's generated C composes them (backend/cgen/complexfn.go), so
// that both backends agree: circular and hyperbolic functions from real
// ones, their inverses through log and sqrt with the symmetries that
// avoid cancellation, and exp2, expm1, log2, log10, log1p as NumPy's
// nc_* functions.

func csinh(z complex128) complex128 {
	return complex(math.Sinh(real(z))*math.Cos(imag(z)), math.Cosh(real(z))*math.Sin(imag(z)))
}

func ccosh(z complex128) complex128 {
	return complex(math.Cosh(real(z))*math.Cos(imag(z)), math.Sinh(real(z))*math.Sin(imag(z)))
}

// ctanh is Kahan's algorithm; beyond |x| = 20 the result is ±1 to the last bit.
func ctanh(z complex128) complex128 {
	x, y := real(z), imag(z)
	if math.Abs(x) > 20 {
		return complex(math.Copysign(1, x), math.Copysign(0, math.Sin(y)*math.Cos(y)))
	}
	t, s := math.Tan(y), math.Sinh(x)
	b := 1 + t*t
	rho, d := math.Sqrt(1+s*s), 1+b*s*s
	return complex(b*rho*s/d, t/d)
}

// mulI and divI turn f(iz) into the circular functions: sin z = -i sinh(iz).
func mulI(z complex128) complex128 { return complex(-imag(z), real(z)) }
func divI(z complex128) complex128 { return complex(imag(z), -real(z)) }

// scale multiplies z's parts by the real s one by one: z * s as a complex
// product would turn 0 * ±inf in the cross terms into NaN parts.
func scale(z complex128, s float64) complex128 { return complex(real(z)*s, imag(z)*s) }

// The inverse functions work in the first quadrant, where no sum cancels,
// and carry the signs of z's parts over to the result's (asinh and atanh
// are odd and commute with conj; copying the sign of a -0 puts the result
// on the right side of a branch cut). They go through log1p rather than
// log so that small results keep their relative accuracy, and beyond
// bigArg, where z² would overflow, asinh z and acosh z are log 2z to the
// last bit.

const bigArg = 1e150

func casinh(z complex128) complex128 {
	x, y := math.Abs(real(z)), math.Abs(imag(z))
	var r complex128
	switch {
	case math.Max(x, y) > bigArg:
		r = complex(math.Ln2+math.Log(math.Hypot(x, y)), math.Atan2(y, x))
	case y == 0:
		r = complex(math.Asinh(x), 0)
	case x == 0 && y > 1: // the branch cut
		r = complex(math.Acosh(y), math.Pi/2)
	case x == 0 && y <= 1:
		r = complex(0, math.Asin(y))
	default:
		// asinh z = log1p(z + z²/(1 + √(z² + 1))), the real part of z² + 1
		// as (1 - y)(1 + y) + x², exact where y is near 1
		q := complex(x, y)
		s := cmplx.Sqrt(complex((1-y)*(1+y)+x*x, 2*x*y))
		r = accurateLog1p(q + q*q/(1+s))
	}
	return complex(math.Copysign(real(r), real(z)), math.Copysign(imag(r), imag(z)))
}

func cacosh(z complex128) complex128 {
	x, y := real(z), imag(z)
	var r complex128
	switch {
	case math.Max(math.Abs(x), math.Abs(y)) > bigArg:
		return complex(math.Ln2+math.Log(cmplx.Abs(z)), math.Atan2(y, x))
	case y == 0 && math.Abs(x) <= 1:
		r = complex(0, math.Acos(x))
	case y == 0 && x > 1:
		r = complex(math.Acosh(x), 0)
	case y == 0 && x < -1:
		r = complex(math.Acosh(-x), math.Pi)
	case x == 0: // NaN + ½πi for y NaN, as C99's
		r = complex(math.Asinh(math.Abs(y)), math.Pi/2)
	default:
		// acosh z = log1p((z - 1) + √(z + 1)·√(z - 1)), each shift of the
		// real part alone so that a -0 imaginary part stays -0; the real
		// part is never negative, cancellation aside
		zm := complex(x-1, y)
		r = accurateLog1p(zm + cmplx.Sqrt(complex(x+1, y))*cmplx.Sqrt(zm))
		if real(r) <= 0 {
			r = complex(0, imag(r))
		}
		return r
	}
	return complex(real(r), math.Copysign(imag(r), y))
}

// catanh is ¼ log1p(4x / ((1 - x)² + y²)) + ½ i atan2(2y, (1 - x)(1 + x) - y²)
// in the first quadrant, and 0 + ½πi at infinity.
func catanh(z complex128) complex128 {
	x, y := math.Abs(real(z)), math.Abs(imag(z))
	re := math.Log1p(4*x/((1-x)*(1-x)+y*y)) / 4
	im := math.Atan2(2*y, (1-x)*(1+x)-y*y) / 2
	switch {
	case x == 0: // atanh iy = i atan y, NaN too
		re, im = 0, math.Atan(y)
	case math.IsInf(x, 0) || math.IsInf(y, 0):
		re, im = 0, math.Pi/2
		if math.IsNaN(y) {
			im = y
		}
	}
	return complex(math.Copysign(re, real(z)), math.Copysign(im, imag(z)))
}

// accurateLog1p is log(1 + w) with |1 + w|² summed from w's parts, to the
// last bits for small w (NumPy's log1p ufunc, ir.Log1p, is the plainer
// log|1 + w| + i arg(1 + w)).
func accurateLog1p(w complex128) complex128 {
	u, v := real(w), imag(w)
	return complex(math.Log1p(u*(2+u)+v*v)/2, math.Atan2(v, 1+u))
}

func casin(z complex128) complex128 { return divI(casinh(mulI(z))) }

// cacos is ∓i acosh z, with the real part in [0, π] and the imaginary
// part's sign opposite to z's: as π/2 - asin z it would lose the small
// results to cancellation.
func cacos(z complex128) complex128 {
	a := cacosh(z)
	return complex(math.Abs(imag(a)), math.Copysign(real(a), -imag(z)))
}

// complexFuncs are the functions above by op.
var complexFuncs = map[ir.Op]func(complex128) complex128{
	ir.Sin:     func(z complex128) complex128 { return divI(csinh(mulI(z))) },
	ir.Cos:     func(z complex128) complex128 { return ccosh(mulI(z)) },
	ir.Tan:     func(z complex128) complex128 { return divI(ctanh(mulI(z))) },
	ir.Arcsin:  casin,
	ir.Arccos:  cacos,
	ir.Arctan:  func(z complex128) complex128 { return divI(catanh(mulI(z))) },
	ir.Sinh:    csinh,
	ir.Cosh:    ccosh,
	ir.Tanh:    ctanh,
	ir.Arcsinh: casinh,
	ir.Arccosh: cacosh,
	ir.Arctanh: catanh,
	ir.Log2:    func(z complex128) complex128 { return scale(cmplx.Log(z), 1/math.Ln2) },
	ir.Log10:   func(z complex128) complex128 { return scale(cmplx.Log(z), 1/math.Ln10) },
	ir.Exp2:    func(z complex128) complex128 { return cexp(scale(z, math.Ln2)) },
	ir.Expm1: func(z complex128) complex128 {
		h := math.Sin(imag(z) / 2)
		return complex(math.Expm1(real(z))*math.Cos(imag(z))-2*h*h, math.Exp(real(z))*math.Sin(imag(z)))
	},
	ir.Log1p: func(z complex128) complex128 {
		return complex(math.Log(math.Hypot(real(z)+1, imag(z))), math.Atan2(imag(z), real(z)+1))
	},
	ir.Sinc: csinc,
}

// csinc is NumPy's formula, sin(y)/y with y = π·(z, or 1e-20 where z is 0).
func csinc(z complex128) complex128 {
	if z == 0 {
		z = 1e-20
	}
	y := z * math.Pi
	return divI(csinh(mulI(y))) / y
}
