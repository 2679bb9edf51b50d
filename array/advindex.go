package array

import (
	"errors"
	"fmt"
	"slices"

	"github.com/cugo/cugo/dtype"
	"github.com/cugo/cugo/internal/layout"
)

// arrayIndex is an integer or boolean array in an indexing expression:
// NumPy's advanced indexing.
type arrayIndex struct{ x any }

func (arrayIndex) isIndex() {}

// Idx makes an array an item of an indexing expression, as NumPy's
// advanced indexing takes one between the brackets: x is an *Array of
// integers or bools, a []int or a []bool. An expression with one copies
// the elements it selects instead of making a view:
//
//	a.Index(array.Idx([]int{0, 2}), array.Idx([]int{1, 1})) // a[[0, 2], [1, 1]]
//	a.Index(array.All, array.Idx(cols))                     // a[:, cols]
//	a.Index(array.Idx(a.Greater(0)))                        // a[a > 0]
//
// As in NumPy: integer arrays broadcast together and their shape takes
// the place of the axes they index when they stand next to each other in
// the expression, or goes first when other items separate them (an
// integer I among arrays counts as an array); negative entries count from
// the end; a boolean array stands for the integer arrays of its nonzero
// positions and indexes as many axes as it has (a 0-d one, a[True] or
// a[False], adds an axis of length 1 or 0). SetIndex writes through the
// same expressions.
func Idx(x any) Index { return arrayIndex{x} }

// advanced is a[idx] for an expression with arrays, split as NumPy
// splits it: the basic view of a that the other items select (a full
// slice in place of each array), the axes of that view the arrays index,
// the flat positions the arrays select in the block of those axes (the
// arrays broadcast together), and where the arrays' axes go in the result.
type advanced struct {
	view  *Array
	axes  []int // of view, in the expression's order
	flat  *Array
	front bool // the arrays' axes go first: other items stand between them
}

// boolItem is a boolean index array: the position in the basic
// expression of the first axis it stands for, and its shape.
type boolItem struct {
	item  int
	shape []int
}

func hasArrayIndex(idx []Index) bool {
	return slices.ContainsFunc(idx, func(x Index) bool { _, ok := x.(arrayIndex); return ok })
}

// planAdvanced resolves idx against a.
func (a *Array) planAdvanced(op string, idx []Index) (*advanced, error) {
	d := On(a.st.b)
	var basic []Index
	var arrays []*Array // int64, one per indexed axis
	var items []int     // the position in basic of each array's axis
	var masks []boolItem
	for _, x := range idx {
		switch x := x.(type) {
		case arrayIndex:
			ix, err := indexItem(op, d, x.x)
			if err != nil {
				return nil, err
			}
			if ix.dt != Bool {
				items, basic, arrays = append(items, len(basic)), append(basic, All), append(arrays, ix)
				continue
			}
			if ix.NDim() == 0 { // a[True], a[False]: a new axis of length 1, taken once or not at all
				on, err := Item[bool](ix)
				if err != nil {
					return nil, fmt.Errorf("%s: %w", op, err)
				}
				taken := d.Zeros(Int64, 0)
				if on {
					taken = d.Zeros(Int64, 1)
				}
				items, basic, arrays = append(items, len(basic)), append(basic, NewAxis), append(arrays, taken)
				continue
			}
			nz, err := Nonzero(ix)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", op, err)
			}
			masks = append(masks, boolItem{len(basic), ix.shape})
			for _, n := range nz {
				items, basic, arrays = append(items, len(basic)), append(basic, All), append(arrays, n)
			}
		case intIndex: // an array of no axes, for where the arrays' axes go
			items, basic, arrays = append(items, len(basic)), append(basic, All), append(arrays, d.Scalar(int64(x)))
		default:
			basic = append(basic, x)
		}
	}
	shape, strides, offset, err := applyIndex(a.shape, a.strides, a.offset, basic...)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", op, err)
	}
	view := a.view(shape, strides, offset)
	axes, origin := viewAxes(basic, len(a.shape)), sourceAxes(basic, len(a.shape))
	for _, m := range masks {
		for k, n := range m.shape {
			if ax := origin[m.item] + k; n != a.shape[ax] {
				return nil, fmt.Errorf("%s: boolean index did not match indexed array along axis %d; size of axis is %d but size of corresponding boolean axis is %d", op, ax, a.shape[ax], n)
			}
		}
	}
	p := &advanced{view: view}
	for k, item := range items {
		p.axes = append(p.axes, axes[item])
		n := view.shape[axes[item]]
		wrapped, err := boundIndex(op, arrays[k], n, origin[item])
		if err != nil {
			return nil, err
		}
		arrays[k] = wrapped
	}
	for k := 1; k < len(p.axes); k++ {
		if p.axes[k] != p.axes[k-1]+1 || items[k] != items[k-1]+1 {
			p.front = true
		}
	}
	bc, err := BroadcastArrays(arrays...)
	if err != nil {
		return nil, fmt.Errorf("%s: shape mismatch: indexing arrays could not be broadcast together: %w", op, err)
	}
	// flat = Σ index_k · (the product of the lengths of the axes after k)
	flat := bc[len(bc)-1]
	size := view.shape[p.axes[len(p.axes)-1]]
	for k := len(bc) - 2; k >= 0; k-- {
		flat = Add(flat, Mul(bc[k], size))
		size *= view.shape[p.axes[k]]
	}
	p.flat = flat
	return p, flat.err
}

// indexItem is the *Array of an Idx item, of an integer dtype or bool.
func indexItem(op string, d *Device, x any) (*Array, error) {
	switch v := x.(type) {
	case *Array:
		if err := v.checkOp(op); err != nil {
			return nil, err
		}
		if err := sameBackend(op, d.b, v.st.b); err != nil {
			return nil, err
		}
		if k := v.dt.Kind(); k != dtype.BoolKind && k != dtype.IntKind && k != dtype.UintKind {
			return nil, fmt.Errorf("%s: arrays used as indices must be of integer (or boolean) type, not %v", op, v.dt)
		}
		return v, nil
	case []int:
		data := make([]int64, len(v))
		for i, n := range v {
			data[i] = int64(n)
		}
		return FromSliceOn(d, data), nil
	case []bool:
		return FromSliceOn(d, v), nil
	case nil:
		return nil, errors.New(op + ": nil index array")
	}
	return nil, fmt.Errorf("%s: index array of type %T (want *Array, []int or []bool)", op, x)
}

// viewAxes is, for each item of a basic expression over nd axes, the axis
// of the view it makes that the item's own axis becomes (-1 for items
// that leave none: integers, the ellipsis).
func viewAxes(basic []Index, nd int) []int {
	out, p := make([]int, len(basic)), 0
	for i, x := range basic {
		out[i] = -1
		switch x.(type) {
		case newAxis, Slice:
			out[i] = p
			p++
		case ellipsis:
			p += nd - consumed(basic)
		}
	}
	return out
}

// sourceAxes is, for each item of a basic expression over nd axes, the
// axis of the indexed array it consumes (-1 for new axes and the ellipsis).
func sourceAxes(basic []Index, nd int) []int {
	out, p := make([]int, len(basic)), 0
	for i, x := range basic {
		out[i] = -1
		switch x.(type) {
		case intIndex, Slice:
			out[i] = p
			p++
		case ellipsis:
			p += nd - consumed(basic)
		}
	}
	return out
}

// consumed counts the axes a basic expression's items use up.
func consumed(basic []Index) int {
	n := 0
	for _, x := range basic {
		switch x.(type) {
		case intIndex, Slice:
			n++
		}
	}
	return n
}

// boundIndex checks an integer index array against an axis of length n
// (NumPy's message names the axis of the indexed array) and returns it as
// int64 with negative entries counted from the end.
func boundIndex(op string, ix *Array, n, axis int) (*Array, error) {
	ix = ix.AsType(Int64)
	if ix.err != nil || ix.Size() == 0 {
		return ix, ix.err
	}
	lo, err := Item[int64](ix.Min())
	if err != nil {
		return nil, err
	}
	hi, err := Item[int64](ix.Max())
	if err != nil {
		return nil, err
	}
	switch {
	case hi >= int64(n):
		return nil, fmt.Errorf("%s: index %d is out of bounds for axis %d with size %d", op, hi, axis, n)
	case lo < -int64(n):
		return nil, fmt.Errorf("%s: index %d is out of bounds for axis %d with size %d", op, lo, axis, n)
	case lo < 0:
		return Where(Less(ix, 0), Add(ix, n), ix), nil
	}
	return ix, nil
}

// advancedIndex is a.Index(idx...) for an expression with arrays; one
// boolean array of a's shape is a.Mask.
func (a *Array) advancedIndex(idx []Index) *Array {
	const op = "Index"
	if len(idx) == 1 {
		if m, ok := idx[0].(arrayIndex).x.(*Array); ok && m != nil && m.err == nil && m.dt == Bool && len(m.shape) > 0 && slices.Equal(m.shape, a.shape) {
			return a.Mask(m)
		}
	}
	p, err := a.planAdvanced(op, idx)
	if err != nil {
		return &Array{err: err}
	}
	return p.gather(p.view)
}

// gather is x[idx] for an x of the plan's view's shape: the indexed axes
// moved to the front and merged into one, taken at the flat positions,
// and the arrays' axes put where NumPy puts them.
func (p *advanced) gather(x *Array) *Array {
	nd := len(x.shape)
	perm := slices.Clone(p.axes)
	var rest []int
	for ax := range nd {
		if !slices.Contains(p.axes, ax) {
			perm = append(perm, ax)
			rest = append(rest, x.shape[ax])
		}
	}
	block := 1
	for _, ax := range p.axes {
		block *= x.shape[ax]
	}
	merged := x.Transpose(perm...).Reshape(append([]int{block}, rest...)...)
	return p.place(Take(merged, p.flat, 0))
}

// place moves the arrays' axes of a gather's result, which come first
// (the flat positions' axes, then the other axes of the view in order),
// to where NumPy puts them.
func (p *advanced) place(out *Array) *Array {
	if out.err != nil || p.front || p.axes[0] == 0 {
		return out
	}
	nb, at := p.flat.NDim(), p.axes[0]
	order := make([]int, 0, len(out.shape))
	for k := range at {
		order = append(order, nb+k)
	}
	for k := range nb {
		order = append(order, k)
	}
	for k := nb + at; k < len(out.shape); k++ {
		order = append(order, k)
	}
	return out.Transpose(order...)
}

// positions is what p.gather of the view's flat positions (C order)
// gives, computed from the index arrays rather than gathered from an
// arange of the view's size: Σ index·stride over the indexed axes (each
// index recovered from the flat positions), plus Σ arange·stride over
// the others, broadcast against it.
func (p *advanced) positions() *Array {
	shape := p.view.shape
	strides := layout.ContiguousStrides(shape)
	var pos *Array
	after := 1
	for k := len(p.axes) - 1; k >= 0; k-- {
		n := shape[p.axes[k]]
		i := p.flat
		if after > 1 {
			i = FloorDiv(i, after)
		}
		if k > 0 {
			i = Mod(i, n)
		}
		if term := Mul(i, strides[p.axes[k]]); pos == nil {
			pos = term
		} else {
			pos = Add(pos, term)
		}
		after *= n
	}
	var rest []int
	for ax := range shape {
		if !slices.Contains(p.axes, ax) {
			rest = append(rest, ax)
		}
	}
	nb := p.flat.NDim()
	dims := slices.Repeat([]int{1}, nb+len(rest))
	copy(dims, p.flat.shape)
	pos = pos.Reshape(dims...)
	for j, ax := range rest {
		dims := slices.Repeat([]int{1}, nb+len(rest))
		dims[nb+j] = shape[ax]
		pos = Add(pos, On(p.view.st.b).Arange(0, float64(shape[ax]), 1, Int64).Mul(strides[ax]).Reshape(dims...))
	}
	return p.place(pos)
}

// SetIndex writes values into the elements of a that a.Index(idx...)
// selects, as NumPy's a[idx] = values: through a view for a basic
// expression (Set), and at the selected positions for one with arrays
// (Idx), values broadcast to the shape a.Index(idx...) would have. Where
// integer arrays select an element twice, which value lands is
// unspecified on a GPU (NumPy keeps the last).
func (a *Array) SetIndex(values any, idx ...Index) error {
	const op = "SetIndex"
	if err := a.checkWrite(op); err != nil {
		return err
	}
	if !hasArrayIndex(idx) {
		v := a.Index(idx...)
		if v.err != nil {
			return fmt.Errorf("%s: %w", op, v.err)
		}
		return v.Set(values)
	}
	p, err := a.planAdvanced(op, idx)
	if err != nil {
		return err
	}
	at := p.positions()
	if at.err != nil {
		return at.err
	}
	if v, ok := values.(*Array); ok {
		if err := v.checkOp(op); err != nil {
			return err
		}
		if err := sameBackend(op, a.st.b, v.st.b); err != nil {
			return err
		}
		values = v.BroadcastTo(at.shape...)
		if err := values.(*Array).Err(); err != nil {
			return fmt.Errorf("%s: shape mismatch: value array of shape %s could not be broadcast to indexing result of shape %s", op, formatShape(v.Shape()), formatShape(at.shape))
		}
	}
	return Put(p.view, at, values)
}
