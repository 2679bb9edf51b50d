package array

import (
	"errors"
	"fmt"
	"math"
	"slices"

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

	// Hyndman and Fan's sample quantiles, as NumPy names them.

	InvertedCDF             // the first element whose empirical CDF reaches q (H&F 1)
	AveragedInvertedCDF     // InvertedCDF, averaging the two where the CDF equals q (H&F 2)
	ClosestObservation      // the nearest element, the even order statistic on a tie (H&F 3)
	InterpolatedInvertedCDF // interpolating the empirical CDF (H&F 4)
	Hazen                   // interpolating at (k - 1/2)/n (H&F 5)
	Weibull                 // interpolating at k/(n + 1) (H&F 6)
	MedianUnbiased          // interpolating at (k - 1/3)/(n + 1/3) (H&F 8)
	NormalUnbiased          // interpolating at (k - 3/8)/(n + 1/4) (H&F 9)

	median // the mean of the two middle elements, as np.median
)

// Quantile returns the q-th quantiles of a along axis (AxisNone: of the
// flattened array), as np.quantile(a, q, axis, method=m). q is in [0, 1]:
// a Go number (50 or 0.5), giving the reduced shape; a slice of Go
// numbers, giving one more leading axis of len(q); or an *Array of real
// numbers, whose shape leads the result's (none for a 0-d q). A NaN
// along the axis gives NaN; an empty axis is an error. Every method of
// NumPy is here, with NumPy's arithmetic. The result dtype is NumPy 2's:
// the methods that pick elements (Lower, Higher, Nearest, InvertedCDF,
// ClosestObservation) return them in a's dtype (bool included); the
// methods that interpolate give float64 for integers, and for floats a's
// dtype where q is a Go number (weak, as a Python float: NumPy 2 then
// interpolates in a's dtype), float64 where q is a slice (a list is
// float64), and a's dtype promoted with q's where q is an *Array.
// QuantileWeights weighs the elements (NumPy 2's weights=, for
// InvertedCDF only).
func Quantile(a *Array, q any, axis int, m Method, opts ...QuantileOption) *Array {
	return quantile("Quantile", a, q, 1, axis, m, false, opts)
}

// Percentile is Quantile with q in [0, 100] (np.percentile).
func Percentile(a *Array, q any, axis int, m Method, opts ...QuantileOption) *Array {
	return quantile("Percentile", a, q, 100, axis, m, false, opts)
}

// Median returns the median along axis, as np.median: float64 for
// integers and bool, a's dtype for floats and complex numbers (ordered as
// Sort orders them); NaN of an empty axis.
func Median(a *Array, axis int) *Array {
	return quantile("Median", a, 0.5, 1, axis, median, false, nil)
}

// NanQuantile is Quantile ignoring NaN: NaN where all are NaN, and NaN
// of an empty axis (float64 for integers), as np.nanquantile.
func NanQuantile(a *Array, q any, axis int, m Method, opts ...QuantileOption) *Array {
	return quantile("NanQuantile", a, q, 1, axis, m, true, opts)
}

// NanPercentile is Percentile ignoring NaN.
func NanPercentile(a *Array, q any, axis int, m Method, opts ...QuantileOption) *Array {
	return quantile("NanPercentile", a, q, 100, axis, m, true, opts)
}

// NanMedian is Median ignoring NaN.
func NanMedian(a *Array, axis int) *Array {
	return quantile("NanMedian", a, 0.5, 1, axis, median, true, nil)
}

// discrete reports whether m returns elements of the data rather than
// values between them.
func (m Method) discrete() bool {
	return m == Lower || m == Higher || m == Nearest || m == InvertedCDF || m == ClosestObservation
}

// plottingPositions are the alpha and beta of the continuous methods
// that place the k-th of n sorted elements at (k - alpha)/(n + 1 - alpha -
// beta), as NumPy's table has them.
var plottingPositions = map[Method][2]float64{
	InterpolatedInvertedCDF: {0, 1},
	Hazen:                   {0.5, 0.5},
	Weibull:                 {0, 0},
	MedianUnbiased:          {1 / 3.0, 1 / 3.0},
	NormalUnbiased:          {3 / 8.0, 3 / 8.0},
}

// quantileDType is NumPy 2's dtype of the quantiles of dt by method m
// at q: for the methods that interpolate, also the dtype they compute in.
func quantileDType(dt DType, m Method, q quantileQ) (DType, error) {
	switch k := dt.Kind(); {
	case k == dtype.ComplexKind && m == median:
		return dt, nil
	case k == dtype.ComplexKind:
		return 0, fmt.Errorf("a must be an array of real numbers, not %v", dt)
	case m.discrete():
		return dt, nil
	case m == median && k == dtype.BoolKind:
		return Float64, nil
	case k == dtype.BoolKind:
		return 0, fmt.Errorf("cannot interpolate between bool elements")
	case k != dtype.FloatKind:
		return Float64, nil
	case m == median || q.weak():
		return dt, nil
	}
	return dtype.Promote(dt, q.dt)
}

// quantileQ is the q of a quantile call.
type quantileQ struct {
	fractions []float64 // q divided by its scale, each in [0, 1]
	shape     []int     // the leading axes q gives the result; nil for a Go number
	dt        DType     // q's dtype: Float64 for a slice, 0 for a Go number
}

// weak reports whether q is a Go number, which adapts to a's float dtype
// as a Python float does.
func (q quantileQ) weak() bool { return q.shape == nil }

// parseQuantiles reads q (a Go number, a slice of them or an *Array) of
// a call whose q run from 0 to scale.
func parseQuantiles(q any, scale float64) (quantileQ, error) {
	var p quantileQ
	switch q := q.(type) {
	case *Array:
		if err := q.checkOp("q"); err != nil {
			return p, err
		}
		if k := q.dt.Kind(); k == dtype.ComplexKind || k == dtype.BoolKind {
			return p, fmt.Errorf("q must be real numbers, not %v", q.dt)
		}
		v, err := ToSlice[float64](q.AsType(Float64))
		if err != nil {
			return p, err
		}
		p = quantileQ{fractions: v, shape: slices.Clone(q.shape), dt: Float64}
		if q.dt.Kind() == dtype.FloatKind {
			p.dt = q.dt
		}
		if p.shape == nil {
			p.shape = []int{}
		}
	case []float64:
		p = quantileSlice(q)
	case []float32:
		p = quantileSlice(q)
	case []int:
		p = quantileSlice(q)
	case []int64:
		p = quantileSlice(q)
	case []int32:
		p = quantileSlice(q)
	default:
		s, ok := scalarOf(q)
		if !ok || s.kind == dtype.BoolScalar || s.kind == dtype.ComplexScalar {
			return p, fmt.Errorf("q is a %T (want a Go number, a slice of them or an *Array)", q)
		}
		p = quantileQ{fractions: []float64{real(s.c)}}
	}
	for i, x := range p.fractions {
		if !(x >= 0 && x <= scale) {
			return p, fmt.Errorf("quantiles must be in the range [0, %v], not %v", scale, x)
		}
		p.fractions[i] = x / scale
	}
	return p, nil
}

// quantileSlice is the quantileQ of a Go slice, a list to NumPy.
func quantileSlice[T float64 | float32 | int | int32 | int64](q []T) quantileQ {
	v := make([]float64, len(q))
	for i, x := range q {
		v[i] = float64(x)
	}
	return quantileQ{fractions: v, shape: []int{len(q)}, dt: Float64}
}

// quantile sorts a along axis (moved last) and reads the quantiles of
// each row from it: per row, the count of elements (not NaN where
// skipNaN) gives the virtual index h = (count-1)*q of each quantile, and
// the method gives the two elements and the weight between them.
func quantile(op string, a *Array, q any, scale float64, axis int, m Method, skipNaN bool, opts []QuantileOption) *Array {
	if err := a.checkOp(op); err != nil {
		return &Array{err: err}
	}
	qs, err := parseQuantiles(q, scale)
	if err != nil {
		return failed(op, err)
	}
	fractions := qs.fractions
	if m > median {
		return errorf(op, "unknown method %d", m)
	}
	res, err := quantileDType(a.dt, m, qs)
	if err != nil {
		return failed(op, err)
	}
	var c quantileConfig
	for _, o := range opts {
		o(&c)
	}
	w := c.weights
	if w != nil {
		if w, err = quantileWeights(a, w, axis, m); err != nil {
			return failed(op, err)
		}
	}
	if axis == AxisNone {
		a, axis = a.Ravel(), 0
		if w != nil {
			w = w.Ravel()
		}
	}
	ax, err := NormalizeAxis(axis, len(a.shape))
	if err != nil {
		return failed(op, err)
	}
	n := a.shape[ax]
	if n == 0 && !skipNaN && m != median {
		return errorf(op, "cannot take quantiles of an empty axis")
	}
	if a.Size() == 0 || len(fractions) == 0 {
		return emptyQuantiles(op, a, ax, qs, res, skipNaN)
	}
	moved := a.Transpose(moveLast(len(a.shape), ax)...)
	if w != nil {
		results, err := weightedQuantiles(moved, w.Transpose(moveLast(len(a.shape), ax)...), fractions, skipNaN)
		if err != nil {
			return failed(op, err)
		}
		return stackQuantiles(op, results, qs.shape, res)
	}
	if count, ok := selectableCount(moved, skipNaN); ok {
		results, err := quantileBySelection(op, moved, fractions, m, count, skipNaN, res)
		if err != nil {
			return failed(op, err)
		}
		if results != nil {
			return stackQuantiles(op, results, qs.shape, res)
		}
	}
	sorted := Sort(moved, -1)
	floating := isFloating(a.dt) // may hold NaN
	if !m.discrete() && !floating {
		sorted = sorted.AsType(Float64)
	}
	last := len(a.shape) - 1
	var count *Array // elements per row, float64 of the rows' shape with the axis kept
	if skipNaN && floating {
		count = CountNonzero(LogicalNot(IsNaN(sorted)), Axis(-1), KeepDims()).AsType(Float64)
	} else {
		ones := make([]int, len(a.shape))
		for i := range ones {
			ones[i] = 1
		}
		count = On(a.st.b).Full(Float64, n, ones...)
	}
	top := Maximum(Sub(count, 1), 0)
	var largest, lastNaN *Array // a row's last element, and whether it is NaN (NaN sorts last)
	if !skipNaN && floating {
		largest = sorted.Index(Ellipsis, From(n-1))
		lastNaN = IsNaN(largest)
	}
	var results []*Array
	for _, x := range fractions {
		lo, hi, g := quantileIndices(count, x, m)
		pick := func(i *Array) *Array {
			return TakeAlongAxis(sorted, Clip(i, 0, top).AsType(Int64), last)
		}
		r := pick(lo)
		switch {
		case m == median:
			r = midway(r, pick(hi))
		case !m.discrete():
			r = lerp(r, pick(hi), g, res)
		}
		switch {
		case !floating:
		case skipNaN:
			r = Where(Equal(count, 0), math.NaN(), r)
		default: // NumPy 2 gives the row's last NaN in sort order
			r = Where(lastNaN, largest, r)
		}
		results = append(results, r.Squeeze(last))
	}
	return stackQuantiles(op, results, qs.shape, res)
}

// emptyQuantiles returns the quantiles of an array of no elements: NaN
// where the axis is empty (NumPy's mean of no elements), as NumPy's NaN
// forms give for any empty array (their nanmean: float64 for integers,
// a's dtype for floats and complex numbers), else an empty result.
func emptyQuantiles(op string, a *Array, ax int, q quantileQ, res DType, skipNaN bool) *Array {
	shape := append(slices.Clone(q.shape), slices.Delete(slices.Clone(a.shape), ax, ax+1)...)
	nq := len(q.fractions)
	d := On(a.st.b)
	if skipNaN {
		res = a.dt
	}
	if (a.shape[ax] > 0 && !skipNaN) || nq == 0 {
		return d.alloc(op, res, shape)
	}
	if !isFloating(res) {
		res = Float64
	}
	return d.Full(res, math.NaN(), shape...)
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

// stackQuantiles returns the one quantile of a scalar q, or the
// quantiles stacked on q's leading axes, as dtype res.
func stackQuantiles(op string, results []*Array, qshape []int, res DType) *Array {
	out := results[0]
	if len(qshape) > 0 {
		out = Stack(results, 0)
		out = out.Reshape(append(slices.Clone(qshape), out.shape[1:]...)...)
	}
	if out.err != nil {
		return failed(op, out.err)
	}
	return out.AsType(res)
}

// Diff returns the n-th discrete difference along axis, as np.diff:
// out[i] = a[i+1] - a[i], n times (for bool, a[i+1] != a[i]), of a
// with DiffPrepend's and DiffAppend's values joined to it along axis
// first.
func Diff(a *Array, n, axis int, opts ...DiffOption) *Array {
	const op = "Diff"
	if err := a.checkOp(op); err != nil {
		return &Array{err: err}
	}
	if n == 0 { // NumPy returns a as it is, before looking at its axes
		return a
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
	if a, err = diffOperand(a, ax, opts); err != nil {
		return failed(op, err)
	}
	for i := range n {
		l := a.shape[ax]
		if l == 0 && i > 0 { // empty from here on: the rest of n changes nothing
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

// Average returns the mean along the axes weighted by weights, as
// np.average(a, axis, weights, keepdims): weights has a's shape, or is
// 1-d along the one axis given. The sums are taken in NumPy's result
// dtype, that of a and the weights (float64 where a is integer or bool);
// weights that sum to zero along an axis are an error. Nil weights give
// Mean.
func Average(a, weights *Array, opts ...ReduceOption) *Array {
	avg, _ := average("Average", a, weights, opts)
	return avg
}

// AverageAndSum returns Average and the sum of the weights, broadcast to
// the average's shape (np.average(..., returned=True)); nil weights
// count each element once.
func AverageAndSum(a, weights *Array, opts ...ReduceOption) (avg, sum *Array) {
	return average("AverageAndSum", a, weights, opts)
}

func average(op string, a, weights *Array, opts []ReduceOption) (avg, sum *Array) {
	fail := func(err error) (*Array, *Array) { e := failed(op, err); return e, e }
	if err := checkAll(op, "", []*Array{a}); err != nil {
		return &Array{err: err}, &Array{err: err}
	}
	c := config(opts)
	if c.out != nil || c.dt != 0 || c.masked() {
		return fail(fmt.Errorf("Out, WithDType, WithInitial and WithWhere are not supported"))
	}
	if weights == nil {
		avg = Mean(a, opts...)
		if avg.err != nil {
			return avg, avg
		}
		n := float64(a.Size()) / float64(max(avg.Size(), 1))
		if avg.Size() == 0 {
			n = 0
		}
		return avg, On(a.st.b).Full(avg.dt, n, avg.shape...)
	}
	if err := checkAll(op, "", []*Array{a, weights}); err != nil {
		return &Array{err: err}, &Array{err: err}
	}
	res, err := dtype.Promote(a.dt, weights.dt)
	if a.dt.Kind() < dtype.FloatKind {
		res, err = dtype.PromoteAll(a.dt, weights.dt, Float64)
	}
	if err != nil {
		return fail(err)
	}
	w, err := averageWeights(a, weights, c.axes)
	if err != nil {
		return fail(err)
	}
	w = w.AsType(res)
	keep := append(slices.Clone(opts), KeepDims())
	total := Sum(w, keep...) // of w's shape, with the folded axes kept
	zero, err := Item[bool](AnyTrue(Equal(total, 0)))
	if err != nil {
		return fail(err)
	}
	if zero {
		return fail(fmt.Errorf("Weights sum to zero, can't be normalized")) // NumPy's words
	}
	avg = Div(Sum(Mul(a.AsType(res), w), keep...), total)
	sum = total.BroadcastTo(avg.shape...).Copy()
	if !c.keep {
		avg, sum = squeezeFolded(avg, c.axes), squeezeFolded(sum, c.axes)
	}
	if avg.err != nil || sum.err != nil {
		return fail(errors.Join(avg.err, sum.err))
	}
	return avg, sum
}

// averageWeights returns weights as they broadcast against a: themselves
// where they have a's shape, else (1-d, along the one axis given) with
// that axis in place.
func averageWeights(a, weights *Array, axes []int) (*Array, error) {
	if equalShapes(a.shape, weights.shape) {
		return weights, nil
	}
	switch {
	case axes == nil:
		return nil, fmt.Errorf("axis must be specified when shapes of a and weights differ")
	case len(weights.shape) != 1:
		return nil, fmt.Errorf("1D weights expected when shapes of a and weights differ")
	case len(axes) != 1:
		return nil, fmt.Errorf("1D weights need one axis, not %d", len(axes))
	}
	ax, err := NormalizeAxis(axes[0], len(a.shape))
	if err != nil {
		return nil, err
	}
	if weights.shape[0] != a.shape[ax] {
		return nil, fmt.Errorf("length of weights (%d) not compatible with specified axis (%d long)", weights.shape[0], a.shape[ax])
	}
	shape := make([]int, len(a.shape))
	for i := range shape {
		shape[i] = 1
	}
	shape[ax] = a.shape[ax]
	return weights.Reshape(shape...), nil
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
// only with equalNaN. As in NumPy 2, b is taken as a float first where
// it is an integer or bool (a difference of integers would wrap).
func Isclose(a, b any, rtol, atol float64, equalNaN bool) *Array {
	a, b = sameDeviceOperands(a, b), sameDeviceOperands(b, a)
	if y, ok := b.(*Array); ok && y.Err() == nil && y.dt.Kind() < dtype.FloatKind {
		b = y.AsType(Float64)
	}
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
	if x.dt.Kind() == dtype.ComplexKind {
		return errorf(op, "x may not be complex")
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
