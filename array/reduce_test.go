package array

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/cugo/cugo/internal/fixture"
	"github.com/stretchr/testify/require"
)

var numpyReductions = map[string]func(a *Array, opts ...ReduceOption) *Array{
	"sum": Sum, "prod": Prod, "mean": Mean, "var": Var, "std": Std, "max": Max, "min": Min,
	"all": AllTrue, "any": AnyTrue, "count_nonzero": CountNonzero, "nansum": NanSum, "nanmean": NanMean,
	"nanmax": NanMax, "nanmin": NanMin, "argmax": ArgMax, "argmin": ArgMin, "cumsum": CumSum, "cumprod": CumProd,
}

// reduceCase is a line of testdata/reduce/cases.txt (see gen_reduce.py).
type reduceCase struct {
	line  string
	fn    func(a *Array, opts ...ReduceOption) *Array
	input int
	opts  []ReduceOption
	tol   float64
	err   string
	want  *NpyData
}

func reduceCases(t *testing.T) ([]reduceCase, []*NpyData) {
	inputs := npyStream(t, "reduce/inputs.npys")
	results := npyStream(t, "reduce/results.npys")
	var cases []reduceCase
	for _, line := range fixture.Lines(t, "reduce/cases.txt") {
		f := strings.SplitN(line, " ", 7)
		c := reduceCase{line: line, fn: numpyReductions[f[0]]}
		require.NotNil(t, c.fn, line)
		c.input, _ = strconv.Atoi(f[1])
		switch f[2] {
		case "none":
		case "empty":
			c.opts = append(c.opts, Axis())
		default:
			var axes []int
			for _, s := range strings.Split(f[2], ",") {
				ax, err := strconv.Atoi(s)
				require.NoError(t, err, line)
				axes = append(axes, ax)
			}
			c.opts = append(c.opts, Axis(axes...))
		}
		if f[3] == "1" {
			c.opts = append(c.opts, KeepDims())
		}
		if ddof, _ := strconv.Atoi(f[4]); ddof != 0 {
			c.opts = append(c.opts, DDof(ddof))
		}
		c.tol, _ = strconv.ParseFloat(f[5], 64)
		if len(f) == 7 {
			c.err = f[6]
		} else {
			c.want, results = results[0], results[1:]
		}
		cases = append(cases, c)
	}
	require.Empty(t, results)
	return cases, inputs
}

// TestReductionsNumPy checks every reduction against NumPy: the dtype,
// shape and values of the result, or the error, on C-ordered inputs and
// on the same values laid out in Fortran order (a transposed copy,
// transposed back), which the backends fold through other kernels.
func TestReductionsNumPy(t *testing.T) {
	cases, inputs := reduceCases(t)
	forEachBackend(t, func(t *testing.T, d *Device) { checkReductions(t, d, cases, inputs) })
}

func checkReductions(t *testing.T, d *Device, cases []reduceCase, inputs []*NpyData) {
	arrays := make([]*Array, len(inputs))
	fortran := make([]*Array, len(inputs))
	for i, in := range inputs {
		arrays[i] = onDevice(t, d, in)
		if len(in.Shape) > 1 {
			fortran[i] = arrays[i].T().Copy().T()
		}
	}
	for i, c := range cases {
		for _, a := range []*Array{arrays[c.input], fortran[c.input]} {
			if a == nil {
				continue
			}
			msg := fmt.Sprintf("case %d: %s (strides %v)", i, c.line, a.Strides())
			got := c.fn(a, c.opts...)
			if c.err != "" {
				require.ErrorContains(t, got.Err(), c.err, msg)
				continue
			}
			require.NoError(t, got.Err(), msg)
			require.Equal(t, c.want.DType, got.DType(), msg)
			require.True(t, slices.Equal(c.want.Shape, got.Shape()), "%s: shape %v, want %v", msg, got.Shape(), c.want.Shape)
			requireClose(t, c.want.DType, c.want.Data, hostData(t, got), c.tol, msg)
		}
	}
}

// TestReduceOptions checks Out, WithDType, the method forms and the
// errors of options.
func TestReduceOptions(t *testing.T) { forEachBackend(t, checkReduceOptions) }

func checkReduceOptions(t *testing.T, d *Device) {
	a := FromSliceOn(d, []int16{1, -2, 3, 4, 5, 6}, 2, 3)
	got, err := ToSlice[int64](a.Sum(Axis(1)))
	require.NoError(t, err)
	require.Equal(t, []int64{2, 15}, got)
	// a strided out of another dtype, written through a view
	out := d.Zeros(Float64, 3, 2)
	r := Sum(a, Axis(0), Out(out.Index(All, I(1))))
	require.NoError(t, r.Err())
	outs, err := ToSlice[float64](out)
	require.NoError(t, err)
	require.Equal(t, []float64{0, 5, 0, 3, 0, 9}, outs)
	// WithDType: int8 accumulation wraps as NumPy's sum(dtype=int8)
	w := FromSliceOn(d, []int16{100, 100, 100}, 3)
	s, err := ToSlice[int8](Sum(w, WithDType(Int8)))
	require.NoError(t, err)
	require.Equal(t, []int8{44}, s)
	f, err := ToSlice[float32](Mean(a, WithDType(Float32), Axis(-1)))
	require.NoError(t, err)
	require.Equal(t, []float32{2.0 / 3, 5}, f)
	// out overlapping the input: computed through a temporary
	x := FromSliceOn(d, []float32{1, 2, 3, 4}, 2, 2)
	require.NoError(t, Sum(x, Axis(1), Out(x.Index(All, I(0)))).Err())
	xs, err := ToSlice[float32](x)
	require.NoError(t, err)
	require.Equal(t, []float32{3, 2, 7, 4}, xs)
	c := CumSum(x, Axis(0), Out(x))
	require.NoError(t, c.Err())
	// errors
	require.ErrorContains(t, Sum(a, Out(d.Zeros(Int64, 2))).Err(), "Sum: output has shape (2,), the result has shape ()")
	// out of another kind: the result cast unsafely, as NumPy's reductions do
	o := d.Zeros(Int64)
	require.Same(t, o, Sum(FromSliceOn(d, []float64{1.25, 1.5}), Out(o)))
	sum, err := Item[int64](o)
	require.NoError(t, err)
	require.Equal(t, int64(2), sum)
	require.ErrorContains(t, ArgMax(a, Out(d.Zeros(Float64))).Err(), "ArgMax: cannot cast the output's float64 to int64 indices with casting rule 'safe'")
	require.ErrorContains(t, Max(a, WithDType(Float32)).Err(), "Max: takes no dtype")
	require.ErrorContains(t, ArgMax(a, Axis(0, 1)).Err(), "ArgMax: takes one axis, not 2")
	require.ErrorContains(t, a.CumSum(Axis(0, 1)).Err(), "CumSum: takes one axis, not 2")
	require.ErrorContains(t, Sum(a.Add(FromSliceOn(d, []int16{1, 2}))).Err(), "Add: operands could not be broadcast")
	var nilArr *Array
	require.ErrorIs(t, nilArr.Sum().Err(), ErrNil)
}

// TestReduceSmallValues checks Var and Std against float64 host
// computation on a 2-D input, over each axis, with and without ddof.
func TestReduceSmallValues(t *testing.T) { forEachBackend(t, checkReduceSmallValues) }

func checkReduceSmallValues(t *testing.T, d *Device) {
	vals := []float64{1.5, -2, 3.25, 4, 10, -6, 0.5, 8}
	a := FromSliceOn(d, vals, 2, 4)
	for ddof := range 2 {
		v, err := ToSlice[float64](Var(a, Axis(1), DDof(ddof)))
		require.NoError(t, err)
		s, err := ToSlice[float64](Std(a, Axis(1), DDof(ddof)))
		require.NoError(t, err)
		for row := range 2 {
			x := vals[row*4 : row*4+4]
			mean := (x[0] + x[1] + x[2] + x[3]) / 4
			ss := 0.0
			for _, e := range x {
				ss += (e - mean) * (e - mean)
			}
			want := ss / float64(4-ddof)
			require.InDelta(t, want, v[row], 1e-12*want)
			require.InDelta(t, math.Sqrt(want), s[row], 1e-12*want)
		}
	}
}

// TestCumulativeFirstElement checks that a running sum or product starts
// from each row's first element as it is, as NumPy's accumulate copies it:
// np.cumsum([-0.0, -0.0]) is [-0.0, -0.0] and np.cumprod([nan+0j]) is
// [nan+0j], where starting from 0 or 1+0j gives 0.0 and nan+nanj.
func TestCumulativeFirstElement(t *testing.T) {
	forEachBackend(t, func(t *testing.T, d *Device) {
		nz := math.Copysign(0, -1)
		sums, err := ToSlice[float64](CumSum(FromSliceOn(d, []float64{nz, nz, nz, nz}, 2, 2), Axis(0)))
		require.NoError(t, err)
		for i, s := range sums {
			require.True(t, s == 0 && math.Signbit(s), "element %d: %v", i, s)
		}
		prods, err := ToSlice[complex128](CumProd(FromSliceOn(d, []complex128{complex(math.NaN(), 0), 2, complex(math.Inf(1), 0)}, 3, 1), Axis(1)))
		require.NoError(t, err)
		require.True(t, math.IsNaN(real(prods[0])) && imag(prods[0]) == 0, "%v", prods[0])
		require.Equal(t, complex128(2), prods[1])
		require.Equal(t, complex(math.Inf(1), 0), prods[2])
	})
}
