package cgen

import (
	"testing"

	"github.com/cugo/cugo/dtype"
	"github.com/cugo/cugo/internal/kerneltest"
	"github.com/stretchr/testify/require"
)

var sortDTypes = []dtype.DType{dtype.Bool, dtype.Int8, dtype.Int16, dtype.Int32, dtype.Int64,
	dtype.Uint8, dtype.Uint16, dtype.Uint32, dtype.Uint64, dtype.Float16, dtype.BFloat16,
	dtype.Float32, dtype.Float64}

// Every sort module (each dtype, 32- and 64-bit indices) compiles with
// NVRTC for compute_80.
func TestSortKernelsCompile(t *testing.T) {
	kerneltest.NeedNVRTC(t)
	for _, dt := range sortDTypes {
		for _, wide := range []bool{false, true} {
			code, err := RenderSort(dt, wide, CUDA, 32)
			require.NoError(t, err)
			if err := kerneltest.CompileCUDA(code); err != nil {
				t.Errorf("%v (64-bit indices %v): %v", dt, wide, err)
			}
		}
	}
}

// The HIP flavour compiles for wavefronts of 64 (gfx90a) and 32
// (gfx1030) lanes, and refuses a target of the other width.
func TestSortKernelsHIPFlavourCompile(t *testing.T) {
	kerneltest.NeedHIPRTC(t)
	for _, c := range []struct {
		target string
		warp   int
		dts    []dtype.DType
	}{{"gfx90a", 64, sortDTypes}, {"gfx1030", 32, []dtype.DType{dtype.Float32, dtype.Int64}}} {
		for _, dt := range c.dts {
			code, err := RenderSort(dt, dt == dtype.Float64, HIP, c.warp)
			require.NoError(t, err)
			require.NotContains(t, code, "_sync(")
			_, err = kerneltest.HIP(code, c.target)
			require.NoError(t, err, "sort of %v for %s", dt, c.target)
		}
	}
	code, err := RenderSort(dtype.Float32, false, HIP, 32)
	require.NoError(t, err)
	_, err = kerneltest.HIP(code, "gfx90a")
	require.ErrorContains(t, err, "wavefronts of 32 lanes")
}

func TestRenderSortRefuses(t *testing.T) {
	for _, dt := range []dtype.DType{dtype.Complex64, dtype.Complex128, 0} {
		_, err := RenderSort(dt, false, CUDA, 32)
		require.ErrorContains(t, err, "sort", "%v", dt)
	}
	_, err := RenderSort(dtype.Float32, false, CUDA, 64)
	require.ErrorContains(t, err, "sort")
}

// The bincount kernels compile for both vendors.
func TestBincountKernelsCompile(t *testing.T) {
	t.Run("cuda", func(t *testing.T) {
		kerneltest.NeedNVRTC(t)
		require.NoError(t, kerneltest.CompileCUDA(RenderBincount()))
	})
	t.Run("hip", func(t *testing.T) {
		kerneltest.NeedHIPRTC(t)
		_, err := kerneltest.HIP(RenderBincount(), "gfx90a")
		require.NoError(t, err)
	})
}
