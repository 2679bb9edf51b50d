package poly_test

import (
	"errors"
	"fmt"
	"math"
	"math/cmplx"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cugo/cugo/array"
	"github.com/cugo/cugo/array/linalg"
	"github.com/cugo/cugo/array/poly"
	"github.com/cugo/cugo/backend"
	"github.com/cugo/cugo/backend/cpu"
	"github.com/cugo/cugo/dtype"
	"github.com/cugo/cugo/internal/fixture"
	"github.com/cugo/cugo/internal/gputest"
)

// fixtureCase is a line of testdata/poly/cases.txt (gen_poly.py) with its
// arrays.
type fixtureCase struct {
	line     string
	op       string
	tol      float64
	kw       map[string]string
	in, want []*array.Array
}

func loadCases(t *testing.T, d *array.Device) []fixtureCase {
	t.Helper()
	r := fixture.Open(t, "poly/cases.npys")
	next := func(n int, line string) []*array.Array {
		var as []*array.Array
		for range n {
			a := d.Load(r)
			require.NoError(t, a.Err(), line)
			as = append(as, a)
		}
		return as
	}
	var cases []fixtureCase
	for _, line := range fixture.Lines(t, "poly/cases.txt") {
		words := strings.Fields(line)
		nin, err1 := strconv.Atoi(words[1])
		nout, err2 := strconv.Atoi(words[2])
		tol, err3 := strconv.ParseFloat(words[3], 64)
		require.NoError(t, errors.Join(err1, err2, err3), line)
		c := fixtureCase{line: line, op: words[0], tol: tol, kw: map[string]string{}}
		for _, w := range words[4:] {
			k, v, _ := strings.Cut(w, "=")
			c.kw[k] = v
		}
		c.in, c.want = next(nin, line), next(nout, line)
		cases = append(cases, c)
	}
	return cases
}

func (c fixtureCase) int(t *testing.T, key string) int {
	v, err := strconv.Atoi(c.kw[key])
	require.NoError(t, err, c.line)
	return v
}

// fitOptions are the case's keyword arguments of np.polyfit.
func (c fixtureCase) fitOptions(t *testing.T) []poly.FitOption {
	var opts []poly.FitOption
	if s, ok := c.kw["rcond"]; ok {
		v, err := strconv.ParseFloat(s, 64)
		require.NoError(t, err, c.line)
		opts = append(opts, poly.Rcond(v))
	}
	if c.kw["w"] == "1" {
		opts = append(opts, poly.Weights(c.in[2]))
	}
	return opts
}

// run calls the case's function; its results are in the fixture's order.
func (c fixtureCase) run(t *testing.T, d *array.Device) []*array.Array {
	in := c.in
	switch c.op {
	case "add":
		return []*array.Array{poly.Add(in[0], in[1])}
	case "sub":
		return []*array.Array{poly.Sub(in[0], in[1])}
	case "mul":
		return []*array.Array{poly.Mul(in[0], in[1])}
	case "div":
		q, r := poly.Div(in[0], in[1])
		return []*array.Array{q, r}
	case "der":
		return []*array.Array{poly.Der(in[0], c.int(t, "m"))}
	case "int":
		var k *array.Array
		if len(in) > 1 {
			k = in[1]
		}
		return []*array.Array{poly.Int(in[0], c.int(t, "m"), k)}
	case "poly":
		return []*array.Array{poly.FromRoots(in[0])}
	case "roots":
		return []*array.Array{poly.Roots(in[0])}
	case "fit":
		return []*array.Array{poly.Fit(in[0], in[1], c.int(t, "deg"), c.fitOptions(t)...)}
	case "fitfull":
		p, res, rank, s, rcond := poly.FitFull(in[0], in[1], c.int(t, "deg"), c.fitOptions(t)...)
		return []*array.Array{p, res, d.Scalar(int64(rank)), s, d.Scalar(rcond)}
	case "fitcov":
		mode := map[string]poly.CovMode{"scaled": poly.CovScaled, "unscaled": poly.CovUnscaled}[c.kw["cov"]]
		p, cov := poly.FitCov(in[0], in[1], c.int(t, "deg"), mode, c.fitOptions(t)...)
		return []*array.Array{p, cov}
	}
	t.Fatalf("unknown op in %q", c.line)
	return nil
}

// testFixtures runs every case on d.
func testFixtures(t *testing.T, d *array.Device) {
	testCases(t, d, loadCases(t, d))
}

func testCases(t *testing.T, d *array.Device, cases []fixtureCase) {
	for n, c := range cases {
		c.line = fmt.Sprintf("case %d (%s)", n, c.line)
		got := c.run(t, d)
		require.Len(t, got, len(c.want), c.line)
		for i, g := range got {
			what := fmt.Sprintf("%s: result %d", c.line, i)
			require.NoError(t, g.Err(), what)
			if c.op == "div" && i == 1 && backend.RealDType(g.DType()) == array.Float32 {
				g = withoutNoise(t, c.want[i], g, c.tol)
			}
			if c.op == "roots" {
				requireSameRoots(t, c.want[i], g, c.tol, c.kw["loose"] == "1", what)
				continue
			}
			requireClose(t, c.want[i], g, c.tol, what)
		}
	}
}

// TestNumPy runs the fixtures on the CPU and on each GPU (cuSOLVER's least
// squares and eigenvalues; hipSOLVER, whose missing eigensolver sends
// Roots to the CPU).
func TestNumPy(t *testing.T) {
	gputest.EachBackend(t, func(t *testing.T, b backend.Backend) { testFixtures(t, array.On(b)) })
}

// noEig is the CPU backend without its general eigensolver, as hipSOLVER
// and cuSOLVER before 11.7 are.
type noEig struct{ *cpu.Backend }

func (noEig) Eig(dtype.DType, int, int, backend.Buffer, backend.Buffer, backend.Buffer) error {
	return fmt.Errorf("no general eigensolver: %w", backend.ErrUnsupported)
}

// TestNumPyWithoutEig runs the fixtures on a backend without a general
// eigensolver: Roots and FromRoots find the eigenvalues on the CPU.
func TestNumPyWithoutEig(t *testing.T) {
	d := array.On(noEig{cpu.New(0)})
	require.ErrorIs(t, linalg.Eigvals(d.Eye(2, 2, 0, array.Float64)).Err(), backend.ErrUnsupported)
	testFixtures(t, d)
}

// TestNumPyViews runs the fixtures on views of their inputs: every other
// element of a larger array, or a reversed copy reversed again (negative
// strides).
func TestNumPyViews(t *testing.T) {
	d := array.On(cpu.New(0))
	cases := loadCases(t, d)
	for n := range cases {
		for i, a := range cases[n].in {
			if a.NDim() == 0 {
				continue
			}
			if (n+i)%2 == 0 {
				cases[n].in[i] = everyOther(d, a)
			} else {
				cases[n].in[i] = array.Flip(array.Flip(a, 0).Copy(), 0)
			}
		}
	}
	testCases(t, d, cases)
}

// everyOther is a view of a's values at the even positions along the
// first axis of an array twice as long.
func everyOther(d *array.Device, a *array.Array) *array.Array {
	shape := slices.Clone(a.Shape())
	shape[0] *= 2
	z := d.Full(a.DType(), 7, shape...)
	v := z.Index(array.All.Step(2))
	if err := v.Set(a); err != nil {
		return array.Failed(err)
	}
	return v
}

// withoutNoise drops leading terms from the longer of two remainders of
// single precision while they are rounding noise: whether NumPy's long
// division leaves such a term 0 (and drops it) or ~1e-7 (above its 1e-8
// cutoff) depends on the order of float32 roundings.
func withoutNoise(t *testing.T, want, got *array.Array, tol float64) *array.Array {
	w, g := values(t, want), values(t, got)
	noise := tol * scaleOf(w)
	drop := 0
	for len(g)-drop > len(w) && cmplx.Abs(g[drop]) <= noise {
		drop++
	}
	got = got.Index(array.S(drop, len(g)))
	for len(w) > len(g)-drop && cmplx.Abs(w[0]) <= noise {
		w = w[1:]
		got = array.Pad(got, [][2]int{{1, 0}}, 0)
	}
	return got
}

// values reads an array's elements as complex128.
func values(t *testing.T, a *array.Array) []complex128 {
	t.Helper()
	v, err := array.ToSlice[complex128](a.AsType(array.Complex128))
	require.NoError(t, err)
	return v
}

// scaleOf is max(max |w|, 1) over the finite w.
func scaleOf(want []complex128) float64 {
	scale := 1.0
	for _, w := range want {
		if a := cmplx.Abs(w); !math.IsInf(a, 0) && !math.IsNaN(a) {
			scale = max(scale, a)
		}
	}
	return scale
}

// requireClose checks got against want: dtype, shape, and values within
// tol times max(max |want|, 1) (0: exactly); NaN and infinities must match.
func requireClose(t *testing.T, want, got *array.Array, tol float64, what string) {
	t.Helper()
	require.Equal(t, want.DType(), got.DType(), "%s: dtype", what)
	require.True(t, slices.Equal(want.Shape(), got.Shape()), "%s: shape %v, want %v", what, got.Shape(), want.Shape())
	w, g := values(t, want), values(t, got)
	scale := scaleOf(w)
	for i := range w {
		if cmplx.IsNaN(w[i]) || cmplx.IsInf(w[i]) {
			require.Equal(t, fmt.Sprint(w[i]), fmt.Sprint(g[i]), "%s: element %d", what, i)
			continue
		}
		require.LessOrEqual(t, cmplx.Abs(g[i]-w[i]), tol*scale, "%s: element %d: got %v, want %v", what, i, g[i], w[i])
	}
}

// requireSameRoots checks that got and want hold the same roots in any
// order, each within tol times max(|root|, 1) of its match, in the same
// dtype (loose: the same precision, real or complex, for repeated roots
// that one eigensolver may split into a complex pair).
func requireSameRoots(t *testing.T, want, got *array.Array, tol float64, loose bool, what string) {
	t.Helper()
	if loose {
		require.Equal(t, backend.RealDType(want.DType()), backend.RealDType(got.DType()), "%s: dtype %v, want %v", what, got.DType(), want.DType())
	} else {
		require.Equal(t, want.DType(), got.DType(), "%s: dtype", what)
	}
	w, g := values(t, want), values(t, got)
	require.Len(t, g, len(w), what)
	used := make([]bool, len(g))
	for _, root := range w {
		best := -1
		for j, r := range g {
			if !used[j] && (best < 0 || cmplx.Abs(r-root) < cmplx.Abs(g[best]-root)) {
				best = j
			}
		}
		require.LessOrEqual(t, cmplx.Abs(g[best]-root), tol*max(cmplx.Abs(root), 1), "%s: root %v: nearest %v in %v", what, root, g[best], g)
		used[best] = true
	}
}
