package array

import (
	"github.com/cugo/cugo/internal/layout"
	"slices"
	"sync"

	"github.com/cugo/cugo/backend"
	"github.com/cugo/cugo/internal/ir"
)

// launch holds the slices that one call of Backend.Elementwise receives.
// They are pooled so that a ufunc call allocates none of them: a backend
// must not keep them after Elementwise returns.
type launch struct {
	strides  [][]int // broadcast strides: outputs first, then inputs
	cshape   []int
	cstrides [][]int
	out      []backend.Operand
	in       []backend.Operand
	raw      []backend.Operand // user kernels' raw arrays (ckernel.go)
	vals     []ir.Value
	held     []*Array // the operands, pinned through the call (see hold)
}

var launches = sync.Pool{New: func() any { return new(launch) }}

// elementwise runs k over shape, writing out and reading ins (arrays that
// broadcast to shape) and the scalar parameters vals. It makes the
// operands' strides broadcast and collapses the loop (collapseDims) before
// calling the backend. If out overlaps an input in any other way than
// element for element, it computes into a temporary first.
func elementwise(k *ir.Kernel, shape []int, out *Array, ins []*Array, vals []ir.Value) error {
	for _, x := range ins {
		if x.st == out.st && overlaps(out, x, shape) {
			return throughTemp(k, shape, out, ins, vals)
		}
	}
	out.st.beforeWrite()
	l := launches.Get().(*launch)
	defer launches.Put(l)
	l.held = append(append(l.held[:0], out), ins...)
	if err := hold(l.held...); err != nil { // before reading buffers: it materialises pending ones
		clear(l.held)
		return err
	}
	defer func() {
		release(l.held...)
		clear(l.held)
	}()
	n := 1 + len(ins)
	l.strides = grow(l.strides, n)
	l.cstrides = grow(l.cstrides, n)
	l.strides[0] = broadcastInto(l.strides[0], out, shape)
	for i, x := range ins {
		l.strides[1+i] = broadcastInto(l.strides[1+i], x, shape)
	}
	l.cshape, l.cstrides = layout.CollapseInto(l.cshape, l.cstrides[:n], shape, l.strides[:n])
	l.out = append(l.out[:0], backend.Operand{Buf: out.st.buf, DType: out.dt, Offset: out.offset, Strides: l.cstrides[0]})
	l.in = l.in[:0]
	for i, x := range ins {
		l.in = append(l.in, backend.Operand{Buf: x.st.buf, DType: x.dt, Offset: x.offset, Strides: l.cstrides[1+i]})
	}
	l.vals = append(l.vals[:0], vals...)
	err := out.st.b.Elementwise(k, l.cshape, l.out, l.in, l.vals)
	clear(l.out)
	clear(l.in)
	return err
}

// grow returns s with length at least n, keeping its inner slices.
func grow(s [][]int, n int) [][]int {
	if len(s) < n {
		s = append(s, make([][]int, n-len(s))...)
	}
	return s
}

// broadcastInto writes into dst[:0] the strides that make a read as shape
// (0 on axes that it repeats); a's shape broadcasts to shape.
func broadcastInto(dst []int, a *Array, shape []int) []int {
	dst = dst[:0]
	off := len(shape) - len(a.shape)
	for i := range shape {
		s := 0
		if j := i - off; j >= 0 && a.shape[j] != 1 {
			s = a.strides[j]
		}
		dst = append(dst, s)
	}
	return dst
}

// overlaps reports whether out (which has the shape of the loop) and the
// input x of the same storage touch the same memory other than element for
// element, which the backend does not allow.
func overlaps(out, x *Array, shape []int) bool {
	if x.offset == out.offset && slices.Equal(x.shape, out.shape) && slices.Equal(x.strides, out.strides) {
		return false
	}
	lo1, hi1 := extent(out)
	lo2, hi2 := extent(x)
	return shapeSize(shape) > 0 && lo1 <= hi2 && lo2 <= hi1
}

// extent returns the first and last element offsets that a view touches.
func extent(a *Array) (lo, hi int) {
	lo, hi = layout.Extent(a.shape, a.strides)
	return a.offset + lo, a.offset + hi
}

// throughTemp evaluates into a fresh array and copies that into out.
func throughTemp(k *ir.Kernel, shape []int, out *Array, ins []*Array, vals []ir.Value) error {
	tmp, err := empty(out.st.b, out.dt, shape)
	if err != nil {
		return err
	}
	defer tmp.Free()
	if err := elementwise(k, shape, tmp, ins, vals); err != nil {
		return err
	}
	return elementwise(copyKernel(out.dt, out.dt), shape, out, []*Array{tmp}, nil)
}

// empty allocates an uninitialised C-ordered array.
func empty(b backend.Backend, dt DType, shape []int) (*Array, error) {
	n, err := layout.Bytes(shape, dt.Size())
	if err != nil {
		return nil, err
	}
	st, err := newStorage(b, n)
	if err != nil {
		return nil, err
	}
	shape = slices.Clone(shape)
	return &Array{st: st, dt: dt, shape: shape, strides: contiguousStrides(shape)}, nil
}
