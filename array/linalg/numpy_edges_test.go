package linalg

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cugo/cugo/array"
	"github.com/cugo/cugo/backend/cpu"
)

// NumPy upper-cases UPLO, so "l" and "u" read the same triangles as "L"
// and "U". Expected eigenvalues are those of the 2×2 symmetric matrices
// built from each triangle, in closed form.
func TestEighLowerCaseUPLO(t *testing.T) {
	d := array.On(cpu.New(0))
	// lower triangle [[2, ·], [1, 2]]: eigenvalues 1, 3;
	// upper triangle [[2, 3], [·, 2]]: eigenvalues -1, 5.
	a := array.FromSliceOn(d, []float64{2, 3, 1, 2}, 2, 2)
	for _, c := range []struct {
		uplo string
		want []float64
	}{{"l", []float64{1, 3}}, {"L", []float64{1, 3}}, {"u", []float64{-1, 5}}, {"U", []float64{-1, 5}}} {
		got, err := array.ToSlice[float64](Eigvalsh(a, c.uplo))
		require.NoError(t, err, c.uplo)
		require.InDeltaSlice(t, c.want, got, 1e-12, c.uplo)
		w, _ := Eigh(a, c.uplo)
		got, err = array.ToSlice[float64](w)
		require.NoError(t, err, c.uplo)
		require.InDeltaSlice(t, c.want, got, 1e-12, c.uplo)
	}
	require.ErrorContains(t, Eigvalsh(a, "x").Err(), "UPLO argument must be 'L' or 'U'")
}

// numpy.linalg.cond raises LinAlgError("cond is not defined on empty
// arrays") for a 0×N or M×0 matrix whatever the order; a stack of no
// matrices is not empty in that sense.
func TestCondOfEmptyMatrices(t *testing.T) {
	d := array.On(cpu.New(0))
	for _, shape := range [][]int{{0, 0}, {3, 0}, {0, 2}, {2, 0, 0}} {
		for _, p := range []any{nil, "fro", "nuc", 1, -1, 2, -2, math.Inf(1), math.Inf(-1)} {
			err := Cond(d.Zeros(array.Float64, shape...), p).Err()
			require.ErrorIs(t, err, ErrLinAlg, "%v %v", shape, p)
			require.ErrorContains(t, err, "cond is not defined on empty arrays", "%v %v", shape, p)
		}
	}
	got := Cond(d.Zeros(array.Float64, 0, 3, 3), nil)
	require.NoError(t, got.Err())
	require.Equal(t, []int{0}, got.Shape())
}

// A NaN pivot leaves the sign of a real determinant alone, as in NumPy
// (only negative pivots flip it): slogdet([[nan, 1], [1, 2]]) is (1, nan)
// in float64 and float32. Complex signs are z/|z|, NaN for a NaN pivot.
func TestSlogdetWithNaN(t *testing.T) {
	d := array.On(cpu.New(0))
	for _, dt := range []array.DType{array.Float64, array.Float32} {
		a := array.FromSliceOn(d, []float64{math.NaN(), 1, 1, 2}, 2, 2).AsType(dt)
		sign, logdet := Slogdet(a)
		s, err := array.ToSlice[float64](sign.AsType(array.Float64))
		require.NoError(t, err)
		l, err := array.ToSlice[float64](logdet.AsType(array.Float64))
		require.NoError(t, err)
		require.Equal(t, []float64{1}, s, "%v", dt)
		require.True(t, math.IsNaN(l[0]), "%v", dt)
		require.Equal(t, dt, sign.DType())
	}
	// Signs of regular real matrices still come out right: random 4×4
	// matrices against the sign of a float64 determinant by cofactors.
	r := rand.New(rand.NewPCG(3, 4))
	for range 20 {
		v := make([]float64, 9)
		for i := range v {
			v[i] = r.NormFloat64()
		}
		det := v[0]*(v[4]*v[8]-v[5]*v[7]) - v[1]*(v[3]*v[8]-v[5]*v[6]) + v[2]*(v[3]*v[7]-v[4]*v[6])
		sign, logdet := Slogdet(array.FromSliceOn(d, v, 3, 3))
		s, err := array.ToSlice[float64](sign)
		require.NoError(t, err)
		l, err := array.ToSlice[float64](logdet)
		require.NoError(t, err)
		require.Equal(t, math.Copysign(1, det), s[0])
		require.InDelta(t, math.Log(math.Abs(det)), l[0], 1e-12)
	}
	// A zero pivot still gives sign 0 and -inf.
	sign, logdet := Slogdet(array.FromSliceOn(d, []float64{1, 2, 2, 4}, 2, 2))
	s, _ := array.ToSlice[float64](sign)
	l, _ := array.ToSlice[float64](logdet)
	require.Equal(t, []float64{0}, s)
	require.Equal(t, []float64{math.Inf(-1)}, l)
}
