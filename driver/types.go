// Package driver is the Go API of the CUDA driver: devices, contexts,
// streams, events, memory, modules, launches and graphs.
package driver

// DevicePtr is an address in device memory.
type DevicePtr uint64

// Context is a device's primary context. The CUDA current context is per OS
// thread; Do runs a function with c current on a locked thread, so code
// inside is correct however goroutines move between threads.
type Context struct {
	handle uintptr
}

// Do runs f on a locked OS thread with c current.
func (c *Context) Do(f func() error) error { panic("driver: not implemented") }

// Stream is a CUDA stream.
type Stream struct {
	ctx    *Context
	handle uintptr
}

// Handle returns the raw CUstream, for other NVIDIA libraries (cuBLAS).
func (s *Stream) Handle() uintptr { return s.handle }

// Context returns the context the stream belongs to.
func (s *Stream) Context() *Context { return s.ctx }
