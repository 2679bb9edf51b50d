package gpu

import "fmt"

// AllocPinned returns n bytes of page-locked host memory, usable by
// copies to any device of the vendor.
func (b *Backend) AllocPinned(n int) ([]byte, func() error, error) {
	if n < 0 {
		return nil, nil, fmt.Errorf("%s: AllocPinned: negative size %d", b.kind, n)
	}
	if n == 0 {
		return []byte{}, func() error { return nil }, nil
	}
	mem, free, err := b.dev.HostAlloc(n)
	if err != nil {
		return nil, nil, fmt.Errorf("%s: AllocPinned of %d bytes: %w", b.kind, n, err)
	}
	return mem, free, nil
}
