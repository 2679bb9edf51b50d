package hip

import (
	"errors"
	"fmt"
	"unsafe"

	sym "github.com/cugo/cugo/internal/sym/hip"
)

// DevicePtr is an address in device memory.
type DevicePtr uint64

// MemGetInfo reports the free and total device memory in bytes.
func (c *Context) MemGetInfo() (free, total int, err error) {
	err = c.Do(func() error {
		var f, t uintptr
		if err := check("hipMemGetInfo", sym.HipMemGetInfo(&f, &t)); err != nil {
			return err
		}
		free, total = int(f), int(t)
		return nil
	})
	return free, total, err
}

// MemAlloc allocates bytes of device memory (hipMalloc).
func (c *Context) MemAlloc(bytes int) (DevicePtr, error) {
	if bytes <= 0 {
		return 0, fmt.Errorf("hip: MemAlloc(%d): size must be positive", bytes)
	}
	var p DevicePtr
	err := c.Do(func() error {
		return check("hipMalloc", sym.HipMalloc((*unsafe.Pointer)(unsafe.Pointer(&p)), uintptr(bytes)))
	})
	if errors.Is(err, ErrOutOfMemory) {
		free, _, _ := c.MemGetInfo()
		err = fmt.Errorf("%w (asked %d bytes, %d free)", err, bytes, free)
	}
	return p, err
}

// MemFree releases memory from MemAlloc (hipFree).
func (c *Context) MemFree(p DevicePtr) error {
	return c.Do(func() error { return check("hipFree", sym.HipFree(p.voidPtr())) })
}

// MemAllocAsync allocates stream-ordered memory (HIP 5.2 and later); the
// error wraps loader.ErrNotSupported where the runtime lacks it.
func (s *Stream) MemAllocAsync(bytes int) (DevicePtr, error) {
	if bytes <= 0 {
		return 0, fmt.Errorf("hip: MemAllocAsync(%d): size must be positive", bytes)
	}
	var p DevicePtr
	err := s.ctx.Do(func() error {
		r, err := sym.HipMallocAsync((*unsafe.Pointer)(unsafe.Pointer(&p)), uintptr(bytes), s.handle)
		if err != nil {
			return err
		}
		return check("hipMallocAsync", r)
	})
	return p, err
}

// MemFreeAsync releases memory in stream order.
func (s *Stream) MemFreeAsync(p DevicePtr) error {
	return s.ctx.Do(func() error {
		r, err := sym.HipFreeAsync(p.voidPtr(), s.handle)
		if err != nil {
			return err
		}
		return check("hipFreeAsync", r)
	})
}

// MemsetD8 sets n bytes at p to v.
func (c *Context) MemsetD8(p DevicePtr, v uint8, n int) error {
	return c.Do(func() error { return check("hipMemsetD8", sym.HipMemsetD8(sym.HipDeviceptr_t(p), v, uintptr(n))) })
}

// MemsetD16 sets n 16-bit words at p to v.
func (c *Context) MemsetD16(p DevicePtr, v uint16, n int) error {
	return c.Do(func() error { return check("hipMemsetD16", sym.HipMemsetD16(sym.HipDeviceptr_t(p), v, uintptr(n))) })
}

// MemsetD32 sets n 32-bit words at p to v.
func (c *Context) MemsetD32(p DevicePtr, v uint32, n int) error {
	return c.Do(func() error {
		return check("hipMemsetD32", sym.HipMemsetD32(sym.HipDeviceptr_t(p), int32(v), uintptr(n)))
	})
}

// MemsetD8Async sets n bytes at p to v, in stream order.
func (s *Stream) MemsetD8Async(p DevicePtr, v uint8, n int) error {
	return s.ctx.Do(func() error {
		return check("hipMemsetD8Async", sym.HipMemsetD8Async(sym.HipDeviceptr_t(p), v, uintptr(n), s.handle))
	})
}

// MemsetD16Async sets n 16-bit words at p to v, in stream order.
func (s *Stream) MemsetD16Async(p DevicePtr, v uint16, n int) error {
	return s.ctx.Do(func() error {
		return check("hipMemsetD16Async", sym.HipMemsetD16Async(sym.HipDeviceptr_t(p), v, uintptr(n), s.handle))
	})
}

// MemsetD32Async sets n 32-bit words at p to v, in stream order.
func (s *Stream) MemsetD32Async(p DevicePtr, v uint32, n int) error {
	return s.ctx.Do(func() error {
		return check("hipMemsetD32Async", sym.HipMemsetD32Async(sym.HipDeviceptr_t(p), int32(v), uintptr(n), s.handle))
	})
}

// bytesOf views a slice as its bytes (nil pointer for an empty slice).
func bytesOf[T any](s []T) (unsafe.Pointer, int) {
	if len(s) == 0 {
		return nil, 0
	}
	return unsafe.Pointer(unsafe.SliceData(s)), len(s) * int(unsafe.Sizeof(s[0]))
}

// CopyHtoD copies src to device memory at dst.
func CopyHtoD[T any](c *Context, dst DevicePtr, src []T) error {
	p, n := bytesOf(src)
	if n == 0 {
		return nil
	}
	return c.Do(func() error { return check("hipMemcpyHtoD", sym.HipMemcpyHtoD(sym.HipDeviceptr_t(dst), p, uintptr(n))) })
}

// CopyDtoH copies device memory at src into dst.
func CopyDtoH[T any](c *Context, dst []T, src DevicePtr) error {
	p, n := bytesOf(dst)
	if n == 0 {
		return nil
	}
	return c.Do(func() error { return check("hipMemcpyDtoH", sym.HipMemcpyDtoH(p, sym.HipDeviceptr_t(src), uintptr(n))) })
}

// MemcpyDtoD copies bytes between device buffers.
func (c *Context) MemcpyDtoD(dst, src DevicePtr, bytes int) error {
	return c.Do(func() error {
		return check("hipMemcpyDtoD", sym.HipMemcpyDtoD(sym.HipDeviceptr_t(dst), sym.HipDeviceptr_t(src), uintptr(bytes)))
	})
}

// CopyHtoDAsync copies src to dst in stream order. src must stay alive and
// unchanged until the stream reaches the copy; pinned memory (HostBuffer)
// makes the copy truly asynchronous.
func CopyHtoDAsync[T any](s *Stream, dst DevicePtr, src []T) error {
	p, n := bytesOf(src)
	if n == 0 {
		return nil
	}
	return s.ctx.Do(func() error {
		return check("hipMemcpyHtoDAsync", sym.HipMemcpyHtoDAsync(sym.HipDeviceptr_t(dst), p, uintptr(n), s.handle))
	})
}

// CopyDtoHAsync copies src into dst in stream order; dst must stay alive
// until the stream reaches the copy.
func CopyDtoHAsync[T any](s *Stream, dst []T, src DevicePtr) error {
	p, n := bytesOf(dst)
	if n == 0 {
		return nil
	}
	return s.ctx.Do(func() error {
		return check("hipMemcpyDtoHAsync", sym.HipMemcpyDtoHAsync(p, sym.HipDeviceptr_t(src), uintptr(n), s.handle))
	})
}

// MemcpyDtoDAsync copies bytes between device buffers in stream order.
func (s *Stream) MemcpyDtoDAsync(dst, src DevicePtr, bytes int) error {
	return s.ctx.Do(func() error {
		return check("hipMemcpyDtoDAsync", sym.HipMemcpyDtoDAsync(sym.HipDeviceptr_t(dst), sym.HipDeviceptr_t(src), uintptr(bytes), s.handle))
	})
}

// HostBuffer is page-locked host memory from hipHostMalloc: copies to and
// from it run asynchronously at full bus speed.
type HostBuffer struct {
	ctx *Context
	ptr unsafe.Pointer
	n   int
}

// HostAlloc allocates bytes of pinned host memory.
func (c *Context) HostAlloc(bytes int) (*HostBuffer, error) {
	if bytes <= 0 {
		return nil, fmt.Errorf("hip: HostAlloc(%d): size must be positive", bytes)
	}
	b := &HostBuffer{ctx: c, n: bytes}
	const hipHostMallocDefault = 0
	err := c.Do(func() error {
		return check("hipHostMalloc", sym.HipHostMalloc(&b.ptr, uintptr(bytes), hipHostMallocDefault))
	})
	if err != nil {
		return nil, err
	}
	return b, nil
}

// Bytes views the buffer; the view is invalid after Free.
func (b *HostBuffer) Bytes() []byte { return unsafe.Slice((*byte)(b.ptr), b.n) }

// Free releases the buffer.
func (b *HostBuffer) Free() error {
	if b.ptr == nil {
		return nil
	}
	err := b.ctx.Do(func() error { return check("hipHostFree", sym.HipHostFree(b.ptr)) })
	b.ptr = nil
	return err
}

// HostRegister page-locks existing host memory (Go memory does not move,
// but it must stay reachable until HostUnregister).
func (c *Context) HostRegister(b []byte) error {
	p, n := bytesOf(b)
	if n == 0 {
		return fmt.Errorf("hip: HostRegister: empty buffer")
	}
	const hipHostRegisterDefault = 0
	return c.Do(func() error {
		return check("hipHostRegister", sym.HipHostRegister(p, uintptr(n), hipHostRegisterDefault))
	})
}

// HostUnregister undoes HostRegister.
func (c *Context) HostUnregister(b []byte) error {
	p, n := bytesOf(b)
	if n == 0 {
		return fmt.Errorf("hip: HostUnregister: empty buffer")
	}
	return c.Do(func() error { return check("hipHostUnregister", sym.HipHostUnregister(p)) })
}

// voidPtr passes p where HIP declares a void* device pointer. The value is
// not a Go pointer: reinterpreting it (rather than converting a uintptr)
// keeps vet's unsafe.Pointer rules intact.
func (p DevicePtr) voidPtr() unsafe.Pointer { return *(*unsafe.Pointer)(unsafe.Pointer(&p)) }
