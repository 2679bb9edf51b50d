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

// NumPy 2.3+ takes its norms' maxima with initial=0: the inf-norm of an
// empty vector and the 1-, 2-, inf- and nuclear norms of an empty matrix
// are 0 (in the result's shape), while the minima (-inf, -1, -2) stay
// errors. "f" is NumPy's other spelling of "fro".
func TestNormOfEmptyArrays(t *testing.T) {
	d := array.On(cpu.New(0))
	zeroes := func(a *array.Array, shape ...int) {
		t.Helper()
		require.NoError(t, a.Err())
		require.Equal(t, len(shape), a.NDim())
		if len(shape) > 0 {
			require.Equal(t, shape, a.Shape())
		}
		v, err := array.ToSlice[float64](a.AsType(array.Float64))
		require.NoError(t, err)
		for _, x := range v {
			require.Zero(t, x)
		}
	}
	for _, shape := range [][]int{{3, 0}, {0, 3}, {0, 0}} {
		x := d.Zeros(array.Float32, shape...)
		for _, ord := range []any{1, 2, math.Inf(1), "nuc", "fro", "f"} {
			r := Norm(x, Ord(ord))
			zeroes(r)
			require.Equal(t, array.Float32, r.DType())
			zeroes(Norm(x, Ord(ord), KeepDims()), 1, 1)
			zeroes(Norm(x, Ord(ord), Axes(1, 0)))
		}
		// The minima are errors where the axis they run over is empty:
		// -1 takes the smallest column sum, -inf the smallest row sum.
		require.Error(t, Norm(x, Ord(-2)).Err(), "%v", shape)
		if shape[1] == 0 {
			require.Error(t, Norm(x, Ord(-1)).Err(), "%v", shape)
		} else {
			zeroes(Norm(x, Ord(-1)))
		}
		if shape[0] == 0 {
			require.Error(t, Norm(x, Ord(math.Inf(-1))).Err(), "%v", shape)
		} else {
			zeroes(Norm(x, Ord(math.Inf(-1))))
		}
	}
	// Vector inf-norms along an empty axis of a stack, and a 0-vector.
	zeroes(Norm(d.Zeros(array.Float64, 2, 0), Ord(math.Inf(1)), Axes(1)), 2)
	zeroes(Norm(d.Zeros(array.Complex64, 0), Ord(math.Inf(1))))
	require.Error(t, Norm(d.Zeros(array.Float64, 0), Ord(math.Inf(-1))).Err())
	// A stack of empty matrices: one 0 per matrix.
	zeroes(Norm(d.Zeros(array.Float64, 4, 3, 0), Ord(2), Axes(-2, -1)), 4)
	// "f" is the Frobenius norm of a non-empty matrix too: sqrt(1+4+9+16).
	got, err := array.ToSlice[float64](Norm(array.FromSliceOn(d, []float64{1, -2, 3, -4}, 2, 2), Ord("f")))
	require.NoError(t, err)
	require.InDelta(t, math.Sqrt(30), got[0], 1e-15)
	require.ErrorContains(t, Norm(d.Ones(array.Float64, 3), Ord("f")).Err(), "Invalid norm order 'f' for vectors")
}

// NumPy 2.5's matrix_rank of an empty matrix is 0 (its default tolerance
// takes the largest singular value with initial=0), one per matrix of a
// stack; non-empty matrices keep their rank.
func TestMatrixRankOfEmptyMatrices(t *testing.T) {
	d := array.On(cpu.New(0))
	for _, c := range []struct {
		shape []int
		ndim  int // of the ranks, one per matrix
		n     int
	}{{[]int{3, 0}, 0, 1}, {[]int{0, 3}, 0, 1}, {[]int{0, 0}, 0, 1}, {[]int{2, 0, 4}, 1, 2}} {
		r := MatrixRank(d.Zeros(array.Float64, c.shape...))
		require.NoError(t, r.Err(), "%v", c.shape)
		require.Equal(t, c.ndim, r.NDim(), "%v", c.shape)
		v, err := array.ToSlice[int64](r)
		require.NoError(t, err)
		require.Equal(t, make([]int64, c.n), v, "%v", c.shape)
	}
	// rank of [[1, 2], [2, 4]] is 1, of [[1, 2], [3, 4]] 2.
	r, err := array.ToSlice[int64](MatrixRank(array.FromSliceOn(d, []float64{1, 2, 2, 4, 1, 2, 3, 4}, 2, 2, 2)))
	require.NoError(t, err)
	require.Equal(t, []int64{1, 2}, r)
}

// numpy.linalg.det is sign·exp(logabsdet): it stays finite where the
// product of the pivots overflows on the way (1e200·1e200·1e-300 = 1e100
// in float64, 1e30·1e30·1e-30 = 1e30 in float32), and a zero pivot gives
// 0 (sign 0, logabsdet -inf) whatever the other pivots hold, inf included.
func TestDetAvoidsIntermediateOverflow(t *testing.T) {
	d := array.On(cpu.New(0))
	for _, c := range []struct {
		dt      array.DType
		diag    []float64
		want    float64
		relTol  float64
		logWant float64
	}{
		{array.Float64, []float64{1e200, 1e200, 1e-300}, 1e100, 1e-12, 100 * math.Ln10},
		{array.Complex128, []float64{1e200, 1e200, 1e-300}, 1e100, 1e-12, 100 * math.Ln10},
		{array.Float32, []float64{1e30, 1e30, 1e-30}, 1e30, 1e-5, 30 * math.Ln10},
		{array.Complex64, []float64{1e30, 1e30, 1e-30}, 1e30, 1e-5, 30 * math.Ln10},
	} {
		a := diagonal(d, c.diag).AsType(c.dt)
		got, err := array.ToSlice[complex128](Det(a).AsType(array.Complex128))
		require.NoError(t, err, "%v", c.dt)
		require.InEpsilon(t, c.want, real(got[0]), c.relTol, "%v", c.dt)
		require.Zero(t, imag(got[0]))
		require.Equal(t, c.dt, Det(a).DType())
		_, logdet := Slogdet(a)
		l, err := array.ToSlice[float64](logdet.AsType(array.Float64))
		require.NoError(t, err)
		require.InEpsilon(t, c.logWant, l[0], c.relTol)
		// A zero pivot beside an infinite one: NumPy's failed factorization.
		sing := diagonal(d, []float64{math.Inf(1), 2, 0}).AsType(c.dt)
		got, err = array.ToSlice[complex128](Det(sing).AsType(array.Complex128))
		require.NoError(t, err)
		require.Equal(t, []complex128{0}, got, "%v", c.dt)
		sign, logdet := Slogdet(sing)
		s, err := array.ToSlice[complex128](sign.AsType(array.Complex128))
		require.NoError(t, err)
		require.Equal(t, []complex128{0}, s, "%v", c.dt)
		l, err = array.ToSlice[float64](logdet.AsType(array.Float64))
		require.NoError(t, err)
		require.Equal(t, []float64{math.Inf(-1)}, l, "%v", c.dt)
	}
	// Ordinary determinants keep their value: random 3×3 stacks against
	// the cofactor expansion in float64.
	r := rand.New(rand.NewPCG(9, 10))
	v := make([]float64, 4*9)
	for i := range v {
		v[i] = r.NormFloat64()
	}
	got, err := array.ToSlice[float64](Det(array.FromSliceOn(d, v, 4, 3, 3)))
	require.NoError(t, err)
	for k := range 4 {
		m := v[9*k:]
		want := m[0]*(m[4]*m[8]-m[5]*m[7]) - m[1]*(m[3]*m[8]-m[5]*m[6]) + m[2]*(m[3]*m[7]-m[4]*m[6])
		require.InDelta(t, want, got[k], 1e-13*max(1, math.Abs(want)))
	}
}

// diagonal is the square matrix with v on its diagonal.
func diagonal(d *array.Device, v []float64) *array.Array {
	n := len(v)
	m := make([]float64, n*n)
	for i, x := range v {
		m[i*n+i] = x
	}
	return array.FromSliceOn(d, m, n, n)
}

// Cholesky(a, upper) reads a's upper triangle, as NumPy's does (LAPACK's
// potrf with 'U'); the lower one reads the lower triangle. The other
// triangle here is junk that must not matter. Expected factors by hand:
// [[4, 2], [2, 5]] = Uᵀ U with U = [[2, 1], [0, 2]], and
// [[4, 2i], [-2i, 5]] = Uᴴ U with U = [[2, i], [0, 2]].
func TestCholeskyReadsTheAskedTriangle(t *testing.T) {
	d := array.On(cpu.New(0))
	for _, dt := range []array.DType{array.Float64, array.Float32} {
		upperOnly := array.FromSliceOn(d, []float64{4, 2, -100, 5}, 2, 2).AsType(dt)
		lowerOnly := array.FromSliceOn(d, []float64{4, 100, 2, 5}, 2, 2).AsType(dt)
		u, err := array.ToSlice[float64](Cholesky(upperOnly, true).AsType(array.Float64))
		require.NoError(t, err)
		require.InDeltaSlice(t, []float64{2, 1, 0, 2}, u, 1e-6, "%v", dt)
		l, err := array.ToSlice[float64](Cholesky(lowerOnly, false).AsType(array.Float64))
		require.NoError(t, err)
		require.InDeltaSlice(t, []float64{2, 0, 1, 2}, l, 1e-6, "%v", dt)
		require.Equal(t, dt, Cholesky(upperOnly, true).DType())
	}
	for _, dt := range []array.DType{array.Complex128, array.Complex64} {
		a := array.FromSliceOn(d, []complex128{4, 2i, 7 - 3i, 5}, 2, 2).AsType(dt)
		// Also as a column-major view, and in a stack.
		for _, x := range []*array.Array{a, a.T().Copy().T(), array.Stack([]*array.Array{a, a}, 0)} {
			got, err := array.ToSlice[complex128](Cholesky(x, true).AsType(array.Complex128))
			require.NoError(t, err)
			for i, w := range got {
				want := []complex128{2, 1i, 0, 2}[i%4]
				require.InDelta(t, real(want), real(w), 1e-6, "%v %d", dt, i)
				require.InDelta(t, imag(want), imag(w), 1e-6, "%v %d", dt, i)
			}
		}
	}
}

// NumPy 2.5 refuses 2-vectors in cross (ValueError "Both input arrays
// must be (arrays of) 3-dimensional vectors"); 3-vectors along any axis
// still work: e_x × e_y = e_z, and (1, 2, 3) × (4, 5, 6) = (-3, 6, -3).
func TestCrossTakesOnlyThreeVectors(t *testing.T) {
	d := array.On(cpu.New(0))
	two := array.FromSliceOn(d, []float64{1, 2}, 2)
	three := array.FromSliceOn(d, []float64{1, 2, 3}, 3)
	for _, c := range [][2]*array.Array{{two, two}, {two, three}, {three, two}, {d.Ones(array.Float64, 3, 2), d.Ones(array.Float64, 3, 2)}} {
		err := Cross(c[0], c[1]).Err()
		require.ErrorContains(t, err, "must be (arrays of) 3-dimensional vectors")
	}
	got, err := array.ToSlice[float64](Cross(three, array.FromSliceOn(d, []float64{4, 5, 6}, 3)))
	require.NoError(t, err)
	require.Equal(t, []float64{-3, 6, -3}, got)
	// Columns of a 3×2 stack along axis 0: e_x × e_y and e_y × e_x.
	a := array.FromSliceOn(d, []int64{1, 0, 0, 1, 0, 0}, 3, 2)
	b := array.FromSliceOn(d, []int64{0, 1, 1, 0, 0, 0}, 3, 2)
	r := Cross(a, b, 0)
	require.Equal(t, []int{3, 2}, r.Shape())
	v, err := array.ToSlice[int64](r)
	require.NoError(t, err)
	require.Equal(t, []int64{0, 0, 0, 0, 1, -1}, v)
}
