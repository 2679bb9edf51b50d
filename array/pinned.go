package array

import (
	"fmt"
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
	if d.err != nil {
		return nil, nil, fmt.Errorf("Pinned: %w", d.err)
	}
	if n < 0 {
		return nil, nil, fmt.Errorf("Pinned: negative length %d", n)
	}
	p, ok := d.b.(backend.PinnedAllocator)
	if !ok {
		return make([]T, n), func() error { return nil }, nil
	}
	mem, free, err := p.AllocPinned(n * dtype.Of[T]().Size())
	if err != nil {
		return nil, nil, fmt.Errorf("Pinned: %w", err)
	}
	if n == 0 {
		return []T{}, free, nil
	}
	return unsafe.Slice((*T)(unsafe.Pointer(&mem[0])), n), free, nil
}
