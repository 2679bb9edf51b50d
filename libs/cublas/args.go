package cublas

import (
	"math"
)

// Elem is an element type cuBLAS's typed routines take: S, D, C and Z.
type Elem interface {
	float32 | float64 | complex64 | complex128
}

// Complex is an element type with a conjugate.
type Complex interface {
	complex64 | complex128
}

// Op is how a routine reads a matrix operand (cublasOperation_t).
type Op int32

// Operations on a matrix operand.
const (
	NoTrans   Op = 0
	Trans     Op = 1
	ConjTrans Op = 2
)

// checkSizes rejects negative sizes and sizes beyond cuBLAS's int arguments.
func checkSizes(op string, names string, sizes ...int) error {
	for _, s := range sizes {
		if s < 0 {
			return argErr(op, "negative size in (%s) = %v", names, sizes)
		}
		if s > math.MaxInt32 {
			return argErr(op, "size %d in (%s) exceeds cuBLAS's 32-bit int", s, names)
		}
	}
	return nil
}

// checkInc rejects non-positive vector increments (cuBLAS ignores or
// misreads them depending on the routine).
func checkInc(op string, incs ...int) error {
	for _, inc := range incs {
		if inc < 1 || inc > math.MaxInt32 {
			return argErr(op, "increment %d, want 1 or more", inc)
		}
	}
	return nil
}

// checkLD checks a leading dimension against the rows it must span.
func checkLD(op, name string, ld, rows int) error {
	if ld < max(1, rows) || ld > math.MaxInt32 {
		return argErr(op, "%s = %d, want at least max(1, %d) rows", name, ld, rows)
	}
	return nil
}

func checkOp(op string, ops ...Op) error {
	for _, o := range ops {
		if o != NoTrans && o != Trans && o != ConjTrans {
			return argErr(op, "operation %d is not NoTrans, Trans or ConjTrans", o)
		}
	}
	return nil
}

// rowsOf is how many rows a matrix read as op(X), r×c, has in storage.
func rowsOf(o Op, r, c int) int {
	if o == NoTrans {
		return r
	}
	return c
}

// checkGemm validates C (m×n) = op(A) (m×k) · op(B) (k×n).
func checkGemm(op string, ta, tb Op, m, n, k, lda, ldb, ldc int) error {
	if err := checkOp(op, ta, tb); err != nil {
		return err
	}
	if err := checkSizes(op, "m, n, k", m, n, k); err != nil {
		return err
	}
	if err := checkLD(op, "lda", lda, rowsOf(ta, m, k)); err != nil {
		return err
	}
	if err := checkLD(op, "ldb", ldb, rowsOf(tb, k, n)); err != nil {
		return err
	}
	return checkLD(op, "ldc", ldc, m)
}

func checkBatch(op string, batch int) error {
	if batch < 0 || batch > math.MaxInt32 {
		return argErr(op, "batch count %d", batch)
	}
	return nil
}
