package gpu

import (
	"fmt"
	"runtime"
	"sync"

	"github.com/cugo/cugo/backend"
)

// HandleDevice is implemented by devices that expose their vendor
// context and stream (backend.Native).
type HandleDevice interface {
	Handles() (context, stream any)
}

// DevicePointer is the buffer's device address.
func (bb *buffer) DevicePointer() uintptr { return uintptr(bb.ptr) }

// Handles returns the device's context and stream; see backend.Native.
func (b *Backend) Handles() (context, stream any) {
	if h, ok := b.dev.(HandleDevice); ok {
		return h.Handles()
	}
	return nil, nil
}

// foreignRelease is the owner's hook of a wrapped buffer, called once:
// by Free or by the buffer's cleanup, after the queued work.
type foreignRelease struct {
	b    *Backend
	once sync.Once
	hook func()
}

func (f *foreignRelease) run() {
	f.once.Do(func() {
		for _, s := range f.b.streams() { // any stream may still use it
			if err := s.dev.Sync(); err != nil {
				f.b.deferError(fmt.Errorf("%s: release of wrapped memory: %w", f.b.kind, err))
			}
		}
		if f.hook != nil {
			f.hook()
		}
	})
}

// Wrap makes device memory the caller allocated a buffer; see
// backend.Native.
func (b *Backend) Wrap(ptr uintptr, n int, release func()) (backend.DeviceBuffer, error) {
	if ptr == 0 || n <= 0 {
		return nil, fmt.Errorf("%s: Wrap: %d bytes at %#x", b.kind, n, ptr)
	}
	r := &foreignRelease{b: b, hook: release}
	buf := &buffer{owner: b, ptr: Ptr(ptr), size: n, capacity: n, foreign: r, use: newBufferUse(b)}
	buf.cleanup = runtime.AddCleanup(buf, (*foreignRelease).run, r)
	return buf, nil
}

var _ backend.Native = (*Backend)(nil)
