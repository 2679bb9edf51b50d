package fft_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cugo/cugo/array"
	"github.com/cugo/cugo/array/fft"
	"github.com/cugo/cugo/backend/cpu"
)

// A broadcast view too large to convert to complex in memory is an error
// of the transform, not an index out of range.
func TestTransformOfViewPastMemory(t *testing.T) {
	b := cpu.New(1)
	b.SetMemoryLimit(1 << 20)
	huge := array.On(b).Scalar(1.0).BroadcastTo(1<<20, 1<<20)
	for name, f := range map[string]func(*array.Array, ...fft.Option) *array.Array{
		"FFT": fft.FFT, "FFT2": fft.FFT2, "FFTN": fft.FFTN, "IFFT": fft.IFFT, "HFFT": fft.HFFT, "IRFFT": fft.IRFFT,
	} {
		err := f(huge).Err()
		require.ErrorContains(t, err, "out of memory", name)
		require.ErrorContains(t, err, "fft.", name)
	}
}

// Frequency arrays past memory are errors (they are made on the default
// device, whose limit CUGO_CPU_MEMORY sets; 2^40 float64s pass any).
func TestFrequenciesPastMemory(t *testing.T) {
	require.ErrorContains(t, fft.FFTFreq(1<<40, 1).Err(), "fft.FFTFreq: Empty:")
	require.ErrorContains(t, fft.RFFTFreq(1<<41, 1).Err(), "fft.RFFTFreq: Empty:")
	got, err := array.ToSlice[float64](fft.FFTFreq(5, 0.5))
	require.NoError(t, err)
	require.Equal(t, []float64{0, 0.4, 0.8, -0.8, -0.4}, got)
	got, err = array.ToSlice[float64](fft.RFFTFreq(4, 1))
	require.NoError(t, err)
	require.Equal(t, []float64{0, 0.25, 0.5}, got)
}
