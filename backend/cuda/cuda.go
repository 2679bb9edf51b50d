// Package cuda makes NVIDIA GPUs a backend: it adapts the CUDA driver
// (driver), NVRTC (nvrtc) and cuBLAS (libs/cublas) to gpu.Runtime, and
// registers the kind "cuda", on which backend/gpu runs every operation.
//
// The backend's work queues on the primary context's legacy default
// stream, as CuPy's does, so that the synchronous copies are ordered with
// the kernels without events. Memory comes from the device's default
// stream-ordered pool with its release threshold raised to the maximum,
// so a freed block is reused by the next allocation without a trip to the
// driver's allocator.
package cuda

import (
	"errors"
	"fmt"
	"math"
	"sync"
	"time"
	"unsafe"

	"github.com/cugo/cugo/backend"
	"github.com/cugo/cugo/backend/cgen"
	"github.com/cugo/cugo/backend/gpu"
	"github.com/cugo/cugo/driver"
	"github.com/cugo/cugo/kernelcache"
	"github.com/cugo/cugo/nvrtc"
)

func init() { gpu.Register("cuda", Open) }

// device is one CUDA GPU in its primary context, as gpu.Runtime.
type device struct {
	ctx      *driver.Context
	stream   *driver.Stream // the context's legacy default stream
	info     backend.DeviceInfo
	resident int  // threads per multiprocessor
	target   int  // NVRTC target, compute capability times ten
	cubin    bool // compile target to a CUBIN (else PTX for the driver's JIT)
	pool     gpu.Pool

	launchMu sync.Mutex
	launcher *driver.RawLauncher

	peerMu sync.Mutex
	peers  map[*driver.Context]bool // whether ctx reaches a context's memory, once asked
}

// Open opens GPU ordinal in its primary context. A missing driver, NVRTC
// or device gives an error wrapping backend.ErrUnavailable and the reason.
func Open(ordinal int) (gpu.Runtime, error) {
	unavailable := func(err error) error {
		return fmt.Errorf("cuda: open device %d: %w: %w", ordinal, backend.ErrUnavailable, err)
	}
	dev, err := driver.DeviceGet(ordinal)
	if err != nil {
		return nil, unavailable(err)
	}
	if _, _, err := nvrtc.Version(); err != nil {
		return nil, unavailable(fmt.Errorf("NVRTC: %w", err))
	}
	props, err := dev.Properties()
	if err != nil {
		return nil, unavailable(err)
	}
	ctx, err := dev.PrimaryContext()
	if err != nil {
		return nil, unavailable(err)
	}
	d := &device{
		ctx:    ctx,
		stream: ctx.DefaultStream(),
		info: backend.DeviceInfo{
			Kind:    "cuda",
			Ordinal: ordinal,
			Name:    props.Name,
			Arch:    fmt.Sprintf("sm_%d%d", props.Major, props.Minor),
			Memory:  int64(props.TotalMem),
			Units:   props.MultiprocessorCount,
		},
		resident: props.MaxThreadsPerMultiproc,
	}
	d.target, d.cubin = nvrtc.PickTarget(props.Major*10 + props.Minor)
	if props.MemoryPoolsSupported {
		// A pool that cannot be set up leaves plain allocation.
		if pool, err := dev.DefaultMemPool(); err == nil && pool.SetReleaseThreshold(math.MaxUint64) == nil {
			d.pool = &memPool{stream: d.stream, pool: pool}
		}
	}
	d.launcher = ctx.NewRawLauncher()
	return d, nil
}

func (d *device) Info() backend.DeviceInfo { return d.info }
func (d *device) Vendor() cgen.Vendor      { return cgen.CUDA }
func (d *device) WarpSize() int            { return 32 }
func (d *device) ResidentThreads() int     { return d.resident }

func (d *device) Alloc(n int) (gpu.Ptr, error) {
	p, err := d.ctx.MemAlloc(n)
	return gpu.Ptr(p), err
}

// Free waits for the work that may use p: cuMemFree does not.
func (d *device) Free(p gpu.Ptr) error {
	if err := d.ctx.Synchronize(); err != nil {
		return err
	}
	return d.ctx.MemFree(driver.DevicePtr(p))
}

func (d *device) Pool() gpu.Pool { return d.pool }

func (d *device) MemInfo() (free, total uint64, err error) {
	f, t, err := d.ctx.MemGetInfo()
	return uint64(f), uint64(t), err
}

func (d *device) IsOutOfMemory(err error) bool { return errors.Is(err, driver.ErrOutOfMemory) }

func (d *device) HtoD(dst gpu.Ptr, src []byte) error {
	return d.ctx.MemcpyHtoD(driver.DevicePtr(dst), src)
}

func (d *device) DtoH(dst []byte, src gpu.Ptr) error {
	return d.ctx.MemcpyDtoH(dst, driver.DevicePtr(src))
}

func (d *device) DtoD(dst, src gpu.Ptr, n int) error {
	return d.stream.MemcpyDtoDAsync(driver.DevicePtr(dst), driver.DevicePtr(src), n)
}

func (d *device) Sync() error { return d.stream.Synchronize() }

// Load compiles src with NVRTC (through the kernel cache: a CUBIN for the
// device's architecture where NVRTC knows it, PTX otherwise) and loads it
// into the context for the life of the process.
func (d *device) Load(src string, entries ...string) ([]gpu.Function, error) {
	if len(entries) == 0 {
		return nil, errors.New("load of no kernels")
	}
	res, err := nvrtc.CompileCached(kernelcache.Default(), src, compileOptions(entries[0], d.target, d.cubin))
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

// compileOptions are the NVRTC options of every kernel.
func compileOptions(entry string, target int, cubin bool) nvrtc.Options {
	return nvrtc.Options{
		Name: entry + ".cu",
		// No fused multiply-add contraction (a complex product's
		// cancellation, say); elementwise kernels wait on memory, not on
		// arithmetic.
		Options: []string{nvrtc.NoContraction},
		Target:  target,
		CUBIN:   cubin,
		Minimal: true, // generated kernels use nothing of the CUDA runtime
	}
}

// Launch queues fn on the legacy default stream with cuLaunchKernel's
// kernelParams; it allocates nothing.
func (d *device) Launch(fn gpu.Function, grid, block [3]uint32, sharedMem uint32, params *unsafe.Pointer) error {
	d.launchMu.Lock()
	defer d.launchMu.Unlock()
	return d.launcher.Launch(uintptr(fn), driver.Dim3{X: grid[0], Y: grid[1], Z: grid[2]},
		driver.Dim3{X: block[0], Y: block[1], Z: block[2]}, sharedMem, d.stream, unsafe.Pointer(params))
}

func (d *device) NewEvent() (gpu.Event, error) {
	e, err := d.ctx.NewEvent(driver.EventDefault)
	if err != nil {
		return nil, err
	}
	return &event{e: e, stream: d.stream}, nil
}

// HostAlloc returns page-locked memory usable by every context.
func (d *device) HostAlloc(n int) ([]byte, func() error, error) {
	h, err := d.ctx.HostAlloc(n, driver.HostAllocPortable)
	if err != nil {
		return nil, nil, err
	}
	return h.Bytes(), h.Free, nil
}

// memPool allocates from the device's default memory pool in the order
// of the legacy stream.
type memPool struct {
	stream *driver.Stream
	pool   *driver.MemPool
}

func (m *memPool) AllocAsync(n int) (gpu.Ptr, error) {
	p, err := m.stream.MemAllocAsync(n)
	return gpu.Ptr(p), err
}

func (m *memPool) FreeAsync(p gpu.Ptr) error { return m.stream.MemFreeAsync(driver.DevicePtr(p)) }

func (m *memPool) Trim() error {
	if err := m.stream.Synchronize(); err != nil {
		return err
	}
	return m.pool.TrimTo(0)
}

// event is a driver event recorded on the backend's stream.
type event struct {
	e      *driver.Event
	stream *driver.Stream
}

func (e *event) Record() error      { return e.e.Record(e.stream) }
func (e *event) Synchronize() error { return e.e.Synchronize() }
func (e *event) Destroy() error     { return e.e.Destroy() }

func (e *event) Since(start gpu.Event) (time.Duration, error) {
	s, ok := start.(*event)
	if !ok {
		return 0, fmt.Errorf("cuda: an event of another vendor (%T)", start)
	}
	return s.e.Elapsed(e.e)
}

// CopyPeer queues on d's stream a copy from the memory of another CUDA
// device (gpu.PeerDevice): cuMemcpyPeerAsync, between two events that
// order it after the source stream's queued work and the source stream's
// later work after it. Memory of d's own context (another backend on the
// same GPU) is copied as DtoD on the stream the two share. It declines
// devices that d cannot reach.
func (d *device) CopyPeer(dst gpu.Ptr, from gpu.Runtime, src gpu.Ptr, n int) (bool, error) {
	s, ok := from.(*device)
	if !ok {
		return false, nil
	}
	if s.ctx == d.ctx {
		return true, d.DtoD(dst, src, n)
	}
	if reach, err := d.reaches(s); !reach || err != nil {
		return false, err
	}
	if err := waitFor(d.stream, s.stream); err != nil {
		return false, err
	}
	if err := d.stream.MemcpyPeerAsync(driver.DevicePtr(dst), d.ctx, driver.DevicePtr(src), s.ctx, n); err != nil {
		return false, err
	}
	return true, waitFor(s.stream, d.stream)
}

// reaches reports whether d's device can address peer's memory, enabling
// the access the first time: peer access between the contexts, and access
// to peer's memory pool, which the contexts' access does not cover. A
// device whose access cannot be enabled (CUDA_ERROR_TOO_MANY_PEERS, say)
// is reported unreachable: copies from it are staged through the host,
// which always works.
func (d *device) reaches(peer *device) (bool, error) {
	d.peerMu.Lock()
	defer d.peerMu.Unlock()
	if reach, asked := d.peers[peer.ctx]; asked {
		return reach, nil
	}
	dev := d.ctx.Device()
	reach, err := dev.CanAccessPeer(peer.ctx.Device())
	if err != nil {
		return false, err
	}
	if reach && d.ctx.EnablePeerAccess(peer.ctx) != nil {
		reach = false
	}
	if p, ok := peer.pool.(*memPool); ok && reach {
		// Without the pool's grant the driver still copies, correctly,
		// but staged, at a tenth of NVLink's speed: a refusal costs
		// speed only, so it is not an error.
		_ = p.pool.SetAccess(dev, driver.AccessReadWrite)
	}
	if d.peers == nil {
		d.peers = map[*driver.Context]bool{}
	}
	d.peers[peer.ctx] = reach
	return reach, nil
}

// waitFor makes the work queued on w from now on wait for the work queued
// on s so far, which may be of another device, through an event that is
// released once it completes.
func waitFor(w, s *driver.Stream) error {
	e, err := s.Context().NewEvent(driver.EventDisableTiming)
	if err != nil {
		return err
	}
	err = e.Record(s)
	if err == nil {
		err = w.WaitEvent(e)
	}
	return errors.Join(err, e.Destroy())
}
