package array

import (
	"fmt"
	"math"

	"github.com/cugo/cugo/dtype"
)

// Weighted quantiles, as NumPy 2's quantile(..., weights=): the element
// where the weights' empirical distribution function first reaches q.

// QuantileOption changes what Quantile, Percentile and their NaN forms
// compute.
type QuantileOption func(*quantileConfig)

type quantileConfig struct {
	weights *Array
}

// QuantileWeights weighs each element of a (NumPy's weights=): w has a's
// shape, or is 1-d along the one axis given. Only InvertedCDF takes
// weights, as in NumPy; they must be real and non-negative, and sum to a
// positive finite number along every axis taken. A nil w weighs nothing.
func QuantileWeights(w *Array) QuantileOption {
	return func(c *quantileConfig) { c.weights = w }
}

// methodNames are NumPy's names of the methods, for errors.
var methodNames = [...]string{
	Linear: "linear", Lower: "lower", Higher: "higher", Nearest: "nearest", Midpoint: "midpoint",
	InvertedCDF: "inverted_cdf", AveragedInvertedCDF: "averaged_inverted_cdf",
	ClosestObservation: "closest_observation", InterpolatedInvertedCDF: "interpolated_inverted_cdf",
	Hazen: "hazen", Weibull: "weibull", MedianUnbiased: "median_unbiased",
	NormalUnbiased: "normal_unbiased", median: "median",
}

// String is NumPy's name of the method.
func (m Method) String() string {
	if int(m) < len(methodNames) {
		return methodNames[m]
	}
	return fmt.Sprintf("Method(%d)", uint8(m))
}

// quantileWeights checks w as NumPy does for quantiles of a along axis
// (AxisNone: all of a) by method m, and returns it as it broadcasts
// against a: of a's shape, or 1-d along axis with that axis in place.
func quantileWeights(a, w *Array, axis int, m Method) (*Array, error) {
	if err := w.check(); err != nil {
		return nil, err
	}
	if m != InvertedCDF {
		return nil, fmt.Errorf("Only method 'inverted_cdf' supports weights. Got: %v.", m) // NumPy's words
	}
	if w.dt.Kind() == dtype.ComplexKind {
		return nil, fmt.Errorf("weights must be real, not %v", w.dt)
	}
	if !equalShapes(a.shape, w.shape) {
		if axis == AxisNone {
			return nil, fmt.Errorf("Axis must be specified when shapes of a and weights differ.")
		}
		ax, err := NormalizeAxis(axis, len(a.shape))
		if err != nil {
			return nil, err
		}
		if len(w.shape) != 1 || w.shape[0] != a.shape[ax] {
			return nil, fmt.Errorf("Shape of weights must be consistent with shape of a along specified axis.")
		}
		shape := make([]int, len(a.shape))
		for i := range shape {
			shape[i] = 1
		}
		shape[ax] = a.shape[ax]
		w = w.Reshape(shape...).BroadcastTo(a.shape...)
	}
	negative, err := Item[bool](AnyTrue(Less(w, 0)))
	if err != nil {
		return nil, err
	}
	if negative {
		return nil, fmt.Errorf("Weights must be non-negative.")
	}
	return w, nil
}

// weightedQuantiles returns the quantiles qs (in [0, 1]) of the rows of
// a (its last axis, n > 0 long) weighted by w (of a's shape), each of a's
// shape without that axis: per row the sorted elements' weights are
// summed into the distribution function cdf (float64, divided by the
// total), and a quantile is the element at the number of cdf values
// below q, as NumPy's searchsorted finds it. Leading zero weights are
// never picked (NumPy takes a cdf of zero as -1). Where skipNaN the NaN
// weigh nothing and a row of NaN only gives NaN; otherwise a row holding
// a NaN gives NaN.
func weightedQuantiles(a, w *Array, qs []float64, skipNaN bool) ([]*Array, error) {
	last := len(a.shape) - 1
	n := a.shape[last]
	order := ArgSort(a, last)
	sorted := TakeAlongAxis(a, order, last)
	ws := TakeAlongAxis(w, order, last).AsType(Float64)
	floating := a.dt.Kind() == dtype.FloatKind
	valid := On(a.st.b).Full(Int64, n) // elements per row taken
	var nan *Array                     // NaN where a row's quantiles are
	if floating {
		isNaN := IsNaN(sorted)
		if skipNaN {
			ws = Where(isNaN, 0.0, ws)
			valid = CountNonzero(LogicalNot(isNaN), Axis(last), KeepDims())
			nan = Equal(valid, 0)
		} else {
			nan = isNaN.Index(Ellipsis, S(n-1, n))
		}
	}
	cdf := CumSum(ws, Axis(last))
	total := cdf.Index(Ellipsis, S(n-1, n))
	bad := LogicalNot(LogicalAnd(Greater(total, 0), IsFinite(total)))
	if skipNaN && nan != nil {
		bad = LogicalAnd(bad, LogicalNot(nan))
	}
	unusable, err := Item[bool](AnyTrue(bad))
	if err != nil {
		return nil, err
	}
	if unusable {
		return nil, fmt.Errorf("Weights included NaN, inf or were all zero.") // NumPy's words
	}
	cdf = Div(cdf, total)
	cdf = Where(Equal(cdf, 0), -1.0, cdf)
	top := Maximum(Sub(valid, 1), 0)
	results := make([]*Array, len(qs))
	for i, q := range qs {
		at := Minimum(CountNonzero(Less(cdf, q), Axis(last), KeepDims()), top)
		r := TakeAlongAxis(sorted, at, last)
		if nan != nil {
			r = Where(nan, math.NaN(), r)
		}
		results[i] = r.Squeeze(last)
	}
	return results, nil
}
