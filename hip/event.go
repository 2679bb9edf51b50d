package hip

import (
	"time"

	sym "github.com/cugo/cugo/internal/sym/hip"
)

// EventFlags are hipEventCreateWithFlags flags.
type EventFlags uint32

const (
	EventDefault       EventFlags = 0x0
	EventBlockingSync  EventFlags = 0x1 // the waiting thread sleeps instead of spinning
	EventDisableTiming EventFlags = 0x2 // cheaper, when only ordering is needed
)

// Event marks a point in a stream.
type Event struct {
	ctx    *Context
	handle sym.HipEvent_t
}

// NewEvent creates an event.
func (c *Context) NewEvent(flags EventFlags) (*Event, error) {
	e := &Event{ctx: c}
	err := c.Do(func() error {
		return check("hipEventCreateWithFlags", sym.HipEventCreateWithFlags(&e.handle, uint32(flags)))
	})
	if err != nil {
		return nil, err
	}
	return e, nil
}

// Record marks the current end of s's work.
func (e *Event) Record(s *Stream) error {
	return e.ctx.Do(func() error { return check("hipEventRecord", sym.HipEventRecord(e.handle, s.handle)) })
}

// Synchronize waits for the recorded work.
func (e *Event) Synchronize() error {
	return e.ctx.Do(func() error { return check("hipEventSynchronize", sym.HipEventSynchronize(e.handle)) })
}

// Query reports whether the recorded work is done, without waiting.
func (e *Event) Query() (bool, error) {
	var done bool
	err := e.ctx.Do(func() error {
		r := sym.HipEventQuery(e.handle)
		if r == sym.HipError_t(ErrNotReady.Code) {
			return nil
		}
		done = r == 0
		return check("hipEventQuery", r)
	})
	return done, err
}

// Elapsed is the GPU time from e to end (both recorded and complete).
func (e *Event) Elapsed(end *Event) (time.Duration, error) {
	var ms float32
	err := e.ctx.Do(func() error { return check("hipEventElapsedTime", sym.HipEventElapsedTime(&ms, e.handle, end.handle)) })
	return time.Duration(float64(ms) * float64(time.Millisecond)), err
}

// Destroy releases the event.
func (e *Event) Destroy() error {
	if e.handle == 0 {
		return nil
	}
	err := e.ctx.Do(func() error { return check("hipEventDestroy", sym.HipEventDestroy(e.handle)) })
	e.handle = 0
	return err
}
