package gpu

import (
	"errors"
	"fmt"
	"github.com/cugo/cugo/internal/layout"
	"math/bits"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/cugo/cugo/backend"
	"github.com/cugo/cugo/internal/bytesize"
)

// buffer is a block of device memory. A 0-byte buffer has no memory.
// Memory that Free did not release is released by a cleanup once nothing
// reaches the buffer (see block), so whoever holds a buffer keeps its
// memory: the GPU backend's methods keep their operands reachable until
// their work is queued, and later reuse of the memory is queued after it.
type buffer struct {
	owner    *Backend
	ptr      Ptr
	size     int // bytes asked for
	capacity int // bytes the allocator gave (the caching allocator rounds up)
	freed    atomic.Bool
	cleanup  runtime.Cleanup
	foreign  *foreignRelease // memory of the user's (Wrap): released by its owner's hook
	use      *bufferUse      // the stream that used it last (stream.go); nil without memory
}

// block is what the cleanup of a buffer releases; it must not point to
// the buffer, or the buffer would never become unreachable.
type block struct {
	owner    *Backend
	ptr      Ptr
	capacity int
	use      *bufferUse
}

func (m block) release() {
	if err := m.owner.mem.free(m.use.only(), m.ptr, m.capacity); err != nil {
		m.owner.deferError(fmt.Errorf("%s: Free of %d bytes: %w", m.owner.kind, m.capacity, err))
	}
}

func (buf *buffer) Size() int { return buf.size }

// allocator is where buffers come from: the device's memory pool, or the
// caching allocator where the device has none.
type allocator interface {
	alloc(n int) (p Ptr, capacity int, err error)
	free(p Ptr, capacity int) error
	// release gives memory kept for reuse back to the device.
	release() error
}

// Alloc returns an uninitialised buffer of n bytes. Out of memory, it
// frees cached memory and runs the Go GC (whose cleanups free unreachable
// buffers), and tries again a few times, waiting longer each time for the
// cleanups, before it fails.
func (b *Backend) Alloc(n int) (backend.Buffer, error) {
	if n < 0 {
		return nil, fmt.Errorf("%s: Alloc: negative size %d", b.kind, n)
	}
	if b.stream.closed.Load() {
		return nil, fmt.Errorf("%s: Alloc: %w", b.kind, errClosed)
	}
	if n == 0 {
		return &buffer{owner: b}, nil
	}
	p, c, err := b.mem.alloc(b, n)
	for attempt := 0; err != nil && b.dev.IsOutOfMemory(err) && attempt < 4; attempt++ {
		b.reclaim(time.Duration(5<<attempt) * time.Millisecond)
		p, c, err = b.mem.alloc(b, n)
	}
	if err != nil {
		if b.dev.IsOutOfMemory(err) {
			return nil, b.outOfMemory(n, err)
		}
		return nil, fmt.Errorf("%s: Alloc of %d bytes: %w", b.kind, n, err)
	}
	buf := &buffer{owner: b, ptr: p, size: n, capacity: c, use: newBufferUse(b)}
	buf.cleanup = runtime.AddCleanup(buf, block.release, block{b, p, c, buf.use})
	return buf, nil
}

// reclaim frees what the allocator keeps, lets the GC's cleanups free
// unreachable buffers (waiting for them twice), and frees what they gave
// back.
func (b *Backend) reclaim(wait time.Duration) {
	b.mem.release()
	for range 2 {
		runtime.GC()
		time.Sleep(wait) // cleanups run on their own goroutine
	}
	b.mem.release()
}

// oomError says how much was asked and how much the device has free.
type oomError struct {
	msg string
	err error
}

func (e *oomError) Error() string { return e.msg }
func (e *oomError) Unwrap() error { return e.err }

func (b *Backend) outOfMemory(n int, err error) error {
	msg := fmt.Sprintf("%s: out of memory allocating %s on %s", b.kind, bytesize.Format(int64(n)), b.info.Name)
	if free, total, ierr := b.dev.MemInfo(); ierr == nil {
		msg += fmt.Sprintf(" (%s free of %s)", bytesize.Format(int64(free)), bytesize.Format(int64(total)))
	}
	return &oomError{msg: msg, err: err}
}

// Free releases buf in stream order: work queued before it may still read
// it. Freeing twice is a no-op; an error (or a buffer of another backend)
// is reported by the next Sync.
func (b *Backend) Free(buf backend.Buffer) {
	bb, ok := buf.(*buffer)
	if !ok || bb == nil || bb.owner.root() != b.root() {
		b.deferError(fmt.Errorf("%s: Free: %T is not a buffer of this backend", b.kind, buf))
		return
	}
	if bb.freed.Swap(true) || bb.capacity == 0 {
		return
	}
	bb.cleanup.Stop()
	if bb.foreign != nil {
		bb.foreign.run()
		return
	}
	block{b, bb.ptr, bb.capacity, bb.use}.release()
}

// live returns buf as a buffer of b that has not been freed.
func (b *Backend) live(buf backend.Buffer) (*buffer, error) {
	bb, ok := buf.(*buffer)
	switch {
	case !ok || bb == nil:
		return nil, fmt.Errorf("%T is not a buffer of the %s backend", buf, b.kind)
	case bb.owner.root() != b.root():
		return nil, fmt.Errorf("the buffer belongs to another %s backend (%s)", bb.owner.kind, bb.owner.info.Name)
	case bb.freed.Load():
		return nil, errors.New("use of a freed buffer")
	case b.stream.closed.Load():
		return nil, errClosed
	}
	if bb.use != nil {
		if err := bb.use.on(b); err != nil {
			return nil, fmt.Errorf("ordering streams: %w", err)
		}
	}
	return bb, nil
}

// span checks that bytes [off, off+n) lie inside a buffer of size bytes.
func span(off, n, size int) error {
	if err := layout.Span(off, n, size); err != nil {
		return fmt.Errorf("bytes %w", err)
	}
	return nil
}

// Write copies src into dst at byte offset off; it returns once src may be
// reused, ordered after the kernels queued before it.
func (b *Backend) Write(dst backend.Buffer, off int, src []byte) error {
	defer runtime.KeepAlive(dst) // the buffers stay reachable until the work is queued
	bb, err := b.live(dst)
	if err == nil {
		err = span(off, len(src), bb.size)
	}
	if err == nil && len(src) > 0 {
		err = b.dev.HtoD(bb.ptr+Ptr(off), src)
	}
	if err != nil {
		return fmt.Errorf("%s: Write: %w", b.kind, err)
	}
	return nil
}

// Copy copies n bytes from src to dst on the device, queued on the stream.
func (b *Backend) Copy(dst backend.Buffer, dstOff int, src backend.Buffer, srcOff int, n int) error {
	defer runtime.KeepAlive(dst)
	defer runtime.KeepAlive(src) // the buffers stay reachable until the work is queued
	d, err := b.live(dst)
	if err == nil {
		err = span(dstOff, n, d.size)
	}
	if err != nil {
		return fmt.Errorf("%s: Copy: destination: %w", b.kind, err)
	}
	s, err := b.live(src)
	if err == nil {
		err = span(srcOff, n, s.size)
	}
	if err != nil {
		return fmt.Errorf("%s: Copy: source: %w", b.kind, err)
	}
	if n == 0 {
		return nil
	}
	if err := b.dev.DtoD(d.ptr+Ptr(dstOff), s.ptr+Ptr(srcOff), n); err != nil {
		return fmt.Errorf("%s: Copy: %w", b.kind, err)
	}
	return nil
}

// Read copies len(dst) bytes of src from byte offset off, after every
// kernel queued before it (an error of one of them surfaces here).
func (b *Backend) Read(dst []byte, src backend.Buffer, off int) error {
	defer runtime.KeepAlive(src) // the buffers stay reachable until the work is queued
	bb, err := b.live(src)
	if err == nil {
		err = span(off, len(dst), bb.size)
	}
	if err == nil && len(dst) > 0 {
		err = b.dev.DtoH(dst, bb.ptr+Ptr(off))
	}
	if err != nil {
		return fmt.Errorf("%s: Read: %w", b.kind, err)
	}
	return nil
}

// poolAllocator allocates from the device's stream-ordered pool, in the
// order of the stream where all work of the backend runs.
type poolAllocator struct{ pool Pool }

func (a poolAllocator) alloc(n int) (Ptr, int, error) {
	p, err := a.pool.AllocAsync(n)
	return p, n, err
}

func (a poolAllocator) free(p Ptr, _ int) error { return a.pool.FreeAsync(p) }

func (a poolAllocator) release() error { return a.pool.Trim() }

// plainAllocator is the device's plain allocator, for devices without
// pools; its free waits for the work that may use the block.
type plainAllocator struct{ dev Runtime }

func (a plainAllocator) alloc(n int) (Ptr, int, error) {
	p, err := a.dev.Alloc(n)
	return p, n, err
}

func (a plainAllocator) free(p Ptr, _ int) error { return a.dev.Free(p) }

func (a plainAllocator) release() error { return nil }

// cachingAllocator keeps freed blocks in lists by rounded size and hands
// them out again, in front of the pool or plain allocation: a block costs
// a map lookup instead of two driver calls, which is most of the cost of a
// small op that makes its result. It is shared by the streams of a device
// and stays stream-ordered: each block remembers the one stream that used
// it (nil after several), a stream takes its own blocks first, and a block
// of another stream is handed out only after ordering the taker's work
// after that stream's (or every stream's) queued work, through an event.
// With one stream, a block freed after some kernels is reused by later
// ones in stream order, with no event.
type cachingAllocator struct {
	root    *Backend  // the device's default stream
	backing allocator // the default stream's pool, or the plain allocator
	mu      sync.Mutex
	cached  map[int][]cachedBlock // rounded size -> blocks
}

// cachedBlock is a free block and the stream that alone used it last.
type cachedBlock struct {
	ptr  Ptr
	last *Backend // nil: used on several streams
}

func newCachingAllocator(root *Backend, backing allocator) *cachingAllocator {
	return &cachingAllocator{root: root, backing: backing, cached: map[int][]cachedBlock{}}
}

// roundSize rounds n up to a multiple of 512 bytes below 1 MiB and to one
// of eight steps between powers of two above (at most 12.5% waste), so
// that blocks of nearby sizes share a list.
func roundSize(n int) int {
	const small = 1 << 20
	if n <= small {
		return (n + 511) &^ 511
	}
	step := 1 << (bits.Len(uint(n-1)) - 4) // an eighth of the power of two below n
	return (n + step - 1) &^ (step - 1)
}

// alloc returns a block of at least n bytes for work queued on b.
func (a *cachingAllocator) alloc(b *Backend, n int) (Ptr, int, error) {
	c := roundSize(n)
	a.mu.Lock()
	if list := a.cached[c]; len(list) > 0 {
		i := len(list) - 1
		for j := i; j >= 0; j-- {
			if list[j].last == b {
				i = j
				break
			}
		}
		blk := list[i]
		a.cached[c] = slices.Delete(list, i, i+1)
		a.mu.Unlock()
		if blk.last == b {
			return blk.ptr, c, nil
		}
		if err := b.orderAfter(blk.last); err != nil {
			a.free(blk.last, blk.ptr, c)
			return 0, 0, err
		}
		return blk.ptr, c, nil
	}
	a.mu.Unlock()
	p, _, err := b.backing().alloc(c)
	return p, c, err
}

// free keeps block p of c bytes, last used on stream last (nil: several).
func (a *cachingAllocator) free(last *Backend, p Ptr, c int) error {
	a.mu.Lock()
	a.cached[c] = append(a.cached[c], cachedBlock{p, last})
	a.mu.Unlock()
	return nil
}

// release gives every cached block back, each on the stream that used it
// (on the default stream, after every stream's work, where several did or
// that stream is closed), then lets the default stream's allocator return
// what it keeps to the device.
func (a *cachingAllocator) release() error {
	a.mu.Lock()
	lists := a.cached
	a.cached = map[int][]cachedBlock{}
	a.mu.Unlock()
	var errs []error
	ordered := false
	for c, list := range lists {
		for _, blk := range list {
			on := blk.last
			if on == nil || on.stream.closed.Load() {
				on = a.root
				if !ordered {
					errs = append(errs, a.root.orderAfter(nil))
					ordered = true
				}
			}
			if err := on.backing().free(blk.ptr, c); err != nil {
				errs = append(errs, err)
			}
		}
	}
	return errors.Join(append(errs, a.backing.release())...)
}

// backing is where b's stream gets new blocks and returns them.
func (b *Backend) backing() allocator {
	if b.stream.backing != nil {
		return b.stream.backing
	}
	return b.mem.backing
}
