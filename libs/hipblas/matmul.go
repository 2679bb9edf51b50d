package hipblas

import (
	"github.com/cugo/cugo/hip"
	"github.com/cugo/cugo/libs/blas"
)

var _ blas.Gemmer = (*Handle)(nil)

// Matmul runs a plan of blas.PlanMatmul on the handle's stream: float32 and
// float64 through ?gemm (strided batched when the plan batches), complex64
// and complex128 through Cgemm and Zgemm, one call per product of the batch
// (the strided-batched complex routines are not bound), float16 and
// bfloat16 through GemmEx with float32 accumulation. a, b and c are the
// caller's operands, in the order the plan was made for.
func (h *Handle) Matmul(p blas.Plan, alpha, beta float64, a, b, c blas.DevicePtr) error {
	if p.Batch < 1 {
		return argErr("Matmul", "plan batch %d", p.Batch)
	}
	first, second := hip.DevicePtr(a), hip.DevicePtr(b)
	if p.SwapAB {
		first, second = second, first
	}
	C := hip.DevicePtr(c)
	ta, tb := op(p.TransA), op(p.TransB)
	sa, sb, sc := int64(p.StrideA), int64(p.StrideB), int64(p.StrideC)
	switch p.DType {
	case blas.Float32:
		if p.Batch == 1 {
			return h.Sgemm(ta, tb, p.M, p.N, p.K, float32(alpha), first, p.LDA, second, p.LDB, float32(beta), C, p.LDC)
		}
		return h.SgemmStridedBatched(ta, tb, p.M, p.N, p.K, float32(alpha), first, p.LDA, sa, second, p.LDB, sb, float32(beta), C, p.LDC, sc, p.Batch)
	case blas.Float64:
		if p.Batch == 1 {
			return h.Dgemm(ta, tb, p.M, p.N, p.K, alpha, first, p.LDA, second, p.LDB, beta, C, p.LDC)
		}
		return h.DgemmStridedBatched(ta, tb, p.M, p.N, p.K, alpha, first, p.LDA, sa, second, p.LDB, sb, beta, C, p.LDC, sc, p.Batch)
	case blas.Complex64, blas.Complex128:
		size := hip.DevicePtr(p.DType.Size())
		for i := range hip.DevicePtr(p.Batch) {
			pa, pb, pc := first+i*size*hip.DevicePtr(sa), second+i*size*hip.DevicePtr(sb), C+i*size*hip.DevicePtr(sc)
			var err error
			if p.DType == blas.Complex64 {
				err = h.Cgemm(ta, tb, p.M, p.N, p.K, complex64(complex(alpha, 0)), pa, p.LDA, pb, p.LDB, complex64(complex(beta, 0)), pc, p.LDC)
			} else {
				err = h.Zgemm(ta, tb, p.M, p.N, p.K, complex(alpha, 0), pa, p.LDA, pb, p.LDB, complex(beta, 0), pc, p.LDC)
			}
			if err != nil {
				return err
			}
		}
		return nil
	case blas.Float16, blas.BFloat16:
		t := Float16
		if p.DType == blas.BFloat16 {
			t = BFloat16
		}
		return h.GemmStridedBatchedEx(ta, tb, p.M, p.N, p.K, float32(alpha), first, t, p.LDA, sa, second, p.LDB, sb,
			float32(beta), C, t, p.LDC, sc, p.Batch)
	}
	return argErr("Matmul", "element type %v", p.DType)
}

func op(t blas.Trans) Op {
	if t == blas.Transpose {
		return Trans
	}
	return NoTrans
}
