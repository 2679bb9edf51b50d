package cublas

import (
	"unsafe"

	"github.com/cugo/cugo/driver"
	"github.com/cugo/cugo/internal/cargs"
	sym "github.com/cugo/cugo/internal/sym/cublas"
)

// Batched LU of many small matrices, cuBLAS's LAPACK-like extension: one
// call factors, solves or inverts a whole stack, where cuSOLVER's getrf
// would take a call per matrix. aArray, bArray and cArray are device
// arrays of batch device pointers to column-major matrices; ipiv holds n
// int32 pivots per matrix, one matrix after another.

// MatinvMaxSide is the largest side MatinvBatched takes.
const MatinvMaxSide = 32

// checkLU checks the sizes common to the batched LU routines.
func checkLU(op string, n, lda, batch int) error {
	if err := checkSizes(op, "n", n); err != nil {
		return err
	}
	if err := checkLD(op, "lda", lda, n); err != nil {
		return err
	}
	return checkBatch(op, batch)
}

// GetrfBatched factors each n×n matrix in place into P·L·U with partial
// pivoting, writing its 1-based pivots to ipiv and its info to info (a
// device array of batch int32: i > 0 when U(i, i) is exactly zero).
func GetrfBatched[T Elem](h *Handle, n int, aArray driver.DevicePtr, lda int, ipiv, info driver.DevicePtr, batch int) error {
	op := cargs.Prefix[T]() + "getrfBatched"
	if err := checkLU(op, n, lda, batch); err != nil {
		return err
	}
	n32, ld, nb := int32(n), int32(lda), int32(batch)
	p, inf := cargs.Ptr[int32](ipiv), cargs.Ptr[int32](info)
	return h.call(op, func() sym.CublasStatus_t {
		var z T
		switch any(z).(type) {
		case float32:
			return sym.CublasSgetrfBatched(h.h, n32, cargs.Ptr[*float32](aArray), ld, p, inf, nb)
		case float64:
			return sym.CublasDgetrfBatched(h.h, n32, cargs.Ptr[*float64](aArray), ld, p, inf, nb)
		case complex64:
			return sym.CublasCgetrfBatched(h.h, n32, cargs.Ptr[unsafe.Pointer](aArray), ld, p, inf, nb)
		}
		return sym.CublasZgetrfBatched(h.h, n32, cargs.Ptr[unsafe.Pointer](aArray), ld, p, inf, nb)
	})
}

// GetrsBatched solves op(A)·X = B for each matrix with GetrfBatched's
// factors and pivots, overwriting each n×nrhs B with X. An argument that
// cuBLAS refuses (its host info) is an error wrapping ErrInvalidValue.
func GetrsBatched[T Elem](h *Handle, trans Op, n, nrhs int, aArray driver.DevicePtr, lda int, ipiv, bArray driver.DevicePtr, ldb int, batch int) error {
	op := cargs.Prefix[T]() + "getrsBatched"
	if err := checkOp(op, trans); err != nil {
		return err
	}
	if err := checkSizes(op, "n, nrhs", n, nrhs); err != nil {
		return err
	}
	if err := checkLU(op, n, lda, batch); err != nil {
		return err
	}
	if err := checkLD(op, "ldb", ldb, n); err != nil {
		return err
	}
	t, n32, r32, la, lb, nb := sym.CublasOperation_t(trans), int32(n), int32(nrhs), int32(lda), int32(ldb), int32(batch)
	p := cargs.Ptr[int32](ipiv)
	var info int32
	err := h.call(op, func() sym.CublasStatus_t {
		var z T
		switch any(z).(type) {
		case float32:
			return sym.CublasSgetrsBatched(h.h, t, n32, r32, cargs.Ptr[*float32](aArray), la, p, cargs.Ptr[*float32](bArray), lb, &info, nb)
		case float64:
			return sym.CublasDgetrsBatched(h.h, t, n32, r32, cargs.Ptr[*float64](aArray), la, p, cargs.Ptr[*float64](bArray), lb, &info, nb)
		case complex64:
			return sym.CublasCgetrsBatched(h.h, t, n32, r32, cargs.Ptr[unsafe.Pointer](aArray), la, p, cargs.Ptr[unsafe.Pointer](bArray), lb, &info, nb)
		}
		return sym.CublasZgetrsBatched(h.h, t, n32, r32, cargs.Ptr[unsafe.Pointer](aArray), la, p, cargs.Ptr[unsafe.Pointer](bArray), lb, &info, nb)
	})
	if err == nil && info != 0 {
		err = argErr(op, "argument %d refused", -info)
	}
	return err
}

// GetriBatched writes the inverse of each matrix into the n×n matrices of
// cArray (out of place) from GetrfBatched's factors and pivots; info is a
// device array of batch int32 (i > 0 for a singular matrix).
func GetriBatched[T Elem](h *Handle, n int, aArray driver.DevicePtr, lda int, ipiv, cArray driver.DevicePtr, ldc int, info driver.DevicePtr, batch int) error {
	op := cargs.Prefix[T]() + "getriBatched"
	if err := checkLU(op, n, lda, batch); err != nil {
		return err
	}
	if err := checkLD(op, "ldc", ldc, n); err != nil {
		return err
	}
	n32, la, lc, nb := int32(n), int32(lda), int32(ldc), int32(batch)
	p, inf := cargs.Ptr[int32](ipiv), cargs.Ptr[int32](info)
	return h.call(op, func() sym.CublasStatus_t {
		var z T
		switch any(z).(type) {
		case float32:
			return sym.CublasSgetriBatched(h.h, n32, cargs.Ptr[*float32](aArray), la, p, cargs.Ptr[*float32](cArray), lc, inf, nb)
		case float64:
			return sym.CublasDgetriBatched(h.h, n32, cargs.Ptr[*float64](aArray), la, p, cargs.Ptr[*float64](cArray), lc, inf, nb)
		case complex64:
			return sym.CublasCgetriBatched(h.h, n32, cargs.Ptr[unsafe.Pointer](aArray), la, p, cargs.Ptr[unsafe.Pointer](cArray), lc, inf, nb)
		}
		return sym.CublasZgetriBatched(h.h, n32, cargs.Ptr[unsafe.Pointer](aArray), la, p, cargs.Ptr[unsafe.Pointer](cArray), lc, inf, nb)
	})
}

// MatinvBatched inverts each matrix of side n <= MatinvMaxSide into the
// matrices of ainvArray in one call (an LU factorization and inversion
// without pivots leaving the call); info is a device array of batch int32
// (i > 0 for a singular matrix).
func MatinvBatched[T Elem](h *Handle, n int, aArray driver.DevicePtr, lda int, ainvArray driver.DevicePtr, ldaInv int, info driver.DevicePtr, batch int) error {
	op := cargs.Prefix[T]() + "matinvBatched"
	if n > MatinvMaxSide {
		return argErr(op, "n = %d, want at most %d", n, MatinvMaxSide)
	}
	if err := checkLU(op, n, lda, batch); err != nil {
		return err
	}
	if err := checkLD(op, "lda_inv", ldaInv, n); err != nil {
		return err
	}
	n32, la, li, nb := int32(n), int32(lda), int32(ldaInv), int32(batch)
	inf := cargs.Ptr[int32](info)
	return h.call(op, func() sym.CublasStatus_t {
		var z T
		switch any(z).(type) {
		case float32:
			return sym.CublasSmatinvBatched(h.h, n32, cargs.Ptr[*float32](aArray), la, cargs.Ptr[*float32](ainvArray), li, inf, nb)
		case float64:
			return sym.CublasDmatinvBatched(h.h, n32, cargs.Ptr[*float64](aArray), la, cargs.Ptr[*float64](ainvArray), li, inf, nb)
		case complex64:
			return sym.CublasCmatinvBatched(h.h, n32, cargs.Ptr[unsafe.Pointer](aArray), la, cargs.Ptr[unsafe.Pointer](ainvArray), li, inf, nb)
		}
		return sym.CublasZmatinvBatched(h.h, n32, cargs.Ptr[unsafe.Pointer](aArray), la, cargs.Ptr[unsafe.Pointer](ainvArray), li, inf, nb)
	})
}
