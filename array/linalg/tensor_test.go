package linalg

import (
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cugo/cugo/array"
	"github.com/cugo/cugo/backend/cpu"
)

// TensorInv and TensorSolve, checked by their defining sums in float64:
// Σ_{jk} inv[i, j, k]·a[j, k, l] = δ_il, and Σ a[i, j, k, l]·x[k, l] = b[i, j]
// (Σ_k a[k, i, j]·x[k] = b[i, j] when axis 0 of a is moved to the end).
func TestTensorInvAndSolve(t *testing.T) {
	d := array.On(cpu.New(0))
	r := rand.New(rand.NewPCG(13, 14))
	random := func(n int) []float64 {
		v := make([]float64, n)
		for i := range v {
			v[i] = r.NormFloat64()
		}
		return v
	}
	av := random(36)
	inv := TensorInv(array.FromSliceOn(d, av, 2, 3, 6), 2)
	require.NoError(t, inv.Err())
	require.Equal(t, []int{6, 2, 3}, inv.Shape())
	iv, err := array.ToSlice[float64](inv)
	require.NoError(t, err)
	for i := range 6 {
		for l := range 6 {
			s := 0.0
			for jk := range 6 {
				s += iv[i*6+jk] * av[jk*6+l]
			}
			want := 0.0
			if i == l {
				want = 1
			}
			require.InDelta(t, want, s, 1e-10, "%d %d", i, l)
		}
	}

	bv := random(6)
	x := TensorSolve(array.FromSliceOn(d, av, 2, 3, 2, 3), array.FromSliceOn(d, bv, 2, 3))
	require.NoError(t, x.Err())
	require.Equal(t, []int{2, 3}, x.Shape())
	xv, err := array.ToSlice[float64](x)
	require.NoError(t, err)
	for ij := range 6 {
		s := 0.0
		for kl := range 6 {
			s += av[ij*6+kl] * xv[kl]
		}
		require.InDelta(t, bv[ij], s, 1e-10)
	}

	x = TensorSolve(array.FromSliceOn(d, av, 6, 2, 3), array.FromSliceOn(d, bv, 2, 3), 0)
	require.NoError(t, x.Err())
	require.Equal(t, []int{6}, x.Shape())
	xv, err = array.ToSlice[float64](x)
	require.NoError(t, err)
	for ij := range 6 {
		s := 0.0
		for k := range 6 {
			s += av[k*6+ij] * xv[k]
		}
		require.InDelta(t, bv[ij], s, 1e-10)
	}

	sq := array.FromSliceOn(d, av, 2, 3, 6)
	require.ErrorContains(t, TensorInv(sq, 0).Err(), "Invalid ind")
	require.ErrorIs(t, TensorInv(sq, 1).Err(), ErrLinAlg)
	require.ErrorIs(t, TensorSolve(sq, d.Ones(array.Float64, 2)).Err(), ErrLinAlg)
	require.ErrorContains(t, TensorSolve(sq, d.Ones(array.Float64, 6), 0, -3).Err(), "repeated axis")
	require.ErrorIs(t, TensorInv(array.FromSliceOn(d, make([]float64, 4), 2, 2), 1).Err(), ErrSingular)
}
