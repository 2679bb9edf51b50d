package array

import (
	"fmt"

	"github.com/cugo/cugo/backend"
	"github.com/cugo/cugo/internal/layout"
)

// DevicePointer returns the device address of a's first element, for the
// driver, NVRTC and BLAS packages (a's strides, in elements, are
// Strides). The address stays valid while a is held: call it after Hold
// and stop using it, and any work queued with it, before done; a Free of
// a meanwhile waits, and the garbage collector keeps the memory. Work
// queued on the backend's stream (backend.Native's Handles) is ordered
// with the array operations; work on another stream must be synchronised
// with it by the caller. The CPU backend has no device address: an error.
func (a *Array) DevicePointer() (uintptr, error) {
	if err := a.checkOp("DevicePointer"); err != nil {
		return 0, err
	}
	db, ok := a.st.buf.(backend.DeviceBuffer)
	if !ok {
		return 0, fmt.Errorf("DevicePointer: the %s backend's memory has no device address", a.st.b.Device().Kind)
	}
	return db.DevicePointer() + uintptr(a.offset*a.dt.Size()), nil
}

// Wrap returns a C-ordered array of dtype dt and shape over device memory
// that the caller allocated at ptr in the context of d's backend (through
// the driver or hip packages), without copying. release, if not nil, is
// called once when the array (and every view of it) is freed or
// unreachable and the work queued on it is done: the owner then frees
// the memory. The backend must be a GPU's (backend.Native).
func (d *Device) Wrap(ptr uintptr, dt DType, shape []int, release func()) *Array {
	if err := d.Err(); err != nil {
		return failed("Wrap", err)
	}
	nb, ok := d.b.(backend.Native)
	if !ok {
		return errorf("Wrap", "the %s backend does not take foreign memory", d.b.Device().Kind)
	}
	n, err := layout.Bytes(shape, dt.Size())
	if err != nil {
		return failed("Wrap", err)
	}
	if n == 0 { // nothing to hold
		if release != nil {
			release()
		}
		return d.Empty(dt, shape...)
	}
	buf, err := nb.Wrap(ptr, n, release)
	if err != nil {
		return failed("Wrap", err)
	}
	shape = append([]int(nil), shape...)
	return &Array{st: adopt(d.b, buf), dt: dt, shape: shape, strides: contiguousStrides(shape)}
}
