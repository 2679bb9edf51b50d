package hipblas

import (
	"errors"
	"testing"

	"github.com/cugo/cugo/libs/blas"
)

func TestMatmulRejectsBadPlans(t *testing.T) {
	h := &Handle{}
	for _, p := range []blas.Plan{{DType: blas.Float32}, {DType: 0, Batch: 1}} {
		if err := h.Matmul(p, 1, 0, 0, 0, 0); !errors.Is(err, ErrInvalidValue) {
			t.Errorf("Matmul(%+v) = %v, want ErrInvalidValue", p, err)
		}
	}
}

// TestMatmulRowMajor runs planned row-major products (a transposed a, a
// batch of two) in float32, float64 and complex128 against refGemm
// (float32: 1e-5, float64: 1e-12, relative).
func TestMatmulRowMajor(t *testing.T) {
	c, h := setup(t)
	const m, n, k, batch = 7, 5, 6, 2
	av, bv := randoms(batch*m*k), randoms(batch*k*n)
	// want: row-major C = A·B per batch; refGemm is column-major, so
	// C^T = B^T·A^T with the row-major arrays read as column-major.
	want := make([]float64, 0, batch*m*n)
	for i := range batch {
		want = append(want, refGemm(n, m, k, 1, bv[i*k*n:(i+1)*k*n], av[i*m*k:(i+1)*m*k], 0, make([]float64, m*n))...)
	}
	am := blas.Matrix{Rows: m, Cols: k, RowStride: k, ColStride: 1, BatchStride: m * k}
	bm := blas.Matrix{Rows: k, Cols: n, RowStride: n, ColStride: 1, BatchStride: k * n}
	cm := blas.Matrix{Rows: m, Cols: n, RowStride: n, ColStride: 1, BatchStride: m * n}
	for _, dt := range []blas.DType{blas.Float32, blas.Float64, blas.Complex128} {
		p, err := blas.PlanMatmul(dt, am, bm, cm, batch)
		if err != nil {
			t.Fatal(err)
		}
		switch dt {
		case blas.Float32:
			pc := upload(t, c, make([]float32, batch*m*n))
			if err := h.Matmul(p, 1, 0, blas.DevicePtr(upload(t, c, conv[float32](av))), blas.DevicePtr(upload(t, c, conv[float32](bv))), blas.DevicePtr(pc)); err != nil {
				t.Fatal(err)
			}
			closeAll(t, "float32", download[float32](t, c, pc, batch*m*n), want, 1e-5)
		case blas.Float64:
			pc := upload(t, c, make([]float64, batch*m*n))
			if err := h.Matmul(p, 1, 0, blas.DevicePtr(upload(t, c, av)), blas.DevicePtr(upload(t, c, bv)), blas.DevicePtr(pc)); err != nil {
				t.Fatal(err)
			}
			closeAll(t, "float64", download[float64](t, c, pc, batch*m*n), want, 1e-12)
		case blas.Complex128:
			cx := func(v []float64) []complex128 {
				out := make([]complex128, len(v))
				for i, x := range v {
					out[i] = complex(x, 0)
				}
				return out
			}
			pc := upload(t, c, make([]complex128, batch*m*n))
			if err := h.Matmul(p, 1, 0, blas.DevicePtr(upload(t, c, cx(av))), blas.DevicePtr(upload(t, c, cx(bv))), blas.DevicePtr(pc)); err != nil {
				t.Fatal(err)
			}
			got := download[complex128](t, c, pc, batch*m*n)
			re := make([]float64, len(got))
			for i, z := range got {
				re[i] = real(z)
				if imag(z) != 0 {
					t.Fatalf("complex128[%d] = %v: a product of real matrices has an imaginary part", i, z)
				}
			}
			closeAll(t, "complex128", re, want, 1e-12)
		}
	}
}
