// Package hipblas is the Go API of AMD's hipBLAS, loaded at run time
// without cgo: GEMM in every precision, GemmEx with f16/bf16 inputs and
// f32 accumulation, strided batched GEMM, and batched LU (getrf, getrs,
// getri) of stacks of small matrices. It binds fewer routines than
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

// DataType is an element type of GemmEx's operands, numbered as
// hipDataType (and cudaDataType) number them.
type DataType int32

// Element types GemmEx takes.
const (
	R32F  DataType = 0
	R64F  DataType = 1
	R16F  DataType = 2
	R16BF DataType = 14
)

// legacyTypes are the hipblasDatatype_t values (ROCm 5/6 hipblasGemmEx)
// of the element types.
var legacyTypes = map[DataType]sym.HipblasDatatype_t{R16F: 150, R16BF: 168, R32F: 151, R64F: 152}

// Operand is a GemmEx matrix: its address, element type, leading dimension
// and, for the batched call, the distance between matrices in elements.
type Operand struct {
	Ptr    hip.DevicePtr
	Type   DataType
	LD     int
	Stride int64
}

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

// load opens hipBLAS; its error says why where the library is absent.
func load() error {
	_, err := sym.Load()
	return err
}

// New creates a handle on ctx's device, with host pointer mode.
func New(ctx *hip.Context) (*Handle, error) {
	if err := load(); err != nil {
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

// Elem is an element type hipBLAS's typed GEMM takes: S, D, C and Z.
type Elem interface {
	float32 | float64 | complex64 | complex128
}

// Real is an element type of the strided batched GEMM that is bound: S and
// D.
type Real interface{ float32 | float64 }

func ops(ta, tb Op) (sym.HipblasOperation_t, sym.HipblasOperation_t) {
	return sym.HipblasOperation_t(ta), sym.HipblasOperation_t(tb)
}

// Gemm computes C = alpha·op(A)·op(B) + beta·C with C m×n and k the inner
// size.
func Gemm[T Elem](h *Handle, ta, tb Op, m, n, k int, alpha T, a hip.DevicePtr, lda int,
	b hip.DevicePtr, ldb int, beta T, c hip.DevicePtr, ldc int) error {
	opA, opB := ops(ta, tb)
	M, N, K, LDA, LDB, LDC := int32(m), int32(n), int32(k), int32(lda), int32(ldb), int32(ldc)
	switch al := any(alpha).(type) {
	case float32:
		be := any(beta).(float32)
		return h.do("hipblasSgemm", func() sym.HipblasStatus_t {
			return sym.HipblasSgemm(h.h, opA, opB, M, N, K, &al, dev[float32](a), LDA, dev[float32](b), LDB, &be, dev[float32](c), LDC)
		})
	case float64:
		be := any(beta).(float64)
		return h.do("hipblasDgemm", func() sym.HipblasStatus_t {
			return sym.HipblasDgemm(h.h, opA, opB, M, N, K, &al, dev[float64](a), LDA, dev[float64](b), LDB, &be, dev[float64](c), LDC)
		})
	case complex64: // hipblasComplex has complex64's layout
		be := any(beta).(complex64)
		return h.do("hipblasCgemm", func() sym.HipblasStatus_t {
			return sym.HipblasCgemm(h.h, opA, opB, M, N, K, unsafe.Pointer(&al), devVoid(a), LDA, devVoid(b), LDB, unsafe.Pointer(&be), devVoid(c), LDC)
		})
	}
	al, be := any(alpha).(complex128), any(beta).(complex128)
	return h.do("hipblasZgemm", func() sym.HipblasStatus_t {
		return sym.HipblasZgemm(h.h, opA, opB, M, N, K, unsafe.Pointer(&al), devVoid(a), LDA, devVoid(b), LDB, unsafe.Pointer(&be), devVoid(c), LDC)
	})
}

// Hgemm is Gemm on float16 matrices, accumulating in float16; alpha and
// beta are rounded to float16. GemmEx accumulates in float32.
func Hgemm(h *Handle, ta, tb Op, m, n, k int, alpha float32, a hip.DevicePtr, lda int,
	b hip.DevicePtr, ldb int, beta float32, c hip.DevicePtr, ldc int) error {
	opA, opB := ops(ta, tb)
	al, be := sym.HipblasHalf(toHalf(alpha)), sym.HipblasHalf(toHalf(beta))
	return h.do("hipblasHgemm", func() sym.HipblasStatus_t {
		return sym.HipblasHgemm(h.h, opA, opB, int32(m), int32(n), int32(k),
			&al, dev[sym.HipblasHalf](a), int32(lda), dev[sym.HipblasHalf](b), int32(ldb), &be, dev[sym.HipblasHalf](c), int32(ldc))
	})
}

// GemmStridedBatched runs batch GEMMs; matrix i of A starts at
// a + i·strideA elements (a stride of 0 repeats one matrix).
func GemmStridedBatched[T Real](h *Handle, ta, tb Op, m, n, k int, alpha T, a hip.DevicePtr, lda int, strideA int64,
	b hip.DevicePtr, ldb int, strideB int64, beta T, c hip.DevicePtr, ldc int, strideC int64, batch int) error {
	opA, opB := ops(ta, tb)
	M, N, K, LDA, LDB, LDC := int32(m), int32(n), int32(k), int32(lda), int32(ldb), int32(ldc)
	sa, sb, sc := sym.HipblasStride(strideA), sym.HipblasStride(strideB), sym.HipblasStride(strideC)
	if al, ok := any(alpha).(float32); ok {
		be := any(beta).(float32)
		return h.do("hipblasSgemmStridedBatched", func() sym.HipblasStatus_t {
			return sym.HipblasSgemmStridedBatched(h.h, opA, opB, M, N, K, &al, dev[float32](a), LDA, sa,
				dev[float32](b), LDB, sb, &be, dev[float32](c), LDC, sc, int32(batch))
		})
	}
	al, be := any(alpha).(float64), any(beta).(float64)
	return h.do("hipblasDgemmStridedBatched", func() sym.HipblasStatus_t {
		return sym.HipblasDgemmStridedBatched(h.h, opA, opB, M, N, K, &al, dev[float64](a), LDA, sa,
			dev[float64](b), LDB, sb, &be, dev[float64](c), LDC, sc, int32(batch))
	})
}

// GemmEx computes C = alpha·op(A)·op(B) + beta·C with A and B of one type
// (R16F, R16BF, R32F) and C of R32F or that type, always accumulating in
// float32; alpha and beta are rounded to float32.
func GemmEx(h *Handle, ta, tb Op, m, n, k int, alpha float64, a, b Operand, beta float64, c Operand) error {
	return GemmStridedBatchedEx(h, ta, tb, m, n, k, alpha, a, b, beta, c, 1)
}

func checkEx(a, b, c DataType) error {
	if _, ok := legacyTypes[a]; !ok || a == R64F || b != a || c != R32F && c != a {
		return argErr("hipblasGemmEx", "unsupported types %v x %v -> %v (want f16/bf16/f32 inputs, f32 or input-typed output)", a, b, c)
	}
	return nil
}

// GemmStridedBatchedEx is GemmEx over batch matrices spaced by each
// operand's Stride.
func GemmStridedBatchedEx(h *Handle, ta, tb Op, m, n, k int, alpha float64, a, b Operand, beta float64, c Operand, batch int) error {
	if err := checkEx(a.Type, b.Type, c.Type); err != nil {
		return err
	}
	opA, opB := ops(ta, tb)
	M, N, K := int32(m), int32(n), int32(k)
	pa, pb, pc := devVoid(a.Ptr), devVoid(b.Ptr), devVoid(c.Ptr)
	alpha32, beta32 := float32(alpha), float32(beta)
	al, be := unsafe.Pointer(&alpha32), unsafe.Pointer(&beta32)
	sa, sb, sc := sym.HipblasStride(a.Stride), sym.HipblasStride(b.Stride), sym.HipblasStride(c.Stride)
	lda, ldb, ldc := int32(a.LD), int32(b.LD), int32(c.LD)
	single := batch == 1 && a.Stride == 0 && b.Stride == 0 && c.Stride == 0
	// The new enums: hipDataType, under the _v2 names or, in hipBLAS 3,
	// the plain ones.
	ta2, tb2, tc2 := sym.HipDataType(a.Type), sym.HipDataType(b.Type), sym.HipDataType(c.Type)
	return h.ctx.Do(func() error {
		switch {
		case h.gemmEx == gemmExLegacy && single:
			return check("hipblasGemmEx", sym.HipblasGemmEx(h.h, opA, opB, M, N, K, al,
				pa, legacyTypes[a.Type], lda, pb, legacyTypes[b.Type], ldb, be, pc, legacyTypes[c.Type], ldc, legacyCompute32F, gemmDefault))
		case h.gemmEx == gemmExLegacy:
			return check("hipblasGemmStridedBatchedEx", sym.HipblasGemmStridedBatchedEx(h.h, opA, opB, M, N, K, al,
				pa, legacyTypes[a.Type], lda, sa, pb, legacyTypes[b.Type], ldb, sb,
				be, pc, legacyTypes[c.Type], ldc, sc, int32(batch), legacyCompute32F, gemmDefault))
		case h.gemmEx == gemmExV2Suffix && single:
			r, err := sym.HipblasGemmEx_v2(h.h, opA, opB, M, N, K, al,
				pa, ta2, lda, pb, tb2, ldb, be, pc, tc2, ldc, v2Compute32F, gemmDefault)
			return errors.Join(err, check("hipblasGemmEx_v2", r))
		case h.gemmEx == gemmExV2Suffix:
			r, err := sym.HipblasGemmStridedBatchedEx_v2(h.h, opA, opB, M, N, K, al,
				pa, ta2, lda, sa, pb, tb2, ldb, sb, be, pc, tc2, ldc, sc, int32(batch), v2Compute32F, gemmDefault)
			return errors.Join(err, check("hipblasGemmStridedBatchedEx_v2", r))
		case single:
			return check("hipblasGemmEx", sym.HipblasGemmEx(h.h, opA, opB, M, N, K, al,
				pa, sym.HipblasDatatype_t(ta2), lda, pb, sym.HipblasDatatype_t(tb2), ldb, be,
				pc, sym.HipblasDatatype_t(tc2), ldc, v2Compute32F, gemmDefault))
		default:
			return check("hipblasGemmStridedBatchedEx", sym.HipblasGemmStridedBatchedEx(h.h, opA, opB, M, N, K, al,
				pa, sym.HipblasDatatype_t(ta2), lda, sa, pb, sym.HipblasDatatype_t(tb2), ldb, sb,
				be, pc, sym.HipblasDatatype_t(tc2), ldc, sc, int32(batch), v2Compute32F, gemmDefault))
		}
	})
}
