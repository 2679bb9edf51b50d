// Package cpu is the backend that runs on the host: buffers are Go memory
// and elementwise kernels are evaluated in Go, chunk by chunk, in parallel
// over goroutines. It is the fallback where no GPU is found and the oracle
// that the GPU backends are tested against.
package cpu

import (
	"errors"
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"
	"unsafe"

	"github.com/cugo/cugo/backend"
	"github.com/cugo/cugo/internal/layout"
)

func init() {
	backend.Register("cpu", func(ordinal int) (backend.Backend, error) {
		if ordinal != 0 {
			return nil, fmt.Errorf("cpu: device %d does not exist (the CPU backend has only device 0): %w", ordinal, backend.ErrUnavailable)
		}
		if _, err := limitFromEnv(); err != nil {
			return nil, fmt.Errorf("cpu: %w", err)
		}
		return New(0), nil
	})
}

// Backend runs operations synchronously on the calling goroutine and up to
// Workers goroutines; every method is safe for concurrent use.
type Backend struct {
	workers int
	mem     memory
}

// Shared returns one CPU backend for the whole process, for the small
// problems that other packages solve on the host for every backend (the
// roots of a polynomial, a covariance's factor).
func Shared() *Backend { return shared() }

var shared = sync.OnceValue(func() *Backend { return New(0) })

// New returns a CPU backend that runs kernels on up to workers goroutines
// (runtime.GOMAXPROCS(0) if workers <= 0).
func New(workers int) *Backend {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	b := &Backend{workers: workers}
	b.mem.limit.Store(defaultLimit())
	return b
}

// Device describes the host.
func (b *Backend) Device() backend.DeviceInfo {
	return backend.DeviceInfo{
		Kind:  "cpu",
		Name:  fmt.Sprintf("cpu (%d goroutines)", b.workers),
		Units: b.workers,
	}
}

// hostBuffer is host memory, 8-byte aligned so that any element type can be
// viewed in place. The garbage collector reclaims it once nothing reaches
// it; Free drops it at once. Its pointer is read and cleared atomically, so
// a Free racing with an operation that already holds the memory leaves
// that operation working on live memory, and later uses fail cleanly.
type hostBuffer struct {
	ptr     atomic.Pointer[byte] // nil once freed (and for 0 bytes)
	n       int
	freed   atomic.Bool
	owner   *Backend        // whose budget counts n; nil for wrapped memory (WrapHost)
	cleanup runtime.Cleanup // returns n to the owner's budget when unreachable
}

func (buf *hostBuffer) Size() int { return buf.n }

// Alloc returns a zeroed buffer of n bytes (Go memory is always zeroed),
// or an error if n bytes would pass the backend's memory limit (see
// SetMemoryLimit).
func (b *Backend) Alloc(n int) (backend.Buffer, error) {
	if n < 0 {
		return nil, fmt.Errorf("cpu: Alloc: negative size %d", n)
	}
	if n == 0 {
		return &hostBuffer{}, nil
	}
	hb := &hostBuffer{n: n, owner: b}
	if err := b.mem.reserve(n); err != nil {
		return nil, err
	}
	words := make([]uint64, (n+7)/8)
	hb.ptr.Store((*byte)(unsafe.Pointer(&words[0])))
	hb.cleanup = runtime.AddCleanup(hb, b.mem.unreserve, n)
	return hb, nil
}

// Free drops the buffer's memory; later use of it is an error.
func (b *Backend) Free(buf backend.Buffer) {
	hb, ok := buf.(*hostBuffer)
	if !ok || hb.freed.Swap(true) {
		return
	}
	hb.ptr.Store(nil)
	if hb.owner != nil {
		hb.cleanup.Stop()
		hb.owner.mem.unreserve(hb.n)
	}
}

// buffer returns the memory of buf, or an error if buf is not a live
// buffer of this backend.
func buffer(buf backend.Buffer) ([]byte, error) {
	hb, ok := buf.(*hostBuffer)
	switch {
	case buf == nil:
		return nil, errors.New("nil buffer")
	case !ok:
		return nil, fmt.Errorf("buffer of type %T does not belong to the CPU backend", buf)
	}
	p := hb.ptr.Load() // first: once loaded, the memory stays alive
	if hb.freed.Load() || p == nil && hb.n > 0 {
		return nil, errFreed
	}
	return unsafe.Slice(p, hb.n), nil
}

// taken is the memory of the buffers of one call, each taken once by
// size (the size function of the backend's Check helpers), so that the
// checks and the work see the same memory even if a Free races with the
// call.
type taken map[backend.Buffer][]byte

func (t taken) size(buf backend.Buffer) (int, error) {
	mem, err := buffer(buf)
	t[buf] = mem
	return len(mem), err
}

var errFreed = errors.New("buffer used after Free")

// Write copies src into dst at byte offset off.
func (b *Backend) Write(dst backend.Buffer, off int, src []byte) error {
	mem, err := buffer(dst)
	if err != nil {
		return fmt.Errorf("cpu: Write: %w", err)
	}
	if err := span("Write", off, len(src), len(mem)); err != nil {
		return err
	}
	copy(mem[off:], src)
	return nil
}

// Copy copies n bytes between two buffers (or two ranges of one).
func (b *Backend) Copy(dst backend.Buffer, dstOff int, src backend.Buffer, srcOff int, n int) error {
	d, err := buffer(dst)
	if err == nil {
		err = span("Copy", dstOff, n, len(d))
	}
	if err != nil {
		return fmt.Errorf("cpu: Copy: destination: %w", err)
	}
	s, err := buffer(src)
	if err == nil {
		err = span("Copy", srcOff, n, len(s))
	}
	if err != nil {
		return fmt.Errorf("cpu: Copy: source: %w", err)
	}
	copy(d[dstOff:dstOff+n], s[srcOff:srcOff+n])
	return nil
}

// Read copies len(dst) bytes of src from byte offset off.
func (b *Backend) Read(dst []byte, src backend.Buffer, off int) error {
	mem, err := buffer(src)
	if err != nil {
		return fmt.Errorf("cpu: Read: %w", err)
	}
	if err := span("Read", off, len(dst), len(mem)); err != nil {
		return err
	}
	copy(dst, mem[off:])
	return nil
}

// Sync returns nil: every operation has finished when its method returns.
func (b *Backend) Sync() error { return nil }

// span checks that bytes [off, off+n) lie inside a buffer of size bytes.
func span(op string, off, n, size int) error {
	if err := layout.Span(off, n, size); err != nil {
		return fmt.Errorf("cpu: %s: bytes %w", op, err)
	}
	return nil
}
