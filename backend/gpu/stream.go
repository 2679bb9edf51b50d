package gpu

import (
	"errors"
	"fmt"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/cugo/cugo/backend"
)

var _ backend.Streamer = (*Backend)(nil)

// StreamDevice is implemented by Devices that queue work on more streams
// than their default one.
type StreamDevice interface {
	// NewStream returns a view of the device whose work (launches, device
	// copies, stream-ordered allocation, events, BLAS) queues on a new
	// stream that orders with the default stream, and the function that
	// destroys that stream.
	NewStream() (dev Runtime, destroy func() error, err error)
	// WaitEvent makes the work queued on the device's stream from now on
	// wait for e, an event of a view of the same device.
	WaitEvent(e Event) error
}

// streamState is what a Backend knows of its stream among its device's.
// The backend that New returns runs on the device's default stream and
// is the root of the device's streams; NewStream's backends share its
// caching allocator and kernels.
type streamState struct {
	root    *Backend     // nil on the root
	backing allocator    // where this stream's new blocks come from; nil: the root's
	destroy func() error // destroys the stream; nil on the root
	closed  atomic.Bool

	// On the root: the streams made by NewStream and not closed.
	mu     sync.Mutex
	others []*Backend
}

// Root returns the backend of the device's default stream
// (backend.Streamer).
func (b *Backend) Root() backend.Backend { return b.root() }

func (b *Backend) root() *Backend {
	if r := b.stream.root; r != nil {
		return r
	}
	return b
}

// NewStream returns a backend on b's device whose operations queue on a
// new stream (backend.Streamer). It shares b's memory, kernels and
// buffers; its BLAS, solver and FFT handles are its own.
func (b *Backend) NewStream() (backend.Streamer, error) {
	root := b.root()
	sd, ok := root.dev.(StreamDevice)
	if !ok {
		return nil, fmt.Errorf("%s: NewStream: %w: the device has one stream", b.kind, backend.ErrUnsupported)
	}
	dev, destroy, err := sd.NewStream()
	if err != nil {
		return nil, fmt.Errorf("%s: NewStream: %w", b.kind, err)
	}
	s := &Backend{
		dev: dev, info: root.info, kind: root.kind, vendor: root.vendor, warp: root.warp,
		noPeer: root.noPeer, maxBlocks: root.maxBlocks, resident: root.resident,
		mem: root.mem, lb: newLaunchBlock(), sortShape: root.sortShape,
	}
	s.stream.root, s.stream.destroy = root, destroy
	s.stream.backing = plainAllocator{dev}
	if _, plain := root.mem.backing.(plainAllocator); !plain && dev.Pool() != nil {
		s.stream.backing = poolAllocator{dev.Pool()}
	}
	root.stream.mu.Lock()
	root.stream.others = append(root.stream.others, s)
	root.stream.mu.Unlock()
	return s, nil
}

// Close waits for the stream's work and destroys the stream; operations
// on b fail afterwards, and its buffers stay usable on the device's other
// streams. Closing twice does nothing.
func (b *Backend) Close() error {
	if b.stream.root == nil {
		return fmt.Errorf("%s: Close: the default stream cannot be closed", b.kind)
	}
	if b.stream.closed.Load() {
		return nil
	}
	err := b.Sync()
	if b.stream.closed.Swap(true) {
		return nil
	}
	root := b.stream.root
	root.stream.mu.Lock()
	root.stream.others = slices.DeleteFunc(root.stream.others, func(s *Backend) bool { return s == b })
	root.stream.mu.Unlock()
	if derr := errors.Join(b.hostWords.release(), b.stream.destroy()); derr != nil {
		err = errors.Join(err, fmt.Errorf("%s: Close: %w", b.kind, derr))
	}
	return err
}

// errClosed is the error of an operation on a closed stream.
var errClosed = errors.New("use of a closed stream")

// Closed returns errClosed, wrapped, once b's stream is closed
// (backend.Streamer).
func (b *Backend) Closed() error {
	if b.stream.closed.Load() {
		return fmt.Errorf("%s: %w", b.kind, errClosed)
	}
	return nil
}

// streams returns the device's open streams, the default one first.
func (b *Backend) streams() []*Backend {
	root := b.root()
	root.stream.mu.Lock()
	defer root.stream.mu.Unlock()
	return append([]*Backend{root}, root.stream.others...)
}

// orderAfter makes the work queued on b from now on wait for the work
// queued so far on s, or on every other stream of the device where s is
// nil.
func (b *Backend) orderAfter(s *Backend) error {
	if s != nil {
		return b.waitFor(s)
	}
	for _, s := range b.streams() {
		if err := b.waitFor(s); err != nil {
			return err
		}
	}
	return nil
}

// waitFor orders b's later work after s's queued work through an event
// recorded on s now. A closed stream's work is done (Close waited).
func (b *Backend) waitFor(s *Backend) error {
	if s == b || s.stream.closed.Load() {
		return nil
	}
	sd, ok := b.dev.(StreamDevice)
	if !ok {
		return fmt.Errorf("%s device cannot order two streams", b.kind)
	}
	e, err := s.dev.NewEvent()
	if err != nil {
		return err
	}
	err = e.Record()
	if err == nil {
		err = sd.WaitEvent(e)
	}
	return errors.Join(err, e.Destroy()) // destroyed once it completes
}

// bufferUse is which stream used a buffer last, shared by the buffer and
// the cleanup that releases it (which must not reach the buffer).
type bufferUse struct {
	last atomic.Pointer[Backend]
	many atomic.Bool // used on more than one stream
}

func newBufferUse(b *Backend) *bufferUse {
	u := new(bufferUse)
	u.last.Store(b)
	return u
}

// on records a use of the buffer by work queued next on b, ordering that
// work after the stream that used the buffer before, if another: data
// written on one stream is read on another only after the write, and a
// stream writes only after another's reads.
func (u *bufferUse) on(b *Backend) error {
	if u.last.Load() == b {
		return nil
	}
	prev := u.last.Swap(b)
	if prev == nil || prev == b {
		return nil
	}
	u.many.Store(true)
	return b.orderAfter(prev)
}

// only is the one stream that used the buffer, nil if several did (then
// its memory is reused only after the work of every stream).
func (u *bufferUse) only() *Backend {
	if u.many.Load() {
		return nil
	}
	return u.last.Load()
}

// Record returns an event that completes when the work queued on b's
// stream so far has finished (backend.Streamer).
func (b *Backend) Record() (backend.Event, error) {
	if b.stream.closed.Load() {
		return nil, fmt.Errorf("%s: Record: %w", b.kind, errClosed)
	}
	e, err := b.dev.NewEvent()
	if err == nil {
		if err = e.Record(); err != nil {
			e.Destroy()
		}
	}
	if err != nil {
		return nil, fmt.Errorf("%s: Record: %w", b.kind, err)
	}
	ev := &streamEvent{e: e, on: b}
	runtime.AddCleanup(ev, func(e Event) { e.Destroy() }, e)
	return ev, nil
}

// Wait makes the work queued on b's stream from now on wait for e, an
// event recorded on a stream of b's device (backend.Streamer).
func (b *Backend) Wait(e backend.Event) error {
	defer runtime.KeepAlive(e) // its cleanup destroys the vendor's event
	ev, ok := e.(*streamEvent)
	switch {
	case !ok || ev == nil:
		return fmt.Errorf("%s: Wait: %T is not an event of a %s backend", b.kind, e, b.kind)
	case ev.on.root() != b.root():
		return fmt.Errorf("%s: Wait: the event was recorded on another device (%s:%d)", b.kind, ev.on.info.Kind, ev.on.info.Ordinal)
	case b.stream.closed.Load():
		return fmt.Errorf("%s: Wait: %w", b.kind, errClosed)
	case ev.on == b:
		return nil // the stream's own order
	}
	sd, ok := b.dev.(StreamDevice)
	if !ok {
		return fmt.Errorf("%s: Wait: %w: the device has one stream", b.kind, backend.ErrUnsupported)
	}
	if err := sd.WaitEvent(ev.e); err != nil {
		return fmt.Errorf("%s: Wait: %w", b.kind, err)
	}
	return nil
}

// streamEvent is an event of a GPU backend's stream; its vendor event is
// destroyed once nothing reaches it.
type streamEvent struct {
	e  Event
	on *Backend
}

func (e *streamEvent) Sync() error {
	defer runtime.KeepAlive(e)
	if err := e.e.Synchronize(); err != nil {
		return fmt.Errorf("%s: event Sync: %w", e.on.kind, err)
	}
	return nil
}

func (e *streamEvent) Elapsed(end backend.Event) (time.Duration, error) {
	defer runtime.KeepAlive(e)
	defer runtime.KeepAlive(end)
	x, ok := end.(*streamEvent)
	if !ok || x == nil || x.on.root() != e.on.root() {
		return 0, fmt.Errorf("%s: Elapsed: the end event is not of the same device", e.on.kind)
	}
	if err := errors.Join(e.e.Synchronize(), x.e.Synchronize()); err != nil { // the vendors time complete events only
		return 0, fmt.Errorf("%s: Elapsed: %w", e.on.kind, err)
	}
	d, err := x.e.Since(e.e)
	if err != nil {
		return 0, fmt.Errorf("%s: Elapsed: %w", e.on.kind, err)
	}
	return d, nil
}
