package driver

import (
	"errors"
	"fmt"
	"runtime"
	"unsafe"

	sym "github.com/cugo/cugo/internal/sym/cuda"
)

// DevicePtr is an address in device memory.
type DevicePtr uint64

// MemAlloc allocates n bytes of device memory. Out of memory gives an error
// wrapping ErrOutOfMemory that says how much was asked and how much is free.
func (c *Context) MemAlloc(n int) (DevicePtr, error) {
	if n <= 0 {
		return 0, fmt.Errorf("driver: MemAlloc: size %d is not positive", n)
	}
	var p sym.CUdeviceptr
	err := c.Do(func() error { return check("cuMemAlloc", sym.CuMemAlloc(&p, uintptr(n))) })
	if err != nil {
		return 0, c.allocError("MemAlloc", n, err)
	}
	return DevicePtr(p), nil
}

// allocError adds the request size, and the free memory when out of
// memory, to an allocation's error.
func (c *Context) allocError(op string, n int, err error) error {
	if errors.Is(err, ErrOutOfMemory) {
		if free, total, ierr := c.MemGetInfo(); ierr == nil {
			return fmt.Errorf("driver: %s of %d bytes on device %d (%d of %d bytes free): %w", op, n, c.dev.ordinal, free, total, err)
		}
	}
	return fmt.Errorf("driver: %s of %d bytes on device %d: %w", op, n, c.dev.ordinal, err)
}

// checkSize rejects a negative size, which C would read as a huge one.
func checkSize(op string, n int) error {
	if n < 0 {
		return fmt.Errorf("driver: %s: negative size %d", op, n)
	}
	return nil
}

// MemFree frees memory from MemAlloc.
func (c *Context) MemFree(p DevicePtr) error {
	return c.Do(func() error { return check("cuMemFree", sym.CuMemFree(sym.CUdeviceptr(p))) })
}

// MemGetInfo returns the device's free and total memory in bytes.
func (c *Context) MemGetInfo() (free, total int, err error) {
	var f, t uintptr
	err = c.Do(func() error { return check("cuMemGetInfo", sym.CuMemGetInfo(&f, &t)) })
	return int(f), int(t), err
}

// MemsetD8 sets n bytes at p to v. Like all the synchronous-looking calls
// on device memory it is ordered on the NULL stream.
func (c *Context) MemsetD8(p DevicePtr, v uint8, n int) error {
	if err := checkSize("MemsetD8", n); err != nil {
		return err
	}
	return c.Do(func() error { return check("cuMemsetD8", sym.CuMemsetD8(sym.CUdeviceptr(p), v, uintptr(n))) })
}

// MemsetD16 sets n 16-bit values at p (2-byte aligned) to v.
func (c *Context) MemsetD16(p DevicePtr, v uint16, n int) error {
	if err := checkSize("MemsetD16", n); err != nil {
		return err
	}
	return c.Do(func() error { return check("cuMemsetD16", sym.CuMemsetD16(sym.CUdeviceptr(p), v, uintptr(n))) })
}

// MemsetD32 sets n 32-bit values at p (4-byte aligned) to v.
func (c *Context) MemsetD32(p DevicePtr, v uint32, n int) error {
	if err := checkSize("MemsetD32", n); err != nil {
		return err
	}
	return c.Do(func() error { return check("cuMemsetD32", sym.CuMemsetD32(sym.CUdeviceptr(p), v, uintptr(n))) })
}

// MemsetD8Async is MemsetD8 queued on s.
func (s *Stream) MemsetD8Async(p DevicePtr, v uint8, n int) error {
	if err := checkSize("MemsetD8Async", n); err != nil {
		return err
	}
	return s.do(func() error {
		return check("cuMemsetD8Async", sym.CuMemsetD8Async(sym.CUdeviceptr(p), v, uintptr(n), s.handle))
	})
}

// MemsetD16Async is MemsetD16 queued on s.
func (s *Stream) MemsetD16Async(p DevicePtr, v uint16, n int) error {
	if err := checkSize("MemsetD16Async", n); err != nil {
		return err
	}
	return s.do(func() error {
		return check("cuMemsetD16Async", sym.CuMemsetD16Async(sym.CUdeviceptr(p), v, uintptr(n), s.handle))
	})
}

// MemsetD32Async is MemsetD32 queued on s.
func (s *Stream) MemsetD32Async(p DevicePtr, v uint32, n int) error {
	if err := checkSize("MemsetD32Async", n); err != nil {
		return err
	}
	return s.do(func() error {
		return check("cuMemsetD32Async", sym.CuMemsetD32Async(sym.CUdeviceptr(p), v, uintptr(n), s.handle))
	})
}

// MemcpyHtoD copies src to device memory at dst. It returns once src may
// be reused, so src may be ordinary Go memory.
func (c *Context) MemcpyHtoD(dst DevicePtr, src []byte) error {
	if len(src) == 0 {
		return nil
	}
	return c.MemcpyHtoDPtr(dst, unsafe.Pointer(&src[0]), len(src))
}

// MemcpyHtoDPtr copies n bytes from src (Go or C memory) to dst.
func (c *Context) MemcpyHtoDPtr(dst DevicePtr, src unsafe.Pointer, n int) error {
	if err := checkSize("MemcpyHtoD", n); err != nil {
		return err
	}
	return c.Do(func() error {
		return check("cuMemcpyHtoD", sym.CuMemcpyHtoD(sym.CUdeviceptr(dst), src, uintptr(n)))
	})
}

// MemcpyDtoH copies len(dst) bytes from device memory at src into dst, and
// returns when they are there.
func (c *Context) MemcpyDtoH(dst []byte, src DevicePtr) error {
	if len(dst) == 0 {
		return nil
	}
	return c.MemcpyDtoHPtr(unsafe.Pointer(&dst[0]), src, len(dst))
}

// MemcpyDtoHPtr copies n bytes from src into dst (Go or C memory).
func (c *Context) MemcpyDtoHPtr(dst unsafe.Pointer, src DevicePtr, n int) error {
	if err := checkSize("MemcpyDtoH", n); err != nil {
		return err
	}
	return c.Do(func() error {
		return check("cuMemcpyDtoH", sym.CuMemcpyDtoH(dst, sym.CUdeviceptr(src), uintptr(n)))
	})
}

// MemcpyDtoD copies n bytes between device buffers (of any device, with
// unified addressing).
func (c *Context) MemcpyDtoD(dst, src DevicePtr, n int) error {
	if err := checkSize("MemcpyDtoD", n); err != nil {
		return err
	}
	return c.Do(func() error {
		return check("cuMemcpyDtoD", sym.CuMemcpyDtoD(sym.CUdeviceptr(dst), sym.CUdeviceptr(src), uintptr(n)))
	})
}

// MemcpyHtoDAsync queues a copy of buf[off:off+n] to dst on s. The host
// side must be page-locked memory, a HostBuffer, because the copy runs
// after the call returns: Go memory could be reused or freed by then.
func (s *Stream) MemcpyHtoDAsync(dst DevicePtr, buf *HostBuffer, off, n int) error {
	src, err := buf.span("MemcpyHtoDAsync", off, n)
	if err != nil {
		return err
	}
	return s.do(func() error {
		return check("cuMemcpyHtoDAsync", sym.CuMemcpyHtoDAsync(sym.CUdeviceptr(dst), src, uintptr(n), s.handle))
	})
}

// MemcpyDtoHAsync queues a copy of n bytes from src into buf[off:off+n] on
// s; the data is there once the stream (or an event after it) is synchronized.
func (s *Stream) MemcpyDtoHAsync(buf *HostBuffer, off int, src DevicePtr, n int) error {
	dst, err := buf.span("MemcpyDtoHAsync", off, n)
	if err != nil {
		return err
	}
	return s.do(func() error {
		return check("cuMemcpyDtoHAsync", sym.CuMemcpyDtoHAsync(dst, sym.CUdeviceptr(src), uintptr(n), s.handle))
	})
}

// MemcpyDtoDAsync queues a copy of n bytes between device buffers on s.
func (s *Stream) MemcpyDtoDAsync(dst, src DevicePtr, n int) error {
	if err := checkSize("MemcpyDtoDAsync", n); err != nil {
		return err
	}
	return s.do(func() error {
		return check("cuMemcpyDtoDAsync", sym.CuMemcpyDtoDAsync(sym.CUdeviceptr(dst), sym.CUdeviceptr(src), uintptr(n), s.handle))
	})
}

// MemcpyPeerAsync queues a copy of n bytes from src in srcCtx's device to
// dst in dstCtx's device on s. It works without peer access (staged
// through the host) and uses the direct path when it is enabled.
func (s *Stream) MemcpyPeerAsync(dst DevicePtr, dstCtx *Context, src DevicePtr, srcCtx *Context, n int) error {
	if err := checkSize("MemcpyPeerAsync", n); err != nil {
		return err
	}
	return s.do(func() error {
		return check("cuMemcpyPeerAsync", sym.CuMemcpyPeerAsync(sym.CUdeviceptr(dst), dstCtx.handle,
			sym.CUdeviceptr(src), srcCtx.handle, uintptr(n), s.handle))
	})
}

// MemoryType says where memory lives (CUmemorytype).
type MemoryType uint32

const (
	MemoryHost    MemoryType = 1
	MemoryDevice  MemoryType = 2
	MemoryArray   MemoryType = 3
	MemoryUnified MemoryType = 4
)

// Memcpy2D describes a copy of a rectangle (WidthInBytes by Height rows)
// between pitched buffers. Its layout is cuda.h's CUDA_MEMCPY2D on 64-bit
// systems; set the memory types, and the host or device address of each side.
type Memcpy2D struct {
	SrcXInBytes   uintptr
	SrcY          uintptr
	SrcMemoryType MemoryType
	_             uint32
	SrcHost       unsafe.Pointer
	SrcDevice     DevicePtr
	SrcArray      uintptr // CUarray; not used by this package
	SrcPitch      uintptr

	DstXInBytes   uintptr
	DstY          uintptr
	DstMemoryType MemoryType
	_             uint32
	DstHost       unsafe.Pointer
	DstDevice     DevicePtr
	DstArray      uintptr
	DstPitch      uintptr

	WidthInBytes uintptr
	Height       uintptr
}

// Memcpy2D performs the copy m describes; host sides may be Go memory.
func (c *Context) Memcpy2D(m *Memcpy2D) error {
	var pin runtime.Pinner // m holds Go pointers that C reads: pin them
	defer pin.Unpin()
	pin.Pin(m)
	if m.SrcHost != nil {
		pin.Pin(m.SrcHost)
	}
	if m.DstHost != nil {
		pin.Pin(m.DstHost)
	}
	return c.Do(func() error { return check("cuMemcpy2D", sym.CuMemcpy2D(unsafe.Pointer(m))) })
}

// Memcpy2DAsync queues the copy m describes on s; host sides must be
// page-locked (HostBuffer) memory.
func (s *Stream) Memcpy2DAsync(m *Memcpy2D) error {
	var pin runtime.Pinner
	defer pin.Unpin()
	pin.Pin(m)
	return s.do(func() error { return check("cuMemcpy2DAsync", sym.CuMemcpy2DAsync(unsafe.Pointer(m), s.handle)) })
}

// PointerAttribute is a CUpointer_attribute.
type PointerAttribute int32

const (
	PointerMemoryType    PointerAttribute = 2 // a MemoryType
	PointerIsManaged     PointerAttribute = 8 // 1 for cuMemAllocManaged memory
	PointerDeviceOrdinal PointerAttribute = 9 // the device the memory belongs to
)

// PointerGetAttribute returns an integer attribute (one of the constants
// above) of the memory at p: device memory, or host memory from HostAlloc
// or HostRegister given as DevicePtr(uintptr(ptr)).
func (c *Context) PointerGetAttribute(p DevicePtr, a PointerAttribute) (int, error) {
	switch a {
	case PointerMemoryType, PointerIsManaged, PointerDeviceOrdinal:
	default: // others have wider values (pointers, structs)
		return 0, fmt.Errorf("driver: PointerGetAttribute: attribute %d is not an integer one", a)
	}
	var v uint32
	err := c.Do(func() error {
		return check("cuPointerGetAttribute", sym.CuPointerGetAttribute(unsafe.Pointer(&v), sym.CUpointer_attribute(a), sym.CUdeviceptr(p)))
	})
	return int(v), err
}
