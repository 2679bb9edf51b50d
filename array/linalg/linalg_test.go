package linalg

import (
	"cmp"
	"errors"
	"fmt"
	"io"
	"math"
	"math/cmplx"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cugo/cugo/array"
	"github.com/cugo/cugo/backend"
	"github.com/cugo/cugo/backend/cpu"
	"github.com/cugo/cugo/internal/fixture"
	"github.com/cugo/cugo/internal/gputest"
	"github.com/cugo/cugo/libs/cusolver"
)

// fixtureCase is a line of a cases.txt under testdata/ with its arrays.
type fixtureCase struct {
	line    string
	op      string
	params  []string
	inputs  []*array.Array
	outputs []*array.Array
}

// fixtureCases loads the cases under testdata/dir (gen_linalg_dense.py's
// linalg_dense, gen_linalgmore.py's linalgmore) onto d.
func fixtureCases(t *testing.T, d *array.Device, dir string) []fixtureCase {
	r := fixture.Open(t, dir+"/cases.npys")
	var arrays []*array.Array
	for {
		a := d.Load(r)
		if errors.Is(a.Err(), io.EOF) {
			break
		}
		require.NoError(t, a.Err())
		arrays = append(arrays, a)
	}
	var cases []fixtureCase
	for _, line := range fixture.Lines(t, dir+"/cases.txt") {
		fs := strings.Fields(line)
		nin, err1 := strconv.Atoi(fs[1])
		nout, err2 := strconv.Atoi(fs[2])
		require.NoError(t, errors.Join(err1, err2), line)
		cases = append(cases, fixtureCase{line, fs[0], fs[3:], arrays[:nin], arrays[nin : nin+nout]})
		arrays = arrays[nin+nout:]
	}
	require.Empty(t, arrays)
	return cases
}

// tolerance is the error allowed relative to the largest expected
// magnitude: NumPy computes float32 in single precision (the CPU backend in
// double, rounded), so float32 results differ by the condition number
// times float32's epsilon; float64 ones agree to a few hundred ulps.
func tolerance(dt array.DType) float64 {
	if dt == array.Float32 || dt == array.Complex64 {
		return 2e-3
	}
	return 1e-9
}

// values reads an array's elements as complex128.
func values(t *testing.T, a *array.Array) []complex128 {
	t.Helper()
	v, err := array.ToSlice[complex128](a.AsType(array.Complex128))
	require.NoError(t, err)
	return v
}

// generalStack returns batch random m×n matrices of dt on d (normal
// entries, imaginary parts too for complex dtypes).
func generalStack(d *array.Device, r *rand.Rand, dt array.DType, batch, m, n int) *array.Array {
	host := make([]complex128, batch*m*n)
	for i := range host {
		host[i] = complex(r.NormFloat64(), 0)
		if dt.Kind() == array.Complex64.Kind() {
			host[i] += complex(0, r.NormFloat64())
		}
	}
	a := array.FromSliceOn(d, host, batch, m, n)
	if dt.Kind() != array.Complex64.Kind() {
		a = array.Real(a)
	}
	return a.AsType(dt)
}

// requireClose checks got against want (dtype, shape, values within
// tol times the largest magnitude of want; NaN and infinities must match).
func requireClose(t *testing.T, want, got *array.Array, tol float64, what string) {
	t.Helper()
	require.NoError(t, got.Err(), what)
	require.Equal(t, want.DType(), got.DType(), "%s: dtype", what)
	require.True(t, slices.Equal(want.Shape(), got.Shape()), "%s: shape %v, want %v", what, got.Shape(), want.Shape())
	requireValuesClose(t, values(t, want), values(t, got), tol, what)
}

func requireValuesClose(t *testing.T, want, got []complex128, tol float64, what string) {
	t.Helper()
	scale := 1.0
	for _, w := range want {
		if a := cmplx.Abs(w); !math.IsInf(a, 0) && !math.IsNaN(a) {
			scale = max(scale, a)
		}
	}
	for i, w := range want {
		g := got[i]
		if cmplx.IsNaN(w) || cmplx.IsInf(w) {
			require.Equal(t, fmt.Sprint(w), fmt.Sprint(g), "%s: element %d", what, i)
			continue
		}
		require.LessOrEqual(t, cmplx.Abs(g-w), tol*scale, "%s: element %d: got %v, want %v", what, i, g, w)
	}
}

// ord parses a norm order of the fixture file.
func ord(t *testing.T, s string) any {
	switch s {
	case "none":
		return nil
	case "fro", "nuc":
		return s
	}
	v, err := strconv.ParseFloat(s, 64)
	require.NoError(t, err)
	return v
}

func atoi(t *testing.T, s string) int {
	n, err := strconv.Atoi(s)
	require.NoError(t, err)
	return n
}

// run applies a case's function and returns its results in the order the
// fixture stores NumPy's (checking reconstructions where NumPy's factors
// are not unique).
func (c fixtureCase) run(t *testing.T) []*array.Array {
	in := c.inputs
	switch c.op {
	case "solve":
		return []*array.Array{Solve(in[0], in[1])}
	case "inv":
		return []*array.Array{Inv(in[0])}
	case "det":
		return []*array.Array{Det(in[0])}
	case "slogdet":
		s, l := Slogdet(in[0])
		return []*array.Array{s, l}
	case "matrix_power":
		return []*array.Array{MatrixPower(in[0], atoi(t, c.params[0]))}
	case "cholesky":
		return []*array.Array{Cholesky(in[0], c.params[0] == "U")}
	case "qr":
		q, r := QR(in[0], c.params[0])
		if q == nil {
			return []*array.Array{r}
		}
		if q.Err() == nil && r.Err() == nil {
			requireClose(t, in[0].AsType(q.DType()), q.Matmul(r), tolerance(q.DType()), c.line+": q @ r")
		}
		return []*array.Array{q, r}
	case "svd":
		u, s, vh := SVD(in[0], c.params[0] == "1", true)
		if s.Err() == nil {
			checkSVD(t, c, u, s, vh)
		}
		return []*array.Array{s}
	case "svdvals":
		return []*array.Array{SVDVals(in[0])}
	case "eigh":
		w, v := Eigh(in[0], c.params[0])
		if w.Err() == nil {
			checkEigh(t, c, w, v)
		}
		return []*array.Array{w}
	case "eigvalsh":
		return []*array.Array{Eigvalsh(in[0], c.params[0])}
	case "lstsq":
		var rcond []float64
		if c.params[0] != "none" {
			v, err := strconv.ParseFloat(c.params[0], 64)
			require.NoError(t, err)
			rcond = append(rcond, v)
		}
		x, res, rank, s := Lstsq(in[0], in[1], rcond...)
		return []*array.Array{x, res, array.Scalar(int64(rank)), s}
	case "pinv":
		return []*array.Array{Pinv(in[0])}
	case "matrix_rank":
		return []*array.Array{MatrixRank(in[0])}
	case "norm":
		opts := []NormOption{Ord(ord(t, c.params[0]))}
		if c.params[1] != "none" {
			var axes []int
			for _, s := range strings.Split(c.params[1], ",") {
				axes = append(axes, atoi(t, s))
			}
			opts = append(opts, Axes(axes...))
		}
		if c.params[2] == "1" {
			opts = append(opts, KeepDims())
		}
		return []*array.Array{Norm(in[0], opts...)}
	case "cond":
		return []*array.Array{Cond(in[0], ord(t, c.params[0]))}
	case "vecdot":
		return []*array.Array{Vecdot(in[0], in[1], atoi(t, c.params[0]))}
	case "matvec":
		return []*array.Array{Matvec(in[0], in[1])}
	case "vecmat":
		return []*array.Array{Vecmat(in[0], in[1])}
	case "cross":
		return []*array.Array{Cross(in[0], in[1], atoi(t, c.params[0]))}
	case "kron":
		return []*array.Array{Kron(in[0], in[1])}
	case "multi_dot":
		return []*array.Array{MultiDot(in...)}
	case "eigvals":
		return []*array.Array{sortedLast(t, Eigvals(in[0]))}
	case "eig":
		w, v := Eig(in[0])
		if w.Err() == nil {
			x := in[0].AsType(array.Complex128)
			vc := v.AsType(array.Complex128)
			requireClose(t, x.Matmul(vc), vc.Mul(w.ExpandDims(-2)), tolerance(w.DType()), c.line+": A @ v == v * w")
			requireClose(t, array.On(x.Backend()).Ones(array.Float64, w.Shape()...), Norm(vc, Axes(-2)), tolerance(w.DType()), c.line+": unit vectors")
		}
		return []*array.Array{sortedLast(t, w)}
	}
	t.Fatalf("unknown op %q", c.op)
	return nil
}

// sortedLast sorts a's values along its last axis by real, then imaginary
// part, as np.sort does.
func sortedLast(t *testing.T, a *array.Array) *array.Array {
	if a.Err() != nil || a.Size() == 0 {
		return a
	}
	v := values(t, a)
	n := a.Shape()[a.NDim()-1]
	for i := 0; i < len(v); i += n {
		slices.SortFunc(v[i:i+n], func(x, y complex128) int {
			if c := cmp.Compare(real(x), real(y)); c != 0 {
				return c
			}
			return cmp.Compare(imag(x), imag(y))
		})
	}
	return array.FromSliceOn(array.On(a.Backend()), v, a.Shape()...).AsType(a.DType())
}

// checkSVD checks u @ diag(s) @ vh == a and that u and vh have
// orthonormal columns and rows, in complex128.
func checkSVD(t *testing.T, c fixtureCase, u, s, vh *array.Array) {
	t.Helper()
	tol := tolerance(s.DType())
	a := c.inputs[0].AsType(array.Complex128)
	k := s.Shape()[len(s.Shape())-1]
	uk := u.Index(array.Ellipsis, array.S(0, k)).AsType(array.Complex128)
	vk := vh.Index(array.Ellipsis, array.S(0, k), array.All).AsType(array.Complex128)
	requireClose(t, a, uk.Mul(s.ExpandDims(-2)).Matmul(vk), tol, c.line+": u @ diag(s) @ vh")
	for _, m := range []*array.Array{u.AsType(array.Complex128), adjoint(vh.AsType(array.Complex128))} {
		n := m.Shape()[len(m.Shape())-1]
		eye := array.On(m.Backend()).Identity(n, array.Complex128).BroadcastTo(adjoint(m).Matmul(m).Shape()...)
		requireClose(t, eye, adjoint(m).Matmul(m), tol, fmt.Sprintf("%s %v %v: orthonormal vectors", c.line, c.inputs[0].DType(), c.inputs[0].Shape()))
	}
}

// checkEigh checks A @ v == v * w for the Hermitian matrix A that the
// triangle Eigh reads defines (its diagonal's real part).
func checkEigh(t *testing.T, c fixtureCase, w, v *array.Array) {
	t.Helper()
	a := c.inputs[0].AsType(array.Complex128)
	shape := a.Shape()
	n := shape[len(shape)-1]
	dev := array.On(a.Backend())
	// 1 on and below the diagonal (L) or on and above (U)
	tri := dev.Arange(0, float64(n), 1, array.Int64).Reshape(n, 1).GreaterEqual(dev.Arange(0, float64(n), 1, array.Int64))
	if c.params[0] == "U" {
		tri = array.LogicalOr(array.LogicalNot(tri), dev.Identity(n, array.Bool))
	}
	eye := dev.Identity(n, array.Bool)
	strict := array.Where(array.LogicalAnd(tri, array.LogicalNot(eye)), a, 0)
	diag := array.Where(eye, array.Real(a), 0) // LAPACK reads the diagonal as real
	h := strict.Add(adjoint(strict)).Add(diag)
	vc := v.AsType(array.Complex128)
	requireClose(t, h.Matmul(vc), vc.Mul(w.ExpandDims(-2)), tolerance(w.DType()), c.line+": A @ v == v * w")
}

// testFixtures runs every case on d; the ops in unsupported must fail
// with backend.ErrUnsupported instead.
func testFixtures(t *testing.T, d *array.Device, unsupported ...string) {
	for _, c := range fixtureCases(t, d, "linalg_dense") {
		got := c.run(t)
		require.Len(t, got, len(c.outputs), c.line)
		if slices.Contains(unsupported, c.op) {
			require.ErrorIs(t, got[0].Err(), backend.ErrUnsupported, c.line)
			continue
		}
		for i, want := range c.outputs {
			requireClose(t, want, got[i], tolerance(want.DType()), fmt.Sprintf("%s (%v %v): output %d", c.line, c.inputs[0].DType(), c.inputs[0].Shape(), i))
		}
	}
}

func TestNumPyCPU(t *testing.T) {
	testFixtures(t, array.On(cpu.New(0)))
}

// TestNumPyCUDA runs the fixtures on cuSOLVER (float32 in single
// precision, where NumPy computes in double: the tolerances above allow
// for it). General eigenproblems need cusolverDnXgeev (cuSOLVER 11.7,
// CUDA 12.6); an older cuSOLVER must refuse them as unsupported.
func TestNumPyCUDA(t *testing.T) {
	b, err := backend.Open("cuda", 0)
	gputest.Need(t, "cuda", err)
	major, minor, _, err := cusolver.Version()
	require.NoError(t, err)
	if major > 11 || major == 11 && minor >= 7 {
		testFixtures(t, array.On(b))
		return
	}
	testFixtures(t, array.On(b), "eig", "eigvals")
}

// TestNumPyHIP is TestNumPyCUDA on hipSOLVER.
func TestNumPyHIP(t *testing.T) {
	b, err := backend.Open("hip", 0)
	gputest.Need(t, "hip", err)
	testFixtures(t, array.On(b), "eig", "eigvals")
}
