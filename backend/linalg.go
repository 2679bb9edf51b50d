package backend

import (
	"errors"
	"fmt"

	"github.com/cugo/cugo/dtype"
)

// ErrLinAlg is the class of errors that the values of a matrix cause in a
// factorization (NumPy's LinAlgError); the errors below wrap it.
var ErrLinAlg = errors.New("linalg")

var (
	// ErrSingular: an exactly zero pivot in an LU factorization.
	ErrSingular = fmt.Errorf("%w: Singular matrix", ErrLinAlg)
	// ErrNotPositiveDefinite: a Cholesky factorization met a non-positive
	// (or NaN) pivot.
	ErrNotPositiveDefinite = fmt.Errorf("%w: Matrix is not positive definite", ErrLinAlg)
	// ErrNoConvergence: an SVD or an eigensolver did not converge (NaN
	// inputs give it too, as in LAPACK).
	ErrNoConvergence = fmt.Errorf("%w: did not converge", ErrLinAlg)
)

// MatrixError is the failure of a factorization on one matrix of a batch:
// the first, in batch order, that failed.
type MatrixError struct {
	Index int   // the matrix's position in the batch
	Err   error // ErrSingular, ErrNotPositiveDefinite or ErrNoConvergence
}

func (e *MatrixError) Error() string { return fmt.Sprintf("%v (matrix %d)", e.Err, e.Index) }
func (e *MatrixError) Unwrap() error { return e.Err }

// Linalg is implemented by backends with dense linear algebra (LAPACK on
// the CPU, cuSOLVER and hipSOLVER on GPUs). Every operand is a batch of
// C-contiguous (row-major) matrices from the start of its buffer, in dtype
// dt (float32, float64, complex64 or complex128; singular values and
// eigenvalues in the real dtype of the same precision, pivots in int32).
// Matrices of a batch are independent; where some fail, the call returns a
// *MatrixError naming the first, and the others' results may be written.
// A backend returns an error wrapping ErrUnsupported for a dtype or an
// operation it lacks.
type Linalg interface {
	// LU factors each n×n matrix of a in place into unit lower and upper
	// triangles of A or of Aᵀ (whichever the backend's layout gives: the
	// product of U's diagonal and the pivots' sign is det(A) either way)
	// and writes the 1-based LAPACK pivots into piv (batch×n int32). A
	// singular matrix is not an error: U then has a zero on its diagonal.
	LU(dt dtype.DType, batch, n int, a, piv Buffer) error

	// Solve overwrites each n×nrhs matrix of b with A⁻¹B; a is
	// overwritten. A singular A gives ErrSingular.
	Solve(dt dtype.DType, batch, n, nrhs int, a, b Buffer) error

	// Cholesky overwrites the lower triangle of each n×n Hermitian matrix
	// of a (read from there) with L of A = L·Lᴴ; what it leaves above the
	// diagonal is undefined (the caller zeros it).
	Cholesky(dt dtype.DType, batch, n int, a Buffer) error

	// QR factors each m×n matrix of a (which it overwrites) into Q·R with
	// k = min(m, n): q is m×k and r k×n, or with complete q is m×m and r
	// m×n. A nil q computes only r. What r holds below its diagonal is
	// undefined (the caller zeros it).
	QR(dt dtype.DType, batch, m, n int, a, q, r Buffer, complete bool) error

	// SVD writes the singular values of each m×n matrix of a (which it
	// overwrites) into s (batch×k, descending, k = min(m, n)) and, when u
	// is not nil, the vectors: u m×k and vh k×n, or m×m and n×n with full.
	SVD(dt dtype.DType, batch, m, n int, a, s, u, vh Buffer, full bool) error

	// Eigh writes the eigenvalues of each n×n Hermitian matrix of a, read
	// from its lower triangle or else its upper one, into w (batch×n,
	// ascending) and, with vectors, overwrites a with the eigenvectors as
	// columns.
	Eigh(dt dtype.DType, batch, n int, a, w Buffer, lower, vectors bool) error

	// Eig writes the eigenvalues of each n×n general matrix of a (which it
	// overwrites) into w (batch×n, complex of dt's precision) and, when v
	// is not nil, the right eigenvectors as v's columns (n×n, complex,
	// each of unit 2-norm), in LAPACK's geev order.
	Eig(dt dtype.DType, batch, n int, a, w, v Buffer) error
}

// ErrUnsupported is wrapped by the errors of operations that a backend
// lacks for a dtype or a device.
var ErrUnsupported = errors.New("not supported")

// ComplexDType is the complex dtype of dt's precision: complex64 for
// float32 and complex64, else complex128.
func ComplexDType(dt dtype.DType) dtype.DType {
	if dt == dtype.Float32 || dt == dtype.Complex64 {
		return dtype.Complex64
	}
	return dtype.Complex128
}

// RealDType is the dtype of the singular values and eigenvalues of
// matrices of dt: float32 for complex64, float64 for complex128, else dt.
func RealDType(dt dtype.DType) dtype.DType {
	switch dt {
	case dtype.Complex64:
		return dtype.Float32
	case dtype.Complex128:
		return dtype.Float64
	}
	return dt
}
