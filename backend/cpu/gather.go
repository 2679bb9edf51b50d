package cpu

import (
	"errors"
	"fmt"
	"github.com/cugo/cugo/internal/layout"

	"github.com/cugo/cugo/backend"
	"github.com/cugo/cugo/dtype"
)

// Gather copies the elements an index array picks (see backend.Backend).
func (b *Backend) Gather(shape []int, out, in, idx backend.Operand, axis backend.IndexedAxis) error {
	return indexedCopy("Gather", shape, out, in, idx, axis, false)
}

// Scatter writes elements where an index array says (see backend.Backend);
// it stops at the first index out of range, as NumPy's put does.
func (b *Backend) Scatter(shape []int, out, in, idx backend.Operand, axis backend.IndexedAxis) error {
	return indexedCopy("Scatter", shape, out, in, idx, axis, true)
}

// indexedCopy runs Gather (scatter false) or Scatter on elements of the
// operands' size: it moves bits, so one loop per size covers every dtype.
func indexedCopy(op string, shape []int, out, in, idx backend.Operand, axis backend.IndexedAxis, scatter bool) error {
	n, err := checkIndexed(shape, out, in, idx, axis, scatter)
	if err != nil {
		return fmt.Errorf("cpu: %s: %w", op, err)
	}
	if n == 0 {
		return nil
	}
	dst, _ := buffer(out.Buf) // checked above
	src, _ := buffer(in.Buf)
	ix, _ := buffer(idx.Buf)
	w := &indexWalk{shape: shape, out: out, in: in, idx: idx, index: view[int64](ix), axis: axis, scatter: scatter}
	switch out.DType.Size() {
	case 1:
		return walkIndexed(w, view[uint8](dst), view[uint8](src))
	case 2:
		return walkIndexed(w, view[uint16](dst), view[uint16](src))
	case 4:
		return walkIndexed(w, view[uint32](dst), view[uint32](src))
	case 8:
		return walkIndexed(w, view[uint64](dst), view[uint64](src))
	default:
		return walkIndexed(w, view[[2]uint64](dst), view[[2]uint64](src))
	}
}

// indexWalk is one Gather or Scatter call.
type indexWalk struct {
	shape        []int
	out, in, idx backend.Operand
	index        []int64
	axis         backend.IndexedAxis
	scatter      bool
}

// walkIndexed visits shape in C order, stepping the three operands'
// offsets like an odometer.
func walkIndexed[T any](w *indexWalk, dst, src []T) error {
	pos := make([]int, len(w.shape))
	po, pi, px := w.out.Offset, w.in.Offset, w.idx.Offset
	for {
		k := w.index[px]
		if k < 0 {
			k += int64(w.axis.Len)
		}
		if k < 0 || k >= int64(w.axis.Len) {
			return &backend.IndexError{Index: w.index[px], Len: w.axis.Len}
		}
		if w.scatter {
			dst[po+int(k)*w.axis.Stride] = src[pi]
		} else {
			dst[po] = src[pi+int(k)*w.axis.Stride]
		}
		d := len(w.shape) - 1
		for ; d >= 0; d-- {
			pos[d]++
			po += w.out.Strides[d]
			pi += w.in.Strides[d]
			px += w.idx.Strides[d]
			if pos[d] < w.shape[d] {
				break
			}
			pos[d] = 0
			po -= w.shape[d] * w.out.Strides[d]
			pi -= w.shape[d] * w.in.Strides[d]
			px -= w.shape[d] * w.idx.Strides[d]
		}
		if d < 0 {
			return nil
		}
	}
}

// checkIndexed validates a Gather or Scatter call and returns its element
// count: operands of this backend, matching dtypes, and every element it
// may touch inside its buffer (the indexed operand over the whole axis).
func checkIndexed(shape []int, out, in, idx backend.Operand, axis backend.IndexedAxis, scatter bool) (int, error) {
	switch {
	case out.DType != in.DType:
		return 0, fmt.Errorf("output is %v and input %v: they must match", out.DType, in.DType)
	case out.DType.Size() == 0:
		return 0, fmt.Errorf("invalid dtype %v", out.DType)
	case idx.DType != dtype.Int64:
		return 0, fmt.Errorf("indices are %v, not int64", idx.DType)
	case axis.Len < 0:
		return 0, fmt.Errorf("negative axis length %d", axis.Len)
	}
	n, err := layout.Size(shape)
	if err != nil {
		return 0, err
	}
	outAxis, inAxis := backend.IndexedAxis{}, axis
	if scatter {
		outAxis, inAxis = axis, backend.IndexedAxis{}
	}
	for _, c := range []struct {
		what string
		o    backend.Operand
		ax   backend.IndexedAxis
	}{{"output", out, outAxis}, {"input", in, inAxis}, {"indices", idx, backend.IndexedAxis{}}} {
		if err := checkSpan(c.o, shape, n, c.ax); err != nil {
			return 0, fmt.Errorf("%s: %w", c.what, err)
		}
	}
	return n, nil
}

// checkSpan checks that the n > 0 elements o reaches over shape, each
// moved by up to ax.Len-1 steps of ax.Stride, lie inside o's buffer.
func checkSpan(o backend.Operand, shape []int, n int, ax backend.IndexedAxis) error {
	mem, err := buffer(o.Buf)
	if err != nil {
		return err
	}
	if len(o.Strides) != len(shape) {
		return fmt.Errorf("%d strides for the %d dimensions of shape %v", len(o.Strides), len(shape), shape)
	}
	if n == 0 {
		return nil
	}
	lo, hi := o.Offset, o.Offset
	reach := func(s, d int) {
		if s < 0 {
			lo += s * (d - 1)
		} else {
			hi += s * (d - 1)
		}
	}
	for d, s := range o.Strides {
		reach(s, shape[d])
	}
	if ax.Len > 0 {
		reach(ax.Stride, ax.Len)
	}
	if lo < 0 || hi >= len(mem)/o.DType.Size() {
		return fmt.Errorf("reaches elements %d to %d of a buffer of %d %v elements", lo, hi, len(mem)/o.DType.Size(), o.DType)
	}
	return nil
}

// Compact writes the positions of mask's true elements (see backend.Backend).
func (b *Backend) Compact(out, mask backend.Buffer, maskOff, n int) (int, error) {
	dst, err := buffer(out)
	if err != nil {
		return 0, fmt.Errorf("cpu: Compact: output: %w", err)
	}
	m, err := buffer(mask)
	if err == nil && (maskOff < 0 || n < 0 || maskOff > len(m)-n) {
		err = errors.New("out of range of its buffer")
	}
	if err != nil {
		return 0, fmt.Errorf("cpu: Compact: mask: %w", err)
	}
	if len(dst) < 8*n {
		return 0, fmt.Errorf("cpu: Compact: output of %d bytes for %d positions", len(dst), n)
	}
	pos := view[int64](dst)
	count := 0
	for i, v := range m[maskOff : maskOff+n] {
		if v != 0 {
			pos[count] = int64(i)
			count++
		}
	}
	return count, nil
}
