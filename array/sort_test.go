package array

import (
	"encoding/binary"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/cugo/cugo/internal/fixture"
	"github.com/stretchr/testify/require"
)

// sortFixtureAxis reads an axis of testdata/sort/cases.txt ("none" is AxisNone).
func sortFixtureAxis(t *testing.T, s string) int {
	if s == "none" {
		return AxisNone
	}
	ax, err := strconv.Atoi(s)
	require.NoError(t, err)
	return ax
}

// fixtureAxes turns an axis of cases.txt into reduction options.
func fixtureAxes(t *testing.T, s string) []ReduceOption {
	if s == "none" {
		return nil
	}
	return []ReduceOption{Axis(sortFixtureAxis(t, s))}
}

var quantileMethods = map[string]Method{"linear": Linear, "lower": Lower, "higher": Higher, "nearest": Nearest, "midpoint": Midpoint,
	"inverted_cdf": InvertedCDF, "averaged_inverted_cdf": AveragedInvertedCDF, "closest_observation": ClosestObservation,
	"interpolated_inverted_cdf": InterpolatedInvertedCDF, "hazen": Hazen, "weibull": Weibull,
	"median_unbiased": MedianUnbiased, "normal_unbiased": NormalUnbiased}

// sortFixtureCall runs one case of testdata/sort/cases.txt (see
// gen_sort.py) on arrays on d and returns its results and the tolerance
// of the comparison in epsilons (0: exact).
func sortFixtureCall(t *testing.T, d *Device, f []string, in []*NpyData) ([]*Array, float64) {
	i, err := strconv.Atoi(f[1])
	require.NoError(t, err)
	arg := func(k int) *Array { return onDevice(t, d, in[i+k]) }
	a := arg(0)
	switch f[0] {
	case "sort":
		return []*Array{Sort(a, sortFixtureAxis(t, f[2]))}, 0
	case "argsort":
		return []*Array{ArgSort(a, sortFixtureAxis(t, f[2]))}, 0
	case "lexsort":
		var keys []*Array
		for k := range a.Shape()[0] {
			keys = append(keys, a.Index(I(k)))
		}
		return []*Array{Lexsort(keys)}, 0
	case "searchsorted":
		side := map[string]Side{"left": Left, "right": Right}[f[2]]
		var sorter *Array
		if f[3] == "sorter" {
			sorter = arg(2)
		}
		return []*Array{SearchSorted(a, arg(1), side, sorter)}, 0
	case "unique":
		r := UniqueAll(a) // the values through UniqueValues, which sorts no indices
		return []*Array{UniqueValues(a), r.Indices, r.Inverse, r.Counts}, 0
	case "uniqueaxis":
		ax, _ := strconv.Atoi(f[2])
		r := UniqueAxis(a, ax)
		return []*Array{r.Values, r.Indices, r.Inverse, r.Counts}, 0
	case "isin":
		return []*Array{Isin(a, arg(1))}, 0
	case "in1d":
		return []*Array{In1d(a, arg(1))}, 0
	case "intersect1d":
		return []*Array{Intersect1d(a, arg(1))}, 0
	case "union1d":
		return []*Array{Union1d(a, arg(1))}, 0
	case "setdiff1d":
		return []*Array{Setdiff1d(a, arg(1))}, 0
	case "setxor1d":
		return []*Array{Setxor1d(a, arg(1))}, 0
	case "median":
		return []*Array{Median(a, sortFixtureAxis(t, f[2]))}, 4
	case "nanmedian":
		return []*Array{NanMedian(a, sortFixtureAxis(t, f[2]))}, 4
	case "quantile":
		return []*Array{Quantile(a, []float64{0, 0.25, 0.5, 0.9, 1}, sortFixtureAxis(t, f[2]), quantileMethods[f[3]])}, 4
	case "percentile":
		return []*Array{Percentile(a, 37.5, sortFixtureAxis(t, f[2]), quantileMethods[f[3]])}, 4
	case "nanquantile":
		return []*Array{NanQuantile(a, []float64{0.1, 0.5, 1}, sortFixtureAxis(t, f[2]), quantileMethods[f[3]])}, 4
	case "partition":
		kth, _ := strconv.Atoi(f[2])
		axis := sortFixtureAxis(t, f[3])
		p, idx := Partition(a, kth, axis), ArgPartition(a, kth, axis)
		if axis == AxisNone {
			a, axis = a.Ravel(), 0
		}
		requirePartitioned(t, p, kth, axis)
		require.Equal(t, hostData(t, p), hostData(t, TakeAlongAxis(a, idx, axis)), "ArgPartition gives Partition")
		return []*Array{Take(p, d.Scalar(int64(kth)), axis)}, 0
	case "diff":
		n, _ := strconv.Atoi(f[2])
		ax, _ := strconv.Atoi(f[3])
		return []*Array{Diff(a, n, ax)}, 0
	case "digitize":
		return []*Array{Digitize(a, arg(1), f[2] == "1")}, 0
	case "bincount":
		minlength, _ := strconv.Atoi(f[2])
		var w *Array
		if f[3] == "weights" {
			w = arg(1)
		}
		return []*Array{Bincount(a, w, minlength)}, weightedSumTol
	case "histogram":
		bins, _ := strconv.Atoi(f[2])
		var opts []HistogramOption
		if f[3] != "auto" {
			lo, _ := strconv.ParseFloat(f[3], 64)
			hi, _ := strconv.ParseFloat(f[4], 64)
			opts = append(opts, HistRange(lo, hi))
		}
		switch f[5] {
		case "weights":
			opts = append(opts, HistWeights(arg(1)))
		case "density":
			opts = append(opts, Density())
		}
		h, e := Histogram(a, bins, opts...)
		return []*Array{h, e}, weightedSumTol
	case "histogram_error": // NumPy 2 refuses a range too narrow for the bins in the data's dtype
		bins, _ := strconv.Atoi(f[2])
		lo, _ := strconv.ParseFloat(f[3], 64)
		hi, _ := strconv.ParseFloat(f[4], 64)
		h, e := Histogram(a, bins, HistRange(lo, hi))
		require.ErrorContains(t, h.Err(), "Too many bins for data range", strings.Join(f, " "))
		require.ErrorContains(t, e.Err(), "Too many bins for data range", strings.Join(f, " "))
		return nil, 0
	case "histogram_bin_edges":
		bins, _ := strconv.Atoi(f[2])
		return []*Array{HistogramBinEdges(a, bins)}, 0
	case "histogram_edges":
		var opts []HistogramOption
		switch f[2] {
		case "weights":
			opts = append(opts, HistWeights(arg(1)))
		case "density":
			opts = append(opts, Density())
		}
		// NumPy sums weights here as differences of a cumulative sum
		return []*Array{HistogramEdges(a, arg(2), opts...)}, 64
	case "isclose":
		rtol, _ := strconv.ParseFloat(f[2], 64)
		atol, _ := strconv.ParseFloat(f[3], 64)
		return []*Array{Isclose(a, arg(1), rtol, atol, f[4] == "1")}, 0
	case "ptp":
		return []*Array{Ptp(a, fixtureAxes(t, f[2])...)}, 0
	case "average":
		return []*Array{Average(a, arg(1), fixtureAxes(t, f[2])...)}, 8
	case "cov":
		ddof, _ := strconv.Atoi(f[3])
		return []*Array{Cov(a, f[2] == "1", ddof)}, 64
	case "covxy":
		ddof, _ := strconv.Atoi(f[3])
		return []*Array{CovXY(a, arg(1), f[2] == "1", ddof)}, 64
	case "corrcoefxy":
		return []*Array{CorrcoefXY(a, arg(1), f[2] == "1")}, 64
	case "corrcoef":
		return []*Array{Corrcoef(a, f[2] == "1")}, 64
	case "nanprod", "nancumsum", "nancumprod", "nanargmax", "nanargmin":
		fn := map[string]func(*Array, ...ReduceOption) *Array{"nanprod": NanProd, "nancumsum": NanCumSum,
			"nancumprod": NanCumProd, "nanargmax": NanArgMax, "nanargmin": NanArgMin}[f[0]]
		return []*Array{fn(a, fixtureAxes(t, f[2])...)}, 64
	case "nanvar", "nanstd":
		fn := map[string]func(*Array, ...ReduceOption) *Array{"nanvar": NanVar, "nanstd": NanStd}[f[0]]
		ddof, _ := strconv.Atoi(f[3])
		return []*Array{fn(a, append(fixtureAxes(t, f[2]), DDof(ddof))...)}, 64
	}
	t.Fatalf("unknown case %q", strings.Join(f, " "))
	return nil, 0
}

// TestSortNumPy checks every sorting, searching, set and order
// statistic function against NumPy's results in testdata/sort: dtypes
// from bool to complex, NaN, ±inf and ±0, duplicate-heavy, sorted and
// reversed data, empty and 0-d arrays, every axis and axis=None, and
// row lengths that cross each of the GPU sort's paths. Sorts are
// compared bit for bit and argsorts exactly, which checks stability.
// weightedSumTol is the tolerance (in epsilons of the result) of a bin's
// sum of weights: a GPU adds a bin's few dozen weights of either sign in
// the order its atomics land, which moves the sum by epsilons of the
// terms, not of the result (8.2 epsilons of the result were measured on an H100).
const weightedSumTol = 64

func TestSortNumPy(t *testing.T) {
	inputs := npyStream(t, "sort/inputs.npys")
	results := npyStream(t, "sort/results.npys")
	lines := fixture.Lines(t, "sort/cases.txt")
	forEachBackend(t, func(t *testing.T, d *Device) {
		next := results
		for _, line := range lines {
			got, tol := sortFixtureCall(t, d, strings.Fields(line), inputs)
			for k, g := range got {
				msg := fmt.Sprintf("%s (result %d)", line, k)
				want := next[0]
				next = next[1:]
				require.NoError(t, g.Err(), msg)
				require.Equal(t, want.DType, g.DType(), msg)
				require.True(t, slices.Equal(want.Shape, g.Shape()), "%s: shape %v, want %v", msg, g.Shape(), want.Shape)
				gotData := hostData(t, g)
				if setOps[strings.Fields(line)[0]] {
					// Which of -0 and 0 a set keeps depends on NumPy's
					// unstable SIMD sort (or partition): compare them as equal.
					want.Data, gotData = positiveZeros(want.DType, want.Data), positiveZeros(want.DType, gotData)
				}
				requireClose(t, want.DType, want.Data, gotData, tol, msg)
			}
		}
		require.Empty(t, next)
	})
}

// Sorting a non-contiguous view and a transposed array gives what
// sorting their copies gives.
func TestSortViews(t *testing.T) {
	forEachBackend(t, func(t *testing.T, d *Device) {
		x := d.Arange(0, 60, 1, Float32).Mul(-1).Reshape(3, 4, 5)
		for _, v := range []*Array{x.Index(All, S(0, 4).Step(2)), x.T(), x.Index(I(1)).T()} {
			for _, ax := range []int{0, -1, AxisNone} {
				require.Equal(t, hostData(t, Sort(v.Copy(), ax)), hostData(t, Sort(v, ax)))
				require.Equal(t, hostData(t, ArgSort(v.Copy(), ax)), hostData(t, ArgSort(v, ax)))
			}
		}
	})
}

func TestSortErrors(t *testing.T) {
	forEachBackend(t, func(t *testing.T, d *Device) {
		x := d.Arange(0, 6, 1, Int32).Reshape(2, 3)
		require.ErrorContains(t, Sort(x, 2).Err(), "axis 2 is out of bounds")
		require.ErrorContains(t, Sort(d.Scalar(1.5), -1).Err(), "out of bounds")
		require.ErrorContains(t, Partition(x, 3, -1).Err(), "kth(=3) out of bounds")
		require.ErrorContains(t, SearchSorted(x, x, Left, nil).Err(), "must be 1-d")
		require.ErrorContains(t, Quantile(x, 1.5, -1, Linear).Err(), "range [0, 1]")
		require.ErrorContains(t, Percentile(x, -1.0, -1, Linear).Err(), "range [0, 100]")
		require.ErrorContains(t, Quantile(x, "half", -1, Linear).Err(), "q is a string (want a Go number")
		require.ErrorContains(t, Quantile(d.Zeros(Float32, 0), 0.5, 0, Linear).Err(), "empty")
		require.ErrorContains(t, Quantile(d.Zeros(Complex64, 3), 0.5, 0, Linear).Err(), "real numbers")
		require.ErrorContains(t, Diff(x, -1, 0).Err(), "non-negative")
		require.ErrorContains(t, Digitize(x, FromSliceOn(d, []float64{1, 3, 2}, 3), false).Err(), "monoton")
		require.ErrorContains(t, Lexsort(nil).Err(), "len > 0")
		var nilArray *Array
		require.ErrorIs(t, Sort(nilArray, -1).Err(), ErrNil)
	})
}

// Partition and ArgPartition put the kth element where a sort puts it,
// smaller or equal ones before and greater or equal ones after.
func TestPartition(t *testing.T) {
	forEachBackend(t, func(t *testing.T, d *Device) {
		vals := []float64{5, 1, 4, math.NaN(), 2, 2, 9, -3}
		x := FromSliceOn(d, vals, 8)
		for _, kth := range []int{0, 3, 7, -1} {
			p, err := ToSlice[float64](Partition(x, kth, 0))
			require.NoError(t, err)
			k := (kth + 8) % 8
			s := slices.Clone(vals)
			slices.SortStableFunc(s, func(a, b float64) int {
				switch {
				case math.IsNaN(a):
					return 1
				case math.IsNaN(b):
					return -1
				}
				return map[bool]int{true: -1, false: 1}[a < b] * map[bool]int{true: 0, false: 1}[a == b]
			})
			if math.IsNaN(s[k]) {
				require.True(t, math.IsNaN(p[k]))
			} else {
				require.Equal(t, s[k], p[k])
			}
			idx, err := ToSlice[int64](ArgPartition(x, kth, 0))
			require.NoError(t, err)
			got := vals[idx[k]]
			require.True(t, got == s[k] || math.IsNaN(got) && math.IsNaN(s[k]))
		}
	})
}

func TestStatisticsErrors(t *testing.T) {
	forEachBackend(t, func(t *testing.T, d *Device) {
		require.ErrorContains(t, Bincount(FromSliceOn(d, []int64{1, -1}, 2), nil, 0).Err(), "no negative elements")
		require.ErrorContains(t, Bincount(d.Zeros(Float32, 3), nil, 0).Err(), "cannot cast")
		require.ErrorContains(t, Bincount(d.Zeros(Int64, 2, 2), nil, 0).Err(), "too deep")
		require.ErrorContains(t, Bincount(d.Zeros(Int64, 2), d.Zeros(Float64, 3), 0).Err(), "weights of shape")
		_, e := Histogram(d.Zeros(Float32, 3), 0)
		require.ErrorContains(t, e.Err(), "must be positive")
		_, e = Histogram(d.Zeros(Float32, 3), 4, HistRange(2, 1))
		require.ErrorContains(t, e.Err(), "max must be larger")
		// Edges that rounding to the dtype makes equal (NumPy 2.5 refuses
		// them); ones close to that but distinct are read back and pass.
		_, e = Histogram(d.Zeros(Int32, 3), 10, HistRange(1, 1+4e-16))
		require.ErrorContains(t, e.Err(), "Cannot create 10 finite-sized bins")
		_, e = Histogram(d.Zeros(Float32, 3), 1000, HistRange(1, 1.001))
		require.NoError(t, e.Err())
		require.Equal(t, 1001, e.Size())
		_, e = Histogram(FromSliceOn(d, []float64{1, math.Inf(1)}, 2), 4)
		require.ErrorContains(t, e.Err(), "not finite")
		require.ErrorContains(t, HistogramEdges(d.Zeros(Float32, 3), FromSliceOn(d, []float64{2, 1}, 2)).Err(), "increase monotonically")
		x := FromSliceOn(d, []float64{1, math.NaN(), math.NaN(), math.NaN()}, 2, 2)
		require.ErrorContains(t, NanArgMax(x, Axis(0)).Err(), "All-NaN slice")
		got, err := ToSlice[int64](NanArgMin(x, Axis(1)))
		require.Error(t, err)
		require.Nil(t, got)
		require.ErrorContains(t, Cov(d.Zeros(Float64, 2, 2, 2), true, 1).Err(), "more than 2 dimensions")
	})
}

// Allclose folds Isclose; Isclose takes Go scalars for either side.
func TestAllclose(t *testing.T) {
	forEachBackend(t, func(t *testing.T, d *Device) {
		a := FromSliceOn(d, []float64{1, 2, math.NaN()}, 3)
		b := FromSliceOn(d, []float64{1 + 1e-9, 2, math.NaN()}, 3)
		ok, err := Allclose(a, b, 1e-5, 1e-8, false)
		require.NoError(t, err)
		require.False(t, ok)
		ok, err = Allclose(a, b, 1e-5, 1e-8, true)
		require.NoError(t, err)
		require.True(t, ok)
		close, err := ToSlice[bool](Isclose(a, 2.0, 0, 0, false))
		require.NoError(t, err)
		require.Equal(t, []bool{false, true, false}, close)
		_, err = Allclose(a, d.Zeros(Float64, 2), 0, 0, false)
		require.Error(t, err)
	})
}

// setOps are the functions whose float results keep one of equal values
// (partition: which of them lands at kth).
var setOps = map[string]bool{"intersect1d": true, "union1d": true, "setdiff1d": true, "setxor1d": true, "unique": true,
	"partition": true, "uniqueaxis": true}

// positiveZeros returns float data with every -0 made +0.
func positiveZeros(dt DType, data []byte) []byte {
	out := slices.Clone(data)
	switch dt {
	case Float32:
		for i := 0; i+4 <= len(out); i += 4 {
			if binary.LittleEndian.Uint32(out[i:]) == 1<<31 {
				binary.LittleEndian.PutUint32(out[i:], 0)
			}
		}
	case Float64:
		for i := 0; i+8 <= len(out); i += 8 {
			if binary.LittleEndian.Uint64(out[i:]) == 1<<63 {
				binary.LittleEndian.PutUint64(out[i:], 0)
			}
		}
	}
	return out
}

// requirePartitioned checks that, along axis, nothing before position
// kth of p sorts after p's element there and nothing after sorts before
// it (NaN sorts last).
func requirePartitioned(t *testing.T, p *Array, kth, axis int) {
	ax, err := NormalizeAxis(axis, p.NDim())
	require.NoError(t, err)
	n := p.Shape()[ax]
	k := (kth + n) % n
	moved := p.Transpose(moveLast(p.NDim(), ax)...).AsType(Float64)
	v := moved.Index(Ellipsis, S(k, k+1))
	vNaN := IsNaN(v)
	before, after := moved.Index(Ellipsis, S(0, k)), moved.Index(Ellipsis, S(k+1, n))
	okBefore := LogicalOr(LessEqual(before, v), vNaN)                        // NaN before only if v is NaN, and then anything
	okAfter := LogicalOr(GreaterEqual(after, v), IsNaN(after))               // NaN after always
	okAfter = LogicalAnd(okAfter, LogicalOr(LogicalNot(vNaN), IsNaN(after))) // only NaN after a NaN
	for _, ok := range []*Array{okBefore, okAfter} {
		all, err := Item[bool](AllTrue(ok))
		require.NoError(t, err)
		require.True(t, all, "not partitioned at %d along axis %d", kth, axis)
	}
}
