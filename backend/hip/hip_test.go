package hip

import (
	"errors"
	"strings"
	"testing"

	"github.com/cugo/cugo/backend"
	"github.com/cugo/cugo/backend/cgen"
	"github.com/cugo/cugo/dtype"
	"github.com/cugo/cugo/hiprtc"
	"github.com/cugo/cugo/internal/gputest"
	"github.com/cugo/cugo/internal/ir"
)

// Without an AMD GPU, Open fails with ErrUnavailable and the runtime's
// reason (CI has libamdhip64 and no GPU); with one it opens.
func TestOpen(t *testing.T) {
	b, err := backend.Open("hip", 0)
	if err != nil {
		if !errors.Is(err, backend.ErrUnavailable) {
			t.Fatalf("Open: %v does not wrap backend.ErrUnavailable", err)
		}
		if !strings.HasPrefix(err.Error(), "hip: open device 0: ") {
			t.Errorf("Open: %q does not say what failed", err)
		}
		if gputest.Required("hip") {
			t.Fatalf("Open: %v", err)
		}
		t.Logf("no AMD GPU here: %v", err)
		return
	}
	if d := b.Device(); d.Kind != "hip" || d.Name == "" || !strings.HasPrefix(d.Arch, "gfx") || d.Memory <= 0 || d.Units <= 0 {
		t.Errorf("Device() = %+v", d)
	}
	if _, err := backend.Open("hip", 1<<20); !errors.Is(err, backend.ErrUnavailable) {
		t.Errorf("Open of device 2^20: %v, want ErrUnavailable", err)
	}
}

// The kernels of this backend compile with its hiprtc options for gfx90a.
func TestKernelsCompileWithBackendOptions(t *testing.T) {
	_, _, err := hiprtc.Version()
	gputest.Need(t, "hip", err)
	f := dtype.Float32
	k := &ir.Kernel{
		Inputs:  []dtype.DType{f, f},
		Scalars: []dtype.DType{f},
		Outputs: []*ir.Node{ir.Apply(ir.Add, f, ir.Apply(ir.Mul, f, ir.In(0, f), ir.Param(0, f)), ir.In(1, f))},
	}
	for _, l := range []cgen.Layout{{Contiguous: true, Broadcast: 2}, {NDim: 3, Index64: true}} {
		src, err := cgen.Render(k, l, cgen.HIP)
		if err != nil {
			t.Fatal(err)
		}
		res, err := hiprtc.Compile(src.Code, compileOptions(src.Entry, "gfx90a"))
		if err != nil {
			t.Fatalf("%v: %v", l, err)
		}
		if !strings.Contains(string(res.Code), src.Entry) {
			t.Errorf("%v: the code object lacks %s", l, src.Entry)
		}
	}
}
