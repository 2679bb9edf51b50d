package linalg

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/cugo/cugo/array"
	"github.com/cugo/cugo/backend"
	"github.com/cugo/cugo/backend/cpu"
	"github.com/cugo/cugo/internal/gputest"
	"github.com/stretchr/testify/require"
)

// hermitianStack returns batch random n×n Hermitian positive-definite
// matrices of dt on d: M·Mᴴ + n·I.
func hermitianStack(d *array.Device, r *rand.Rand, dt array.DType, batch, n int) *array.Array {
	host := make([]complex128, batch*n*n)
	for i := range host {
		host[i] = complex(r.NormFloat64(), 0)
		if dt.Kind() == array.Complex64.Kind() {
			host[i] += complex(0, r.NormFloat64())
		}
	}
	m := array.FromSliceOn(d, host, batch, n, n)
	eye := d.Identity(n, array.Complex128).Mul(float64(n))
	h := m.Matmul(adjoint(m)).Add(eye)
	if dt.Kind() != array.Complex64.Kind() {
		h = array.Real(h)
	}
	return h.AsType(dt)
}

// TestSmallStacksCUDA runs Cholesky and Eigh on stacks on both sides of
// the batched routines' threshold (many matrices of side <= 32 go through
// potrfBatched and syevjBatched; a single matrix or larger sides through
// a call per matrix) and compares them with the CPU backend; a stack with
// one indefinite matrix names it.
func TestSmallStacksCUDA(t *testing.T) {
	b, err := backend.Open("cuda", 0)
	gputest.Need(t, "cuda", err)
	gpu, host := array.On(b), array.On(cpu.New(0))
	r := rand.New(rand.NewPCG(18, 4))
	for _, dt := range []array.DType{array.Float32, array.Float64, array.Complex64, array.Complex128} {
		for _, c := range []struct{ batch, n int }{{1, 8}, {2, 8}, {1000, 8}, {100, 32}, {5, 33}, {64, 1}} {
			name := fmt.Sprintf("%v_%dx%d", dt, c.batch, c.n)
			a := hermitianStack(host, r, dt, c.batch, c.n)
			ag := a.To(b)
			tol := tolerance(dt)
			requireClose(t, Cholesky(a, false), Cholesky(ag, false).To(host.Backend()), tol, name+": Cholesky")
			requireClose(t, Cholesky(a, true), Cholesky(ag, true).To(host.Backend()), tol, name+": upper Cholesky")
			for _, uplo := range []string{"L", "U"} {
				w, v := Eigh(ag, uplo)
				require.NoError(t, v.Err(), name)
				requireClose(t, Eigvalsh(a, uplo), w.To(host.Backend()), tol, name+": eigenvalues "+uplo)
				requireClose(t, Eigvalsh(a, uplo), Eigvalsh(ag, uplo).To(host.Backend()), tol, name+": Eigvalsh "+uplo)
				x, vc := ag.AsType(array.Complex128), v.AsType(array.Complex128)
				requireClose(t, x.Matmul(vc), vc.Mul(w.ExpandDims(-2)), tol*float64(c.n), name+": A @ v == v * w")
			}
		}
	}
	bad := hermitianStack(gpu, r, array.Float64, 500, 8)
	require.NoError(t, bad.Index(array.I(321), array.I(0), array.I(0)).Set(-1000))
	require.ErrorIs(t, Cholesky(bad, false).Err(), ErrNotPositiveDefinite)
	require.ErrorContains(t, Cholesky(bad, false).Err(), "(matrix [321] of the stack)")
}
