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
