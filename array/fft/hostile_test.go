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
