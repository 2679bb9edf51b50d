package emath_test

import (
	"fmt"
	"math"
	"math/cmplx"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cugo/cugo/array"
	"github.com/cugo/cugo/array/emath"
	"github.com/cugo/cugo/backend"
	"github.com/cugo/cugo/internal/fixture"
	"github.com/cugo/cugo/internal/gputest"
)

var functions = map[string]func(x ...any) *array.Array{
	"sqrt":    func(x ...any) *array.Array { return emath.Sqrt(x[0]) },
	"log":     func(x ...any) *array.Array { return emath.Log(x[0]) },
	"log2":    func(x ...any) *array.Array { return emath.Log2(x[0]) },
	"log10":   func(x ...any) *array.Array { return emath.Log10(x[0]) },
	"arccos":  func(x ...any) *array.Array { return emath.Arccos(x[0]) },
	"arcsin":  func(x ...any) *array.Array { return emath.Arcsin(x[0]) },
	"arctanh": func(x ...any) *array.Array { return emath.Arctanh(x[0]) },
	"logn":    func(x ...any) *array.Array { return emath.Logn(x[0], x[1]) },
	"power":   func(x ...any) *array.Array { return emath.Power(x[0], x[1]) },
}

// TestNumPy checks every function against NumPy's answers in
// testdata/emath (gen_emath.py): the result's dtype and shape exactly, the
// values within the case's tolerance, on the CPU and on each GPU there is.
func TestNumPy(t *testing.T) {
	gputest.EachBackend(t, func(t *testing.T, b backend.Backend) { runCases(t, array.On(b)) })
}

func runCases(t *testing.T, d *array.Device) {
	arrays := fixture.Open(t, "emath/cases.npys")
	for i, line := range fixture.Lines(t, "emath/cases.txt") {
		fields := strings.Fields(line)
		n, err := strconv.Atoi(fields[1])
		require.NoError(t, err)
		tol, err := strconv.ParseFloat(fields[2], 64)
		require.NoError(t, err)
		view := strings.TrimPrefix(fields[3], "view=")
		msg := fmt.Sprintf("case %d: %s", i+1, line)
		in := make([]any, n)
		for k := range in {
			in[k] = viewOf(d.Load(arrays), view)
		}
		want := d.Load(arrays)
		require.NoError(t, want.Err(), msg)
		got := functions[fields[0]](in...)
		require.NoError(t, got.Err(), msg)
		require.Equal(t, want.DType(), got.DType(), msg)
		require.Equal(t, want.Shape(), got.Shape(), msg)
		requireClose(t, want, got, tol, msg)
	}
}

func viewOf(a *array.Array, v string) *array.Array {
	switch v {
	case "step":
		return a.Index(array.Ellipsis, array.All.Step(2))
	case "rev":
		return array.Flip(a, -1)
	case "T":
		return a.T()
	}
	return a
}

// epsilon is the spacing of the dtype's values at 1.
func epsilon(dt array.DType) float64 {
	switch dt {
	case array.Float16:
		return 0x1p-10
	case array.Float32, array.Complex64:
		return 0x1p-23
	}
	return 0x1p-52
}

// requireClose checks got against want element by element: each real and
// imaginary part within tol epsilons of max(|want|, 1), NaN where NaN,
// infinities exactly.
func requireClose(t *testing.T, want, got *array.Array, tol float64, msg string) {
	w, err := array.ToSlice[complex128](want.AsType(array.Complex128))
	require.NoError(t, err, msg)
	g, err := array.ToSlice[complex128](got.AsType(array.Complex128))
	require.NoError(t, err, msg)
	bound := tol * epsilon(want.DType())
	for i := range w {
		at := fmt.Sprintf("%s: element %d: want %v, got %v", msg, i, w[i], g[i])
		for _, p := range [][2]float64{{real(w[i]), real(g[i])}, {imag(w[i]), imag(g[i])}} {
			switch {
			case math.IsNaN(p[0]):
				require.True(t, math.IsNaN(p[1]), at)
			case math.IsInf(p[0], 0):
				require.Equal(t, p[0], p[1], at)
			default:
				require.InDelta(t, p[0], p[1], bound*math.Max(cmplx.Abs(w[i]), 1), at)
			}
		}
	}
}

// TestGoNumbers checks Go numbers in place of arrays, as Python numbers
// are in NumPy: emath.Sqrt(-1) is 1j, emath.Power(2, -1) is 0.5.
func TestGoNumbers(t *testing.T) {
	for _, c := range []struct {
		got  *array.Array
		want complex128
		dt   array.DType
	}{
		{emath.Sqrt(-1), 1i, array.Complex128},
		{emath.Sqrt(4.0), 2, array.Float64},
		{emath.Log(-1.0), complex(0, math.Pi), array.Complex128},
		{emath.Log10(-100), complex(2, math.Pi/math.Ln10), array.Complex128},
		{emath.Logn(2, -4), complex(2, math.Pi/math.Ln2), array.Complex128},
		{emath.Power(2, -1), 0.5, array.Float64},
		{emath.Power(-4, 0.5), complex(0, 2), array.Complex128},
		{emath.Arcsin(2), complex(math.Pi/2, math.Acosh(2)), array.Complex128},
		{emath.Arctanh(0.5), complex(math.Atanh(0.5), 0), array.Float64},
	} {
		require.NoError(t, c.got.Err())
		require.Equal(t, c.dt, c.got.DType())
		v, err := array.Item[complex128](c.got.AsType(array.Complex128))
		require.NoError(t, err)
		require.InDelta(t, real(c.want), real(v), 1e-15)
		require.InDelta(t, imag(c.want), imag(v), 1e-15)
	}
}

// TestErrors checks that bad arguments come back as errors of the result.
func TestErrors(t *testing.T) {
	freed := array.FromSlice([]float64{-1, 2})
	freed.Free()
	for _, c := range []struct {
		got  *array.Array
		want string
	}{
		{emath.Sqrt("four"), "Scalar: unsupported type string"},
		{emath.Log(freed), "freed"},
		{emath.Power(array.FromSlice([]float64{1, 2}), array.FromSlice([]int64{-1, 2, 3})), "broadcast"},
		{emath.Logn(array.Failed(fmt.Errorf("earlier failure")), 2), "earlier failure"},
		{emath.Power(2, freed), "freed"},
	} {
		require.ErrorContains(t, c.got.Err(), c.want)
	}
}

// TestUnitTestOfIntegers checks the test that picks a complex result
// (some |x| > 1) on small integer arrays of every length class, on every
// backend: {0, 1, -1} stay real (arccos of int8 is float16, as
// NumPy's), one 2 anywhere makes the result complex.
func TestUnitTestOfIntegers(t *testing.T) {
	check := func(t *testing.T, d *array.Device) {
		for _, n := range []int{1, 17, 1000, 70000} {
			for _, dt := range []array.DType{array.Int8, array.Uint8, array.Int16, array.Int32, array.Int64} {
				v := make([]float64, n)
				for i := range v {
					v[i] = float64(i%3 - 1)
					if dt == array.Uint8 {
						v[i] = float64(i % 2)
					}
				}
				x := array.FromSliceOn(d, v, n).AsType(dt)
				msg := fmt.Sprintf("%v of %d", dt, n)
				far := array.Greater(array.Abs(x), 1)
				anyFar, err := array.Item[bool](far.AnyTrue())
				require.NoError(t, err, msg)
				if anyFar {
					got, _ := array.ToSlice[bool](far)
					abs, _ := array.ToSlice[int64](array.Abs(x).AsType(array.Int64))
					t.Fatalf("%s: |x| > 1 somewhere: %v of |x| = %v", msg, got[:min(n, 40)], abs[:min(n, 40)])
				}
				got := emath.Arccos(x)
				require.NoError(t, got.Err(), msg)
				want, err := array.ResultType(dt, array.Float16)
				require.NoError(t, err)
				require.Equal(t, want, got.DType(), msg)
				v[n*2/3] = 2
				got = emath.Arcsin(array.FromSliceOn(d, v, n).AsType(dt))
				require.NoError(t, got.Err(), msg)
				require.Contains(t, []array.DType{array.Complex64, array.Complex128}, got.DType(), msg)
			}
		}
	}
	gputest.EachBackend(t, func(t *testing.T, b backend.Backend) { check(t, array.On(b)) })
}
