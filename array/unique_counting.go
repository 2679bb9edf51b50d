package array

import (
	"math"

	"github.com/cugo/cugo/dtype"
)

// Unique by counting. The distinct values of an integer array whose
// values span no more values than it has elements (category codes, bin
// numbers, small counters: the common case of unique over integers) are
// found by counting each value into a bin rather than by sorting: two
// reductions and one counting pass, against a radix pass per byte of
// the sort. The results are the sort's, bit for bit: the values in
// order, their counts and each element's index into them. The first
// index of each value needs the sort's order, so UniqueAll sorts.

// countingMinSize is the least element count that Unique counts rather
// than sorts: below it the sort is one launch, cheaper than the counting
// path's two reads of the range.
const countingMinSize = 1 << 16

// uniqueByCounting returns the distinct values of a and, where all, their
// counts and the inverse (of a's shape), and true; or false where a is not
// a bool or integer array of at least countingMinSize elements whose
// values span at most as many values as it has elements.
func uniqueByCounting(op string, a *Array, all bool) (UniqueResult, bool) {
	n := a.Size()
	if k := a.dt.Kind(); n < countingMinSize || (k != dtype.BoolKind && k != dtype.IntKind && k != dtype.UintKind) {
		return UniqueResult{}, false
	}
	flat := a.Ravel()
	lo, above, ok := valueSpan(flat)
	if !ok || above >= uint64(n) {
		return UniqueResult{}, false
	}
	idx := Sub(flat.AsType(Int64), lo) // each element's bin, in [0, above]
	counts := bincount(op, idx, nil, int(above)+1)
	present := Greater(counts, 0)
	at := positions(present)
	r := UniqueResult{Values: Add(at, lo).AsType(a.dt)}
	if all {
		r.Counts = Take(counts, at)
		r.Inverse = Take(Sub(CumSum(present, Axis(0)), 1), idx).Reshape(a.shape...)
	}
	for _, t := range []*Array{idx, counts, present, at} {
		t.Free()
	}
	return r, true
}

// valueSpan returns the least value of the non-empty bool or integer
// array a as an int64 and how far the greatest lies above it (both read
// in one copy), or false where a value does not fit an int64 or a
// reduction failed.
func valueSpan(a *Array) (lo int64, above uint64, ok bool) {
	least, most := Min(a), Max(a)
	defer least.Free()
	defer most.Free()
	ends := Stack([]*Array{least, most}, 0)
	defer ends.Free()
	if a.dt == Uint64 {
		e, err := ToSlice[uint64](ends)
		if err != nil || e[1] > math.MaxInt64 {
			return 0, 0, false
		}
		return int64(e[0]), e[1] - e[0], true
	}
	wide := ends.AsType(Int64)
	defer wide.Free()
	e, err := ToSlice[int64](wide)
	if err != nil {
		return 0, 0, false
	}
	return e[0], uint64(e[1]) - uint64(e[0]), true
}
