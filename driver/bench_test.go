package driver

import (
	"errors"
	"runtime"
	"testing"
	"unsafe"

	sym "github.com/cugo/cugo/internal/sym/cuda"
	"github.com/cugo/cugo/loader"
)

// BenchmarkDriverGetVersion is the cost of a trivial driver call through
// the generated bindings (it needs the library, not a GPU).
func BenchmarkDriverGetVersion(b *testing.B) {
	if _, err := DriverVersion(); errors.Is(err, loader.ErrNotFound) {
		b.Skipf("no libcuda: %v", err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := DriverVersion(); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkContextDo is the cost of Do around an empty function: a thread
// lock and cuCtxSetCurrent.
func BenchmarkContextDo(b *testing.B) {
	ctx := gpu(b)
	b.ReportAllocs()
	for b.Loop() {
		if err := ctx.Do(func() error { return nil }); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkLaunchEmpty is the host cost of a launch through a Launcher.
func BenchmarkLaunchEmpty(b *testing.B) {
	ctx := gpu(b)
	_, empty := saxpy(b)
	s, err := ctx.NewStream(StreamNonBlocking, 0)
	if err != nil {
		b.Fatal(err)
	}
	defer s.Destroy()
	l := empty.NewLauncher()
	defer l.Close()
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		if err := l.Launch(Dim3{X: 1}, Dim3{X: 32}, 0, s); err != nil {
			b.Fatal(err)
		}
		if i%4096 == 4095 { // keep the launch queue from filling
			if err := s.Synchronize(); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.StopTimer()
	if err := s.Synchronize(); err != nil {
		b.Fatal(err)
	}
}

// BenchmarkHtoD4 is a 4-byte synchronous copy from Go memory.
func BenchmarkHtoD4(b *testing.B) {
	ctx := gpu(b)
	p, err := ctx.MemAlloc(4)
	if err != nil {
		b.Fatal(err)
	}
	defer ctx.MemFree(p)
	src := []byte{1, 2, 3, 4}
	b.ReportAllocs()
	for b.Loop() {
		if err := ctx.MemcpyHtoD(p, src); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkContextDoGetFirst measures the alternative that Do does not
// take: ask for the current context and set it only when it differs. With
// the context already current (the best case for it) it makes one C call,
// as Do does, so it can only tie; see the package doc.
func BenchmarkContextDoGetFirst(b *testing.B) {
	ctx := gpu(b)
	cur := new(sym.CUcontext) // heap: the driver writes it through a uintptr
	get := []uintptr{uintptr(unsafe.Pointer(cur))}
	b.ReportAllocs()
	for b.Loop() {
		runtime.LockOSThread()
		if sym.CuCtxGetCurrentN(get) != 0 {
			b.Fatal("cuCtxGetCurrent failed")
		}
		if *cur != ctx.handle && sym.CuCtxSetCurrentN(ctx.setArgs) != 0 {
			b.Fatal("cuCtxSetCurrent failed")
		}
		runtime.UnlockOSThread()
	}
	runtime.KeepAlive(cur)
}
