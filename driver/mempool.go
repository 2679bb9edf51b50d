package driver

import (
	"fmt"
	"unsafe"

	sym "github.com/cugo/cugo/internal/sym/cuda"
)

// MemPool is a device's memory pool, which serves the stream-ordered
// allocations MemAllocAsync and MemFreeAsync (CUDA 11.2 and later).
type MemPool struct {
	handle sym.CUmemoryPool
	dev    Device
}

// DefaultMemPool returns the device's default memory pool, the one
// MemAllocAsync draws from. Devices or drivers without memory pools give
// an error matching ErrNotSupported.
func (d Device) DefaultMemPool() (*MemPool, error) {
	ok, err := d.Attribute(AttrMemoryPoolsSupported)
	if err != nil {
		return nil, err
	}
	if ok == 0 {
		e := lib.New("cuDeviceGetDefaultMemPool", ErrNotSupported.Code)
		return nil, fmt.Errorf("driver: device %d has no memory pools: %w", d.ordinal, e)
	}
	p := &MemPool{dev: d}
	r, lerr := sym.CuDeviceGetDefaultMemPool(&p.handle, d.handle)
	if err := checkOptional("cuDeviceGetDefaultMemPool", r, lerr); err != nil {
		return nil, err
	}
	return p, nil
}

// MemPoolAttribute is a CUmemPool_attribute.
type MemPoolAttribute int32

const (
	// PoolReuseFollowEventDependencies etc. are booleans (C int).
	PoolReuseFollowEventDependencies   MemPoolAttribute = 1
	PoolReuseAllowOpportunistic        MemPoolAttribute = 2
	PoolReuseAllowInternalDependencies MemPoolAttribute = 3
	// PoolReleaseThreshold is how many bytes the pool keeps reserved, rather
	// than returning them to the system at the next synchronization.
	PoolReleaseThreshold   MemPoolAttribute = 4
	PoolReservedMemCurrent MemPoolAttribute = 5
	PoolReservedMemHigh    MemPoolAttribute = 6
	PoolUsedMemCurrent     MemPoolAttribute = 7
	PoolUsedMemHigh        MemPoolAttribute = 8
)

// SetReleaseThreshold sets how many bytes the pool holds on to between
// synchronizations; a high value makes MemAllocAsync after MemFreeAsync
// nearly free. math.MaxUint64 keeps everything.
func (p *MemPool) SetReleaseThreshold(bytes uint64) error {
	v := bytes
	r, err := sym.CuMemPoolSetAttribute(p.handle, sym.CUmemPool_attribute(PoolReleaseThreshold), unsafe.Pointer(&v))
	return checkOptional("cuMemPoolSetAttribute", r, err)
}

// Attribute returns one of the pool's attributes; booleans read as 0 or 1.
func (p *MemPool) Attribute(a MemPoolAttribute) (uint64, error) {
	var v uint64 // the int attributes fill the low half (little-endian)
	r, err := sym.CuMemPoolGetAttribute(p.handle, sym.CUmemPool_attribute(a), unsafe.Pointer(&v))
	if err := checkOptional("cuMemPoolGetAttribute", r, err); err != nil {
		return 0, err
	}
	if a <= PoolReuseAllowInternalDependencies {
		v = uint64(uint32(v))
	}
	return v, nil
}

// TrimTo returns memory the pool holds unused to the system, keeping at
// least keep bytes reserved.
func (p *MemPool) TrimTo(keep int) error {
	r, err := sym.CuMemPoolTrimTo(p.handle, uintptr(keep))
	return checkOptional("cuMemPoolTrimTo", r, err)
}

// MemAccess is what a device may do with a pool's memory
// (CUmemAccess_flags).
type MemAccess int32

const (
	AccessNone      MemAccess = 0
	AccessRead      MemAccess = 1
	AccessReadWrite MemAccess = 3
)

func (a MemAccess) String() string {
	switch a {
	case AccessNone:
		return "none"
	case AccessRead:
		return "read"
	case AccessReadWrite:
		return "read-write"
	}
	return fmt.Sprintf("MemAccess(%d)", int32(a))
}

// memLocation is CUmemLocation, and memAccessDesc CUmemAccessDesc.
type memLocation struct{ kind, id int32 }
type memAccessDesc struct {
	location memLocation
	flags    MemAccess
}

const memLocationDevice = 1 // CU_MEM_LOCATION_TYPE_DEVICE

// SetAccess sets what device d may do with the pool's memory, every
// allocation of it, made before or after the call. Peer access between
// two contexts covers their plain allocations (MemAlloc) only: another
// device reaches pool memory, with kernels or with the copy engines of a
// peer copy, once the pool grants it access. Without it a peer copy of
// pool memory still works, staged by the driver at a fraction of the
// link's speed.
func (p *MemPool) SetAccess(d Device, a MemAccess) error {
	desc := memAccessDesc{location: memLocation{kind: memLocationDevice, id: int32(d.handle)}, flags: a}
	r, err := sym.CuMemPoolSetAccess(p.handle, unsafe.Pointer(&desc), 1)
	return checkOptional("cuMemPoolSetAccess", r, err)
}

// Access reports what device d may do with the pool's memory: read-write
// for the pool's own device.
func (p *MemPool) Access(d Device) (MemAccess, error) {
	var a sym.CUmemAccess_flags
	loc := memLocation{kind: memLocationDevice, id: int32(d.handle)}
	r, err := sym.CuMemPoolGetAccess(&a, p.handle, unsafe.Pointer(&loc))
	if err := checkOptional("cuMemPoolGetAccess", r, err); err != nil {
		return AccessNone, err
	}
	return MemAccess(a), nil
}

// MemAllocAsync allocates n bytes from the device's current memory pool
// (the default one unless changed), usable by work queued on s after this
// call; other streams must wait for s (an event) before using it.
func (s *Stream) MemAllocAsync(n int) (DevicePtr, error) {
	if n <= 0 {
		return 0, fmt.Errorf("driver: MemAllocAsync: size %d is not positive", n)
	}
	var p sym.CUdeviceptr
	err := s.do(func() error {
		r, lerr := sym.CuMemAllocAsync(&p, uintptr(n), s.handle)
		return checkOptional("cuMemAllocAsync", r, lerr)
	})
	if err != nil {
		return 0, s.ctx.allocError("MemAllocAsync", n, err)
	}
	return DevicePtr(p), nil
}

// MemFreeAsync frees p once the work queued on s before it has finished.
func (s *Stream) MemFreeAsync(p DevicePtr) error {
	return s.do(func() error {
		r, err := sym.CuMemFreeAsync(sym.CUdeviceptr(p), s.handle)
		return checkOptional("cuMemFreeAsync", r, err)
	})
}
