package array

import (
	"errors"
	"fmt"
	"runtime"
	"slices"
	"sync/atomic"

	"github.com/cugo/cugo/backend"
)

// Array is an n-dimensional array of one dtype on one backend: a strided
// view of a buffer that other views may share. Strides and the offset count
// elements, not bytes (NumPy's strides are bytes). An Array whose creation
// failed carries the error instead of data (see Err); every operation on it
// returns another such Array, so a chain of calls needs one error check.
type Array struct {
	st      *storage
	dt      DType
	shape   []int
	strides []int
	offset  int
	err     error
}

// storage is the buffer behind an array and all its views. The cleanup
// that frees the buffer when no view can reach it any more is attached to
// storage, not to a view, so views keep the buffer alive.
type storage struct {
	b       backend.Backend
	buf     backend.Buffer
	freed   atomic.Bool
	cleanup runtime.Cleanup
}

// release is what the cleanup of a storage needs; it must not point back
// to the storage, or the storage would never become unreachable.
type release struct {
	b   backend.Backend
	buf backend.Buffer
}

// ErrFreed is the error of any use of an array after Free of it or of a
// view that shares its buffer.
var ErrFreed = errors.New("array: use of a freed array")

// ErrNil is the error of any use of a nil *Array.
var ErrNil = errors.New("array: nil array")

func newStorage(b backend.Backend, nbytes int) (*storage, error) {
	buf, err := b.Alloc(nbytes)
	if err != nil {
		return nil, err
	}
	return adopt(b, buf), nil
}

// adopt returns the storage of buf, a buffer of b, which it frees.
func adopt(b backend.Backend, buf backend.Buffer) *storage {
	st := &storage{b: b, buf: buf}
	st.cleanup = runtime.AddCleanup(st, func(r release) { r.b.Free(r.buf) }, release{b, buf})
	return st
}

// errorf returns an Array that carries the error "op: ...".
func errorf(op, format string, args ...any) *Array {
	return &Array{err: fmt.Errorf(op+": "+format, args...)}
}

// failed returns an Array that carries err, prefixed with op.
func failed(op string, err error) *Array {
	return &Array{err: fmt.Errorf("%s: %w", op, err)}
}

// check returns the error that a use of a by op must report: a nil array,
// an error carried by a, or a freed buffer.
func (a *Array) check() error {
	switch {
	case a == nil || a.st == nil && a.err == nil:
		return ErrNil
	case a.err != nil:
		return a.err
	case a.st.freed.Load():
		return ErrFreed
	}
	return nil
}

// checkOp is check for an operand of op: an error that a carries from
// earlier stays as it is, so that it names the operation that failed
// first; a nil or freed array is op's own error.
func (a *Array) checkOp(op string) error {
	err := a.check()
	if err == ErrNil || err == ErrFreed {
		return fmt.Errorf("%s: %w", op, err)
	}
	return err
}

// Err returns the error that a carries, from its own creation or from the
// first operation of the chain it came from that failed; ErrFreed once its
// buffer is freed; ErrNil for nil.
func (a *Array) Err() error { return a.check() }

// Free releases a's buffer at once, rather than when the garbage collector
// finds it unreachable. Every view of the buffer becomes unusable: its
// operations report "use of a freed array". Free of a freed array, of an
// Array carrying an error, or of nil does nothing.
func (a *Array) Free() {
	if a == nil || a.st == nil || a.st.freed.Swap(true) {
		return
	}
	a.st.cleanup.Stop()
	a.st.b.Free(a.st.buf)
}

// Shape returns a copy of the lengths of a's axes (nil if a carries an error).
func (a *Array) Shape() []int {
	if a == nil || a.err != nil {
		return nil
	}
	return slices.Clone(a.shape)
}

// Strides returns a copy of a's strides, counted in elements.
func (a *Array) Strides() []int {
	if a == nil || a.err != nil {
		return nil
	}
	return slices.Clone(a.strides)
}

// DType returns a's element type (0, no dtype, if a carries an error).
func (a *Array) DType() DType {
	if a == nil || a.err != nil {
		return 0
	}
	return a.dt
}

// NDim returns the number of axes.
func (a *Array) NDim() int {
	if a == nil || a.err != nil {
		return 0
	}
	return len(a.shape)
}

// Size returns the number of elements.
func (a *Array) Size() int {
	if a == nil || a.err != nil {
		return 0
	}
	return shapeSize(a.shape)
}

// Backend returns the backend that holds a's data (nil if a carries an error).
func (a *Array) Backend() backend.Backend {
	if a == nil || a.st == nil {
		return nil
	}
	return a.st.b
}

// Sync waits until every operation queued on a's backend has finished and
// returns a's error or the backend's deferred one.
func (a *Array) Sync() error {
	if err := a.Err(); err != nil {
		return err
	}
	return a.st.b.Sync()
}

func shapeSize(shape []int) int {
	n := 1
	for _, d := range shape {
		n *= d
	}
	return n
}

// view returns an Array sharing a's storage with another geometry.
func (a *Array) view(shape, strides []int, offset int) *Array {
	return &Array{st: a.st, dt: a.dt, shape: shape, strides: strides, offset: offset}
}

// contiguous reports whether a is laid out in C order from its offset.
func (a *Array) contiguous() bool { return isCContiguous(a.shape, a.strides) }

// sameBackend returns an error naming op if a and b live on different
// backends: arrays are never copied between devices implicitly.
func sameBackend(op string, a, b backend.Backend) error {
	if a == b {
		return nil
	}
	da, db := a.Device(), b.Device()
	na, nb := fmt.Sprintf("%s:%d", da.Kind, da.Ordinal), fmt.Sprintf("%s:%d", db.Kind, db.Ordinal)
	if na == nb { // two CPU backends, say
		na, nb = na+" ("+da.Name+")", nb+" ("+db.Name+")"
	}
	return fmt.Errorf("%s: operands live on different devices %s and %s", op, na, nb)
}
