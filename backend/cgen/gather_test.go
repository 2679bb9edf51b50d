package cgen

import (
	"strings"
	"testing"
)

// Every indexed kernel must compile for compute_80 with the NVRTC CI has.
func TestIndexedKernelsCompile(t *testing.T) {
	needNVRTC(t)
	var code []string
	for _, size := range []int{1, 2, 4, 8, 16} {
		for _, nd := range []int{1, 2, 3, 5} {
			for _, scatter := range []bool{false, true} {
				s, err := RenderGather(size, nd, scatter)
				if err != nil {
					t.Fatal(err)
				}
				if err := nvrtcPTX(s.Code); err != nil {
					t.Errorf("%s: %v", s.Entry, err)
				}
				code = append(code, s.Entry)
			}
		}
	}
	if err := nvrtcPTX(RenderCompact()); err != nil {
		t.Errorf("compaction: %v", err)
	}
	t.Logf("%d gather/scatter kernels and the compaction compiled", len(code))
}

func TestRenderGatherRefuses(t *testing.T) {
	for _, c := range []struct{ size, nd int }{{3, 1}, {4, 0}, {4, maxNDim + 1}} {
		if _, err := RenderGather(c.size, c.nd, false); err == nil || !strings.Contains(err.Error(), "gather") {
			t.Errorf("RenderGather(%d, %d): err = %v", c.size, c.nd, err)
		}
	}
}
