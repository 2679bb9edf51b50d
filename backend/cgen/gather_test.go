package cgen

import (
	"strings"
	"testing"

	"github.com/cugo/cugo/internal/kerneltest"
	"github.com/stretchr/testify/require"
)

// Every indexed kernel must compile for compute_80 with the NVRTC CI has.
func TestIndexedKernelsCompile(t *testing.T) {
	kerneltest.NeedNVRTC(t)
	var code []string
	for _, size := range []int{1, 2, 4, 8, 16} {
		for _, nd := range []int{1, 2, 3, 5} {
			for _, scatter := range []bool{false, true} {
				s, err := RenderGather(size, nd, scatter)
				if err != nil {
					t.Fatal(err)
				}
				if err := kerneltest.CompileCUDA(s.Code); err != nil {
					t.Errorf("%s: %v", s.Entry, err)
				}
				code = append(code, s.Entry)
			}
		}
	}
	compact, err := RenderCompact(CUDA, 32)
	if err != nil {
		t.Fatal(err)
	}
	if err := kerneltest.CompileCUDA(compact); err != nil {
		t.Errorf("compaction: %v", err)
	}
	t.Logf("%d gather/scatter kernels and the compaction compiled", len(code))
}

// The HIP flavour of every indexed kernel compiles with hiprtc: the
// compaction for wavefronts of 64 (gfx90a) and of 32 (gfx1030), and a
// compaction of the wrong width for a target refuses to compile.
func TestIndexedKernelsHIPFlavourCompile(t *testing.T) {
	kerneltest.NeedHIPRTC(t)
	var module strings.Builder
	for _, size := range []int{1, 2, 4, 8, 16} {
		for _, nd := range []int{1, 3} {
			for _, scatter := range []bool{false, true} {
				s, err := RenderGather(size, nd, scatter)
				if err != nil {
					t.Fatal(err)
				}
				code := s.Code
				if module.Len() > 0 { // one module: the shared types once
					code = code[strings.Index(code, "struct "+s.Entry):]
				}
				module.WriteString(code)
			}
		}
	}
	if _, err := kerneltest.HIP(module.String(), "gfx90a"); err != nil {
		t.Errorf("gather and scatter: %v", err)
	}
	for _, c := range []struct {
		target string
		warp   int
	}{{"gfx90a", 64}, {"gfx1030", 32}} {
		code, err := RenderCompact(HIP, c.warp)
		require.NoError(t, err)
		require.NotContains(t, code, "_sync(")
		_, err = kerneltest.HIP(code, c.target)
		require.NoError(t, err, "compaction for %s", c.target)
	}
	code, err := RenderCompact(HIP, 32)
	require.NoError(t, err)
	_, err = kerneltest.HIP(code, "gfx90a")
	require.ErrorContains(t, err, "wavefronts of 32 lanes")
}

func TestRenderCompactRefusesOtherWarps(t *testing.T) {
	for _, c := range []struct {
		v    Vendor
		warp int
	}{{CUDA, 64}, {CUDA, 16}, {HIP, 128}} {
		_, err := RenderCompact(c.v, c.warp)
		require.ErrorContains(t, err, "compact", "%v warp %d", c.v, c.warp)
	}
}

func TestRenderGatherRefuses(t *testing.T) {
	for _, c := range []struct{ size, nd int }{{3, 1}, {4, 0}, {4, maxNDim + 1}} {
		if _, err := RenderGather(c.size, c.nd, false); err == nil || !strings.Contains(err.Error(), "gather") {
			t.Errorf("RenderGather(%d, %d): err = %v", c.size, c.nd, err)
		}
	}
}
