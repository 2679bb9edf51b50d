package cgen

import (
	"testing"

	"github.com/cugo/cugo/dtype"
	"github.com/cugo/cugo/internal/kerneltest"
	"github.com/stretchr/testify/require"
)

// runsItemsTried are counts of items a thread besides the default, so
// that the kernels stay right for any count.
var runsItemsTried = []int{1, 2, DefaultRunsItems, 8}

// The run kernels compile with NVRTC for compute_80 for every dtype a
// sort takes, and for int32 and float64 at every items a thread tried.
func TestRunsKernelsCompile(t *testing.T) {
	kerneltest.NeedNVRTC(t)
	for _, dt := range sortDTypes {
		code, err := RenderRuns(dt, CUDA, 32, DefaultRunsItems)
		require.NoError(t, err)
		if err := kerneltest.CompileCUDA(code); err != nil {
			t.Errorf("%v: %v", dt, err)
		}
	}
	for _, dt := range []dtype.DType{dtype.Int32, dtype.Float64} {
		for _, items := range runsItemsTried {
			code, err := RenderRuns(dt, CUDA, 32, items)
			require.NoError(t, err)
			if err := kerneltest.CompileCUDA(code); err != nil {
				t.Errorf("%v, %d items: %v", dt, items, err)
			}
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
		code, err := RenderRuns(c.dt, HIP, c.warp, DefaultRunsItems)
		require.NoError(t, err)
		require.NotContains(t, code, "_sync(")
		_, err = kerneltest.HIP(code, c.target)
		require.NoError(t, err, "%v for %s", c.dt, c.target)
	}
	code, err := RenderRuns(dtype.Int32, HIP, 32, DefaultRunsItems)
	require.NoError(t, err)
	_, err = kerneltest.HIP(code, "gfx90a")
	require.ErrorContains(t, err, "wavefronts of 32 lanes")
}

func TestRenderRunsRefuses(t *testing.T) {
	for _, c := range []struct {
		dt          dtype.DType
		warp, items int
	}{{dtype.Complex64, 32, 4}, {dtype.Int32, 64, 4}, {dtype.Int32, 32, 0}, {dtype.Int32, 32, 17}} {
		_, err := RenderRuns(c.dt, CUDA, c.warp, c.items)
		require.ErrorContains(t, err, "runs", "%v warp %d items %d", c.dt, c.warp, c.items)
	}
}
