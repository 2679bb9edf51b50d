package fft_test

import (
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cugo/cugo/array"
	"github.com/cugo/cugo/array/fft"
	"github.com/cugo/cugo/backend"
	"github.com/cugo/cugo/backend/cpu"
	"github.com/cugo/cugo/internal/gputest"
)

// The GPU transforms give NumPy's values in every layout (strided plans,
// the copy fallback, in-place passes) and precision.
func TestNumPyFixturesGPU(t *testing.T) {
	gputest.EachGPU(t, func(t *testing.T, gb backend.Backend) { checkFixtures(t, array.On(gb)) })
}

// Flipped (negative-stride) input takes the copy path; the result matches
// the CPU's.
func TestGPUFlippedInput(t *testing.T) {
	gputest.EachGPU(t, func(t *testing.T, gb backend.Backend) {
		d := array.On(gb)
		r := rand.New(rand.NewPCG(19, 3))
		host := randomComplex(r, 6*40)
		x := array.FromSliceOn(d, host, 6, 40)
		onCPU := array.FromSliceOn(array.On(cpu.New(0)), host, 6, 40)
		for _, axes := range [][]int{{1}, {0}, {0, 1}} {
			got := fft.FFTN(array.Flip(x, axes...), fft.Axes(axes...))
			want := fft.FFTN(array.Flip(onCPU, axes...), fft.Axes(axes...))
			closeTo(t, "flipped", got.To(onCPU.Backend()), want, 240, 1e-15)
		}
	})
}

// A repeated transform reuses its plan; the cache stays within its
// limits; clearing releases every plan.
func TestGPUPlanCache(t *testing.T) {
	gputest.EachGPU(t, func(t *testing.T, gb backend.Backend) {
		d := array.On(gb)
		require.NoError(t, fft.ClearPlanCache(d))
		x := d.Ones(array.Complex64, 8, 64)
		require.NoError(t, fft.FFT(x).Err())
		info, ok := fft.PlanCacheInfo(d)
		require.True(t, ok)
		require.Equal(t, 1, info.Plans)
		for range 3 {
			require.NoError(t, fft.FFT(x).Err())
		}
		after, _ := fft.PlanCacheInfo(d)
		require.Equal(t, info.Misses, after.Misses, "a repeated transform made a plan")
		require.Equal(t, info.Hits+3, after.Hits)

		require.NoError(t, fft.SetPlanCacheLimits(d, 2, 0))
		for n := 65; n < 70; n++ {
			require.NoError(t, fft.FFT(x, fft.N(n)).Sync())
		}
		after, _ = fft.PlanCacheInfo(d)
		require.Equal(t, 2, after.Plans)
		require.NoError(t, fft.ClearPlanCache(d))
		after, _ = fft.PlanCacheInfo(d)
		require.Equal(t, 0, after.Plans)
		require.Equal(t, 0, after.Bytes)
		require.NoError(t, fft.SetPlanCacheLimits(d, 16, 0))
	})
}

func TestPlanCacheAPIOnCPU(t *testing.T) {
	d := array.On(cpu.New(0))
	_, ok := fft.PlanCacheInfo(d)
	require.False(t, ok)
	require.NoError(t, fft.ClearPlanCache(d))
	require.ErrorContains(t, fft.SetPlanCacheLimits(d, 0, 0), "at least 1 plan")
}
