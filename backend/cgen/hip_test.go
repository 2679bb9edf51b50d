package cgen

import (
	"testing"
	"time"

	"github.com/cugo/cugo/internal/kerneltest"
)

// TestHIPFlavourCompiles compiles every kernel's HIP flavour with hiprtc
// for gfx90a (HIP 5 carries hiprtc inside libamdhip64, which CI installs).
func TestHIPFlavourCompiles(t *testing.T) {
	kerneltest.NeedHIPRTC(t)
	us := append(opKernels(), mixedKernels()...)
	t0 := time.Now()
	compileAll(t, us, 120, HIP, kerneltest.CompileHIP)
	t.Logf("%d kernels compiled by hiprtc for gfx90a in %v", len(us), time.Since(t0))
}
