package nvrtc

import (
	"math"
	"math/rand/v2"
	"strings"
	"testing"
	"unsafe"

	"github.com/cugo/cugo/driver"
	"github.com/cugo/cugo/internal/gputest"
)

func gpuContext(t *testing.T) *driver.Context {
	t.Helper()
	err := driver.Init()
	var ctx *driver.Context
	if err == nil {
		var dev driver.Device
		if dev, err = driver.DeviceGet(0); err == nil {
			ctx, err = dev.PrimaryContext()
		}
	}
	gputest.Need(t, "cuda", err)
	return ctx
}

const axpbSource = `
template <typename T>
__global__ void axpb(T *y, const T *x, T a, T b, int n) {
	int i = blockIdx.x * blockDim.x + threadIdx.x;
	if (i < n) y[i] = a * x[i] + b;
}
`

// TestKernelLaunches compiles a templated kernel for the device (CUBIN for
// sm_90 on an H100), launches it and checks the result in float64.
func TestKernelLaunches(t *testing.T) {
	ctx := gpuContext(t)
	opts := Options{Name: "axpb.cu", NameExpressions: []string{"axpb<float>"}}
	fn, err := Kernel(ctx, axpbSource, "axpb<float>", opts)
	if err != nil {
		t.Fatal(err)
	}
	again, err := Kernel(ctx, axpbSource, "axpb<float>", opts)
	if err != nil || again.Name() != fn.Name() {
		t.Fatalf("second Kernel: %v, %v", again, err)
	}
	const n = 100_003
	x := make([]float32, n)
	for i := range x {
		x[i] = rand.Float32()*2 - 1
	}
	bytes := n * 4
	dx, err := ctx.MemAlloc(bytes)
	if err != nil {
		t.Fatal(err)
	}
	defer ctx.MemFree(dx)
	dy, err := ctx.MemAlloc(bytes)
	if err != nil {
		t.Fatal(err)
	}
	defer ctx.MemFree(dy)
	if err := ctx.MemcpyHtoDPtr(dx, unsafe.Pointer(&x[0]), bytes); err != nil {
		t.Fatal(err)
	}
	a, b := float32(1.5), float32(-0.25)
	s := ctx.DefaultStream()
	if err := fn.Launch(driver.Dim3{X: (n + 255) / 256}, driver.Dim3{X: 256}, 0, s, dy, dx, a, b, int32(n)); err != nil {
		t.Fatal(err)
	}
	y := make([]float32, n)
	if err := ctx.MemcpyDtoHPtr(unsafe.Pointer(&y[0]), dy, bytes); err != nil {
		t.Fatal(err)
	}
	for i := range y {
		want := float64(a)*float64(x[i]) + float64(b)
		if math.Abs(float64(y[i])-want) > 1e-6 {
			t.Fatalf("y[%d] = %v, want %v", i, y[i], want)
		}
	}
}

func TestKernelCompileErrorHasLog(t *testing.T) {
	ctx := gpuContext(t)
	_, err := Kernel(ctx, "__global__ void k() { undefined_thing(); }", "k", Options{Name: "bad.cu"})
	if err == nil {
		t.Fatal("a broken kernel compiled")
	}
	if !strings.Contains(err.Error(), "undefined_thing") || !strings.Contains(err.Error(), "bad.cu(1)") {
		t.Errorf("error lacks the compile log: %v", err)
	}
}
