// Package hipblas is the Go API of AMD's hipBLAS, loaded at run time
// without cgo: GEMM in every precision, GemmEx with f16/bf16 inputs and
// f32 accumulation, and strided batched GEMM. It binds fewer routines than
// its twin libs/cublas (the differences are listed in internal/twins).
// Matrices are column-major, as in every BLAS; scalars are passed from
// host memory.
package hipblas

import (
	"errors"
	"unsafe"

	"github.com/cugo/cugo/hip"
	sym "github.com/cugo/cugo/internal/sym/hipblas"
	"github.com/cugo/cugo/internal/vendorerr"
)

// Error is a failed hipBLAS call, or arguments refused before the call:
// the call, the hipblasStatus_t code and its name.
type Error = vendorerr.Error

// lib names the hipBLAS statuses (hipblasStatusToString gives the same
// names, but only from ROCm 5.3).
var lib = &vendorerr.Library{
	Name: "hipblas",
	Names: map[int32]string{
		1: "HIPBLAS_STATUS_NOT_INITIALIZED", 2: "HIPBLAS_STATUS_ALLOC_FAILED",
		3: "HIPBLAS_STATUS_INVALID_VALUE", 4: "HIPBLAS_STATUS_MAPPING_ERROR",
		5: "HIPBLAS_STATUS_EXECUTION_FAILED", 6: "HIPBLAS_STATUS_INTERNAL_ERROR",
		7: "HIPBLAS_STATUS_NOT_SUPPORTED", 8: "HIPBLAS_STATUS_ARCH_MISMATCH",
		9: "HIPBLAS_STATUS_HANDLE_IS_NULLPTR", 10: "HIPBLAS_STATUS_INVALID_ENUM",
		11: "HIPBLAS_STATUS_UNKNOWN",
	},
}

// Sentinels for errors.Is: each matches every failed hipBLAS call that
// returned its status. ErrInvalidValue also matches the arguments refused
// in Go before the call.
var (
	ErrNotInitialized = lib.Sentinel(1)
	ErrOutOfMemory    = lib.Sentinel(2) // HIPBLAS_STATUS_ALLOC_FAILED
	ErrInvalidValue   = lib.Sentinel(3)
	ErrNotSupported   = lib.Sentinel(7)
)

// check turns a status into nil or an *Error naming call.
func check(call string, r sym.HipblasStatus_t) error { return lib.Check(call, int32(r)) }

// argErr is an argument error caught in Go, before hipBLAS is called.
func argErr(call, format string, args ...any) error {
	return lib.Errorf(call, ErrInvalidValue.Code, format, args...)
}

// Op says how a matrix operand is used.
type Op int32

const (
	NoTrans   Op = 111 // HIPBLAS_OP_N
	Trans     Op = 112 // HIPBLAS_OP_T
	ConjTrans Op = 113 // HIPBLAS_OP_C
)

// DataType is an element type for GemmEx.
type DataType int

const (
	Float16 DataType = iota
	BFloat16
	Float32
	Float64
)

// Legacy hipblasDatatype_t values (ROCm 5/6 hipblasGemmEx) and the
// hipDataType values (hipblasGemmEx_v2, ROCm 7 hipblasGemmEx), by DataType.
var (
	legacyTypes = [...]sym.HipblasDatatype_t{Float16: 150, BFloat16: 168, Float32: 151, Float64: 152}
	v2Types     = [...]sym.HipDataType{Float16: 2, BFloat16: 14, Float32: 0, Float64: 1}
)

const (
	legacyCompute32F = 151 // HIPBLAS_R_32F
	v2Compute32F     = 2   // HIPBLAS_COMPUTE_32F
	gemmDefault      = 160 // HIPBLAS_GEMM_DEFAULT
	pointerModeHost  = 0
)

// gemmExABI says which GemmEx entry points and enums the library takes.
type gemmExABI int

const (
	gemmExLegacy   gemmExABI = iota // hipblasGemmEx with hipblasDatatype_t
	gemmExV2Suffix                  // hipblasGemmEx_v2 with hipDataType
	gemmExV2Plain                   // hipblasGemmEx with hipDataType (hipBLAS 3, ROCm 7)
)

// Handle is a hipBLAS handle bound to one device.
type Handle struct {
	ctx    *hip.Context
	h      sym.HipblasHandle_t
	gemmEx gemmExABI
}

// Load opens hipBLAS; its error says why where the library is absent.
func Load() error {
	_, err := sym.Load()
	return err
}

// New creates a handle on ctx's device, with host pointer mode.
func New(ctx *hip.Context) (*Handle, error) {
	if err := Load(); err != nil {
		return nil, err
	}
	h := &Handle{ctx: ctx}
	err := ctx.Do(func() error {
		if err := check("hipblasCreate", sym.HipblasCreate(&h.h)); err != nil {
			return err
		}
		return check("hipblasSetPointerMode", sym.HipblasSetPointerMode(h.h, pointerModeHost))
	})
	if err != nil {
		return nil, err
	}
	h.gemmEx = h.detectGemmEx()
	return h, nil
}

// detectGemmEx: the _v2 export means the new enums; without it, hipBLAS 3
// (ROCm 7, version 300000 and up: major*100000 + minor*100 + patch) took
// them under the plain name; older ones take hipblasDatatype_t.
func (h *Handle) detectGemmEx() gemmExABI {
	for _, s := range sym.Symbols {
		if s.Name == "hipblasGemmEx_v2" && *s.Addr != 0 {
			return gemmExV2Suffix
		}
	}
	var v int32
	if r, err := sym.HipblasGetVersion(h.h, &v); err == nil && r == 0 && v >= 300000 {
		return gemmExV2Plain
	}
	return gemmExLegacy
}

// SetStream makes later calls run on s.
func (h *Handle) SetStream(s *hip.Stream) error {
	return h.ctx.Do(func() error {
		return check("hipblasSetStream", sym.HipblasSetStream(h.h, sym.HipStream_t(s.Handle())))
	})
}

// Close releases the handle.
func (h *Handle) Close() error {
	if h.h == 0 {
		return nil
	}
	err := h.ctx.Do(func() error { return check("hipblasDestroy", sym.HipblasDestroy(h.h)) })
	h.h = 0
	return err
}

// dev passes a device address where hipBLAS declares a typed pointer.
func dev[T any](p hip.DevicePtr) *T { return *(**T)(unsafe.Pointer(&p)) }

func devVoid(p hip.DevicePtr) unsafe.Pointer { return *(*unsafe.Pointer)(unsafe.Pointer(&p)) }

func (h *Handle) do(op string, f func() sym.HipblasStatus_t) error {
	return h.ctx.Do(func() error { return check(op, f()) })
}

// Sgemm computes C = alpha*op(A)*op(B) + beta*C in float32; C is m×n.
func (h *Handle) Sgemm(ta, tb Op, m, n, k int, alpha float32, a hip.DevicePtr, lda int, b hip.DevicePtr, ldb int, beta float32, c hip.DevicePtr, ldc int) error {
	return h.do("hipblasSgemm", func() sym.HipblasStatus_t {
		return sym.HipblasSgemm(h.h, sym.HipblasOperation_t(ta), sym.HipblasOperation_t(tb), int32(m), int32(n), int32(k),
			&alpha, dev[float32](a), int32(lda), dev[float32](b), int32(ldb), &beta, dev[float32](c), int32(ldc))
	})
}

// Dgemm is Sgemm in float64.
func (h *Handle) Dgemm(ta, tb Op, m, n, k int, alpha float64, a hip.DevicePtr, lda int, b hip.DevicePtr, ldb int, beta float64, c hip.DevicePtr, ldc int) error {
	return h.do("hipblasDgemm", func() sym.HipblasStatus_t {
		return sym.HipblasDgemm(h.h, sym.HipblasOperation_t(ta), sym.HipblasOperation_t(tb), int32(m), int32(n), int32(k),
			&alpha, dev[float64](a), int32(lda), dev[float64](b), int32(ldb), &beta, dev[float64](c), int32(ldc))
	})
}

// Cgemm is Sgemm in complex64 (hipblasComplex has complex64's layout).
func (h *Handle) Cgemm(ta, tb Op, m, n, k int, alpha complex64, a hip.DevicePtr, lda int, b hip.DevicePtr, ldb int, beta complex64, c hip.DevicePtr, ldc int) error {
	return h.do("hipblasCgemm", func() sym.HipblasStatus_t {
		return sym.HipblasCgemm(h.h, sym.HipblasOperation_t(ta), sym.HipblasOperation_t(tb), int32(m), int32(n), int32(k),
			unsafe.Pointer(&alpha), devVoid(a), int32(lda), devVoid(b), int32(ldb), unsafe.Pointer(&beta), devVoid(c), int32(ldc))
	})
}

// Zgemm is Sgemm in complex128.
func (h *Handle) Zgemm(ta, tb Op, m, n, k int, alpha complex128, a hip.DevicePtr, lda int, b hip.DevicePtr, ldb int, beta complex128, c hip.DevicePtr, ldc int) error {
	return h.do("hipblasZgemm", func() sym.HipblasStatus_t {
		return sym.HipblasZgemm(h.h, sym.HipblasOperation_t(ta), sym.HipblasOperation_t(tb), int32(m), int32(n), int32(k),
			unsafe.Pointer(&alpha), devVoid(a), int32(lda), devVoid(b), int32(ldb), unsafe.Pointer(&beta), devVoid(c), int32(ldc))
	})
}

// Hgemm is Sgemm in float16, accumulating in float16; alpha and beta are
// rounded to float16.
func (h *Handle) Hgemm(ta, tb Op, m, n, k int, alpha float32, a hip.DevicePtr, lda int, b hip.DevicePtr, ldb int, beta float32, c hip.DevicePtr, ldc int) error {
	al, be := sym.HipblasHalf(toHalf(alpha)), sym.HipblasHalf(toHalf(beta))
	return h.do("hipblasHgemm", func() sym.HipblasStatus_t {
		return sym.HipblasHgemm(h.h, sym.HipblasOperation_t(ta), sym.HipblasOperation_t(tb), int32(m), int32(n), int32(k),
			&al, dev[sym.HipblasHalf](a), int32(lda), dev[sym.HipblasHalf](b), int32(ldb), &be, dev[sym.HipblasHalf](c), int32(ldc))
	})
}

// GemmEx computes C = alpha*op(A)*op(B) + beta*C with A and B of type ab
// (Float16, BFloat16, Float32) and C of type ct (Float32, or ab), always
// accumulating in float32.
func (h *Handle) GemmEx(ta, tb Op, m, n, k int, alpha float32, a hip.DevicePtr, ab DataType, lda int, b hip.DevicePtr, ldb int, beta float32, c hip.DevicePtr, ct DataType, ldc int) error {
	return h.GemmStridedBatchedEx(ta, tb, m, n, k, alpha, a, ab, lda, 0, b, ldb, 0, beta, c, ct, ldc, 0, 1)
}

func checkEx(ab, ct DataType) error {
	if ab < Float16 || ab > Float32 || ct < Float16 || ct > Float32 || ct != Float32 && ct != ab {
		return argErr("GemmEx", "unsupported types %d x %d -> %d (want f16/bf16/f32 inputs, f32 or input-typed output)", ab, ab, ct)
	}
	return nil
}

// GemmStridedBatchedEx runs batch GemmEx products; operand i starts at
// a + i*strideA elements (and so on).
func (h *Handle) GemmStridedBatchedEx(ta, tb Op, m, n, k int, alpha float32, a hip.DevicePtr, ab DataType, lda int, strideA int64, b hip.DevicePtr, ldb int, strideB int64, beta float32, c hip.DevicePtr, ct DataType, ldc int, strideC int64, batch int) error {
	if err := checkEx(ab, ct); err != nil {
		return err
	}
	opA, opB := sym.HipblasOperation_t(ta), sym.HipblasOperation_t(tb)
	pa, pb, pc := devVoid(a), devVoid(b), devVoid(c)
	al, be := unsafe.Pointer(&alpha), unsafe.Pointer(&beta)
	single := batch == 1 && strideA == 0 && strideB == 0 && strideC == 0
	return h.ctx.Do(func() error {
		switch {
		case h.gemmEx == gemmExLegacy && single:
			return check("hipblasGemmEx", sym.HipblasGemmEx(h.h, opA, opB, int32(m), int32(n), int32(k), al,
				pa, legacyTypes[ab], int32(lda), pb, legacyTypes[ab], int32(ldb), be, pc, legacyTypes[ct], int32(ldc), legacyCompute32F, gemmDefault))
		case h.gemmEx == gemmExLegacy:
			return check("hipblasGemmStridedBatchedEx", sym.HipblasGemmStridedBatchedEx(h.h, opA, opB, int32(m), int32(n), int32(k), al,
				pa, legacyTypes[ab], int32(lda), sym.HipblasStride(strideA), pb, legacyTypes[ab], int32(ldb), sym.HipblasStride(strideB),
				be, pc, legacyTypes[ct], int32(ldc), sym.HipblasStride(strideC), int32(batch), legacyCompute32F, gemmDefault))
		case h.gemmEx == gemmExV2Suffix && single:
			r, err := sym.HipblasGemmEx_v2(h.h, opA, opB, int32(m), int32(n), int32(k), al,
				pa, v2Types[ab], int32(lda), pb, v2Types[ab], int32(ldb), be, pc, v2Types[ct], int32(ldc), v2Compute32F, gemmDefault)
			return errors.Join(err, check("hipblasGemmEx_v2", r))
		case h.gemmEx == gemmExV2Suffix:
			r, err := sym.HipblasGemmStridedBatchedEx_v2(h.h, opA, opB, int32(m), int32(n), int32(k), al,
				pa, v2Types[ab], int32(lda), sym.HipblasStride(strideA), pb, v2Types[ab], int32(ldb), sym.HipblasStride(strideB),
				be, pc, v2Types[ct], int32(ldc), sym.HipblasStride(strideC), int32(batch), v2Compute32F, gemmDefault)
			return errors.Join(err, check("hipblasGemmStridedBatchedEx_v2", r))
		case single: // hipBLAS 3: the plain names take the new enums
			return check("hipblasGemmEx", sym.HipblasGemmEx(h.h, opA, opB, int32(m), int32(n), int32(k), al,
				pa, sym.HipblasDatatype_t(v2Types[ab]), int32(lda), pb, sym.HipblasDatatype_t(v2Types[ab]), int32(ldb), be,
				pc, sym.HipblasDatatype_t(v2Types[ct]), int32(ldc), v2Compute32F, gemmDefault))
		default:
			return check("hipblasGemmStridedBatchedEx", sym.HipblasGemmStridedBatchedEx(h.h, opA, opB, int32(m), int32(n), int32(k), al,
				pa, sym.HipblasDatatype_t(v2Types[ab]), int32(lda), sym.HipblasStride(strideA), pb, sym.HipblasDatatype_t(v2Types[ab]), int32(ldb),
				sym.HipblasStride(strideB), be, pc, sym.HipblasDatatype_t(v2Types[ct]), int32(ldc), sym.HipblasStride(strideC), int32(batch),
				v2Compute32F, gemmDefault))
		}
	})
}

// SgemmStridedBatched runs batch Sgemm products on strided operands.
func (h *Handle) SgemmStridedBatched(ta, tb Op, m, n, k int, alpha float32, a hip.DevicePtr, lda int, strideA int64, b hip.DevicePtr, ldb int, strideB int64, beta float32, c hip.DevicePtr, ldc int, strideC int64, batch int) error {
	return h.do("hipblasSgemmStridedBatched", func() sym.HipblasStatus_t {
		return sym.HipblasSgemmStridedBatched(h.h, sym.HipblasOperation_t(ta), sym.HipblasOperation_t(tb), int32(m), int32(n), int32(k),
			&alpha, dev[float32](a), int32(lda), sym.HipblasStride(strideA), dev[float32](b), int32(ldb), sym.HipblasStride(strideB),
			&beta, dev[float32](c), int32(ldc), sym.HipblasStride(strideC), int32(batch))
	})
}

// DgemmStridedBatched runs batch Dgemm products on strided operands.
func (h *Handle) DgemmStridedBatched(ta, tb Op, m, n, k int, alpha float64, a hip.DevicePtr, lda int, strideA int64, b hip.DevicePtr, ldb int, strideB int64, beta float64, c hip.DevicePtr, ldc int, strideC int64, batch int) error {
	return h.do("hipblasDgemmStridedBatched", func() sym.HipblasStatus_t {
		return sym.HipblasDgemmStridedBatched(h.h, sym.HipblasOperation_t(ta), sym.HipblasOperation_t(tb), int32(m), int32(n), int32(k),
			&alpha, dev[float64](a), int32(lda), sym.HipblasStride(strideA), dev[float64](b), int32(ldb), sym.HipblasStride(strideB),
			&beta, dev[float64](c), int32(ldc), sym.HipblasStride(strideC), int32(batch))
	})
}
