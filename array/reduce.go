package array

import (
	"fmt"
	"slices"
	"sync"

	"github.com/cugo/cugo/backend"
	"github.com/cugo/cugo/dtype"
	"github.com/cugo/cugo/internal/ir"
	"github.com/cugo/cugo/internal/layout"
)

// Reductions fold axes of an array as NumPy's do. Each has a function
// form that takes options, Sum(a, Axis(0), KeepDims()), and a method form
// that takes only axes, a.Sum(0); without axes they fold every axis
// (NumPy's axis=None) and give a 0-d array.
//
// Result dtypes follow NumPy: sums and products of bool and integers
// narrower than 64 bits accumulate in int64 (unsigned in uint64); float16
// and bfloat16 accumulate in float32 and return their own type; Mean, Var
// and Std of integers are float64, of complex Var and Std are real. A
// reduction of zero elements is 0 for sums, 1 for products, NaN for
// means, and an error for Max, Min, ArgMax and ArgMin.

// ReduceOption changes what a reduction folds and where it writes.
type ReduceOption func(*reduceConfig)

type reduceConfig struct {
	axes    []int // nil: every axis
	keep    bool
	dt      DType
	out     *Array
	ddof    int
	initial bool   // CumulativeSum/CumulativeProd: lead with the identity
	where   *Array // WithWhere's mask
	init    any    // WithInitial's value, if hasInit
	hasInit bool
}

// Axis folds the given axes (negative counts from the end); Axis() with
// none folds nothing. Without Axis, reductions fold every axis.
func Axis(axes ...int) ReduceOption {
	return func(c *reduceConfig) { c.axes = append([]int{}, axes...) }
}

// KeepDims keeps the folded axes as axes of length 1, so that the result
// broadcasts against the input.
func KeepDims() ReduceOption { return func(c *reduceConfig) { c.keep = true } }

// WithDType makes the reduction accumulate in, and return, dt (NumPy's
// dtype= of sum, prod, mean, var, std, cumsum, cumprod; float16 still
// accumulates in float32).
func WithDType(dt DType) ReduceOption { return func(c *reduceConfig) { c.dt = dt } }

// Out writes the result into o, which must have the result's shape; the
// result is cast to o's dtype whatever it is, as NumPy's reductions cast
// into out (ArgMax and ArgMin take an o whose dtype holds every int64
// index it can be given safely, as NumPy's do); the reduction returns o.
func Out(o *Array) ReduceOption { return func(c *reduceConfig) { c.out = o } }

// IncludeInitial makes CumulativeSum and CumulativeProd start with the
// identity (0 or 1), so the result is one longer along the axis.
func IncludeInitial() ReduceOption { return func(c *reduceConfig) { c.initial = true } }

// DDof sets the delta degrees of freedom of Var and Std: the divisor is
// N - ddof.
func DDof(ddof int) ReduceOption { return func(c *reduceConfig) { c.ddof = ddof } }

// reduceOp is one of the reductions.
type reduceOp struct {
	name    string // Go name, which starts error messages
	numpy   string // NumPy's ufunc in the message about empty reductions
	combine ir.Combine
	kind    reduceKind
}

type reduceKind uint8

const (
	sumLike      reduceKind = iota // sum, prod: NumPy's accumulator dtypes
	extreme                        // max, min, nanmax, nanmin, argmax, argmin: the input's dtype
	logical                        // all, any
	countTrue                      // count_nonzero
	nanSumLike                     // nansum: NaN counts as 0
	countNumbers                   // the elements that are not NaN (nanmean's divisor)
)

var (
	opSum     = &reduceOp{"Sum", "add", ir.SumOf, sumLike}
	opProd    = &reduceOp{"Prod", "multiply", ir.ProdOf, sumLike}
	opMax     = &reduceOp{"Max", "maximum", ir.MaxOf, extreme}
	opMin     = &reduceOp{"Min", "minimum", ir.MinOf, extreme}
	opNanMax  = &reduceOp{"NanMax", "fmax", ir.FMaxOf, extreme}
	opNanMin  = &reduceOp{"NanMin", "fmin", ir.FMinOf, extreme}
	opArgMax  = &reduceOp{"ArgMax", "argmax", ir.ArgMaxOf, extreme}
	opArgMin  = &reduceOp{"ArgMin", "argmin", ir.ArgMinOf, extreme}
	opAll     = &reduceOp{"All", "logical_and", ir.AllOf, logical}
	opAny     = &reduceOp{"Any", "logical_or", ir.AnyOf, logical}
	opCount   = &reduceOp{"CountNonzero", "add", ir.SumOf, countTrue}
	opNanSum  = &reduceOp{"NanSum", "add", ir.SumOf, nanSumLike}
	opCumSum  = &reduceOp{"CumSum", "add", ir.SumOf, sumLike}
	opCumProd = &reduceOp{"CumProd", "multiply", ir.ProdOf, sumLike}
	opNumbers = &reduceOp{"NanMean", "add", ir.SumOf, countNumbers}
)

// Sum returns the sum of the elements over the axes.
func Sum(a *Array, opts ...ReduceOption) *Array { return opSum.call(a, opts) }

// Prod returns the product of the elements over the axes.
func Prod(a *Array, opts ...ReduceOption) *Array { return opProd.call(a, opts) }

// Max returns the largest element over the axes; NaN if any is NaN
// (NumPy's max, amax).
func Max(a *Array, opts ...ReduceOption) *Array { return opMax.call(a, opts) }

// Min returns the smallest element over the axes; NaN if any is NaN.
func Min(a *Array, opts ...ReduceOption) *Array { return opMin.call(a, opts) }

// NanMax returns the largest element over the axes, ignoring NaN (NaN
// where all are NaN).
func NanMax(a *Array, opts ...ReduceOption) *Array { return opNanMax.call(a, opts) }

// NanMin returns the smallest element over the axes, ignoring NaN.
func NanMin(a *Array, opts ...ReduceOption) *Array { return opNanMin.call(a, opts) }

// AllTrue (NumPy's all; All is the slice of everything) reports whether
// every element over the axes is nonzero.
func AllTrue(a *Array, opts ...ReduceOption) *Array { return opAll.call(a, opts) }

// AnyTrue (NumPy's any) reports whether some element over the axes is nonzero.
func AnyTrue(a *Array, opts ...ReduceOption) *Array { return opAny.call(a, opts) }

// CountNonzero returns the number of nonzero elements over the axes, as int64.
func CountNonzero(a *Array, opts ...ReduceOption) *Array { return opCount.call(a, opts) }

// NanSum returns the sum over the axes, counting NaN as zero.
func NanSum(a *Array, opts ...ReduceOption) *Array { return opNanSum.call(a, opts) }

// ArgMax returns the index of the first largest element (a NaN being the
// largest) along one axis, Axis(k), or of the array flattened in C order
// without Axis; int64.
func ArgMax(a *Array, opts ...ReduceOption) *Array { return opArgMax.call(a, opts) }

// ArgMin returns the index of the first smallest element (a NaN being the
// smallest), as ArgMax does.
func ArgMin(a *Array, opts ...ReduceOption) *Array { return opArgMin.call(a, opts) }

// The method forms of the reductions take the functions' options:
// a.Sum(Axis(0), KeepDims()) is Sum(a, Axis(0), KeepDims()).

// Sum is Sum(a, opts...).
func (a *Array) Sum(opts ...ReduceOption) *Array { return Sum(a, opts...) }

// Prod is Prod(a, opts...).
func (a *Array) Prod(opts ...ReduceOption) *Array { return Prod(a, opts...) }

// Max is Max(a, opts...).
func (a *Array) Max(opts ...ReduceOption) *Array { return Max(a, opts...) }

// Min is Min(a, opts...).
func (a *Array) Min(opts ...ReduceOption) *Array { return Min(a, opts...) }

// NanMax is NanMax(a, opts...).
func (a *Array) NanMax(opts ...ReduceOption) *Array { return NanMax(a, opts...) }

// NanMin is NanMin(a, opts...).
func (a *Array) NanMin(opts ...ReduceOption) *Array { return NanMin(a, opts...) }

// NanSum is NanSum(a, opts...).
func (a *Array) NanSum(opts ...ReduceOption) *Array { return NanSum(a, opts...) }

// NanMean is NanMean(a, opts...).
func (a *Array) NanMean(opts ...ReduceOption) *Array { return NanMean(a, opts...) }

// AllTrue is AllTrue(a, opts...) (NumPy's all; All is the index of every element).
func (a *Array) AllTrue(opts ...ReduceOption) *Array { return AllTrue(a, opts...) }

// AnyTrue is AnyTrue(a, opts...) (NumPy's any).
func (a *Array) AnyTrue(opts ...ReduceOption) *Array { return AnyTrue(a, opts...) }

// CountNonzero is CountNonzero(a, opts...).
func (a *Array) CountNonzero(opts ...ReduceOption) *Array { return CountNonzero(a, opts...) }

// ArgMax is ArgMax(a, opts...).
func (a *Array) ArgMax(opts ...ReduceOption) *Array { return ArgMax(a, opts...) }

// ArgMin is ArgMin(a, opts...).
func (a *Array) ArgMin(opts ...ReduceOption) *Array { return ArgMin(a, opts...) }

// Mean is Mean(a, opts...).
func (a *Array) Mean(opts ...ReduceOption) *Array { return Mean(a, opts...) }

// Var is Var(a, opts...).
func (a *Array) Var(opts ...ReduceOption) *Array { return Var(a, opts...) }

// Std is Std(a, opts...).
func (a *Array) Std(opts ...ReduceOption) *Array { return Std(a, opts...) }

// CumSum is CumSum(a, opts...).
func (a *Array) CumSum(opts ...ReduceOption) *Array { return CumSum(a, opts...) }

// CumProd is CumProd(a, opts...).
func (a *Array) CumProd(opts ...ReduceOption) *Array { return CumProd(a, opts...) }

// CumulativeSum is CumulativeSum(a, opts...).
func (a *Array) CumulativeSum(opts ...ReduceOption) *Array { return CumulativeSum(a, opts...) }

// CumulativeProd is CumulativeProd(a, opts...).
func (a *Array) CumulativeProd(opts ...ReduceOption) *Array { return CumulativeProd(a, opts...) }

func config(opts []ReduceOption) reduceConfig {
	if len(opts) == 0 {
		return reduceConfig{} // before c, which escapes to the options
	}
	var c reduceConfig
	for _, o := range opts {
		if o != nil {
			o(&c)
		}
	}
	return c
}

// reductionKey identifies a reduction the package builds: the op and the
// dtypes it runs on.
type reductionKey struct {
	op           *reduceOp
	in, acc, out DType
}

// reductions caches the built reductions, so that backends find their
// compiled kernels by pointer.
var reductions sync.Map // reductionKey -> *ir.Reduction

// reduction returns op's reduction of in, accumulating in acc, giving out.
func (op *reduceOp) reduction(in, acc, out DType) *ir.Reduction {
	key := reductionKey{op, in, acc, out}
	if r, ok := reductions.Load(key); ok {
		return r.(*ir.Reduction)
	}
	r := &ir.Reduction{Input: in, Combine: op.combine, Acc: acc, Out: out}
	x := ir.In(0, in)
	switch {
	case op.kind == logical:
		r.Pre = ir.To(x, Bool)
	case op.kind == countTrue:
		r.Pre = ir.To(ir.To(x, Bool), acc)
	case op.kind == countNumbers:
		r.Pre = ir.To(ir.Apply(ir.LogicalNot, Bool, ir.Apply(ir.IsNaN, Bool, x)), acc)
	case op.kind == nanSumLike && in.Kind() >= dtype.FloatKind:
		r.Scalars = []dtype.DType{acc}
		r.Pre = ir.Apply(ir.Where, acc, ir.Apply(ir.IsNaN, Bool, x), ir.Param(0, acc), ir.To(x, acc))
	case acc == Bool && op.combine == ir.SumOf: // sum in bool is logical or
		r.Combine, r.Pre = ir.AnyOf, ir.To(x, Bool)
	case acc == Bool && op.combine == ir.ProdOf:
		r.Combine, r.Pre = ir.AllOf, ir.To(x, Bool)
	default:
		r.Pre = ir.To(x, acc)
	}
	actual, _ := reductions.LoadOrStore(key, r)
	return actual.(*ir.Reduction)
}

// sumDType is NumPy's result dtype of sum and prod of dt.
func sumDType(dt DType) DType {
	switch {
	case dt == Bool || dt.Kind() == dtype.IntKind && dt.Size() < 8:
		return Int64
	case dt.Kind() == dtype.UintKind && dt.Size() < 8:
		return Uint64
	}
	return dt
}

// accOf is the dtype a sum of res accumulates in: float16 and bfloat16
// sum in float32.
func accOf(res DType) DType {
	if res == Float16 || res == BFloat16 {
		return Float32
	}
	return res
}

// dtypes returns op's accumulator and result dtypes on input in.
func (op *reduceOp) dtypes(in DType, c *reduceConfig) (acc, res DType, err error) {
	switch op.kind {
	case sumLike, nanSumLike:
		res = sumDType(in)
		if c.dt != 0 {
			res = c.dt
		}
		return accOf(res), res, nil
	case logical:
		return Bool, Bool, nil
	case countTrue, countNumbers:
		return Int64, Int64, nil
	}
	if c.dt != 0 {
		return 0, 0, fmt.Errorf("%s: takes no dtype", op.name)
	}
	acc, res = in, in
	if in == Bool {
		acc = Uint8 // bools compare as 0 and 1
	}
	if op.combine == ir.ArgMaxOf || op.combine == ir.ArgMinOf {
		res = Int64
	}
	return acc, res, nil
}

// call runs op over the axes that opts select.
func (op *reduceOp) call(a *Array, opts []ReduceOption) *Array {
	if err := a.checkOp(op.name); err != nil {
		return &Array{err: err}
	}
	c := config(opts)
	if len(a.shape) == 0 && len(c.axes) == 1 && (c.axes[0] == 0 || c.axes[0] == -1) {
		c.axes = []int{} // NumPy's reductions take axis 0 or -1 of a 0-d array as no axis (Mean and Var do not)
	}
	if c.masked() {
		return op.callMasked(a, c)
	}
	folded, err := op.foldedAxes(a, &c)
	if err != nil {
		return failed(op.name, err)
	}
	acc, res, err := op.dtypes(a.dt, &c)
	if err != nil {
		return &Array{err: err}
	}
	var scalars []ir.Value
	if op.kind == nanSumLike && a.dt.Kind() >= dtype.FloatKind {
		scalars = []ir.Value{{}} // the 0 that replaces NaN
	} else if op.kind == nanSumLike {
		op = opSum // integers have no NaN
	}
	return op.fold(a, folded, c.keep, acc, res, c.out, scalars)
}

// foldedAxes returns which axes of a the call folds; ArgMax and ArgMin
// take one axis at most.
func (op *reduceOp) foldedAxes(a *Array, c *reduceConfig) ([]bool, error) {
	if c.masked() {
		return nil, fmt.Errorf("takes no initial or where")
	}
	folded := make([]bool, len(a.shape))
	if c.axes == nil {
		for i := range folded {
			folded[i] = true
		}
		return folded, nil
	}
	if (op.combine == ir.ArgMaxOf || op.combine == ir.ArgMinOf) && len(c.axes) > 1 {
		return nil, fmt.Errorf("takes one axis, not %d", len(c.axes))
	}
	for _, ax := range c.axes {
		ax, err := NormalizeAxis(ax, len(a.shape))
		if err != nil {
			return nil, err
		}
		if folded[ax] {
			return nil, fmt.Errorf("duplicate value in 'axis'")
		}
		folded[ax] = true
	}
	return folded, nil
}

// resultShape is the shape of a reduction of shape over the folded axes.
func resultShape(shape []int, folded []bool, keep bool) []int {
	res := []int{}
	for i, n := range shape {
		switch {
		case !folded[i]:
			res = append(res, n)
		case keep:
			res = append(res, 1)
		}
	}
	return res
}

// fold reduces a over the folded axes into out (or a new array), through
// the reduction of op accumulating in acc and giving res.
func (op *reduceOp) fold(a *Array, folded []bool, keep bool, acc, res DType, out *Array, scalars []ir.Value) *Array {
	shape := resultShape(a.shape, folded, keep)
	count := 1
	for i, f := range folded {
		if f {
			count *= a.shape[i]
		}
	}
	if count == 0 && !op.combine.HasIdentity() {
		if op.combine == ir.ArgMaxOf || op.combine == ir.ArgMinOf {
			return errorf(op.name, "attempt to get %s of an empty sequence", op.numpy)
		}
		return errorf(op.name, "zero-size array to reduction operation %s which has no identity", op.numpy)
	}
	dst, err := op.destination(a, out, res, shape)
	if err != nil {
		return &Array{err: err}
	}
	if !op.writesAs(res, dst.dt) {
		return castInto(op.name, dst, op.fold(a, folded, keep, acc, res, nil, scalars))
	}
	return reduceInto(op.name, op.reduction(a.dt, acc, dst.dt), a, folded, keep, dst, out, scalars)
}

// writesAs reports whether the kernel of op, whose result dtype is res,
// can write its results as out itself: a same_kind cast of a reduction
// that does not give indices. Others go through a temporary of res.
func (op *reduceOp) writesAs(res, out DType) bool {
	return res == out || op.combine != ir.ArgMaxOf && op.combine != ir.ArgMinOf && dtype.CanCast(res, out, dtype.CastSameKind)
}

// castInto copies r, a result of dtype r's own, into out, casting as
// NumPy does when a reduction writes into an out of another dtype
// (unsafely), and frees r.
func castInto(name string, out, r *Array) *Array {
	if r.err != nil {
		return r
	}
	defer r.Free()
	if err := out.set(name, r); err != nil {
		return &Array{err: err}
	}
	return out
}

// reduceInto runs r over a's folded axes (and, when r reads several
// inputs, over more, of a's shape and strides) into dst, through a
// temporary when dst is the caller's out and overlaps an input.
func reduceInto(name string, r *ir.Reduction, a *Array, folded []bool, keep bool, dst, out *Array, scalars []ir.Value, more ...*Array) *Array {
	target := dst
	if out != nil && slices.ContainsFunc(append([]*Array{a}, more...), func(x *Array) bool { return out.st == x.st && overlapping(out, x) }) {
		var err error
		if target, err = empty(a.st.b, dst.dt, dst.shape); err != nil {
			return failed(name, err)
		}
		defer target.Free()
	}
	if err := launchReduce(r, a, folded, keep, target, scalars, more...); err != nil {
		return failed(name, err)
	}
	if target != dst {
		if err := dst.set(name, target); err != nil {
			return &Array{err: err}
		}
	}
	return dst
}

// destination returns out, checked against the result's shape and dtype,
// or a new array for the result.
func (op *reduceOp) destination(a, out *Array, res DType, shape []int) (*Array, error) {
	if out == nil {
		dst, err := empty(a.st.b, res, shape)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", op.name, err)
		}
		return dst, nil
	}
	if err := out.checkWrite(op.name); err != nil {
		return nil, err
	}
	if err := sameBackend(op.name, a.st.b, out.st.b); err != nil {
		return nil, err
	}
	if !slices.Equal(out.shape, shape) {
		return nil, fmt.Errorf("%s: output has shape %s, the result has shape %s", op.name, formatShape(out.shape), formatShape(shape))
	}
	if (op.combine == ir.ArgMaxOf || op.combine == ir.ArgMinOf) && !dtype.CanCast(out.dt, Int64, dtype.CastSafe) {
		return nil, fmt.Errorf("%s: cannot cast the output's %v to int64 indices with casting rule 'safe'", op.name, out.dt)
	}
	return out, nil
}

// overlapping reports whether two views of one buffer touch common memory.
func overlapping(x, y *Array) bool {
	lo1, hi1 := extent(x)
	lo2, hi2 := extent(y)
	return lo1 <= hi2 && lo2 <= hi1
}

// launchReduce calls the backend with the kept axes of a first and the
// folded ones last, each group collapsed where its strides allow; more
// (the inputs after a of a reduction of several, of a's layout) go to
// the backend's ReduceMany.
func launchReduce(r *ir.Reduction, a *Array, folded []bool, keep bool, out *Array, scalars []ir.Value, more ...*Array) error {
	if len(more) == 0 {
		r, a, more, scalars = fuseReduction(r, a, scalars)
	}
	sc := reduceScratch.Get().(*reduceLaunch)
	defer sc.put()
	sc.arrays = append(append(sc.arrays[:0], a, out), more...)
	arrays := sc.arrays
	if err := hold(arrays...); err != nil {
		return err
	}
	defer release(arrays...)
	kShape, kIn, kOut, rShape, rIn := sc.kShape[:0], sc.kIn[:0], sc.kOut[:0], sc.rShape[:0], sc.rIn[:0]
	o := 0 // axis of out
	for i, n := range a.shape {
		if folded[i] {
			rShape, rIn = append(rShape, n), append(rIn, a.strides[i])
			if keep {
				o++
			}
			continue
		}
		kShape, kIn, kOut = append(kShape, n), append(kIn, a.strides[i]), append(kOut, out.strides[o])
		o++
	}
	sc.kShape, sc.kIn, sc.kOut, sc.rShape, sc.rIn = kShape, kIn, kOut, rShape, rIn
	sc.kc, sc.kcs = layout.CollapseInto(sc.kc, sc.kcs[:2], kShape, [][]int{kIn, kOut})
	sc.rc, sc.rcs = layout.CollapseInto(sc.rc, sc.rcs[:1], rShape, [][]int{rIn})
	shape := append(append(sc.shape[:0], sc.kc...), sc.rc...)
	sc.shape = shape
	sc.inStrides = append(append(sc.inStrides[:0], sc.kcs[0]...), sc.rcs[0]...)
	in := backend.Operand{Buf: a.st.buf, DType: a.dt, Offset: a.offset, Strides: sc.inStrides}
	dst := backend.Operand{Buf: out.st.buf, DType: out.dt, Offset: out.offset, Strides: sc.kcs[1]}
	rShape = sc.rc
	if len(more) == 0 {
		return a.st.b.Reduce(r, shape, len(rShape), dst, in, scalars)
	}
	mr, ok := a.st.b.(backend.ManyReducer)
	if !ok {
		return fmt.Errorf("the backend folds one input at a time")
	}
	sc.ins = append(sc.ins[:0], in)
	for _, x := range more {
		sc.ins = append(sc.ins, backend.Operand{Buf: x.st.buf, DType: x.dt, Offset: x.offset, Strides: in.Strides})
	}
	return mr.ReduceMany(r, shape, len(rShape), dst, sc.ins, scalars)
}

// reduceLaunch is the scratch of one launchReduce, pooled so that a
// small reduction's host cost is not its allocations.
type reduceLaunch struct {
	arrays                         []*Array
	ins                            []backend.Operand
	kShape, kIn, kOut, rShape, rIn []int // the kept and the folded axes
	kc, rc, shape, inStrides       []int // collapsed
	kcs, rcs                       [][]int
}

var reduceScratch = sync.Pool{New: func() any { return &reduceLaunch{kcs: make([][]int, 2), rcs: make([][]int, 1)} }}

// put returns the scratch to the pool, holding no array or buffer.
func (sc *reduceLaunch) put() {
	clear(sc.arrays)
	clear(sc.ins)
	reduceScratch.Put(sc)
}

// Mean returns the arithmetic mean over the axes: the sum, accumulated as
// NumPy does (integers in float64, float16 in float32), divided by the
// number of elements folded.
func Mean(a *Array, opts ...ReduceOption) *Array {
	const op = "Mean"
	if err := a.checkOp(op); err != nil {
		return &Array{err: err}
	}
	c := config(opts)
	if c.masked() {
		return meanWhere(op, a, c, false, false)
	}
	acc, res := meanDTypes(a.dt, c.dt)
	return sumThenDivide(op, opSum, a, c, acc, res, nil)
}

// NanMean returns the mean over the axes of the elements that are not
// NaN (NaN where all are).
func NanMean(a *Array, opts ...ReduceOption) *Array {
	const op = "NanMean"
	if err := a.checkOp(op); err != nil {
		return &Array{err: err}
	}
	c := config(opts)
	if c.masked() {
		return nanMeanWhere(op, a, c)
	}
	if a.dt.Kind() < dtype.FloatKind {
		acc, res := meanDTypes(a.dt, c.dt)
		return sumThenDivide(op, opSum, a, c, acc, res, nil)
	}
	folded, err := opNumbers.foldedAxes(a, &c)
	if err != nil {
		return failed(op, err)
	}
	counts := opNumbers.fold(a, folded, c.keep, Int64, Int64, nil, nil)
	if counts.err != nil {
		return failed(op, counts.err)
	}
	defer counts.Free()
	acc, res := meanDTypes(a.dt, c.dt)
	return sumThenDivide(op, opNanSum, a, c, acc, res, counts)
}

// meanDTypes are NumPy's accumulator and result dtypes of mean of dt.
func meanDTypes(dt, asked DType) (acc, res DType) {
	switch {
	case asked != 0:
		return accOf(asked), asked
	case dt.Kind() < dtype.FloatKind:
		return Float64, Float64
	}
	return accOf(dt), dt
}

// sumThenDivide folds a with op (a sum) in acc and divides by the number
// of elements folded, or by counts where given, into the result dtype.
func sumThenDivide(name string, op *reduceOp, a *Array, c reduceConfig, acc, res DType, counts *Array) *Array {
	folded, err := op.foldedAxes(a, &c)
	if err != nil {
		return failed(name, err)
	}
	var scalars []ir.Value
	if op.kind == nanSumLike {
		scalars = []ir.Value{{}}
	}
	sum := op.fold(a, folded, c.keep, acc, acc, nil, scalars)
	if sum.err != nil {
		return failed(name, sum.err)
	}
	defer sum.Free()
	var divisor any = foldedCount(a, folded)
	if counts != nil {
		divisor = counts
	}
	return divideInto(name, sum, divisor, res, c.out)
}

// foldedCount is the number of elements each result folds, as a float.
func foldedCount(a *Array, folded []bool) float64 {
	n := 1
	for i, f := range folded {
		if f {
			n *= a.shape[i]
		}
	}
	return float64(n)
}

// divideInto returns x / d in dtype res, into out if given.
func divideInto(name string, x *Array, d any, res DType, out *Array) *Array {
	if out == nil {
		if out = On(x.st.b).alloc(name, res, x.shape); out.err != nil {
			return out
		}
	} else if !slices.Equal(out.shape, x.shape) {
		return errorf(name, "output has shape %s, the result has shape %s", formatShape(out.shape), formatShape(x.shape))
	} else if !dtype.CanCast(res, out.dt, dtype.CastSameKind) {
		return castInto(name, out, divideInto(name, x, d, res, nil))
	}
	if r := Div(x, d, out); r.err != nil {
		return failed(name, r.err)
	}
	return out
}

// Var returns the variance over the axes: the mean of the squared
// deviations from the mean (of their squared magnitudes for complex),
// divided by N - ddof (DDof); NaN where N - ddof <= 0.
func Var(a *Array, opts ...ReduceOption) *Array { return variance("Var", a, opts, false) }

// Std returns the standard deviation, the square root of Var.
func Std(a *Array, opts ...ReduceOption) *Array { return variance("Std", a, opts, true) }

func variance(name string, a *Array, opts []ReduceOption, root bool) *Array {
	if err := a.checkOp(name); err != nil {
		return &Array{err: err}
	}
	c := config(opts)
	if c.masked() {
		return meanWhere(name, a, c, true, root)
	}
	folded, err := opSum.foldedAxes(a, &c)
	if err != nil {
		return failed(name, err)
	}
	acc, res := meanDTypes(a.dt, c.dt)
	// The mean (kept as axes of 1, to broadcast), then the deviations.
	mean := opSum.fold(a, folded, true, acc, acc, nil, nil)
	if mean.err != nil {
		return failed(name, mean.err)
	}
	defer mean.Free()
	n := foldedCount(a, folded)
	if r := Div(mean, n, mean); r.err != nil {
		return failed(name, r.err)
	}
	dev := Sub(a, mean)
	if dev.err != nil {
		return failed(name, dev.err)
	}
	defer dev.Free()
	real := dev.dt
	switch real {
	case Complex64:
		real = Float32
	case Complex128:
		real = Float64
	}
	ss := sumOfSquares(dev, folded, c.keep, real)
	if ss.err != nil {
		return failed(name, ss.err)
	}
	defer ss.Free()
	if res.Kind() == dtype.ComplexKind {
		res = real
	}
	v := divideInto(name, ss, max(n-float64(c.ddof), 0), res, c.out)
	if root && v.err == nil {
		if r := Sqrt(v, v); r.err != nil {
			return failed(name, r.err)
		}
	}
	return v
}

// opSumSquares folds |x|^2.
var opSumSquares = &reduceOp{"Var", "add", ir.SumOf, sumLike}

// sumOfSquares returns the sum over the folded axes of |x|^2, in dtype acc.
func sumOfSquares(x *Array, folded []bool, keep bool, acc DType) *Array {
	key := reductionKey{opSumSquares, x.dt, acc, acc}
	var r *ir.Reduction
	if v, ok := reductions.Load(key); ok {
		r = v.(*ir.Reduction)
	} else {
		in := ir.In(0, x.dt)
		sq := func(v *ir.Node) *ir.Node { return ir.Apply(ir.Mul, acc, v, v) }
		var pre *ir.Node
		if x.dt.Kind() == dtype.ComplexKind {
			pre = ir.Apply(ir.Add, acc, sq(ir.Apply(ir.Real, acc, in)), sq(ir.Apply(ir.Imag, acc, in)))
		} else {
			pre = sq(ir.To(in, acc))
		}
		v, _ := reductions.LoadOrStore(key, &ir.Reduction{Input: x.dt, Pre: pre, Combine: ir.SumOf, Acc: acc, Out: acc})
		r = v.(*ir.Reduction)
	}
	dst, err := empty(x.st.b, acc, resultShape(x.shape, folded, keep))
	if err != nil {
		return failed("Var", err)
	}
	if err := launchReduce(r, x, folded, keep, dst, nil); err != nil {
		dst.Free()
		return failed("Var", err)
	}
	return dst
}

// CumSum returns the running sum along Axis(k), or over the array
// flattened in C order without Axis; dtypes as Sum.
func CumSum(a *Array, opts ...ReduceOption) *Array { return opCumSum.scan(a, opts) }

// CumProd returns the running product along Axis(k), or over the
// flattened array; dtypes as Prod.
func CumProd(a *Array, opts ...ReduceOption) *Array { return opCumProd.scan(a, opts) }

// CumulativeSum is NumPy 2's cumulative_sum: CumSum, but an array of
// more than one axis needs Axis, a 0-d array is an error, and
// IncludeInitial leads with 0.
func CumulativeSum(a *Array, opts ...ReduceOption) *Array {
	return cumulative("CumulativeSum", opCumSum, 0, a, opts)
}

// CumulativeProd is NumPy 2's cumulative_prod: CumProd with the rules of
// CumulativeSum; IncludeInitial leads with 1.
func CumulativeProd(a *Array, opts ...ReduceOption) *Array {
	return cumulative("CumulativeProd", opCumProd, 1, a, opts)
}

func cumulative(name string, op *reduceOp, identity int, a *Array, opts []ReduceOption) *Array {
	if err := a.checkOp(name); err != nil {
		return &Array{err: err}
	}
	c := config(opts)
	if len(a.shape) == 0 { // NumPy 2.5 takes a 0-d input as one element
		a = a.view([]int{1}, []int{1}, a.offset)
	}
	switch {
	case c.axes == nil && len(a.shape) > 1:
		return errorf(name, "axis must be given for arrays of more than one dimension")
	case len(c.axes) > 1:
		return errorf(name, "takes one axis, not %d", len(c.axes))
	case !c.initial:
		return failedAs(name, op.scan(a, opts))
	}
	axis := 0
	if c.axes != nil {
		ax, err := NormalizeAxis(c.axes[0], len(a.shape))
		if err != nil {
			return failed(name, err)
		}
		axis = ax
	}
	out := c.out
	c.out, c.initial = nil, false
	r := op.scan(a, []ReduceOption{func(rc *reduceConfig) { *rc = c }})
	if r.err != nil {
		return failed(name, r.err)
	}
	defer r.Free()
	shape := slices.Clone(a.shape)
	shape[axis] = 1
	first := On(a.st.b).Full(r.dt, identity, shape...)
	defer first.Free()
	all := Concatenate([]*Array{first, r}, axis)
	if out == nil {
		return failedAs(name, all)
	}
	defer all.Free()
	if err := out.set(name, all); err != nil {
		return &Array{err: err}
	}
	return out
}

func (op *reduceOp) scan(a *Array, opts []ReduceOption) *Array {
	if err := a.checkOp(op.name); err != nil {
		return &Array{err: err}
	}
	c := config(opts)
	if c.masked() {
		return errorf(op.name, "takes no initial or where")
	}
	orig := a
	axis := 0
	switch {
	case c.axes == nil:
		a = a.Reshape(-1)
		if a.err != nil {
			return failed(op.name, a.err)
		}
	case len(c.axes) != 1:
		return errorf(op.name, "takes one axis, not %d", len(c.axes))
	case len(a.shape) == 0 && (c.axes[0] == 0 || c.axes[0] == -1): // NumPy: a 0-d array scans as 1-D
		a = a.Reshape(1)
	default:
		var err error
		if axis, err = NormalizeAxis(c.axes[0], len(a.shape)); err != nil {
			return failed(op.name, err)
		}
	}
	acc, res, _ := op.dtypes(a.dt, &c)
	dst, err := op.destination(a, c.out, res, a.shape)
	if err != nil {
		return &Array{err: err}
	}
	if !op.writesAs(res, dst.dt) {
		return castInto(op.name, dst, op.scan(orig, append(slices.Clone(opts), Out(nil))))
	}
	if acc == Bool { // a running or (and) is a bool sum (product) in integers, cast back
		acc = Int64
	}
	r := op.reduction(a.dt, acc, dst.dt)
	target := dst
	if c.out != nil && c.out.st == a.st && overlapping(c.out, a) {
		if target, err = empty(a.st.b, dst.dt, a.shape); err != nil {
			return failed(op.name, err)
		}
		defer target.Free()
	}
	// the scanned axis last
	perm := func(s []int) []int {
		p := slices.Concat(s[:axis], s[axis+1:])
		return append(p, s[axis])
	}
	shape := perm(a.shape)
	err = hold(a, target)
	if err == nil {
		in := backend.Operand{Buf: a.st.buf, DType: a.dt, Offset: a.offset, Strides: perm(a.strides)}
		out := backend.Operand{Buf: target.st.buf, DType: target.dt, Offset: target.offset, Strides: perm(target.strides)}
		err = a.st.b.Scan(r, shape, out, in, nil)
		release(a, target)
	}
	if err != nil {
		return failed(op.name, err)
	}
	if target != dst {
		if err := dst.set(op.name, target); err != nil {
			return &Array{err: err}
		}
	}
	return dst
}
