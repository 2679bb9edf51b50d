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

// The 2-D functions transform axes (-2, -1) unless Axes says otherwise, as
// NumPy's fft2(a, s, axes=(-2, -1)): an S of another length is an error
// ("Shape and axes have different lengths"), not a transform over the last
// len(S) axes, and an S of length two pads or cuts those two axes.
func TestTwoDimensionalDefaultAxes(t *testing.T) {
	d := array.On(cpu.New(0))
	r := rand.New(rand.NewPCG(5, 6))
	x := array.FromSliceOn(d, randomReal(r, 3*4*5), 3, 4, 5)
	for name, f := range map[string]func(*array.Array, ...fft.Option) *array.Array{
		"FFT2": fft.FFT2, "IFFT2": fft.IFFT2, "RFFT2": fft.RFFT2, "IRFFT2": fft.IRFFT2,
	} {
		for _, s := range [][]int{{7}, {2, 2, 2}, {}} {
			require.ErrorContains(t, f(x, fft.S(s...)).Err(), "different lengths", "%s %v", name, s)
		}
		require.NoError(t, f(x, fft.S(2, 2, 2), fft.Axes(0, 1, 2)).Err(), name)
	}
	// fft2 with s=(2, 6) over axes (-2, -1): a direct 2-D DFT in float64 of
	// each of the three planes cut to 2 rows and padded to 6 columns.
	v, err := array.ToSlice[float64](x)
	require.NoError(t, err)
	got, err := array.ToSlice[complex128](fft.FFT2(x, fft.S(2, 6)))
	require.NoError(t, err)
	require.Len(t, got, 3*2*6)
	want := make([]complex128, 0, len(got))
	for p := range 3 {
		plane := make([]complex128, 2*6)
		for i := range 2 {
			for j := range 5 {
				plane[i*6+j] = complex(v[p*20+i*5+j], 0)
			}
		}
		want = append(want, dft2(plane, 2, 6)...)
	}
	for i := range want {
		require.InDelta(t, real(want[i]), real(got[i]), 1e-12, "element %d", i)
		require.InDelta(t, imag(want[i]), imag(got[i]), 1e-12, "element %d", i)
	}
}

// dft2 is the unnormalized 2-D DFT of a rows×cols matrix by its
// definition, in float64.
func dft2(x []complex128, rows, cols int) []complex128 {
	out := make([]complex128, len(x))
	for k := range rows {
		for l := range cols {
			var sum complex128
			for i := range rows {
				for j := range cols {
					angle := -2 * math.Pi * (float64(k*i)/float64(rows) + float64(l*j)/float64(cols))
					sum += x[i*cols+j] * cmplx.Rect(1, angle)
				}
			}
			out[k*cols+l] = sum
		}
	}
	return out
}

// In NumPy 2, an S of -1 means the input's length on every axis, the last
// axis of an inverse real transform included: irfftn(a, s=(-1, -1)) of a
// (3, 5) array gives (3, 5) (its last axis read from 5//2+1 = 3 values),
// not the default (3, 8). Checked against the same transform with the
// lengths spelled out.
func TestInverseRealKeepsLengthForMinusOne(t *testing.T) {
	d := array.On(cpu.New(0))
	r := rand.New(rand.NewPCG(7, 8))
	x := array.FromSliceOn(d, randomComplex(r, 15), 3, 5)
	for name, f := range map[string]func(*array.Array, ...fft.Option) *array.Array{
		"IRFFTN": fft.IRFFTN, "IRFFT2": fft.IRFFT2,
	} {
		got := f(x, fft.S(-1, -1))
		require.NoError(t, got.Err(), name)
		require.Equal(t, []int{3, 5}, got.Shape(), name)
		want, err := array.ToSlice[float64](f(x, fft.S(3, 5)))
		require.NoError(t, err)
		g, err := array.ToSlice[float64](got)
		require.NoError(t, err)
		require.Equal(t, want, g, name)
		require.Equal(t, []int{3, 8}, f(x).Shape(), name)
	}
	// The last axis by hand: irfft of [c0, c1, c2] to 5 points is
	// (c0 + 2 Re Σ_k c_k e^{2πi jk/5}) / 5 for k = 1, 2.
	row := randomComplex(r, 3)
	got, err := array.ToSlice[float64](fft.IRFFTN(array.FromSliceOn(d, row, 1, 3), fft.S(-1, 5)))
	require.NoError(t, err)
	for j := range 5 {
		v := real(row[0])
		for k := 1; k <= 2; k++ {
			v += 2 * real(row[k]*cmplx.Rect(1, 2*math.Pi*float64(j*k)/5))
		}
		require.InDelta(t, v/5, got[j], 1e-14, "point %d", j)
	}
}
