package array

import (
	"fmt"
	"slices"
	"strings"
)

// Adding and removing elements, as NumPy's append, insert, delete,
// resize and trim_zeros. They compose device operations (Concatenate,
// Take, Put, Compress, Tile): index arithmetic runs on the device, and
// only bounds (a minimum and a maximum) are read back.

// manipAxis checks a for op and returns the array to work on and the
// axis counted from the front: with AxisNone, a flattened along axis 0.
func manipAxis(op string, a *Array, axis int) (*Array, int, error) {
	if err := a.checkOp(op); err != nil {
		return nil, 0, err
	}
	if axis == AxisNone {
		return a.Ravel(), 0, nil
	}
	ax, err := NormalizeAxis(axis, len(a.shape))
	if err != nil {
		return nil, 0, fmt.Errorf("%s: %w", op, err)
	}
	return a, ax, nil
}

// Append returns arr with values (an *Array or a Go number or bool)
// joined at the end of axis, as np.append: with AxisNone both are
// flattened first; otherwise values must have arr's shape but along
// axis. The result has the dtype the two promote to.
func Append(arr *Array, values any, axis int) *Array {
	const op = "Append"
	if err := arr.checkOp(op); err != nil {
		return &Array{err: err}
	}
	v, ok := values.(*Array)
	if !ok {
		v = On(arr.st.b).Scalar(values)
		defer v.Free()
	}
	return failedAs(op, Concatenate([]*Array{arr, v}, axis))
}

// Insert returns arr with values inserted along axis before the given
// positions, as np.insert (AxisNone: into the flattened arr). obj is an
// int (a single position in [-n, n]), a Slice, or an index list ([]int or
// a 1-d integer *Array; a 0-d one counts as an int). values, an *Array
// or a Go number or bool, is cast to arr's dtype and broadcast as NumPy
// does: for a single int position its first axis becomes axis (so a 1-d
// values fills a column of a 2-d arr), for a list it must broadcast to
// arr's shape with the list's length along axis. Boolean obj, which
// NumPy reads as the integers 0 and 1 with a FutureWarning, is an error.
func Insert(arr *Array, obj any, values any, axis int) *Array {
	const op = "Insert"
	a, ax, err := manipAxis(op, arr, axis)
	if err != nil {
		return &Array{err: err}
	}
	d, n := On(a.st.b), a.shape[ax]
	vals, err := castValues(op, d, a.dt, values)
	if err != nil {
		return &Array{err: err}
	}
	defer vals.Free()
	vals = vals.leading(len(a.shape))
	if i, ok := obj.(int); ok {
		return insertAt(op, a, ax, i, MoveAxis(vals, []int{0}, []int{ax}))
	}
	idx, err := insertPositions(op, d, obj, n)
	if err != nil {
		return &Array{err: err}
	}
	defer idx.Free()
	if idx.Size() == 1 {
		i, err := Item[int64](idx.Reshape())
		if err != nil {
			return failed(op, err)
		}
		if idx.NDim() == 0 {
			vals = MoveAxis(vals, []int{0}, []int{ax})
		}
		return insertAt(op, a, ax, int(i), vals)
	}
	return insertMany(op, a, ax, idx, vals)
}

// insertPositions returns obj (a Slice or an index list) as a 0-d or
// 1-d int64 array of positions in [-n, n].
func insertPositions(op string, d *Device, obj any, n int) (*Array, error) {
	if s, ok := obj.(Slice); ok {
		start, step, length, err := s.indices(n)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", op, err)
		}
		pos := d.Arange(float64(start), float64(start+step*length), float64(step), Int64)
		return pos, pos.err
	}
	if m, ok := obj.(*Array); ok && m.check() == nil && m.dt == Bool {
		return nil, fmt.Errorf("%s: boolean obj is not supported (NumPy reads it as the integers 0 and 1); pass the positions, e.g. Flatnonzero(mask)", op)
	}
	idx, free, err := indexArray(op, d, obj)
	if err != nil {
		return nil, err
	}
	if !free {
		idx = idx.Copy()
	}
	if idx.NDim() > 1 {
		idx.Free()
		return nil, fmt.Errorf("%s: index array argument obj to insert must be one dimensional or scalar", op)
	}
	if err := checkBounds(op, idx, -n, n, 0, n); err != nil {
		idx.Free()
		return nil, err
	}
	return idx, nil
}

// checkBounds reports NumPy's IndexError if an element of idx lies
// outside [lo, hi]; axis and n name the axis in the message.
func checkBounds(op string, idx *Array, lo, hi, axis, n int) error {
	least, most, err := extremes(op, idx)
	for _, v := range []int64{least, most} {
		if err == nil && idx.Size() > 0 && (int(v) < lo || int(v) > hi) {
			err = fmt.Errorf("%s: index %d is out of bounds for axis %d with size %d", op, v, axis, n)
		}
	}
	return err
}

// extremes returns the least and the greatest element of the int64
// array idx (zeros if it is empty).
func extremes(op string, idx *Array) (least, most int64, err error) {
	if idx.Size() == 0 {
		return 0, 0, nil
	}
	var got [2]int64
	for i, r := range []*Array{Min(idx), Max(idx)} {
		got[i], err = Item[int64](r)
		r.Free()
		if err != nil {
			return 0, 0, wrap(op, err)
		}
	}
	return got[0], got[1], nil
}

// insertAt inserts vals (arr's dtype, at least arr's dimensions) before
// position i of axis ax: arr[:i], vals broadcast to its slot, arr[i:].
func insertAt(op string, a *Array, ax, i int, vals *Array) *Array {
	n := a.shape[ax]
	if i < -n || i > n {
		return errorf(op, "index %d is out of bounds for axis %d with size %d", i, ax, n)
	}
	if i < 0 {
		i += n
	}
	if vals.err != nil {
		return failed(op, vals.err)
	}
	slot, err := broadcastSlot(op, a, ax, vals, vals.shape[ax])
	if err != nil {
		return &Array{err: err}
	}
	return failedAs(op, Concatenate([]*Array{a.sliceAxis(ax, 0, i), slot, a.sliceAxis(ax, i, n)}, ax))
}

// broadcastSlot broadcasts vals to a's shape with length k along ax.
func broadcastSlot(op string, a *Array, ax int, vals *Array, k int) (*Array, error) {
	shape := slices.Clone(a.shape)
	if ax < len(shape) {
		shape[ax] = k
	}
	strides, err := broadcastStrides(vals.shape, vals.strides, shape)
	if err != nil {
		return nil, fmt.Errorf("%s: could not broadcast input array from shape %s into shape %s", op, formatShape(vals.shape), formatShape(shape))
	}
	return vals.view(shape, strides, vals.offset), nil
}

// insertMany inserts vals before each position of idx (1-d, in
// [-n, n]) at once. The k-th value lands at idx[k] (made non-negative)
// plus the number of values inserted before it (those with a smaller
// position, or an equal one and a smaller k): the output gathers, along
// ax, from arr followed by the values.
func insertMany(op string, a *Array, ax int, idx, vals *Array) *Array {
	n, k := a.shape[ax], idx.Size()
	d := On(a.st.b)
	slot, err := broadcastSlot(op, a, ax, vals, k)
	if err != nil {
		return &Array{err: err}
	}
	wrapped := Where(Less(idx, 0), Add(idx, n), idx)
	order := ArgSort(wrapped, 0)
	dest := d.Empty(Int64, k)
	err = Put(dest, order, Add(Take(wrapped, order), d.Arange(0, float64(k), 1, Int64)))
	if err != nil {
		return failed(op, err)
	}
	gather := d.Empty(Int64, n+k)
	kept := d.Ones(Bool, n+k)
	for _, e := range []error{
		Put(gather, dest, d.Arange(float64(n), float64(n+k), 1, Int64)),
		Put(kept, dest, false),
		Put(gather, Flatnonzero(kept), d.Arange(0, float64(n), 1, Int64)),
	} {
		if e != nil {
			return failed(op, e)
		}
	}
	joined := Concatenate([]*Array{a, slot}, ax)
	defer joined.Free()
	return failedAs(op, Take(joined, gather, ax))
}

// Delete returns arr without the entries obj names along axis, as
// np.delete (AxisNone: of the flattened arr). obj is an int in [-n, n),
// a Slice, an index list ([]int or an integer *Array; negative entries
// count from the end, repeats are allowed), or a boolean mask ([]bool or
// a bool *Array) of the axis's length whose true entries are removed.
func Delete(arr *Array, obj any, axis int) *Array {
	const op = "Delete"
	a, ax, err := manipAxis(op, arr, axis)
	if err != nil {
		return &Array{err: err}
	}
	keep, err := deleteKeep(op, On(a.st.b), obj, ax, a.shape[ax])
	if err != nil {
		return &Array{err: err}
	}
	defer keep.Free()
	return failedAs(op, Compress(keep, a, ax))
}

// deleteKeep returns the 1-d mask of the n entries of axis ax that
// Delete keeps.
func deleteKeep(op string, d *Device, obj any, ax, n int) (*Array, error) {
	if b, ok := obj.([]bool); ok {
		obj = FromSliceOn(d, b)
	}
	if m, ok := obj.(*Array); ok && m.check() == nil && m.dt == Bool {
		if m.NDim() != 1 || m.shape[0] != n {
			return nil, fmt.Errorf("%s: boolean array argument obj to delete must be one dimensional and match the axis length of %d", op, n)
		}
		keep := LogicalNot(m)
		return keep, keep.err
	}
	keep := d.Ones(Bool, n)
	if keep.err != nil {
		return nil, keep.err
	}
	var err error
	switch o := obj.(type) {
	case int:
		if o < -n || o >= n {
			err = fmt.Errorf("%s: index %d is out of bounds for axis %d with size %d", op, o, ax, n)
		} else {
			err = wrap(op, keep.Index(I(o)).Set(false))
		}
	case Slice:
		v := keep.Index(o)
		if err = v.err; err == nil {
			err = v.Set(false)
		}
		err = wrap(op, err)
	default:
		var idx *Array
		var free bool
		if idx, free, err = indexArray(op, d, obj); err == nil {
			if err = checkBounds(op, idx, -n, n-1, ax, n); err == nil {
				err = wrap(op, Put(keep, idx, false))
			}
			if free {
				idx.Free()
			}
		}
	}
	if err != nil {
		keep.Free()
		return nil, err
	}
	return keep, nil
}

// Resize returns a new array of the given shape filled with a's elements
// (C order), repeated as often as needed, as np.resize; an empty a, or
// an empty shape, gives zeros.
func Resize(a *Array, shape ...int) *Array {
	const op = "Resize"
	if err := a.checkOp(op); err != nil {
		return &Array{err: err}
	}
	size := 1
	for _, s := range shape {
		if s < 0 {
			return errorf(op, "all elements of `new_shape` must be non-negative")
		}
		size *= s
	}
	d := On(a.st.b)
	if a.Size() == 0 || size == 0 {
		return d.Zeros(a.dt, shape...)
	}
	flat := a.Ravel()
	reps := (size + a.Size() - 1) / a.Size()
	if reps > 1 {
		flat = Tile(flat, reps)
		defer flat.Free()
	}
	return failedAs(op, flat.sliceAxis(0, 0, size).Reshape(shape...).Copy())
}

// TrimZeros returns the view of the 1-d filt without its leading ("f"),
// trailing ("b") or both ("fb", "bf") runs of zeros, as np.trim_zeros
// (NaN and -0: NaN is nonzero, -0 is zero). NumPy 2.2's trimming of
// arrays of more dimensions is not supported.
func TrimZeros(filt *Array, trim string) *Array {
	const op = "TrimZeros"
	if err := filt.checkOp(op); err != nil {
		return &Array{err: err}
	}
	var front, back bool
	switch strings.ToLower(trim) {
	case "fb", "bf":
		front, back = true, true
	case "f":
		front = true
	case "b":
		back = true
	default:
		return errorf(op, "unexpected character(s) in `trim`: %q", trim)
	}
	if filt.NDim() != 1 {
		return errorf(op, "filt must be 1-d, not %d-d", filt.NDim())
	}
	pos, err := nonzeroPositions(op, filt)
	if err != nil {
		return &Array{err: err}
	}
	defer pos.Free()
	n := filt.shape[0]
	if pos.Size() == 0 { // all zeros: everything goes, from either end
		return filt.sliceAxis(0, 0, 0)
	}
	start, stop := 0, n
	if front {
		v, err := Item[int64](pos.Index(I(0)))
		if err != nil {
			return failed(op, err)
		}
		start = int(v)
	}
	if back {
		v, err := Item[int64](pos.Index(I(-1)))
		if err != nil {
			return failed(op, err)
		}
		stop = int(v) + 1
	}
	return filt.sliceAxis(0, start, stop)
}
