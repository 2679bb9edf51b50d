package hip_test

import (
	"errors"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/cugo/cugo/hip"
	"github.com/cugo/cugo/hiprtc"
	"github.com/cugo/cugo/internal/gputest"
	"github.com/cugo/cugo/loader"
)

// device returns GPU 0's context, or skips (fails under CUGO_REQUIRE=hip).
func device(t *testing.T) *hip.Context {
	t.Helper()
	d, err := hip.DeviceGet(0)
	gputest.Need(t, "hip", err)
	c, err := d.PrimaryContext()
	gputest.Need(t, "hip", err)
	return c
}

func TestDeviceProperties(t *testing.T) {
	c := device(t)
	d := c.Device()
	name, err := d.Name()
	if err != nil || name == "" {
		t.Fatalf("Name() = %q, %v", name, err)
	}
	arch, err := d.ArchName()
	if err != nil || !strings.HasPrefix(arch, "gfx") {
		t.Fatalf("ArchName() = %q, %v", arch, err)
	}
	mem, err := d.TotalMem()
	if err != nil || mem < 1<<30 {
		t.Fatalf("TotalMem() = %d, %v", mem, err)
	}
	cus, err := d.MultiprocessorCount()
	if err != nil || cus <= 0 {
		t.Fatalf("MultiprocessorCount() = %d, %v", cus, err)
	}
	warp, err := d.WarpSize()
	if err != nil || warp != 32 && warp != 64 {
		t.Fatalf("WarpSize() = %d, %v", warp, err)
	}
	if strings.HasPrefix(arch, "gfx9") && warp != 64 {
		t.Errorf("%s (CDNA/GCN) has wavefront 64, got %d", arch, warp)
	}
	// A wrong attribute numbering would give values outside these ranges.
	if got, err := d.Attribute(hip.AttrMaxThreadsPerBlock); err != nil || got < 256 || got > 1024 {
		t.Errorf("AttrMaxThreadsPerBlock = %d, %v", got, err)
	}
	free, total, err := c.MemGetInfo()
	if err != nil || total != mem || free > total {
		t.Errorf("MemGetInfo() = %d, %d, %v (TotalMem %d)", free, total, err, mem)
	}
	t.Logf("%s %s: %d CUs, wavefront %d, %d MiB", name, arch, cus, warp, mem>>20)
}

func TestMemoryRoundTrip(t *testing.T) {
	c := device(t)
	src := make([]float32, 1<<16)
	for i := range src {
		src[i] = rand.Float32()
	}
	p, err := c.MemAlloc(len(src) * 4)
	if err != nil {
		t.Fatal(err)
	}
	defer c.MemFree(p)
	q, err := c.MemAlloc(len(src) * 4)
	if err != nil {
		t.Fatal(err)
	}
	defer c.MemFree(q)
	if err := hip.CopyHtoD(c, p, src); err != nil {
		t.Fatal(err)
	}
	if err := c.MemcpyDtoD(q, p, len(src)*4); err != nil {
		t.Fatal(err)
	}
	got := make([]float32, len(src))
	if err := hip.CopyDtoH(c, got, q); err != nil {
		t.Fatal(err)
	}
	for i := range src {
		if got[i] != src[i] {
			t.Fatalf("element %d: %v, want %v", i, got[i], src[i])
		}
	}
	if err := c.MemsetD32(q, math.Float32bits(7), len(src)); err != nil {
		t.Fatal(err)
	}
	if err := hip.CopyDtoH(c, got, q); err != nil {
		t.Fatal(err)
	}
	if got[0] != 7 || got[len(got)-1] != 7 {
		t.Fatalf("after MemsetD32: %v ... %v", got[0], got[len(got)-1])
	}
}

func TestAsyncCopiesPinnedMemoryAndEvents(t *testing.T) {
	c := device(t)
	s, err := c.NewStream(hip.StreamDefault, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Destroy()
	host, err := c.HostAlloc(1 << 20)
	if err != nil {
		t.Fatal(err)
	}
	defer host.Free()
	b := host.Bytes()
	for i := range b {
		b[i] = byte(rand.Uint32())
	}
	want := append([]byte(nil), b...)
	p, err := c.MemAlloc(len(b))
	if err != nil {
		t.Fatal(err)
	}
	defer c.MemFree(p)
	start, _ := c.NewEvent(hip.EventDefault)
	end, _ := c.NewEvent(hip.EventDefault)
	defer start.Destroy()
	defer end.Destroy()
	if err := start.Record(s); err != nil {
		t.Fatal(err)
	}
	if err := hip.CopyHtoDAsync(s, p, b); err != nil {
		t.Fatal(err)
	}
	if err := s.MemsetD8Async(p, 0xab, 16); err != nil {
		t.Fatal(err)
	}
	clear(b)
	if err := hip.CopyDtoHAsync(s, b, p); err != nil {
		t.Fatal(err)
	}
	if err := end.Record(s); err != nil {
		t.Fatal(err)
	}
	if err := end.Synchronize(); err != nil {
		t.Fatal(err)
	}
	if done, err := s.Query(); err != nil || !done {
		t.Fatalf("Query after sync = %v, %v", done, err)
	}
	for i := range want {
		w := want[i]
		if i < 16 {
			w = 0xab
		}
		if b[i] != w {
			t.Fatalf("byte %d: %#x, want %#x", i, b[i], w)
		}
	}
	if d, err := start.Elapsed(end); err != nil || d <= 0 {
		t.Fatalf("Elapsed = %v, %v", d, err)
	}
}

const saxpy = `extern "C" __global__ void saxpy(float a, const float* x, float* y, int n) {
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n) y[i] = a * x[i] + y[i];
}`

// TestCompileLoadLaunch compiles with hiprtc for the device's own target,
// launches through the Launcher and checks against float64 on the host
// (tolerance: one float32 rounding of a*x+y, 1e-6 relative).
func TestCompileLoadLaunch(t *testing.T) {
	c := device(t)
	arch, err := c.Device().ArchName()
	if err != nil {
		t.Fatal(err)
	}
	res, err := hiprtc.Compile(saxpy, hiprtc.Options{Name: "saxpy.hip", Target: arch, Options: []string{"-O3"}})
	if err != nil {
		t.Fatal(err)
	}
	mod, err := c.LoadModule(res.Code)
	if err != nil {
		t.Fatal(err)
	}
	defer mod.Unload()
	fn, err := mod.Function("saxpy")
	if err != nil {
		t.Fatal(err)
	}
	const n = 100003
	x, y := make([]float32, n), make([]float32, n)
	for i := range x {
		x[i], y[i] = rand.Float32()*2-1, rand.Float32()*2-1
	}
	a := float32(1.75)
	px, _ := c.MemAlloc(n * 4)
	py, _ := c.MemAlloc(n * 4)
	defer c.MemFree(px)
	defer c.MemFree(py)
	if err := hip.CopyHtoD(c, px, x); err != nil {
		t.Fatal(err)
	}
	if err := hip.CopyHtoD(c, py, y); err != nil {
		t.Fatal(err)
	}
	s, err := c.NewStream(hip.StreamDefault, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Destroy()
	l := fn.NewLauncher()
	defer l.Close()
	l.Float32(a).Ptr(px).Ptr(py).Int32(n)
	if err := l.Launch(hip.Dim3{X: (n + 255) / 256}, hip.Dim3{X: 256}, 0, s); err != nil {
		t.Fatal(err)
	}
	if err := s.Synchronize(); err != nil {
		t.Fatal(err)
	}
	got := make([]float32, n)
	if err := hip.CopyDtoH(c, got, py); err != nil {
		t.Fatal(err)
	}
	for i := range got {
		want := float64(a)*float64(x[i]) + float64(y[i])
		if math.Abs(float64(got[i])-want) > 1e-6*math.Max(1, math.Abs(want)) {
			t.Fatalf("y[%d] = %v, want %v", i, got[i], want)
		}
	}
	allocs := testing.AllocsPerRun(100, func() {
		l.Launch(hip.Dim3{X: 1}, hip.Dim3{X: 1}, 0, s)
	})
	if allocs != 0 {
		t.Errorf("Launch allocates %v times", allocs)
	}
}

func TestGraphReplaysCapturedWork(t *testing.T) {
	c := device(t)
	s, err := c.NewStream(hip.StreamDefault, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Destroy()
	p, err := c.MemAlloc(4 * 256)
	if err != nil {
		t.Fatal(err)
	}
	defer c.MemFree(p)
	if err := s.BeginCapture(); errors.Is(err, loader.ErrNotSupported) {
		t.Skip(err)
	} else if err != nil {
		t.Fatal(err)
	}
	if err := s.MemsetD32Async(p, 42, 256); err != nil {
		t.Fatal(err)
	}
	g, err := s.EndCapture()
	if err != nil {
		t.Fatal(err)
	}
	defer g.Destroy()
	if err := c.MemsetD32(p, 0, 256); err != nil {
		t.Fatal(err)
	}
	if err := g.Launch(s); err != nil {
		t.Fatal(err)
	}
	if err := s.Synchronize(); err != nil {
		t.Fatal(err)
	}
	got := make([]uint32, 256)
	if err := hip.CopyDtoH(c, got, p); err != nil {
		t.Fatal(err)
	}
	if got[0] != 42 || got[255] != 42 {
		t.Fatalf("after graph launch: %d ... %d, want 42", got[0], got[255])
	}
}
