package linalg

import (
	"fmt"
	"math"
	"math/cmplx"
	"math/rand/v2"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/cugo/cugo/array"
	"github.com/cugo/cugo/backend"
	"github.com/cugo/cugo/backend/cpu"
	"github.com/cugo/cugo/internal/gputest"
	"github.com/cugo/cugo/libs/cusolver"
)

// TestNumPyMoreCPU runs the cases of gen_linalgmore.py: general
// eigenproblems (complex ones too), the Hermitian SVD and QR's raw mode.
func TestNumPyMoreCPU(t *testing.T) {
	testMoreFixtures(t, onCPU, true)
}

// TestNumPyMoreCUDA runs them on cuSOLVER, whose geev (cuSOLVER 11.7,
// CUDA 12.6) documents LAPACK's normalisation short of the largest
// component's sign; an older cuSOLVER must refuse general eigenproblems.
func TestNumPyMoreCUDA(t *testing.T) {
	b, err := backend.Open("cuda", 0)
	gputest.Need(t, "cuda", err)
	major, minor, _, err := cusolver.Version()
	require.NoError(t, err)
	if major > 11 || major == 11 && minor >= 7 {
		testMoreFixtures(t, array.On(b), false)
		return
	}
	testMoreFixtures(t, array.On(b), false, "eig", "eigvals")
}

// TestNumPyMoreHIP runs them on hipSOLVER, which has no general
// eigensolver.
func TestNumPyMoreHIP(t *testing.T) {
	b, err := backend.Open("hip", 0)
	gputest.Need(t, "hip", err)
	testMoreFixtures(t, array.On(b), false, "eig", "eigvals")
}

// testMoreFixtures runs the cases on d; the ops in unsupported must fail
// with backend.ErrUnsupported instead. With positive, eigenvectors'
// largest components must be positive, as zgeev makes them.
func testMoreFixtures(t *testing.T, d *array.Device, positive bool, unsupported ...string) {
	for _, c := range fixtureCases(t, d, "linalgmore") {
		if slices.Contains(unsupported, c.op) {
			require.ErrorIs(t, Eigvals(c.inputs[0]).Err(), backend.ErrUnsupported, c.line)
			continue
		}
		c.runMore(t, positive)
	}
}

func (c fixtureCase) runMore(t *testing.T, positive bool) {
	in, want := c.inputs[0], c.outputs
	what := fmt.Sprintf("%s (%v %v)", c.line, in.DType(), in.Shape())
	tol := tolerance(want[0].DType())
	switch c.op {
	case "eig", "eigvals":
		tol, err := strconv.ParseFloat(c.params[0], 64)
		require.NoError(t, err)
		var w, v *array.Array
		if c.op == "eig" {
			w, v = Eig(in)
		} else {
			w = Eigvals(in)
		}
		requireSameLayout(t, want[0], w, what+": w")
		match := matchEigenvalues(t, values(t, want[0]), values(t, w), lastDim(w), tol, what)
		if v == nil {
			return
		}
		requireSameLayout(t, want[1], v, what+": v")
		checkEigenvectors(t, in, w, v, tolerance(w.DType()), positive, what)
		requireVectorsMatch(t, want[0], want[1], v, match, tolerance(w.DType()), what)
	case "svdh":
		u, s, vh := SVDHermitian(in, true)
		requireClose(t, want[1], s, tol, what+": s")
		requireSameLayout(t, want[0], u, what+": u")
		requireSameLayout(t, want[2], vh, what+": vh")
		x := in.AsType(array.Complex128)
		uc, vc := u.AsType(array.Complex128), vh.AsType(array.Complex128)
		requireClose(t, x, uc.Mul(s.ExpandDims(-2)).Matmul(vc), tol, what+": u @ diag(s) @ vh")
		// vh's rows are u's columns times the eigenvalues' signs: NumPy's
		signs := func(u, vh *array.Array) *array.Array {
			return array.Real(Diagonal(vh.AsType(array.Complex128).Matmul(u.AsType(array.Complex128)), 0))
		}
		requireClose(t, signs(want[0], want[2]), signs(u, vh), tol, what+": signs")
		requireVectorsMatch(t, want[1], want[0], u, samePositions(s.Size(), lastDim(s)), tol, what)
	case "svdvalsh":
		_, s, _ := SVDHermitian(in, false)
		requireClose(t, want[0], s, tol, what)
	case "pinvh":
		requireClose(t, want[0], PinvHermitian(in), tol, what)
	case "matrix_rankh":
		requireClose(t, want[0], MatrixRankHermitian(in), 0, what)
	case "qr_raw":
		h, tau := QR(in, "raw")
		requireClose(t, want[0], h, tol, what+": h")
		requireClose(t, want[1], tau, tol, what+": tau")
	default:
		t.Fatalf("unknown op %q", c.op)
	}
}

func lastDim(a *array.Array) int {
	if a.NDim() == 0 {
		return 1
	}
	return a.Shape()[a.NDim()-1]
}

// samePositions pairs each of size values, n a matrix, with itself.
func samePositions(size, n int) []int {
	p := make([]int, size)
	for i := range p {
		p[i] = i % n
	}
	return p
}

// requireSameLayout checks got's error, dtype and shape against want's.
func requireSameLayout(t *testing.T, want, got *array.Array, what string) {
	t.Helper()
	require.NoError(t, got.Err(), what)
	require.Equal(t, want.DType(), got.DType(), "%s: dtype", what)
	require.Equal(t, want.Shape(), got.Shape(), "%s: shape", what)
}

// matchEigenvalues pairs each wanted eigenvalue of each matrix (n a
// matrix) with the nearest unpaired one of got, requiring them within tol
// of the largest magnitude (exact where all are zero), and returns, for each position of want, the
// position of its partner in got within the same matrix.
func matchEigenvalues(t *testing.T, want, got []complex128, n int, tol float64, what string) []int {
	t.Helper()
	match := make([]int, len(want))
	for lo := 0; lo < len(want); lo += n {
		scale := 0.0
		for _, w := range want[lo : lo+n] {
			scale = max(scale, cmplx.Abs(w))
		}
		used := make([]bool, n)
		for i, w := range want[lo : lo+n] {
			best := -1
			for j, g := range got[lo : lo+n] {
				if !used[j] && (best < 0 || cmplx.Abs(g-w) < cmplx.Abs(got[lo+best]-w)) {
					best = j
				}
			}
			used[best] = true
			match[lo+i] = best
			require.LessOrEqual(t, cmplx.Abs(got[lo+best]-w), tol*scale, "%s: eigenvalue %v unmatched: nearest %v, all %v", what, w, got[lo+best], got[lo:lo+n])
		}
	}
	return match
}

// checkEigenvectors checks a @ v == v * w (to tol times a's largest
// magnitude, times its size; a and w scaled down by that magnitude where
// it is large, so that nothing overflows) and zgeev's normalisation: each
// column of unit norm with a component of (nearly) the largest magnitude
// real, and with positive, positive for complex a.
func checkEigenvectors(t *testing.T, a, w, v *array.Array, tol float64, positive bool, what string) {
	t.Helper()
	x, vc, wc := a.AsType(array.Complex128), v.AsType(array.Complex128), w.AsType(array.Complex128)
	n := lastDim(w)
	scale := 0.0
	for _, z := range values(t, x) {
		scale = max(scale, cmplx.Abs(z))
	}
	bound := tol * float64(n)
	if scale > 1 {
		x, wc = x.Mul(1/scale), wc.Mul(1/scale)
	} else {
		bound *= scale
	}
	av, vw := values(t, x.Matmul(vc)), values(t, vc.Mul(wc.ExpandDims(-2)))
	for i := range av {
		require.LessOrEqual(t, cmplx.Abs(av[i]-vw[i]), bound, "%s: A @ v == v * w: element %d: %v, %v", what, i, av[i], vw[i])
	}
	requireClose(t, array.On(x.Backend()).Ones(array.Float64, w.Shape()...), Norm(vc, Axes(-2)), tol, what+": unit vectors")
	positive = positive && a.DType().Kind() == array.Complex64.Kind()
	vals := values(t, v)
	for lo := 0; lo < len(vals); lo += n * n {
		for col := range n {
			big := 0.0
			for r := range n {
				big = max(big, cmplx.Abs(vals[lo+r*n+col]))
			}
			ok := false
			for r := range n {
				z := vals[lo+r*n+col]
				if cmplx.Abs(z) >= big*(1-10*tol) && imag(z) == 0 && (!positive || real(z) > 0) {
					ok = true
				}
			}
			require.True(t, ok, "%s: column %d of matrix %d has no largest component real: %v", what, col, lo/(n*n), vals[lo:lo+n*n])
		}
	}
}

// requireVectorsMatch compares got's columns with want's, up to a phase,
// where their eigenvalue (or singular value) is isolated from the others
// of its matrix by a tenth of the largest: there eigenvectors are unique
// up to a phase and computed to about tol over that gap. match pairs
// want's positions with got's as matchEigenvalues does.
func requireVectorsMatch(t *testing.T, wantVals, wantVecs, got *array.Array, match []int, tol float64, what string) {
	t.Helper()
	w, wv, gv := values(t, wantVals), values(t, wantVecs), values(t, got)
	n := lastDim(wantVals)
	for lo := 0; lo < len(w); lo += n {
		scale := 0.0
		for _, z := range w[lo : lo+n] {
			scale = max(scale, cmplx.Abs(z))
		}
		base := lo / n * n * n
		for i := range n {
			gap := math.Inf(1)
			for j := range n {
				if j != i {
					gap = min(gap, cmplx.Abs(w[lo+i]-w[lo+j]))
				}
			}
			if gap <= scale/10 {
				continue
			}
			// the phase that turns got's column into want's
			var dot complex128
			for r := range n {
				dot += cmplx.Conj(gv[base+r*n+match[lo+i]]) * wv[base+r*n+i]
			}
			phase := dot / complex(cmplx.Abs(dot), 0)
			for r := range n {
				d := cmplx.Abs(gv[base+r*n+match[lo+i]]*phase - wv[base+r*n+i])
				require.LessOrEqual(t, d, 10*tol*scale/gap, "%s: vector %d of matrix %d, row %d", what, i, lo/n, r)
			}
		}
	}
}

// onCPU is the CPU backend, whose solver these tests check (on every machine).
var onCPU = array.On(cpu.New(0))

// randomComplex is an n×n matrix of normal real and imaginary parts.
func randomComplex(r *rand.Rand, lead []int, n int) *array.Array {
	shape := with(lead, n, n)
	x := make([]complex128, batchOf(shape))
	for i := range x {
		x[i] = complex(r.NormFloat64(), r.NormFloat64())
	}
	return array.FromSliceOn(onCPU, x, shape...)
}

// TestEigComplexRandom checks complex Eig on random matrices of sizes
// through every path of the solver: a @ v == v * w, the normalisation,
// sum(w) == trace(a) and prod(w) == det(a) (from an LU factorization),
// and Eigvals equal to Eig's w.
func TestEigComplexRandom(t *testing.T) {
	r := rand.New(rand.NewPCG(4, 17))
	for _, n := range []int{1, 2, 3, 4, 10, 31, 50, 97} {
		for _, dt := range []array.DType{array.Complex64, array.Complex128} {
			a := randomComplex(r, []int{2}, n).AsType(dt)
			what := fmt.Sprintf("%v %d×%d", dt, n, n)
			w, v := Eig(a)
			require.NoError(t, v.Err(), what)
			tol := tolerance(dt)
			checkEigenvectors(t, a, w, v, tol, true, what)
			x := a.AsType(array.Complex128)
			wc := w.AsType(array.Complex128)
			requireClose(t, array.Trace(x, 0, -2, -1), wc.Sum(array.Axis(-1)), tol*float64(n), what+": trace")
			if n <= 10 { // the determinant's magnitude stays moderate
				requireClose(t, Det(x), wc.Prod(array.Axis(-1)), tol*float64(n), what+": det")
			}
			matchEigenvalues(t, values(t, w), values(t, Eigvals(a)), n, tol, what+": Eigvals")
		}
	}
}

// TestEigComplex64Rounds checks that complex64 matrices are solved in
// complex128 and rounded: the same bits as complex128 on the widened
// matrix.
func TestEigComplex64Rounds(t *testing.T) {
	a := randomComplex(rand.New(rand.NewPCG(5, 5)), []int{3}, 12).AsType(array.Complex64)
	w, v := Eig(a)
	w2, v2 := Eig(a.AsType(array.Complex128))
	require.Equal(t, values(t, w2.AsType(array.Complex64)), values(t, w))
	require.Equal(t, values(t, v2.AsType(array.Complex64)), values(t, v))
}

// TestEigViews solves transposed and sliced views: the eigenvalues of Aᵀ
// are A's, and a strided stack is solved as its copy.
func TestEigViews(t *testing.T) {
	a := randomComplex(rand.New(rand.NewPCG(6, 1)), []int{4}, 7)
	n := 7
	w := Eigvals(a)
	matchEigenvalues(t, values(t, w), values(t, Eigvals(a.SwapAxes(-1, -2))), n, 1e-9, "Aᵀ")
	every := a.Index(array.All.Step(2))
	matchEigenvalues(t, values(t, w.Index(array.All.Step(2))), values(t, Eigvals(every)), n, 1e-12, "a[::2]")
}

// TestEigStructured covers inputs where the QR iteration's special paths
// run: already triangular (nothing to iterate), a zero matrix, a nilpotent
// Jordan block (one eigenvalue 0 of multiplicity n), a companion-like
// shift matrix (all eigenvalues on a circle, where unshifted QR stalls),
// and rows of very different scales (balancing).
func TestEigStructured(t *testing.T) {
	const n = 6
	shift := make([]complex128, n*n) // ones below the diagonal and one corner: the n-th roots of 2
	for i := 1; i < n; i++ {
		shift[i*n+i-1] = 1
	}
	shift[n-1] = 2
	jordan := make([]complex128, n*n)
	for i := range n - 1 {
		jordan[i*n+i+1] = 1
	}
	scaled := make([]complex128, 3*3)
	for i, v := range []complex128{1, 1e6, 1e12i, 1e-6, 2, 1e6, 1e-12, 1e-6, 3} {
		scaled[i] = v
	}
	cases := []struct {
		name string
		a    *array.Array
		want []complex128
		tol  float64
	}{
		{"zero", onCPU.Zeros(array.Complex128, n, n), make([]complex128, n), 0},
		{"triangular", array.FromSliceOn(onCPU, []complex128{1 + 1i, 2, 3i, 0, -2, 5, 0, 0, 4i}, 3, 3), []complex128{1 + 1i, -2, 4i}, 0},
		{"jordan", array.FromSliceOn(onCPU, jordan, n, n), make([]complex128, n), 0},
		{"shift", array.FromSliceOn(onCPU, shift, n, n), roots(2, n), 1e-12},
		// a defective double eigenvalue 0 next to 2: its second vector
		// comes from a rescaled back substitution
		{"defective", array.FromSliceOn(onCPU, []complex128{1, 1, 0, 1, 1, 0, 0, 1, 0}, 3, 3), []complex128{2, 0, 0}, 1e-12},
	}
	for _, c := range cases {
		w, v := Eig(c.a)
		require.NoError(t, v.Err(), c.name)
		matchEigenvalues(t, c.want, values(t, w), len(c.want), c.tol, c.name)
		checkEigenvectors(t, c.a, w, v, 1e-12, true, c.name)
	}
	// balancing: the eigenvalues are those of the similar matrix diag(d)⁻¹·A·diag(d)
	a := array.FromSliceOn(onCPU, scaled, 3, 3)
	d := array.FromSliceOn(onCPU, []complex128{1, 1e-6, 1e-12}, 3)
	similar := a.Mul(d).Div(d.Reshape(3, 1))
	matchEigenvalues(t, values(t, Eigvals(similar)), values(t, Eigvals(a)), 3, 1e-12, "balanced")
	w, v := Eig(a)
	require.NoError(t, v.Err())
	checkEigenvectors(t, a, w, v, 1e-9, true, "badly scaled")
}

// roots are the n complex n-th roots of x.
func roots(x float64, n int) []complex128 {
	r := make([]complex128, n)
	for k := range r {
		r[k] = cmplx.Rect(math.Pow(x, 1/float64(n)), 2*math.Pi*float64(k)/float64(n))
	}
	return r
}

// TestEigNonFinite: NaN or infinity anywhere in a stack is NumPy's
// LinAlgError, promptly (no eigensolver runs on it); so is an input whose
// eigensolver would meet overflow on the way, which must end too.
func TestEigNonFinite(t *testing.T) {
	r := rand.New(rand.NewPCG(8, 8))
	for _, bad := range []complex128{cmplx.NaN(), cmplx.Inf(), complex(0, math.Inf(-1))} {
		a := randomComplex(r, []int{3}, 4)
		x := values(t, a)
		x[2*16+5] = bad
		a = array.FromSliceOn(onCPU, x, 3, 4, 4)
		for name, err := range map[string]error{"Eig": func() error { _, v := Eig(a); return v.Err() }(), "Eigvals": Eigvals(a).Err()} {
			require.ErrorIs(t, err, ErrLinAlg, name)
			require.ErrorContains(t, err, "Array must not contain infs or NaNs", name)
		}
	}
	real := array.FromSliceOn(onCPU, []float64{1, math.NaN(), 2, 3}, 2, 2)
	require.ErrorContains(t, Eigvals(real).Err(), "Array must not contain infs or NaNs")
	huge := array.FromSliceOn(onCPU, []complex128{1e308, 1e308i, -1e308, 1e-308, 1e308, 1e308, 3, -1e308i, 1e307}, 3, 3)
	done := make(chan error, 1)
	go func() { _, v := Eig(huge); done <- v.Err() }()
	select {
	case err := <-done:
		if err != nil {
			require.ErrorIs(t, err, ErrLinAlg)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("Eig of a matrix near overflow did not return")
	}
}

func TestMoreErrors(t *testing.T) {
	nonSquare := onCPU.Ones(array.Complex128, 2, 3)
	_, s, _ := SVDHermitian(nonSquare, true)
	require.ErrorIs(t, s.Err(), ErrLinAlg)
	require.ErrorContains(t, s.Err(), "SVDHermitian: linalg: Last 2 dimensions of the array must be square")
	require.ErrorContains(t, PinvHermitian(nonSquare).Err(), "must be square")
	require.ErrorContains(t, MatrixRankHermitian(nonSquare).Err(), "must be square")
	require.ErrorContains(t, Eigvals(nonSquare).Err(), "must be square")
	h, tau := QR(onCPU.Ones(array.Float64, 3), "raw")
	require.ErrorContains(t, h.Err(), "1-dimensional array given")
	require.ErrorContains(t, tau.Err(), "1-dimensional array given")
	h, _ = QR(onCPU.Ones(array.Float16, 2, 2), "raw")
	require.ErrorContains(t, h.Err(), "float16 is unsupported")
	// the vector and scalar rules of MatrixRank hold with hermitian too
	require.Equal(t, values(t, array.Scalar(int64(1))), values(t, MatrixRankHermitian(array.FromSliceOn(onCPU, []float64{0, 2}, 2))))
	require.Equal(t, values(t, array.Scalar(int64(0))), values(t, MatrixRankHermitian(onCPU.Zeros(array.Float64, 3))))
}

// TestSVDHermitianSigns: a zero eigenvalue leaves a zero row in vh, as
// NumPy's sign(0) makes it; negative eigenvalues move their sign into vh.
func TestSVDHermitianSigns(t *testing.T) {
	a := array.FromSliceOn(onCPU, []float64{2, 0, 0, 0, 0, 0, 0, 0, -1}, 3, 3)
	u, s, vh := SVDHermitian(a, true)
	require.NoError(t, vh.Err())
	require.Equal(t, []complex128{2, 1, 0}, values(t, s))
	require.Equal(t, []complex128{1, 0, 0, 0, 0, 1, 0, 1, 0}, values(t, u.Abs()))
	require.Equal(t, []complex128{0, 0, 0}, values(t, vh.Index(array.I(2))))
	require.Equal(t, values(t, u.Index(array.All, array.I(1)).Mul(-1)), values(t, vh.Index(array.I(1))))
}

// TestQRRawViews: h and tau of a transposed view are those of its copy,
// and h's transpose holds R as QR's mode "r" gives it.
func TestQRRawViews(t *testing.T) {
	a := randomComplex(rand.New(rand.NewPCG(9, 9)), []int{2}, 5).Index(array.Ellipsis, array.S(0, 3)) // 2×5×3
	h, tau := QR(a.SwapAxes(-1, -2), "raw")
	h2, tau2 := QR(a.SwapAxes(-1, -2).Copy(), "raw")
	require.NoError(t, h.Err())
	require.Equal(t, []int{2, 5, 3}, h.Shape())
	require.Equal(t, []int{2, 3}, tau.Shape())
	require.Equal(t, values(t, h2), values(t, h))
	require.Equal(t, values(t, tau2), values(t, tau))
	_, r := QR(a.SwapAxes(-1, -2), "r")
	requireClose(t, r, array.Triu(h.SwapAxes(-1, -2).Index(array.Ellipsis, array.S(0, 3), array.All), 0), 1e-12, "R in h")
}

// TestEigStructuredRandom runs Eig on many small random matrices with
// exact structure: sparse ones, small complex integers, 0/1 matrices and
// periodic patterns, whose repeated and defective zero eigenvalues send
// the back substitution through its tiny pivots and rescalings: a @ v ==
// v * w, finite unit vectors, and sum(w) == trace(a) from Eigvals.
func TestEigStructuredRandom(t *testing.T) {
	r := rand.New(rand.NewPCG(77, 1))
	for trial := range 800 {
		n := 1 + r.IntN(25)
		x := make([]complex128, n*n)
		kind := trial % 4
		for i := range x {
			switch kind {
			case 0:
				if r.Float64() < 0.2 {
					x[i] = complex(r.NormFloat64(), r.NormFloat64())
				}
			case 1:
				x[i] = complex(float64(r.IntN(3)-1), float64(r.IntN(3)-1))
			case 2:
				x[i] = complex(float64(r.IntN(2)), 0)
			default:
				x[i] = complex(float64((i/n)%2), float64((i%n)%3))
			}
		}
		a := array.FromSliceOn(onCPU, x, n, n)
		what := fmt.Sprintf("trial %d (%d×%d): %v", trial, n, n, x)
		w, v := Eig(a)
		require.NoError(t, v.Err(), what)
		checkEigenvectors(t, a, w, v, 1e-12, true, what)
		var sum, trace complex128
		for _, z := range values(t, Eigvals(a)) {
			sum += z
		}
		for i := range n {
			trace += x[i*n+i]
		}
		require.LessOrEqual(t, cmplx.Abs(sum-trace), 1e-10*float64(n), what+": trace")
	}
}
