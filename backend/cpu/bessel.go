package cpu

import (
	"math"
	"math/bits"

	"github.com/cugo/cugo/dtype"
	"github.com/cugo/cugo/internal/cephes"
)

// i0 is np.i0 of x in dtype dt: Cephes' Chebyshev series as NumPy
// evaluates it, each operation rounded to dt as NumPy's loops round (in
// float64, each step is exactly rounded to dt: float64 holds the exact
// result of a float32 or float16 +, -, *, / closely enough that rounding
// it again gives the correctly rounded answer).
func i0(x float64, dt dtype.DType) float64 {
	r := func(v float64) float64 { return roundTo(v, dt) }
	x = math.Abs(x)
	if x <= 8 {
		return r(r(exp(x)) * chbevl(r(r(x/2)-2), cephes.I0A, r))
	}
	return r(r(r(exp(x))*chbevl(r(r(32/x)-2), cephes.I0B, r)) / r(math.Sqrt(x)))
}

// chbevl is Cephes' Clenshaw recurrence of the Chebyshev series c at x,
// with the coefficients and every step rounded by r.
func chbevl(x float64, c []float64, r func(float64) float64) float64 {
	b0, b1, b2 := r(c[0]), 0.0, 0.0
	for _, v := range c[1:] {
		b2, b1 = b1, b0
		b0 = r(r(r(x*b1)-b2) + r(v))
	}
	return r(0.5 * r(b0-b2))
}

// bitwiseCount is the number of 1-bits of |v| (NumPy's bitwise_count).
func bitwiseCount[T integer](v T) uint64 { return uint64(bits.OnesCount64(absU(v))) }
