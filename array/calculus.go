package array

import (
	"fmt"
	"math"
	"slices"

	"github.com/cugo/cugo/dtype"
)

// Finite differences, integrals and phase unwrapping, as NumPy's
// trapezoid, gradient, unwrap and ediff1d: compositions of views, Diff
// and elementwise kernels, so they run on the array's device.

// Trapezoid integrates y along axis by the trapezoidal rule at the sample
// points x, as np.trapezoid(y, x, axis=axis) (np.trapz before NumPy 2):
// x is 1-d along axis, or has y's shape; nil x means unit spacing (see
// TrapezoidDx). The result has y's shape without axis; its dtype is that
// of (x's differences times y) / 2.0: float64 for integers and bool.
func Trapezoid(y, x *Array, axis int) *Array {
	if x == nil {
		return trapezoid("Trapezoid", y, 1.0, axis)
	}
	const op = "Trapezoid"
	if err := checkAll(op, "", []*Array{y, x}); err != nil {
		return &Array{err: err}
	}
	ax, err := trapezoidAxis(y, axis)
	if err != nil {
		return failed(op, err)
	}
	var d *Array
	if x.NDim() == 1 {
		d = Diff(x, 1, 0).Reshape(lengthAlong(y.NDim(), ax, x.shape[0]-min(1, x.shape[0]))...)
	} else {
		d = Diff(x, 1, axis)
	}
	if d.err != nil {
		return failed(op, d.err)
	}
	return trapezoid(op, y, d, axis)
}

// trapezoidAxis is the normalized axis of y that Trapezoid integrates.
func trapezoidAxis(y *Array, axis int) (int, error) {
	if y.NDim() == 0 {
		return 0, fmt.Errorf("y must have at least one axis")
	}
	return NormalizeAxis(axis, y.NDim())
}

// lengthAlong is the shape of nd axes of length 1 but axis ax, of n: an
// array along ax that broadcasts against the others.
func lengthAlong(nd, ax, n int) []int {
	shape := make([]int, nd)
	for i := range shape {
		shape[i] = 1
	}
	shape[ax] = n
	return shape
}

// TrapezoidDx is Trapezoid with samples dx apart (np.trapezoid(y,
// dx=dx, axis=axis)); dx is a Go number, weak as a Python float is.
func TrapezoidDx(y *Array, dx float64, axis int) *Array {
	return trapezoid("TrapezoidDx", y, dx, axis)
}

// trapezoid sums d·(y[1:] + y[:-1])/2 along axis, d a Go number or an
// array that broadcasts against the differences.
func trapezoid(op string, y *Array, d any, axis int) *Array {
	if err := y.checkOp(op); err != nil {
		return &Array{err: err}
	}
	ax, err := trapezoidAxis(y, axis)
	if err != nil {
		return failed(op, err)
	}
	n := y.shape[ax]
	upper, lower := y.sliceAxis(ax, min(1, n), n), y.sliceAxis(ax, 0, max(n-1, 0))
	return failedAs(op, Sum(Div(Mul(d, Add(upper, lower)), 2.0), Axis(ax)))
}

// GradientOption is an optional argument of Gradient, as np.gradient's
// spacing arguments and keywords.
type GradientOption func(*gradientConfig)

type gradientConfig struct {
	spacing   []any
	axes      []int
	axesSet   bool
	edgeOrder int
}

// GradientSpacing gives the sample spacing (np.gradient's *varargs): one
// value for every axis, or one per axis differentiated, each a Go number
// (the distance between samples) or an array: 0-d (a distance) or 1-d
// (the coordinates along that axis, as long as it).
func GradientSpacing(h ...any) GradientOption {
	return func(c *gradientConfig) { c.spacing = h }
}

// GradientAxes differentiates along the given axes only (axis=); without
// it, along every axis.
func GradientAxes(axes ...int) GradientOption {
	return func(c *gradientConfig) { c.axes, c.axesSet = slices.Clone(axes), true }
}

// GradientEdgeOrder is the accuracy of the one-sided differences at the
// ends, 1 (the default) or 2 (edge_order=).
func GradientEdgeOrder(n int) GradientOption { return func(c *gradientConfig) { c.edgeOrder = n } }

// Gradient returns the derivative of f along each axis by second-order
// central differences inside and one-sided ones at the ends, as
// np.gradient(f, *spacing, axis=axes, edge_order=n): one array per axis
// differentiated, each of f's shape (NumPy returns the one array itself
// where there is one axis). The results are f's dtype for floats and
// complex numbers, float64 for integers; bool is refused, as NumPy's
// subtraction refuses it. An axis needs at least edge order + 1 elements.
// On failure the slice holds one array, which carries the error.
func Gradient(f *Array, opts ...GradientOption) []*Array {
	const op = "Gradient"
	fail := func(err error) []*Array { return []*Array{failed(op, err)} }
	if err := f.checkOp(op); err != nil {
		return []*Array{{err: err}}
	}
	c := gradientConfig{edgeOrder: 1}
	for _, o := range opts {
		o(&c)
	}
	if c.edgeOrder != 1 && c.edgeOrder != 2 {
		return fail(fmt.Errorf("edge_order must be 1 or 2, not %d", c.edgeOrder))
	}
	nd := f.NDim()
	axes := c.axes
	if !c.axesSet {
		axes = make([]int, nd)
		for i := range axes {
			axes[i] = i
		}
	}
	axes, err := distinctAxes(axes, nd)
	if err != nil {
		return fail(err)
	}
	switch f.dt.Kind() {
	case dtype.BoolKind:
		return fail(fmt.Errorf("the gradient of a bool array is not supported (NumPy's subtract refuses bool)"))
	case dtype.IntKind, dtype.UintKind:
		f = f.AsType(Float64)
	}
	spacing := c.spacing
	switch {
	case len(spacing) == 0:
		spacing = slices.Repeat([]any{1.0}, len(axes))
	case len(spacing) == 1 && isDistance(spacing[0]):
		spacing = slices.Repeat(spacing, len(axes))
	case len(spacing) != len(axes):
		return fail(fmt.Errorf("invalid number of arguments: %d spacings for %d axes", len(spacing), len(axes)))
	}
	out := make([]*Array, len(axes))
	for i, ax := range axes {
		if f.shape[ax] < c.edgeOrder+1 {
			return fail(fmt.Errorf("shape of array too small to calculate a numerical gradient, at least (edge_order + 1) elements are required (axis %d has %d)", ax, f.shape[ax]))
		}
		dx, err := gradientDistances(op, spacing[i], f.shape[ax])
		if err != nil {
			return fail(err)
		}
		out[i] = gradientAlong(f, ax, dx, c.edgeOrder)
		if out[i].err != nil {
			return fail(out[i].err)
		}
	}
	return out
}

// isDistance reports whether a spacing is one distance (a Go number or a
// 0-d array) rather than coordinates.
func isDistance(h any) bool {
	if a, ok := h.(*Array); ok {
		return a.NDim() == 0
	}
	return true
}

// gradientDistances returns the distances of one spacing argument along
// an axis of n elements: a float64 or a 0-d array where they are all
// equal, else the n-1 differences of the coordinates (integers as
// float64), as NumPy reduces them.
func gradientDistances(op string, h any, n int) (any, error) {
	a, ok := h.(*Array)
	if !ok {
		s, ok := scalarOf(h)
		if !ok || s.kind == dtype.ComplexScalar || s.kind == dtype.BoolScalar {
			return nil, fmt.Errorf("a spacing must be a real Go number or an array, not %T", h)
		}
		return real(s.c), nil
	}
	if err := a.checkOp(op); err != nil {
		return nil, err
	}
	switch {
	case a.NDim() == 0:
		return a, nil
	case a.NDim() != 1:
		return nil, fmt.Errorf("distances must be either scalars or 1d")
	case a.shape[0] != n:
		return nil, fmt.Errorf("when 1d, distances must match the length of the corresponding dimension (%d, not %d)", n, a.shape[0])
	case a.dt == Bool:
		return nil, fmt.Errorf("coordinates must be numbers, not bool")
	case isInt(a.dt):
		a = a.AsType(Float64)
	}
	d := Diff(a, 1, 0)
	uniform, err := Item[bool](AllTrue(Equal(d, d.Index(I(0)))))
	if err != nil {
		return nil, err
	}
	if uniform {
		return d.Index(I(0)), nil
	}
	return d, nil
}

// gradientAlong differentiates f along ax with distances dx (a float64,
// a 0-d array or n-1 differences), in NumPy's formulas and order of
// operations.
func gradientAlong(f *Array, ax int, dx any, edgeOrder int) *Array {
	otype := f.dt
	n := f.shape[ax]
	at := func(i int) *Array { // f at position i along ax, the axis kept
		if i < 0 {
			i += n
		}
		return f.sliceAxis(ax, i, i+1)
	}
	span := func(i, j int) *Array { return f.sliceAxis(ax, i, n+j) } // f[i : n+j]
	// combine is a·f[i] + b·f[j] + c·f[k], term by term as NumPy writes it.
	combine := func(a, b, c any, fi, fj, fk *Array) *Array {
		return Add(Add(Mul(a, fi), Mul(b, fj)), Mul(c, fk))
	}
	d, uniform := dx.(*Array)
	if uniform {
		uniform = d.NDim() == 0
	} else {
		uniform = true
	}
	// Array distances reshaped to broadcast along ax.
	along := func(a *Array) *Array { return a.Reshape(lengthAlong(f.NDim(), ax, -1)...) }
	// over is k/dx: in Go for a Go number (a weak scalar, as NumPy's
	// Python floats), else a 0-d array.
	over := func(k float64) any {
		if h, ok := dx.(float64); ok {
			return k / h
		}
		return Div(k, dx)
	}
	var interior, first, last *Array
	if uniform {
		var twice any
		if h, ok := dx.(float64); ok {
			twice = 2 * h
		} else {
			twice = Mul(2.0, dx)
		}
		interior = Div(Sub(span(2, 0), span(0, -2)), twice)
	} else {
		dx1, dx2 := d.Index(S(0, -1)), d.Index(From(1))
		a := Div(Neg(dx2), Mul(dx1, Add(dx1, dx2)))
		b := Div(Sub(dx2, dx1), Mul(dx1, dx2))
		c := Div(dx1, Mul(dx2, Add(dx1, dx2)))
		interior = combine(along(a), along(b), along(c), span(0, -2), span(1, -1), span(2, 0))
	}
	switch {
	case edgeOrder == 1:
		first0, lastN := dx, dx
		if !uniform {
			first0, lastN = d.Index(I(0)), d.Index(I(-1))
		}
		first = Div(Sub(at(1), at(0)), first0)
		last = Div(Sub(at(-1), at(-2)), lastN)
	case uniform:
		first = combine(over(-1.5), over(2), over(-0.5), at(0), at(1), at(2))
		last = combine(over(0.5), over(-2), over(1.5), at(-3), at(-2), at(-1))
	default:
		dx1, dx2 := d.Index(I(0)), d.Index(I(1))
		a := Div(Neg(Add(Mul(2.0, dx1), dx2)), Mul(dx1, Add(dx1, dx2)))
		b := Div(Add(dx1, dx2), Mul(dx1, dx2))
		c := Div(Neg(dx1), Mul(dx2, Add(dx1, dx2)))
		first = combine(a, b, c, at(0), at(1), at(2))
		dx1, dx2 = d.Index(I(-2)), d.Index(I(-1))
		a = Div(dx2, Mul(dx1, Add(dx1, dx2)))
		b = Div(Neg(Add(dx2, dx1)), Mul(dx1, dx2))
		c = Div(Add(Mul(2.0, dx2), dx1), Mul(dx2, Add(dx1, dx2)))
		last = combine(a, b, c, at(-3), at(-2), at(-1))
	}
	parts := []*Array{first.AsType(otype), interior.AsType(otype), last.AsType(otype)}
	return Concatenate(parts, ax)
}

// UnwrapOption is an optional argument of Unwrap, as np.unwrap's keyword
// arguments.
type UnwrapOption func(*unwrapConfig)

type unwrapConfig struct {
	discont  float64
	hasDisc  bool
	axis     int
	period   any
	periodOK bool
}

// UnwrapDiscont is the smallest jump that is unwrapped (discont=; default
// and minimum period/2: a smaller value acts as period/2).
func UnwrapDiscont(d float64) UnwrapOption {
	return func(c *unwrapConfig) { c.discont, c.hasDisc = d, true }
}

// UnwrapAxis unwraps along axis (axis=; default -1).
func UnwrapAxis(axis int) UnwrapOption { return func(c *unwrapConfig) { c.axis = axis } }

// UnwrapPeriod is the period of the values (period=; default 2π), a Go
// number: an integer period keeps integer data integer, as a Python int
// does.
func UnwrapPeriod(p any) UnwrapOption {
	return func(c *unwrapConfig) { c.period, c.periodOK = p, true }
}

// Unwrap removes the jumps of p along an axis larger than discont by
// adding multiples of the period, as np.unwrap(p, discont, axis,
// period=period): jumps of more than period/2 become their remainder
// modulo the period. The result has the dtype of p's differences with
// the period (float64 for integers with a float period).
func Unwrap(p *Array, opts ...UnwrapOption) *Array {
	const op = "Unwrap"
	if err := p.checkOp(op); err != nil {
		return &Array{err: err}
	}
	c := unwrapConfig{axis: -1, period: 2 * math.Pi}
	for _, o := range opts {
		o(&c)
	}
	period, ok := scalarOf(c.period)
	if !ok || period.kind == dtype.ComplexScalar || period.kind == dtype.BoolScalar {
		return errorf(op, "the period must be a real Go number, not %T", c.period)
	}
	dd := Diff(p, 1, c.axis)
	if dd.err != nil {
		return failed(op, dd.err)
	}
	ax, _ := NormalizeAxis(c.axis, p.NDim()) // Diff checked it
	dt := dtype.PromoteScalar(dd.dt, period.kind)
	discont := c.discont
	if !c.hasDisc {
		discont = real(period.c) / 2
	}
	var high, low any
	ambiguous := true
	if isInt(dt) {
		if !period.fits(Int64) {
			return errorf(op, "the period %v does not fit in int64", c.period)
		}
		h, rem := floorDivmod(period.i, 2)
		high, low, ambiguous = h, -h, rem == 0
	} else {
		high, low = real(period.c)/2, -real(period.c)/2
	}
	ddmod := Add(Mod(Sub(dd, low), c.period), low)
	if ambiguous { // a jump of exactly +period/2 stays +period/2
		ddmod = Where(LogicalAnd(Equal(ddmod, low), Greater(dd, 0)), high, ddmod)
	}
	correction := Where(Less(Abs(dd), discont), 0, Sub(ddmod, dd))
	n := p.shape[ax]
	head, tail := p.sliceAxis(ax, 0, min(1, n)), p.sliceAxis(ax, min(1, n), n)
	up := Concatenate([]*Array{head.AsType(dt), Add(tail, CumSum(correction, Axis(ax))).AsType(dt)}, ax)
	return failedAs(op, up)
}

// floorDivmod is Python's divmod of integers: the quotient rounded down
// and a remainder with the divisor's sign.
func floorDivmod(a, b int64) (q, r int64) {
	q, r = a/b, a%b
	if r != 0 && (r < 0) != (b < 0) {
		q, r = q-1, r+b
	}
	return q, r
}

// Ediff1d returns the differences of consecutive elements of a,
// flattened, with toBegin before them and toEnd after them, as
// np.ediff1d(a, to_end, to_begin): each nil, a Go number or an array
// (flattened), of a dtype that casts to a's under same_kind casting (a Go
// int counts as int64, a float as float64). The result has a's dtype;
// bool is refused, as NumPy's subtraction refuses it.
func Ediff1d(a *Array, toEnd, toBegin any) *Array {
	const op = "Ediff1d"
	if err := a.checkOp(op); err != nil {
		return &Array{err: err}
	}
	if a.dt == Bool {
		return errorf(op, "the differences of a bool array are not supported (NumPy's subtract refuses bool)")
	}
	flat := a.Ravel()
	n := flat.Size()
	diff := Sub(flat.sliceAxis(0, min(1, n), n), flat.sliceAxis(0, 0, max(n-1, 0)))
	parts := []*Array{diff}
	for i, extra := range []any{toBegin, toEnd} {
		if extra == nil {
			continue
		}
		name := [2]string{"to_begin", "to_end"}[i]
		e, ok := extra.(*Array)
		if !ok {
			s, ok := scalarOf(extra)
			if !ok {
				return errorf(op, "%s must be a Go number or an array, not %T", name, extra)
			}
			e = On(a.st.b).Full(s.defaultDType(), extra)
		}
		if err := e.checkOp(op); err != nil {
			return &Array{err: err}
		}
		if !dtype.CanCast(e.dt, a.dt, dtype.CastSameKind) {
			return errorf(op, "dtype of %s (%v) must be compatible with input ary (%v) under the same_kind rule", name, e.dt, a.dt)
		}
		e = e.Ravel().AsType(a.dt)
		if i == 0 {
			parts = append([]*Array{e}, parts...)
		} else {
			parts = append(parts, e)
		}
	}
	return failedAs(op, Concatenate(parts, 0))
}
