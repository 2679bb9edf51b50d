package driver

import (
	"fmt"
	"unsafe"

	sym "github.com/cugo/cugo/internal/sym/cuda"
)

// HostBuffer is page-locked host memory, which the GPU reads and writes by
// DMA: the host side of asynchronous copies. It is either allocated by
// HostAlloc or existing memory registered with HostRegister.
type HostBuffer struct {
	ctx        *Context
	p          unsafe.Pointer
	n          int
	registered bool
}

// HostAllocFlags are the flags of cuMemHostAlloc.
type HostAllocFlags uint32

const (
	HostAllocPortable      HostAllocFlags = 1 // page-locked for every context, not just this one
	HostAllocDeviceMap     HostAllocFlags = 2 // mapped into the device's address space
	HostAllocWriteCombined HostAllocFlags = 4 // fast for the GPU to read, slow for the CPU to read
)

// HostAlloc allocates n bytes of page-locked host memory.
func (c *Context) HostAlloc(n int, flags HostAllocFlags) (*HostBuffer, error) {
	if n <= 0 {
		return nil, fmt.Errorf("driver: HostAlloc: size %d is not positive", n)
	}
	var p unsafe.Pointer
	err := c.Do(func() error { return check("cuMemHostAlloc", sym.CuMemHostAlloc(&p, uintptr(n), uint32(flags))) })
	if err != nil {
		return nil, c.allocError("HostAlloc", n, err)
	}
	return &HostBuffer{ctx: c, p: p, n: n}, nil
}

// HostRegisterFlags are the flags of cuMemHostRegister.
type HostRegisterFlags uint32

const (
	HostRegisterPortable  HostRegisterFlags = 1
	HostRegisterDeviceMap HostRegisterFlags = 2
	HostRegisterReadOnly  HostRegisterFlags = 8
)

// HostRegister page-locks n bytes of existing host memory at p, so that
// asynchronous copies may use it. p must not move while registered: C
// memory, or Go heap memory (from make) that the HostBuffer keeps alive.
// Free unregisters it.
func (c *Context) HostRegister(p unsafe.Pointer, n int, flags HostRegisterFlags) (*HostBuffer, error) {
	if p == nil || n <= 0 {
		return nil, fmt.Errorf("driver: HostRegister: bad range %p+%d", p, n)
	}
	err := c.Do(func() error { return check("cuMemHostRegister", sym.CuMemHostRegister(p, uintptr(n), uint32(flags))) })
	if err != nil {
		return nil, err
	}
	return &HostBuffer{ctx: c, p: p, n: n, registered: true}, nil
}

// Bytes returns the buffer as a slice; nil after Free.
func (h *HostBuffer) Bytes() []byte {
	if h.p == nil {
		return nil
	}
	return unsafe.Slice((*byte)(h.p), h.n)
}

// Ptr returns the buffer's address.
func (h *HostBuffer) Ptr() unsafe.Pointer { return h.p }

// Len returns the buffer's size in bytes.
func (h *HostBuffer) Len() int { return h.n }

// Free releases memory from HostAlloc, or unregisters memory from
// HostRegister. Copies that use the buffer must have finished.
func (h *HostBuffer) Free() error {
	if h.p == nil {
		return errDestroyed
	}
	err := h.ctx.Do(func() error {
		if h.registered {
			return check("cuMemHostUnregister", sym.CuMemHostUnregister(h.p))
		}
		return check("cuMemFreeHost", sym.CuMemFreeHost(h.p))
	})
	if err == nil {
		h.p = nil
	}
	return err
}

// span returns the address of h[off:off+n], checking the range.
func (h *HostBuffer) span(op string, off, n int) (unsafe.Pointer, error) {
	if h == nil || h.p == nil {
		return nil, fmt.Errorf("driver: %s: no host buffer (nil or freed)", op)
	}
	if off < 0 || n < 0 || off > h.n-n {
		return nil, fmt.Errorf("driver: %s: range [%d:%d] outside the %d-byte host buffer", op, off, off+n, h.n)
	}
	return unsafe.Add(h.p, off), nil
}
