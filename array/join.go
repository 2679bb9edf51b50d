package array

import (
	"fmt"
	"math"
	"slices"

	"github.com/cugo/cugo/dtype"
)

// Joining, splitting and rearranging arrays, as NumPy's concatenate,
// stack, split, tile, repeat, flip, roll and pad. They are built from
// views and Set: a new array is allocated and each input is copied into
// the view of it where it belongs. Split and Flip return views.

// sliceAxis returns the view of a that keeps positions [start, stop) of
// axis (0 <= start <= stop <= its length).
func (a *Array) sliceAxis(axis, start, stop int) *Array {
	shape := slices.Clone(a.shape)
	shape[axis] = stop - start
	return a.view(shape, slices.Clone(a.strides), a.offset+start*a.strides[axis])
}

// checkAll checks arrays for op: at least one, each usable, all on one
// backend.
func checkAll(op, none string, arrays []*Array) error {
	if len(arrays) == 0 {
		return fmt.Errorf("%s: %s", op, none)
	}
	for _, x := range arrays {
		if err := x.checkOp(op); err != nil {
			return err
		}
		if err := sameBackend(op, arrays[0].st.b, x.st.b); err != nil {
			return err
		}
	}
	return nil
}

// resultType is NumPy's result_type of the dtypes of usable arrays
// (dtype.PromoteAll: not a chain of pairs).
func resultType(arrays []*Array) DType {
	dts := make([]DType, len(arrays))
	for i, a := range arrays {
		dts[i] = a.dt
	}
	dt, _ := dtype.PromoteAll(dts...)
	return dt
}

// Concatenate joins arrays along an existing axis (negative counts from
// the end), or, with axis AxisNone, flattened (NumPy's axis=None). Their
// shapes must match on every other axis; the result has the dtype they
// promote to.
func Concatenate(arrays []*Array, axis int) *Array {
	if axis == AxisNone {
		if err := checkAll("Concatenate", "need at least one array to concatenate", arrays); err != nil {
			return &Array{err: err}
		}
		flat := make([]*Array, len(arrays))
		for i, a := range arrays {
			flat[i] = a.Reshape(-1)
		}
		return concatenate("Concatenate", flat, 0)
	}
	return concatenate("Concatenate", arrays, axis)
}

// AxisNone is NumPy's axis=None where a function takes one axis:
// Concatenate flattens its inputs; Sort, ArgSort and the order statistics
// flatten the array (in C order) first.
const AxisNone = math.MinInt

func concatenate(op string, arrays []*Array, axis int) *Array {
	if err := checkAll(op, "need at least one array to concatenate", arrays); err != nil {
		return &Array{err: err}
	}
	first := arrays[0]
	nd := len(first.shape)
	if nd == 0 {
		return errorf(op, "zero-dimensional arrays cannot be concatenated")
	}
	ax, err := NormalizeAxis(axis, nd)
	if err != nil {
		return failed(op, err)
	}
	shape := slices.Clone(first.shape)
	for i, x := range arrays[1:] {
		if len(x.shape) != nd {
			return errorf(op, "all the input arrays must have same number of dimensions, but the array at index 0 has %d dimension(s) and the array at index %d has %d dimension(s)", nd, i+1, len(x.shape))
		}
		for d := range nd {
			if d != ax && x.shape[d] != shape[d] {
				return errorf(op, "all the input array dimensions except for the concatenation axis must match exactly, but along dimension %d, the array at index 0 has size %d and the array at index %d has size %d", d, shape[d], i+1, x.shape[d])
			}
		}
		shape[ax] += x.shape[ax]
	}
	out := On(first.st.b).alloc(op, resultType(arrays), shape)
	if out.err != nil {
		return out
	}
	at := 0
	for _, x := range arrays {
		n := x.shape[ax]
		if err := out.sliceAxis(ax, at, at+n).set(op, x); err != nil {
			out.Free()
			return &Array{err: err}
		}
		at += n
	}
	return out
}

// Stack joins arrays of one shape along a new axis, which is axis of
// the result (negative counts from the end of the result's axes).
func Stack(arrays []*Array, axis int) *Array {
	const op = "Stack"
	if err := checkAll(op, "need at least one array to stack", arrays); err != nil {
		return &Array{err: err}
	}
	for _, x := range arrays[1:] {
		if !slices.Equal(x.shape, arrays[0].shape) {
			return errorf(op, "all input arrays must have the same shape")
		}
	}
	ax, err := NormalizeAxis(axis, len(arrays[0].shape)+1)
	if err != nil {
		return failed(op, err)
	}
	expanded := make([]*Array, len(arrays))
	for i, x := range arrays {
		expanded[i] = x.ExpandDims(ax)
	}
	return concatenate(op, expanded, ax)
}

// atLeast returns a as a view of at least nd axes, as NumPy's
// atleast_1d, atleast_2d and atleast_3d shape it: (n,) becomes (1, n) and
// (1, n, 1), (m, n) becomes (m, n, 1); other arrays get leading axes.
func (a *Array) atLeast(nd int) *Array {
	if a.check() != nil || len(a.shape) >= nd {
		return a
	}
	if nd == 3 && len(a.shape) >= 1 { // atleast_3d adds a trailing axis
		a = a.view(append(slices.Clone(a.shape), 1), append(slices.Clone(a.strides), 0), a.offset)
	}
	return a.leading(nd)
}

// leading returns a as a view of at least nd axes, adding leading axes
// of length 1.
func (a *Array) leading(nd int) *Array {
	shape, strides := slices.Clone(a.shape), slices.Clone(a.strides)
	for len(shape) < nd {
		shape, strides = append([]int{1}, shape...), append([]int{0}, strides...)
	}
	return a.view(shape, strides, a.offset)
}

func stackAtLeast(op string, arrays []*Array, nd int, axis func(first *Array) int) *Array {
	viewed := make([]*Array, len(arrays))
	for i, x := range arrays {
		viewed[i] = x.atLeast(nd)
	}
	ax := 0
	if len(viewed) > 0 && viewed[0].check() == nil {
		ax = axis(viewed[0])
	}
	return concatenate(op, viewed, ax)
}

// Hstack joins arrays column-wise: along axis 1, or axis 0 for 1-D
// arrays (0-d arrays count as 1-D), as np.hstack.
func Hstack(arrays []*Array) *Array {
	return stackAtLeast("Hstack", arrays, 1, func(first *Array) int {
		if len(first.shape) == 1 {
			return 0
		}
		return 1
	})
}

// Vstack joins arrays row-wise, along axis 0 after making 1-D arrays rows
// (1, n), as np.vstack.
func Vstack(arrays []*Array) *Array {
	return stackAtLeast("Vstack", arrays, 2, func(*Array) int { return 0 })
}

// Dstack joins arrays along the third axis after shaping them as
// np.atleast_3d does, as np.dstack.
func Dstack(arrays []*Array) *Array {
	return stackAtLeast("Dstack", arrays, 3, func(*Array) int { return 2 })
}

// Split cuts a into sections views of equal length along axis; the
// length must divide evenly.
func Split(a *Array, sections int, axis int) ([]*Array, error) {
	const op = "Split"
	ax, err := splitAxis(op, a, axis)
	if err != nil {
		return nil, err
	}
	if sections > 0 && a.shape[ax]%sections != 0 {
		return nil, fmt.Errorf("%s: array split does not result in an equal division", op)
	}
	return arraySplit(op, a, sections, ax)
}

// ArraySplit cuts a into sections views along axis, as np.array_split:
// when the length n does not divide evenly, the first n % sections views
// are one longer than the others.
func ArraySplit(a *Array, sections int, axis int) ([]*Array, error) {
	const op = "ArraySplit"
	ax, err := splitAxis(op, a, axis)
	if err != nil {
		return nil, err
	}
	return arraySplit(op, a, sections, ax)
}

// splitAxis checks a for op and returns axis counted from the front.
func splitAxis(op string, a *Array, axis int) (int, error) {
	if err := a.checkOp(op); err != nil {
		return 0, err
	}
	ax, err := NormalizeAxis(axis, len(a.shape))
	if err != nil {
		return 0, fmt.Errorf("%s: %w", op, err)
	}
	return ax, nil
}

// maxEmptySections bounds the sections of a split past its axis length
// (NumPy returns that many empty arrays), so that a size meant for
// something else fails with an error rather than exhausting memory.
const maxEmptySections = 1 << 20

func arraySplit(op string, a *Array, sections, ax int) ([]*Array, error) {
	if sections <= 0 {
		return nil, fmt.Errorf("%s: number sections must be larger than 0.", op)
	}
	if sections > max(a.shape[ax], maxEmptySections) {
		return nil, fmt.Errorf("%s: %d sections of an axis of length %d: too many to return", op, sections, a.shape[ax])
	}
	each, extra := a.shape[ax]/sections, a.shape[ax]%sections
	out := make([]*Array, sections)
	at := 0
	for i := range out {
		n := each
		if i < extra {
			n++
		}
		out[i] = a.sliceAxis(ax, at, at+n)
		at += n
	}
	return out, nil
}

// SplitAt cuts a along axis before each of the given positions, as
// np.split(a, indices): the views are a[:i0], a[i0:i1], ..., a[ik:] along
// axis, with Python's slice rules (negative positions count from the end,
// positions past the end give empty views).
func SplitAt(a *Array, indices []int, axis int) ([]*Array, error) {
	const op = "SplitAt"
	ax, err := splitAxis(op, a, axis)
	if err != nil {
		return nil, err
	}
	idx := make([]Index, ax+1)
	for i := range ax {
		idx[i] = All
	}
	out := make([]*Array, 0, len(indices)+1)
	for i := range len(indices) + 1 {
		s := All
		switch {
		case len(indices) == 0:
		case i == 0:
			s = To(indices[0])
		case i == len(indices):
			s = From(indices[i-1])
		default:
			s = S(indices[i-1], indices[i])
		}
		idx[ax] = s
		v := a.Index(idx...)
		if v.err != nil {
			return nil, fmt.Errorf("%s: %w", op, v.err)
		}
		out = append(out, v)
	}
	return out, nil
}

// Tile repeats a reps[i] times along axis i, as np.tile: a gets leading
// axes of length 1 if reps is longer than its shape, and reps leading 1s
// if it is shorter.
func Tile(a *Array, reps ...int) *Array {
	const op = "Tile"
	if err := a.checkOp(op); err != nil {
		return &Array{err: err}
	}
	nd := max(len(a.shape), len(reps))
	a = a.leading(nd)
	for len(reps) < nd {
		reps = append([]int{1}, reps...)
	}
	// Copy into (r0, s0, r1, s1, ...) from a read with stride 0 on every
	// r axis; that C-ordered array is the result, reshaped.
	var shape, strides, final []int
	for i, r := range reps {
		if r < 0 {
			return errorf(op, "negative dimensions are not allowed")
		}
		shape = append(shape, r, a.shape[i])
		strides = append(strides, 0, a.strides[i])
		final = append(final, r*a.shape[i])
	}
	out := a.view(shape, strides, a.offset).convert(op, a.dt)
	if out.err != nil {
		return out
	}
	return out.view(final, contiguousStrides(final), 0)
}

// Repeat repeats each element of a n times along axis, or, with no axis,
// each element of a flattened, as np.repeat(a, n, axis).
func Repeat(a *Array, n int, axis ...int) *Array {
	const op = "Repeat"
	a, ax, err := repeatAxis(op, a, axis)
	if err != nil {
		return &Array{err: err}
	}
	if n < 0 {
		return errorf(op, "negative dimensions are not allowed")
	}
	// Copy a read with a new axis of n after ax, stride 0, and merge the two.
	shape := slices.Insert(slices.Clone(a.shape), ax+1, n)
	strides := slices.Insert(slices.Clone(a.strides), ax+1, 0)
	out := a.view(shape, strides, a.offset).convert(op, a.dt)
	if out.err != nil {
		return out
	}
	final := slices.Clone(a.shape)
	final[ax] *= n
	return out.view(final, contiguousStrides(final), 0)
}

// RepeatEach repeats element i of a along axis counts[i] times (with no
// axis, of a flattened), as np.repeat(a, counts, axis); a single count
// applies to every element.
func RepeatEach(a *Array, counts []int, axis ...int) *Array {
	const op = "RepeatEach"
	a, ax, err := repeatAxis(op, a, axis)
	if err != nil {
		return &Array{err: err}
	}
	if len(counts) == 1 {
		if counts[0] < 0 {
			return errorf(op, "repeats may not contain negative values.")
		}
		return Repeat(a, counts[0], ax)
	}
	if len(counts) != a.shape[ax] {
		return errorf(op, "operands could not be broadcast together with shape (%d,) (%d,)", a.shape[ax], len(counts))
	}
	var idx []int64
	for i, c := range counts {
		if c < 0 {
			return errorf(op, "repeats may not contain negative values.")
		}
		for range c {
			idx = append(idx, int64(i))
		}
	}
	ia := FromSliceOn(On(a.st.b), idx)
	defer ia.Free()
	return take(op, a, ia, ax)
}

// repeatAxis resolves the optional axis of Repeat: none flattens a.
func repeatAxis(op string, a *Array, axis []int) (*Array, int, error) {
	if err := a.checkOp(op); err != nil {
		return nil, 0, err
	}
	switch len(axis) {
	case 0:
		flat := a.Ravel()
		return flat, 0, flat.err
	case 1:
		ax, err := NormalizeAxis(axis[0], len(a.shape))
		if err != nil {
			return nil, 0, fmt.Errorf("%s: %w", op, err)
		}
		return a, ax, nil
	}
	return nil, 0, fmt.Errorf("%s: %d axes given, want at most 1", op, len(axis))
}

// normalizeAxes resolves axes for op; every axis of an ndim array if
// none is given.
func normalizeAxes(op string, axes []int, ndim int) ([]int, error) {
	if len(axes) == 0 {
		for i := range ndim {
			axes = append(axes, i)
		}
		return axes, nil
	}
	out := make([]int, len(axes))
	for i, ax := range axes {
		ax, err := NormalizeAxis(ax, ndim)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", op, err)
		}
		out[i] = ax
	}
	return out, nil
}

// Flip returns a view of a with the order of elements reversed along the
// given axes (every axis if none is given), as np.flip: the view has
// negative strides.
func Flip(a *Array, axes ...int) *Array {
	const op = "Flip"
	if err := a.checkOp(op); err != nil {
		return &Array{err: err}
	}
	axes, err := normalizeAxes(op, axes, len(a.shape))
	if err != nil {
		return &Array{err: err}
	}
	strides, offset := slices.Clone(a.strides), a.offset
	seen := make([]bool, len(a.shape))
	for _, ax := range axes {
		if seen[ax] {
			return errorf(op, "repeated axis")
		}
		seen[ax] = true
		if n := a.shape[ax]; n > 0 {
			offset += (n - 1) * strides[ax]
			strides[ax] = -strides[ax]
		}
	}
	return a.view(slices.Clone(a.shape), strides, offset)
}

// Roll returns a copy of a with its elements shifted by shift positions
// along each of axes, those that leave one end coming back at the other,
// as np.roll; with no axes, a is rolled flattened and keeps its shape.
// An axis given twice is shifted twice.
func Roll(a *Array, shift int, axes ...int) *Array {
	const op = "Roll"
	if err := a.checkOp(op); err != nil {
		return &Array{err: err}
	}
	if len(axes) == 0 {
		flat := a.Ravel()
		if flat.err != nil {
			return flat
		}
		r := Roll(flat, shift, 0)
		if r.err != nil {
			return r
		}
		return r.view(slices.Clone(a.shape), contiguousStrides(a.shape), 0)
	}
	byAxis := make([]int, len(a.shape))
	for _, ax := range axes {
		ax, err := NormalizeAxis(ax, len(a.shape))
		if err != nil {
			return failed(op, err)
		}
		byAxis[ax] += shift
	}
	return a.roll(op, byAxis)
}

// RollEach is np.roll with a shift per axis: shifts[i] positions along
// axes[i] (np.roll(a, (1, -2), axis=(0, 1)) is RollEach(a, []int{1, -2},
// []int{0, 1})). As in NumPy, one shift applies to every axis given, one
// axis takes every shift, and an axis given twice is shifted twice.
func RollEach(a *Array, shifts, axes []int) *Array {
	const op = "RollEach"
	if err := a.checkOp(op); err != nil {
		return &Array{err: err}
	}
	n := max(len(shifts), len(axes))
	if len(shifts) == 0 || len(axes) == 0 || len(shifts) != n && len(shifts) != 1 || len(axes) != n && len(axes) != 1 {
		return errorf(op, "shape mismatch: %d shifts and %d axes cannot be broadcast to a single shape", len(shifts), len(axes))
	}
	byAxis := make([]int, len(a.shape))
	for i := range n {
		ax, err := NormalizeAxis(axes[min(i, len(axes)-1)], len(a.shape))
		if err != nil {
			return failed(op, err)
		}
		byAxis[ax] += shifts[min(i, len(shifts)-1)]
	}
	return a.roll(op, byAxis)
}

// roll is a copy of a with each axis i shifted by byAxis[i].
func (a *Array) roll(op string, byAxis []int) *Array {
	out := On(a.st.b).alloc(op, a.dt, a.shape)
	if out.err != nil {
		return out
	}
	// Each axis shifted by s splits into two blocks, [0, n-s) moving to
	// [s, n) and [n-s, n) moving to [0, s): copy every combination.
	pieces := [][2]*Array{{out, a}}
	for ax, s := range byAxis {
		n := a.shape[ax]
		if n == 0 {
			continue
		}
		if s %= n; s < 0 {
			s += n
		}
		if s == 0 {
			continue
		}
		var next [][2]*Array
		for _, p := range pieces {
			next = append(next,
				[2]*Array{p[0].sliceAxis(ax, s, n), p[1].sliceAxis(ax, 0, n-s)},
				[2]*Array{p[0].sliceAxis(ax, 0, s), p[1].sliceAxis(ax, n-s, n)})
		}
		pieces = next
	}
	for _, p := range pieces {
		if err := p[0].set(op, p[1]); err != nil {
			out.Free()
			return &Array{err: err}
		}
	}
	return out
}
