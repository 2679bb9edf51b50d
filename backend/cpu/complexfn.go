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

func casinh(z complex128) complex128 {
	if real(z) < 0 {
		return -casinh(-z)
	}
	return cmplx.Log(z + cmplx.Sqrt(z*z+1))
}

func cacosh(z complex128) complex128 {
	return cmplx.Log(z + cmplx.Sqrt(z+1)*cmplx.Sqrt(z-1))
}

func catanh(z complex128) complex128 {
	return (cmplx.Log(1+z) - cmplx.Log(1-z)) / 2
}

func casin(z complex128) complex128 { return divI(casinh(mulI(z))) }

// complexFuncs are the functions above by op.
var complexFuncs = map[ir.Op]func(complex128) complex128{
	ir.Sin:     func(z complex128) complex128 { return divI(csinh(mulI(z))) },
	ir.Cos:     func(z complex128) complex128 { return ccosh(mulI(z)) },
	ir.Tan:     func(z complex128) complex128 { return divI(ctanh(mulI(z))) },
	ir.Arcsin:  casin,
	ir.Arccos:  func(z complex128) complex128 { return complex(math.Pi/2, 0) - casin(z) },
	ir.Arctan:  func(z complex128) complex128 { return divI(catanh(mulI(z))) },
	ir.Sinh:    csinh,
	ir.Cosh:    ccosh,
	ir.Tanh:    ctanh,
	ir.Arcsinh: casinh,
	ir.Arccosh: cacosh,
	ir.Arctanh: catanh,
	ir.Log2:    func(z complex128) complex128 { return cmplx.Log(z) * (1 / math.Ln2) },
	ir.Log10:   func(z complex128) complex128 { return cmplx.Log(z) * (1 / math.Ln10) },
	ir.Exp2:    func(z complex128) complex128 { return cexp(z * math.Ln2) },
	ir.Expm1: func(z complex128) complex128 {
		h := math.Sin(imag(z) / 2)
		return complex(math.Expm1(real(z))*math.Cos(imag(z))-2*h*h, math.Exp(real(z))*math.Sin(imag(z)))
	},
	ir.Log1p: func(z complex128) complex128 {
		return complex(math.Log(math.Hypot(real(z)+1, imag(z))), math.Atan2(imag(z), real(z)+1))
	},
}
