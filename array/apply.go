package array

import "slices"

// ApplyAlongAxis calls func1d on each 1-d slice of a along axis and
// gathers the results, as np.apply_along_axis: the results (0-d arrays or
// arrays of any shape, the first one's shape and dtype setting those of
// the result, later ones cast to it and broadcast to that shape) take
// the place of axis, so the result has shape
// a.shape[:axis] + r.shape + a.shape[axis+1:]. The slices are views of a.
// An error of a call is returned with the index of the slice.
func ApplyAlongAxis(func1d func(*Array) *Array, axis int, a *Array) *Array {
	const op = "ApplyAlongAxis"
	if err := a.checkOp(op); err != nil {
		return &Array{err: err}
	}
	if func1d == nil {
		return errorf(op, "func1d is nil")
	}
	nd := len(a.shape)
	axis, err := NormalizeAxis(axis, nd)
	if err != nil {
		return failed(op, err)
	}
	perm := make([]int, 0, nd)
	for i := range nd {
		if i != axis {
			perm = append(perm, i)
		}
	}
	inView := a.Transpose(append(perm, axis)...)
	if inView.err != nil {
		return inView
	}
	iterShape := inView.shape[:nd-1]
	if slices.Contains(iterShape, 0) {
		return errorf(op, "cannot apply along axis when any iteration dimension is 0 (shape %s)", formatShape(a.shape))
	}
	var out *Array
	idx := make([]int, nd-1)
	for {
		at := make([]Index, len(idx))
		for i, v := range idx {
			at[i] = I(v)
		}
		r := func1d(inView.Index(at...))
		if err := r.Err(); err != nil {
			return errorf(op, "func1d at index %s: %w", formatShape(idx), err)
		}
		if out == nil {
			out = On(r.st.b).Zeros(r.dt, append(slices.Clone(iterShape), r.shape...)...)
			if out.err != nil {
				return failed(op, out.err)
			}
		}
		if err := out.Index(at...).Set(r); err != nil {
			return errorf(op, "the result at index %s: %w", formatShape(idx), err)
		}
		if !nextIndex(idx, iterShape) {
			break
		}
	}
	// The result's axes go where axis was: out has iterShape's axes, then
	// those of a result.
	rnd := len(out.shape) - (nd - 1)
	outPerm := make([]int, 0, len(out.shape))
	for i := range axis {
		outPerm = append(outPerm, i)
	}
	for i := range rnd {
		outPerm = append(outPerm, nd-1+i)
	}
	for i := axis; i < nd-1; i++ {
		outPerm = append(outPerm, i)
	}
	return out.Transpose(outPerm...)
}

// nextIndex steps idx to the next index of shape in C order and reports
// whether there was one.
func nextIndex(idx, shape []int) bool {
	for i := len(idx) - 1; i >= 0; i-- {
		if idx[i]++; idx[i] < shape[i] {
			return true
		}
		idx[i] = 0
	}
	return false
}

// ApplyOverAxes applies fn(a, axis) for each axis of axes in turn, each
// call taking the previous result, as np.apply_over_axes: a result with
// one axis fewer gets that axis back (of length 1) at position axis; one
// with another number of axes is an error. Negative axes count from the
// end of a's axes.
func ApplyOverAxes(fn func(a *Array, axis int) *Array, a *Array, axes ...int) *Array {
	const op = "ApplyOverAxes"
	if err := a.checkOp(op); err != nil {
		return &Array{err: err}
	}
	if fn == nil {
		return errorf(op, "fn is nil")
	}
	nd := len(a.shape)
	val := a
	for _, axis := range axes {
		if axis < 0 {
			axis += nd
		}
		r := fn(val, axis)
		if err := r.Err(); err != nil {
			return errorf(op, "fn along axis %d: %w", axis, err)
		}
		if nr := len(r.shape); nr != len(val.shape) {
			if r = r.ExpandDims(axis); r.err != nil || len(r.shape) != len(val.shape) {
				return errorf(op, "fn along axis %d returned an array of %d axes where %d or %d were expected", axis, nr, len(val.shape), len(val.shape)-1)
			}
		}
		val = r
	}
	return val
}

// Fromfunction returns fn(indices...), where indices[k] holds each
// element's index along axis k as dt (float64 in NumPy's default), as
// np.fromfunction: fn is called once, with whole arrays of shape shape.
// An error of fn is returned as Fromfunction's.
func (d *Device) Fromfunction(fn func(indices ...*Array) *Array, shape []int, dt DType) *Array {
	const op = "Fromfunction"
	if fn == nil {
		return errorf(op, "fn is nil")
	}
	grid := d.Indices(dt, shape...)
	if grid.err != nil {
		return failed(op, grid.err)
	}
	indices := make([]*Array, len(shape))
	for k := range indices {
		indices[k] = grid.Index(I(k))
	}
	r := fn(indices...)
	if err := r.Err(); err != nil {
		return errorf(op, "fn: %w", err)
	}
	return r
}

// Fromfunction is DefaultDevice().Fromfunction(fn, shape, dt).
func Fromfunction(fn func(indices ...*Array) *Array, shape []int, dt DType) *Array {
	return DefaultDevice().Fromfunction(fn, shape, dt)
}

// Piecewise evaluates a piecewise-defined function of x, as np.piecewise:
// where condlist[k] (cast to bool, shaped as x) is true the result is
// funcs[k], a func(*Array) *Array or a one-operand ufunc such as Sin,
// called with the selected elements of x (a 1-d array) and returning one
// value or one per element, or a constant (a Go number or bool, or an
// *Array that broadcasts); later conditions win over earlier ones. One
// function more than conditions is used where no condition holds;
// elsewhere the result is 0. The result has x's dtype and shape.
func Piecewise(x *Array, condlist []*Array, funcs []any) *Array {
	const op = "Piecewise"
	if err := x.checkOp(op); err != nil {
		return &Array{err: err}
	}
	conds := make([]*Array, len(condlist))
	for k, c := range condlist {
		if err := c.checkOp(op); err != nil {
			return &Array{err: err}
		}
		if !slices.Equal(c.shape, x.shape) {
			return errorf(op, "condition %d has shape %s, x has shape %s", k, formatShape(c.shape), formatShape(x.shape))
		}
		conds[k] = c
		if c.dt != Bool {
			conds[k] = c.AsType(Bool)
		}
	}
	switch n := len(conds); len(funcs) {
	case n:
	case n + 1:
		none := On(x.st.b).Ones(Bool, x.shape...)
		for _, c := range conds {
			none = LogicalAnd(none, LogicalNot(c))
		}
		conds = append(conds, none)
	default:
		return errorf(op, "with %d condition(s), either %d or %d functions are expected, got %d", n, n, n+1, len(funcs))
	}
	y := ZerosLike(x)
	for k, f := range funcs {
		cond := conds[k]
		if cond.err != nil {
			return failed(op, cond.err)
		}
		var v any = f
		if ufunc, ok := f.(func(any, ...*Array) *Array); ok { // Sin, Neg...
			f = func(x *Array) *Array { return ufunc(x) }
		}
		if fn, ok := f.(func(*Array) *Array); ok {
			vals := x.Mask(cond)
			if vals.err != nil {
				return failed(op, vals.err)
			}
			if vals.Size() == 0 {
				continue
			}
			r := fn(vals)
			if err := r.Err(); err != nil {
				return errorf(op, "function %d: %w", k, err)
			}
			v = r
		} else if _, isArray := f.(*Array); !isArray && !IsScalar(f) {
			return errorf(op, "funcs[%d] is a %T, not a func(*Array) *Array, a ufunc, a Go number or an *Array", k, f)
		}
		if err := y.SetMask(cond, v); err != nil {
			return errorf(op, "piece %d: %w", k, err)
		}
	}
	return y
}
