package hip

import (
	"errors"
	"fmt"
	"math"
	"runtime"
	"unsafe"

	"github.com/cugo/cugo/internal/kernelargs"
	sym "github.com/cugo/cugo/internal/sym/hip"
)

// Dim3 is a grid or block size. Y and Z of 0 mean 1, so Dim3{X: n} is a
// one-dimensional size.
type Dim3 struct{ X, Y, Z uint32 }

// norm returns d with a zero Y or Z made 1.
func (d Dim3) norm() Dim3 {
	d.Y, d.Z = max(d.Y, 1), max(d.Z, 1)
	return d
}

// Launcher launches one function again and again without allocating: it
// packs the kernel's arguments into a pinned block that it reuses
// (internal/kernelargs) and passes them as hipModuleLaunchKernel's
// kernelParams. Set the arguments in the kernel's order after Reset, then
// Launch. A Launcher is not safe for concurrent use; Close it when done (an
// unreachable Launcher is cleaned up by the GC).
type Launcher struct {
	fn     *Function
	params *kernelargs.Block
	err    error // the first error since Reset
	raw    RawLauncher
}

// NewLauncher makes a Launcher for f.
func (f *Function) NewLauncher() *Launcher {
	return &Launcher{fn: f, params: kernelargs.New(), raw: RawLauncher{ctx: f.module.ctx}}
}

// Reset forgets the arguments set so far.
func (l *Launcher) Reset() *Launcher {
	l.params.Reset()
	l.err = nil
	return l
}

func (l *Launcher) put(v uint64) *Launcher {
	l.params.Put(v)
	return l
}

// Ptr appends a device pointer argument.
func (l *Launcher) Ptr(p DevicePtr) *Launcher { return l.put(uint64(p)) }

// Int32 appends an int argument.
func (l *Launcher) Int32(v int32) *Launcher { return l.put(uint64(uint32(v))) }

// Uint32 appends an unsigned int argument.
func (l *Launcher) Uint32(v uint32) *Launcher { return l.put(uint64(v)) }

// Int64 appends a long long argument.
func (l *Launcher) Int64(v int64) *Launcher { return l.put(uint64(v)) }

// Uint64 appends an unsigned long long argument.
func (l *Launcher) Uint64(v uint64) *Launcher { return l.put(v) }

// Float32 appends a float argument.
func (l *Launcher) Float32(v float32) *Launcher { return l.put(uint64(math.Float32bits(v))) }

// Float64 appends a double argument.
func (l *Launcher) Float64(v float64) *Launcher { return l.put(math.Float64bits(v)) }

// Close releases the argument block.
func (l *Launcher) Close() {
	l.params.Close()
	l.err = errors.New("hip: use of a closed Launcher")
}

// Launch runs the function with the arguments set since the last Reset on
// stream s (nil: the device's null stream). The arguments stay set, so a
// loop may change only some of them (Reset and set again) or none.
func (l *Launcher) Launch(grid, block Dim3, sharedMem uint32, s *Stream) error {
	if l.err != nil {
		return l.err
	}
	if l.fn.module.handle == 0 {
		return fmt.Errorf("hip: launch %s: module unloaded", l.fn.name)
	}
	var params unsafe.Pointer
	if l.params.Len() > 0 {
		params = l.params.Params()
	}
	if err := l.raw.Launch(l.fn.Handle(), grid, block, sharedMem, s, params); err != nil {
		return fmt.Errorf("%w (kernel %s, grid %v, block %v)", err, l.fn.name, grid, block)
	}
	return nil
}

// RawLauncher launches kernels by handle with a parameter array that the
// caller lays out: for a packed parameter block of its own, say. It
// allocates nothing; it is not safe for concurrent use.
type RawLauncher struct {
	ctx    *Context
	call   [11]uintptr // hipModuleLaunchKernel's arguments
	setDev [1]uintptr  // hipSetDevice's argument
}

// NewRawLauncher makes a RawLauncher for kernels of c's device.
func (c *Context) NewRawLauncher() *RawLauncher { return &RawLauncher{ctx: c} }

// Launch queues the kernel fn (a Function's Handle) on stream s (nil: the
// null stream). params is hipModuleLaunchKernel's kernelParams: an array
// of pointers to each parameter's value, in memory that the Go runtime
// does not move (pinned, or C memory). A Y or Z of 0 in grid or block
// means 1.
func (l *RawLauncher) Launch(fn uintptr, grid, block Dim3, sharedMem uint32, s *Stream, params unsafe.Pointer) error {
	var stream sym.HipStream_t
	if s != nil {
		stream = s.handle
	}
	grid, block = grid.norm(), block.norm()
	l.call = [11]uintptr{fn, uintptr(grid.X), uintptr(grid.Y), uintptr(grid.Z),
		uintptr(block.X), uintptr(block.Y), uintptr(block.Z), uintptr(sharedMem), uintptr(stream), uintptr(params), 0}
	l.setDev[0] = uintptr(l.ctx.device.ordinal)
	runtime.LockOSThread()
	r := sym.HipSetDeviceN(l.setDev[:])
	if r == 0 {
		r = sym.HipModuleLaunchKernelN(l.call[:])
	}
	runtime.UnlockOSThread()
	return check("hipModuleLaunchKernel", r)
}
