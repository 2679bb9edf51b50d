package array

import (
	"fmt"
	"math"

	"github.com/cugo/cugo/dtype"
)

// InterpOption is an optional argument of Interp, as np.interp's keyword
// arguments.
type InterpOption func(*interpConfig)

type interpConfig struct {
	left, right any // Go numbers; nil: fp's first and last values
	period      float64
	periodic    bool
}

// InterpLeft is the value for x below xp[0] (np.interp's left=; default
// fp[0]): a Go number, complex only where fp is complex.
func InterpLeft(v any) InterpOption { return func(c *interpConfig) { c.left = v } }

// InterpRight is the value for x above xp[-1] (right=; default fp[-1]).
func InterpRight(v any) InterpOption { return func(c *interpConfig) { c.right = v } }

// InterpPeriod makes xp periodic with period p (period=): x and xp are
// taken modulo |p|, xp need not be sorted, and InterpLeft and
// InterpRight are ignored. A period of 0 is an error.
func InterpPeriod(p float64) InterpOption {
	return func(c *interpConfig) { c.period, c.periodic = p, true }
}

// Interp returns the piecewise-linear interpolant of the points (xp, fp)
// at x, as np.interp(x, xp, fp, left, right, period): float64 of x's
// shape, complex128 where fp is complex. xp must be increasing (unless
// periodic; this is not checked, as in NumPy), xp and fp 1-d of one
// length, at least one point. A NaN x gives NaN; an x equal to a point
// gives its fp exactly, and where the slope formula gives NaN between
// finite and infinite values, NumPy's fallbacks apply.
//
// Each x finds its interval by SearchSorted on the array's device, and
// the interpolation is elementwise: nothing runs on the host.
func Interp(x, xp, fp *Array, opts ...InterpOption) *Array {
	const op = "Interp"
	if err := checkAll(op, "", []*Array{x, xp, fp}); err != nil {
		return &Array{err: err}
	}
	var c interpConfig
	for _, o := range opts {
		o(&c)
	}
	isComplex := fp.dt.Kind() == dtype.ComplexKind
	res := Float64
	if isComplex {
		res = Complex128
	}
	for i, a := range []*Array{x, xp} {
		if a.dt.Kind() == dtype.ComplexKind {
			return errorf(op, "%s must be real, not %v", [2]string{"x", "xp"}[i], a.dt)
		}
	}
	if xp.NDim() != 1 || fp.NDim() != 1 {
		return errorf(op, "xp and fp must be 1-d sequences, not %d-d and %d-d", xp.NDim(), fp.NDim())
	}
	n := xp.shape[0]
	if n == 0 {
		return errorf(op, "array of sample points is empty")
	}
	if fp.shape[0] != n {
		return errorf(op, "fp and xp are not of the same length (%d and %d)", fp.shape[0], n)
	}
	x, xp, fp = x.AsType(Float64), xp.AsType(Float64), fp.AsType(res)
	left, right, err := interpBounds(c, fp, isComplex)
	if err != nil {
		return failed(op, err)
	}
	if c.periodic {
		if c.period == 0 {
			return errorf(op, "period must be a non-zero value")
		}
		x, xp, fp = periodicPoints(x, xp, fp, math.Abs(c.period))
		n += 2
		left, right = [2]any{fp.Index(I(0)), nil}, [2]any{fp.Index(I(-1)), nil}
	}
	// x's conversion can fail (memory), leaving no buffer to allocate on.
	if x.err == nil && x.Size() == 0 {
		return On(x.st.b).alloc(op, res, x.shape)
	}
	var r *Array
	if !isComplex {
		r = interpReal(x, xp, fp, n, left[0], right[0], x)
	} else {
		nanImag := 0.0
		re := interpReal(x, xp, Real(fp), n, realPart(left), realPart(right), x)
		im := interpReal(x, xp, Imag(fp), n, imagPart(left), imagPart(right), nanImag)
		r = complexFromParts(op, re, im)
	}
	return failedAs(op, r)
}

// interpBounds returns the values of Interp left and right of the
// points: the options' Go numbers (as real and imaginary parts where fp
// is complex) or fp's first and last elements.
func interpBounds(c interpConfig, fp *Array, isComplex bool) (left, right [2]any, err error) {
	bound := func(v any, end int) ([2]any, error) {
		if v == nil {
			return [2]any{fp.Index(I(end)), nil}, nil
		}
		s, ok := scalarOf(v)
		if !ok {
			return [2]any{}, fmt.Errorf("left and right must be Go numbers, not %T", v)
		}
		if s.kind == dtype.ComplexScalar && !isComplex {
			return [2]any{}, fmt.Errorf("a complex left or right needs complex fp")
		}
		return [2]any{real(s.c), imag(s.c)}, nil
	}
	if left, err = bound(c.left, 0); err == nil {
		right, err = bound(c.right, -1)
	}
	return left, right, err
}

// realPart and imagPart split a bound of interpBounds for complex fp.
func realPart(b [2]any) any {
	if a, ok := b[0].(*Array); ok {
		return Real(a)
	}
	return b[0]
}

func imagPart(b [2]any) any {
	if a, ok := b[0].(*Array); ok {
		return Imag(a)
	}
	return b[1]
}

// periodicPoints returns x and xp modulo period, and xp sorted with fp
// in its order, extended by the last point one period earlier and the
// first one period later, as np.interp does with period=.
func periodicPoints(x, xp, fp *Array, period float64) (*Array, *Array, *Array) {
	x, xp = Mod(x, period), Mod(xp, period)
	order := ArgSort(xp, 0)
	xp, fp = Take(xp, order), Take(fp, order)
	xp = Concatenate([]*Array{Sub(xp.Index(From(-1)), period), xp, Add(xp.Index(To(1)), period)}, 0)
	fp = Concatenate([]*Array{fp.Index(From(-1)), fp, fp.Index(To(1))}, 0)
	return x, xp, fp
}

// interpReal interpolates the real values f at the n points xp (n >= 1)
// as NumPy's compiled interp does, with nanValue where x is NaN.
func interpReal(x, xp, f *Array, n int, left, right, nanValue any) *Array {
	first, last := xp.Index(I(0)), xp.Index(I(-1))
	if n == 1 {
		return Where(Less(x, first), left, Where(Greater(x, last), right, f.Index(I(0))))
	}
	// j: the last point at or below x (-1 below xp[0]), as NumPy's search.
	j := Sub(SearchSorted(xp, x, Right, nil), 1)
	lo := Clip(j, 0, n-2)
	hi := Add(lo, 1)
	xlo, xhi, flo, fhi := Take(xp, lo), Take(xp, hi), Take(f, lo), Take(f, hi)
	slope := Div(Sub(fhi, flo), Sub(xhi, xlo))
	r := Add(Mul(slope, Sub(x, xlo)), flo)
	// A NaN from inf-inf or 0·inf: from the other end, or the flat value.
	other := Add(Mul(slope, Sub(x, xhi)), fhi)
	other = Where(LogicalAnd(IsNaN(other), Equal(flo, fhi)), flo, other)
	r = Where(IsNaN(r), other, r)
	r = Where(Equal(x, xlo), flo, r)
	r = Where(Equal(j, n-1), f.Index(I(-1)), r)
	r = Where(Greater(x, last), right, r)
	r = Where(Less(x, first), left, r)
	return Where(IsNaN(x), nanValue, r)
}
