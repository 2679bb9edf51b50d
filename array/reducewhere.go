package array

import (
	"slices"

	"github.com/cugo/cugo/dtype"
	"github.com/cugo/cugo/internal/ir"
)

// NumPy's initial= and where= of reductions, built from the plain
// reductions: the elements left out are replaced by the identity (or by
// initial) before folding, and initial is combined with the result.

// WithInitial starts the reduction from v, as NumPy's initial=: Sum, Prod
// and NanSum fold v in with the elements (cast to the result's dtype),
// Max, Min, NanMax and NanMin compare it with them (cast to the input's
// dtype), so that a reduction of no elements gives v instead of an error.
// Other reductions report an error.
func WithInitial(v any) ReduceOption {
	return func(c *reduceConfig) { c.init, c.hasInit = v, true }
}

// WithWhere folds only the elements where mask, a bool array that
// broadcasts to the input's shape, is true, as NumPy's where=. Sum, Prod,
// NanSum, AllTrue, AnyTrue, Mean, Var, Std, NanMean, NanVar and NanStd
// take it; Max, Min, NanMax and NanMin take it with WithInitial, which
// stands in for the elements left out. A mean of no elements is NaN.
// Other reductions report an error.
func WithWhere(mask *Array) ReduceOption {
	return func(c *reduceConfig) { c.where = mask }
}

// masked reports whether c asks for initial= or where=.
func (c *reduceConfig) masked() bool { return c.where != nil || c.hasInit }

// options returns the options that give c, without initial=, where= and
// out=.
func (c reduceConfig) options() []ReduceOption {
	c.where, c.init, c.hasInit, c.out = nil, nil, false, nil
	return []ReduceOption{func(x *reduceConfig) { *x = c }}
}

// checkWhere checks that mask is a bool array that broadcasts to a's
// shape (NumPy casts where= to bool safely: only bools pass).
func checkWhere(op string, a, mask *Array) error {
	if err := mask.checkOp(op); err != nil {
		return err
	}
	if mask.dt != Bool {
		return errorf(op, "where: Cannot cast array data from dtype('%v') to dtype('bool') according to the rule 'safe'", mask.dt).err
	}
	if err := sameBackend(op, a.st.b, mask.st.b); err != nil {
		return err
	}
	if s, err := Broadcast(mask.shape, a.shape); err != nil || !slices.Equal(s, a.shape) {
		return errorf(op, "where: mask of shape %s does not broadcast to the input's shape %s", formatShape(mask.shape), formatShape(a.shape)).err
	}
	return nil
}

// callMasked runs op with c's initial= and where=.
func (op *reduceOp) callMasked(a *Array, c reduceConfig) *Array {
	arg := op.combine == ir.ArgMaxOf || op.combine == ir.ArgMinOf
	takesInitial := op.kind == sumLike || op.kind == nanSumLike || op.kind == extreme && !arg
	switch {
	case c.hasInit && !takesInitial:
		return errorf(op.name, "takes no initial")
	case c.where != nil && !takesInitial && op.kind != logical:
		return errorf(op.name, "takes no where")
	case c.where != nil && op.kind == extreme && !c.hasInit:
		return errorf(op.name, "reduction operation '%s' does not have an identity, so to use a where mask one has to specify 'initial'", op.numpy)
	}
	d := On(a.st.b)
	if c.where != nil {
		if err := checkWhere(op.name, a, c.where); err != nil {
			return &Array{err: err}
		}
		fill := c.init
		switch op.combine {
		case ir.SumOf:
			fill = 0
		case ir.ProdOf:
			fill = 1
		case ir.AllOf:
			fill = true
		case ir.AnyOf:
			fill = false
		}
		f := d.full(op.name, a.dt, fill, []int{})
		if f.err != nil {
			return f
		}
		defer f.Free()
		a = Where(c.where, a, f)
		if a.err != nil {
			return failed(op.name, a.err)
		}
		defer a.Free()
	}
	r := op.withInitial(d, a, c)
	if r.err != nil || c.out == nil {
		return r
	}
	if _, err := op.destination(a, c.out, r.dt, r.shape); err != nil {
		r.Free()
		return &Array{err: err}
	}
	return castInto(op.name, c.out, r)
}

// withInitial reduces a as c asks, then combines the result with c's
// initial, if any.
func (op *reduceOp) withInitial(d *Device, a *Array, c reduceConfig) *Array {
	if !c.hasInit {
		return op.call(a, c.options())
	}
	if op.kind == extreme {
		folded, err := op.foldedAxes(a, &reduceConfig{axes: c.axes})
		if err != nil {
			return failed(op.name, err)
		}
		if foldedCount(a, folded) == 0 { // nothing to compare: initial itself
			return d.full(op.name, a.dt, c.init, resultShape(a.shape, folded, c.keep))
		}
	}
	r := op.call(a, c.options())
	if r.err != nil {
		return r
	}
	init := d.full(op.name, r.dt, c.init, []int{})
	if init.err != nil {
		r.Free()
		return init
	}
	defer init.Free()
	combine := map[ir.Combine]func(x, y any, out ...*Array) *Array{
		ir.SumOf: Add, ir.ProdOf: Mul, ir.MaxOf: Maximum, ir.MinOf: Minimum, ir.FMaxOf: FMax, ir.FMinOf: FMin,
	}[op.combine]
	if res := combine(r, init, r); res.err != nil {
		r.Free()
		return failed(op.name, res.err)
	}
	return r
}

// meanWhere is Mean, Var or Std (ddof >= 0 for the last two, root for Std)
// of the elements where c's mask is true: NumPy's sum of those over their
// count, the deviations taken from that mean.
func meanWhere(name string, a *Array, c reduceConfig, variance, root bool) *Array {
	if c.hasInit {
		return errorf(name, "takes no initial")
	}
	if err := checkWhere(name, a, c.where); err != nil {
		return &Array{err: err}
	}
	plain := c.options()
	keep := append(slices.Clone(plain), KeepDims())
	where := WithWhere(c.where)
	mask := c.where.BroadcastTo(a.shape...)
	acc, res := meanDTypes(a.dt, c.dt)
	if !variance {
		return divideWhere(name, Sum(a, append(plain, where, WithDType(acc))...), Sum(mask, append(plain, WithDType(Float64))...), 0, res, c.out, false)
	}
	mean := divideWhere(name, Sum(a, append(keep, where, WithDType(acc))...), Sum(mask, append(keep, WithDType(Float64))...), 0, res, nil, false)
	if mean.err != nil {
		return mean
	}
	defer mean.Free()
	dev := Sub(a, mean)
	defer dev.Free()
	sq := Square(dev)
	if dev.dt.Kind() == dtype.ComplexKind {
		sq.Free()
		sq = Mul(dev, Conj(dev)).Real()
	}
	defer sq.Free()
	return divideWhere(name, Sum(sq, append(plain, where)...), Sum(mask, append(plain, WithDType(Float64))...), c.ddof, sq.dt, c.out, root)
}

// nanMeanWhere is NanMean with where=: Mean over the elements the mask
// keeps that are not NaN.
func nanMeanWhere(name string, a *Array, c reduceConfig) *Array {
	if c.where != nil && a.dt.Kind() >= dtype.FloatKind {
		left, err := leftOut(name, a, c.where)
		if err != nil {
			return &Array{err: err}
		}
		defer left.Free()
		c.where = LogicalNot(left)
		defer c.where.Free()
	}
	return meanWhere(name, a, c, false, false)
}

// divideWhere returns sum / max(count - ddof, 0) in dtype res, into out if
// given, its square root if root, and frees sum and count.
func divideWhere(name string, sum, count *Array, ddof int, res DType, out *Array, root bool) *Array {
	defer sum.Free()
	defer count.Free()
	switch {
	case sum.err != nil:
		return failed(name, sum.err)
	case count.err != nil:
		return failed(name, count.err)
	}
	if ddof != 0 {
		if r := Maximum(Sub(count, ddof, count), 0, count); r.err != nil {
			return failed(name, r.err)
		}
	}
	v := divideInto(name, sum, count, res, out)
	if root && v.err == nil {
		if r := Sqrt(v, v); r.err != nil {
			return failed(name, r.err)
		}
	}
	return v
}
