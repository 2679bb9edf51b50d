package hip

import (
	sym "github.com/cugo/cugo/internal/sym/hip"
)

// Stream is a HIP stream: work on it runs in order, on its device.
type Stream struct {
	ctx    *Context
	handle sym.HipStream_t
}

// StreamFlags are the flags of hipStreamCreateWithPriority.
type StreamFlags uint32

const (
	// StreamDefault streams synchronize with the null stream.
	StreamDefault StreamFlags = 0
	// StreamNonBlocking streams run concurrently with the null stream.
	StreamNonBlocking StreamFlags = 1
)

// NewStream creates a stream; a lower priority number is a higher
// priority (hipDeviceGetStreamPriorityRange gives the valid range; 0 is
// the default).
func (c *Context) NewStream(flags StreamFlags, priority int) (*Stream, error) {
	s := &Stream{ctx: c}
	err := c.Do(func() error {
		return check("hipStreamCreateWithPriority", sym.HipStreamCreateWithPriority(&s.handle, uint32(flags), int32(priority)))
	})
	if err != nil {
		return nil, err
	}
	return s, nil
}

// DefaultStream is the device's null stream: work on it waits for the other
// blocking streams' work, and the synchronous copies run in its order.
func (c *Context) DefaultStream() *Stream { return &Stream{ctx: c} }

// Handle returns the raw hipStream_t, for other AMD libraries (hipBLAS).
func (s *Stream) Handle() uintptr { return uintptr(s.handle) }

// Context returns the context the stream belongs to.
func (s *Stream) Context() *Context { return s.ctx }

// Synchronize waits until the stream's work is done.
func (s *Stream) Synchronize() error {
	return s.ctx.Do(func() error { return check("hipStreamSynchronize", sym.HipStreamSynchronize(s.handle)) })
}

// Query reports whether the stream's work is done, without waiting.
func (s *Stream) Query() (bool, error) {
	var done bool
	err := s.ctx.Do(func() error {
		r := sym.HipStreamQuery(s.handle)
		if r == sym.HipError_t(ErrNotReady.Code) {
			return nil
		}
		done = r == 0
		return check("hipStreamQuery", r)
	})
	return done, err
}

// WaitEvent makes later work on s wait until e has completed.
func (s *Stream) WaitEvent(e *Event) error {
	return s.ctx.Do(func() error { return check("hipStreamWaitEvent", sym.HipStreamWaitEvent(s.handle, e.handle, 0)) })
}

// Destroy releases the stream once its work is done.
func (s *Stream) Destroy() error {
	if s.handle == 0 { // the null stream, or destroyed
		return nil
	}
	err := s.ctx.Do(func() error { return check("hipStreamDestroy", sym.HipStreamDestroy(s.handle)) })
	s.handle = 0
	return err
}
