package fft_test

import (
	"math"
	"math/cmplx"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cugo/cugo/array"
	"github.com/cugo/cugo/array/fft"
	"github.com/cugo/cugo/backend/cpu"
)

func randomComplex(r *rand.Rand, n int) []complex128 {
	v := make([]complex128, n)
	for i := range v {
		v[i] = complex(r.NormFloat64(), r.NormFloat64())
	}
	return v
}

func randomReal(r *rand.Rand, n int) []float64 {
	v := make([]float64, n)
	for i := range v {
		v[i] = r.NormFloat64()
	}
	return v
}

// The inverse transforms undo the forward ones to rounding, for lengths
// on every path of the CPU backend (radix 2/3/4/5, other small primes,
// Bluestein) and both precisions.
func TestRoundTrip(t *testing.T) {
	d := array.On(cpu.New(0))
	r := rand.New(rand.NewPCG(19, 1))
	for _, n := range []int{1, 2, 5, 16, 61, 67, 243, 1000, 1021, 4096, 10007} {
		for _, dt := range []array.DType{array.Complex128, array.Complex64} {
			x := array.FromSliceOn(d, randomComplex(r, 3*n), 3, n).AsType(dt)
			tol := map[array.DType]float64{array.Complex128: 1e-15, array.Complex64: 5e-7}[dt]
			closeTo(t, "ifft(fft)", fft.IFFT(fft.FFT(x)), x, n, tol)
			closeTo(t, "ifftn(fftn, ortho)", fft.IFFTN(fft.FFTN(x, fft.Norm(fft.Ortho)), fft.Norm(fft.Ortho)), x, 3*n, tol)
		}
		for _, dt := range []array.DType{array.Float64, array.Float32} {
			x := array.FromSliceOn(d, randomReal(r, 2*n), n, 2).AsType(dt)
			tol := map[array.DType]float64{array.Float64: 1e-15, array.Float32: 5e-7}[dt]
			// odd and even n along axis 0: the output length must be given.
			closeTo(t, "irfft(rfft)", fft.IRFFT(fft.RFFT(x, fft.Axis(0)), fft.N(n), fft.Axis(0)), x, n, tol)
			closeTo(t, "hfft(ihfft)", fft.HFFT(fft.IHFFT(x, fft.Axis(0)), fft.N(n), fft.Axis(0)), x, n, tol)
		}
	}
}

// Transforms of double-precision input agree with a direct O(n²) sum in
// float64 for lengths the fixtures leave out (large primes go through
// Bluestein's algorithm).
func TestDirectSum(t *testing.T) {
	d := array.On(cpu.New(0))
	r := rand.New(rand.NewPCG(19, 2))
	for _, n := range []int{43, 62, 97, 127, 2 * 131, 3001} {
		x := randomComplex(r, n)
		want := make([]complex128, n)
		for k := range want {
			for j, v := range x {
				s, c := sincosTurn(j*k%n, n)
				want[k] += v * complex(c, -s)
			}
		}
		got := fft.FFT(array.FromSliceOn(d, x, n))
		closeTo(t, "fft", got, array.FromSliceOn(d, want, n), n, 1e-15)
		// The real part's transform is the Hermitian part of want.
		re := make([]float64, n)
		half := make([]complex128, n/2+1)
		for i, v := range x {
			re[i] = real(v)
		}
		for k := range half {
			half[k] = (want[k] + cmplx.Conj(want[(n-k)%n])) / 2
		}
		closeTo(t, "rfft", fft.RFFT(array.FromSliceOn(d, re, n)), array.FromSliceOn(d, half, len(half)), n, 1e-15)
	}
}

func TestEmptyBatch(t *testing.T) {
	d := array.On(cpu.New(0))
	x := d.Zeros(array.Float32, 0, 8)
	for name, y := range map[string]*array.Array{
		"fft": fft.FFT(x), "rfft": fft.RFFT(x), "irfft": fft.IRFFT(x), "fft2 axis 1": fft.FFTN(x, fft.Axes(1)),
	} {
		require.NoError(t, y.Err(), name)
		require.Equal(t, 0, y.Size(), name)
	}
	require.Equal(t, []int{0, 5}, fft.RFFT(x).Shape())
	require.Equal(t, []int{0, 14}, fft.IRFFT(x).Shape())
	require.Equal(t, array.Float32, fft.IRFFT(x).DType())
}

func TestErrors(t *testing.T) {
	d := array.On(cpu.New(0))
	x := d.Ones(array.Float64, 4, 6)
	ints := d.Ones(array.Int64, 1)
	for name, c := range map[string]struct {
		got  *array.Array
		want string
	}{
		"n zero":           {fft.FFT(x, fft.N(0)), "fft.FFT: invalid number of FFT data points (0) along axis 1"},
		"n negative":       {fft.RFFT(x, fft.N(-3)), "fft.RFFT: invalid number of FFT data points (0)"},
		"s zero":           {fft.FFTN(x, fft.S(0, 2)), "fft.FFTN: invalid number of FFT data points (0) along axis 0"},
		"empty axis":       {fft.FFT(d.Zeros(array.Float64, 3, 0)), "invalid number of FFT data points (0)"},
		"irfft of 1 value": {fft.IRFFT(ints), "fft.IRFFT: invalid number of FFT data points (0)"},
		"irfft int n 0":    {fft.IRFFT(ints, fft.N(0)), "fft.IRFFT: invalid number of FFT data points (0)"},
		"axis range":       {fft.FFT(x, fft.Axis(2)), "fft.FFT: axis 2 is out of bounds"},
		"axes range":       {fft.FFT2(x, fft.Axes(0, -3)), "fft.FFT2: axis -3 is out of bounds"},
		"repeated axes":    {fft.FFTN(x, fft.Axes(1, -1)), "fft.FFTN: repeated axis -1"},
		"s and axes":       {fft.FFTN(x, fft.S(2), fft.Axes(0, 1)), "fft.FFTN: shape [2] and axes [0 1] have different lengths"},
		"no axes":          {fft.FFTN(x, fft.Axes()), "fft.FFTN: no axes to transform"},
		"norm":             {fft.FFT(x, fft.Norm("unitary")), `fft.FFT: invalid norm "unitary"`},
		"complex rfft":     {fft.RFFT(x.AsType(array.Complex64)), "fft.RFFT: real transforms take real input, not complex64"},
		"complex ihfft":    {fft.IHFFT(x.AsType(array.Complex128)), "fft.IHFFT: real transforms take real input"},
		"N on fftn":        {fft.FFTN(x, fft.N(3)), "fft.FFTN: the n-axis transforms take S and Axes"},
		"Axes on fft":      {fft.FFT(x, fft.Axes(0)), "fft.FFT: the one-axis transforms take N and Axis"},
		"0-d":              {fft.FFT(d.Scalar(1.0)), "fft.FFT: axis -1 is out of bounds"},
		"nil":              {fft.FFT(nil), "nil array"},
		"sticky":           {fft.FFT(fft.FFT(x, fft.N(0))), "fft.FFT: invalid number"},
		"freq n":           {fft.FFTFreq(0, 1), "fft.FFTFreq: n must be at least 1"},
		"shift axis":       {fft.FFTShift(x, 3), "axis 3 is out of bounds"},
	} {
		require.Error(t, c.got.Err(), name)
		require.Contains(t, c.got.Err().Error(), c.want, name)
	}
}

// sincosTurn returns the sine and cosine of 2π·j/n.
func sincosTurn(j, n int) (float64, float64) {
	return math.Sincos(2 * math.Pi * float64(j) / float64(n))
}

// NumPy 2's precision rule, which the fixtures (made by NumPy 1.24, whose
// fft always returns complex128) cannot show: single-precision inputs
// (float16 and bfloat16 included) stay single, all others are double.
func TestPrecisionRule(t *testing.T) {
	d := array.On(cpu.New(0))
	values := []float64{1, 0, 2, 5, 3, 1, 0, 4}
	x64 := array.FromSliceOn(d, values, 8)
	want := fft.FFT(x64)
	for _, c := range []struct {
		in           array.DType
		cplx, real   array.DType
		tol          float64
		complexInput bool
	}{
		{array.Bool, array.Complex128, array.Float64, 0, false},
		{array.Int8, array.Complex128, array.Float64, 1e-15, false},
		{array.Uint64, array.Complex128, array.Float64, 1e-15, false},
		{array.Int32, array.Complex128, array.Float64, 1e-15, false},
		{array.Float16, array.Complex64, array.Float32, 5e-7, false},
		{array.BFloat16, array.Complex64, array.Float32, 5e-7, false},
		{array.Float32, array.Complex64, array.Float32, 5e-7, false},
		{array.Float64, array.Complex128, array.Float64, 1e-15, false},
		{array.Complex64, array.Complex64, array.Float32, 5e-7, true},
		{array.Complex128, array.Complex128, array.Float64, 1e-15, true},
	} {
		x := x64.AsType(c.in)
		name := c.in.String()
		require.Equal(t, c.cplx, fft.FFT(x).DType(), name)
		require.Equal(t, c.cplx, fft.IFFTN(x).DType(), name)
		require.Equal(t, c.real, fft.IRFFT(x).DType(), name)
		require.Equal(t, c.real, fft.HFFT(x).DType(), name)
		if c.complexInput {
			require.Error(t, fft.RFFT(x).Err(), name)
		} else {
			require.Equal(t, c.cplx, fft.RFFT(x).DType(), name)
			require.Equal(t, c.cplx, fft.IHFFT(x).DType(), name)
		}
		if c.in != array.Bool { // the values are small integers: exact in every dtype
			closeTo(t, name, fft.FFT(x), want, 8, c.tol)
		}
	}
}

// NaN and infinity spread through a transform as through its sums.
func TestNonFinite(t *testing.T) {
	d := array.On(cpu.New(0))
	x := array.FromSliceOn(d, []float64{1, math.NaN(), 2, 3}, 4)
	got, err := array.ToSlice[complex128](fft.FFT(x))
	require.NoError(t, err)
	for _, v := range got {
		require.True(t, cmplx.IsNaN(v), "%v", got)
	}
	y := array.FromSliceOn(d, []float64{math.Inf(1), 0, 0, 0}, 4)
	got, err = array.ToSlice[complex128](fft.FFT(y))
	require.NoError(t, err)
	for _, v := range got {
		require.True(t, math.IsInf(real(v), 1), "%v", got)
	}
}

// S without Axes transforms the last len(S) axes, as NumPy does (NumPy 2
// deprecates the form, so the fixtures always give both).
func TestSWithoutAxes(t *testing.T) {
	d := array.On(cpu.New(0))
	r := rand.New(rand.NewPCG(19, 4))
	x := array.FromSliceOn(d, randomComplex(r, 4*6*5), 4, 6, 5)
	closeTo(t, "fftn", fft.FFTN(x, fft.S(5, 7)), fft.FFTN(x, fft.S(5, 7), fft.Axes(1, 2)), 120, 1e-15)
	closeTo(t, "irfftn", fft.IRFFTN(x, fft.S(3)), fft.IRFFTN(x, fft.S(3), fft.Axes(2)), 120, 1e-15)
}
