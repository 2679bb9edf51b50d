// Package cuda is the backend that runs on an NVIDIA GPU through the CUDA
// driver: elementwise kernels are generated as CUDA C (backend/cgen),
// compiled by NVRTC through the kernel cache, and launched on the
// context's legacy default stream, as CuPy does, so that the synchronous
// copies of Write and Read are ordered with the kernels without events.
//
// Memory comes from the device's stream-ordered pool with its release
// threshold raised to the maximum, so a freed block is reused by the next
// allocation without a trip to the driver's allocator; devices without
// memory pools get a caching allocator of this package instead.
//
// Elementwise kernels are launched through one parameter block of pinned
// memory per backend, packed at the offsets cgen gives, under a mutex: a
// repeated launch allocates nothing. (driver.Launcher holds each
// parameter in an 8-byte slot, and cgen's strided kernels take their shape
// and strides as one struct by value, so the launch is made here, with
// cuLaunchKernel's parameter array pointing into the packed block.)
package cuda

import (
	"errors"
	"fmt"
	"math"
	"sync"

	"github.com/cugo/cugo/backend"
	"github.com/cugo/cugo/driver"
	"github.com/cugo/cugo/internal/sym/cuda"
	"github.com/cugo/cugo/nvrtc"
)

func init() {
	backend.Register("cuda", func(ordinal int) (backend.Backend, error) {
		b, err := shared(ordinal)
		if err != nil {
			return nil, err
		}
		return b, nil
	})
}

// opened shares one Backend per device among the callers of backend.Open,
// so that they share its pool and its loaded kernels.
var opened struct {
	sync.Mutex
	m map[int]*Backend
}

func shared(ordinal int) (*Backend, error) {
	opened.Lock()
	defer opened.Unlock()
	if b := opened.m[ordinal]; b != nil {
		return b, nil
	}
	b, err := New(ordinal)
	if err != nil {
		return nil, err
	}
	if opened.m == nil {
		opened.m = map[int]*Backend{}
	}
	opened.m[ordinal] = b
	return b, nil
}

// Option changes how New opens a device.
type Option func(*config)

type config struct {
	plain bool
}

// WithoutMemoryPool makes the caching allocator get its blocks from plain
// cuMemAlloc even where the device has a stream-ordered memory pool (the
// path of devices without one, for tests and for comparison).
func WithoutMemoryPool() Option { return func(c *config) { c.plain = true } }

// Backend runs array operations on one CUDA device. It is safe for
// concurrent use; work from all goroutines queues on one stream.
type Backend struct {
	ctx    *driver.Context
	stream *driver.Stream // the context's legacy default stream
	dev    backend.Device
	target int  // NVRTC target, compute capability times ten
	cubin  bool // compile target to a CUBIN (else PTX for the driver's JIT)

	maxBlocks int // the grid cap: a few waves of resident blocks

	mem allocator

	kernels  kernelCache[kernelKey, *kernel]
	rkernels kernelCache[reduceKey, []*rkernel]

	launchMu sync.Mutex
	lb       *launchBlock
	launchFn func() error // b.launchNow, bound once so that Do allocates nothing

	errMu    sync.Mutex
	deferred []error // errors of Free, reported by the next Sync

	blas blasState // cuBLAS handle and integer matmul kernels (matmul.go)
}

const (
	blockSize = 256
	waves     = 4
)

// New opens GPU ordinal in its primary context. A missing driver, NVRTC
// or device gives an error wrapping backend.ErrUnavailable and the reason.
func New(ordinal int, opts ...Option) (*Backend, error) {
	var cfg config
	for _, o := range opts {
		o(&cfg)
	}
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
	b := &Backend{
		ctx:    ctx,
		stream: ctx.DefaultStream(),
		dev: backend.Device{
			Kind:    "cuda",
			Ordinal: ordinal,
			Name:    props.Name,
			Arch:    fmt.Sprintf("sm_%d%d", props.Major, props.Minor),
			Memory:  int64(props.TotalMem),
			Units:   props.MultiprocessorCount,
		},
		maxBlocks: max(1, props.MultiprocessorCount*max(1, props.MaxThreadsPerMultiproc/blockSize)*waves),
	}
	b.target, b.cubin = nvrtc.PickTarget(props.Major*10 + props.Minor)
	var backing allocator = plainAllocator{ctx}
	if props.MemoryPoolsSupported && !cfg.plain {
		// A pool that cannot be set up leaves plain allocation.
		if pool, err := dev.DefaultMemPool(); err == nil && pool.SetReleaseThreshold(math.MaxUint64) == nil {
			backing = &poolAllocator{stream: b.stream, pool: pool}
		}
	}
	b.mem = newCachingAllocator(backing)
	b.lb = newLaunchBlock()
	b.launchFn = b.launchNow
	return b, nil
}

// Device describes the GPU.
func (b *Backend) Device() backend.Device { return b.dev }

// Sync waits for all queued work and reports the first error of a kernel
// since the last Sync (the driver keeps such errors sticky), with any
// error of a Free.
func (b *Backend) Sync() error {
	err := b.stream.Synchronize()
	b.errMu.Lock()
	errs := append(b.deferred, err)
	b.deferred = nil
	b.errMu.Unlock()
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("cuda: Sync: %w", err)
	}
	return nil
}

// deferError keeps an error of a call that returns none, for Sync.
func (b *Backend) deferError(err error) {
	b.errMu.Lock()
	b.deferred = append(b.deferred, err)
	b.errMu.Unlock()
}

// result turns a CUresult of a raw call into nil or the driver's code,
// which names and describes itself and matches driver.ErrXxx.
func result(op string, r cuda.CUresult) error {
	if r == 0 {
		return nil
	}
	return fmt.Errorf("%s: %w", op, driver.Result(r))
}
