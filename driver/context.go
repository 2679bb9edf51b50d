package driver

import (
	"errors"
	"fmt"
	"runtime"
	"sync"

	sym "github.com/cugo/cugo/internal/sym/cuda"
)

// Context is a device's primary context. The CUDA current context is per OS
// thread; Do runs a function with c current on a locked thread, so code
// inside is correct however goroutines move between threads.
//
// A Context is safe for concurrent use.
type Context struct {
	handle sym.CUcontext
	dev    Device
	// setArgs is the argument list of cuCtxSetCurrent(handle), built once
	// and only read after, so that Do allocates nothing.
	setArgs []uintptr
	// legacy is the context's NULL stream.
	legacy *Stream
	refs   int // guarded by primaries.mu
}

// primaries shares one *Context per device among all callers.
var primaries struct {
	mu sync.Mutex
	m  map[sym.CUdevice]*Context
}

// PrimaryContext retains the device's primary context, the one the CUDA
// runtime and libraries such as cuBLAS also use. Every caller gets the same
// *Context; each call must be matched by a Release.
func (d Device) PrimaryContext() (*Context, error) {
	if err := Init(); err != nil {
		return nil, err
	}
	primaries.mu.Lock()
	defer primaries.mu.Unlock()
	if c := primaries.m[d.handle]; c != nil {
		c.refs++
		return c, nil
	}
	var h sym.CUcontext
	if err := check("cuDevicePrimaryCtxRetain", sym.CuDevicePrimaryCtxRetain(&h, d.handle)); err != nil {
		return nil, fmt.Errorf("driver: device %d: %w", d.ordinal, err)
	}
	c := &Context{handle: h, dev: d, setArgs: []uintptr{uintptr(h)}, refs: 1}
	c.legacy = &Stream{ctx: c}
	if primaries.m == nil {
		primaries.m = map[sym.CUdevice]*Context{}
	}
	primaries.m[d.handle] = c
	return c, nil
}

var errReleased = errors.New("driver: context already released")

// Release drops one reference taken by PrimaryContext; the last one
// releases the primary context in the driver (which frees its memory,
// modules and streams, unless another user of the process holds it).
func (c *Context) Release() error {
	primaries.mu.Lock()
	defer primaries.mu.Unlock()
	if c.refs <= 0 {
		return errReleased
	}
	c.refs--
	if c.refs > 0 {
		return nil
	}
	delete(primaries.m, c.dev.handle)
	return check("cuDevicePrimaryCtxRelease", sym.CuDevicePrimaryCtxRelease(c.dev.handle))
}

// Device returns the context's device.
func (c *Context) Device() Device { return c.dev }

// Handle returns the raw CUcontext, for other NVIDIA libraries.
func (c *Context) Handle() uintptr { return uintptr(c.handle) }

// Do runs f on a locked OS thread with c current, and returns f's error
// (or the error of making c current).
//
// Calls may nest, and every function of this package makes its own context
// current, so they are correct inside f whatever context f belongs to. But
// after f calls into another context (a nested Do, or a method of a stream
// of another device), that context stays current until f returns: raw calls
// that f makes after it (into cuBLAS, say) must be wrapped in a Do of their
// own. Do does not restore the previous context; see the package doc for
// why and for the cost.
func (c *Context) Do(f func() error) error {
	if err := c.bind(); err != nil {
		return err
	}
	defer runtime.UnlockOSThread()
	return f()
}

// bind locks the goroutine to its thread and makes c current there; the
// caller unlocks with runtime.UnlockOSThread. It allocates nothing.
func (c *Context) bind() error {
	runtime.LockOSThread()
	if r := sym.CuCtxSetCurrentN(c.setArgs); r != 0 {
		runtime.UnlockOSThread()
		return check("cuCtxSetCurrent", r)
	}
	return nil
}

// Synchronize waits for all work of the context to finish.
func (c *Context) Synchronize() error {
	return c.Do(func() error { return check("cuCtxSynchronize", sym.CuCtxSynchronize()) })
}

// EnablePeerAccess lets kernels and copies of c address the memory of
// peer's device. Enabling it twice is not an error.
func (c *Context) EnablePeerAccess(peer *Context) error {
	return c.Do(func() error {
		err := check("cuCtxEnablePeerAccess", sym.CuCtxEnablePeerAccess(peer.handle, 0))
		if errors.Is(err, ErrPeerAccessAlreadyEnabled) {
			return nil
		}
		return err
	})
}

// DisablePeerAccess undoes EnablePeerAccess.
func (c *Context) DisablePeerAccess(peer *Context) error {
	return c.Do(func() error {
		return check("cuCtxDisablePeerAccess", sym.CuCtxDisablePeerAccess(peer.handle))
	})
}
