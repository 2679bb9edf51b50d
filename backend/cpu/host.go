package cpu

import (
	"errors"
	"fmt"
	"unsafe"

	"github.com/cugo/cugo/backend"
)

var _ backend.HostMemory = (*Backend)(nil)

// HostBytes returns the memory of buf, a buffer of this backend.
func (b *Backend) HostBytes(buf backend.Buffer) ([]byte, error) {
	mem, err := buffer(buf)
	if err != nil {
		return nil, fmt.Errorf("cpu: HostBytes: %w", err)
	}
	return mem, nil
}

// WrapHost returns a buffer over mem, without a copy.
func (b *Backend) WrapHost(mem []byte) (backend.Buffer, error) {
	if len(mem) > 0 && uintptr(unsafe.Pointer(&mem[0]))%8 != 0 {
		return nil, errors.New("cpu: WrapHost: memory is not 8-byte aligned")
	}
	hb := &hostBuffer{n: len(mem)} // the caller's memory: not counted against the limit
	if len(mem) > 0 {
		hb.ptr.Store(&mem[0])
	}
	return hb, nil
}
