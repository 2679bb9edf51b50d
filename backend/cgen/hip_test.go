package cgen

import (
	"testing"
	"time"

	"github.com/cugo/cugo/hiprtc"
	"github.com/cugo/cugo/internal/gputest"
)

// TestHIPFlavourCompiles compiles every kernel's HIP flavour with hiprtc
// for gfx90a (HIP 5 carries hiprtc inside libamdhip64, which CI installs).
func TestHIPFlavourCompiles(t *testing.T) {
	_, _, err := hiprtc.Version()
	gputest.Need(t, "hip", err)
	us := append(opKernels(), mixedKernels()...)
	t0 := time.Now()
	compileAll(t, us, 120, HIP, func(code string) error {
		_, err := hiprtc.Compile(code, hiprtc.Options{Name: "cugo.hip", Target: "gfx90a"})
		return err
	})
	t.Logf("%d kernels compiled by hiprtc for gfx90a in %v", len(us), time.Since(t0))
}
