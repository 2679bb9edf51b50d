package array

import (
	"errors"
	"fmt"

	"github.com/cugo/cugo/backend"
)

// Buffer returns the backend buffer behind a C-contiguous array and the
// element at which the array starts, for packages that call a backend's
// optional interfaces (array/linalg calls backend.Linalg). Hold the array
// (Hold) from before the call to after the backend is done with the
// buffer, as the array package's own operations do. A non-contiguous
// array is an error: copy it first (Copy). The caller may write through
// the buffer (a raw kernel's arguments), so the pending expressions that
// read a are computed first: none sees such a write.
func (a *Array) Buffer() (backend.Buffer, int, error) {
	if err := a.checkOp("Buffer"); err != nil {
		return nil, 0, err
	}
	a.st.beforeWrite()
	if a.Size() > 0 && !a.contiguous() { // an empty array has no layout to get wrong
		return nil, 0, fmt.Errorf("Buffer: the array of shape %s and strides %v is not C-contiguous", formatShape(a.shape), a.strides)
	}
	if err := a.st.materialise(); err != nil {
		return nil, 0, fmt.Errorf("Buffer: %w", err)
	}
	return a.st.buf, a.offset, nil
}

// Hold pins the buffers of arrays until done is called: Free on another
// goroutine then waits for done to free them, and the garbage collector
// cannot reclaim them. Call done once, after the backend is done.
func Hold(arrays ...*Array) (done func(), err error) {
	for _, a := range arrays {
		if err := a.checkOp("Hold"); err != nil {
			return nil, err
		}
	}
	if err := hold(arrays...); err != nil {
		return nil, fmt.Errorf("Hold: %w", err)
	}
	return func() { release(arrays...) }, nil
}

// Failed returns an Array that carries err, as an operation that failed
// does (a nil err is reported as an error too).
func Failed(err error) *Array {
	if err == nil {
		err = errors.New("array: Failed called with a nil error")
	}
	return &Array{err: err}
}
