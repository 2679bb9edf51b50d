package cuda

import (
	"fmt"

	"github.com/cugo/cugo/driver"
)

// AllocPinned returns n bytes of page-locked host memory, usable by every
// context (so by copies to any device).
func (b *Backend) AllocPinned(n int) ([]byte, func() error, error) {
	if n < 0 {
		return nil, nil, fmt.Errorf("cuda: AllocPinned: negative size %d", n)
	}
	if n == 0 {
		return []byte{}, func() error { return nil }, nil
	}
	h, err := b.ctx.HostAlloc(n, driver.HostAllocPortable)
	if err != nil {
		return nil, nil, fmt.Errorf("cuda: AllocPinned of %d bytes: %w", n, err)
	}
	return h.Bytes(), h.Free, nil
}
