package hip

import (
	"runtime"

	sym "github.com/cugo/cugo/internal/sym/hip"
)

// Context runs work on one device. HIP has no context objects in its
// modern API, only a current device per OS thread; Context gives it the
// shape of package driver's Context so that callers treat both alike.
type Context struct {
	device *Device
}

// Device is the device the context runs on.
func (c *Context) Device() *Device { return c.device }

// Do runs f on a locked OS thread with c's device current, so that HIP
// calls inside f reach the right GPU however goroutines move between
// threads. A Do for another device inside f leaves that device current
// when it returns: do not nest contexts of different devices.
func (c *Context) Do(f func() error) error {
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	if err := check("hipSetDevice", sym.HipSetDevice(c.device.ordinal)); err != nil {
		return err
	}
	return f()
}

// Synchronize waits for all work on the device.
func (c *Context) Synchronize() error {
	return c.Do(func() error { return check("hipDeviceSynchronize", sym.HipDeviceSynchronize()) })
}
