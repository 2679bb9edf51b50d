package linalg

import (
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cugo/cugo/array"
	"github.com/cugo/cugo/backend/cpu"
)

func TestErrors(t *testing.T) {
	d := array.On(cpu.New(0))
	singular := array.FromSliceOn(d, []float64{1, 2, 2, 4}, 2, 2)
	regular := array.FromSliceOn(d, []float64{2, 1, 1, 3}, 2, 2)
	stack := array.Stack([]*array.Array{regular, regular, regular, singular, regular, singular}, 0).Reshape(2, 3, 2, 2)
	indefinite := array.FromSliceOn(d, []complex64{1, 2i, -2i, 1}, 2, 2)
	nonSquare := d.Ones(array.Float32, 2, 3)
	vector := d.Ones(array.Float64, 3)
	half := d.Ones(array.Float16, 2, 2)
	cases := []struct {
		name   string
		err    error
		target error  // nil: not a LinAlgError
		text   string // in the message
	}{
		{"solve singular", Solve(singular, vector.Index(array.S(0, 2))).Err(), ErrSingular, "Solve: linalg: Singular matrix"},
		{"inv singular", Inv(singular).Err(), ErrSingular, "Singular matrix"},
		{"inv names the first singular matrix of a stack", Inv(stack).Err(), ErrSingular, "(matrix [1 0] of the stack)"},
		{"cholesky indefinite", Cholesky(indefinite, false).Err(), ErrNotPositiveDefinite, "Matrix is not positive definite"},
		{"cholesky non-square", Cholesky(nonSquare, false).Err(), ErrLinAlg, "Last 2 dimensions of the array must be square"},
		{"det of a vector", Det(vector).Err(), ErrLinAlg, "1-dimensional array given. Array must be at least two-dimensional"},
		{"eigh non-square", Eigvalsh(nonSquare, "L").Err(), ErrLinAlg, "must be square"},
		{"eigh bad UPLO", Eigvalsh(regular, "X").Err(), nil, "UPLO argument must be 'L' or 'U'"},
		{"qr bad mode", func() error { _, r := QR(regular, "economic"); return r.Err() }(), nil, "unrecognized mode 'economic'"},
		{"svd of a vector", SVDVals(vector).Err(), ErrLinAlg, "1-dimensional"},
		{"float16", Inv(half).Err(), nil, "array type float16 is unsupported in linalg"},
		{"solve mismatch", Solve(regular, d.Ones(array.Float64, 3, 1)).Err(), ErrLinAlg, "mismatch in its core dimension 0"},
		{"lstsq incompatible", func() error { x, _, _, _ := Lstsq(regular, vector); return x.Err() }(), ErrLinAlg, "Incompatible dimensions"},
		{"matrix power non-square", MatrixPower(nonSquare, 2).Err(), ErrLinAlg, "must be square"},
		{"matrix power of a singular matrix's inverse", MatrixPower(singular, -1).Err(), ErrSingular, "Singular matrix"},
		{"norm order for vectors", Norm(vector, Ord("fro")).Err(), nil, "Invalid norm order 'fro' for vectors"},
		{"norm order for matrices", Norm(regular, Ord(3)).Err(), nil, "Invalid norm order '3' for matrices"},
		{"norm of 3-d without axes", Norm(stack, Ord(1)).Err(), nil, "Improper number of dimensions to norm."},
		{"norm duplicate axes", Norm(regular, Axes(1, -1)).Err(), nil, "Duplicate axes given."},
		{"norm axis out of range", Norm(regular, Axes(2)).Err(), nil, "out of bounds"},
		{"sticky", Inv(regular.Add(vector)).Err(), nil, "could not be broadcast"},
		{"nil", Det(nil).Err(), nil, "nil array"},
		{"eig non-square", Eigvals(nonSquare).Err(), ErrLinAlg, "must be square"},
		{"multi_dot of one", MultiDot(regular).Err(), nil, "Expecting at least two arrays."},
		{"multi_dot of a stack", MultiDot(regular, stack, regular).Err(), ErrLinAlg, "4-dimensional array given. Array must be two-dimensional"},
		{"vecdot axis", Vecdot(vector, vector, 1).Err(), nil, "out of bounds"},
	}
	for _, c := range cases {
		require.Error(t, c.err, c.name)
		if c.target != nil {
			require.ErrorIs(t, c.err, c.target, c.name)
		} else {
			require.False(t, errors.Is(c.err, ErrLinAlg), "%s: %v is not a LinAlgError in NumPy", c.name, c.err)
		}
		require.True(t, strings.Contains(c.err.Error(), c.text), "%s: %q does not say %q", c.name, c.err, c.text)
	}
}

func TestMixedDevices(t *testing.T) {
	a := array.On(cpu.New(1)).Ones(array.Float64, 2, 2)
	b := array.On(cpu.New(2)).Ones(array.Float64, 2)
	require.ErrorContains(t, Solve(a, b).Err(), "operands live on different devices")
}

// NaN inputs give what NumPy (with LAPACK) gives: NaN results where the
// factorization completes, an error where LAPACK reports one.
func TestNaN(t *testing.T) {
	d := array.On(cpu.New(0))
	nan := math.NaN()
	a := array.FromSliceOn(d, []float64{1, nan, 2, 3}, 2, 2)
	for name, x := range map[string]*array.Array{"Solve": Solve(a, d.Ones(array.Float64, 2)), "Inv": Inv(a), "Det": Det(a)} {
		v, err := array.ToSlice[float64](x)
		require.NoError(t, err, name)
		require.True(t, math.IsNaN(v[0]), "%s: %v", name, v)
	}
	require.ErrorIs(t, Cholesky(a, false).Err(), ErrNotPositiveDefinite)
	require.ErrorIs(t, SVDVals(a).Err(), ErrNoConvergence)
	w, err := array.ToSlice[float64](Eigvalsh(a, "U")) // the NaN is in the triangle read
	require.NoError(t, err)
	require.True(t, math.IsNaN(w[0]) && math.IsNaN(w[1]), "%v", w)
	w, err = array.ToSlice[float64](Eigvalsh(a, "L")) // and here it is not
	require.NoError(t, err)
	require.InDeltaSlice(t, []float64{2 - math.Sqrt(5), 2 + math.Sqrt(5)}, w, 1e-12) // of [[1, 2], [2, 3]]
	inf := array.FromSliceOn(d, []float64{1, math.Inf(1), 2, 3}, 2, 2)
	s, err := array.ToSlice[float64](SVDVals(inf))
	require.NoError(t, err)
	require.True(t, math.IsNaN(s[0]), "%v", s)
}

// Degenerate eigenvalues and singular values: the complex vectors that the
// CPU backend assembles from the real form must still be orthonormal.
func TestDegenerateComplex(t *testing.T) {
	d := array.On(cpu.New(0))
	// diag(2, 2, 5) rotated by a unitary: eigenvalues 2, 2, 5
	q, _ := QR(array.FromSliceOn(d, []complex128{1 + 1i, 2, 0.5i, -1, 3 - 1i, 1, 2i, 1, -2}, 3, 3), "")
	h := q.Mul(array.FromSliceOn(d, []complex128{2, 2, 5}, 3)).Matmul(adjoint(q))
	w, v := Eigh(h, "L")
	wv, err := array.ToSlice[float64](w)
	require.NoError(t, err)
	require.InDeltaSlice(t, []float64{2, 2, 5}, wv, 1e-12)
	requireValuesClose(t, values(t, d.Identity(3, array.Complex128)), values(t, adjoint(v).Matmul(v)), 1e-12, "VᴴV")
	requireValuesClose(t, values(t, h.Matmul(v)), values(t, v.Mul(w)), 1e-12, "HV = VW")
	// a rank-1 4×3 matrix: singular values (s, 0, 0), full vectors unitary
	x := array.FromSliceOn(d, []complex128{1 + 1i, 2, -1i, 0.5}, 4, 1).Matmul(array.FromSliceOn(d, []complex128{1, 2i, 3}, 1, 3))
	u, s, vh := SVD(x, true, true)
	requireValuesClose(t, values(t, d.Identity(4, array.Complex128)), values(t, adjoint(u).Matmul(u)), 1e-12, "UᴴU")
	requireValuesClose(t, values(t, d.Identity(3, array.Complex128)), values(t, vh.Matmul(adjoint(vh))), 1e-12, "VhVhᴴ")
	us := u.Index(array.All, array.S(0, 3)).Mul(s)
	requireValuesClose(t, values(t, x), values(t, us.Matmul(vh)), 1e-12, "U·S·Vh")
}
