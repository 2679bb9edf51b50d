package linalg

import (
	"fmt"
	"strings"

	"github.com/cugo/cugo/array"
	"github.com/cugo/cugo/backend"
	"github.com/cugo/cugo/dtype"
)

// factorInput checks a stack of matrices and returns its working copy in
// the dtype of the computation, with the backend that factors it.
func factorInput(op string, a *array.Array, square bool) (backend.Linalg, matrices, error) {
	if err := operands(op, a); err != nil {
		return nil, matrices{}, err
	}
	if err := stacked(op, a, square); err != nil {
		return nil, matrices{}, err
	}
	dt, err := commonType(op, a)
	if err != nil {
		return nil, matrices{}, err
	}
	la, err := solver(op, a)
	if err != nil {
		return nil, matrices{}, err
	}
	w, err := workCopy(a, dt, a.Shape())
	if err != nil {
		free(w)
		return nil, matrices{}, err
	}
	return la, w, nil
}

// outputs allocates the outputs of a factorization (a nil shape is an
// output not asked for), freeing them all if one fails.
func outputs(b backend.Backend, dts []dtype.DType, shapes ...[]int) ([]matrices, error) {
	out := make([]matrices, len(shapes))
	for i, s := range shapes {
		if s == nil {
			continue
		}
		var err error
		if out[i], err = newMatrices(b, dts[i], s); err != nil {
			free(out...)
			return nil, err
		}
	}
	return out, nil
}

// Cholesky returns the lower triangular L with a = L @ Lᴴ for each
// Hermitian positive-definite matrix of a (numpy.linalg.cholesky), read
// from its lower triangle; with upper, the upper triangular U with
// a = Uᴴ @ U, read from its upper triangle as NumPy reads it. A matrix
// that is not positive definite gives ErrNotPositiveDefinite.
func Cholesky(a *array.Array, upper bool) *array.Array {
	const op = "Cholesky"
	if upper && a.Err() == nil && a.NDim() >= 2 {
		// U is Lᴴ of aᴴ, whose lower triangle is the adjoint of a's upper one.
		a = adjoint(a)
	}
	la, w, err := factorInput(op, a, true)
	if err != nil {
		return array.Failed(err)
	}
	lead, n, _ := matrixShape(w.Array)
	dt := w.DType()
	if err := call(op, lead, func() error { return la.Cholesky(dt, batchOf(lead), n, w.buf) }, w); err != nil {
		free(w)
		return array.Failed(err)
	}
	l := keepTriangle(w.Array, true)
	if !upper || l.Err() != nil {
		return l
	}
	if dt.Kind() == dtype.ComplexKind {
		l = array.Conj(l, l)
	}
	return l.SwapAxes(-1, -2)
}

// QR factors each matrix of a into q @ r with q orthonormal (unitary) and
// r upper triangular (numpy.linalg.qr). mode is "reduced" (or ""): q is
// (..., M, K) and r (..., K, N) with K = min(M, N); "complete": q is
// (..., M, M) and r (..., M, N); "r": only r (q is nil), as reduced;
// "raw": NumPy's h and tau in place of q and r (LAPACK's compact form:
// h (..., N, M) is the transpose of geqrf's output, tau (..., K) holds
// the Householder reflectors' scalars).
func QR(a *array.Array, mode string) (q, r *array.Array) {
	const op = "QR"
	if mode == "raw" {
		return qrRaw(a)
	}
	fail := func(err error) (*array.Array, *array.Array) {
		if mode == "r" {
			return nil, array.Failed(err)
		}
		return array.Failed(err), array.Failed(err)
	}
	complete := mode == "complete"
	if mode != "" && mode != "reduced" && mode != "complete" && mode != "r" {
		return fail(fmt.Errorf("%s: unrecognized mode '%s' (want \"reduced\", \"complete\", \"r\" or \"raw\")", op, mode))
	}
	la, w, err := factorInput(op, a, false)
	if err != nil {
		return fail(err)
	}
	defer free(w)
	lead, m, n := matrixShape(w.Array)
	dt := w.DType()
	k := min(m, n)
	qShape, rShape := with(lead, m, k), with(lead, k, n)
	if complete {
		qShape, rShape = with(lead, m, m), with(lead, m, n)
	}
	if mode == "r" {
		qShape = nil
	}
	out, err := outputs(a.Backend(), []dtype.DType{dt, dt}, qShape, rShape)
	if err != nil {
		return fail(err)
	}
	if err := call(op, lead, func() error {
		return la.QR(dt, batchOf(lead), m, n, w.buf, out[0].buf, out[1].buf, complete)
	}, w, out[0], out[1]); err != nil {
		free(out...)
		return fail(err)
	}
	return out[0].Array, keepTriangle(out[1].Array, false)
}

// SVD returns u, s and vh with a = u @ diag(s) @ vh for each matrix of a
// (numpy.linalg.svd), s descending: with fullMatrices u is (..., M, M) and
// vh (..., N, N), else (..., M, K) and (..., K, N) with K = min(M, N).
// Without computeUV only s is computed (u and vh are nil).
func SVD(a *array.Array, fullMatrices, computeUV bool) (u, s, vh *array.Array) {
	const op = "SVD"
	fail := func(err error) (*array.Array, *array.Array, *array.Array) {
		if !computeUV {
			return nil, array.Failed(err), nil
		}
		return array.Failed(err), array.Failed(err), array.Failed(err)
	}
	la, w, err := factorInput(op, a, false)
	if err != nil {
		return fail(err)
	}
	defer free(w)
	lead, m, n := matrixShape(w.Array)
	dt := w.DType()
	k := min(m, n)
	var uShape, vShape []int
	switch {
	case computeUV && fullMatrices:
		uShape, vShape = with(lead, m, m), with(lead, n, n)
	case computeUV:
		uShape, vShape = with(lead, m, k), with(lead, k, n)
	}
	out, err := outputs(a.Backend(), []dtype.DType{dt, realType(dt), dt}, uShape, with(lead, k), vShape)
	if err != nil {
		return fail(err)
	}
	if err := call(op, lead, func() error {
		return la.SVD(dt, batchOf(lead), m, n, w.buf, out[1].buf, out[0].buf, out[2].buf, fullMatrices)
	}, w, out[0], out[1], out[2]); err != nil {
		free(out...)
		return fail(err)
	}
	return out[0].Array, out[1].Array, out[2].Array
}

// SVDVals returns the singular values of each matrix of a, descending
// (numpy.linalg.svdvals).
func SVDVals(a *array.Array) *array.Array {
	_, s, _ := SVD(a, false, false)
	return s
}

// Eigh returns the eigenvalues w (ascending, real) and the eigenvectors
// (the columns of v) of each Hermitian matrix of a (numpy.linalg.eigh),
// read from its lower triangle for uplo "L" (or "") and its upper one for
// "U"; as in NumPy, the case of uplo does not matter.
func Eigh(a *array.Array, uplo string) (w, v *array.Array) {
	return eigh("Eigh", a, uplo, true)
}

// Eigvalsh returns the eigenvalues of each Hermitian matrix of a,
// ascending (numpy.linalg.eigvalsh; uplo as for Eigh).
func Eigvalsh(a *array.Array, uplo string) *array.Array {
	w, _ := eigh("Eigvalsh", a, uplo, false)
	return w
}

func eigh(op string, a *array.Array, uplo string, vectors bool) (w, v *array.Array) {
	fail := func(err error) (*array.Array, *array.Array) { return array.Failed(err), array.Failed(err) }
	uplo = strings.ToUpper(uplo)
	if uplo != "" && uplo != "L" && uplo != "U" {
		return fail(fmt.Errorf("%s: UPLO argument must be 'L' or 'U', not %q", op, uplo))
	}
	la, work, err := factorInput(op, a, true)
	if err != nil {
		return fail(err)
	}
	lead, n, _ := matrixShape(work.Array)
	dt := work.DType()
	vals, err := newMatrices(a.Backend(), realType(dt), with(lead, n))
	if err == nil {
		err = call(op, lead, func() error {
			return la.Eigh(dt, batchOf(lead), n, work.buf, vals.buf, uplo != "U", vectors)
		}, work, vals)
	}
	if err != nil {
		free(work, vals)
		return fail(err)
	}
	if !vectors {
		free(work)
		return vals.Array, nil
	}
	return vals.Array, work.Array
}

// Eig returns the eigenvalues w and right eigenvectors (the columns of v,
// each of unit norm; on the CPU with its largest component real, as
// LAPACK's zgeev leaves them) of each square matrix of a (numpy.linalg.eig), the
// eigenvalues in no particular order. They are complex whatever a's
// dtype, as NumPy 2 gives them (complex64 for float32 and complex64
// input, complex128 for the others). A NaN or an infinity in a is an
// error that matches ErrLinAlg, as in NumPy.
func Eig(a *array.Array) (w, v *array.Array) { return eig("Eig", a, true) }

// Eigvals returns the eigenvalues of each square matrix of a
// (numpy.linalg.eigvals; complex, as in Eig).
func Eigvals(a *array.Array) *array.Array {
	w, _ := eig("Eigvals", a, false)
	return w
}

func eig(op string, a *array.Array, vectors bool) (w, v *array.Array) {
	fail := func(err error) (*array.Array, *array.Array) { return array.Failed(err), array.Failed(err) }
	la, work, err := factorInput(op, a, true)
	if err != nil {
		return fail(err)
	}
	defer free(work)
	// NumPy checks first, as no eigensolver can converge on them.
	finite, err := array.Item[bool](array.AllTrue(array.IsFinite(work.Array)))
	if err == nil && !finite {
		err = linalgErrorf(op, "Array must not contain infs or NaNs")
	}
	if err != nil {
		return fail(err)
	}
	lead, n, _ := matrixShape(work.Array)
	dt := work.DType()
	var vShape []int
	if vectors {
		vShape = with(lead, n, n)
	}
	cdt := backend.ComplexDType(dt)
	out, err := outputs(a.Backend(), []dtype.DType{cdt, cdt}, with(lead, n), vShape)
	if err == nil {
		err = call(op, lead, func() error { return la.Eig(dt, batchOf(lead), n, work.buf, out[0].buf, out[1].buf) }, work, out[0], out[1])
	}
	if err != nil {
		free(out...)
		return fail(err)
	}
	return out[0].Array, out[1].Array
}
