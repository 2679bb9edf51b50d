package array

import (
	"fmt"

	"github.com/cugo/cugo/backend"
	"github.com/cugo/cugo/dtype"
)

// Searching and set operations, composed from the sort, comparisons,
// scans and compaction, so that they run on the array's device.

// Side says where SearchSorted puts a value equal to elements of the
// sorted array: before them (Left, NumPy's default) or after (Right).
type Side uint8

const (
	Left Side = iota
	Right
)

// SearchSorted returns, as int64 of v's shape, the indices at which
// inserting each element of v into the sorted 1-d array a keeps it
// sorted, as np.searchsorted(a, v, side, sorter): with sorter (int64
// indices that sort a; nil if a is sorted), a is read as a[sorter].
//
// It merges v into a with one stable sort: an element of v lands before
// the equal elements of a (Left) or after them (Right), and its index is
// the count of a's elements before it.
func SearchSorted(a, v *Array, side Side, sorter *Array) *Array {
	const op = "SearchSorted"
	if err := checkAll(op, "", []*Array{a, v}); err != nil {
		return &Array{err: err}
	}
	if len(a.shape) != 1 {
		return errorf(op, "a must be 1-d, not %d-d", len(a.shape))
	}
	if side != Left && side != Right {
		return errorf(op, "side must be Left or Right, not %d", side)
	}
	if sorter != nil {
		if err := checkSorter(op, sorter, a.Size()); err != nil {
			return &Array{err: err}
		}
		a = Take(a, sorter)
	}
	n, m := a.Size(), v.Size()
	flat := v.Ravel()
	parts := []*Array{flat, a} // Left: v before equal elements of a
	if side == Right {
		parts = []*Array{a, flat}
	}
	merged := Concatenate(parts, 0)
	if merged.err != nil {
		return failed(op, merged.err)
	}
	order := ArgSort(merged, 0)
	firstV := 0
	if side == Right {
		firstV = n
	}
	// In merged order: which entries are a's, how many of a's so far.
	isV := LogicalAnd(GreaterEqual(order, firstV), Less(order, firstV+m))
	aBefore := CumSum(LogicalNot(isV), Axis(0))
	where := order.Mask(isV)
	out := On(a.st.b).Empty(Int64, m)
	if err := Put(out, Sub(where, firstV), aBefore.Mask(isV)); err != nil {
		return &Array{err: err}
	}
	return out.Reshape(v.shape...)
}

// checkSorter checks, as np.searchsorted does, that sorter is a 1-d
// array of n integers in [0, n) (NumPy takes no negative index there).
func checkSorter(op string, sorter *Array, n int) error {
	if err := sorter.checkOp(op); err != nil {
		return err
	}
	if k := sorter.dt.Kind(); k != dtype.IntKind && k != dtype.UintKind {
		return fmt.Errorf("%s: sorter must only contain integers, not %v", op, sorter.dt)
	}
	if len(sorter.shape) != 1 || sorter.Size() != n {
		return fmt.Errorf("%s: sorter.size must equal a.size", op)
	}
	if n == 0 {
		return nil
	}
	outside, err := Item[bool](AnyTrue(LogicalOr(Less(sorter, 0), GreaterEqual(sorter, n))))
	if err != nil {
		return fmt.Errorf("%s: %w", op, err)
	}
	if outside {
		return fmt.Errorf("%s: sorter index out of range", op)
	}
	return nil
}

// UniqueResult is what UniqueAll returns, as NumPy 2's unique_all: the
// sorted distinct values, the index of each one's first occurrence in
// the flattened input, the index into Values of each input element (of
// the input's shape), and how many times each value occurs.
type UniqueResult struct {
	Values, Indices, Inverse, Counts *Array
}

// UniqueOption is an optional argument of the Unique functions, as
// np.unique's keyword arguments.
type UniqueOption func(*uniqueConfig)

type uniqueConfig struct {
	distinctNaN bool
}

// DistinctNaN keeps every NaN (every complex number with a NaN part) as a
// value of its own, as np.unique(..., equal_nan=False) and NumPy 2's
// np.unique_values, unique_counts, unique_inverse and unique_all (the
// Array API's rule) do. Without it NaN is counted once, as np.unique's
// default equal_nan=True.
func DistinctNaN() UniqueOption { return func(c *uniqueConfig) { c.distinctNaN = true } }

// UniqueValues returns the sorted distinct elements of a, flattened, as
// np.unique(a) (NaN counted once unless DistinctNaN).
func UniqueValues(a *Array, opts ...UniqueOption) *Array {
	return unique("UniqueValues", a, valuesOnly, opts).Values
}

// UniqueCounts returns the sorted distinct elements of a and how many
// times each occurs.
func UniqueCounts(a *Array, opts ...UniqueOption) (values, counts *Array) {
	r := unique("UniqueCounts", a, countsAndInverse, opts)
	return r.Values, r.Counts
}

// UniqueInverse returns the sorted distinct elements of a and, of a's
// shape, the index into them of each element of a.
func UniqueInverse(a *Array, opts ...UniqueOption) (values, inverse *Array) {
	r := unique("UniqueInverse", a, countsAndInverse, opts)
	return r.Values, r.Inverse
}

// UniqueAll returns the distinct elements of a with their first indices,
// the inverse and the counts (np.unique with every return_* set).
func UniqueAll(a *Array, opts ...UniqueOption) UniqueResult {
	return unique("UniqueAll", a, everything, opts)
}

// uniqueNeeds is what unique finds beyond the distinct values.
type uniqueNeeds int

const (
	valuesOnly       uniqueNeeds = iota
	countsAndInverse             // the counts and the inverse
	everything                   // the first indices too
)

// unique counts the values of a where it can (uniqueByCounting) and the
// first indices are not needed; otherwise it sorts a's elements and
// keeps the first of each run of equal ones, deriving the indices,
// inverse and counts from the runs where needed.
func unique(op string, a *Array, needs uniqueNeeds, opts []UniqueOption) UniqueResult {
	fail := func(err error) UniqueResult {
		e := &Array{err: err}
		return UniqueResult{e, e, e, e}
	}
	if err := a.checkOp(op); err != nil {
		return fail(err)
	}
	all := needs != valuesOnly
	if needs != everything {
		if r, ok := uniqueByCounting(op, a, all); ok { // integers: no NaN
			return r
		}
	}
	var c uniqueConfig
	for _, o := range opts {
		o(&c)
	}
	flat := a.Ravel()
	sorted, order := sortAlong(op, flat, 0, true, all) // the values alone need no argsort
	if sorted.err != nil {
		return fail(sorted.err)
	}
	n := sorted.Size()
	d := On(a.st.b)
	var r UniqueResult
	var starts, runs *Array // where each run starts in sorted; the run of each sorted element
	// The backend's runs compare sort keys, on which NaN equals NaN.
	finder, ok := a.st.b.(backend.RunFinder)
	if ok && backend.SortableDType(a.dt) && !(c.distinctNaN && a.dt.Kind() == dtype.FloatKind) {
		var err error
		if r.Values, starts, runs, err = firstOfRuns(op, finder, sorted, all); err != nil {
			return fail(err)
		}
		sorted.Free()
		if !all {
			return r
		}
	} else {
		first := d.Empty(Bool, n) // whether each sorted element starts a run of equal ones
		if n > 0 {
			if err := first.Index(To(1)).Set(true); err != nil {
				return fail(fmt.Errorf("%s: %w", op, err))
			}
		}
		if n > 1 {
			next, prev := sorted.Index(From(1)), sorted.Index(To(n-1))
			var differs *Array
			if c.distinctNaN {
				differs = NotEqual(next, prev, first.Index(From(1)))
			} else {
				differs = startsRun.Into(first.Index(From(1)), next, prev)
			}
			if differs.err != nil {
				return fail(fmt.Errorf("%s: %w", op, differs.err))
			}
		}
		r.Values = sorted.Mask(first)
		if !all {
			return r
		}
		starts, runs = positions(first), runIDs(first)
	}
	if err := r.fromRuns(d, n, starts, runs, order); err != nil {
		return fail(err)
	}
	r.Inverse = r.Inverse.Reshape(a.shape...)
	return r
}

// firstOfRuns returns, in one step of the backend's RunFinder, the first
// element of each run of equal elements of the sorted 1-d array sorted
// and, where all, the runs' positions and the run of each element.
func firstOfRuns(op string, finder backend.RunFinder, sorted *Array, all bool) (values, starts, runs *Array, err error) {
	if err := hold(sorted); err != nil {
		return nil, nil, nil, fmt.Errorf("%s: %w", op, err)
	}
	defer release(sorted)
	out := func(count int) (outs backend.RunsOutputs, err error) {
		if values, err = empty(sorted.st.b, sorted.dt, []int{count}); err != nil {
			return outs, err
		}
		outs.Values = values.st.buf
		if !all {
			return outs, nil
		}
		if starts, err = empty(sorted.st.b, Int64, []int{count}); err != nil {
			return outs, err
		}
		outs.Starts = starts.st.buf
		if runs, err = empty(sorted.st.b, Int64, []int{sorted.Size()}); err != nil {
			return outs, err
		}
		outs.IDs = runs.st.buf
		return outs, nil
	}
	if _, err = finder.FirstOfRuns(sorted.dt, sorted.Size(), sorted.st.buf, sorted.offset, out); err != nil {
		values.Free()
		starts.Free()
		runs.Free()
		return nil, nil, nil, fmt.Errorf("%s: %w", op, err)
	}
	return values, starts, runs, nil
}

// runIDs is, for each element of a 1-d bool array that marks the starts
// of runs, the index of its run.
func runIDs(first *Array) *Array { return Sub(CumSum(first, Axis(0)), 1) }

// fromRuns sets r's Indices, Counts and Inverse (1-d) from the runs of
// equal elements among the n elements sorted by order: where each run
// starts and the run of each element: a gather and a scatter, no
// further sort.
func (r *UniqueResult) fromRuns(d *Device, n int, starts, runs, order *Array) error {
	r.Indices = Take(order, starts)
	r.Counts = Diff(Concatenate([]*Array{starts, d.Full(Int64, n, 1)}, 0), 1, 0)
	inverse := d.Empty(Int64, n)
	if err := Put(inverse, order, runs); err != nil {
		return err
	}
	r.Inverse = inverse
	return nil
}

// UniqueAxis returns the distinct slices of a along axis, as
// np.unique(a, axis=axis) with every return_* set: Values has a's shape
// with that axis as long as the count of distinct slices, which are
// sorted lexicographically (by their first element, then the next...);
// Indices, Inverse (1-d, one per slice of a) and Counts are as for
// UniqueAll, counted in slices. Slices holding NaN are each distinct, as
// in NumPy. It sorts once per element of a slice (Lexsort).
func UniqueAxis(a *Array, axis int) UniqueResult {
	const op = "UniqueAxis"
	fail := func(err error) UniqueResult {
		e := failed(op, err)
		return UniqueResult{e, e, e, e}
	}
	if err := a.checkOp(op); err != nil {
		e := &Array{err: err}
		return UniqueResult{e, e, e, e}
	}
	ax, err := NormalizeAxis(axis, len(a.shape))
	if err != nil {
		return fail(err)
	}
	perm := append([]int{ax}, moveLast(len(a.shape), ax)[:len(a.shape)-1]...)
	moved := a.Transpose(perm...)
	n := a.shape[ax]
	width := 1
	for _, l := range moved.shape[1:] {
		width *= l
	}
	rows := moved.Reshape(n, width)
	d := On(a.st.b)
	order := d.Arange(0, float64(n), 1, Int64)
	if width > 0 && n > 0 {
		keys := make([]*Array, width) // the last key is the primary one
		for c := range width {
			keys[width-1-c] = rows.Index(All, I(c))
		}
		order = Lexsort(keys)
	}
	sorted := Take(rows, order, 0)
	first := d.Empty(Bool, n)
	if n > 0 {
		if err := first.Index(To(1)).Set(true); err != nil {
			return fail(err)
		}
	}
	if n > 1 {
		differs := AnyTrue(NotEqual(sorted.Index(From(1)), sorted.Index(To(n-1))), Axis(1))
		if width == 0 {
			differs = d.Zeros(Bool, n-1)
		}
		if err := first.Index(From(1)).Set(differs); err != nil {
			return fail(err)
		}
	}
	var r UniqueResult
	if err := r.fromRuns(d, n, positions(first), runIDs(first), order); err != nil {
		return fail(err)
	}
	values := Take(sorted, positions(first), 0).Reshape(append([]int{-1}, moved.shape[1:]...)...)
	if width == 0 {
		values = d.Zeros(a.dt, append([]int{r.Counts.Size()}, moved.shape[1:]...)...)
	}
	r.Values = values.Transpose(inversePerm(perm)...)
	if err := r.Values.Err(); err != nil {
		return fail(err)
	}
	return r
}

// startsRun(next, prev) is whether next differs from prev, NaN equal to
// NaN (x == x is false only for NaN): one kernel.
var startsRun = Fuse(Arg(0).NotEqual(Arg(1)).LogicalAnd(Arg(0).Equal(Arg(0)).LogicalOr(Arg(1).Equal(Arg(1)))))

// positions returns the int64 positions of the nonzero elements of a 1-d array.
func positions(a *Array) *Array {
	nz, err := Nonzero(a)
	if err != nil {
		return &Array{err: err}
	}
	return nz[0]
}

// SetOption is an optional argument of Isin, In1d and the set
// functions, as NumPy's keyword arguments.
type SetOption func(*setConfig)

type setConfig struct {
	invert, assumeUnique bool
}

// Inverted makes Isin and In1d report the elements not found (invert=True).
func Inverted() SetOption { return func(c *setConfig) { c.invert = true } }

// AssumeUnique says that the arrays hold no repeated elements
// (assume_unique=True), which saves finding the distinct ones. As in
// NumPy, Setdiff1d then keeps a's order (flattened) rather than sorting;
// Isin and In1d are right either way, the other results of arrays with
// repeats are unspecified.
func AssumeUnique() SetOption { return func(c *setConfig) { c.assumeUnique = true } }

func setOptions(opts []SetOption) setConfig {
	var c setConfig
	for _, o := range opts {
		o(&c)
	}
	return c
}

// Isin returns, of element's shape, whether each element of element is
// among the elements of test (np.isin; NaN is never found), or with
// Inverted whether it is not.
func Isin(element, test *Array, opts ...SetOption) *Array {
	const op = "Isin"
	if err := checkAll(op, "", []*Array{element, test}); err != nil {
		return &Array{err: err}
	}
	c := setOptions(opts)
	var u *Array // test, sorted, for the search
	if c.assumeUnique {
		u = Sort(test, AxisNone)
	} else {
		u = UniqueValues(test)
	}
	found := sortedContains(u, element)
	if c.invert {
		return LogicalNot(found)
	}
	return found
}

// sortedContains returns, of v's shape, whether each element of v is in
// the sorted 1-d array u.
func sortedContains(u, v *Array) *Array {
	n := u.Size()
	if n == 0 {
		return On(v.st.b).Zeros(Bool, v.shape...)
	}
	at := SearchSorted(u, v, Left, nil)
	found := Equal(Take(u, Minimum(at, n-1)), v)
	return LogicalAnd(found, Less(at, n))
}

// In1d is Isin of a flattened element array (np.in1d).
func In1d(element, test *Array, opts ...SetOption) *Array {
	if err := checkAll("In1d", "", []*Array{element, test}); err != nil {
		return &Array{err: err}
	}
	return Isin(element.Ravel(), test, opts...)
}

// sortedDistinct returns a's elements flattened and sorted: its distinct
// ones, or all of them where the caller assumes they are distinct.
func sortedDistinct(a *Array, c setConfig) *Array {
	if c.assumeUnique {
		return Sort(a, AxisNone)
	}
	return UniqueValues(a)
}

// setResult casts the result of a set function of a and b to the dtype
// NumPy gives it, that of np.concatenate((a, b)).
func setResult(op string, r, a, b *Array) *Array {
	if err := checkAll(op, "", []*Array{r, a, b}); err != nil {
		return &Array{err: err}
	}
	dt, err := dtype.Promote(a.dt, b.dt)
	if err != nil {
		return failed(op, err)
	}
	return r.AsType(dt)
}

// Intersect1d returns the sorted distinct values found in both a and b,
// of the dtype a and b promote to.
func Intersect1d(a, b *Array, opts ...SetOption) *Array {
	const op = "Intersect1d"
	if err := checkAll(op, "", []*Array{a, b}); err != nil {
		return &Array{err: err}
	}
	ua := sortedDistinct(a, setOptions(opts))
	return setResult(op, ua.Mask(Isin(ua, b)), a, b)
}

// Intersect1dIndices is Intersect1d with the indices, into a and b
// flattened, of the first occurrence of each value found in both, as
// np.intersect1d(a, b, return_indices=True).
func Intersect1dIndices(a, b *Array) (values, aIndices, bIndices *Array) {
	const op = "Intersect1dIndices"
	if err := checkAll(op, "", []*Array{a, b}); err != nil {
		e := &Array{err: err}
		return e, e, e
	}
	ra, rb := unique(op, a, everything, nil), unique(op, b, everything, nil)
	inA, inB := Isin(ra.Values, rb.Values), Isin(rb.Values, ra.Values)
	values = setResult(op, ra.Values.Mask(inA), a, b)
	if values.err != nil {
		return values, values, values
	}
	return values, ra.Indices.Mask(inA), rb.Indices.Mask(inB)
}

// Union1d returns the sorted distinct values found in a or b.
func Union1d(a, b *Array) *Array {
	if err := checkAll("Union1d", "", []*Array{a, b}); err != nil {
		return &Array{err: err}
	}
	return UniqueValues(Concatenate([]*Array{a.Ravel(), b.Ravel()}, 0))
}

// Setdiff1d returns the sorted distinct values of a not found in b (with
// AssumeUnique: a's values not in b, in a's order).
func Setdiff1d(a, b *Array, opts ...SetOption) *Array {
	if err := checkAll("Setdiff1d", "", []*Array{a, b}); err != nil {
		return &Array{err: err}
	}
	c := setOptions(opts)
	ua := a.Ravel()
	if !c.assumeUnique {
		ua = UniqueValues(a)
	}
	// b sorted (not made distinct) is enough for the search
	return ua.Mask(Isin(ua, b, Inverted(), AssumeUnique()))
}

// Setxor1d returns the sorted distinct values found in exactly one of a and b.
func Setxor1d(a, b *Array, opts ...SetOption) *Array {
	if err := checkAll("Setxor1d", "", []*Array{a, b}); err != nil {
		return &Array{err: err}
	}
	return Sort(Concatenate([]*Array{Setdiff1d(a, b, opts...), Setdiff1d(b, a, opts...)}, 0), 0)
}
