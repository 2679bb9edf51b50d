package poly_test

import (
	"errors"
	"math"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cugo/cugo/array"
	"github.com/cugo/cugo/array/linalg"
	"github.com/cugo/cugo/array/poly"
	"github.com/cugo/cugo/backend/cpu"
)

// TestErrors checks that bad input is an error naming the problem, where
// NumPy raises (or, for polyfit's NaN, fails to converge), never a panic.
func TestErrors(t *testing.T) {
	d := array.On(cpu.New(0))
	vec := func(v ...float64) *array.Array { return array.FromSliceOn(d, v) }
	x, y := vec(0, 1, 2, 3, 4), vec(1, 3, 2, 5, 4)
	m23 := d.Ones(array.Float64, 2, 3)
	with := func(a *array.Array, i int, v float64) *array.Array {
		a = a.Copy()
		require.NoError(t, a.Index(array.I(i)).Set(v))
		return a
	}
	first := func(a, _ *array.Array) *array.Array { return a }
	p, _ := poly.FitCov(x, y, 4, poly.CovScaled)
	_, unknownMode := poly.FitCov(x, y, 1, poly.CovMode(7))
	_, rankDeficient := poly.FitCov(vec(1, 1, 1, 2, 2, 2), vec(1, 2, 3, 4, 5, 6), 2, poly.CovScaled)
	failed := array.Failed(errors.New("an earlier failure"))

	for _, c := range []struct {
		name   string
		got    *array.Array
		want   string
		linalg bool // the error matches linalg.ErrLinAlg
	}{
		{"Fit deg < 0", poly.Fit(x, y, -1), "expected deg >= 0", false},
		{"Fit 2-d x", poly.Fit(m23, y, 1), "expected 1D vector for x", false},
		{"Fit empty x", poly.Fit(vec(), vec(), 1), "expected non-empty vector for x", false},
		{"Fit 0-d y", poly.Fit(x, d.Scalar(1.0), 1), "expected 1D or 2D array for y", false},
		{"Fit 3-d y", poly.Fit(x, d.Ones(array.Float64, 5, 1, 1), 1), "expected 1D or 2D array for y", false},
		{"Fit lengths", poly.Fit(x, vec(1, 2), 1), "expected x and y to have same length (5 and 2)", false},
		{"Fit 2-d w", poly.Fit(x, y, 1, poly.Weights(m23)), "expected a 1-d array for weights", false},
		{"Fit w length", poly.Fit(x, y, 1, poly.Weights(vec(1, 2))), "expected w and y to have the same length", false},
		{"Fit complex w", poly.Fit(x, y, 1, poly.Weights(x.AsType(array.Complex128))), "cannot weight float64 data by complex128 weights", false},
		{"Fit NaN x", poly.Fit(with(x, 2, math.NaN()), y, 2), "x holds NaN or infinity", true},
		{"Fit NaN y", poly.Fit(x, with(y, 0, math.NaN()), 2), "y holds NaN or infinity", true},
		{"Fit inf y", poly.Fit(x, with(y, 4, math.Inf(-1)), 2), "y holds NaN or infinity", true},
		{"Fit NaN w", poly.Fit(x, y, 2, poly.Weights(with(y, 1, math.NaN()))), "w holds NaN or infinity", true},
		{"Fit zero x", poly.Fit(d.Zeros(array.Float64, 5), y, 1), "a column is all zero", true},
		{"Fit zero w", poly.Fit(x, y, 1, poly.Weights(d.Zeros(array.Float64, 5))), "a column is all zero", true},
		{"Fit overflow", poly.Fit(vec(1e200, 2e200, 3e200), vec(1, 2, 3), 2), "x**deg overflows", true},
		{"Fit float16 y", poly.Fit(x, y.AsType(array.Float16), 1), "float16 is unsupported in linalg", false},
		{"FitFull error", fullResiduals(poly.FitFull(x, y, -2)), "poly.FitFull: expected deg >= 0", false},
		{"FitCov points", p, "the number of data points must exceed order", false},
		{"FitCov mode", unknownMode, "unknown covariance mode 7", false},
		{"FitCov rank", rankDeficient, "rank deficient (rank 2 < 3)", false},
		{"FromRoots 2×3", poly.FromRoots(m23), "input must be 1d or non-empty square 2d array", false},
		{"FromRoots 0×0", poly.FromRoots(d.Zeros(array.Float64, 0, 0)), "input must be 1d or non-empty square 2d array", false},
		{"FromRoots 3-d", poly.FromRoots(d.Ones(array.Float64, 2, 2, 2)), "input must be 1d or non-empty square 2d array", false},
		{"FromRoots NaN matrix", poly.FromRoots(with(d.Ones(array.Float64, 2, 2).Reshape(4), 1, math.NaN()).Reshape(2, 2)), "must not contain infs or NaNs", true},
		{"Roots 2-d", poly.Roots(m23), "p must be a 1-d array of coefficients, not 2-d", false},
		{"Roots float16", poly.Roots(vec(1, 2, 3).AsType(array.Float16)), "float16 is unsupported in linalg", false},
		{"Roots NaN", poly.Roots(vec(1, math.NaN(), 3)), "must not contain infs or NaNs", true},
		{"Add 2-d", poly.Add(m23, x), "a1 must be a 1-d array of coefficients, not 2-d", false},
		{"Sub 2-d", poly.Sub(x, m23), "a2 must be a 1-d array of coefficients, not 2-d", false},
		{"Sub bool", poly.Sub(vec(1, 0).AsType(array.Bool), vec(1).AsType(array.Bool)), "bool", false},
		{"Mul 2-d", poly.Mul(x, m23), "a2 must be a 1-d array", false},
		{"Div empty", first(poly.Div(vec(), x)), "the polynomials must have coefficients (u has 0, v 5)", false},
		{"Div 2-d", first(poly.Div(x, m23)), "v must be a 1-d array", false},
		{"Der m < 0", poly.Der(x, -1), "order of derivative must be positive", false},
		{"Der 0-d", poly.Der(d.Scalar(2.0), 1), "p must be a 1-d array of coefficients, not 0-d", false},
		{"Der 2-d", poly.Der(m23, 0), "not 2-d", false},
		{"Int m < 0", poly.Int(x, -1, nil), "order of integral must be positive", false},
		{"Int m too large", poly.Int(x, 1<<20, nil), "order of integral 1048576 is above 65536", false},
		{"Int k length", poly.Int(x, 3, vec(1, 2)), "k must be a scalar or a rank-1 array of length 1 or >m", false},
		{"Int 2-d k", poly.Int(x, 1, m23), "k must be a 1-d array", false},
		{"Int 2-d p", poly.Int(m23, 1, nil), "not 2-d", false},
		{"carried error", poly.Add(failed, x), "an earlier failure", false},
		{"carried into Fit", poly.Fit(x, failed, 1), "an earlier failure", false},
		{"carried into Roots", poly.Roots(failed), "an earlier failure", false},
		{"nil array", poly.Mul(nil, x), "nil array", false},
	} {
		err := c.got.Err()
		require.ErrorContains(t, err, c.want, c.name)
		require.Equal(t, c.linalg, errors.Is(err, linalg.ErrLinAlg), "%s: %v", c.name, err)
	}
}

func fullResiduals(_, residuals *array.Array, _ int, _ *array.Array, _ float64) *array.Array {
	return residuals
}

// TestDifferentDevices checks that operands on two backends are an error,
// as in package array, for every function of two arrays.
func TestDifferentDevices(t *testing.T) {
	d1, d2 := array.On(cpu.New(0)), array.On(cpu.New(0))
	a := array.FromSliceOn(d1, []float64{1, 2, 3})
	b := array.FromSliceOn(d2, []float64{4, 5, 6})
	q, _ := poly.Div(a, b)
	for name, got := range map[string]*array.Array{
		"Add": poly.Add(a, b), "Sub": poly.Sub(a, b), "Mul": poly.Mul(a, b), "Div": q,
		"Int": poly.Int(a, 1, b.Index(array.I(0))), "Fit": poly.Fit(a, b, 1),
		"Weights": poly.Fit(a, a, 1, poly.Weights(b)),
	} {
		require.ErrorContains(t, got.Err(), "operands live on different devices", name)
	}
}

// TestDerHighOrder checks that a derivative of an order far above the
// degree is empty at once, in the dtype of one step.
func TestDerHighOrder(t *testing.T) {
	d := array.On(cpu.New(0))
	for _, dt := range []array.DType{array.Int8, array.Float32, array.Complex64} {
		for _, n := range []int{0, 1, 4} {
			der := poly.Der(d.Ones(dt, n), 1<<40)
			require.NoError(t, der.Err())
			require.Equal(t, []int{0}, der.Shape())
			require.Equal(t, poly.Der(d.Ones(dt, n), 1).DType(), der.DType())
		}
	}
}

// TestFitFullRank checks FitFull's report of a rank-deficient fit, where
// NumPy warns RankWarning: rank below deg+1 and no residuals.
func TestFitFullRank(t *testing.T) {
	d := array.On(cpu.New(0))
	x := array.FromSliceOn(d, []float64{1, 1, 1, 2, 2, 2})
	y := array.FromSliceOn(d, []float64{1, 2, 3, 4, 5, 6})
	p, res, rank, s, rcond := poly.FitFull(x, y, 3)
	require.NoError(t, errors.Join(p.Err(), res.Err(), s.Err()))
	require.Equal(t, 2, rank)
	require.Equal(t, []int{0}, res.Shape())
	require.Equal(t, []int{4}, p.Shape())
	require.InDelta(t, 6*0x1p-52, rcond, 1e-30)
	// The same points fit exactly once more by a line: its value at 1 and 2
	// is the mean of the y there.
	at, err := array.ToSlice[float64](array.Polyval(p, array.FromSliceOn(d, []float64{1, 2})))
	require.NoError(t, err)
	require.InDeltaSlice(t, []float64{2, 5}, at, 1e-12)
}

// TestNilArrays checks that nil arrays come back as errors naming the
// function, not as nil results.
func TestNilArrays(t *testing.T) {
	for name, r := range map[string]*array.Array{"FromRoots": poly.FromRoots(nil), "Int": poly.Int(nil, 1, nil), "Int0": poly.Int(nil, 0, nil)} {
		require.NotNil(t, r, name)
		require.ErrorIs(t, r.Err(), array.ErrNil, name)
	}
	require.ErrorContains(t, poly.FromRoots(nil).Err(), "FromRoots")
}
