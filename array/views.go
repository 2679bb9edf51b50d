package array

import (
	"slices"

	"github.com/cugo/cugo/internal/layout"
)

// Index returns the view that the basic indexing expression idx selects,
// as a[idx...] does in NumPy: integers (I), slices (S, From, To, All and
// their Step), NewAxis and Ellipsis. The view shares a's data; write
// through it with Set. With integer or boolean arrays among idx (Idx),
// it is NumPy's advanced indexing and returns a new array of the
// selected elements instead; SetIndex writes through either kind.
func (a *Array) Index(idx ...Index) *Array {
	if err := a.checkOp("Index"); err != nil {
		return &Array{err: err}
	}
	if hasArrayIndex(idx) {
		return a.advancedIndex(idx)
	}
	shape, strides, offset, err := applyIndex(a.shape, a.strides, a.offset, idx...)
	if err != nil {
		return failed("Index", err)
	}
	return a.view(shape, strides, offset)
}

// Transpose returns a with its axes permuted: axes[i] is the axis of a
// that becomes axis i; no axes reverses their order.
func (a *Array) Transpose(axes ...int) *Array {
	if err := a.checkOp("Transpose"); err != nil {
		return &Array{err: err}
	}
	n := len(a.shape)
	if len(axes) == 0 {
		for i := range n {
			axes = append(axes, n-1-i)
		}
	}
	if len(axes) != n {
		return errorf("Transpose", "axes don't match array")
	}
	shape, strides := make([]int, n), make([]int, n)
	seen := make([]bool, n)
	for i, ax := range axes {
		ax, err := NormalizeAxis(ax, n)
		if err != nil {
			return failed("Transpose", err)
		}
		if seen[ax] {
			return errorf("Transpose", "repeated axis in transpose")
		}
		seen[ax] = true
		shape[i], strides[i] = a.shape[ax], a.strides[ax]
	}
	return a.view(shape, strides, a.offset)
}

// T returns a with its axes reversed, as NumPy's a.T.
func (a *Array) T() *Array { return a.Transpose() }

// SwapAxes returns a with axes i and j exchanged.
func (a *Array) SwapAxes(i, j int) *Array {
	if err := a.checkOp("SwapAxes"); err != nil {
		return &Array{err: err}
	}
	n := len(a.shape)
	i, err := NormalizeAxis(i, n)
	if err == nil {
		j, err = NormalizeAxis(j, n)
	}
	if err != nil {
		return failed("SwapAxes", err)
	}
	shape, strides := slices.Clone(a.shape), slices.Clone(a.strides)
	shape[i], shape[j] = shape[j], shape[i]
	strides[i], strides[j] = strides[j], strides[i]
	return a.view(shape, strides, a.offset)
}

// Reshape returns a with a new shape of the same size, one axis of which
// may be -1 (inferred). Like NumPy, it returns a view when the data's
// layout allows and a C-ordered copy otherwise.
func (a *Array) Reshape(shape ...int) *Array {
	if err := a.checkOp("Reshape"); err != nil {
		return &Array{err: err}
	}
	shape, err := inferShape(a.Size(), shape)
	if err != nil {
		return failed("Reshape", err)
	}
	if strides, ok := reshapeStrides(a.shape, a.strides, shape); ok {
		return a.view(shape, strides, a.offset)
	}
	c := a.convert("Reshape", a.dt)
	if c.err != nil {
		return c
	}
	return c.view(shape, contiguousStrides(shape), 0)
}

// Ravel returns a as one axis: a view if the layout allows, else a copy.
func (a *Array) Ravel() *Array { return a.Reshape(-1) }

// Flatten returns a copy of a as one axis.
func (a *Array) Flatten() *Array { return a.Copy().Reshape(-1) }

// Squeeze removes the given axes, which must have size 1, or every axis
// of size 1 if none is given.
func (a *Array) Squeeze(axes ...int) *Array {
	if err := a.checkOp("Squeeze"); err != nil {
		return &Array{err: err}
	}
	drop := make([]bool, len(a.shape))
	for _, ax := range axes {
		ax, err := NormalizeAxis(ax, len(a.shape))
		if err != nil {
			return failed("Squeeze", err)
		}
		if a.shape[ax] != 1 {
			return errorf("Squeeze", "cannot select an axis to squeeze out which has size not equal to one")
		}
		if drop[ax] {
			return errorf("Squeeze", "repeated axis")
		}
		drop[ax] = true
	}
	shape, strides := []int{}, []int{}
	for i, d := range a.shape {
		if drop[i] || len(axes) == 0 && d == 1 {
			continue
		}
		shape, strides = append(shape, d), append(strides, a.strides[i])
	}
	return a.view(shape, strides, a.offset)
}

// ExpandDims inserts an axis of size 1 at each of the positions axes of
// the result (negative counts from the end of the result), as
// np.expand_dims.
func (a *Array) ExpandDims(axes ...int) *Array {
	const op = "ExpandDims"
	if err := a.checkOp(op); err != nil {
		return &Array{err: err}
	}
	nd := len(a.shape) + len(axes)
	at := make([]bool, nd)
	for _, axis := range axes {
		ax, err := NormalizeAxis(axis, nd)
		if err != nil {
			return failed(op, err)
		}
		if at[ax] {
			return errorf(op, "repeated axis")
		}
		at[ax] = true
	}
	shape, strides := make([]int, 0, nd), make([]int, 0, nd)
	j := 0
	for _, one := range at {
		if one {
			shape, strides = append(shape, 1), append(strides, 0)
			continue
		}
		shape, strides = append(shape, a.shape[j]), append(strides, a.strides[j])
		j++
	}
	return a.view(shape, strides, a.offset)
}

// BroadcastTo returns a view of a repeated to shape, as np.broadcast_to:
// repeated axes have stride 0, so the view is read-only, as NumPy's:
// Set, Put and out= into it are errors.
func (a *Array) BroadcastTo(shape ...int) *Array {
	if err := a.checkOp("BroadcastTo"); err != nil {
		return &Array{err: err}
	}
	for _, d := range shape {
		if d < 0 {
			return errorf("BroadcastTo", "all elements of broadcast shape must be non-negative")
		}
	}
	if _, err := layout.Bytes(shape, a.dt.Size()); err != nil {
		return failed("BroadcastTo", err)
	}
	strides, err := broadcastStrides(a.shape, a.strides, shape)
	if err != nil {
		return failed("BroadcastTo", err)
	}
	v := a.view(slices.Clone(shape), strides, a.offset)
	v.readOnly = true
	return v
}
