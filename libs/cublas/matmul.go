package cublas

import (
	"github.com/cugo/cugo/driver"
	"github.com/cugo/cugo/libs/blas"
)

var _ blas.Gemmer = (*Handle)(nil)

// Matmul runs a plan of blas.PlanMatmul on the handle's stream: float32,
// float64, complex64 and complex128 through ?gemm (float32 honours the math
// mode: TF32 only when opted in), float16 and bfloat16 through GemmEx with
// float32 accumulation. a, b and c are the caller's operands, in the order
// the plan was made for.
func (h *Handle) Matmul(p blas.Plan, alpha, beta float64, a, b, c blas.DevicePtr) error {
	if p.Batch < 1 {
		return argErr("Matmul", "plan batch %d", p.Batch)
	}
	first, second := driver.DevicePtr(a), driver.DevicePtr(b)
	if p.SwapAB {
		first, second = second, first
	}
	C := driver.DevicePtr(c)
	ta, tb := op(p.TransA), op(p.TransB)
	sa, sb, sc := int64(p.StrideA), int64(p.StrideB), int64(p.StrideC)
	switch p.DType {
	case blas.Float32:
		return typedMatmul(h, p, ta, tb, float32(alpha), float32(beta), first, second, C, sa, sb, sc)
	case blas.Float64:
		return typedMatmul(h, p, ta, tb, alpha, beta, first, second, C, sa, sb, sc)
	case blas.Complex64:
		return typedMatmul(h, p, ta, tb, complex64(complex(alpha, 0)), complex64(complex(beta, 0)), first, second, C, sa, sb, sc)
	case blas.Complex128:
		return typedMatmul(h, p, ta, tb, complex(alpha, 0), complex(beta, 0), first, second, C, sa, sb, sc)
	case blas.Float16, blas.BFloat16:
		t := R16F
		if p.DType == blas.BFloat16 {
			t = R16BF
		}
		A := Operand{Ptr: first, Type: t, LD: p.LDA, Stride: sa}
		B := Operand{Ptr: second, Type: t, LD: p.LDB, Stride: sb}
		Cop := Operand{Ptr: C, Type: t, LD: p.LDC, Stride: sc}
		if p.Batch == 1 {
			return GemmEx(h, ta, tb, p.M, p.N, p.K, alpha, A, B, beta, Cop, Compute32F)
		}
		return GemmStridedBatchedEx(h, ta, tb, p.M, p.N, p.K, alpha, A, B, beta, Cop, Compute32F, p.Batch)
	}
	return argErr("Matmul", "element type %v", p.DType)
}

func typedMatmul[T Elem](h *Handle, p blas.Plan, ta, tb Op, alpha, beta T, a, b, c driver.DevicePtr, sa, sb, sc int64) error {
	if p.Batch == 1 {
		return Gemm(h, ta, tb, p.M, p.N, p.K, alpha, a, p.LDA, b, p.LDB, beta, c, p.LDC)
	}
	return GemmStridedBatched(h, ta, tb, p.M, p.N, p.K, alpha, a, p.LDA, sa, b, p.LDB, sb, beta, c, p.LDC, sc, p.Batch)
}

func op(t blas.Trans) Op {
	if t == blas.Transpose {
		return Trans
	}
	return NoTrans
}
