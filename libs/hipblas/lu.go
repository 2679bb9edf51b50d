package hipblas

import (
	"math"
	"unsafe"

	"github.com/cugo/cugo/hip"
	"github.com/cugo/cugo/internal/cargs"
	sym "github.com/cugo/cugo/internal/sym/hipblas"
)

// Batched LU of many small matrices, hipBLAS's solver functions: one call
// factors or solves a whole stack. aArray, bArray and cArray are device
// arrays of batch device pointers to column-major matrices; ipiv holds n
// int32 pivots per matrix, one matrix after another.

// checkLU rejects sizes hipBLAS's int arguments cannot take and leading
// dimensions shorter than the rows.
func checkLU(op string, n, batch int, lds ...int) error {
	if n < 0 || n > math.MaxInt32 || batch < 0 || batch > math.MaxInt32 {
		return argErr(op, "n = %d, batch = %d", n, batch)
	}
	for _, ld := range lds {
		if ld < max(1, n) || ld > math.MaxInt32 {
			return argErr(op, "leading dimension %d, want at least max(1, %d)", ld, n)
		}
	}
	return nil
}

// GetrfBatched factors each n×n matrix in place into P·L·U with partial
// pivoting, writing its 1-based pivots to ipiv and its info to info (a
// device array of batch int32: i > 0 when U(i, i) is exactly zero).
func GetrfBatched[T Elem](h *Handle, n int, aArray hip.DevicePtr, lda int, ipiv, info hip.DevicePtr, batch int) error {
	op := "hipblas" + cargs.Prefix[T]() + "getrfBatched"
	if err := checkLU(op, n, batch, lda); err != nil {
		return err
	}
	n32, ld, nb := int32(n), int32(lda), int32(batch)
	p, inf := dev[int32](ipiv), dev[int32](info)
	return h.do(op, func() sym.HipblasStatus_t {
		var z T
		switch any(z).(type) {
		case float32:
			return sym.HipblasSgetrfBatched(h.h, n32, dev[*float32](aArray), ld, p, inf, nb)
		case float64:
			return sym.HipblasDgetrfBatched(h.h, n32, dev[*float64](aArray), ld, p, inf, nb)
		case complex64:
			return sym.HipblasCgetrfBatched(h.h, n32, cargs.Ptr[unsafe.Pointer](aArray), ld, p, inf, nb)
		}
		return sym.HipblasZgetrfBatched(h.h, n32, cargs.Ptr[unsafe.Pointer](aArray), ld, p, inf, nb)
	})
}

// GetrsBatched solves op(A)·X = B for each matrix with GetrfBatched's
// factors and pivots, overwriting each n×nrhs B with X. An argument that
// hipBLAS refuses (its host info) is an error wrapping ErrInvalidValue.
func GetrsBatched[T Elem](h *Handle, trans Op, n, nrhs int, aArray hip.DevicePtr, lda int, ipiv, bArray hip.DevicePtr, ldb int, batch int) error {
	op := "hipblas" + cargs.Prefix[T]() + "getrsBatched"
	if err := checkLU(op, n, batch, lda, ldb); err != nil {
		return err
	}
	if nrhs < 0 || nrhs > math.MaxInt32 {
		return argErr(op, "nrhs = %d", nrhs)
	}
	t, n32, r32, la, lb, nb := sym.HipblasOperation_t(trans), int32(n), int32(nrhs), int32(lda), int32(ldb), int32(batch)
	p := dev[int32](ipiv)
	var info int32
	err := h.do(op, func() sym.HipblasStatus_t {
		var z T
		switch any(z).(type) {
		case float32:
			return sym.HipblasSgetrsBatched(h.h, t, n32, r32, dev[*float32](aArray), la, p, dev[*float32](bArray), lb, &info, nb)
		case float64:
			return sym.HipblasDgetrsBatched(h.h, t, n32, r32, dev[*float64](aArray), la, p, dev[*float64](bArray), lb, &info, nb)
		case complex64:
			return sym.HipblasCgetrsBatched(h.h, t, n32, r32, cargs.Ptr[unsafe.Pointer](aArray), la, p, cargs.Ptr[unsafe.Pointer](bArray), lb, &info, nb)
		}
		return sym.HipblasZgetrsBatched(h.h, t, n32, r32, cargs.Ptr[unsafe.Pointer](aArray), la, p, cargs.Ptr[unsafe.Pointer](bArray), lb, &info, nb)
	})
	if err == nil && info != 0 {
		err = argErr(op, "argument %d refused", -info)
	}
	return err
}

// GetriBatched writes the inverse of each matrix into the n×n matrices of
// cArray (out of place) from GetrfBatched's factors and pivots; info is a
// device array of batch int32 (i > 0 for a singular matrix).
func GetriBatched[T Elem](h *Handle, n int, aArray hip.DevicePtr, lda int, ipiv, cArray hip.DevicePtr, ldc int, info hip.DevicePtr, batch int) error {
	op := "hipblas" + cargs.Prefix[T]() + "getriBatched"
	if err := checkLU(op, n, batch, lda, ldc); err != nil {
		return err
	}
	n32, la, lc, nb := int32(n), int32(lda), int32(ldc), int32(batch)
	p, inf := dev[int32](ipiv), dev[int32](info)
	return h.do(op, func() sym.HipblasStatus_t {
		var z T
		switch any(z).(type) {
		case float32:
			return sym.HipblasSgetriBatched(h.h, n32, dev[*float32](aArray), la, p, dev[*float32](cArray), lc, inf, nb)
		case float64:
			return sym.HipblasDgetriBatched(h.h, n32, dev[*float64](aArray), la, p, dev[*float64](cArray), lc, inf, nb)
		case complex64:
			return sym.HipblasCgetriBatched(h.h, n32, cargs.Ptr[unsafe.Pointer](aArray), la, p, cargs.Ptr[unsafe.Pointer](cArray), lc, inf, nb)
		}
		return sym.HipblasZgetriBatched(h.h, n32, cargs.Ptr[unsafe.Pointer](aArray), la, p, cargs.Ptr[unsafe.Pointer](cArray), lc, inf, nb)
	})
}
