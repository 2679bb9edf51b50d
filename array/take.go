package array

import (
	"errors"
	"fmt"
	"math"
	"slices"

	"github.com/cugo/cugo/backend"
	"github.com/cugo/cugo/dtype"
)

// Indexing with arrays: Take, Put, TakeAlongAxis, boolean masks, Nonzero
// and ArgWhere. They run on the device through Backend.Gather, Scatter
// and Compact. Every index is checked where it is used, on the device: a
// GPU kernel records the first index out of range and the op reads that
// record back, so these ops wait for their kernel (as NumPy's raise mode
// needs) and report NumPy's "index 7 is out of bounds for axis 0 with
// size 5".

// indexArray returns indices (an *Array of a dtype that casts safely to
// int64, bool included; a []int; or an int, which gives a 0-d array) as
// an int64 array on d; free reports whether the caller made it and must
// free it.
func indexArray(op string, d *Device, indices any) (idx *Array, free bool, err error) {
	switch v := indices.(type) {
	case *Array:
		if err := v.checkOp(op); err != nil {
			return nil, false, err
		}
		if err := sameBackend(op, d.b, v.st.b); err != nil {
			return nil, false, err
		}
		if v.dt == Int64 {
			return v, false, nil
		}
		if !dtype.CanCast(v.dt, Int64, dtype.CastSafe) && v.dt != Uint64 {
			return nil, false, fmt.Errorf("%s: Cannot cast array data from dtype('%v') to dtype('int64') according to the rule 'safe'", op, v.dt)
		}
		if v.dt == Uint64 && v.Size() > 0 { // NumPy 2 takes uint64 indices; past int64 none is in bounds
			top, err := Item[uint64](v.Max())
			if err != nil {
				return nil, false, fmt.Errorf("%s: %w", op, err)
			}
			if top > math.MaxInt64 {
				return nil, false, fmt.Errorf("%s: index %d is out of bounds", op, top)
			}
		}
		idx = v.convert(op, Int64)
	case []int:
		data := make([]int64, len(v))
		for i, x := range v {
			data[i] = int64(x)
		}
		idx = FromSliceOn(d, data)
	case int:
		idx = FromSliceOn(d, []int64{int64(v)}, []int{}...)
	default:
		return nil, false, fmt.Errorf("%s: indices of type %T (want *Array, []int or int)", op, indices)
	}
	return idx, true, idx.err
}

// strided is an array read (or written) with strides over a launch shape.
type strided struct {
	a       *Array
	strides []int
}

func (s strided) operand(strides []int) backend.Operand {
	return backend.Operand{Buf: s.a.st.buf, DType: s.a.dt, Offset: s.a.offset, Strides: strides}
}

// indexed runs Gather (or, if scatter, Scatter) over shape with the
// dimensions collapsed. axis is the indexed axis of in (out for a
// scatter), called axisNum in NumPy's message for an index out of range.
func indexed(op string, scatter bool, shape []int, out, in, idx strided, axis backend.IndexedAxis, axisNum int) error {
	if err := hold(out.a, in.a, idx.a); err != nil {
		return wrap(op, err)
	}
	defer release(out.a, in.a, idx.a)
	cshape, cs := collapseDims(shape, out.strides, in.strides, idx.strides)
	b := out.a.st.b
	var err error
	if scatter {
		err = b.Scatter(cshape, out.operand(cs[0]), in.operand(cs[1]), idx.operand(cs[2]), axis)
	} else {
		err = b.Gather(cshape, out.operand(cs[0]), in.operand(cs[1]), idx.operand(cs[2]), axis)
	}
	if ie := (*backend.IndexError)(nil); errors.As(err, &ie) {
		return fmt.Errorf("%s: index %d is out of bounds for axis %d with size %d", op, ie.Index, axisNum, ie.Len)
	}
	return wrap(op, err)
}

// Take returns the elements of a at indices along axis, as np.take:
// indices is an *Array of integers (or bools), a []int or an int, and
// the result's shape is a's with axis replaced by the shape of indices
// (an int removes the axis). With no axis, a is taken flattened.
// Negative indices count from the end; any other index out of range is
// an error.
func Take(a *Array, indices any, axis ...int) *Array {
	const op = "Take"
	a, ax, err := repeatAxis(op, a, axis)
	if err != nil {
		return &Array{err: err}
	}
	idx, free, err := indexArray(op, On(a.st.b), indices)
	if err != nil {
		return &Array{err: err}
	}
	if free {
		defer idx.Free()
	}
	return take(op, a, idx, ax)
}

// take is Take of an int64 index array along axis ax of a.
func take(op string, a, idx *Array, ax int) *Array {
	if err := idx.checkOp(op); err != nil {
		return &Array{err: err}
	}
	if a.shape[ax] == 0 && idx.Size() > 0 {
		return errorf(op, "cannot do a non-empty take from an empty axes.")
	}
	pre, post := a.shape[:ax], a.shape[ax+1:]
	shape := slices.Concat(pre, idx.shape, post)
	zeros := func(n int) []int { return make([]int, n) }
	inStrides := slices.Concat(a.strides[:ax], zeros(len(idx.shape)), a.strides[ax+1:])
	idxStrides := slices.Concat(zeros(len(pre)), idx.strides, zeros(len(post)))
	out := On(a.st.b).alloc(op, a.dt, shape)
	if out.err != nil {
		return out
	}
	err := indexed(op, false, shape, strided{out, out.strides}, strided{a, inStrides}, strided{idx, idxStrides},
		backend.IndexedAxis{Len: a.shape[ax], Stride: a.strides[ax]}, ax)
	if err != nil {
		out.Free()
		return &Array{err: err}
	}
	return out
}

// TakeAlongAxis picks, for each position of indices, the element of a
// along axis at the index found there, as np.take_along_axis: indices
// has a's number of dimensions, and its shape and a's broadcast on the
// other axes.
func TakeAlongAxis(a, indices *Array, axis int) *Array {
	const op = "TakeAlongAxis"
	if err := a.checkOp(op); err != nil {
		return &Array{err: err}
	}
	if err := indices.checkOp(op); err != nil {
		return &Array{err: err}
	}
	if k := indices.dt.Kind(); k != dtype.IntKind && k != dtype.UintKind {
		return errorf(op, "`indices` must be an integer array")
	}
	if len(indices.shape) != len(a.shape) {
		return errorf(op, "`indices` and `arr` must have the same number of dimensions")
	}
	ax, err := NormalizeAxis(axis, len(a.shape))
	if err != nil {
		return failed(op, err)
	}
	idx, free, err := indexArray(op, On(a.st.b), indices)
	if err != nil {
		return &Array{err: err}
	}
	if free {
		defer idx.Free()
	}
	// a with its axis reduced to one element, read with stride 0 there.
	aShape, aStrides := slices.Clone(a.shape), slices.Clone(a.strides)
	aShape[ax], aStrides[ax] = 1, 0
	shape, err := Broadcast(aShape, idx.shape)
	if err != nil {
		return failed(op, err)
	}
	shape[ax] = idx.shape[ax]
	inStrides, err1 := broadcastStrides(aShape, aStrides, shape)
	idxStrides, err2 := broadcastStrides(idx.shape, idx.strides, shape)
	if err := errors.Join(err1, err2); err != nil {
		return failed(op, err)
	}
	out := On(a.st.b).alloc(op, a.dt, shape)
	if out.err != nil {
		return out
	}
	err = indexed(op, false, shape, strided{out, out.strides}, strided{a, inStrides}, strided{idx, idxStrides},
		backend.IndexedAxis{Len: a.shape[ax], Stride: a.strides[ax]}, ax)
	if err != nil {
		out.Free()
		return &Array{err: err}
	}
	return out
}

// Put writes values into a at the positions indices gives in a
// flattened (C order), as np.put(a, indices, values) in its raise mode:
// values (an *Array or a Go number or bool) is cast to a's dtype as Set
// casts, and repeated if it has fewer elements than indices. Where an
// index repeats, which value lands is unspecified on a GPU. An index out
// of range is an error, after the elements at some of the others may
// have been written.
func Put(a *Array, indices any, values any) error {
	const op = "Put"
	if err := a.checkWrite(op); err != nil {
		return err
	}
	d := On(a.st.b)
	idx, free, err := indexArray(op, d, indices)
	if err != nil {
		return err
	}
	if !free && idx.st == a.st { // indices that the scatter would overwrite
		idx, free = idx.Copy(), true
	}
	if free {
		defer idx.Free()
	}
	flatIdx := idx.Ravel()
	if flatIdx.st != idx.st { // Ravel copied
		defer flatIdx.Free()
	}
	if flatIdx.err != nil {
		return flatIdx.err
	}
	vals, err := castValues(op, d, a.dt, values)
	if err != nil {
		return err
	}
	defer vals.Free()
	n, nv := flatIdx.Size(), vals.Size()
	if n == 0 || nv == 0 {
		return nil
	}
	if a.Size() == 0 {
		return fmt.Errorf("%s: cannot replace elements of an empty array", op)
	}
	valStrides := []int{0} // a scalar, or one value, repeats
	if nv > 1 {
		flat := vals.Reshape(-1) // vals is C-ordered: a view
		if nv < n {
			flat = Tile(flat, (n+nv-1)/nv)
			defer flat.Free()
		}
		vals = flat.view([]int{n}, []int{1}, flat.offset)
		valStrides = []int{1}
	}
	return withWritable(op, a, func(dst *Array) error {
		return indexed(op, true, []int{n}, strided{dst, []int{0}}, strided{vals, valStrides}, strided{flatIdx, flatIdx.strides},
			backend.IndexedAxis{Len: dst.Size(), Stride: 1}, 0)
	}, func(dst *Array) bool { return dst.contiguous() })
}

// castValues returns values (an *Array or a Go number or bool) as a new
// C-ordered array of dtype dt on d.
func castValues(op string, d *Device, dt DType, values any) (*Array, error) {
	if v, ok := values.(*Array); ok {
		if err := v.checkOp(op); err != nil {
			return nil, err
		}
		if err := sameBackend(op, d.b, v.st.b); err != nil {
			return nil, err
		}
		c := v.convert(op, dt)
		return c, c.err
	}
	c := d.full(op, dt, values, nil)
	return c, c.err
}

// withWritable runs f on a if ok(a), else on a C-ordered copy of a that
// it then copies back into a: the backend's scatter needs a layout that
// a view may not have.
func withWritable(op string, a *Array, f func(dst *Array) error, ok func(*Array) bool) error {
	if ok(a) {
		return f(a)
	}
	tmp := a.Copy()
	if tmp.err != nil {
		return tmp.err
	}
	defer tmp.Free()
	if err := f(tmp); err != nil {
		return err
	}
	return a.set(op, tmp)
}

// checkMask checks a boolean mask for a[mask] as NumPy does: bool dtype,
// no more axes than a, each of the same length as a's.
func (a *Array) checkMask(op string, mask *Array) error {
	if err := a.checkOp(op); err != nil {
		return err
	}
	if err := mask.checkOp(op); err != nil {
		return err
	}
	if err := sameBackend(op, a.st.b, mask.st.b); err != nil {
		return err
	}
	if mask.dt != Bool {
		return fmt.Errorf("%s: the mask is %v, not bool", op, mask.dt)
	}
	if len(mask.shape) > len(a.shape) {
		return fmt.Errorf("%s: too many indices for array: array is %d-dimensional, but %d were indexed", op, len(a.shape), len(mask.shape))
	}
	for d, n := range mask.shape {
		if n != a.shape[d] {
			return fmt.Errorf("%s: boolean index did not match indexed array along dimension %d; dimension is %d but corresponding boolean dimension is %d", op, d, a.shape[d], n)
		}
	}
	return nil
}

// truePositions returns the C-order positions of mask's true elements as
// a new 1-D int64 array.
func truePositions(op string, mask *Array) (*Array, error) {
	c, free, err := mask.cOrder(op)
	if err != nil {
		return nil, err
	}
	if free {
		defer c.Free()
	}
	n := c.Size()
	pos := On(c.st.b).alloc(op, Int64, []int{n})
	if pos.err != nil {
		return nil, pos.err
	}
	if n == 0 { // nothing to read: an empty view's offset may lie past its buffer
		return pos, nil
	}
	err = hold(pos, c)
	var count int
	if err == nil {
		count, err = c.st.b.Compact(pos.st.buf, c.st.buf, c.offset, n)
		release(pos, c)
	}
	if err != nil {
		pos.Free()
		return nil, wrap(op, err)
	}
	if count == n {
		return pos, nil
	}
	short := pos.view([]int{count}, []int{1}, 0).Copy() // give back the unused part
	pos.Free()
	return short, short.err
}

// leadingAxis returns the length and stride of a's first k axes taken as
// one; ok is false if a's layout does not allow it.
func leadingAxis(a *Array, k int) (backend.IndexedAxis, bool) {
	n := shapeSize(a.shape[:k])
	if k == 0 {
		return backend.IndexedAxis{Len: 1}, true
	}
	s, ok := reshapeStrides(a.shape[:k], a.strides[:k], []int{n})
	if !ok {
		return backend.IndexedAxis{}, false
	}
	return backend.IndexedAxis{Len: n, Stride: s[0]}, true
}

// Mask returns a copy of the elements of a where mask is true, as NumPy's
// a[mask]: mask is a bool array shaped as a's leading axes (all of them,
// usually), and the result has one axis for the selected positions, in C
// order, followed by a's remaining axes.
func (a *Array) Mask(mask *Array) *Array {
	const op = "Mask"
	if err := a.checkMask(op, mask); err != nil {
		return &Array{err: err}
	}
	k := len(mask.shape)
	axis, ok := leadingAxis(a, k)
	src := a
	if !ok {
		src = a.Copy()
		if src.err != nil {
			return src
		}
		defer src.Free()
		axis, _ = leadingAxis(src, k)
	}
	pos, err := truePositions(op, mask)
	if err != nil {
		return &Array{err: err}
	}
	defer pos.Free()
	rest := len(a.shape) - k
	shape := slices.Concat(pos.shape, a.shape[k:])
	out := On(a.st.b).alloc(op, a.dt, shape)
	if out.err != nil {
		return out
	}
	inStrides := slices.Concat([]int{0}, src.strides[k:])
	idxStrides := slices.Concat([]int{1}, make([]int, rest))
	if err := indexed(op, false, shape, strided{out, out.strides}, strided{src, inStrides}, strided{pos, idxStrides}, axis, 0); err != nil {
		out.Free()
		return &Array{err: err}
	}
	return out
}

// SetMask writes values where mask is true, as NumPy's a[mask] = values:
// mask is as for Mask, and values (an *Array or a Go number or bool, cast
// to a's dtype as Set casts) broadcasts to the shape a.Mask(mask) has,
// one value, or one per selected position.
func (a *Array) SetMask(mask *Array, values any) error {
	const op = "SetMask"
	if err := a.checkMask(op, mask); err != nil {
		return err
	}
	if err := a.checkWrite(op); err != nil {
		return err
	}
	d := On(a.st.b)
	vals, err := castValues(op, d, a.dt, values)
	if err != nil {
		return err
	}
	defer vals.Free()
	pos, err := truePositions(op, mask)
	if err != nil {
		return err
	}
	defer pos.Free()
	k := len(mask.shape)
	count := pos.Size()
	shape := slices.Concat(pos.shape, a.shape[k:])
	if k == len(a.shape) {
		switch {
		case len(vals.shape) > 1:
			return fmt.Errorf("%s: NumPy boolean array indexing assignment requires a 0 or 1-dimensional input, input has %d dimensions", op, len(vals.shape))
		case len(vals.shape) == 1 && vals.shape[0] != 1 && vals.shape[0] != count:
			return fmt.Errorf("%s: NumPy boolean array indexing assignment cannot assign %d input values to the %d output values where the mask is true", op, vals.shape[0], count)
		}
	}
	valStrides, err := broadcastStrides(vals.shape, vals.strides, shape)
	if err != nil {
		return fmt.Errorf("%s: shape mismatch: value array of shape %s could not be broadcast to indexing result of shape %s", op, formatShape(vals.shape), formatShape(shape))
	}
	if count == 0 {
		return nil
	}
	idxStrides := slices.Concat([]int{1}, make([]int, len(a.shape)-k))
	return withWritable(op, a, func(dst *Array) error {
		axis, _ := leadingAxis(dst, k)
		outStrides := slices.Concat([]int{0}, dst.strides[k:])
		return indexed(op, true, shape, strided{dst, outStrides}, strided{vals, valStrides}, strided{pos, idxStrides}, axis, 0)
	}, func(dst *Array) bool {
		_, ok := leadingAxis(dst, k)
		return ok
	})
}

// Nonzero returns the indices of a's nonzero elements, one int64 array
// per axis of a, in C order of the elements, as np.nonzero. A 0-d array
// is an error, as in NumPy 2.
func Nonzero(a *Array) ([]*Array, error) {
	const op = "Nonzero"
	if err := a.checkOp(op); err != nil {
		return nil, err
	}
	if len(a.shape) == 0 {
		return nil, fmt.Errorf("%s: Calling nonzero on 0d arrays is not allowed. Use AtLeast1D(scalar).Nonzero() instead", op)
	}
	pos, err := nonzeroPositions(op, a)
	if err != nil {
		return nil, err
	}
	nd := len(a.shape)
	if nd == 1 {
		return []*Array{pos}, nil
	}
	defer pos.Free()
	out := make([]*Array, nd)
	stride := 1
	for d := nd - 1; d >= 0; d-- {
		// index along d = pos / (size of the axes after d) % length of d
		x := pos
		if stride > 1 {
			x = FloorDiv(pos, stride)
		}
		if d > 0 {
			y := Mod(x, a.shape[d])
			if x != pos {
				x.Free()
			}
			x = y
		} else if x == pos {
			x = pos.Copy()
		}
		if x.err != nil {
			for _, o := range out {
				o.Free()
			}
			return nil, fmt.Errorf("%s: %w", op, x.err)
		}
		out[d] = x
		stride *= a.shape[d]
	}
	return out, nil
}

// nonzeroPositions returns the flat C-order positions of a's nonzero
// elements (NaN counts as nonzero, -0 as zero).
func nonzeroPositions(op string, a *Array) (*Array, error) {
	mask := a
	if a.dt != Bool {
		mask = NotEqual(a, 0)
		if mask.err != nil {
			return nil, fmt.Errorf("%s: %w", op, mask.err)
		}
		defer mask.Free()
	}
	return truePositions(op, mask)
}

// ArgWhere returns the indices of a's nonzero elements as an (N, a.NDim())
// int64 array, one row per element in C order, as np.argwhere.
func ArgWhere(a *Array) *Array {
	const op = "ArgWhere"
	if err := a.checkOp(op); err != nil {
		return &Array{err: err}
	}
	if len(a.shape) == 0 {
		pos, err := nonzeroPositions(op, a.Reshape(1))
		if err != nil {
			return &Array{err: err}
		}
		defer pos.Free()
		return On(a.st.b).alloc(op, Int64, []int{pos.Size(), 0})
	}
	idx, err := Nonzero(a)
	if err != nil {
		return &Array{err: err}
	}
	defer func() {
		for _, x := range idx {
			x.Free()
		}
	}()
	return Stack(idx, 1)
}
