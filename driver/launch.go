package driver

import (
	"errors"
	"fmt"
	"math"
	"runtime"
	"unsafe"

	"github.com/cugo/cugo/internal/kernelargs"
	sym "github.com/cugo/cugo/internal/sym/cuda"
)

// Dim3 is a grid or block size. Y and Z of 0 mean 1, so Dim3{X: n} is a
// one-dimensional size.
type Dim3 struct{ X, Y, Z uint32 }

func (d Dim3) norm() (Dim3, bool) {
	if d.Y == 0 {
		d.Y = 1
	}
	if d.Z == 0 {
		d.Z = 1
	}
	return d, d.X > 0
}

// Launcher launches one kernel again and again without allocating: it packs
// the kernel's parameters into a pinned block that it reuses
// (internal/kernelargs), with the argument list of the call itself.
//
// Set the parameters in the kernel's order with the typed methods after
// Reset, then Launch:
//
//	l.Reset().Int32(n).Float32(a).Ptr(x).Ptr(y)
//	err := l.Launch(grid, block, 0, stream)
//
// A Launcher is used by one goroutine at a time; give each goroutine its
// own. Close it when done (an unreachable Launcher is cleaned up by the GC).
type Launcher struct {
	fn     *Function
	params *kernelargs.Block
	err    error       // the first error since Reset
	args   [11]uintptr // the arguments of cuLaunchKernel
}

// NewLauncher returns a Launcher for f.
func (f *Function) NewLauncher() *Launcher {
	return &Launcher{fn: f, params: kernelargs.New()}
}

// Reset forgets the parameters set so far.
func (l *Launcher) Reset() *Launcher {
	l.params.Reset()
	l.err = nil
	return l
}

func (l *Launcher) put(v uint64) *Launcher {
	l.params.Put(v)
	return l
}

// Uint32 appends a 32-bit unsigned parameter (unsigned int).
func (l *Launcher) Uint32(v uint32) *Launcher { return l.put(uint64(v)) }

// Int32 appends a 32-bit signed parameter (int).
func (l *Launcher) Int32(v int32) *Launcher { return l.put(uint64(uint32(v))) }

// Uint64 appends a 64-bit unsigned parameter.
func (l *Launcher) Uint64(v uint64) *Launcher { return l.put(v) }

// Int64 appends a 64-bit signed parameter (long long).
func (l *Launcher) Int64(v int64) *Launcher { return l.put(uint64(v)) }

// Float32 appends a float parameter.
func (l *Launcher) Float32(v float32) *Launcher { return l.put(uint64(math.Float32bits(v))) }

// Float64 appends a double parameter.
func (l *Launcher) Float64(v float64) *Launcher { return l.put(math.Float64bits(v)) }

// Ptr appends a device pointer parameter (T*).
func (l *Launcher) Ptr(p DevicePtr) *Launcher { return l.put(uint64(p)) }

// Uintptr appends a pointer-sized integer parameter (size_t).
func (l *Launcher) Uintptr(v uintptr) *Launcher { return l.put(uint64(v)) }

// Arg appends a parameter of any of the types above (an int is an int64);
// another type is an error reported by Launch.
func (l *Launcher) Arg(v any) *Launcher {
	switch v := v.(type) {
	case uint32:
		return l.Uint32(v)
	case int32:
		return l.Int32(v)
	case uint64:
		return l.Uint64(v)
	case int64:
		return l.Int64(v)
	case int:
		return l.Int64(int64(v))
	case float32:
		return l.Float32(v)
	case float64:
		return l.Float64(v)
	case DevicePtr:
		return l.Ptr(v)
	case uintptr:
		return l.Uintptr(v)
	}
	if l.err == nil {
		l.err = fmt.Errorf("driver: launch of %s: parameter %d has unsupported type %T", l.fn.name, l.params.Len(), v)
	}
	return l
}

// Launch queues the kernel on stream (nil: the NULL stream of the kernel's
// context) with the parameters set since Reset, which stay set for the
// next Launch. The parameters are copied at the call, so they may be
// changed right after. It allocates nothing.
func (l *Launcher) Launch(grid, block Dim3, sharedMem uint32, stream *Stream) error {
	if l.err != nil {
		return l.err
	}
	ctx := l.fn.mod.ctx
	if stream == nil {
		stream = ctx.legacy
	}
	if err := l.check(grid, block, stream); err != nil {
		return err
	}
	grid, _ = grid.norm()
	block, _ = block.norm()
	l.args = [11]uintptr{
		uintptr(l.fn.handle),
		uintptr(grid.X), uintptr(grid.Y), uintptr(grid.Z),
		uintptr(block.X), uintptr(block.Y), uintptr(block.Z),
		uintptr(sharedMem), uintptr(stream.handle),
		uintptr(l.params.Params()), 0,
	}
	if err := ctx.bind(); err != nil {
		return err
	}
	r := sym.CuLaunchKernelN(l.args[:])
	runtime.UnlockOSThread()
	runtime.KeepAlive(l)
	if r != 0 {
		return l.launchError(r)
	}
	return nil
}

func (l *Launcher) check(grid, block Dim3, stream *Stream) error {
	if _, ok := grid.norm(); !ok {
		return fmt.Errorf("driver: launch of %s: grid %+v has X = 0", l.fn.name, grid)
	}
	if _, ok := block.norm(); !ok {
		return fmt.Errorf("driver: launch of %s: block %+v has X = 0", l.fn.name, block)
	}
	if stream.ctx != l.fn.mod.ctx {
		return fmt.Errorf("driver: launch of %s: the stream belongs to another context", l.fn.name)
	}
	if stream.destroyed || l.fn.mod.unloaded {
		return errDestroyed
	}
	return nil
}

func (l *Launcher) launchError(r sym.CUresult) error {
	return fmt.Errorf("driver: launch of %s with %d parameters: %w", l.fn.name, l.params.Len(), check("cuLaunchKernel", r))
}

// Close releases the parameter block.
func (l *Launcher) Close() {
	l.params.Close()
	l.err = errors.New("driver: use of a closed Launcher")
}

// Launch queues f on stream (nil: the NULL stream) with args, each of a
// type that Launcher.Arg takes. It allocates a little per call; hot loops
// should keep a Launcher.
func (f *Function) Launch(grid, block Dim3, sharedMem uint32, stream *Stream, args ...any) error {
	l := f.NewLauncher()
	defer l.Close()
	for _, a := range args {
		l.Arg(a)
	}
	return l.Launch(grid, block, sharedMem, stream)
}

// RawLauncher launches kernels by handle (Function.Handle) with a
// kernelParams array that the caller lays out: a packed parameter block of
// its own, say. It allocates nothing; it is not safe for concurrent use.
type RawLauncher struct {
	ctx  *Context
	args [11]uintptr // cuLaunchKernel's arguments
}

// NewRawLauncher makes a RawLauncher for kernels of c.
func (c *Context) NewRawLauncher() *RawLauncher { return &RawLauncher{ctx: c} }

// Launch queues the kernel fn on stream (nil: the context's NULL stream).
// params is cuLaunchKernel's kernelParams: an array of pointers to each
// parameter's value, in memory that the Go runtime does not move (pinned,
// or C memory). A Y or Z of 0 in grid or block means 1.
func (l *RawLauncher) Launch(fn uintptr, grid, block Dim3, sharedMem uint32, stream *Stream, params unsafe.Pointer) error {
	if stream == nil {
		stream = l.ctx.legacy
	}
	grid, _ = grid.norm()
	block, _ = block.norm()
	l.args = [11]uintptr{fn,
		uintptr(grid.X), uintptr(grid.Y), uintptr(grid.Z),
		uintptr(block.X), uintptr(block.Y), uintptr(block.Z),
		uintptr(sharedMem), uintptr(stream.handle), uintptr(params), 0,
	}
	if err := l.ctx.bind(); err != nil {
		return err
	}
	r := sym.CuLaunchKernelN(l.args[:])
	runtime.UnlockOSThread()
	return check("cuLaunchKernel", r)
}
