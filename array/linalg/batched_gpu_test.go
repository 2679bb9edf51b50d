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
// matrices of dt on d: M·Mᴴ + n·I, M a generalStack.
func hermitianStack(d *array.Device, r *rand.Rand, dt array.DType, batch, n int) *array.Array {
	m := generalStack(d, r, dt, batch, n, n).AsType(array.Complex128)
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

// TestSmallLUStacksCUDA runs Solve, Inv, Det and Slogdet on stacks on
// both sides of the batched LU's threshold (many matrices of side <= 32
// go through cuBLAS's getrfBatched and getrsBatched; a single matrix or
// larger sides through cuSOLVER's getrf per matrix) and compares them with
// the CPU backend; a singular matrix in a stack is named, and its
// determinant is zero.
func TestSmallLUStacksCUDA(t *testing.T) { testSmallLUStacks(t, "cuda") }

// TestSmallLUStacksHIP is TestSmallLUStacksCUDA through hipBLAS.
func TestSmallLUStacksHIP(t *testing.T) { testSmallLUStacks(t, "hip") }

func testSmallLUStacks(t *testing.T, kind string) {
	b, err := backend.Open(kind, 0)
	gputest.Need(t, kind, err)
	gpu, host := array.On(b), array.On(cpu.New(0))
	r := rand.New(rand.NewPCG(18, 11))
	back := func(x *array.Array) *array.Array { return x.To(host.Backend()) }
	for _, dt := range []array.DType{array.Float32, array.Float64, array.Complex64, array.Complex128} {
		for _, c := range []struct{ batch, n int }{{1, 8}, {2, 8}, {1000, 8}, {100, 32}, {5, 33}, {64, 1}, {3, 0}} {
			name := fmt.Sprintf("%v_%dx%d", dt, c.batch, c.n)
			a, rhs := generalStack(host, r, dt, c.batch, c.n, c.n), generalStack(host, r, dt, c.batch, c.n, c.n).Index(array.Ellipsis, array.S(0, min(c.n, 3)))
			vec := generalStack(host, r, dt, 1, c.n, 1).Reshape(c.n)
			ag, rhsg, vecg := a.To(b), rhs.To(b), vec.To(b)
			tol := tolerance(dt) * max(1, float64(c.n)/8)
			requireClose(t, Solve(a, rhs), back(Solve(ag, rhsg)), tol, name+": Solve")
			requireClose(t, Solve(a, vec), back(Solve(ag, vecg)), tol, name+": Solve of a broadcast vector")
			requireClose(t, Inv(a), back(Inv(ag)), tol, name+": Inv")
			requireClose(t, Det(a), back(Det(ag)), tol, name+": Det")
			sign, logdet := Slogdet(a)
			signg, logdetg := Slogdet(ag)
			requireClose(t, sign, back(signg), tol, name+": Slogdet sign")
			requireClose(t, logdet, back(logdetg), tol, name+": Slogdet logabsdet")
		}
	}
	for _, n := range []int{8, 40} { // batched and per matrix
		bad := generalStack(gpu, r, array.Float64, 500, n, n)
		require.NoError(t, bad.Index(array.I(321), array.I(2)).Set(0))
		require.NoError(t, bad.Index(array.I(400), array.I(0)).Set(0))
		for what, err := range map[string]error{
			"Solve":                         Solve(bad, gpu.Ones(array.Float64, n)).Err(),
			"Solve with no right-hand side": Solve(bad, gpu.Zeros(array.Float64, 500, n, 0)).Err(),
			"Inv":                           Inv(bad).Err(),
		} {
			require.ErrorIs(t, err, ErrSingular, "%s n=%d", what, n)
			require.ErrorContains(t, err, "(matrix [321] of the stack)", "%s n=%d", what, n)
		}
		det, err := array.ToSlice[float64](Det(bad))
		require.NoError(t, err)
		require.Zero(t, det[321], "det of a matrix with a zero row, n=%d", n)
		require.Zero(t, det[400], "det of a matrix with a zero row, n=%d", n)
		sign, _ := Slogdet(bad)
		signs, err := array.ToSlice[float64](sign)
		require.NoError(t, err)
		require.Zero(t, signs[321], "Slogdet sign of a singular matrix, n=%d", n)
	}
}

// TestSmallSVDStacksCUDA runs SVD on stacks on both sides of the batched
// Jacobi SVD's threshold (many matrices with both sides <= 32 go through
// gesvdjBatched, which writes every column of U and V; a single matrix or
// a larger side through gesvdj per matrix): singular values against the
// CPU backend, vectors by reconstruction and orthonormality, reduced and
// full.
func TestSmallSVDStacksCUDA(t *testing.T) {
	b, err := backend.Open("cuda", 0)
	gputest.Need(t, "cuda", err)
	host := array.On(cpu.New(0))
	r := rand.New(rand.NewPCG(18, 13))
	back := func(x *array.Array) *array.Array { return x.To(host.Backend()) }
	for _, dt := range []array.DType{array.Float32, array.Float64, array.Complex64, array.Complex128} {
		for _, c := range []struct{ batch, m, n int }{{1, 8, 8}, {100, 8, 5}, {100, 5, 8}, {50, 32, 32}, {4, 1, 7}, {3, 5, 33}} {
			name := fmt.Sprintf("%v_%dx%dx%d", dt, c.batch, c.m, c.n)
			a := generalStack(host, r, dt, c.batch, c.m, c.n)
			ag := a.To(b)
			tol := tolerance(dt) * 4
			requireClose(t, SVDVals(a), back(SVDVals(ag)), tol, name+": singular values")
			k := min(c.m, c.n)
			for _, full := range []bool{false, true} {
				u, s, vh := SVD(ag, full, true)
				require.NoError(t, vh.Err(), name)
				u, s, vh = back(u), back(s), back(vh)
				requireClose(t, SVDVals(a), s, tol, fmt.Sprintf("%s full=%v: s", name, full))
				uk, vk := u.Index(array.Ellipsis, array.S(0, k)), vh.Index(array.Ellipsis, array.S(0, k), array.All)
				recon := uk.Mul(s.AsType(dt).ExpandDims(-2)).Matmul(vk)
				requireClose(t, a, recon, tol*float64(c.n), fmt.Sprintf("%s full=%v: U·diag(S)·Vh == A", name, full))
				for what, q := range map[string]*array.Array{"U": u, "Vh": adjoint(vh)} {
					side := q.Shape()[q.NDim()-1]
					eye := host.Identity(side, dt).BroadcastTo(append(q.Shape()[:q.NDim()-2:q.NDim()-2], side, side)...)
					requireClose(t, eye, adjoint(q).Matmul(q), tol*float64(c.n), fmt.Sprintf("%s full=%v: %s has orthonormal columns", name, full, what))
				}
			}
		}
	}
}
