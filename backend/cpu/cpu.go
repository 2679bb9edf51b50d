// Package cpu is the backend that runs on the host: buffers are Go memory
// and elementwise kernels are evaluated in Go, chunk by chunk, in parallel
// over goroutines. It is the fallback where no GPU is found and the oracle
// that the GPU backends are tested against.
package cpu

import (
	"errors"
	"fmt"
	"runtime"
	"unsafe"

	"github.com/cugo/cugo/backend"
)

func init() {
	backend.Register("cpu", func(ordinal int) (backend.Backend, error) {
		if ordinal != 0 {
			return nil, fmt.Errorf("cpu: device %d does not exist (the CPU backend has only device 0): %w", ordinal, backend.ErrUnavailable)
		}
		return New(0), nil
	})
}

// Backend runs operations synchronously on the calling goroutine and up to
// Workers goroutines; every method is safe for concurrent use.
type Backend struct {
	workers int
}

// New returns a CPU backend that runs kernels on up to workers goroutines
// (runtime.GOMAXPROCS(0) if workers <= 0).
func New(workers int) *Backend {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	return &Backend{workers: workers}
}

// Device describes the host.
func (b *Backend) Device() backend.Device {
	return backend.Device{
		Kind:  "cpu",
		Name:  fmt.Sprintf("cpu (%d goroutines)", b.workers),
		Units: b.workers,
	}
}

// hostBuffer is host memory, 8-byte aligned so that any element type can be
// viewed in place.
type hostBuffer struct {
	data  []byte
	freed bool
}

func (buf *hostBuffer) Size() int { return len(buf.data) }

// Alloc returns a zeroed buffer of n bytes (Go memory is always zeroed).
func (b *Backend) Alloc(n int) (backend.Buffer, error) {
	if n < 0 {
		return nil, fmt.Errorf("cpu: Alloc: negative size %d", n)
	}
	if n == 0 {
		return &hostBuffer{data: []byte{}}, nil
	}
	words := make([]uint64, (n+7)/8)
	return &hostBuffer{data: unsafe.Slice((*byte)(unsafe.Pointer(&words[0])), n)}, nil
}

// Free drops the buffer's memory; later use of it is an error.
func (b *Backend) Free(buf backend.Buffer) {
	if hb, ok := buf.(*hostBuffer); ok {
		hb.data, hb.freed = nil, true
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
	case hb.freed:
		return nil, errFreed
	}
	return hb.data, nil
}

var errFreed = errors.New("buffer used after Free")

// span checks that [off, off+n) lies inside a buffer of size bytes.
func span(op string, off, n, size int) error {
	if off < 0 || off > size || n > size-off {
		return fmt.Errorf("cpu: %s: bytes [%d, %d) out of range of a %d-byte buffer", op, off, off+n, size)
	}
	return nil
}

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
