package array

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"testing"

	"github.com/cugo/cugo/internal/fixture"
	"github.com/stretchr/testify/require"
)

// statsFixtureCall runs one case of testdata/stats/cases.txt (see
// gen_stats.py), named <function>_<method or variant>_<axis>, on arrays
// on d.
func statsFixtureCall(t *testing.T, d *Device, name string, in []*NpyData) []*Array {
	f := strings.Split(name, "_")
	arg := func(k int) *Array { return onDevice(t, d, in[k]) }
	a := arg(0)
	axisOf := func(s string) int {
		if s == "none" {
			return AxisNone
		}
		ax, err := strconv.Atoi(strings.TrimPrefix(s, "axis"))
		require.NoError(t, err, name)
		return ax
	}
	quantiles := map[string]func(*Array, any, int, Method, ...QuantileOption) *Array{
		"quantile": Quantile, "nanquantile": NanQuantile, "percentile": Percentile, "nanpercentile": NanPercentile}
	switch f[0] {
	case "quantile", "nanquantile", "percentile", "nanpercentile":
		fn, m := quantiles[f[0]], quantileMethods[f[1]]
		switch f[2] {
		case "axis1":
			return []*Array{fn(a, []float64{0.1, 0.5, 0.95}, 1, m)}
		case "axis0":
			return []*Array{fn(a, 62.5, 0, m)}
		case "scalar":
			return []*Array{fn(a, 0.3, -1, m)}
		case "list":
			return []*Array{fn(a, []float64{0, 0.3, 0.5, 0.77, 1}, -1, m)}
		case "emptyrows":
			return []*Array{fn(a, []float64{0.25, 0.5}, 0, m)}
		case "noq":
			return []*Array{fn(a, []float64{}, 0, m)}
		}
		return []*Array{fn(a, 0.25, axisOf(f[2]), m)}
	case "median":
		return []*Array{Median(a, axisOf(f[1]))}
	case "nanmedian":
		return []*Array{NanMedian(a, axisOf(f[1]))}
	case "average":
		if strings.HasSuffix(name, "_keepdims") {
			return []*Array{Average(a, arg(1), Axis(1), KeepDims())}
		}
		var opts []ReduceOption
		if ax := axisOf(f[len(f)-1]); ax != AxisNone {
			opts = append(opts, Axis(ax))
		}
		if f[1] == "noweights" {
			avg, sum := AverageAndSum(a, nil, opts...)
			return []*Array{avg, sum}
		}
		avg, sum := AverageAndSum(a, arg(1), opts...)
		return []*Array{avg, sum}
	case "histogram":
		if f[1] == "edges" {
			return []*Array{HistogramEdges(a, arg(2), HistWeights(arg(1)))}
		}
		h, e := Histogram(a, 7, HistRange(-2, 2), HistWeights(arg(1)))
		return []*Array{h, e}
	case "isclose":
		return []*Array{Isclose(a, arg(1), 0.01, 1, false)}
	case "cov":
		return []*Array{Cov(a, true, map[string]int{"past": 6, "n": 4}[f[2]])}
	case "diff":
		return []*Array{Diff(a, 0, 0)}
	case "nanvar":
		return []*Array{NanVar(a, Axis(-1))}
	}
	t.Fatalf("unknown case %q", name)
	return nil
}

// TestStatsNumPy checks the statistics functions against NumPy 2's
// answers in testdata/stats: the dtypes of quantiles by method (integers
// and bool kept by lower, higher and nearest; float64 from a list q),
// 64-bit integers beyond 2^53, empty axes and arrays, the NaN forms,
// Average's sums in the result dtype with its 1-d weights and returned
// sum of weights, histograms summing weights of every dtype, Isclose of
// integers at their extremes, Cov past its degrees of freedom, Diff of
// order zero and NanVar of a 0-d array.
func TestStatsNumPy(t *testing.T) { checkCaseFixtures(t, "stats", statsFixtureCall) }

// checkCaseFixtures runs every case of testdata/<dir>/cases.txt through
// call on each backend and compares its results with NumPy's: dtype,
// shape, and values within the case's tolerance.
func checkCaseFixtures(t *testing.T, dir string, call func(t *testing.T, d *Device, name string, in []*NpyData) []*Array) {
	arrays := npyStream(t, dir+"/cases.npys")
	lines := fixture.Lines(t, dir+"/cases.txt")
	forEachBackend(t, func(t *testing.T, d *Device) {
		rest := arrays
		for _, line := range lines {
			f := strings.Fields(line)
			nin, nout := atoi(t, f[1]), atoi(t, f[2])
			tol, err := strconv.ParseFloat(f[3], 64)
			require.NoError(t, err)
			got := call(t, d, f[0], rest[:nin])
			require.Len(t, got, nout, line)
			for k, g := range got {
				msg := fmt.Sprintf("%s (result %d)", line, k)
				want := rest[nin+k]
				require.NoError(t, g.Err(), msg)
				require.Equal(t, want.DType, g.DType(), msg)
				require.Equal(t, formatShape(want.Shape), formatShape(g.Shape()), msg)
				requireClose(t, want.DType, want.Data, hostData(t, g), tol, msg)
			}
			rest = rest[nin+nout:]
		}
		require.Empty(t, rest)
	})
}

// TestStatsErrors checks that the inputs NumPy refuses are errors that
// say why, not panics or numbers.
func TestStatsErrors(t *testing.T) {
	d := DefaultDevice()
	x := d.Arange(0, 6, 1, Float64).Reshape(2, 3)
	ints := d.Arange(0, 6, 1, Int64)
	cases := []struct {
		name string
		got  *Array
		want string
	}{
		{"weights summing to zero", Average(x, d.Zeros(Float64, 2, 3), Axis(1)), "Weights sum to zero"},
		{"empty weights", Average(d.Zeros(Float64, 0), d.Zeros(Float64, 0)), "Weights sum to zero"},
		{"1-d weights without an axis", Average(x, d.Ones(Float64, 3)), "axis must be specified"},
		{"2-d weights of another shape", Average(x, d.Ones(Float64, 3, 2), Axis(0)), "1D weights expected"},
		{"1-d weights of another length", Average(x, d.Ones(Float64, 2), Axis(1)), "not compatible"},
		{"complex x", Digitize(d.Zeros(Complex128, 3), d.Arange(0, 3, 1, Float64), false), "x may not be complex"},
		{"complex weights", Bincount(ints, d.Zeros(Complex128, 6), 0), "complex128"},
		{"uint64 beyond int64", Bincount(d.Full(Uint64, uint64(1)<<63, 2), nil, 0), "no negative elements"},
		{"quantile of an empty axis", Quantile(d.Zeros(Float32, 3, 0), 0.5, 1, Linear), "empty axis"},
		{"q above 1", Quantile(x, []float64{0.5, 1.5}, 0, Lower), "range [0, 1]"},
		{"interpolated bool", Quantile(d.Ones(Bool, 4), 0.5, 0, Midpoint), "bool"},
		{"complex quantile", Percentile(d.Zeros(Complex64, 4), 50.0, 0, Nearest), "real numbers"},
		{"bins past memory", histogramOf(x, 1<<50), "out of memory"},
		{"bins past int", histogramOf(x, math.MaxInt), "cannot make"},
		{"values past int", Bincount(d.Full(Int64, int64(math.MaxInt64), 1), nil, 0), "cannot count"},
		{"nil weights", Average(x, nil, Axis(0)).Add(Average(nil, x)), "nil array"},
	}
	for _, c := range cases {
		require.ErrorContains(t, c.got.Err(), c.want, c.name)
	}
	// An order past the axis's length ends once the difference is empty.
	huge := Diff(x, math.MaxInt, 1)
	require.NoError(t, huge.Err())
	require.Equal(t, []int{2, 0}, huge.Shape())
}

func histogramOf(a *Array, bins int) *Array {
	h, _ := Histogram(a, bins)
	return h
}

// TestStatsFoldNoAxes checks that Axis() with no axes folds none, as
// NumPy's axis=(): the result keeps every axis, those of length one too.
func TestStatsFoldNoAxes(t *testing.T) {
	d := DefaultDevice()
	x := d.Arange(0, 6, 1, Float64).Reshape(2, 1, 3)
	w := d.Arange(1, 7, 1, Float64).Reshape(2, 1, 3)
	for name, got := range map[string]*Array{
		"Average": Average(x, w, Axis()),
		"NanVar":  NanVar(x, Axis()),
	} {
		require.NoError(t, got.Err(), name)
		require.Equal(t, []int{2, 1, 3}, got.Shape(), name)
	}
	avg, err := ToSlice[float64](Average(x, w, Axis()))
	require.NoError(t, err)
	require.Equal(t, []float64{0, 1, 2, 3, 4, 5}, avg) // x*w/w, exact
}
