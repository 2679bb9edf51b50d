package kernel_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cugo/cugo/array"
	"github.com/cugo/cugo/internal/nullgpu"
	"github.com/cugo/cugo/internal/race"
	"github.com/cugo/cugo/kernel"
)

// smallKernel is the small_kernel_1k workload on a GPU backend whose
// device does nothing: the axpy kernel on 1024 float32 into out.
func smallKernel(t testing.TB) (call func() error, dev *nullgpu.Device) {
	b, dev := nullgpu.New()
	d := array.On(b)
	k, err := kernel.NewElementwise("float32 x, float32 y", "float32 z", "z = x * 2.0f + y * y - 1.0f", "axpy")
	require.NoError(t, err)
	x, y, out := d.Empty(array.Float32, 1024), d.Empty(array.Float32, 1024), d.Empty(array.Float32, 1024)
	call = func() error { return k.Call(x, y, out).Err() }
	require.NoError(t, call())
	return call, dev
}

// A cached call of a user kernel into an out array queues one launch and
// allocates nothing, on the GPU backend's path (packing, launch block).
func TestSmallKernelHostPath(t *testing.T) {
	call, dev := smallKernel(t)
	dev.Reset()
	for range 10 {
		require.NoError(t, call())
	}
	require.EqualValues(t, 10, dev.Launches.Load())
	require.Zero(t, dev.Allocs.Load()+dev.Copies.Load()+dev.Syncs.Load())
	if !race.Enabled {
		require.Zero(t, testing.AllocsPerRun(1000, func() { _ = call() }))
	}
}

// BenchmarkSmallKernel is the host cost of small_kernel_1k's call.
func BenchmarkSmallKernel(b *testing.B) {
	call, _ := smallKernel(b)
	b.ReportAllocs()
	for b.Loop() {
		if err := call(); err != nil {
			b.Fatal(err)
		}
	}
}
