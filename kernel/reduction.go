package kernel

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/cugo/cugo/array"
	"github.com/cugo/cugo/dtype"
	"github.com/cugo/cugo/internal/ir"
)

// Axes is an argument of Reduction.Call: the axes to fold (negative ones
// count from the end). Without it, every axis is folded.
type Axes []int

// KeepDims is an argument of Reduction.Call: keep the folded axes, of
// length 1.
type KeepDims bool

// ReduceType sets the dtype a Reduction accumulates in (by default its
// output's).
func ReduceType(dt dtype.DType) Option { return func(c *config) { c.reduceType = dt } }

// Reduction is a map-reduce kernel (CuPy's ReductionKernel): the map
// expression of each element of its array input (and scalars) is folded
// with the reduce expression of two accumulators a and b from the
// identity, and the post-map statements set the output from the folded
// a. With array arguments of one layout (one array, or arrays of one
// shape and strides, as C-contiguous arrays of one shape; the others Go
// numbers) it is one kernel of the built-in reductions (any axes,
// keepdims, vector loads and the one-launch full reduction), which reads
// every array at one offset. With arrays of several layouts (broadcast,
// differently strided) or raw parameters, the map runs first as an
// Elementwise kernel into a temporary of the accumulator's dtype, which
// the reduction then folds. It is safe for concurrent use.
type Reduction struct {
	signature
	name                            string
	mapExpr, reduce, post, identity string
	opts                            []Option
	mu                              sync.Mutex
	variants                        map[string]*ir.Reduction
	twoPass                         struct {
		once   sync.Once
		mapper *Elementwise
		folder *Reduction
		err    error
	}
}

// mapped names the map's result in the two passes of a Reduction.
const mapped = "cugo_mapped"

// NewReduction returns the reduction of the parameter lists in (one
// array parameter, the others scalars) and out (one parameter), with its
// map, reduce and post-map expressions, identity and name (a C
// identifier), as CuPy's ReductionKernel takes them:
//
//	l2, _ := kernel.NewReduction("T x", "T y", "x * x", "a + b", "y = sqrt(a)", "0", "l2norm")
//	norms := l2.Call(x, kernel.Axes{1})
func NewReduction(in, out, mapExpr, reduceExpr, postExpr, identity, name string, opts ...Option) (*Reduction, error) {
	k, err := newReduction(in, out, mapExpr, reduceExpr, postExpr, identity, name, opts)
	if err != nil {
		return nil, err
	}
	if k.cfg.loopPrep != "" || k.cfg.afterLoop != "" {
		return nil, fmt.Errorf("kernel %s: LoopPrep and AfterLoop apply to elementwise kernels", name)
	}
	for _, p := range k.in {
		if p.name == mapped {
			return nil, fmt.Errorf("kernel %s: the parameter name %s is taken", name, mapped)
		}
	}
	return k, nil
}

// newReduction is NewReduction without the check of the name its two
// passes use, which the second pass takes.
func newReduction(in, out, mapExpr, reduceExpr, postExpr, identity, name string, opts []Option) (*Reduction, error) {
	k := &Reduction{name: name, mapExpr: mapExpr, reduce: reduceExpr, post: postExpr, identity: identity,
		opts: opts, variants: map[string]*ir.Reduction{}}
	sig, err := newSignature(name, in, out, opts)
	if err != nil {
		return nil, err
	}
	k.signature = sig
	switch {
	case len(k.out) != 1 || k.out[0].raw:
		return nil, fmt.Errorf("kernel %s: a reduction has one output parameter, not raw", name)
	case len(k.in) == 0:
		return nil, fmt.Errorf("kernel %s: no input parameters", name)
	case mapExpr == "" || reduceExpr == "" || identity == "":
		return nil, fmt.Errorf("kernel %s: a reduction needs map and reduce expressions and an identity", name)
	}
	return k, nil
}

// twoPasses runs a reduction of arrays of several layouts or raw
// parameters: the map as an elementwise kernel into a temporary, then
// its fold.
func (k *Reduction) twoPasses(args []any, axes []int, keep bool) *array.Array {
	t := &k.twoPass
	t.once.Do(func() {
		acc := k.out[0].typ
		if k.out[0].dtype != 0 {
			acc = k.out[0].dtype.String()
		}
		if k.cfg.reduceType != 0 {
			acc = k.cfg.reduceType.String()
		}
		decls := make([]string, len(k.in))
		for i, p := range k.in {
			decls[i] = p.describe() + " " + p.name
		}
		t.mapper, t.err = NewElementwise(strings.Join(decls, ", "), acc+" "+mapped, mapped+" = ("+k.mapExpr+")", k.name+"_map", k.opts...)
		if t.err == nil {
			out := k.out[0].describe() + " " + k.out[0].name
			t.folder, t.err = newReduction(acc+" "+mapped, out, mapped, k.reduce, k.post, k.identity, k.name, k.opts)
		}
	})
	if t.err != nil {
		return array.Failed(t.err)
	}
	m := t.mapper.Call(args[:len(k.in)]...)
	if err := m.Err(); err != nil {
		return array.Failed(err)
	}
	defer m.Free()
	fold := append([]any{m}, args[len(k.in):]...)
	if axes != nil {
		fold = append(fold, Axes(axes))
	}
	return t.folder.Call(append(fold, KeepDims(keep))...)
}

// Call folds its array input: args are one value per input parameter
// (an *Array for one of them, Go numbers for the others), optionally an
// *Array for the output, and Axes and KeepDims.
func (k *Reduction) Call(args ...any) *array.Array {
	if k == nil {
		return array.Failed(errors.New("kernel: a nil Reduction (make one with NewReduction)"))
	}
	fail := func(format string, a ...any) *array.Array {
		return array.Failed(fmt.Errorf("kernel %s: "+format, append([]any{k.name}, a...)...))
	}
	var axes []int
	keep := false
	for n := len(args); n > 0; n-- {
		if a, ok := args[n-1].(Axes); ok {
			axes = append([]int{}, a...)
		} else if a, ok := args[n-1].(KeepDims); ok {
			keep = bool(a)
		} else {
			break
		}
		args = args[:n-1]
	}
	if len(args) != len(k.in) && len(args) != len(k.in)+1 {
		return fail("takes %d inputs and optionally 1 output, got %d arguments", len(k.in), len(args))
	}
	for _, p := range k.in {
		if p.raw {
			return k.twoPasses(args, axes, keep)
		}
	}
	var out *array.Array
	types := make([]dtype.DType, len(k.types))
	set := func(p param, d dtype.DType) error {
		if p.typ == "" {
			return nil
		}
		t := &types[slices.Index(k.types, p.typ)]
		if *t != 0 && *t != d {
			return fmt.Errorf("type %s is %v, but %s is %v", p.typ, *t, p.name, d)
		}
		*t = d
		return nil
	}
	var xs []int // the array inputs
	for i, a := range args {
		p := k.param(i)
		if y, ok := a.(*array.Array); ok {
			if err := y.Err(); err != nil {
				return array.Failed(err)
			}
			if i < len(k.in) {
				xs = append(xs, i)
			} else {
				out = y
			}
			if err := set(p, y.DType()); err != nil {
				return fail("%w", err)
			}
		} else if i >= len(k.in) {
			return fail("output %s must be an *Array, not a %T", p.name, a)
		}
	}
	if len(xs) == 0 {
		return fail("needs an array input")
	}
	for i, a := range args[:len(k.in)] {
		if slices.Contains(xs, i) {
			continue
		}
		d, ok := scalarDType(a)
		if !ok || !array.IsScalar(a) {
			return fail("argument %s is a %T, not an *Array or a Go number", k.in[i].name, a)
		}
		if p := k.in[i]; p.typ != "" && types[slices.Index(k.types, p.typ)] == 0 {
			types[slices.Index(k.types, p.typ)] = d
		}
	}
	dts := make([]dtype.DType, len(k.in)+1)
	if err := k.resolve(dts, types); err != nil {
		return fail("%w", err)
	}
	xa := make([]*array.Array, len(xs))
	for j, i := range xs {
		x, err := castInput(args[i].(*array.Array), k.in[i], dts[i])
		if err != nil {
			return fail("%w", err)
		}
		if x != args[i] {
			defer x.Free()
		}
		if j > 0 && !(slices.Equal(x.Shape(), xa[0].Shape()) && slices.Equal(x.Strides(), xa[0].Strides())) {
			return k.twoPasses(args, axes, keep)
		}
		xa[j] = x
	}
	var vals []ir.Value
	for i, a := range args[:len(k.in)] {
		if slices.Contains(xs, i) {
			continue
		}
		v, err := array.ScalarValue(a, dts[i])
		if err != nil {
			return fail("%s: %w", k.in[i].name, err)
		}
		vals = append(vals, v)
	}
	r := k.variant(xs, dts, types)
	return array.RunCReduction("kernel "+k.name, r, xa[0], axes, keep, out, vals, xa[1:]...)
}

// variant returns the reduction of one set of dtypes and array inputs
// xs, built once.
func (k *Reduction) variant(xs []int, dts, types []dtype.DType) *ir.Reduction {
	key := fmt.Sprint(xs, dts)
	k.mu.Lock()
	defer k.mu.Unlock()
	if r, ok := k.variants[key]; ok {
		return r
	}
	out := dts[len(k.in)]
	acc := out
	if k.cfg.reduceType != 0 {
		acc = k.cfg.reduceType
	}
	xi := xs[0]
	c := &ir.CReduction{Name: k.name, In: ir.CParam{Name: k.in[xi].name, DType: dts[xi]},
		Out: ir.CParam{Name: k.out[0].name, DType: out}, Map: k.mapExpr, Reduce: k.reduce, Post: k.post,
		Identity: k.identity, Preamble: k.cfg.preamble, Options: k.cfg.options}
	r := &ir.Reduction{Input: dts[xi], Combine: ir.SumOf, Acc: acc, Out: out, C: c}
	for i, p := range k.in {
		switch {
		case i == xi:
		case slices.Contains(xs, i):
			c.More = append(c.More, ir.CParam{Name: p.name, DType: dts[i]})
			r.More = append(r.More, dts[i])
		default:
			c.Scalars = append(c.Scalars, ir.CParam{Name: p.name, DType: dts[i]})
			r.Scalars = append(r.Scalars, dts[i])
		}
	}
	for i, t := range k.types {
		c.Types = append(c.Types, ir.CParam{Name: t, DType: types[i]})
	}
	k.variants[key] = r
	return r
}
