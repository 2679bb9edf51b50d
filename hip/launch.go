package hip

import (
	"fmt"
	"math"
	"runtime"
	"unsafe"

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

// Launcher launches one function again and again without allocating. It
// packs the kernel arguments into a parameter block that it allocates once
// and pins (runtime.Pinner), and passes them as hipModuleLaunchKernel's
// kernelParams: an array of pointers to each argument's value, each value
// in an 8-byte slot (HIP copies as many bytes as the kernel's metadata says
// the parameter has). A Launcher is not safe for concurrent use.
type Launcher struct {
	fn     *Function
	values []uint64  // one slot per argument
	ptrs   []uintptr // ptrs[i] = &values[i]
	n      int
	err    error
	pinner *runtime.Pinner
	raw    RawLauncher
}

// NewLauncher makes a Launcher for f that takes up to maxArgs arguments.
func (f *Function) NewLauncher(maxArgs int) (*Launcher, error) {
	if maxArgs <= 0 {
		return nil, fmt.Errorf("hip: NewLauncher(%s, %d): need at least one argument slot", f.name, maxArgs)
	}
	l := &Launcher{
		fn:     f,
		values: make([]uint64, maxArgs),
		ptrs:   make([]uintptr, maxArgs),
		pinner: new(runtime.Pinner),
		raw:    RawLauncher{ctx: f.module.ctx},
	}
	l.pinner.Pin(&l.values[0])
	l.pinner.Pin(&l.ptrs[0])
	for i := range l.values {
		l.ptrs[i] = uintptr(unsafe.Pointer(&l.values[i]))
	}
	runtime.AddCleanup(l, func(p *runtime.Pinner) { p.Unpin() }, l.pinner)
	return l, nil
}

// Reset forgets the arguments set so far.
func (l *Launcher) Reset() *Launcher {
	l.n, l.err = 0, nil
	return l
}

func (l *Launcher) slot() *uint64 {
	if l.n == len(l.values) {
		if l.err == nil {
			l.err = fmt.Errorf("hip: launch %s: more than %d arguments", l.fn.name, len(l.values))
		}
		return nil
	}
	l.n++
	p := &l.values[l.n-1]
	*p = 0
	return p
}

// Ptr appends a device pointer argument.
func (l *Launcher) Ptr(p DevicePtr) *Launcher { return l.Uint64(uint64(p)) }

// Int32 appends an int argument.
func (l *Launcher) Int32(v int32) *Launcher { return l.Uint32(uint32(v)) }

// Uint32 appends an unsigned int argument.
func (l *Launcher) Uint32(v uint32) *Launcher {
	if s := l.slot(); s != nil {
		*(*uint32)(unsafe.Pointer(s)) = v
	}
	return l
}

// Int64 appends a long long argument.
func (l *Launcher) Int64(v int64) *Launcher { return l.Uint64(uint64(v)) }

// Uint64 appends an unsigned long long argument.
func (l *Launcher) Uint64(v uint64) *Launcher {
	if s := l.slot(); s != nil {
		*s = v
	}
	return l
}

// Float32 appends a float argument.
func (l *Launcher) Float32(v float32) *Launcher { return l.Uint32(math.Float32bits(v)) }

// Float64 appends a double argument.
func (l *Launcher) Float64(v float64) *Launcher { return l.Uint64(math.Float64bits(v)) }

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
	if l.n > 0 {
		params = unsafe.Pointer(&l.ptrs[0])
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
