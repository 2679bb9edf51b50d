// Package hip makes AMD GPUs a backend: it adapts the HIP runtime (hip),
// hiprtc (hiprtc) and hipBLAS (libs/hipblas) to gpu.Runtime, and
// registers the kind "hip", on which backend/gpu runs every operation:
// the same kernels as on CUDA, rendered in cgen's HIP flavour for the
// device's gfx target and wavefront size.
//
// The backend's work queues on the device's null stream, with which the
// synchronous copies are ordered. Memory comes from hipMalloc behind the
// caching allocator of backend/gpu (no stream-ordered pool).
package hip

import (
	"errors"
	"fmt"
	"sync"
	"time"
	"unsafe"

	"github.com/cugo/cugo/backend"
	"github.com/cugo/cugo/backend/cgen"
	"github.com/cugo/cugo/backend/gpu"
	"github.com/cugo/cugo/hip"
	"github.com/cugo/cugo/hiprtc"
	"github.com/cugo/cugo/kernelcache"
)

func init() { gpu.Register("hip", Open) }

// device is one AMD GPU, as gpu.Runtime.
type device struct {
	ctx      *hip.Context
	stream   *hip.Stream // the null stream
	info     backend.DeviceInfo
	arch     string // the gfx target hiprtc compiles for ("gfx90a")
	warp     int
	resident int

	launchMu sync.Mutex
	launcher *hip.RawLauncher
}

// Open opens AMD GPU ordinal. A missing runtime, hiprtc or device gives
// an error wrapping backend.ErrUnavailable and the reason.
func Open(ordinal int) (gpu.Runtime, error) {
	unavailable := func(err error) error {
		return fmt.Errorf("hip: open device %d: %w: %w", ordinal, backend.ErrUnavailable, err)
	}
	dev, err := hip.DeviceGet(ordinal)
	if err != nil {
		return nil, unavailable(err)
	}
	if _, _, err := hiprtc.Version(); err != nil {
		return nil, unavailable(fmt.Errorf("hiprtc: %w", err))
	}
	ctx, err := dev.PrimaryContext()
	if err != nil {
		return nil, unavailable(err)
	}
	d := &device{ctx: ctx}
	d.stream = d.ctx.DefaultStream()
	d.launcher = d.ctx.NewRawLauncher()
	name, err := dev.Name()
	var mem int
	if err == nil {
		mem, err = dev.TotalMem()
	}
	var units int
	if err == nil {
		units, err = dev.MultiprocessorCount()
	}
	if err == nil {
		d.warp, err = dev.WarpSize()
	}
	if err == nil {
		d.resident, err = dev.Attribute(hip.AttrMaxThreadsPerMultiProcessor)
	}
	if err == nil {
		d.arch, err = dev.Arch()
	}
	if err != nil {
		return nil, unavailable(err)
	}
	if d.warp != 32 && d.warp != 64 {
		return nil, unavailable(fmt.Errorf("wavefronts of %d lanes (the kernels are written for 32 or 64)", d.warp))
	}
	d.info = backend.DeviceInfo{Kind: "hip", Ordinal: ordinal, Name: name, Arch: d.arch, Memory: int64(mem), Units: units}
	return d, nil
}

func (d *device) Info() backend.DeviceInfo { return d.info }
func (d *device) Vendor() cgen.Vendor      { return cgen.HIP }
func (d *device) WarpSize() int            { return d.warp }
func (d *device) ResidentThreads() int     { return d.resident }

func (d *device) Alloc(n int) (gpu.Ptr, error) {
	p, err := d.ctx.MemAlloc(n)
	return gpu.Ptr(p), err
}

// Free waits for the work that may use p before hipFree.
func (d *device) Free(p gpu.Ptr) error {
	if err := d.stream.Synchronize(); err != nil {
		return err
	}
	return d.ctx.MemFree(hip.DevicePtr(p))
}

func (d *device) Pool() gpu.Pool { return nil }

func (d *device) MemInfo() (free, total uint64, err error) {
	f, t, err := d.ctx.MemGetInfo()
	return uint64(f), uint64(t), err
}

func (d *device) IsOutOfMemory(err error) bool { return errors.Is(err, hip.ErrOutOfMemory) }

func (d *device) HtoD(dst gpu.Ptr, src []byte) error {
	return hip.CopyHtoD(d.ctx, hip.DevicePtr(dst), src)
}

func (d *device) DtoH(dst []byte, src gpu.Ptr) error {
	return hip.CopyDtoH(d.ctx, dst, hip.DevicePtr(src))
}

func (d *device) DtoD(dst, src gpu.Ptr, n int) error {
	return d.stream.MemcpyDtoDAsync(hip.DevicePtr(dst), hip.DevicePtr(src), n)
}

func (d *device) Sync() error { return d.stream.Synchronize() }

// Load compiles src with hiprtc for the device's gfx target (through the
// kernel cache) and loads the code object for the life of the process.
func (d *device) Load(src string, entries ...string) ([]gpu.Function, error) {
	if len(entries) == 0 {
		return nil, errors.New("load of no kernels")
	}
	res, err := hiprtc.CompileCached(kernelcache.Default(), src, compileOptions(entries[0], d.arch))
	if err != nil {
		return nil, fmt.Errorf("compile: %w", err)
	}
	mod, err := d.ctx.LoadModule(res.Code)
	if err != nil {
		return nil, fmt.Errorf("load: %w", err)
	}
	fns := make([]gpu.Function, len(entries))
	for i, e := range entries {
		fn, err := mod.Function(e)
		if err != nil {
			return nil, fmt.Errorf("load %s: %w", e, err)
		}
		fns[i] = gpu.Function(fn.Handle())
	}
	return fns, nil
}

// compileOptions are the hiprtc options of every kernel for target arch.
func compileOptions(entry, arch string) hiprtc.Options {
	return hiprtc.Options{
		Name:    entry + ".hip",
		Options: []string{hiprtc.NoContraction},
		Target:  arch,
	}
}

// Launch queues fn on the null stream with hipModuleLaunchKernel's
// kernelParams; it allocates nothing.
func (d *device) Launch(fn gpu.Function, grid, block [3]uint32, sharedMem uint32, params *unsafe.Pointer) error {
	d.launchMu.Lock()
	defer d.launchMu.Unlock()
	return d.launcher.Launch(uintptr(fn), hip.Dim3{X: grid[0], Y: grid[1], Z: grid[2]},
		hip.Dim3{X: block[0], Y: block[1], Z: block[2]}, sharedMem, d.stream, unsafe.Pointer(params))
}

func (d *device) NewEvent() (gpu.Event, error) {
	e, err := d.ctx.NewEvent(hip.EventDefault)
	if err != nil {
		return nil, err
	}
	return &event{e: e, stream: d.stream}, nil
}

func (d *device) HostAlloc(n int) ([]byte, func() error, error) {
	h, err := d.ctx.HostAlloc(n)
	if err != nil {
		return nil, nil, err
	}
	return h.Bytes(), h.Free, nil
}

// event is a HIP event recorded on the backend's stream.
type event struct {
	e      *hip.Event
	stream *hip.Stream
}

func (e *event) Record() error      { return e.e.Record(e.stream) }
func (e *event) Synchronize() error { return e.e.Synchronize() }
func (e *event) Destroy() error     { return e.e.Destroy() }

func (e *event) Since(start gpu.Event) (time.Duration, error) {
	s, ok := start.(*event)
	if !ok {
		return 0, fmt.Errorf("hip: an event of another vendor (%T)", start)
	}
	return s.e.Elapsed(e.e)
}
