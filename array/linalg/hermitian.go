package linalg

import (
	"github.com/cugo/cugo/array"
)

// SVDHermitian is numpy.linalg.svd(a, hermitian=True): the SVD of each
// Hermitian (real symmetric) matrix of a, defined by its lower triangle,
// through its eigendecomposition a = v·diag(λ)·vᴴ. The singular values
// s are the |λ| in descending order (equal ones in the reverse of Eigh's
// order; NumPy's order of ties depends on its sort), u holds the
// eigenvectors in that order and vh = (u·sign(λ))ᴴ, so that
// a = u @ diag(s) @ vh; as in NumPy, a zero eigenvalue gives a zero row of
// vh. There is no full_matrices: the matrices are square. Without
// computeUV only s is computed (u and vh are nil).
func SVDHermitian(a *array.Array, computeUV bool) (u, s, vh *array.Array) {
	const op = "SVDHermitian"
	if !computeUV {
		w, _ := eigh(op, a, "L", false)
		return nil, array.Flip(array.Sort(w.Abs(), -1), -1), nil
	}
	w, v := eigh(op, a, "L", true)
	order := array.Flip(array.ArgSort(w.Abs(), -1), -1)
	w = array.TakeAlongAxis(w, order, -1)
	u = array.TakeAlongAxis(v, order.ExpandDims(-2), -1)
	return u, w.Abs(), adjoint(u.Mul(array.Sign(w).ExpandDims(-2)))
}

// PinvHermitian is numpy.linalg.pinv(a, rcond, hermitian=True): Pinv of
// each Hermitian matrix of a (defined by its lower triangle) through
// SVDHermitian.
func PinvHermitian(a *array.Array, rcond ...float64) *array.Array {
	return pinv("PinvHermitian", a, true, rcond)
}

// MatrixRankHermitian is numpy.linalg.matrix_rank(a, tol, hermitian=True):
// MatrixRank from the absolute eigenvalues of each Hermitian matrix of a
// (defined by its lower triangle).
func MatrixRankHermitian(a *array.Array, tol ...float64) *array.Array {
	return matrixRank("MatrixRankHermitian", a, true, tol)
}
