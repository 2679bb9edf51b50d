package fft_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cugo/cugo/array"
	"github.com/cugo/cugo/array/fft"
)

// FFTFreq and RFFTFreq have NumPy's bits: k·(1/(n·d)), which differs in
// the last bit from k/(n·d) for, e.g., n = 7, d = 0.3. The expected values
// are np.fft.fftfreq(7, 0.3) and np.fft.rfftfreq(7, 0.3) as NumPy prints
// them with repr (NumPy 1.24 and 2.x compute them alike).
func TestFrequenciesHaveNumPysBits(t *testing.T) {
	got, err := array.ToSlice[float64](fft.FFTFreq(7, 0.3))
	require.NoError(t, err)
	require.Equal(t, []float64{0.0, 0.47619047619047616, 0.9523809523809523, 1.4285714285714284,
		-1.4285714285714284, -0.9523809523809523, -0.47619047619047616}, got)
	got, err = array.ToSlice[float64](fft.RFFTFreq(7, 0.3))
	require.NoError(t, err)
	require.Equal(t, []float64{0.0, 0.47619047619047616, 0.9523809523809523, 1.4285714285714284}, got)
}
