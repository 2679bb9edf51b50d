package array

import (
	"errors"
	"fmt"
	"math"
	"slices"

	"github.com/cugo/cugo/backend"
	"github.com/cugo/cugo/dtype"
)

// Sorting follows NumPy's order everywhere: integers and bool by value,
// floats by value with every NaN last (after +inf) and -0.0 equal to 0.0,
// complex numbers by real part then imaginary part, those with a NaN
// part last (R+Rj, R+nanj, nan+Rj, nan+nanj). Every sort is stable, as
// NumPy's kind="stable": equal elements keep their order.

// Sort returns a sorted copy of a along axis (-1 is the last; AxisNone
// sorts the flattened array), as np.sort(a, axis, kind="stable").
func Sort(a *Array, axis int) *Array {
	keys, _ := sortAlong("Sort", a, axis, true, false)
	return keys
}

// ArgSort returns the int64 indices that sort a along axis (AxisNone:
// into the flattened array), as np.argsort(a, axis, kind="stable"). As
// in NumPy, a 0-d array is read as one of shape (1,): its indices are [0].
func ArgSort(a *Array, axis int) *Array {
	_, idx := sortAlong("ArgSort", oneDIfScalar(a), axis, false, true)
	return idx
}

// oneDIfScalar reshapes a 0-d array to shape (1,), as NumPy does for
// the functions that return indices along an axis (argsort,
// argpartition); other arrays, and failed ones, are returned as they are.
func oneDIfScalar(a *Array) *Array {
	if a.check() == nil && len(a.shape) == 0 {
		return a.Reshape(1)
	}
	return a
}

// Sort returns a sorted copy of a along axis.
func (a *Array) Sort(axis int) *Array { return Sort(a, axis) }

// ArgSort returns the indices that sort a along axis.
func (a *Array) ArgSort(axis int) *Array { return ArgSort(a, axis) }

// sortAlong sorts a along axis, giving the sorted elements and the
// sorting indices where asked (the other is nil). The sorted axis is
// moved last and made contiguous for the backend, then moved back.
func sortAlong(op string, a *Array, axis int, wantKeys, wantIdx bool) (keys, idx *Array) {
	fail := func(err error) (*Array, *Array) { e := &Array{err: err}; return e, e }
	if err := a.checkOp(op); err != nil {
		return fail(err)
	}
	if axis == AxisNone {
		a, axis = a.Ravel(), 0
		if a.err != nil {
			return fail(a.err)
		}
	}
	ax, err := NormalizeAxis(axis, len(a.shape))
	if err != nil {
		return fail(fmt.Errorf("%s: %w", op, err))
	}
	perm := moveLast(len(a.shape), ax)
	moved := a.Transpose(perm...)
	if a.dt.Kind() == dtype.ComplexKind {
		keys, idx = sortComplexRows(op, moved, wantKeys)
	} else {
		keys, idx = sortRows(op, moved, wantKeys, wantIdx)
	}
	back := inversePerm(perm)
	if keys != nil && keys.err == nil {
		keys = keys.Transpose(back...)
	}
	if idx != nil && idx.err == nil {
		idx = idx.Transpose(back...)
	}
	return keys, idx
}

// moveLast is the axis order that moves axis ax of nd to the end.
func moveLast(nd, ax int) []int {
	perm := make([]int, 0, nd)
	for i := range nd {
		if i != ax {
			perm = append(perm, i)
		}
	}
	return append(perm, ax)
}

func inversePerm(perm []int) []int {
	inv := make([]int, len(perm))
	for i, p := range perm {
		inv[p] = i
	}
	return inv
}

// sortRows sorts a real array along its last axis through the backend's
// Sorter; the results are C-ordered arrays of a's shape.
func sortRows(op string, a *Array, wantKeys, wantIdx bool) (keys, idx *Array) {
	fail := func(err error) (*Array, *Array) { e := failed(op, err); return e, e }
	sorter, ok := a.st.b.(backend.Sorter)
	if !ok {
		return fail(fmt.Errorf("the %s backend cannot sort", a.st.b.Device().Kind))
	}
	c, free, err := a.cOrder(op)
	if err != nil {
		return fail(err)
	}
	if free {
		defer c.Free()
	}
	n := 1
	if len(a.shape) > 0 {
		n = a.shape[len(a.shape)-1]
	}
	rows := 0
	if n > 0 {
		rows = a.Size() / n
	}
	var keyBuf, idxBuf backend.Buffer
	if wantKeys {
		if keys, err = empty(a.st.b, a.dt, a.shape); err != nil {
			return fail(err)
		}
		keyBuf = keys.st.buf
	}
	if wantIdx {
		if idx, err = empty(a.st.b, Int64, a.shape); err != nil {
			keys.Free()
			return fail(err)
		}
		idxBuf = idx.st.buf
	}
	if rows*n == 0 { // an empty view may start past its (empty) buffer
		return keys, idx
	}
	if err := sorter.SortRows(a.dt, rows, n, c.st.buf, c.offset, keyBuf, idxBuf); err != nil {
		keys.Free()
		idx.Free()
		return fail(err)
	}
	return keys, idx
}

// sortComplexRows sorts complex rows through three stable argsorts of
// their parts, least significant first: the imaginary part, the real
// part, then the NaN class (none, imaginary, real, both).
func sortComplexRows(op string, a *Array, wantKeys bool) (keys, idx *Array) {
	last := len(a.shape) - 1
	re, im := Real(a), Imag(a)
	class := Add(Mul(IsNaN(re).AsType(Uint8), uint8(2)), IsNaN(im).AsType(Uint8))
	_, idx = sortRows(op, im, false, true)
	for _, part := range []*Array{re, class} {
		_, step := sortRows(op, TakeAlongAxis(part, idx, last), false, true)
		idx = TakeAlongAxis(idx, step, last)
	}
	if idx.err != nil {
		return idx, idx
	}
	if wantKeys {
		keys = TakeAlongAxis(a, idx, last)
	}
	return keys, idx
}

// Lexsort returns the int64 indices that sort by several keys of one
// shape along their last axis, as np.lexsort: the last key is the
// primary one, ties go to the one before, and so on.
func Lexsort(keys []*Array) *Array {
	const op = "Lexsort"
	if err := checkAll(op, "need sequence of keys with len > 0 in lexsort", keys); err != nil {
		return &Array{err: err}
	}
	for _, k := range keys[1:] {
		if !slices.Equal(k.shape, keys[0].shape) {
			return errorf(op, "all keys need to be the same shape")
		}
	}
	last := len(keys[0].shape) - 1
	if last < 0 { // 0-d keys: one element, at index 0, as NumPy gives
		return On(keys[0].st.b).Zeros(Int64)
	}
	idx := ArgSort(keys[0], -1)
	for _, k := range keys[1:] {
		idx = TakeAlongAxis(idx, ArgSort(TakeAlongAxis(k, idx, last), -1), last)
	}
	return idx
}

// Partition returns a copy of a in which the element at position kth
// along axis (AxisNone: of the flattened array) is the one a sorted array
// has there, smaller or equal ones before it and greater or equal ones
// after, as np.partition (the order within each side is unspecified).
// kth is an int or, as NumPy's sequence of kth, a []int: every position
// in it is partitioned so. Negative positions count from the end.
func Partition(a *Array, kth any, axis int) *Array {
	const op = "Partition"
	ks, err := kthPositions(op, a, kth, axis)
	if err != nil {
		return &Array{err: err}
	}
	if axis == AxisNone {
		a, axis = a.Ravel(), 0
	}
	return TakeAlongAxis(a, argPartition(op, a, ks, axis), axis)
}

// ArgPartition returns the int64 indices that partition a along axis as
// Partition does, as np.argpartition (a 0-d array is read as one of
// shape (1,), as in NumPy).
func ArgPartition(a *Array, kth any, axis int) *Array {
	const op = "ArgPartition"
	a = oneDIfScalar(a)
	ks, err := kthPositions(op, a, kth, axis)
	if err != nil {
		return &Array{err: err}
	}
	if axis == AxisNone {
		a, axis = a.Ravel(), 0
	}
	return argPartition(op, a, ks, axis)
}

// argPartition partitions a along axis at the sorted, distinct,
// non-negative positions ks.
//
// The elements at those ranks of each row are found by selection (no
// sort of the data); the indices then come from a stable argsort of a
// one-byte key, each element's side of every selected element (below 0,
// equal 1, above 2) summed: it grows with the element's place in the
// sort order, and only the elements equal to a selected one share its
// key, so each selected element lands at its rank. Where the backend
// cannot select, the indices that sort a are the answer.
func argPartition(op string, a *Array, ks []int, axis int) *Array {
	// The sides compare in float64, which keeps the order of every dtype
	// but 64-bit integers (beyond 2^53): those take the sort.
	if k := a.dt.Kind(); (k == dtype.IntKind || k == dtype.UintKind) && a.dt.Size() == 8 || a.Size() == 0 {
		return ArgSort(a, axis)
	}
	ax, _ := NormalizeAxis(axis, len(a.shape))
	moved := a.Transpose(moveLast(len(a.shape), ax)...)
	sel, err := selectRows(op, moved, ks)
	if err != nil {
		return failed(op, err)
	}
	if sel == nil {
		return ArgSort(a, axis)
	}
	x := moved.AsType(Float64)
	side := partitionSide.Call(x, sel.Index(Ellipsis, S(0, 1)))
	for j := 1; j < len(ks); j++ {
		side = Add(side, partitionSide.Call(x, sel.Index(Ellipsis, S(j, j+1))))
	}
	idx := ArgSort(side, -1)
	if idx.err != nil {
		return failed(op, idx.err)
	}
	return idx.Transpose(inversePerm(moveLast(len(a.shape), ax))...)
}

// partitionSide(x, v) is 0 where x sorts before v, 1 where it equals v
// (NaN equals NaN: NaN sorts last) and 2 where it sorts after, as uint8.
var partitionSide = Fuse(Arg(0).Equal(Arg(1)).LogicalOr(Arg(0).NotEqual(Arg(0)).LogicalAnd(Arg(1).NotEqual(Arg(1)))).Where(
	uint8(1), Arg(0).Less(Arg(1)).LogicalOr(Arg(1).NotEqual(Arg(1)).LogicalAnd(Arg(0).Equal(Arg(0)))).Where(uint8(0), uint8(2))))

// kthPositions checks a, axis and kth (an int or a []int) as np.partition
// does and returns the positions along the axis, counted from the start,
// sorted and distinct. NumPy checks no position of an empty array.
func kthPositions(op string, a *Array, kth any, axis int) ([]int, error) {
	if err := a.checkOp(op); err != nil {
		return nil, err
	}
	n := a.Size()
	if axis != AxisNone {
		ax, err := NormalizeAxis(axis, len(a.shape))
		if err != nil {
			return nil, fmt.Errorf("%s: %w", op, err)
		}
		n = a.shape[ax]
	}
	ks, err := kthList(kth)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", op, err)
	}
	for i, k := range ks {
		if a.Size() > 0 && (k < -n || k >= n) {
			return nil, fmt.Errorf("%s: kth(=%d) out of bounds (%d)", op, k, n)
		}
		if k < 0 {
			ks[i] = k + n
		}
	}
	slices.Sort(ks)
	return slices.Compact(ks), nil
}

// kthList reads Partition's kth: a Go integer, a []int or []int64, or an
// *Array of integers (of any shape, as NumPy flattens it).
func kthList(kth any) ([]int, error) {
	var ks []int
	switch k := kth.(type) {
	case []int:
		ks = slices.Clone(k)
	case []int64:
		for _, x := range k {
			ks = append(ks, int(x))
		}
	case *Array:
		if err := k.checkOp("kth"); err != nil {
			return nil, err
		}
		if kd := k.dt.Kind(); kd != dtype.IntKind && kd != dtype.UintKind {
			return nil, fmt.Errorf("kth must be integers, not %v", k.dt)
		}
		v, err := ToSlice[int64](k.AsType(Int64))
		if err != nil {
			return nil, err
		}
		return kthList(v)
	default:
		s, ok := scalarOf(kth)
		if !ok || s.kind != dtype.IntScalar || s.unsigned && s.u > math.MaxInt64 {
			return nil, fmt.Errorf("kth is a %T, want a Go integer, a []int or an *Array of integers", kth)
		}
		ks = []int{int(s.i)}
		if s.unsigned {
			ks = []int{int(s.u)}
		}
	}
	if len(ks) == 0 {
		return nil, errors.New("kth is an empty list")
	}
	return ks, nil
}
