package linalg

import (
	"math"
	"math/cmplx"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cugo/cugo/array"
	"github.com/cugo/cugo/backend/cpu"
)

// VectorNorm over every element, one axis, or several axes at once, on a
// complex (2, 3, 4) array and a transposed view of it, against the p-norm
// of the same elements summed in float64.
func TestVectorNorm(t *testing.T) {
	d := array.On(cpu.New(0))
	r := rand.New(rand.NewPCG(11, 12))
	v := make([]complex128, 24)
	for i := range v {
		v[i] = complex(r.NormFloat64(), r.NormFloat64())
	}
	x := array.FromSliceOn(d, v, 2, 3, 4)
	at := func(i, j, k int) complex128 { return v[i*12+j*4+k] }
	pnorm := func(p float64, vals []complex128) float64 {
		switch {
		case math.IsInf(p, 1):
			m := 0.0
			for _, z := range vals {
				m = max(m, cmplx.Abs(z))
			}
			return m
		case p == 0:
			n := 0.0
			for _, z := range vals {
				if z != 0 {
					n++
				}
			}
			return n
		}
		s := 0.0
		for _, z := range vals {
			s += math.Pow(cmplx.Abs(z), p)
		}
		return math.Pow(s, 1/p)
	}
	for _, p := range []float64{2, 1, 3, 0.5, 0, math.Inf(1)} {
		// every element
		got, err := array.ToSlice[float64](VectorNorm(x, Ord(p)))
		require.NoError(t, err)
		require.InDelta(t, pnorm(p, v), got[0], 1e-12*pnorm(p, v), "p=%v", p)
		// axes (0, 2) together: one norm per j, kept as (1, 3, 1)
		res := VectorNorm(x, Ord(p), Axes(2, 0), KeepDims())
		require.Equal(t, []int{1, 3, 1}, res.Shape())
		got, err = array.ToSlice[float64](res)
		require.NoError(t, err)
		for j := range 3 {
			var vals []complex128
			for i := range 2 {
				for k := range 4 {
					vals = append(vals, at(i, j, k))
				}
			}
			require.InDelta(t, pnorm(p, vals), got[j], 1e-12*pnorm(p, vals), "p=%v j=%d", p, j)
		}
		// one axis of a transposed view: (4, 3, 2) normed along axis 1
		res = VectorNorm(x.Transpose(2, 1, 0), Ord(p), Axes(-2))
		require.Equal(t, []int{4, 2}, res.Shape())
		got, err = array.ToSlice[float64](res)
		require.NoError(t, err)
		for k := range 4 {
			for i := range 2 {
				vals := []complex128{at(i, 0, k), at(i, 1, k), at(i, 2, k)}
				require.InDelta(t, pnorm(p, vals), got[k*2+i], 1e-12*pnorm(p, vals), "p=%v", p)
			}
		}
	}
	require.Equal(t, array.Float32, VectorNorm(x.AsType(array.Complex64)).DType())
	require.Equal(t, array.Float64, VectorNorm(d.Ones(array.Int32, 3)).DType())
	// A 0-d array is a vector of one element; an empty one has norm 0.
	got, err := array.ToSlice[float64](VectorNorm(array.FromSliceOn(d, []float64{-3}).Reshape()))
	require.NoError(t, err)
	require.Equal(t, []float64{3}, got)
	got, err = array.ToSlice[float64](VectorNorm(d.Zeros(array.Float64, 0, 3), Ord(math.Inf(1))))
	require.NoError(t, err)
	require.Equal(t, []float64{0}, got)
	require.ErrorContains(t, VectorNorm(x, Axes(0, -3)).Err(), "repeated axis")
	require.ErrorContains(t, VectorNorm(x, Axes(3)).Err(), "out of bounds")
	require.ErrorContains(t, VectorNorm(x, Ord("fro")).Err(), "Invalid norm order")
}

// MatrixNorm is Norm over the last two axes, Frobenius by default:
// [[1, -2], [3, -4]] has Frobenius norm √30, 1-norm 6 and inf-norm 7.
func TestMatrixNorm(t *testing.T) {
	d := array.On(cpu.New(0))
	m := array.FromSliceOn(d, []float64{1, -2, 3, -4, 1, -2, 3, -4}, 2, 2, 2)
	for _, c := range []struct {
		ord  any
		want float64
	}{{nil, math.Sqrt(30)}, {"fro", math.Sqrt(30)}, {1, 6}, {math.Inf(1), 7}} {
		var opts []NormOption
		if c.ord != nil {
			opts = append(opts, Ord(c.ord))
		}
		got, err := array.ToSlice[float64](MatrixNorm(m, opts...))
		require.NoError(t, err)
		require.InDeltaSlice(t, []float64{c.want, c.want}, got, 1e-14, "%v", c.ord)
	}
	require.Equal(t, []int{2, 1, 1}, MatrixNorm(m, KeepDims()).Shape())
	require.Error(t, MatrixNorm(m, Axes(0, 1)).Err())
	require.Error(t, MatrixNorm(d.Ones(array.Float64, 3)).Err())
}
