package linalg

import (
	"math/rand/v2"
	"testing"

	"github.com/cugo/cugo/array"
	"github.com/cugo/cugo/backend"
	"github.com/cugo/cugo/internal/gputest"
	"github.com/cugo/cugo/libs/cusolver"
	"github.com/stretchr/testify/require"
)

// TestEigComplexCUDA checks cuSOLVER's Xgeev on random complex stacks
// (TestNumPyMoreCUDA compares it with NumPy): A @ v == v * w, unit
// vectors, and the eigenvalues of Eigvals equal to Eig's.
func TestEigComplexCUDA(t *testing.T) {
	b, err := backend.Open("cuda", 0)
	gputest.Need(t, "cuda", err)
	if major, minor, _, err := cusolver.Version(); err != nil || major < 11 || major == 11 && minor < 7 {
		t.Skipf("cusolverDnXgeev needs cuSOLVER 11.7 (CUDA 12.6): %d.%d, %v", major, minor, err)
	}
	d := array.On(b)
	r := rand.New(rand.NewPCG(18, 3))
	for _, dt := range []array.DType{array.Complex64, array.Complex128} {
		for _, shape := range [][]int{{1, 1}, {6, 6}, {3, 5, 5}, {40, 40}} {
			n := 1
			for _, s := range shape {
				n *= s
			}
			host := make([]complex128, n)
			for i := range host {
				host[i] = complex(r.NormFloat64(), r.NormFloat64())
			}
			a := array.FromSliceOn(d, host, shape...).AsType(dt)
			w, v := Eig(a)
			require.NoError(t, v.Err())
			require.Equal(t, dt, w.DType())
			x, vc := a.AsType(array.Complex128), v.AsType(array.Complex128)
			tol := tolerance(dt)
			requireClose(t, x.Matmul(vc), vc.Mul(w.ExpandDims(-2)), tol, "A @ v == v * w")
			requireClose(t, d.Ones(array.Float64, w.Shape()...), Norm(vc, Axes(-2)), tol, "unit vectors")
			requireClose(t, sortedLast(t, w), sortedLast(t, Eigvals(a)), tol, "Eigvals == Eig's w")
		}
	}
}
