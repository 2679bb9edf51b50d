package cgen

import (
	"testing"

	"github.com/cugo/cugo/dtype"
	"github.com/cugo/cugo/internal/kerneltest"
	"github.com/stretchr/testify/require"
)

// The histogram kernels compile for both vendors, and the dtypes they
// do not take are refused.
func TestHistogramKernelsCompile(t *testing.T) {
	// the dtypes differ only in the element's C type: one of each kind
	dts := []dtype.DType{dtype.Int8, dtype.Uint64, dtype.Float32, dtype.Float64}
	t.Run("cuda", func(t *testing.T) {
		kerneltest.NeedNVRTC(t)
		for _, dt := range dts {
			code, err := RenderHistogram(dt)
			require.NoError(t, err)
			require.NoError(t, kerneltest.CompileCUDA(code), "%v", dt)
		}
	})
	t.Run("hip", func(t *testing.T) {
		kerneltest.NeedHIPRTC(t)
		for _, dt := range []dtype.DType{dtype.Int64, dtype.Float32} {
			code, err := RenderHistogram(dt)
			require.NoError(t, err)
			_, err = kerneltest.HIP(code, "gfx90a")
			require.NoError(t, err, "%v", dt)
		}
	})
	for _, dt := range []dtype.DType{dtype.Bool, dtype.Float16, dtype.BFloat16, dtype.Complex64} {
		_, err := RenderHistogram(dt)
		require.ErrorContains(t, err, "histogram", "%v", dt)
	}
}
