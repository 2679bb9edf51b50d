package cublas

import (
	"unsafe"

	"github.com/cugo/cugo/driver"
	"github.com/cugo/cugo/internal/cargs"
	sym "github.com/cugo/cugo/internal/sym/cublas"
)

// Matrices are column-major: element (i, j) of A is at A + i + j·lda.

// Gemv computes y = alpha·op(A)·x + beta·y, A m×n.
func Gemv[T Elem](h *Handle, trans Op, m, n int, alpha T, a driver.DevicePtr, lda int,
	x driver.DevicePtr, incx int, beta T, y driver.DevicePtr, incy int) error {
	op := cargs.Prefix[T]() + "gemv"
	if err := checkOp(op, trans); err != nil {
		return err
	}
	if err := checkSizes(op, "m, n", m, n); err != nil {
		return err
	}
	if err := checkLD(op, "lda", lda, m); err != nil {
		return err
	}
	if err := level1(h, op, 0, incx, incy); err != nil {
		return err
	}
	t, m32, n32, ld, ix, iy := sym.CublasOperation_t(trans), int32(m), int32(n), int32(lda), int32(incx), int32(incy)
	return h.call(op, func() sym.CublasStatus_t {
		switch al := any(alpha).(type) {
		case float32:
			be := any(beta).(float32)
			return sym.CublasSgemv_v2(h.h, t, m32, n32, &al, cargs.Ptr[float32](a), ld, cargs.Ptr[float32](x), ix, &be, cargs.Ptr[float32](y), iy)
		case float64:
			be := any(beta).(float64)
			return sym.CublasDgemv_v2(h.h, t, m32, n32, &al, cargs.Ptr[float64](a), ld, cargs.Ptr[float64](x), ix, &be, cargs.Ptr[float64](y), iy)
		case complex64:
			be := any(beta).(complex64)
			return sym.CublasCgemv_v2(h.h, t, m32, n32, unsafe.Pointer(&al), cargs.Pointer(a), ld, cargs.Pointer(x), ix, unsafe.Pointer(&be), cargs.Pointer(y), iy)
		}
		al, be := any(alpha).(complex128), any(beta).(complex128)
		return sym.CublasZgemv_v2(h.h, t, m32, n32, unsafe.Pointer(&al), cargs.Pointer(a), ld, cargs.Pointer(x), ix, unsafe.Pointer(&be), cargs.Pointer(y), iy)
	})
}

// gemmArgs are the int arguments of a GEMM, checked and narrowed.
type gemmArgs struct {
	ta, tb                 sym.CublasOperation_t
	m, n, k, lda, ldb, ldc int32
}

func newGemmArgs(h *Handle, op string, ta, tb Op, m, n, k, lda, ldb, ldc int) (gemmArgs, error) {
	if err := checkGemm(op, ta, tb, m, n, k, lda, ldb, ldc); err != nil {
		return gemmArgs{}, err
	}
	if err := h.hostScalars(op); err != nil {
		return gemmArgs{}, err
	}
	return gemmArgs{sym.CublasOperation_t(ta), sym.CublasOperation_t(tb),
		int32(m), int32(n), int32(k), int32(lda), int32(ldb), int32(ldc)}, nil
}

// Gemm computes C = alpha·op(A)·op(B) + beta·C with C m×n and k the inner
// size. For float32 the handle's math mode decides whether TF32 is used.
func Gemm[T Elem](h *Handle, ta, tb Op, m, n, k int, alpha T, a driver.DevicePtr, lda int,
	b driver.DevicePtr, ldb int, beta T, c driver.DevicePtr, ldc int) error {
	op := cargs.Prefix[T]() + "gemm"
	g, err := newGemmArgs(h, op, ta, tb, m, n, k, lda, ldb, ldc)
	if err != nil {
		return err
	}
	return h.call(op, func() sym.CublasStatus_t {
		switch al := any(alpha).(type) {
		case float32:
			be := any(beta).(float32)
			return sym.CublasSgemm_v2(h.h, g.ta, g.tb, g.m, g.n, g.k, &al, cargs.Ptr[float32](a), g.lda, cargs.Ptr[float32](b), g.ldb, &be, cargs.Ptr[float32](c), g.ldc)
		case float64:
			be := any(beta).(float64)
			return sym.CublasDgemm_v2(h.h, g.ta, g.tb, g.m, g.n, g.k, &al, cargs.Ptr[float64](a), g.lda, cargs.Ptr[float64](b), g.ldb, &be, cargs.Ptr[float64](c), g.ldc)
		case complex64:
			be := any(beta).(complex64)
			return sym.CublasCgemm_v2(h.h, g.ta, g.tb, g.m, g.n, g.k, unsafe.Pointer(&al), cargs.Pointer(a), g.lda, cargs.Pointer(b), g.ldb, unsafe.Pointer(&be), cargs.Pointer(c), g.ldc)
		}
		al, be := any(alpha).(complex128), any(beta).(complex128)
		return sym.CublasZgemm_v2(h.h, g.ta, g.tb, g.m, g.n, g.k, unsafe.Pointer(&al), cargs.Pointer(a), g.lda, cargs.Pointer(b), g.ldb, unsafe.Pointer(&be), cargs.Pointer(c), g.ldc)
	})
}

// Hgemm is Gemm on float16 matrices, computing in float16; alpha and beta
// are rounded to float16. GemmEx with Compute32F accumulates in float32.
func Hgemm(h *Handle, ta, tb Op, m, n, k int, alpha float32, a driver.DevicePtr, lda int,
	b driver.DevicePtr, ldb int, beta float32, c driver.DevicePtr, ldc int) error {
	g, err := newGemmArgs(h, "Hgemm", ta, tb, m, n, k, lda, ldb, ldc)
	if err != nil {
		return err
	}
	al, be := halfBits(alpha), halfBits(beta)
	return h.call("Hgemm", func() sym.CublasStatus_t {
		return sym.CublasHgemm(h.h, g.ta, g.tb, g.m, g.n, g.k, unsafe.Pointer(&al), cargs.Pointer(a), g.lda, cargs.Pointer(b), g.ldb, unsafe.Pointer(&be), cargs.Pointer(c), g.ldc)
	})
}

// GemmStridedBatched runs batch GEMMs; matrix i of A starts at
// a + i·strideA elements (a stride of 0 repeats one matrix).
func GemmStridedBatched[T Elem](h *Handle, ta, tb Op, m, n, k int, alpha T, a driver.DevicePtr, lda int, strideA int64,
	b driver.DevicePtr, ldb int, strideB int64, beta T, c driver.DevicePtr, ldc int, strideC int64, batch int) error {
	op := cargs.Prefix[T]() + "gemmStridedBatched"
	g, err := newGemmArgs(h, op, ta, tb, m, n, k, lda, ldb, ldc)
	if err != nil {
		return err
	}
	if err := checkBatch(op, batch); err != nil {
		return err
	}
	nb := int32(batch)
	return h.call(op, func() sym.CublasStatus_t {
		switch al := any(alpha).(type) {
		case float32:
			be := any(beta).(float32)
			return sym.CublasSgemmStridedBatched(h.h, g.ta, g.tb, g.m, g.n, g.k, &al, cargs.Ptr[float32](a), g.lda, strideA,
				cargs.Ptr[float32](b), g.ldb, strideB, &be, cargs.Ptr[float32](c), g.ldc, strideC, nb)
		case float64:
			be := any(beta).(float64)
			return sym.CublasDgemmStridedBatched(h.h, g.ta, g.tb, g.m, g.n, g.k, &al, cargs.Ptr[float64](a), g.lda, strideA,
				cargs.Ptr[float64](b), g.ldb, strideB, &be, cargs.Ptr[float64](c), g.ldc, strideC, nb)
		case complex64:
			be := any(beta).(complex64)
			return sym.CublasCgemmStridedBatched(h.h, g.ta, g.tb, g.m, g.n, g.k, unsafe.Pointer(&al), cargs.Pointer(a), g.lda, strideA,
				cargs.Pointer(b), g.ldb, strideB, unsafe.Pointer(&be), cargs.Pointer(c), g.ldc, strideC, nb)
		}
		al, be := any(alpha).(complex128), any(beta).(complex128)
		return sym.CublasZgemmStridedBatched(h.h, g.ta, g.tb, g.m, g.n, g.k, unsafe.Pointer(&al), cargs.Pointer(a), g.lda, strideA,
			cargs.Pointer(b), g.ldb, strideB, unsafe.Pointer(&be), cargs.Pointer(c), g.ldc, strideC, nb)
	})
}

// HgemmStridedBatched is GemmStridedBatched on float16 matrices.
func HgemmStridedBatched(h *Handle, ta, tb Op, m, n, k int, alpha float32, a driver.DevicePtr, lda int, strideA int64,
	b driver.DevicePtr, ldb int, strideB int64, beta float32, c driver.DevicePtr, ldc int, strideC int64, batch int) error {
	const op = "HgemmStridedBatched"
	g, err := newGemmArgs(h, op, ta, tb, m, n, k, lda, ldb, ldc)
	if err != nil {
		return err
	}
	if err := checkBatch(op, batch); err != nil {
		return err
	}
	al, be := halfBits(alpha), halfBits(beta)
	return h.call(op, func() sym.CublasStatus_t {
		return sym.CublasHgemmStridedBatched(h.h, g.ta, g.tb, g.m, g.n, g.k, unsafe.Pointer(&al), cargs.Pointer(a), g.lda, strideA,
			cargs.Pointer(b), g.ldb, strideB, unsafe.Pointer(&be), cargs.Pointer(c), g.ldc, strideC, int32(batch))
	})
}

// GemmBatched runs batch GEMMs on matrices anywhere in memory: aArray,
// bArray and cArray are device arrays of batch device pointers.
func GemmBatched[T Elem](h *Handle, ta, tb Op, m, n, k int, alpha T, aArray driver.DevicePtr, lda int,
	bArray driver.DevicePtr, ldb int, beta T, cArray driver.DevicePtr, ldc int, batch int) error {
	op := cargs.Prefix[T]() + "gemmBatched"
	g, err := newGemmArgs(h, op, ta, tb, m, n, k, lda, ldb, ldc)
	if err != nil {
		return err
	}
	if err := checkBatch(op, batch); err != nil {
		return err
	}
	nb := int32(batch)
	return h.call(op, func() sym.CublasStatus_t {
		switch al := any(alpha).(type) {
		case float32:
			be := any(beta).(float32)
			return sym.CublasSgemmBatched(h.h, g.ta, g.tb, g.m, g.n, g.k, &al, cargs.Ptr[*float32](aArray), g.lda,
				cargs.Ptr[*float32](bArray), g.ldb, &be, cargs.Ptr[*float32](cArray), g.ldc, nb)
		case float64:
			be := any(beta).(float64)
			return sym.CublasDgemmBatched(h.h, g.ta, g.tb, g.m, g.n, g.k, &al, cargs.Ptr[*float64](aArray), g.lda,
				cargs.Ptr[*float64](bArray), g.ldb, &be, cargs.Ptr[*float64](cArray), g.ldc, nb)
		case complex64:
			be := any(beta).(complex64)
			return sym.CublasCgemmBatched(h.h, g.ta, g.tb, g.m, g.n, g.k, unsafe.Pointer(&al), cargs.Ptr[unsafe.Pointer](aArray), g.lda,
				cargs.Ptr[unsafe.Pointer](bArray), g.ldb, unsafe.Pointer(&be), cargs.Ptr[unsafe.Pointer](cArray), g.ldc, nb)
		}
		al, be := any(alpha).(complex128), any(beta).(complex128)
		return sym.CublasZgemmBatched(h.h, g.ta, g.tb, g.m, g.n, g.k, unsafe.Pointer(&al), cargs.Ptr[unsafe.Pointer](aArray), g.lda,
			cargs.Ptr[unsafe.Pointer](bArray), g.ldb, unsafe.Pointer(&be), cargs.Ptr[unsafe.Pointer](cArray), g.ldc, nb)
	})
}

// HgemmBatched is GemmBatched on float16 matrices.
func HgemmBatched(h *Handle, ta, tb Op, m, n, k int, alpha float32, aArray driver.DevicePtr, lda int,
	bArray driver.DevicePtr, ldb int, beta float32, cArray driver.DevicePtr, ldc int, batch int) error {
	const op = "HgemmBatched"
	g, err := newGemmArgs(h, op, ta, tb, m, n, k, lda, ldb, ldc)
	if err != nil {
		return err
	}
	if err := checkBatch(op, batch); err != nil {
		return err
	}
	al, be := halfBits(alpha), halfBits(beta)
	return h.call(op, func() sym.CublasStatus_t {
		return sym.CublasHgemmBatched(h.h, g.ta, g.tb, g.m, g.n, g.k, unsafe.Pointer(&al), cargs.Ptr[unsafe.Pointer](aArray), g.lda,
			cargs.Ptr[unsafe.Pointer](bArray), g.ldb, unsafe.Pointer(&be), cargs.Ptr[unsafe.Pointer](cArray), g.ldc, int32(batch))
	})
}

// Geam computes C = alpha·op(A) + beta·op(B), C m×n; it also transposes
// (beta = 0) and copies matrices. C may be A or B when its op is NoTrans
// and the leading dimensions match.
func Geam[T Elem](h *Handle, ta, tb Op, m, n int, alpha T, a driver.DevicePtr, lda int,
	beta T, b driver.DevicePtr, ldb int, c driver.DevicePtr, ldc int) error {
	op := cargs.Prefix[T]() + "geam"
	if err := checkOp(op, ta, tb); err != nil {
		return err
	}
	if err := checkSizes(op, "m, n", m, n); err != nil {
		return err
	}
	for _, ld := range []struct {
		name     string
		ld, rows int
	}{{"lda", lda, rowsOf(ta, m, n)}, {"ldb", ldb, rowsOf(tb, m, n)}, {"ldc", ldc, m}} {
		if err := checkLD(op, ld.name, ld.ld, ld.rows); err != nil {
			return err
		}
	}
	if err := h.hostScalars(op); err != nil {
		return err
	}
	t1, t2, m32, n32 := sym.CublasOperation_t(ta), sym.CublasOperation_t(tb), int32(m), int32(n)
	la, lb, lc := int32(lda), int32(ldb), int32(ldc)
	return h.call(op, func() sym.CublasStatus_t {
		switch al := any(alpha).(type) {
		case float32:
			be := any(beta).(float32)
			return sym.CublasSgeam(h.h, t1, t2, m32, n32, &al, cargs.Ptr[float32](a), la, &be, cargs.Ptr[float32](b), lb, cargs.Ptr[float32](c), lc)
		case float64:
			be := any(beta).(float64)
			return sym.CublasDgeam(h.h, t1, t2, m32, n32, &al, cargs.Ptr[float64](a), la, &be, cargs.Ptr[float64](b), lb, cargs.Ptr[float64](c), lc)
		case complex64:
			be := any(beta).(complex64)
			return sym.CublasCgeam(h.h, t1, t2, m32, n32, unsafe.Pointer(&al), cargs.Pointer(a), la, unsafe.Pointer(&be), cargs.Pointer(b), lb, cargs.Pointer(c), lc)
		}
		al, be := any(alpha).(complex128), any(beta).(complex128)
		return sym.CublasZgeam(h.h, t1, t2, m32, n32, unsafe.Pointer(&al), cargs.Pointer(a), la, unsafe.Pointer(&be), cargs.Pointer(b), lb, cargs.Pointer(c), lc)
	})
}
