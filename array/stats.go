package array

import (
	"fmt"
	"math"

	"github.com/cugo/cugo/dtype"
)

// Order statistics and other NumPy statistics, composed from the sort,
// gathers and elementwise kernels.

// Method is how Quantile and Percentile pick a value between two
// elements of the sorted data (NumPy's method=).
type Method uint8

const (
	Linear   Method = iota // interpolate (NumPy's default)
	Lower                  // the element below
	Higher                 // the element above
	Nearest                // the nearer element, the even index on a tie
	Midpoint               // the mean of the two
	median                 // the mean of the two middle elements, as np.median
)

// Quantile returns the q-th quantiles of a along axis (AxisNone: of the
// flattened array), as np.quantile(a, q, axis, method=m). q is a float64
// in [0, 1], giving the reduced shape, or a []float64, giving one more
// leading axis of len(q). The result is float64 for integer and bool
// input and a's dtype for floats; a NaN along the axis gives NaN.
func Quantile(a *Array, q any, axis int, m Method) *Array {
	return quantile("Quantile", a, q, 1, axis, m, false)
}

// Percentile is Quantile with q in [0, 100] (np.percentile).
func Percentile(a *Array, q any, axis int, m Method) *Array {
	return quantile("Percentile", a, q, 100, axis, m, false)
}

// Median returns the median along axis, as np.median.
func Median(a *Array, axis int) *Array { return quantile("Median", a, 0.5, 1, axis, median, false) }

// NanQuantile is Quantile ignoring NaN (NaN where all are NaN).
func NanQuantile(a *Array, q any, axis int, m Method) *Array {
	return quantile("NanQuantile", a, q, 1, axis, m, true)
}

// NanPercentile is Percentile ignoring NaN.
func NanPercentile(a *Array, q any, axis int, m Method) *Array {
	return quantile("NanPercentile", a, q, 100, axis, m, true)
}

// NanMedian is Median ignoring NaN.
func NanMedian(a *Array, axis int) *Array {
	return quantile("NanMedian", a, 0.5, 1, axis, median, true)
}

// quantile sorts a along axis (moved last) and reads the quantiles of
// each row from it: per row, the count of elements (not NaN where
// skipNaN) gives the virtual index h = (count-1)*q of each quantile, and
// the method gives the two elements and the weight between them.
func quantile(op string, a *Array, q any, scale float64, axis int, m Method, skipNaN bool) *Array {
	if err := a.checkOp(op); err != nil {
		return &Array{err: err}
	}
	qs, one := []float64(nil), false
	switch q := q.(type) {
	case float64:
		qs, one = []float64{q}, true
	case []float64:
		qs = q
	default:
		return errorf(op, "q is a %T (want float64 or []float64)", q)
	}
	for _, x := range qs {
		if !(x >= 0 && x <= scale) {
			return errorf(op, "quantiles must be in the range [0, %v], not %v", scale, x)
		}
	}
	res := a.dt
	switch a.dt.Kind() {
	case dtype.ComplexKind:
		return errorf(op, "a must be an array of real numbers, not %v", a.dt)
	case dtype.BoolKind:
		if m != median {
			return errorf(op, "cannot interpolate between bool elements")
		}
		res = Float64
	case dtype.IntKind, dtype.UintKind:
		res = Float64
	}
	if axis == AxisNone {
		a, axis = a.Ravel(), 0
	}
	ax, err := NormalizeAxis(axis, len(a.shape))
	if err != nil {
		return failed(op, err)
	}
	n := a.shape[ax]
	if n == 0 {
		return errorf(op, "cannot take quantiles of an empty axis")
	}
	moved := a.Transpose(moveLast(len(a.shape), ax)...)
	if count, ok := selectableCount(moved, skipNaN); ok {
		fractions := make([]float64, len(qs))
		for i, x := range qs {
			fractions[i] = x / scale
		}
		results, err := quantileBySelection(op, moved, fractions, m, count, skipNaN)
		if err != nil {
			return failed(op, err)
		}
		if results != nil {
			return stackQuantiles(op, results, one, res)
		}
	}
	sorted := Sort(moved, -1).AsType(Float64)
	last := len(a.shape) - 1
	var count *Array // elements per row, float64 of the rows' shape with the axis kept
	if skipNaN {
		count = CountNonzero(LogicalNot(IsNaN(sorted)), Axis(-1), KeepDims()).AsType(Float64)
	} else {
		ones := make([]int, len(a.shape))
		for i := range ones {
			ones[i] = 1
		}
		count = On(a.st.b).Full(Float64, n, ones...)
	}
	top := Maximum(Sub(count, 1), 0)
	var lastNaN *Array // whether a row holds a NaN (sorted last)
	if !skipNaN {
		lastNaN = IsNaN(sorted.Index(Ellipsis, From(n-1)))
	}
	var results []*Array
	for _, x := range qs {
		x /= scale
		h := Mul(Sub(count, 1), x)
		lo, hi, g := h, h, (*Array)(nil)
		switch m {
		case Linear:
			lo = Floor(h)
			hi, g = Add(lo, 1), Sub(h, lo)
		case Lower:
			lo = Floor(h)
		case Higher:
			lo = Ceil(h)
		case Nearest:
			lo = Rint(h)
		case Midpoint:
			lo = Floor(h)
			hi, g = Add(lo, 1), Where(Equal(h, lo), 0.0, 0.5)
		case median:
			lo, hi = Floor(Div(Sub(count, 1), 2)), Floor(Div(count, 2))
		default:
			return errorf(op, "unknown method %d", m)
		}
		pick := func(i *Array) *Array {
			return TakeAlongAxis(sorted, Clip(i, 0, top).AsType(Int64), last)
		}
		vlo := pick(lo)
		r := vlo
		switch m {
		case median:
			r = Div(Add(vlo, pick(hi)), 2)
		case Linear, Midpoint: // NumPy's lerp: from the nearer end
			vhi := pick(hi)
			diff := Sub(vhi, vlo)
			r = Where(GreaterEqual(g, 0.5), Sub(vhi, Mul(diff, Sub(1.0, g))), Add(vlo, Mul(diff, g)))
		}
		if skipNaN {
			r = Where(Equal(count, 0), math.NaN(), r)
		} else {
			r = Where(lastNaN, math.NaN(), r)
		}
		results = append(results, r.Squeeze(last))
	}
	return stackQuantiles(op, results, one, res)
}

// selectableCount is the number of elements of each row of a (its last
// axis) that its quantiles are taken over, where they can be selected:
// all of them, or without NaN (skipNaN) the elements that are not NaN
// where that number is the same for every row: of an integer array, or of
// one row (counted on the device, one value read back). Rows of NaN only
// are left to the sort, which gives them NaN.
func selectableCount(a *Array, skipNaN bool) (int, bool) {
	n := a.shape[len(a.shape)-1]
	if !skipNaN || a.dt.Kind() != dtype.FloatKind {
		return n, true
	}
	if a.Size() != n {
		return 0, false
	}
	nans, err := Item[int64](CountNonzero(IsNaN(a)))
	if err != nil || int(nans) == n {
		return 0, false
	}
	return n - int(nans), true
}

// stackQuantiles returns the one quantile, or the quantiles stacked on a
// new first axis, as dtype res.
func stackQuantiles(op string, results []*Array, one bool, res DType) *Array {
	out := results[0]
	if !one {
		out = Stack(results, 0)
	}
	if out.err != nil {
		return failed(op, out.err)
	}
	return out.AsType(res)
}

// Diff returns the n-th discrete difference along axis, as np.diff:
// out[i] = a[i+1] - a[i], n times (for bool, a[i+1] != a[i]).
func Diff(a *Array, n, axis int) *Array {
	const op = "Diff"
	if err := a.checkOp(op); err != nil {
		return &Array{err: err}
	}
	if n < 0 {
		return errorf(op, "order must be non-negative but got %d", n)
	}
	if len(a.shape) == 0 {
		return errorf(op, "diff requires input that is at least one dimensional")
	}
	ax, err := NormalizeAxis(axis, len(a.shape))
	if err != nil {
		return failed(op, err)
	}
	for i := range n {
		l := a.shape[ax]
		if i > 0 && l == 0 { // every further difference is this empty array again
			break
		}
		next, prev := a.sliceAxis(ax, min(1, l), l), a.sliceAxis(ax, 0, max(l-1, 0))
		if a.dt == Bool {
			a = NotEqual(next, prev)
		} else {
			a = Sub(next, prev)
		}
		if a.err != nil {
			return failed(op, a.err)
		}
	}
	return a
}

// Ptp returns the range (max - min) along the axes (np.ptp).
func Ptp(a *Array, opts ...ReduceOption) *Array {
	return Sub(Max(a, opts...), Min(a, opts...))
}

// Average returns the mean along the axes weighted by weights, which has
// a's shape (np.average(a, axis, weights)); nil weights give Mean.
func Average(a, weights *Array, opts ...ReduceOption) *Array {
	if weights == nil {
		return Mean(a, opts...)
	}
	if err := checkAll("Average", "", []*Array{a, weights}); err != nil {
		return &Array{err: err}
	}
	if !equalShapes(a.shape, weights.shape) {
		return errorf("Average", "weights of shape %v differ from the array's %v", weights.shape, a.shape)
	}
	return Div(Sum(Mul(a, weights), opts...), Sum(weights, opts...))
}

func equalShapes(x, y []int) bool {
	if len(x) != len(y) {
		return false
	}
	for i := range x {
		if x[i] != y[i] {
			return false
		}
	}
	return true
}

// Isclose reports elementwise whether |a - b| <= atol + rtol*|b|, as
// np.isclose: infinities are close only to themselves, and NaN to NaN
// only with equalNaN.
func Isclose(a, b any, rtol, atol float64, equalNaN bool) *Array {
	a, b = sameDeviceOperands(a, b), sameDeviceOperands(b, a)
	diff := Abs(Sub(a, b))
	finite := LogicalAnd(IsFinite(a), IsFinite(b))
	close := LogicalAnd(finite, LessEqual(diff, Add(atol, Mul(rtol, Abs(b)))))
	close = LogicalOr(close, LogicalAnd(LogicalNot(finite), Equal(a, b)))
	if equalNaN {
		close = LogicalOr(close, LogicalAnd(IsNaN(a), IsNaN(b)))
	}
	return close
}

// sameDeviceOperands returns x, or, where x is a Go number and other an
// array, x as a 0-d array on other's device, of other's dtype where that
// is inexact (as a weak scalar would be): the ufuncs Isclose applies to x
// alone (IsFinite, IsNaN, Abs) must not run it on the default device.
func sameDeviceOperands(x, other any) any {
	arr, ok := other.(*Array)
	if _, isArray := x.(*Array); isArray || !ok || arr.Err() != nil {
		return x
	}
	d := On(arr.st.b)
	if k := arr.dt.Kind(); k == dtype.FloatKind || k == dtype.ComplexKind {
		return d.Full(arr.dt, x)
	}
	return d.Scalar(x)
}

// Allclose reports whether every element of a is close to b (np.allclose).
func Allclose(a, b any, rtol, atol float64, equalNaN bool) (bool, error) {
	all := AllTrue(Isclose(a, b, rtol, atol, equalNaN))
	if err := all.Err(); err != nil {
		return false, err
	}
	return Item[bool](all)
}

// Digitize returns, as int64, the index of the bin of bins (a monotonic
// 1-d array) that each element of x falls in, as np.digitize(x, bins,
// right).
func Digitize(x, bins *Array, right bool) *Array {
	const op = "Digitize"
	if err := checkAll(op, "", []*Array{x, bins}); err != nil {
		return &Array{err: err}
	}
	if len(bins.shape) != 1 {
		return errorf(op, "bins must be 1-d")
	}
	side := Right
	if right {
		side = Left
	}
	n := bins.Size()
	if n < 2 {
		return SearchSorted(bins, x, side, nil)
	}
	d, err := increasingOrDecreasing(bins)
	if err != nil {
		return failed(op, err)
	}
	if d > 0 {
		return SearchSorted(bins, x, side, nil)
	}
	return Sub(int64(n), SearchSorted(Flip(bins, 0), x, side, nil))
}

// increasingOrDecreasing returns 1 if bins never decreases, -1 if it
// never increases, and an error otherwise.
func increasingOrDecreasing(bins *Array) (int, error) {
	d := Diff(bins, 1, 0)
	up, err := Item[bool](AllTrue(GreaterEqual(d, 0)))
	if err != nil || up {
		return 1, err
	}
	down, err := Item[bool](AllTrue(LessEqual(d, 0)))
	if err != nil {
		return 0, err
	}
	if !down {
		return 0, fmt.Errorf("bins must be monotonically increasing or decreasing")
	}
	return -1, nil
}
