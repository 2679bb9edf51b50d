package fft_test

import (
	"math"
	"math/cmplx"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cugo/cugo/array"
	"github.com/cugo/cugo/array/fft"
	"github.com/cugo/cugo/backend/cpu"
	"github.com/cugo/cugo/internal/fixture"
)

// fixtureCase is one line of testdata/fft/cases.txt with its arrays.
type fixtureCase struct {
	line string
	fn   string
	kw   map[string]string
	in   *array.Array // nil for fftfreq and rfftfreq
	want *array.Array
}

// loadCases reads the NumPy fixtures onto d.
func loadCases(t *testing.T, d *array.Device) []fixtureCase {
	t.Helper()
	r := fixture.Open(t, "fft/cases.npys")
	var cases []fixtureCase
	for _, line := range fixture.Lines(t, "fft/cases.txt") {
		words := strings.Fields(line)
		c := fixtureCase{line: line, fn: words[0], kw: map[string]string{}}
		for _, w := range words[1:] {
			k, v, _ := strings.Cut(w, "=")
			c.kw[k] = v
		}
		if !strings.HasSuffix(c.fn, "freq") {
			c.in = d.Load(r)
			require.NoError(t, c.in.Err(), line)
		}
		c.want = d.Load(r)
		require.NoError(t, c.want.Err(), line)
		cases = append(cases, c)
	}
	return cases
}

func ints(t *testing.T, s string) []int {
	var out []int
	for _, f := range strings.Split(s, ",") {
		v, err := strconv.Atoi(f)
		require.NoError(t, err)
		out = append(out, v)
	}
	return out
}

var functions = map[string]func(*array.Array, ...fft.Option) *array.Array{
	"fft": fft.FFT, "ifft": fft.IFFT, "rfft": fft.RFFT, "irfft": fft.IRFFT, "hfft": fft.HFFT, "ihfft": fft.IHFFT,
	"fft2": fft.FFT2, "ifft2": fft.IFFT2, "rfft2": fft.RFFT2, "irfft2": fft.IRFFT2,
	"fftn": fft.FFTN, "ifftn": fft.IFFTN, "rfftn": fft.RFFTN, "irfftn": fft.IRFFTN,
}

// run calls the function of c on x with c's keywords.
func (c fixtureCase) run(t *testing.T, x *array.Array) *array.Array {
	kw := c.kw
	switch c.fn {
	case "fftfreq", "rfftfreq":
		n, err := strconv.Atoi(kw["n"])
		require.NoError(t, err)
		d, err := strconv.ParseFloat(kw["d"], 64)
		require.NoError(t, err)
		if c.fn == "fftfreq" {
			return fft.FFTFreq(n, d)
		}
		return fft.RFFTFreq(n, d)
	case "fftshift", "ifftshift":
		var axes []int
		if kw["axes"] != "" {
			axes = ints(t, kw["axes"])
		}
		if c.fn == "fftshift" {
			return fft.FFTShift(x, axes...)
		}
		return fft.IFFTShift(x, axes...)
	}
	var opts []fft.Option
	for k, v := range kw {
		switch k {
		case "n":
			opts = append(opts, fft.N(ints(t, v)[0]))
		case "axis":
			opts = append(opts, fft.Axis(ints(t, v)[0]))
		case "s":
			opts = append(opts, fft.S(ints(t, v)...))
		case "axes":
			opts = append(opts, fft.Axes(ints(t, v)...))
		case "norm":
			opts = append(opts, fft.Norm(v))
		default:
			t.Fatalf("%s: unknown keyword %s", c.line, k)
		}
	}
	fn, ok := functions[c.fn]
	require.True(t, ok, c.fn)
	return fn(x, opts...)
}

// complexValues reads a's elements as complex128.
func complexValues(t *testing.T, a *array.Array) []complex128 {
	t.Helper()
	v, err := array.ToSlice[complex128](a.AsType(array.Complex128))
	require.NoError(t, err)
	return v
}

// closeTo checks got against NumPy's double-precision want: the largest
// error, relative to the largest magnitude of want, within tol times
// log2 of the number of input points (FFT errors grow with the depth of
// the butterflies).
func closeTo(t *testing.T, name string, got, want *array.Array, points int, tol float64) {
	t.Helper()
	require.NoError(t, got.Err(), name)
	require.Equal(t, want.Shape(), got.Shape(), name)
	g, w := complexValues(t, got), complexValues(t, want)
	scale, worst := 0.0, 0.0
	for i := range w {
		scale = max(scale, cmplx.Abs(w[i]))
		worst = max(worst, cmplx.Abs(g[i]-w[i]))
	}
	bound := tol * math.Log2(float64(points)+2) * max(scale, 1e-300)
	require.LessOrEqual(t, worst, bound, "%s: largest error %g, bound %g", name, worst, bound)
}

// single casts a double-precision input to single precision; ok is false
// for inputs that have no single-precision form (integers).
func single(x *array.Array) (*array.Array, bool) {
	switch x.DType() {
	case array.Float64:
		return x.AsType(array.Float32), true
	case array.Complex128:
		return x.AsType(array.Complex64), true
	}
	return nil, false
}

// layouts returns x as given, as a Fortran-ordered copy, as a view
// reading every other element of a wider array and as a view that starts
// past the beginning of its buffer: the same values in four memory
// layouts.
func layouts(x *array.Array) map[string]*array.Array {
	wide := array.Stack([]*array.Array{x, array.OnesLike(x)}, -1)
	longer := array.Concatenate([]*array.Array{x.Index(array.To(1)), x}, 0)
	out := map[string]*array.Array{
		"contiguous": x,
		"strided":    wide.Index(array.Ellipsis, array.I(0)),
		"offset":     longer.Index(array.From(1)),
	}
	if x.NDim() > 1 {
		out["fortran"] = x.T().Copy().T()
	}
	return out
}

// wantDType is NumPy 2's result dtype of fn for input dtype in.
func wantDType(fn string, in array.DType) array.DType {
	singleIn := in == array.Float32 || in == array.Complex64
	switch {
	case strings.HasPrefix(fn, "irfft") || fn == "hfft":
		if singleIn {
			return array.Float32
		}
		return array.Float64
	case strings.HasSuffix(fn, "shift"):
		return in
	case singleIn:
		return array.Complex64
	}
	return array.Complex128
}

func TestNumPyFixturesCPU(t *testing.T) {
	checkFixtures(t, array.On(cpu.New(0)))
}

// checkFixtures runs every fixture case on d in double precision and, for
// float inputs, in single precision, each in every layout.
func checkFixtures(t *testing.T, d *array.Device) {
	for _, c := range loadCases(t, d) {
		if c.in == nil {
			closeTo(t, c.line, c.run(t, nil), c.want, 1, 1e-15)
			continue
		}
		points := c.in.Size()
		inputs := map[string]*array.Array{"double": c.in}
		if s, ok := single(c.in); ok {
			inputs["single"] = s
		}
		for prec, x := range inputs {
			tol := 1e-15
			if prec == "single" {
				tol = 5e-7
			}
			for layout, v := range layouts(x) {
				name := c.line + " (" + prec + ", " + layout + ")"
				got := c.run(t, v)
				require.NoError(t, got.Err(), name)
				require.Equal(t, wantDType(c.fn, x.DType()), got.DType(), name)
				closeTo(t, name, got, c.want, points, tol)
			}
		}
	}
}
