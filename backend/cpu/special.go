package cpu

import (
	"math"

	"github.com/cugo/cugo/dtype"
)

// Scalar functions of fmod, gcd, lcm, heaviside, logaddexp(2), nextafter,
// spacing, sinc, modf, frexp and ldexp, as NumPy's npy_math computes them.
// Float values arrive as float64 holding a value of the node's dtype dt;
// those whose answer depends on the format (nextafter, spacing) take dt.

// fmodInt is C's % with NumPy's guard: x fmod 0 = 0 (MinInt % -1 is 0 in Go).
func fmodInt[T integer](a, b T) T {
	if b == 0 {
		return 0
	}
	return a % b
}

// absU is |v| as an unsigned number (2^63 for the most negative int64).
func absU[T integer](v T) uint64 {
	if v < 0 {
		return -uint64(v)
	}
	return uint64(v)
}

// gcdU is Euclid's algorithm.
func gcdU(a, b uint64) uint64 {
	for b != 0 {
		a, b = b, a%b
	}
	return a
}

// gcd is the gcd of |a| and |b|, computed unsigned as npy_gcd (so the
// most negative value's magnitude is exact) and converted back.
func gcd[T integer](a, b T) T { return T(gcdU(absU(a), absU(b))) }

// lcm is |a| / gcd · |b| computed unsigned, 0 when both are 0, as npy_lcm;
// the conversion back wraps.
func lcm[T integer](a, b T) T {
	ua, ub := absU(a), absU(b)
	g := gcdU(ua, ub)
	if g == 0 {
		return 0
	}
	return T(ua / g * ub)
}

func heaviside(x, h0 float64) float64 {
	switch {
	case x < 0:
		return 0
	case x > 0:
		return 1
	case x == 0:
		return h0
	}
	return x // NaN
}

// logaddexp is log(e^x + e^y) without overflow, as npy_logaddexp; below
// float64 its steps round to float32, as NumPy's float32 and float16 loops.
func logaddexp(x, y float64, dt dtype.DType) float64 {
	if x == y { // also for infinities of one sign
		return x + math.Ln2
	}
	return logAddParts(x, y, func(d float64) float64 { return math.Log1p(exp(d)) }, dt)
}

// logaddexp2 is log2(2^x + 2^y), as npy_logaddexp2.
func logaddexp2(x, y float64, dt dtype.DType) float64 {
	if x == y {
		return x + 1
	}
	return logAddParts(x, y, func(d float64) float64 { return math.Log1p(math.Exp2(d)) * math.Log2E }, dt)
}

// logAddParts is max(x, y) + f(-|x - y|), NaN if either is NaN.
func logAddParts(x, y float64, f func(float64) float64, dt dtype.DType) float64 {
	step := dtype.Float64
	if dt != dtype.Float64 {
		step = dtype.Float32
	}
	switch d := roundTo(x-y, step); {
	case d > 0:
		return x + roundTo(f(-d), step)
	case d <= 0:
		return y + roundTo(f(d), step)
	default:
		return d
	}
}

// nextafter is the next value of dtype dt after x toward y.
func nextafter(x, y float64, dt dtype.DType) float64 {
	if x == y { // C's nextafter gives y (nextafter(0, -0) is -0), as NumPy 2.5's float16 loop
		return y
	}
	switch dt {
	case dtype.Float64:
		return math.Nextafter(x, y)
	case dtype.Float32:
		return float64(math.Nextafter32(float32(x), float32(y)))
	}
	switch {
	case x != x || y != y:
		return math.NaN()
	case x == 0:
		tiny := math.Ldexp(1, -24) // float16's smallest subnormal
		if dt == dtype.BFloat16 {
			tiny = math.Ldexp(1, -133)
		}
		return math.Copysign(tiny, y)
	}
	step := uint16(1)
	if (y > x) != (x > 0) {
		step = ^uint16(0) // -1: toward zero
	}
	if dt == dtype.BFloat16 {
		return (dtype.BF16FromFloat64(x) + dtype.BF16(step)).Float64()
	}
	return (dtype.F16FromFloat64(x) + dtype.F16(step)).Float64()
}

// spacing is the distance from x to the next value of dtype dt away from
// zero (negative for x < 0, positive for -0); NaN for NaN and ±inf.
// NumPy's float16 spacing always steps toward +inf (positive results).
func spacing(x float64, dt dtype.DType) float64 {
	if math.IsInf(x, 0) {
		return math.NaN()
	}
	toward := math.Inf(1)
	if x < 0 && dt != dtype.Float16 {
		toward = math.Inf(-1)
	}
	return nextafter(x, toward, dt) - x
}

// sinc is sin(πx)/(πx) and 1 at 0. As np.sinc, it computes y = π·x and
// sin(y) in dtype dt, each rounded; for large x that rounding decides the
// answer.
func sinc(x float64, dt dtype.DType) float64 {
	if x == 0 {
		return 1
	}
	y := roundTo(roundTo(math.Pi, dt)*x, dt)
	s := sin(y)
	if math.Abs(s) < 1e-3 { // near a multiple of π math.Sin loses the small result's low bits
		s = quadrant(trigParts(y))
	}
	return roundTo(s, dt) / y
}

// roundTo rounds v to the nearest value of float dtype dt.
func roundTo(v float64, dt dtype.DType) float64 {
	switch dt {
	case dtype.Float16:
		return dtype.F16FromFloat64(v).Float64()
	case dtype.BFloat16:
		return dtype.BF16FromFloat64(v).Float64()
	case dtype.Float32:
		return float64(float32(v))
	}
	return v
}

// modfFrac is C's modf's fractional part: ±0 for ±inf.
func modfFrac(x float64) float64 {
	if math.IsInf(x, 0) {
		return math.Copysign(0, x)
	}
	_, f := math.Modf(x)
	return f
}

// ldexp is x·2^e for an integer-valued float e (saturated: beyond ±2^16
// every finite x overflows or underflows alike).
func ldexp(x, e float64) float64 {
	if math.IsNaN(e) { // no exponent: NaN, as the GPU kernels give
		return e
	}
	return math.Ldexp(x, int(max(-1<<16, min(1<<16, e))))
}
