package cuda

import (
	"fmt"

	"github.com/cugo/cugo/backend"
	"github.com/cugo/cugo/backend/gpu"
	"github.com/cugo/cugo/backend/gpu/blasplan"
	"github.com/cugo/cugo/driver"
	"github.com/cugo/cugo/dtype"
	"github.com/cugo/cugo/libs/cublas"
)

// NewBLAS creates a cuBLAS handle in the context, on the stream.
func (d *device) NewBLAS() (gpu.Gemmer, error) {
	h, err := cublas.New(d.ctx)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", backend.ErrUnavailable, err)
	}
	if err := h.SetStream(d.stream); err != nil {
		h.Close()
		return nil, err
	}
	return gemmer{h}, nil
}

// gemmer runs blasplan plans through a cuBLAS handle, as gpu.Gemmer.
type gemmer struct{ h *cublas.Handle }

// Matmul runs the plan on the handle's stream: float32, float64, complex64
// and complex128 through ?gemm (float32 honours the math mode: TF32 only
// when opted in), float16 and bfloat16 through GemmEx with float32
// accumulation. a, b and c are the caller's operands, in the order the plan
// was made for.
func (g gemmer) Matmul(p blasplan.Plan, alpha, beta float64, a, b, c gpu.Ptr) error {
	if p.Batch < 1 {
		return fmt.Errorf("cublas matmul: plan batch %d: %w", p.Batch, cublas.ErrInvalidValue)
	}
	first, second := driver.DevicePtr(a), driver.DevicePtr(b)
	if p.SwapAB {
		first, second = second, first
	}
	C := driver.DevicePtr(c)
	ta, tb := cublasOp(p.TransA), cublasOp(p.TransB)
	sa, sb, sc := int64(p.StrideA), int64(p.StrideB), int64(p.StrideC)
	h := g.h
	switch p.DType {
	case dtype.Float32:
		return typedGemm(h, p, ta, tb, float32(alpha), float32(beta), first, second, C, sa, sb, sc)
	case dtype.Float64:
		return typedGemm(h, p, ta, tb, alpha, beta, first, second, C, sa, sb, sc)
	case dtype.Complex64:
		return typedGemm(h, p, ta, tb, complex64(complex(alpha, 0)), complex64(complex(beta, 0)), first, second, C, sa, sb, sc)
	case dtype.Complex128:
		return typedGemm(h, p, ta, tb, complex(alpha, 0), complex(beta, 0), first, second, C, sa, sb, sc)
	case dtype.Float16, dtype.BFloat16:
		t := cublas.R16F
		if p.DType == dtype.BFloat16 {
			t = cublas.R16BF
		}
		A := cublas.Operand{Ptr: first, Type: t, LD: p.LDA, Stride: sa}
		B := cublas.Operand{Ptr: second, Type: t, LD: p.LDB, Stride: sb}
		Cop := cublas.Operand{Ptr: C, Type: t, LD: p.LDC, Stride: sc}
		if p.Batch == 1 {
			return cublas.GemmEx(h, ta, tb, p.M, p.N, p.K, alpha, A, B, beta, Cop, cublas.Compute32F)
		}
		return cublas.GemmStridedBatchedEx(h, ta, tb, p.M, p.N, p.K, alpha, A, B, beta, Cop, cublas.Compute32F, p.Batch)
	}
	return fmt.Errorf("cublas matmul: element type %v: %w", p.DType, cublas.ErrInvalidValue)
}

func typedGemm[T cublas.Elem](h *cublas.Handle, p blasplan.Plan, ta, tb cublas.Op, alpha, beta T, a, b, c driver.DevicePtr, sa, sb, sc int64) error {
	if p.Batch == 1 {
		return cublas.Gemm(h, ta, tb, p.M, p.N, p.K, alpha, a, p.LDA, b, p.LDB, beta, c, p.LDC)
	}
	return cublas.GemmStridedBatched(h, ta, tb, p.M, p.N, p.K, alpha, a, p.LDA, sa, b, p.LDB, sb, beta, c, p.LDC, sc, p.Batch)
}

func cublasOp(t blasplan.Trans) cublas.Op {
	if t == blasplan.Transpose {
		return cublas.Trans
	}
	return cublas.NoTrans
}
