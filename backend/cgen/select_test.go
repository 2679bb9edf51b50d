package cgen

import (
	"testing"

	"github.com/cugo/cugo/dtype"
	"github.com/cugo/cugo/internal/kerneltest"
	"github.com/stretchr/testify/require"
)

// The selection kernels compile for both vendors for every element
// width and kind, and complex elements are refused.
func TestSelectKernelsCompile(t *testing.T) {
	dts := []dtype.DType{dtype.Bool, dtype.Int16, dtype.Uint32, dtype.Int64, dtype.Float16, dtype.Float32, dtype.Float64}
	t.Run("cuda", func(t *testing.T) {
		kerneltest.NeedNVRTC(t)
		for _, dt := range dts {
			code, err := RenderSelect(dt)
			require.NoError(t, err)
			require.NoError(t, kerneltest.CompileCUDA(code), "%v", dt)
		}
	})
	t.Run("hip", func(t *testing.T) {
		kerneltest.NeedHIPRTC(t)
		for _, dt := range []dtype.DType{dtype.Int16, dtype.Float32, dtype.Float64} {
			code, err := RenderSelect(dt)
			require.NoError(t, err)
			_, err = kerneltest.HIP(code, "gfx90a")
			require.NoError(t, err, "%v", dt)
		}
	})
	_, err := RenderSelect(dtype.Complex64)
	require.ErrorContains(t, err, "select")
}
