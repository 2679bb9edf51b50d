package array

import (
	"fmt"
	"github.com/cugo/cugo/internal/bytesize"
	"github.com/cugo/cugo/internal/layout"
	"unsafe"

	"github.com/cugo/cugo/backend"
	"github.com/cugo/cugo/dtype"
)

// Pinned returns a slice of n elements of T in host memory that d's
// device copies to and from at full speed (page-locked memory on a GPU;
// ordinary memory on the CPU), and the function that releases it. Use it
// as the host side of CopyFromSlice and CopyToSlice for large transfers;
// the slice must not be used after release.
func Pinned[T Element](d *Device, n int) (s []T, release func() error, err error) {
	if err := d.Err(); err != nil {
		return nil, nil, fmt.Errorf("Pinned: %w", err)
	}
	if n < 0 {
		return nil, nil, fmt.Errorf("Pinned: negative length %d", n)
	}
	nbytes, err := layout.Bytes([]int{n}, dtype.Of[T]().Size())
	if err != nil {
		return nil, nil, fmt.Errorf("Pinned: %w", err)
	}
	p, ok := d.b.(backend.PinnedAllocator)
	if !ok {
		// Ordinary memory, within the limit a host backend keeps for its
		// own buffers: past it, make would end the process.
		if l, ok := d.b.(interface{ MemoryLimit() int64 }); ok && int64(nbytes) > l.MemoryLimit() {
			return nil, nil, fmt.Errorf("Pinned: %s is more than the backend's memory limit of %s",
				bytesize.Format(int64(nbytes)), bytesize.Format(l.MemoryLimit()))
		}
		return make([]T, n), func() error { return nil }, nil
	}
	mem, free, err := p.AllocPinned(nbytes)
	if err != nil {
		return nil, nil, fmt.Errorf("Pinned: %w", err)
	}
	if n == 0 {
		return []T{}, free, nil
	}
	return unsafe.Slice((*T)(unsafe.Pointer(&mem[0])), n), free, nil
}
