// Package gpu is the backend that runs on a GPU of either vendor: it
// renders the expression IR with backend/cgen, compiles and caches the
// kernels, packs their parameters, plans reductions, keeps a memory pool,
// and runs matmuls on the vendor's BLAS, all through Runtime, the small
// interface a vendor's stack satisfies. backend/cuda (CUDA driver, NVRTC,
// cuBLAS) and backend/hip (HIP, hiprtc, hipBLAS) are such adapters; each
// registers its kind of backend with Register.
//
// Every operation queues on the device's one stream, in order, so that the
// synchronous copies of Write and Read are ordered with the kernels
// without events. Memory comes from the device's stream-ordered pool
// where it has one, else from its plain allocator, behind a caching
// allocator of this package. Kernels are launched through one parameter
// block of pinned memory per backend, packed at the offsets cgen gives,
// under a mutex: a repeated launch allocates nothing.
package gpu

import (
	"errors"
	"fmt"
	"sync"
	"time"
	"unsafe"

	"github.com/cugo/cugo/backend"
	"github.com/cugo/cugo/backend/cgen"
	"github.com/cugo/cugo/backend/gpu/blasplan"
)

// Ptr is an address in device memory.
type Ptr uint64

// Gemmer runs planned products on a device: a vendor BLAS handle behind
// an adapter. It runs on the stream the handle is bound to (handles are
// per stream, as the vendors recommend), so the stream is not an argument.
type Gemmer interface {
	// Matmul computes C = alpha·A·B + beta·C for the operands p was planned
	// for; a, b and c address element [0,0] of the first matrix of each.
	Matmul(p blasplan.Plan, alpha, beta float64, a, b, c Ptr) error
}

// Function is a loaded kernel: the vendor's function handle
// (CUfunction, hipFunction_t).
type Function uintptr

// Runtime is one GPU as a vendor's stack (runtime, compiler, BLAS) gives
// it to the backend: its description, memory, copies, one stream where all
// work queues in order, a compiler, launches, events, pinned host memory
// and a BLAS. Vendor
// details (launch ABIs, compile options, error codes) stay behind it.
// Its methods are safe for concurrent use, except Launch, which the
// backend calls under its launch lock.
type Runtime interface {
	// Info describes the device; Kind is the vendor's backend kind.
	Info() backend.DeviceInfo
	// Vendor is the C dialect the device's compiler takes.
	Vendor() cgen.Vendor
	// WarpSize is the number of lanes of a warp (an AMD wavefront).
	WarpSize() int
	// ResidentThreads is the most threads one multiprocessor runs at once.
	ResidentThreads() int

	// Alloc and Free are the plain allocator; Free waits for the queued
	// work that may use p.
	Alloc(n int) (Ptr, error)
	Free(p Ptr) error
	// Pool is the device's stream-ordered allocator, nil where it has none.
	Pool() Pool
	// MemInfo is the device's free and total memory in bytes.
	MemInfo() (free, total uint64, err error)
	// IsOutOfMemory reports whether an allocation's error means that the
	// device's memory ran out.
	IsOutOfMemory(err error) bool

	// HtoD and DtoH copy synchronously, after the queued work; DtoD queues.
	HtoD(dst Ptr, src []byte) error
	DtoH(dst []byte, src Ptr) error
	DtoD(dst, src Ptr, n int) error
	// Sync waits for the queued work and reports a kernel's error.
	Sync() error

	// Load compiles src for the device (through the kernel cache), loads
	// it for the life of the process and returns the named kernels.
	Load(src string, entries ...string) ([]Function, error)
	// Launch queues fn on the stream. params is the kernel's parameter
	// array (a pointer to each parameter's value), in pinned memory.
	Launch(fn Function, grid, block [3]uint32, sharedMem uint32, params *unsafe.Pointer) error

	// NewEvent creates an event that records on the stream, with timing.
	NewEvent() (Event, error)
	// HostAlloc returns n bytes of page-locked host memory and its release.
	HostAlloc(n int) (mem []byte, free func() error, err error)
	// NewBLAS creates a BLAS handle bound to the stream; a missing library
	// is an error wrapping backend.ErrUnavailable.
	NewBLAS() (Gemmer, error)
}

// Pool is a stream-ordered allocator: memory freed in stream order is
// reused by later allocations without the device's allocator.
type Pool interface {
	AllocAsync(n int) (Ptr, error)
	FreeAsync(p Ptr) error
	// Trim waits for the stream, then gives the memory the pool keeps back.
	Trim() error
}

// Event marks a point of the stream's work.
type Event interface {
	Record() error
	Synchronize() error
	// Since is the device time from start to this event, both recorded
	// and complete.
	Since(start Event) (time.Duration, error)
	Destroy() error
}

// Option changes how New sets a backend up.
type Option func(*config)

type config struct {
	plain  bool
	noPeer bool
}

// WithoutMemoryPool makes the caching allocator get its blocks from the
// plain allocator even where the device has a stream-ordered pool (the
// path of devices without one, for tests and for comparison).
func WithoutMemoryPool() Option { return func(c *config) { c.plain = true } }

// WithoutPeerCopy makes CopyPeer decline every copy from another backend,
// so that such copies go through host memory (the path of devices that
// cannot reach each other, for tests and for comparison).
func WithoutPeerCopy() Option { return func(c *config) { c.noPeer = true } }

var vendors struct {
	sync.Mutex
	open map[string]func(ordinal int) (Runtime, error)
}

// Register makes a vendor's GPUs a kind of backend (see backend.Register):
// backend.Open(kind, n) opens device n with open and runs a Backend on it.
// open's error for a missing device or library should wrap
// backend.ErrUnavailable.
func Register(kind string, open func(ordinal int) (Runtime, error)) {
	vendors.Lock()
	if vendors.open == nil {
		vendors.open = map[string]func(int) (Runtime, error){}
	}
	vendors.open[kind] = open
	vendors.Unlock()
	backend.Register(kind, func(ordinal int) (backend.Backend, error) { return Open(kind, ordinal) })
}

// Open opens device ordinal of a registered kind in a new Backend (not
// the one backend.Open shares).
func Open(kind string, ordinal int, opts ...Option) (*Backend, error) {
	vendors.Lock()
	open := vendors.open[kind]
	vendors.Unlock()
	if open == nil {
		return nil, fmt.Errorf("gpu: no vendor %q is registered", kind)
	}
	dev, err := open(ordinal)
	if err != nil {
		return nil, err
	}
	return New(dev, opts...), nil
}

// Backend runs array operations on one GPU. It is safe for concurrent
// use; work from all goroutines queues on the device's stream.
type Backend struct {
	dev    Runtime
	info   backend.DeviceInfo
	kind   string // error prefix: "cuda", "hip"
	vendor cgen.Vendor
	warp   int
	noPeer bool // WithoutPeerCopy

	maxBlocks int // the grid cap: a few waves of resident blocks
	resident  int // threads a multiprocessor runs at once

	mem    *cachingAllocator
	stream streamState // its stream among the device's (stream.go)

	kernels  kernelCache[kernelKey, *kernel]
	rkernels kernelCache[reduceKey, []*rkernel]
	// blockCount is the counter of LastBlock reductions (reduce.go).
	blockCount blockCounter

	launchMu sync.Mutex
	lb       *launchBlock

	errMu    sync.Mutex
	deferred []error // errors of Free, reported by the next Sync

	blas   blasState   // the BLAS handle (matmul.go)
	solver solverState // the dense solver's handle (linalg.go)

	fftPlans fftState // the FFT plan cache (fft.go)

	user userState // user kernels (ckernel.go)

	sortShape cgen.SortShape // the radix sort's tuning (sort.go)
	hostWords hostWords      // pinned words kernels report to the host through (hostword.go)
}

const (
	blockSize = 256
	waves     = 4
)

// New runs a backend on dev.
func New(dev Runtime, opts ...Option) *Backend {
	var cfg config
	for _, o := range opts {
		o(&cfg)
	}
	info := dev.Info()
	b := &Backend{
		dev:       dev,
		info:      info,
		kind:      info.Kind,
		vendor:    dev.Vendor(),
		warp:      dev.WarpSize(),
		resident:  dev.ResidentThreads(),
		lb:        newLaunchBlock(),
		noPeer:    cfg.noPeer,
		sortShape: cgen.DefaultSortShape,
	}
	b.maxBlocks = max(1, info.Units*max(1, b.resident/blockSize)*waves)
	var backing allocator = plainAllocator{dev}
	if pool := dev.Pool(); pool != nil && !cfg.plain {
		backing = poolAllocator{pool}
	}
	b.mem = newCachingAllocator(b, backing)
	return b
}

// Device describes the GPU.
func (b *Backend) Device() backend.DeviceInfo { return b.info }

// Sync waits for all queued work and reports the first error of a kernel
// since the last Sync (the vendors keep such errors sticky), with any
// error of a Free.
func (b *Backend) Sync() error {
	err := b.dev.Sync()
	b.errMu.Lock()
	errs := append(b.deferred, err)
	b.deferred = nil
	b.errMu.Unlock()
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("%s: Sync: %w", b.kind, err)
	}
	return nil
}

// deferError keeps an error of a call that returns none, for Sync.
func (b *Backend) deferError(err error) {
	b.errMu.Lock()
	b.deferred = append(b.deferred, err)
	b.errMu.Unlock()
}
