package hip

import (
	"fmt"

	"github.com/cugo/cugo/backend"
	"github.com/cugo/cugo/backend/gpu"
	"github.com/cugo/cugo/backend/gpu/blasplan"
	"github.com/cugo/cugo/dtype"
	"github.com/cugo/cugo/hip"
	"github.com/cugo/cugo/libs/hipblas"
)

// NewBLAS creates a hipBLAS handle on the device, on the null stream.
func (d *device) NewBLAS() (gpu.Gemmer, error) {
	h, err := hipblas.New(d.ctx)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", backend.ErrUnavailable, err)
	}
	if err := h.SetStream(d.stream); err != nil {
		h.Close()
		return nil, err
	}
	return gemmer{h}, nil
}

// gemmer runs blasplan plans through a hipBLAS handle, as gpu.Gemmer.
type gemmer struct{ h *hipblas.Handle }

// Matmul runs the plan on the handle's stream: float32 and float64 through
// ?gemm (strided batched when the plan batches), complex64 and complex128
// through Cgemm and Zgemm, one call per product of the batch (the
// strided-batched complex routines are not bound), float16 and bfloat16
// through GemmEx with float32 accumulation. a, b and c are the caller's
// operands, in the order the plan was made for.
func (g gemmer) Matmul(p blasplan.Plan, alpha, beta float64, a, b, c gpu.Ptr) error {
	if p.Batch < 1 {
		return fmt.Errorf("hipblas matmul: plan batch %d: %w", p.Batch, hipblas.ErrInvalidValue)
	}
	first, second := hip.DevicePtr(a), hip.DevicePtr(b)
	if p.SwapAB {
		first, second = second, first
	}
	C := hip.DevicePtr(c)
	ta, tb := hipblasOp(p.TransA), hipblasOp(p.TransB)
	sa, sb, sc := int64(p.StrideA), int64(p.StrideB), int64(p.StrideC)
	h := g.h
	switch p.DType {
	case dtype.Float32:
		if p.Batch == 1 {
			return hipblas.Gemm(h, ta, tb, p.M, p.N, p.K, float32(alpha), first, p.LDA, second, p.LDB, float32(beta), C, p.LDC)
		}
		return hipblas.GemmStridedBatched(h, ta, tb, p.M, p.N, p.K, float32(alpha), first, p.LDA, sa, second, p.LDB, sb, float32(beta), C, p.LDC, sc, p.Batch)
	case dtype.Float64:
		if p.Batch == 1 {
			return hipblas.Gemm(h, ta, tb, p.M, p.N, p.K, alpha, first, p.LDA, second, p.LDB, beta, C, p.LDC)
		}
		return hipblas.GemmStridedBatched(h, ta, tb, p.M, p.N, p.K, alpha, first, p.LDA, sa, second, p.LDB, sb, beta, C, p.LDC, sc, p.Batch)
	case dtype.Complex64, dtype.Complex128:
		size := hip.DevicePtr(p.DType.Size())
		for i := range hip.DevicePtr(p.Batch) {
			pa, pb, pc := first+i*size*hip.DevicePtr(sa), second+i*size*hip.DevicePtr(sb), C+i*size*hip.DevicePtr(sc)
			var err error
			if p.DType == dtype.Complex64 {
				err = hipblas.Gemm(h, ta, tb, p.M, p.N, p.K, complex64(complex(alpha, 0)), pa, p.LDA, pb, p.LDB, complex64(complex(beta, 0)), pc, p.LDC)
			} else {
				err = hipblas.Gemm(h, ta, tb, p.M, p.N, p.K, complex(alpha, 0), pa, p.LDA, pb, p.LDB, complex(beta, 0), pc, p.LDC)
			}
			if err != nil {
				return err
			}
		}
		return nil
	case dtype.Float16, dtype.BFloat16:
		t := hipblas.R16F
		if p.DType == dtype.BFloat16 {
			t = hipblas.R16BF
		}
		A := hipblas.Operand{Ptr: first, Type: t, LD: p.LDA, Stride: sa}
		B := hipblas.Operand{Ptr: second, Type: t, LD: p.LDB, Stride: sb}
		Cop := hipblas.Operand{Ptr: C, Type: t, LD: p.LDC, Stride: sc}
		return hipblas.GemmStridedBatchedEx(h, ta, tb, p.M, p.N, p.K, alpha, A, B, beta, Cop, p.Batch)
	}
	return fmt.Errorf("hipblas matmul: element type %v: %w", p.DType, hipblas.ErrInvalidValue)
}

func hipblasOp(t blasplan.Trans) hipblas.Op {
	if t == blasplan.Transpose {
		return hipblas.Trans
	}
	return hipblas.NoTrans
}
