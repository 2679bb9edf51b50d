package array

import (
	"math"

	"github.com/cugo/cugo/dtype"
)

// NanToNumOption is an optional argument of NanToNum, as np.nan_to_num's
// keyword arguments.
type NanToNumOption func(*nanToNumConfig)

type nanToNumConfig struct {
	nan            float64
	posInf, negInf *float64 // nil: the dtype's largest finite values
}

// ReplaceNaN is the value that replaces NaN (nan=; default 0).
func ReplaceNaN(v float64) NanToNumOption { return func(c *nanToNumConfig) { c.nan = v } }

// ReplacePosInf is the value that replaces +inf (posinf=; default the
// dtype's largest finite value).
func ReplacePosInf(v float64) NanToNumOption { return func(c *nanToNumConfig) { c.posInf = &v } }

// ReplaceNegInf is the value that replaces -inf (neginf=; default the
// dtype's most negative finite value).
func ReplaceNegInf(v float64) NanToNumOption { return func(c *nanToNumConfig) { c.negInf = &v } }

// NanToNum returns a copy of x with NaN, +inf and -inf replaced by finite
// numbers, as np.nan_to_num(x): in complex numbers, in each part apart.
// Integers and bool are copied as they are. A replacement is cast to x's
// dtype (a value out of float32's range becomes inf, as in NumPy).
func NanToNum(x *Array, opts ...NanToNumOption) *Array {
	const op = "NanToNum"
	if err := x.checkOp(op); err != nil {
		return &Array{err: err}
	}
	var c nanToNumConfig
	for _, o := range opts {
		o(&c)
	}
	switch x.dt.Kind() {
	case dtype.ComplexKind:
		return complexFromParts(op, nanToNumReal(Real(x), c), nanToNumReal(Imag(x), c))
	case dtype.FloatKind:
		return failedAs(op, nanToNumReal(x, c))
	}
	return failedAs(op, x.Copy())
}

// nanToNumReal is NanToNum of a real float array.
func nanToNumReal(x *Array, c nanToNumConfig) *Array {
	if x.err != nil {
		return x
	}
	big := largestFinite(x.dt)
	posInf, negInf := big, -big
	if c.posInf != nil {
		posInf = *c.posInf
	}
	if c.negInf != nil {
		negInf = *c.negInf
	}
	inf := IsInf(x)
	r := Where(IsNaN(x), c.nan, x)
	r = Where(LogicalAnd(inf, Greater(x, 0)), posInf, r)
	return Where(LogicalAnd(inf, Less(x, 0)), negInf, r)
}

// largestFinite is the largest finite value of a float dtype.
func largestFinite(dt DType) float64 {
	switch dt {
	case Float16:
		return 65504
	case BFloat16:
		return 0x1.fep127
	case Float32:
		return math.MaxFloat32
	}
	return math.MaxFloat64
}
