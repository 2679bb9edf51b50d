package kernel

import (
	"errors"
	"fmt"
	"slices"
	"sync"

	"github.com/cugo/cugo/array"
	"github.com/cugo/cugo/dtype"
	"github.com/cugo/cugo/internal/ir"
)

// Option configures a kernel.
type Option func(*config)

type config struct {
	preamble   string
	loopPrep   string
	afterLoop  string
	options    []string
	names      []string
	sig        string
	hasSig     bool
	reduceType dtype.DType
}

// Preamble is C placed before the kernel at file scope: helper functions,
// constants, #defines.
func Preamble(code string) Option { return func(c *config) { c.preamble = code } }

// LoopPrep is C each thread runs once before its first element (CuPy's
// loop_prep): its variables are in the body's scope and AfterLoop's. It
// sees the type placeholders, _ind, scalar and raw parameters, not i
// nor the elements of the other parameters. Names the generated loops
// take (n, d, i, k, v, r, c, tid, step, nv, rows, cols, tx, ty, and out,
// in, a, b, c, q, r, s or t followed by digits) would hide its variables
// from the body: a kernel whose LoopPrep uses one fails with an error.
func LoopPrep(code string) Option { return func(c *config) { c.loopPrep = code } }

// AfterLoop is C each thread runs once after its last element (CuPy's
// after_loop), every thread of the launch, those given no element too;
// it sees what LoopPrep does.
func AfterLoop(code string) Option { return func(c *config) { c.afterLoop = code } }

// CompileOptions are passed to the compiler (NVRTC or hiprtc), e.g.
// "-use_fast_math" or "-DN=4".
func CompileOptions(flags ...string) Option {
	return func(c *config) { c.options = append(c.options, flags...) }
}

// Size is an argument of Elementwise.Call that gives the number of
// elements of a kernel that walks no array (all its array parameters raw).
type Size int

// Elementwise is a kernel whose C body runs once per element (CuPy's
// ElementwiseKernel). It is safe for concurrent use.
type Elementwise struct {
	signature
	name      string
	op        string // "kernel name", for errors
	body      string
	mu        sync.RWMutex
	variants  []variant
	callState sync.Pool
}

// variant is the kernel compiled for one set of argument dtypes.
type variant struct {
	dts     []dtype.DType // per parameter, inputs then outputs
	scalars uint64        // inputs given as scalars
	k       *ir.CKernel
}

// NewElementwise returns the kernel of body over the parameter lists in
// and out ("float32 x, raw T y, int32 n" and "T z"), named name (a C
// identifier). In the body, an output parameter is a reference to its
// element, an input the element's value (a scalar argument's value for
// an input given a Go number), a raw parameter a pointer to the whole
// C-contiguous array (its element j is x[j], in C order), i the element's
// C-order index and _ind.size() the number of elements (int64 both), and
// each placeholder a typedef of the dtype it was resolved to.
func NewElementwise(in, out, body, name string, opts ...Option) (*Elementwise, error) {
	k := &Elementwise{name: name, op: "kernel " + name, body: body}
	sig, err := newSignature(name, in, out, opts)
	if err != nil {
		return nil, err
	}
	k.signature = sig
	if len(k.out) == 0 {
		return nil, fmt.Errorf("kernel %s: no output parameters", name)
	}
	if len(k.in) > 64 {
		return nil, fmt.Errorf("kernel %s: %d inputs (64 at most)", name, len(k.in))
	}
	for _, p := range slices.Concat(k.in, k.out) {
		if p.name == "i" || p.name == "_ind" { // the body's element index and its indexer
			return nil, fmt.Errorf("kernel %s: parameter name %s is reserved", name, p.name)
		}
	}
	k.callState.New = func() any { return new(call) }
	return k, nil
}

// call is the scratch of one Call, pooled so that a call allocates nothing.
type call struct {
	dts            []dtype.DType
	types          []dtype.DType
	scalars        uint64
	outs, ins, raw []*array.Array
	vals           []ir.Value
	result         []*array.Array
}

// Call runs the kernel on args: one per input parameter (an *Array, or a
// Go number for a non-raw input), then optionally one *Array per output
// parameter to write into, and a Size for a kernel that walks no array.
// It returns the first output; its error, if any, is the call's (see
// Outputs for all of them).
func (k *Elementwise) Call(args ...any) *array.Array {
	if err := k.made(); err != nil {
		return array.Failed(err)
	}
	c := k.callState.Get().(*call)
	defer k.put(c)
	if err := k.run(c, args); err != nil {
		return array.Failed(err)
	}
	return c.result[0]
}

// Outputs is Call for a kernel of several outputs: it returns them all.
func (k *Elementwise) Outputs(args ...any) ([]*array.Array, error) {
	if err := k.made(); err != nil {
		return nil, err
	}
	c := k.callState.Get().(*call)
	defer k.put(c)
	if err := k.run(c, args); err != nil {
		return nil, err
	}
	return slices.Clone(c.result), nil
}

// made reports an error for a nil or zero Elementwise, which has no
// parameters to call with.
func (k *Elementwise) made() error {
	if k == nil || k.callState.New == nil {
		return errors.New("kernel: a nil or zero Elementwise (make one with NewElementwise)")
	}
	return nil
}

// put returns a call's scratch to the pool, holding no array.
func (k *Elementwise) put(c *call) {
	clear(c.outs)
	clear(c.ins)
	clear(c.raw)
	clear(c.result)
	k.callState.Put(c)
}

func (k *Elementwise) run(c *call, args []any) error {
	fail := func(format string, a ...any) error {
		return fmt.Errorf("kernel %s: "+format, append([]any{k.name}, a...)...)
	}
	size := -1
	if n := len(args); n > 0 {
		if s, ok := args[n-1].(Size); ok {
			if s < 0 {
				return fail("negative size %d", s)
			}
			size, args = int(s), args[:n-1]
		}
	}
	if len(args) != len(k.in) && len(args) != len(k.in)+len(k.out) {
		return fail("takes %d inputs and optionally %d outputs, got %d arguments", len(k.in), len(k.out), len(args))
	}
	c.dts = zeroed(c.dts, len(k.in)+len(k.out))
	c.types = zeroed(c.types, len(k.types))
	c.scalars = 0
	// placeholders from the arrays, then from scalars
	for pass := range 2 {
		for i, a := range args {
			p := k.param(i)
			x, isArray := a.(*array.Array)
			switch {
			case isArray && pass == 0:
				if err := x.Err(); err != nil {
					return err
				}
				if err := k.unify(c, p, x.DType()); err != nil {
					return fail("%w", err)
				}
			case !isArray && pass == 1:
				d, ok := scalarDType(a)
				switch {
				case !array.IsScalar(a) || !ok:
					return fail("argument %s is a %T, not an *Array or a Go number", p.name, a)
				case i >= len(k.in):
					return fail("output %s must be an *Array, not a %T", p.name, a)
				case p.raw:
					return fail("raw parameter %s needs an *Array, not a %T", p.name, a)
				}
				c.scalars |= 1 << i
				if p.typ != "" && c.types[k.typeIndex(p.typ)] == 0 {
					c.types[k.typeIndex(p.typ)] = d
				}
			}
		}
	}
	if err := k.resolve(c.dts, c.types); err != nil {
		return fail("%w", err)
	}
	ck := k.variant(c)
	c.outs, c.ins, c.raw, c.vals = c.outs[:0], c.ins[:0], c.raw[:0], c.vals[:0]
	for i, p := range k.in {
		if c.scalars&(1<<i) != 0 {
			v, err := array.ScalarValue(args[i], c.dts[i])
			if err != nil {
				return fail("%s: %w", p.name, err)
			}
			c.vals = append(c.vals, v)
			continue
		}
		x, err := castInput(args[i].(*array.Array), p, c.dts[i])
		if err != nil {
			return fail("%w", err)
		}
		if x != args[i] {
			defer x.Free()
		}
		if p.raw {
			c.raw = append(c.raw, x)
		} else {
			c.ins = append(c.ins, x)
		}
	}
	given := len(args) > len(k.in)
	for j, p := range k.out {
		var x *array.Array
		if given {
			x = args[len(k.in)+j].(*array.Array)
			if d := c.dts[len(k.in)+j]; x.DType() != d {
				return fail("output %s is %v, the kernel writes %v", p.name, x.DType(), d)
			}
		} else if p.raw {
			return fail("raw output %s must be given", p.name)
		}
		if p.raw {
			c.raw = append(c.raw, x)
		} else {
			c.outs = append(c.outs, x)
		}
	}
	if err := array.RunCKernel(k.op, ck, size, c.outs, c.ins, c.raw, c.vals); err != nil {
		return err
	}
	c.result = c.result[:0]
	o, r := 0, len(c.raw)
	for _, p := range k.out {
		if p.raw {
			r--
		}
	}
	for _, p := range k.out {
		if p.raw {
			c.result = append(c.result, c.raw[r])
			r++
		} else {
			c.result = append(c.result, c.outs[o])
			o++
		}
	}
	return nil
}

// zeroed returns s resized to n zero elements, reusing its memory.
func zeroed(s []dtype.DType, n int) []dtype.DType {
	if cap(s) < n {
		return make([]dtype.DType, n)
	}
	s = s[:n]
	clear(s)
	return s
}

func (k *Elementwise) typeIndex(t string) int { return slices.Index(k.types, t) }

// unify records what an array argument of dtype d says of p's type.
func (k *Elementwise) unify(c *call, p param, d dtype.DType) error {
	if p.typ == "" {
		return nil
	}
	t := &c.types[k.typeIndex(p.typ)]
	if *t != 0 && *t != d {
		return fmt.Errorf("type %s is %v, but %s is %v", p.typ, *t, p.name, d)
	}
	*t = d
	return nil
}

// variant returns the CKernel of the call's dtypes and scalar inputs,
// building it on the first call.
func (k *Elementwise) variant(c *call) *ir.CKernel {
	find := func() *ir.CKernel {
		for _, v := range k.variants {
			if v.scalars == c.scalars && slices.Equal(v.dts, c.dts) {
				return v.k
			}
		}
		return nil
	}
	k.mu.RLock()
	ck := find()
	k.mu.RUnlock()
	if ck != nil {
		return ck
	}
	k.mu.Lock()
	defer k.mu.Unlock()
	if ck = find(); ck != nil {
		return ck
	}
	ck = &ir.CKernel{Name: k.name, Body: k.body, Preamble: k.cfg.preamble, Options: k.cfg.options,
		LoopPrep: k.cfg.loopPrep, AfterLoop: k.cfg.afterLoop}
	for i := range c.dts {
		p := k.param(i)
		cp := ir.CParam{Name: p.name, DType: c.dts[i], Out: i >= len(k.in)}
		switch {
		case p.raw:
			ck.Raw = append(ck.Raw, cp)
		case i >= len(k.in):
			ck.Outputs = append(ck.Outputs, cp)
		case c.scalars&(1<<i) != 0:
			ck.Scalars = append(ck.Scalars, cp)
		default:
			ck.Inputs = append(ck.Inputs, cp)
		}
	}
	for i, t := range k.types {
		ck.Types = append(ck.Types, ir.CParam{Name: t, DType: c.types[i]})
	}
	k.variants = append(k.variants, variant{dts: slices.Clone(c.dts), scalars: c.scalars, k: ck})
	return ck
}
