package array

import (
	"slices"
	"sync"

	"github.com/cugo/cugo/backend"
	"github.com/cugo/cugo/internal/ir"
)

// FusedReduction is a fused expression folded by a reduction, as an
// expression of cupy.fuse that ends in a sum: the expression is the
// reduction's map and the whole runs as one map-reduce kernel (any axes,
// the layouts and speed of the built-in reductions) when its array
// operands share one layout (one shape, no broadcasting, equal strides:
// (a*2 + b).Sum() of C-contiguous a and b, or of one array). Operands of
// different layouts run the expression first into a temporary, as one
// fused kernel, then the reduction. Mean is the sum divided by the
// count, as Mean is. It is safe for concurrent use.
//
// Its results are the unfused chain's bit for bit on the CPU, for
// integers, max and min, and on a GPU for C-contiguous operands from a
// 16-byte aligned start. A GPU's float sum adds in an order that follows
// the layout it reads (16-byte vector loads of aligned contiguous runs),
// and the unfused chain reads a C-contiguous temporary where the fused
// kernel reads the operands: for strided or offset views the float sums
// add the same rounded terms in another order and may differ in the last
// bits, within the error bound of a float sum, as a.Sum() and
// a.Copy().Sum() of such a view may (as in any GPU library).
//
//	x, y := array.Arg(0), array.Arg(1)
//	ss := array.Fuse(x.Sub(1).Square()).Sum(array.Axis(1)) // one kernel
//	rows := ss.Call(a)
type FusedReduction struct {
	f    *Fused
	op   *reduceOp
	mean bool
	opts []ReduceOption
	// maps holds the reductions built per (loop, dtypes), so that a
	// repeated call finds the same *ir.Reduction (the backends' cache key).
	maps sync.Map // fusedReductionKey -> *ir.Reduction
}

type fusedReductionKey struct {
	l        *fusedLoop
	acc, res DType
}

// Sum folds the expression's result with Sum over the axes opts select
// (Axis, KeepDims, WithDType, Out).
func (f *Fused) Sum(opts ...ReduceOption) *FusedReduction { return f.reduce(opSum, false, opts) }

// Prod folds the expression's result with Prod.
func (f *Fused) Prod(opts ...ReduceOption) *FusedReduction { return f.reduce(opProd, false, opts) }

// Max folds the expression's result with Max.
func (f *Fused) Max(opts ...ReduceOption) *FusedReduction { return f.reduce(opMax, false, opts) }

// Min folds the expression's result with Min.
func (f *Fused) Min(opts ...ReduceOption) *FusedReduction { return f.reduce(opMin, false, opts) }

// Mean is the expression's mean over the axes: its Sum, divided.
func (f *Fused) Mean(opts ...ReduceOption) *FusedReduction { return f.reduce(opSum, true, opts) }

func (f *Fused) reduce(op *reduceOp, mean bool, opts []ReduceOption) *FusedReduction {
	return &FusedReduction{f: f, op: op, mean: mean, opts: opts}
}

// Call evaluates the expression on its operands and folds the result.
func (fr *FusedReduction) Call(args ...any) *Array {
	if fr == nil || fr.op == nil {
		return errorf(fusedName, "a nil or zero FusedReduction (make one with a Fused's Sum, Max...)")
	}
	name := fr.op.name
	if fr.mean {
		name = "Mean"
	}
	l, ins, vals, shape, bad := fr.f.prepare(nil, args, nil, nil)
	if bad != nil {
		return bad
	}
	c := config(fr.opts)
	if len(shape) == 0 && len(c.axes) == 1 && (c.axes[0] == 0 || c.axes[0] == -1) && !fr.mean {
		c.axes = []int{}
	}
	var acc, res DType
	var err error
	if fr.mean {
		acc, res = meanDTypes(l.res, c.dt)
	} else if acc, res, err = fr.op.dtypes(l.res, &c); err != nil {
		return &Array{err: err}
	}
	x := ins[0]
	if !oneLayout(ins, shape) {
		// operands of several layouts: the map first, into a temporary
		if x, err = empty(ins[0].st.b, l.res, shape); err != nil {
			return failed(name, err)
		}
		defer x.Free()
		if err := elementwise(l.kernel, shape, x, ins, vals); err != nil {
			return failed(name, err)
		}
		vals = nil
	}
	folded, err := fr.op.foldedAxes(x, &c)
	if err != nil {
		return failed(name, err)
	}
	out, sumRes := c.out, res
	if fr.mean {
		out, sumRes = nil, acc // the sum, then the division into c.out
	}
	dst, err := fr.op.destination(x, out, sumRes, resultShape(x.shape, folded, c.keep))
	if err != nil {
		return &Array{err: err}
	}
	r := fr.op.reduction(x.dt, acc, dst.dt)
	if x == ins[0] {
		r = fr.mapped(l, r, acc, dst.dt)
	}
	var more []*Array
	if x == ins[0] {
		more = ins[1:]
	}
	y := reduceInto(name, r, x, folded, c.keep, dst, out, vals, more...)
	if !fr.mean || y.err != nil {
		return y
	}
	defer y.Free()
	return divideInto(name, y, foldedCount(x, folded), res, c.out)
}

// oneLayout reports whether the map over ins can be the Pre of one
// reduction kernel: every input has the result's shape and the first's
// strides, and the backend reads several inputs (backend.ManyReducer).
func oneLayout(ins []*Array, shape []int) bool {
	if len(ins) > 1 {
		if _, ok := ins[0].st.b.(backend.ManyReducer); !ok {
			return false
		}
	}
	for _, a := range ins {
		if !slices.Equal(a.shape, shape) || !slices.Equal(a.strides, ins[0].strides) {
			return false
		}
	}
	return true
}

// mapped is r with the fused expression as its map: r's Pre applied to
// the expression of the loop's inputs (and its scalars).
func (fr *FusedReduction) mapped(l *fusedLoop, r *ir.Reduction, acc, res DType) *ir.Reduction {
	key := fusedReductionKey{l, acc, res}
	if m, ok := fr.maps.Load(key); ok {
		return m.(*ir.Reduction)
	}
	k := l.kernel
	m := &ir.Reduction{Input: k.Inputs[0], More: k.Inputs[1:], Scalars: k.Scalars, Combine: r.Combine, Acc: r.Acc, Out: r.Out,
		Pre: substitute(r.Pre, []*ir.Node{k.Outputs[0]}, nil)}
	actual, _ := fr.maps.LoadOrStore(key, m)
	return actual.(*ir.Reduction)
}
