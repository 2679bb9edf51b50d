package cuda

import (
	"errors"
	"strings"
	"testing"

	"github.com/cugo/cugo/backend"
	"github.com/cugo/cugo/backend/cgen"
	"github.com/cugo/cugo/driver"
	"github.com/cugo/cugo/internal/gputest"
	"github.com/cugo/cugo/internal/kerneltest"
	"github.com/cugo/cugo/nvrtc"
)

// Without a GPU (or a driver), Open fails with ErrUnavailable and the
// driver's reason; with one it opens.
func TestOpen(t *testing.T) {
	b, err := backend.Open("cuda", 0)
	if err != nil {
		if !errors.Is(err, backend.ErrUnavailable) {
			t.Fatalf("Open: %v does not wrap backend.ErrUnavailable", err)
		}
		if gputest.Required("cuda") {
			t.Fatalf("Open: %v", err)
		}
		t.Logf("no GPU here: %v", err)
		return
	}
	if d := b.Device(); d.Kind != "cuda" || d.Name == "" || !strings.HasPrefix(d.Arch, "sm_") || d.Memory <= 0 || d.Units <= 0 {
		t.Errorf("Device() = %+v", d)
	}
	if _, err := backend.Open("cuda", 1<<20); !errors.Is(err, backend.ErrUnavailable) {
		t.Errorf("Open of device 2^20: %v, want ErrUnavailable", err)
	}
}

// The kernels of this backend compile with its options (PTX for compute_80
// here: the NVRTC on machines without a GPU may not know newer ones).
func TestKernelsCompileWithBackendOptions(t *testing.T) {
	_, _, err := nvrtc.Version()
	gputest.Need(t, "cuda", err)
	for _, l := range []cgen.Layout{{Contiguous: true, Broadcast: 2}, {NDim: 3, Index64: true}} {
		src, err := cgen.Render(kerneltest.AddScaled(), l, cgen.CUDA)
		if err != nil {
			t.Fatal(err)
		}
		res, err := nvrtc.Compile(src.Code, compileOptions(src.Entry, 80, false))
		if err != nil {
			t.Fatalf("%v: %v", l, err)
		}
		if !strings.Contains(string(res.Code), src.Entry) {
			t.Errorf("%v: the PTX lacks %s", l, src.Entry)
		}
	}
}

// A device that reaches another's memory gets access to its memory pool
// too, so that peer copies of pool memory go device to device.
func TestReachGrantsPoolAccess(t *testing.T) {
	if _, err := Open(0); err != nil {
		gputest.Need(t, "cuda", err)
	}
	if n, err := driver.DeviceCount(); err != nil || n < 2 {
		t.Skipf("needs two GPUs: found %d", n)
	}
	open := func(ordinal int) *device {
		d, err := Open(ordinal)
		if err != nil {
			t.Fatal(err)
		}
		return d.(*device)
	}
	d0, d1 := open(0), open(1)
	src, ok := d0.pool.(*memPool)
	if !ok {
		t.Skip("device 0 allocates without a memory pool")
	}
	dev1 := d1.ctx.Device()
	can, err := dev1.CanAccessPeer(d0.ctx.Device())
	if err != nil {
		t.Fatal(err)
	}
	reach, err := d1.reaches(d0)
	if err != nil || reach != can {
		t.Fatalf("reaches = %v, %v; CanAccessPeer says %v", reach, err, can)
	}
	if !can {
		t.Skip("device 1 cannot reach device 0")
	}
	if a, err := src.pool.Access(dev1); err != nil || a != driver.AccessReadWrite {
		t.Errorf("device 1's access to device 0's pool = %v, %v; want read-write", a, err)
	}
}
