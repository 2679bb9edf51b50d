package driver

import (
	"runtime"
	"testing"
	"unsafe"

	sym "github.com/cugo/cugo/internal/sym/cuda"
)

// BenchmarkLaunchVariants compares the host cost of ways to launch a
// kernel with four parameters (saxpy with n = 0: no work): parameters by
// a pointer array or by one packed buffer (CU_LAUNCH_PARAM_BUFFER_POINTER),
// on the legacy default stream or a non-blocking one.
func BenchmarkLaunchVariants(b *testing.B) {
	ctx := gpu(b)
	fn, _ := saxpy(b)
	nb, err := ctx.NewStream(StreamNonBlocking, 0)
	if err != nil {
		b.Fatal(err)
	}
	defer nb.Destroy()

	type block struct {
		params [24]byte // n u32, a f32, x u64, y u64
		ptrs   [4]unsafe.Pointer
		size   uintptr
		extra  [5]uintptr // CU_LAUNCH_PARAM_BUFFER_POINTER, p, CU_LAUNCH_PARAM_BUFFER_SIZE, &size, CU_LAUNCH_PARAM_END
		args   [11]uintptr
	}
	blk := new(block)
	var pin runtime.Pinner
	pin.Pin(blk)
	defer pin.Unpin()
	for i, off := range []int{0, 4, 8, 16} {
		blk.ptrs[i] = unsafe.Pointer(&blk.params[off])
	}
	blk.size = 24
	blk.extra = [5]uintptr{1, uintptr(unsafe.Pointer(&blk.params[0])), 2, uintptr(unsafe.Pointer(&blk.size)), 0}

	for _, v := range []struct {
		name   string
		stream *Stream
		packed bool
	}{
		{"pointers/legacy", ctx.DefaultStream(), false},
		{"pointers/nonblocking", nb, false},
		{"packed/legacy", ctx.DefaultStream(), true},
		{"packed/nonblocking", nb, true},
	} {
		b.Run(v.name, func(b *testing.B) {
			blk.args = [11]uintptr{fn.Handle(), 1, 1, 1, 32, 1, 1, 0, v.stream.Handle()}
			if v.packed {
				blk.args[10] = uintptr(unsafe.Pointer(&blk.extra[0]))
			} else {
				blk.args[9] = uintptr(unsafe.Pointer(&blk.ptrs[0]))
			}
			launch := func() error { return check("cuLaunchKernel", sym.CuLaunchKernelN(blk.args[:])) }
			b.ReportAllocs()
			for i := 0; b.Loop(); i++ {
				if err := ctx.Do(launch); err != nil {
					b.Fatal(err)
				}
				if i%1024 == 1023 {
					if err := v.stream.Synchronize(); err != nil {
						b.Fatal(err)
					}
				}
			}
			if err := v.stream.Synchronize(); err != nil {
				b.Fatal(err)
			}
		})
	}
}

// BenchmarkLaunchBurst times bursts of 64 launches of the empty kernel
// into an idle stream (the queue never fills): the host's own cost of a
// launch, apart from how fast the device runs them.
func BenchmarkLaunchBurst(b *testing.B) {
	ctx := gpu(b)
	_, empty := saxpy(b)
	s := ctx.DefaultStream()
	l := empty.NewLauncher()
	defer l.Close()
	const burst = 64
	b.ReportAllocs()
	for b.Loop() {
		b.StopTimer()
		if err := s.Synchronize(); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		for range burst {
			if err := l.Launch(Dim3{X: 1}, Dim3{X: 32}, 0, s); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*burst), "ns/launch")
}

// BenchmarkLaunchBurstRaw is BenchmarkLaunchBurst without the Launcher:
// one thread locked and its context set for the whole run, and the
// generated binding called directly, so that the driver's cost can be
// told apart from ours (and compared with a C or Python caller's).
func BenchmarkLaunchBurstRaw(b *testing.B) {
	ctx := gpu(b)
	_, empty := saxpy(b)
	for _, s := range []struct {
		name   string
		stream *Stream
	}{{"legacy", ctx.DefaultStream()}, {"nonblocking", nil}} {
		b.Run(s.name, func(b *testing.B) {
			stream := s.stream
			if stream == nil {
				var err error
				if stream, err = ctx.NewStream(StreamNonBlocking, 0); err != nil {
					b.Fatal(err)
				}
				defer stream.Destroy()
			}
			args := []uintptr{empty.Handle(), 1, 1, 1, 32, 1, 1, 0, stream.Handle(), 0, 0}
			if err := ctx.bind(); err != nil {
				b.Fatal(err)
			}
			defer runtime.UnlockOSThread()
			const burst = 64
			for b.Loop() {
				b.StopTimer()
				if r := sym.CuStreamSynchronize(sym.CUstream(stream.Handle())); r != 0 {
					b.Fatal(check("cuStreamSynchronize", r))
				}
				b.StartTimer()
				for range burst {
					if r := sym.CuLaunchKernelN(args); r != 0 {
						b.Fatal(check("cuLaunchKernel", r))
					}
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*burst), "ns/launch")
		})
	}
}
