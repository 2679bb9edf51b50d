package array

import (
	"errors"
	"fmt"
	"slices"
	"sync/atomic"

	"github.com/cugo/cugo/backend"
	"github.com/cugo/cugo/internal/layout"
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
	// readOnly marks broadcast views (stride 0), sliding windows and their
	// views: writing through them is an error, as NumPy makes them read-only.
	readOnly bool
}

// storage is the buffer behind an array and all its views. It has no
// finalizer of its own: the backend releases a buffer that nothing reaches
// any more (a GPU buffer through its own cleanup, host memory through the
// garbage collector), so the buffer lives exactly as long as something
// holds it, an array or an operation that is using it.
//
// state counts the operations that are using the buffer (see hold) and
// has the freed bit set once Free was called: Free of a buffer in use only
// marks it, and the last operation to let go of it releases it.
type storage struct {
	b     backend.Backend
	buf   backend.Buffer // nil while an expression is pending (see lazy.go)
	state atomic.Uint64
	lazy  lazyState
}

const freedBit = 1 << 63

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

// adopt returns the storage of buf, a buffer of b.
func adopt(b backend.Backend, buf backend.Buffer) *storage {
	return &storage{b: b, buf: buf}
}

func (st *storage) freed() bool { return st.state.Load()&freedBit != 0 }

// pin marks st as used by one more operation; it fails once st is freed.
func (st *storage) pin() bool {
	for {
		s := st.state.Load()
		if s&freedBit != 0 {
			return false
		}
		if st.state.CompareAndSwap(s, s+1) {
			return true
		}
	}
}

// unpin ends one use; the last use of a freed storage releases its buffer.
func (st *storage) unpin() {
	if st.state.Add(^uint64(0)) == freedBit && st.buf != nil {
		st.b.Free(st.buf)
	}
}

// free marks st freed and releases its buffer unless an operation is
// using it (then the last one to finish releases it). Freeing twice does
// nothing.
func (st *storage) free() {
	if s := st.state.Or(freedBit); s&freedBit == 0 && s == 0 && st.buf != nil {
		st.b.Free(st.buf)
	}
}

// hold pins the buffers of arrays for an operation that hands them to a
// backend, so that neither Free on another goroutine nor the garbage
// collector releases one while the backend may still use it; a pending
// array is materialised first (see lazy.go). On a GPU
// that is until the work is queued: a buffer released afterwards is
// reused only by work queued after it on the same stream. Every
// successful hold is paired with a deferred release of the same arrays,
// which also keeps them reachable until then:
//
//	if err := hold(a, out); err != nil {
//		return err
//	}
//	defer release(a, out)
func hold(arrays ...*Array) error {
	for i, a := range arrays {
		if err := a.st.materialise(); err != nil {
			release(arrays[:i]...)
			return err
		}
		if !a.st.pin() {
			release(arrays[:i]...)
			return ErrFreed
		}
	}
	return nil
}

// release ends the uses that hold began.
func release(arrays ...*Array) {
	for _, a := range arrays {
		a.st.unpin()
	}
}

// errorf returns an Array that carries the error "op: ...".
func errorf(op, format string, args ...any) *Array {
	return &Array{err: fmt.Errorf(op+": "+format, args...)}
}

// failed returns an Array that carries err, prefixed with op.
func failed(op string, err error) *Array {
	return &Array{err: fmt.Errorf("%s: %w", op, err)}
}

// check returns the error that any use of a must report: ErrNil for a nil
// array, the error a carries, or ErrFreed for a freed buffer.
func (a *Array) check() error {
	switch {
	case a == nil || a.st == nil && a.err == nil:
		return ErrNil
	case a.err != nil:
		return a.err
	case a.st.freed():
		return ErrFreed
	}
	if e := a.st.lazy.pending.Load(); e != nil && e.err != nil { // computing a fused result failed
		return e.err
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
//
// Free is safe to call while another goroutine runs an operation on a: the
// operation either fails with ErrFreed or finishes with the buffer intact,
// which is released when it is done.
func (a *Array) Free() {
	if a == nil || a.st == nil {
		return
	}
	a.st.beforeWrite() // pending results that read a are computed first
	a.st.free()
	a.st.forget()
}

// Shape returns a copy of the lengths of a's axes: empty, not nil, for a
// 0-d array (NumPy's ()); nil if a carries an error.
func (a *Array) Shape() []int {
	if a == nil || a.err != nil {
		return nil
	}
	return append([]int{}, a.shape...) // slices.Clone keeps a nil shape nil
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
	if err := a.st.materialise(); err != nil {
		return err
	}
	return a.st.b.Sync()
}

// shapeSize is the element count of a shape already checked (every
// array's shape is checked by layout.Bytes when the array is made).
func shapeSize(shape []int) int {
	n, _ := layout.Size(shape)
	return n
}

// view returns an Array sharing a's storage with another geometry.
func (a *Array) view(shape, strides []int, offset int) *Array {
	return &Array{st: a.st, dt: a.dt, shape: shape, strides: strides, offset: offset, readOnly: a.readOnly}
}

// checkWrite is checkOp for an array that op writes into.
func (a *Array) checkWrite(op string) error {
	if err := a.checkOp(op); err != nil {
		return err
	}
	if a.readOnly {
		return fmt.Errorf("%s: destination is read-only (a broadcast or sliding-window view: write to a Copy)", op)
	}
	a.st.beforeWrite()
	return nil
}

// contiguous reports whether a is laid out in C order from its offset.
func (a *Array) contiguous() bool { return layout.IsC(a.shape, a.strides) }

// sameBackend returns an error naming op if a and b live on different
// backends: arrays are never copied between devices implicitly. The
// streams of one device are one device (stream.go).
func sameBackend(op string, a, b backend.Backend) error {
	if a == b || rootOf(a) == rootOf(b) {
		return nil
	}
	da, db := a.Device(), b.Device()
	na, nb := fmt.Sprintf("%s:%d", da.Kind, da.Ordinal), fmt.Sprintf("%s:%d", db.Kind, db.Ordinal)
	if na == nb { // two CPU backends, say
		na, nb = na+" ("+da.Name+")", nb+" ("+db.Name+")"
	}
	return fmt.Errorf("%s: operands live on different devices %s and %s", op, na, nb)
}
