package cgen

import (
	"testing"

	"github.com/cugo/cugo/dtype"
	"github.com/cugo/cugo/internal/kerneltest"
	"github.com/stretchr/testify/require"
)

// The histogram kernels compile for both vendors with every count of
// copies of the bins, and the dtypes and copies they do not take are
// refused.
func TestHistogramKernelsCompile(t *testing.T) {
	// the dtypes differ only in the element's C type: one of each kind
	dts := []dtype.DType{dtype.Int8, dtype.Uint64, dtype.Float32, dtype.Float64}
	t.Run("cuda", func(t *testing.T) {
		kerneltest.NeedNVRTC(t)
		for i, dt := range dts {
			code, err := RenderHistogram(dt, 1<<i)
			require.NoError(t, err)
			require.NoError(t, kerneltest.CompileCUDA(code), "%v", dt)
		}
		for _, copies := range []int{2, 16, 32} {
			code, err := RenderHistogram(dtype.Float32, copies)
			require.NoError(t, err)
			require.NoError(t, kerneltest.CompileCUDA(code), "%d copies", copies)
		}
	})
	t.Run("hip", func(t *testing.T) {
		kerneltest.NeedHIPRTC(t)
		for _, dt := range []dtype.DType{dtype.Int64, dtype.Float32} {
			code, err := RenderHistogram(dt, 8)
			require.NoError(t, err)
			_, err = kerneltest.HIP(code, "gfx90a")
			require.NoError(t, err, "%v", dt)
		}
	})
	for _, dt := range []dtype.DType{dtype.Bool, dtype.Float16, dtype.BFloat16, dtype.Complex64} {
		_, err := RenderHistogram(dt, 1)
		require.ErrorContains(t, err, "histogram", "%v", dt)
	}
	for _, copies := range []int{0, 33} {
		_, err := RenderHistogram(dtype.Float32, copies)
		require.ErrorContains(t, err, "copies")
	}
}
