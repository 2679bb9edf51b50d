package driver

import (
	"errors"
	"time"

	sym "github.com/cugo/cugo/internal/sym/cuda"
)

// Stream is a CUDA stream: work queued on it runs in order, and
// asynchronously to the host. Its methods are safe for concurrent use, but
// the order of work queued from several goroutines at once is theirs.
type Stream struct {
	ctx       *Context
	handle    sym.CUstream // 0 for the context's NULL stream
	destroyed bool
}

// StreamFlags are the flags of cuStreamCreate.
type StreamFlags uint32

const (
	// StreamDefault streams synchronize with the NULL stream.
	StreamDefault StreamFlags = 0
	// StreamNonBlocking streams run concurrently with the NULL stream.
	StreamNonBlocking StreamFlags = 1
)

var errDestroyed = errors.New("driver: use of a destroyed object")

// NewStream creates a stream. Lower priority numbers run first; 0 is the
// default, and the driver clamps values outside the device's range.
func (c *Context) NewStream(flags StreamFlags, priority int) (*Stream, error) {
	s := &Stream{ctx: c}
	err := c.Do(func() error {
		return check("cuStreamCreateWithPriority", sym.CuStreamCreateWithPriority(&s.handle, uint32(flags), int32(priority)))
	})
	if err != nil {
		return nil, err
	}
	return s, nil
}

// DefaultStream returns the context's NULL stream (handle 0, with the
// legacy semantics: it synchronizes with every StreamDefault stream).
func (c *Context) DefaultStream() *Stream { return c.legacy }

// Handle returns the raw CUstream, for other NVIDIA libraries (cuBLAS).
func (s *Stream) Handle() uintptr { return uintptr(s.handle) }

// Context returns the context the stream belongs to.
func (s *Stream) Context() *Context { return s.ctx }

// do runs f in the stream's context, unless the stream was destroyed.
func (s *Stream) do(f func() error) error {
	if s.destroyed {
		return errDestroyed
	}
	return s.ctx.Do(f)
}

// Synchronize waits until all work queued on s has finished.
func (s *Stream) Synchronize() error {
	return s.do(func() error { return check("cuStreamSynchronize", sym.CuStreamSynchronize(s.handle)) })
}

// Query reports whether all work queued on s has finished, without waiting.
func (s *Stream) Query() (ready bool, err error) {
	err = s.do(func() error { return check("cuStreamQuery", sym.CuStreamQuery(s.handle)) })
	if errors.Is(err, ErrNotReady) {
		return false, nil
	}
	return err == nil, err
}

// WaitEvent makes work queued on s after this call wait for e's last Record
// (on any stream, even of another device).
func (s *Stream) WaitEvent(e *Event) error {
	if e.destroyed {
		return errDestroyed
	}
	return s.do(func() error { return check("cuStreamWaitEvent", sym.CuStreamWaitEvent(s.handle, e.handle, 0)) })
}

// Destroy releases the stream once its queued work is done. The NULL
// stream cannot be destroyed.
func (s *Stream) Destroy() error {
	if s.handle == 0 && !s.destroyed {
		return errors.New("driver: the NULL stream cannot be destroyed")
	}
	err := s.do(func() error { return check("cuStreamDestroy", sym.CuStreamDestroy(s.handle)) })
	if err == nil {
		s.destroyed = true
	}
	return err
}

// Event marks a point in a stream, to wait for or to time.
type Event struct {
	ctx       *Context
	handle    sym.CUevent
	destroyed bool
}

// EventFlags are the flags of cuEventCreate.
type EventFlags uint32

const (
	EventDefault       EventFlags = 0
	EventBlockingSync  EventFlags = 1 // Synchronize blocks the thread instead of spinning
	EventDisableTiming EventFlags = 2 // no timestamps: cheaper for pure ordering
)

// NewEvent creates an event.
func (c *Context) NewEvent(flags EventFlags) (*Event, error) {
	e := &Event{ctx: c}
	err := c.Do(func() error { return check("cuEventCreate", sym.CuEventCreate(&e.handle, uint32(flags))) })
	if err != nil {
		return nil, err
	}
	return e, nil
}

func (e *Event) do(f func() error) error {
	if e.destroyed {
		return errDestroyed
	}
	return e.ctx.Do(f)
}

// Record captures the work queued on s so far (nil means the NULL stream of
// the event's context); s must belong to the event's context.
func (e *Event) Record(s *Stream) error {
	if s == nil {
		s = e.ctx.legacy
	}
	if s.ctx != e.ctx {
		return errors.New("driver: Event.Record: the stream belongs to another context")
	}
	if s.destroyed {
		return errDestroyed
	}
	return e.do(func() error { return check("cuEventRecord", sym.CuEventRecord(e.handle, s.handle)) })
}

// Synchronize waits until the work captured by the last Record has finished.
func (e *Event) Synchronize() error {
	return e.do(func() error { return check("cuEventSynchronize", sym.CuEventSynchronize(e.handle)) })
}

// Query reports whether the work captured by the last Record has finished.
func (e *Event) Query() (ready bool, err error) {
	err = e.do(func() error { return check("cuEventQuery", sym.CuEventQuery(e.handle)) })
	if errors.Is(err, ErrNotReady) {
		return false, nil
	}
	return err == nil, err
}

// Elapsed returns the GPU time from start to end, two recorded, completed
// events (resolution about half a microsecond). Neither may have
// EventDisableTiming.
func (start *Event) Elapsed(end *Event) (time.Duration, error) {
	if start.destroyed || end.destroyed {
		return 0, errDestroyed
	}
	var ms float32
	err := end.do(func() error {
		return check("cuEventElapsedTime", sym.CuEventElapsedTime(&ms, start.handle, end.handle))
	})
	return time.Duration(float64(ms) * float64(time.Millisecond)), err
}

// Destroy releases the event.
func (e *Event) Destroy() error {
	err := e.do(func() error { return check("cuEventDestroy", sym.CuEventDestroy(e.handle)) })
	if err == nil {
		e.destroyed = true
	}
	return err
}
