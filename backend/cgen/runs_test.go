package cgen

import (
	"testing"

	"github.com/cugo/cugo/dtype"
	"github.com/cugo/cugo/internal/kerneltest"
	"github.com/stretchr/testify/require"
)

// The run kernels compile with NVRTC for compute_80 for every dtype a
// sort takes.
func TestRunsKernelsCompile(t *testing.T) {
	kerneltest.NeedNVRTC(t)
	for _, dt := range sortDTypes {
		code, err := RenderRuns(dt, CUDA, 32)
		require.NoError(t, err)
		if err := kerneltest.CompileCUDA(code); err != nil {
			t.Errorf("%v: %v", dt, err)
		}
	}
}

// The HIP flavour compiles with hiprtc for wavefronts of 64 (gfx90a) and
// 32 (gfx1030), and refuses a target of the other width.
func TestRunsKernelsHIPFlavourCompile(t *testing.T) {
	kerneltest.NeedHIPRTC(t)
	for _, c := range []struct {
		dt     dtype.DType
		target string
		warp   int
	}{{dtype.Int32, "gfx90a", 64}, {dtype.Float16, "gfx90a", 64}, {dtype.Float64, "gfx1030", 32}, {dtype.Bool, "gfx1030", 32}} {
		code, err := RenderRuns(c.dt, HIP, c.warp)
		require.NoError(t, err)
		require.NotContains(t, code, "_sync(")
		_, err = kerneltest.HIP(code, c.target)
		require.NoError(t, err, "%v for %s", c.dt, c.target)
	}
	code, err := RenderRuns(dtype.Int32, HIP, 32)
	require.NoError(t, err)
	_, err = kerneltest.HIP(code, "gfx90a")
	require.ErrorContains(t, err, "wavefronts of 32 lanes")
}

func TestRenderRunsRefuses(t *testing.T) {
	_, err := RenderRuns(dtype.Complex64, CUDA, 32)
	require.ErrorContains(t, err, "runs")
	_, err = RenderRuns(dtype.Int32, CUDA, 64)
	require.ErrorContains(t, err, "runs")
}
