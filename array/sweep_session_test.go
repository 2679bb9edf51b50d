package array

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cugo/cugo/backend/cpu"
)

// Interp of points whose float64 copy does not fit in memory reports the
// backend's error instead of dereferencing the failed copy's buffer.
func TestInterpPointsPastMemory(t *testing.T) {
	d := smallDevice()
	xp := d.Arange(1, 6, 1, Float64)
	x := d.Zeros(Float32, 1).BroadcastTo(1 << 40)
	require.ErrorContains(t, Interp(x, xp, xp).Err(), "out of memory")
	require.ErrorContains(t, Interp(x, xp, xp, InterpPeriod(2)).Err(), "out of memory")
}

// convolveReference is np.convolve's definition in float64: the full
// convolution sums a[i]·v[j] over the pairs inside both arrays only (no
// zero padding, so an infinite v spoils no more outputs than NumPy's),
// then the mode's slice of it (len(a) >= len(v)).
func convolveReference(a, v []float64, mode ConvMode) []float64 {
	n, m := len(a), len(v)
	full := make([]float64, n+m-1)
	for k := range full {
		for j := max(0, k-n+1); j <= min(k, m-1); j++ {
			full[k] += a[k-j] * v[j]
		}
	}
	switch mode {
	case ConvSame:
		return full[m-1-m/2 : m-1-m/2+n]
	case ConvValid:
		return full[m-1 : n]
	}
	return full
}

// A filter holding NaN or an infinity spoils only the outputs whose sums
// read it: the zeros padding the signal at the ends are not multiplied
// by it (0·inf would be NaN), on the CPU and on a device's direct kernel
// (emulated), below and above the FFT's filter length.
func TestConvolveNonFiniteFilterEnds(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 9))
	devices := map[string]*Device{"cpu": DefaultDevice(), "kernel": On(&correlateEmulator{Backend: cpu.New(0)})}
	for name, d := range devices {
		for _, m := range []int{2, 5, convFFTMin + 3} {
			n := m + rng.IntN(20)
			a := make([]float64, n)
			for i := range a {
				a[i] = math.Round(rng.Float64()*20-10) / 4
			}
			v := make([]float64, m)
			for i := range v {
				v[i] = math.Round(rng.Float64()*20-10) / 4
			}
			v[rng.IntN(m)] = []float64{math.Inf(1), math.Inf(-1), math.NaN()}[rng.IntN(3)]
			for _, mode := range []ConvMode{ConvFull, ConvSame, ConvValid} {
				for _, dt := range []DType{Float64, Float32} {
					want := convolveReference(a, v, mode)
					got, err := ToSlice[float64](Convolve(FromSliceOn(d, a).AsType(dt), FromSliceOn(d, v).AsType(dt), mode).AsType(Float64))
					require.NoError(t, err)
					rev := slices.Clone(v)
					slices.Reverse(rev)
					gotCorr, err := ToSlice[float64](Correlate(FromSliceOn(d, a).AsType(dt), FromSliceOn(d, rev).AsType(dt), mode).AsType(Float64))
					require.NoError(t, err)
					for i, w := range want {
						for _, g := range []float64{got[i], gotCorr[i]} {
							if math.IsNaN(w) || math.IsInf(w, 0) {
								require.True(t, g == w || math.IsNaN(w) && math.IsNaN(g), "%s m=%d %v %v [%d]: %v, want %v", name, m, mode, dt, i, g, w)
								continue
							}
							// a float32 sum of m products of quarters: exact
							// up to float32's rounding of partial sums.
							require.InDelta(t, w, g, 1e-4*float64(m), "%s m=%d %v %v [%d]", name, m, mode, dt, i)
						}
					}
				}
			}
		}
	}
}

// Compress of a 0-d array along an axis takes it as one element, as
// NumPy's axis check does (np.compress([True], np.array(4), axis=-1) is
// array([4])); an axis past 1-d is still an error.
func TestCompressZeroDim(t *testing.T) {
	a := Scalar(int64(4))
	for _, axis := range []int{0, -1} {
		got := Compress(FromSlice([]bool{true}), a, axis)
		require.NoError(t, got.Err())
		require.Equal(t, []int{1}, got.Shape())
		v, err := ToSlice[int64](got)
		require.NoError(t, err)
		require.Equal(t, []int64{4}, v)
	}
	empty := Compress(FromSlice([]bool{}), Scalar(4.5), 0)
	require.NoError(t, empty.Err())
	require.Equal(t, []int{0}, empty.Shape())
	require.Equal(t, Float64, empty.DType())
	require.ErrorContains(t, Compress(FromSlice([]bool{true}), a, 1).Err(), "out of bounds")
	require.ErrorContains(t, Compress(FromSlice([]bool{true, true}), a, 0).Err(), "out of bounds")
}

// Flatnonzero, Extract and Compress of an empty view whose offset lies
// past its (empty) buffer give empty positions instead of the backend's
// out-of-range error.
func TestNonzeroOfEmptyOffsetView(t *testing.T) {
	a := Zeros(Bool, 2, 0)
	v := Stack([]*Array{a, a}, -1).Index(Ellipsis, I(1)) // offset 1 into 0 elements
	require.Equal(t, []int{2, 0}, v.Shape())
	for name, got := range map[string]*Array{
		"Flatnonzero": Flatnonzero(v),
		"Extract":     Extract(v, Ones(Float32, 2, 0)),
		"Compress":    Compress(v.Index(I(0)), Ones(Float32, 3), 0),
	} {
		require.NoError(t, got.Err(), name)
		require.Equal(t, 0, got.Size(), name)
	}
}
