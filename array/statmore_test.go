package array

import (
	"math"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// statmoreQs are gen_statmore.py's sets of q: one float, a short list
// (few enough ranks to be selected) and a long one (sorted instead).
var statmoreQs = map[string]any{
	"scalar": 0.37,
	"list3":  []float64{0, 0.37, 1},
	"list10": []float64{0, 0.05, 0.1, 0.25, 1 / 3.0, 0.5, 0.6, 0.75, 0.875, 1},
}

// statmoreFixtureCall runs one case of testdata/statmore/cases.txt (see
// gen_statmore.py) on arrays on d; the fields of its name are split by '/'.
func statmoreFixtureCall(t *testing.T, d *Device, name string, in []*NpyData) []*Array {
	f := strings.Split(name, "/")
	arg := func(k int) *Array { return onDevice(t, d, in[k]) }
	a := arg(0)
	axisOf := func(s string) int {
		if s == "none" {
			return AxisNone
		}
		ax, err := strconv.Atoi(s)
		require.NoError(t, err, name)
		return ax
	}
	transposed := f[len(f)-1] == "T"
	if transposed {
		a = a.T()
	}
	switch f[0] {
	case "quantile", "nanquantile", "percentile", "nanpercentile": // <function>/<method>/<axis>/<q>[/T]
		m, ok := quantileMethods[f[1]]
		require.True(t, ok, name)
		return []*Array{quantileCall(f[0], a, f[3], axisOf(f[2]), m)}
	case "wquantile": // wquantile/<function>/<axis>/<q>[/T], weighted
		w := arg(1)
		if transposed {
			w = w.T()
		}
		return []*Array{quantileCall(f[1], a, f[3], axisOf(f[2]), InvertedCDF, QuantileWeights(w))}
	case "diff": // diff/<n>/<axis>/<prepend>/<append>[/T]: i, f, b: a Go int, float64, bool; c: 1+2i; a: an array; -: none
		next := 0
		value := func(code string) (any, bool) {
			switch code[0] {
			case 'a':
				next++
				return arg(next), true
			case 'i':
				return atoi(t, code[1:]), true
			case 'f':
				return atof(t, code[1:]), true
			case 'b':
				return code[1:] == "1", true
			case 'c':
				return complex(1, 2), true
			}
			return nil, false
		}
		var opts []DiffOption
		if v, ok := value(f[3]); ok {
			opts = append(opts, DiffPrepend(v))
		}
		if v, ok := value(f[4]); ok {
			opts = append(opts, DiffAppend(v))
		}
		return []*Array{Diff(a, atoi(t, f[1]), atoi(t, f[2]), opts...)}
	case "histby": // histby/<estimator>/<data>[/range/<lo>/<hi>]
		var opts []HistogramOption
		if f[2] == "range" {
			opts = append(opts, HistRange(atof(t, f[3]), atof(t, f[4])))
		}
		h, e := HistogramBy(a, BinEstimator(f[1]), opts...)
		return []*Array{h, e}
	case "histedgesby": // histedgesby/<estimator>/<data>, over [0.5, 4]
		return []*Array{HistogramBinEdgesBy(a, BinEstimator(f[1]), HistRange(0.5, 4))}
	case "histdd": // histdd/<bins>/<keywords>: r=<lo>:<hi>,... (ranges), w (weights), d (density), T
		var bins []int
		for _, b := range strings.Split(f[1], ",") {
			bins = append(bins, atoi(t, b))
		}
		var opts []HistogramOption
		for _, word := range f[2:] {
			switch {
			case strings.HasPrefix(word, "r="):
				var ranges [][2]float64
				for _, r := range strings.Split(word[2:], ",") {
					lo, hi, _ := strings.Cut(r, ":")
					ranges = append(ranges, [2]float64{atof(t, lo), atof(t, hi)})
				}
				opts = append(opts, HistRanges(ranges...))
			case word == "w":
				opts = append(opts, HistWeights(arg(1)))
			case word == "d":
				opts = append(opts, Density())
			}
		}
		hist, edges := HistogramDD(a, bins, opts...)
		return append([]*Array{hist}, edges...)
	case "hist2d": // hist2d/<nx>/<ny>: x, y, weights; ranges [-2, 2] and [-3, 5]
		h, ex, ey := Histogram2D(a, arg(1), atoi(t, f[1]), atoi(t, f[2]), HistRanges([2]float64{-2, 2}, [2]float64{-3, 5}), HistWeights(arg(2)))
		return []*Array{h, ex, ey}
	case "histddedges": // points, x edges, y edges, weights
		return []*Array{HistogramDDEdges(a, []*Array{arg(1), arg(2)}, HistWeights(arg(3)))}
	case "hist2dedges": // x, y, x edges, y edges; density
		return []*Array{Histogram2DEdges(a, arg(1), arg(2), arg(3), Density())}
	case "cov": // cov/<keyword>=<value>/..., the arrays in order m, y, fweights, aweights
		kw := map[string]string{}
		for _, field := range f[1:] {
			k, v, _ := strings.Cut(field, "=")
			kw[k] = v
		}
		next := 1
		array := func(k string) *Array {
			if kw[k] != "y" {
				return nil
			}
			next++
			return arg(next - 1)
		}
		y, fw, aw := array("y"), array("fweights"), array("aweights")
		opts := []CovOption{FWeights(fw), AWeights(aw)}
		if kw["bias"] == "True" {
			opts = append(opts, Bias())
		}
		if ddof, err := strconv.Atoi(kw["ddof"]); err == nil {
			opts = append(opts, CovDDof(ddof))
		}
		if dt, ok := map[string]DType{"float32": Float32, "complex128": Complex128}[kw["dtype"]]; ok {
			opts = append(opts, CovDType(dt))
		}
		return []*Array{CovWith(a, y, kw["rowvar"] != "False", opts...)}
	}
	t.Fatalf("unknown case %q", name)
	return nil
}

// quantileCall calls the quantile function of NumPy's name fn with the
// q set of gen_statmore.py's name qName (in percents for percentiles).
func quantileCall(fn string, a *Array, qName string, axis int, m Method, opts ...QuantileOption) *Array {
	q := statmoreQs[qName]
	if strings.HasSuffix(fn, "percentile") {
		if x, ok := q.(float64); ok {
			q = x * 100
		} else {
			var p []float64
			for _, x := range q.([]float64) {
				p = append(p, x*100)
			}
			q = p
		}
	}
	call := map[string]func(*Array, any, int, Method, ...QuantileOption) *Array{
		"quantile": Quantile, "nanquantile": NanQuantile, "percentile": Percentile, "nanpercentile": NanPercentile}[fn]
	return call(a, q, axis, m, opts...)
}

// TestStatmoreNumPy checks against NumPy 2's answers (testdata/statmore)
// every quantile method of NumPy, by Quantile, Percentile and their NaN
// forms: dtypes (float16/32/64 with NaN and infinities, int16, uint64
// beyond 2^53, bool for the methods that pick elements), one float q (the
// data's float dtype) and lists of q, axes, a transposed view, rows of
// one to three elements, a 0-d array, and rows with different numbers of
// NaN.
func TestStatmoreNumPy(t *testing.T) { checkCaseFixtures(t, "statmore", statmoreFixtureCall) }

// TestQuantileErrors checks that the quantiles NumPy refuses are errors
// in NumPy's words where it has them, not panics or numbers.
func TestQuantileErrors(t *testing.T) {
	d := DefaultDevice()
	x := d.Arange(0, 12, 1, Float64).Reshape(3, 4)
	w := d.Ones(Float64, 3, 4)
	zeroRow := Where(Equal(d.Arange(0, 12, 1, Int64).Reshape(3, 4).Index(Ellipsis, S(0, 1)), 4), 0.0, w)
	cases := []struct {
		name string
		got  *Array
		want string
	}{
		{"weights with linear", Quantile(x, 0.5, 1, Linear, QuantileWeights(w)), "Only method 'inverted_cdf' supports weights. Got: linear."},
		{"weights with hazen", NanPercentile(x, 50.0, 1, Hazen, QuantileWeights(w)), "Got: hazen."},
		{"weights of another shape, no axis", Quantile(x, 0.5, AxisNone, InvertedCDF, QuantileWeights(d.Ones(Float64, 4))), "Axis must be specified"},
		{"1-d weights of another length", Quantile(x, 0.5, 1, InvertedCDF, QuantileWeights(d.Ones(Float64, 3))), "Shape of weights must be consistent"},
		{"2-d weights of another shape", Quantile(x, 0.5, 0, InvertedCDF, QuantileWeights(d.Ones(Float64, 4, 3))), "Shape of weights must be consistent"},
		{"weights along a bad axis", Quantile(x, 0.5, 2, InvertedCDF, QuantileWeights(d.Ones(Float64, 4))), "axis"},
		{"negative weights", Quantile(x, 0.5, 1, InvertedCDF, QuantileWeights(Sub(w, 2.0))), "Weights must be non-negative."},
		{"a row of zero weights", Quantile(x, 0.5, 1, InvertedCDF, QuantileWeights(zeroRow)), "Weights included NaN, inf or were all zero."},
		{"a NaN weight", Quantile(x, 0.5, 0, InvertedCDF, QuantileWeights(d.Full(Float32, math.NaN(), 3))), "Weights included NaN"},
		{"an infinite weight", Quantile(x, 0.5, 1, InvertedCDF, QuantileWeights(d.Full(Float64, math.Inf(1), 4))), "Weights included NaN"},
		{"complex weights", Quantile(x, 0.5, 1, InvertedCDF, QuantileWeights(d.Ones(Complex64, 4))), "weights must be real"},
		{"failed weights", Quantile(x, 0.5, 1, InvertedCDF, QuantileWeights(Cov(nil, true, 1))), "nil array"},
		{"weighted empty axis", Quantile(d.Zeros(Float64, 3, 0), 0.5, 1, InvertedCDF, QuantileWeights(d.Zeros(Float64, 0))), "empty axis"},
		{"interpolated bool", Quantile(d.Ones(Bool, 4), 0.5, 0, Weibull), "bool"},
		{"averaged bool", Quantile(d.Ones(Bool, 4), 0.5, 0, AveragedInvertedCDF), "bool"},
		{"complex data", Quantile(d.Ones(Complex128, 4), 0.5, 0, InvertedCDF), "real numbers"},
		{"unknown method", Quantile(x, 0.5, 0, Method(99)), "unknown method"},
		{"percent above 100", NanPercentile(x, []float64{50, 100.5}, 0, NormalUnbiased), "range [0, 100]"},
	}
	for _, c := range cases {
		require.ErrorContains(t, c.got.Err(), c.want, c.name)
	}
	require.Equal(t, "median_unbiased", MedianUnbiased.String())
	require.Equal(t, "Method(99)", Method(99).String())
}

// TestQuantileWeightsNaN checks the weighted NaN forms: a row of NaN
// only gives NaN (whatever its weights), no error; nil weights weigh
// nothing; the weights of NaN elements are not counted.
func TestQuantileWeightsNaN(t *testing.T) {
	d := DefaultDevice()
	nan := math.NaN()
	x := FromSliceOn(d, []float64{nan, nan, nan, nan, nan, 1, 2, 9}, 2, 4)
	w := FromSliceOn(d, []float64{1, 2, 3, 4, 100, 1, 1, 1}, 2, 4)
	got, err := ToSlice[float64](NanQuantile(x, []float64{0, 0.5, 1}, 1, InvertedCDF, QuantileWeights(w)))
	require.NoError(t, err)
	// row 1: 1, 2, 9 weighted 1, 1, 1: cdf 1/3, 2/3, 1
	require.True(t, math.IsNaN(got[0]) && math.IsNaN(got[2]) && math.IsNaN(got[4]), "%v", got)
	require.Equal(t, []float64{1, 2, 9}, []float64{got[1], got[3], got[5]})
	// A 0-d array is its one element; the NaN form of no elements is NaN.
	scalar, err := Item[float64](Quantile(d.Scalar(2.5), 0.3, AxisNone, InvertedCDF, QuantileWeights(d.Scalar(2.0))))
	require.NoError(t, err)
	require.Equal(t, 2.5, scalar)
	empty := NanQuantile(d.Zeros(Float32, 0), 0.5, AxisNone, InvertedCDF, QuantileWeights(d.Zeros(Float32, 0)))
	require.Equal(t, Float32, empty.DType())
	none, err := Item[float32](empty)
	require.NoError(t, err)
	require.True(t, math.IsNaN(float64(none)))
	plain := Quantile(x, 0.5, 1, InvertedCDF, QuantileWeights(nil))
	want := Quantile(x, 0.5, 1, InvertedCDF)
	eq, err := Allclose(plain, want, 0, 0, true)
	require.NoError(t, err)
	require.True(t, eq)
}

// TestCovWeightsErrors checks np.cov's refusals of weights and dtypes,
// in NumPy's words, and its empty matrix of no variables.
func TestCovWeightsErrors(t *testing.T) {
	d := DefaultDevice()
	m := Mul(d.Arange(0, 12, 1, Float64).Reshape(3, 4), d.Arange(1, 5, 1, Float64))
	ones := d.Ones(Float64, 4)
	cases := []struct {
		name string
		got  *Array
		want string
	}{
		{"fractional fweights", CovWith(m, nil, true, FWeights(Mul(ones, 1.5))), "fweights must be integer"},
		{"NaN fweights", CovWith(m, nil, true, FWeights(d.Full(Float64, math.NaN(), 4))), "fweights must be integer"},
		{"2-d fweights", CovWith(m, nil, true, FWeights(d.Ones(Int64, 2, 4))), "cannot handle multidimensional fweights"},
		{"short aweights", CovWith(m, nil, true, AWeights(d.Ones(Float32, 3))), "incompatible numbers of samples and aweights"},
		{"0-d aweights", CovWith(m, nil, true, AWeights(d.Full(Float64, 1.0))), "incompatible numbers of samples and aweights"},
		{"negative fweights", CovWith(m, nil, true, FWeights(Sub(ones, 2.0))), "fweights cannot be negative"},
		{"negative aweights", CovWith(m, nil, true, AWeights(Sub(ones, 1.5))), "aweights cannot be negative"},
		{"zero weights", CovWith(m, nil, true, FWeights(ones), AWeights(d.Zeros(Float64, 4))), "Weights sum to zero"},
		{"complex weights", CovWith(m, nil, true, AWeights(d.Ones(Complex128, 4))), "aweights must be real"},
		{"integer dtype", CovWith(m, nil, true, CovDType(Int32)), "float or complex dtype"},
		{"failed weights", CovWith(m, nil, true, FWeights(Cov(nil, true, 1))), "nil array"},
		{"y of other observations", CovWith(m, ones.Reshape(2, 2), true), "observations"},
	}
	for _, c := range cases {
		require.ErrorContains(t, c.got.Err(), c.want, c.name)
	}
	none := CovWith(d.Zeros(Complex64, 0, 5), nil, true, AWeights(d.Ones(Float64, 3)))
	require.NoError(t, none.Err())
	require.Equal(t, Float64, none.DType())
	require.Equal(t, []int{0, 0}, none.Shape())
}

// TestDiffJoinErrors checks the values np.diff cannot join: shapes that
// differ off the axis, values that are not numbers, failed arrays; and
// that order zero returns the array as it is, as NumPy's does.
func TestDiffJoinErrors(t *testing.T) {
	d := DefaultDevice()
	x := d.Arange(0, 6, 1, Int32).Reshape(2, 3)
	var missing *Array
	cases := []struct {
		name string
		got  *Array
		want string
	}{
		{"prepend of another shape", Diff(x, 1, 1, DiffPrepend(d.Ones(Int32, 3, 1))), "Diff"},
		{"append of more axes", Diff(x, 1, 0, DiffAppend(d.Ones(Int32, 1, 1, 3))), "Diff"},
		{"a string", Diff(x, 1, 0, DiffAppend("1")), "unsupported type string"},
		{"a nil array", Diff(x, 1, 0, DiffPrepend(missing)), "prepend"},
		{"a 0-d array", Diff(d.Scalar(2.0), 1, 0, DiffPrepend(1.0)), "at least one dimensional"},
	}
	for _, c := range cases {
		require.ErrorContains(t, c.got.Err(), c.want, c.name)
	}
	same := Diff(x, 0, 1, DiffPrepend(d.Ones(Int32, 5, 5)))
	require.NoError(t, same.Err())
	require.Equal(t, []int{2, 3}, same.Shape())
}

func atof(t *testing.T, s string) float64 {
	x, err := strconv.ParseFloat(s, 64)
	require.NoError(t, err, s)
	return x
}

// TestHistogramByErrors checks the estimated histograms NumPy refuses.
func TestHistogramByErrors(t *testing.T) {
	d := DefaultDevice()
	x := d.Arange(0, 10, 1, Float64)
	cases := []struct {
		name string
		got  *Array
		want string
	}{
		{"unknown estimator", HistogramBinEdgesBy(x, "best"), `"best" is not a valid estimator`},
		{"weights", first(HistogramBy(x, BinsAuto, HistWeights(x))), "not supported for weighted data"},
		{"complex data", HistogramBinEdgesBy(d.Ones(Complex64, 4), BinsFD), "complex"},
		{"reversed range", first(HistogramBy(x, BinsSturges, HistRange(2, 1))), "max must be larger than min"},
		{"NaN data", HistogramBinEdgesBy(Div(x, 0.0), BinsScott), "not finite"},
		{"failed data", first(HistogramBy(Cov(nil, true, 1), BinsSqrt)), "nil array"},
	}
	for _, c := range cases {
		require.ErrorContains(t, c.got.Err(), c.want, c.name)
	}
}

func first(a, _ *Array) *Array { return a }

// TestHistogramDDErrors checks the multidimensional histograms NumPy
// refuses, and the shapes Histogram2D accepts.
func TestHistogramDDErrors(t *testing.T) {
	d := DefaultDevice()
	pts := d.Arange(0, 12, 1, Float64).Reshape(6, 2)
	hist := func(h *Array, _ []*Array) *Array { return h }
	cases := []struct {
		name string
		got  *Array
		want string
	}{
		{"bins of another dimension", hist(HistogramDD(pts, []int{3})), "dimension of bins"},
		{"no bins", hist(HistogramDD(pts, []int{3, 0})), "`bins[1]` must be positive"},
		{"one range", hist(HistogramDD(pts, []int{3, 3}, HistRange(0, 1))), "HistRanges"},
		{"ranges of another dimension", hist(HistogramDD(pts, []int{3, 3}, HistRanges([2]float64{0, 1}))), "one entry per dimension"},
		{"reversed range", hist(HistogramDD(pts, []int{3, 3}, HistRanges([2]float64{0, 1}, [2]float64{2, 1}))), "max must be larger"},
		{"3-d sample", hist(HistogramDD(pts.Reshape(3, 2, 2), []int{3, 3})), "1-d or 2-d"},
		{"complex sample", hist(HistogramDD(d.Ones(Complex64, 4, 2), []int{3, 3})), "complex"},
		{"weights of another length", hist(HistogramDD(pts, []int{3, 3}, HistWeights(d.Ones(Float64, 5)))), "weights"},
		{"complex weights", hist(HistogramDD(pts, []int{3, 3}, HistWeights(d.Ones(Complex64, 6)))), "complex64"},
		{"infinite data", hist(HistogramDD(Div(pts, 0.0), []int{3, 3})), "autodetected range"},
		{"infinite range", hist(HistogramDD(pts, []int{3, 3}, HistRanges([2]float64{0, 1}, [2]float64{0, math.Inf(1)}))), "supplied range of [0, +Inf] is not finite"},
		{"decreasing edges", HistogramDDEdges(pts, []*Array{d.Arange(0, 3, 1, Uint8), Flip(d.Arange(0, 3, 1, Uint8), 0)}), "`bins[1]` must be monotonically increasing"},
		{"2-d edges", HistogramDDEdges(pts, []*Array{d.Ones(Float64, 2, 2), d.Ones(Float64, 2)}), "`bins[0]` must be a scalar or 1d array"},
		{"no edges", Histogram2DEdges(d.Ones(Float64, 3), d.Ones(Float64, 3), d.Ones(Float64, 2), d.Zeros(Float64, 0)), "`bins[1]` must be a scalar or 1d array"},
		{"edges of another dimension", HistogramDDEdges(pts, []*Array{d.Ones(Float64, 2)}), "dimension of bins"},
		{"x and y of other lengths", first2D(Histogram2D(d.Ones(Float64, 3), d.Ones(Float64, 4), 2, 2)), "same length"},
		{"failed y", first2D(Histogram2D(d.Ones(Float64, 3), Cov(nil, true, 1), 2, 2)), "nil array"},
	}
	for _, c := range cases {
		require.ErrorContains(t, c.got.Err(), c.want, c.name)
	}
}

func first2D(a, _, _ *Array) *Array { return a }

// TestQuantileFloat32Interpolation checks that one float64 q (NumPy's
// Python float) interpolates float32 data in float32, as NumPy 2.5 does
// (the weight rounded to float32, then each operation rounded), exactly;
// NumPy 1's fixtures, in float64, cannot tell the two apart. The expected
// values are computed here by that definition, through the selection
// (Quantile) and the sort (NanQuantile, rows of different counts).
func TestQuantileFloat32Interpolation(t *testing.T) {
	d := DefaultDevice()
	rows, n := 6, 9
	data := make([]float32, rows*n)
	for i := range data {
		data[i] = float32(math.Sin(float64(i)*12.9898)*43758.5453) / 7
	}
	for r := 1; r < rows; r += 2 { // NaN to skip: rows of different counts
		data[r*n+r%n] = float32(math.NaN())
	}
	x := FromSliceOn(d, data, rows, n)
	const q = 0.37
	// NumPy's virtual index of q among k elements: (k-1)q, and Hazen's
	// kq + 1/2 - 1
	index := map[Method]func(k float64) float64{
		Linear: func(k float64) float64 { return float64((k - 1) * q) },
		Hazen:  func(k float64) float64 { return float64(float64(k*q)+0.5) - 1 },
	}
	for m, virtual := range index {
		for _, skip := range []bool{false, true} {
			got := Quantile(x.Index(S(0, rows-1).Step(2)), q, 1, m)
			if skip {
				got = NanQuantile(x, q, 1, m)
			}
			require.Equal(t, Float32, got.DType())
			values, err := ToSlice[float32](got)
			require.NoError(t, err)
			for k, value := range values {
				row := k * 2
				if skip {
					row = k
				}
				var kept []float32
				for _, e := range data[row*n : (row+1)*n] {
					if e == e {
						kept = append(kept, e)
					}
				}
				slices.Sort(kept)
				v := virtual(float64(len(kept)))
				i := math.Floor(v)
				g := v - i
				at := func(i float64) float32 { return kept[min(max(int(i), 0), len(kept)-1)] }
				lo, hi := at(i), at(i+1)
				diff := hi - lo
				want := lo + float32(diff*float32(g)) // rounded apart: never fused
				if g >= 0.5 {
					want = hi - float32(diff*float32(1-g))
				}
				require.Equal(t, want, value, "%v row %d (NaN skipped: %v)", m, row, skip)
			}
		}
	}
}

// TestQuantileQForms checks every form q takes against the []float64
// form: a Go integer or float32 (Percentile(a, 50), weak as a Python
// number), slices of Go integers (a list), an *Array whose shape leads the
// result's (2-d, 1-d, 0-d: float64 arrays, strong as NumPy's are), a
// float32 *Array (interpolating float32 data in float32), and the q that
// are errors.
func TestQuantileQForms(t *testing.T) {
	forEachBackend(t, func(t *testing.T, d *Device) {
		data := make([]float32, 3*7)
		for i := range data {
			data[i] = float32(math.Sin(float64(i)*7.31) * 100)
		}
		x := FromSliceOn(d, data, 3, 7)
		values := func(a *Array) []float64 {
			t.Helper()
			v, err := ToSlice[float64](a.AsType(Float64))
			require.NoError(t, err)
			return v
		}
		list := []float64{10, 35, 50, 90}
		want := Percentile(x, list, 1, Linear) // float64, 4 x 3
		require.Equal(t, []int{4, 3}, want.Shape())
		weak := Percentile(x, 35.0, 1, Linear) // float32, 3
		require.Equal(t, Float32, weak.DType())
		for _, c := range []struct {
			name  string
			got   *Array
			shape []int
			dt    DType
			want  []float64
		}{
			{"int", Percentile(x, 35, 1, Linear), []int{3}, Float32, values(weak)},
			{"float32", Percentile(x, float32(35), 1, Linear), []int{3}, Float32, values(weak)},
			{"uint8", Percentile(x, uint8(35), 1, Linear), []int{3}, Float32, values(weak)},
			{"[]int", Percentile(x, []int{10, 35, 50, 90}, 1, Linear), []int{4, 3}, Float64, values(want)},
			{"[]int64", Percentile(x, []int64{10, 35, 50, 90}, 1, Linear), []int{4, 3}, Float64, values(want)},
			{"2-d array", Percentile(x, FromSliceOn(d, list, 2, 2), 1, Linear), []int{2, 2, 3}, Float64, values(want)},
			{"1-d int array", Percentile(x, FromSliceOn(d, []int32{10, 35, 50, 90}), 1, Linear), []int{4, 3}, Float64, values(want)},
			{"0-d array", Percentile(x, d.Scalar(35.0), 1, Linear), []int{3}, Float64, values(want)[3:6]},
			{"float32 array", Percentile(x, FromSliceOn(d, []float32{10, 35, 50, 90}), 1, Linear), []int{4, 3}, Float32, values(want)},
			{"empty array", Quantile(x, d.Zeros(Float64, 0, 2), 1, Linear), []int{0, 2, 3}, Float64, []float64{}},
			{"array with lower", Quantile(x, FromSliceOn(d, []float64{0.1, 0.9}, 2, 1), 0, Lower), []int{2, 1, 7}, Float32, values(Quantile(x, []float64{0.1, 0.9}, 0, Lower))},
		} {
			require.NoError(t, c.got.Err(), c.name)
			require.Equal(t, c.shape, c.got.Shape(), c.name)
			require.Equal(t, c.dt, c.got.DType(), c.name)
			got := values(c.got)
			require.Len(t, got, len(c.want), c.name)
			for i := range got {
				require.InDelta(t, c.want[i], got[i], 1e-4*math.Max(1, math.Abs(c.want[i])), "%s [%d]", c.name, i)
			}
		}
		for _, c := range []struct {
			q    any
			want string
		}{
			{true, "q is a bool"},
			{1 + 2i, "q is a complex128"},
			{"50", "q is a string"},
			{[]bool{true}, "q is a []bool"},
			{FromSliceOn(d, []bool{true}), "q must be real numbers, not bool"},
			{FromSliceOn(d, []complex64{0.5}), "q must be real numbers, not complex64"},
			{FromSliceOn(d, []float64{50, 101}), "range [0, 100], not 101"},
			{-1, "range [0, 100], not -1"},
			{Cov(nil, true, 1), "nil array"},
		} {
			require.ErrorContains(t, Percentile(x, c.q, 1, Linear).Err(), c.want, "%v", c.q)
		}
	})
}
