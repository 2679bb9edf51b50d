package linalg

import (
	"errors"
	"github.com/cugo/cugo/dtype"
	"math"

	"github.com/cugo/cugo/array"
)

// wide is the double-precision dtype of dt's kind.
func wide(dt array.DType) array.DType {
	if dt.Kind() == array.Complex64.Kind() {
		return array.Complex128
	}
	return array.Float64
}

// adjoint is the conjugate transpose of each matrix of a stack.
func adjoint(a *array.Array) *array.Array {
	if a.DType().Kind() == array.Complex64.Kind() {
		a = array.Conj(a)
	}
	return a.SwapAxes(-1, -2)
}

// Lstsq returns the least-squares solution x of a @ x == b for a matrix a
// (M, N) and b (M,) or (M, K), as numpy.linalg.lstsq does through the SVD:
// singular values at most rcond times the largest count as zero (rcond
// defaults to float64's epsilon times max(M, N); a negative one means
// the epsilon). residuals holds the squared 2-norm of b - a @ x of each
// column where a has full rank N < M, else it is empty; rank is a's
// effective rank and s its singular values.
func Lstsq(a, b *array.Array, rcond ...float64) (x, residuals *array.Array, rank int, s *array.Array) {
	const op = "Lstsq"
	fail := func(err error) (*array.Array, *array.Array, int, *array.Array) {
		return array.Failed(err), array.Failed(err), 0, array.Failed(err)
	}
	if err := operands(op, a, b); err != nil {
		return fail(err)
	}
	if a.NDim() != 2 {
		return fail(linalgErrorf(op, "%d-dimensional array given. Array must be two-dimensional", a.NDim()))
	}
	if b.NDim() != 1 && b.NDim() != 2 {
		return fail(linalgErrorf(op, "%d-dimensional array given. Array must be one- or two-dimensional", b.NDim()))
	}
	_, m, n := matrixShape(a)
	if b.Shape()[0] != m {
		return fail(linalgErrorf(op, "Incompatible dimensions"))
	}
	dt, err := commonType(op, a, b)
	if err != nil {
		return fail(err)
	}
	// NumPy solves in double precision and rounds the results to dt.
	a, b = a.AsType(wide(dt)), b.AsType(wide(dt))
	vector := b.NDim() == 1
	if vector {
		b = b.Reshape(m, 1)
	}
	// NumPy computes in double precision and takes double's epsilon, for
	// float32 too.
	cond := eps(array.Float64) * float64(max(m, n))
	if len(rcond) > 0 {
		if cond = rcond[0]; cond < 0 {
			cond = eps(array.Float64)
		}
	}
	u, s, vh := SVD(a, false, true)
	sv, err := array.ToSlice[float64](s.AsType(array.Float64))
	if err != nil {
		return fail(err)
	}
	for _, v := range sv {
		if v > cond*sv[0] {
			rank++
		}
	}
	// x = V[:, :rank] · diag(1/s[:rank]) · U[:, :rank]ᴴ · b
	keep := array.S(0, rank)
	uhb := adjoint(u.Index(array.All, keep)).Matmul(b)
	scaled := uhb.Div(s.Index(keep).Reshape(rank, 1))
	x = adjoint(vh.Index(keep, array.All)).Matmul(scaled)
	if rank == n && m > n {
		residuals = array.Square(b.Sub(a.Matmul(x)).Abs()).Sum(array.Axis(0)).AsType(realType(dt))
	} else {
		residuals = array.On(a.Backend()).Empty(realType(dt), 0)
	}
	if vector {
		x = x.Reshape(n)
	}
	x, s = x.AsType(dt), s.AsType(realType(dt))
	if err := errors.Join(x.Err(), residuals.Err(), s.Err()); err != nil {
		return fail(err)
	}
	return x, residuals, rank, s
}

// Pinv returns the Moore–Penrose pseudo-inverse of each matrix of a
// (numpy.linalg.pinv) through its SVD: singular values at most rcond
// (default 1e-15) times the largest are treated as zero.
func Pinv(a *array.Array, rcond ...float64) *array.Array { return pinv("Pinv", a, false, rcond) }

// pinv is Pinv, through SVDHermitian with hermitian.
func pinv(op string, a *array.Array, hermitian bool, rcond []float64) *array.Array {
	if err := operands(op, a); err != nil {
		return array.Failed(err)
	}
	if err := stacked(op, a, false); err != nil {
		return array.Failed(err)
	}
	cut := 1e-15
	if len(rcond) > 0 {
		cut = rcond[0]
	}
	lead, m, n := matrixShape(a)
	if m == 0 || n == 0 { // in a's dtype, as NumPy's
		return array.On(a.Backend()).Empty(a.DType(), with(lead, n, m)...)
	}
	dt, err := commonType(op, a)
	if err != nil {
		return array.Failed(err)
	}
	// In double precision, as NumPy: the cutoff sits far below float32's
	// rounding.
	u, s, vh := svd(a.AsType(wide(dt)), hermitian, true)
	cutoff := array.Max(s, array.Axis(-1), array.KeepDims()).Mul(cut)
	inv := array.Where(s.Greater(cutoff), array.Reciprocal(s), 0)
	return adjoint(vh).Matmul(inv.ExpandDims(-1).Mul(adjoint(u))).AsType(dt)
}

// MatrixRank returns the rank of each matrix of a (numpy.linalg.matrix_rank):
// the number of singular values above tol, by default the largest one
// times max(M, N) times the dtype's epsilon. For a vector or a scalar it is
// 1 unless every element is zero. An empty matrix has rank 0 (NumPy 2.5).
func MatrixRank(a *array.Array, tol ...float64) *array.Array {
	return matrixRank("MatrixRank", a, false, tol)
}

// matrixRank is MatrixRank, through SVDHermitian with hermitian.
func matrixRank(op string, a *array.Array, hermitian bool, tol []float64) *array.Array {
	if err := operands(op, a); err != nil {
		return array.Failed(err)
	}
	if a.NDim() < 2 {
		return a.NotEqual(0).AnyTrue().AsType(array.Int64)
	}
	_, m, n := matrixShape(a)
	dt, err := commonType(op, a)
	if err != nil {
		return array.Failed(err)
	}
	// NumPy's singular values: computed in double, rounded to dt's precision.
	_, s, _ := svd(a.AsType(wide(dt)), hermitian, false)
	s = s.AsType(realType(dt))
	if len(tol) > 0 {
		return s.Greater(tol[0]).Sum(array.Axis(-1))
	}
	t := maxOrZero(s, s.NDim()-1).ExpandDims(-1).Mul(float64(max(m, n)) * eps(s.DType()))
	return s.Greater(t).Sum(array.Axis(-1))
}

// svd is the reduced SVD, or SVDHermitian with hermitian.
func svd(a *array.Array, hermitian, computeUV bool) (u, s, vh *array.Array) {
	if hermitian {
		return SVDHermitian(a, computeUV)
	}
	return SVD(a, false, computeUV)
}

// Cond returns the condition number of each matrix of a
// (numpy.linalg.cond) in the norm p: nil or 2 is the ratio of the largest
// to the smallest singular value, -2 its inverse; other orders that Norm
// takes for matrices ("fro", "nuc", 1, -1, ±inf) need square matrices and
// compute Norm(a) * Norm(Inv(a)). Singular matrices give +inf; empty
// matrices (0×N, M×0) are an error, as in NumPy.
func Cond(a *array.Array, p any) *array.Array {
	const op = "Cond"
	if err := operands(op, a); err != nil {
		return array.Failed(err)
	}
	if err := stacked(op, a, false); err != nil {
		return array.Failed(err)
	}
	if _, m, n := matrixShape(a); m == 0 || n == 0 {
		return array.Failed(linalgErrorf(op, "cond is not defined on empty arrays"))
	}
	var r *array.Array
	switch order(p) {
	case nil, 2.0, -2.0:
		s := SVDVals(a)
		largest, smallest := s.Index(array.Ellipsis, array.I(0)), s.Index(array.Ellipsis, array.I(-1))
		if order(p) == -2.0 {
			largest, smallest = smallest, largest
		}
		r = largest.Div(smallest)
	default:
		if err := stacked(op, a, true); err != nil {
			return array.Failed(err)
		}
		dt, err := commonType(op, a)
		if err != nil {
			return array.Failed(err)
		}
		inv := invOrInf(a)
		// NumPy 2 casts this product to the real dtype of the matrices'.
		switch dt {
		case dtype.Complex64:
			dt = dtype.Float32
		case dtype.Complex128:
			dt = dtype.Float64
		}
		r = Norm(a, Ord(p), Axes(-2, -1)).Mul(Norm(inv, Ord(p), Axes(-2, -1))).AsType(dt)
	}
	// NaN from finite matrices (0/0, inf·0) means singular, as in NumPy.
	nanInput := array.IsNaN(a).AnyTrue(array.Axis(-2, -1))
	return array.Where(array.LogicalAnd(array.IsNaN(r), array.LogicalNot(nanInput)), math.Inf(1), r)
}

// invOrInf is Inv for Cond: the inverse of each regular matrix, and +inf
// in every element for a singular one (where NumPy's inverse is NaN, which
// Cond turns into +inf), so that one singular matrix fails no stack.
func invOrInf(a *array.Array) *array.Array {
	inv := Inv(a)
	if !errors.Is(inv.Err(), ErrSingular) {
		return inv
	}
	_, diag, _, err := lu("Cond", a)
	if err != nil {
		return array.Failed(err)
	}
	_, n, _ := matrixShape(a)
	singular := diag.Equal(0).AnyTrue(array.Axis(-1)).ExpandDims(-1).ExpandDims(-1)
	regular := array.Where(singular, array.On(a.Backend()).Identity(n, a.DType()), a)
	return array.Where(singular, math.Inf(1), Inv(regular))
}
