package array

import (
	"encoding/binary"
	"fmt"
	"github.com/cugo/cugo/dtype"
	"os"
	"slices"
	"sync"
	"sync/atomic"
	"weak"

	"github.com/cugo/cugo/backend"
	"github.com/cugo/cugo/internal/ir"
	"github.com/cugo/cugo/internal/layout"
)

// Automatic fusion. A ufunc call without an out array on a fusing backend
// records its result as a pending expression instead of launching: the
// result's storage has no buffer yet, only the expression (the typed loop
// of each ufunc applied, its scalar values, and the arrays it reads). The
// expression is materialised, as one kernel into a fresh buffer, when
// anything needs the storage's memory: hold (every backend call pins its
// operands through it), cOrder, Buffer, a write into an array it reads
// (checkWrite, elementwise's out, CopyFromSlice) or Free of such an array.
// Views of a pending array share its storage, so materialising the
// storage serves them all.
//
// Shapes, dtypes, loops, scalar conversions and errors are all resolved
// at the call, as without fusion; the kernel applies the same loops with
// the same casts, so the values are bit for bit those of eager evaluation.

// Limits of one fused expression: past them the operands are materialised
// and a new expression starts from them.
const (
	// maxFusedOps bounds the ufunc applications of an expression counted
	// as a tree (an operand used twice counts twice), which bounds the IR
	// that Validate, Key and the code generators walk recursively.
	maxFusedOps = 64
	// maxFusedInputs bounds the distinct arrays an expression reads.
	maxFusedInputs = 8
	// cheapOps is the size (in ufunc applications) up to which a pending
	// intermediate is recomputed inside every expression that uses it;
	// a larger one is inlined into its first consumer and materialised
	// for the next.
	cheapOps = 4
)

// lazyState is what a storage knows about fusion: its pending expression
// until it is materialised, and the pending expressions that read it.
type lazyState struct {
	pending atomic.Pointer[lazyExpr] // nil once materialised (or for an ordinary storage)
	mu      sync.Mutex               // serialises materialisation; guards readers
	readers []weak.Pointer[storage]  // pending storages whose expressions read this one
	nread   atomic.Int32             // len(readers), read without the lock
	nbytes  int                      // the buffer to allocate
}

// lazyExpr is a pending elementwise expression: steps in evaluation
// order, the last one the result.
type lazyExpr struct {
	op        string // the last operation, which names a failure to compute it
	dt        DType
	shape     []int
	steps     []lazyStep
	leaves    []*Array // the arrays read, materialised
	size      int      // ufunc applications counted as a tree
	consumers atomic.Int32
	err       error // materialisation failed: the storage has no buffer
}

// lazyStep is one ufunc loop applied to earlier steps and leaves.
type lazyStep struct {
	loop *loop
	args [3]int32 // per kernel input: step index, or -1-leaf
	nin  int
	vals [3]ir.Value
	nv   int
}

// FusionMode says which backends record elementwise operations for fusion.
type FusionMode int32

const (
	// FusionGPU fuses on GPU backends only: the default.
	FusionGPU FusionMode = iota
	// FusionOff runs every operation at once.
	FusionOff
	// FusionAll fuses on every backend, the CPU's included.
	FusionAll
)

var fusionMode atomic.Int32

var fusionDebug = os.Getenv("CUGO_FUSION_DEBUG") == "1"

func init() {
	switch os.Getenv("CUGO_FUSION") {
	case "0":
		fusionMode.Store(int32(FusionOff))
	case "1":
		fusionMode.Store(int32(FusionAll))
	}
}

// SetFusion sets which backends fuse elementwise operations and returns
// the previous mode. The environment sets the initial mode: CUGO_FUSION=0
// is FusionOff, CUGO_FUSION=1 FusionAll, anything else FusionGPU. Arrays
// already pending stay pending until they are needed.
func SetFusion(m FusionMode) FusionMode { return FusionMode(fusionMode.Swap(int32(m))) }

// fusing reports whether ufunc results on b are recorded.
func fusing(b backend.Backend) bool {
	switch FusionMode(fusionMode.Load()) {
	case FusionAll:
		return true
	case FusionGPU:
		_, gpu := b.(backend.PinnedAllocator)
		return gpu
	}
	return false
}

// lazyApply returns the pending result of loop l applied to ins (arrays
// on b, in the order of the loop kernel's inputs) and the scalar values
// vals, over shape. Pending operands that are whole arrays of that shape
// are inlined unless a limit or the shared-intermediate rule says to
// materialise them; every other operand is materialised and read.
func lazyApply(op string, l *loop, b backend.Backend, shape []int, ins []*Array, vals []ir.Value) *Array {
	nbytes, err := layout.Bytes(shape, l.out.Size())
	if err != nil {
		return failed(op, err)
	}
	if s, ok := b.(backend.Streamer); ok {
		if err := s.Closed(); err != nil { // an eager call would fail in Alloc
			return failed(op, err)
		}
	}
	var pend [3]*lazyExpr
	size, leaves := 1, 0
	for i, x := range ins {
		p := x.st.lazy.pending.Load()
		if p != nil && p.err == nil && x.offset == 0 && slices.Equal(x.shape, shape) && slices.Equal(p.shape, shape) && x.contiguous() &&
			(p.size <= cheapOps || p.consumers.Load() == 0 || slices.Contains(pend[:i], p)) {
			pend[i] = p
			size += p.size
			leaves += len(p.leaves)
		} else {
			leaves++
		}
	}
	if size > maxFusedOps || leaves > maxFusedInputs {
		pend = [3]*lazyExpr{} // too big: start afresh from materialised operands
	}
	e := &lazyExpr{op: op, dt: l.out, shape: slices.Clone(shape), size: 1}
	nsteps := 1
	for _, p := range pend {
		if p != nil {
			nsteps += len(p.steps)
		}
	}
	e.steps = make([]lazyStep, 0, nsteps) // an upper bound: a shared operand merges once
	e.leaves = make([]*Array, 0, leaves)
	step := lazyStep{loop: l, nin: len(ins)}
	step.nv = copy(step.vals[:], vals)
	var merged [3]*lazyExpr
	var roots [3]int32
	for i, x := range ins {
		if p := pend[i]; p != nil {
			j := slices.Index(merged[:], p)
			if j < 0 {
				j = i
				merged[i], roots[i] = p, e.merge(p)
				p.consumers.Add(1)
			}
			step.args[i] = roots[j]
			e.size += p.size
			continue
		}
		if err := x.st.materialise(); err != nil {
			return failed(op, err)
		}
		step.args[i] = -1 - e.leaf(x)
		e.size++
	}
	e.steps = append(e.steps, step)
	st := &storage{b: b}
	st.lazy.nbytes = nbytes
	st.lazy.pending.Store(e)
	for _, x := range e.leaves {
		x.st.addReader(st)
	}
	return &Array{st: st, dt: l.out, shape: e.shape, strides: contiguousStrides(e.shape)}
}

// merge appends p's steps and leaves to e and returns the index of p's
// result among e's steps.
func (e *lazyExpr) merge(p *lazyExpr) int32 {
	base := int32(len(e.steps))
	for _, s := range p.steps {
		for j := range s.nin {
			if r := s.args[j]; r >= 0 {
				s.args[j] = r + base
			} else {
				s.args[j] = -1 - e.leaf(p.leaves[-1-r])
			}
		}
		e.steps = append(e.steps, s)
	}
	return int32(len(e.steps) - 1)
}

// leaf returns the leaf number of x in e, adding it if it is new.
func (e *lazyExpr) leaf(x *Array) int32 {
	for i, y := range e.leaves {
		if y == x {
			return int32(i)
		}
	}
	e.leaves = append(e.leaves, x)
	return int32(len(e.leaves) - 1)
}

// addReader records that the pending storage r reads st, so that a write
// into st materialises r first. Readers that are gone or materialised are
// dropped when the list doubles.
func (st *storage) addReader(r *storage) {
	st.lazy.mu.Lock()
	defer st.lazy.mu.Unlock()
	if n := len(st.lazy.readers); n >= 8 && n&(n-1) == 0 {
		st.lazy.readers = slices.DeleteFunc(st.lazy.readers, func(w weak.Pointer[storage]) bool {
			s := w.Value()
			return s == nil || s.freed() || s.lazy.pending.Load() == nil
		})
	}
	st.lazy.readers = append(st.lazy.readers, weak.Make(r))
	st.lazy.nread.Store(int32(len(st.lazy.readers)))
}

// beforeWrite materialises every pending expression that reads st, so
// that none sees the write that follows.
func (st *storage) beforeWrite() {
	if st.lazy.nread.Load() == 0 {
		return
	}
	st.lazy.mu.Lock()
	rs := st.lazy.readers
	st.lazy.readers = nil
	st.lazy.nread.Store(0)
	st.lazy.mu.Unlock()
	for _, w := range rs {
		if r := w.Value(); r != nil {
			r.materialise() // a failure stays with the reader
		}
	}
}

// materialise computes st's pending expression into a new buffer, once;
// it returns the error of that computation, now or later.
func (st *storage) materialise() error {
	e := st.lazy.pending.Load()
	if e == nil {
		return nil
	}
	if e.err != nil {
		return e.err
	}
	st.lazy.mu.Lock()
	defer st.lazy.mu.Unlock()
	if e = st.lazy.pending.Load(); e == nil || e.err != nil {
		if e != nil {
			return e.err
		}
		return nil
	}
	if !st.pin() { // freed: nothing will read it
		return ErrFreed
	}
	err := e.run(st)
	if err != nil {
		err = fmt.Errorf("%s: %w", e.op, err)
		st.lazy.pending.Store(&lazyExpr{err: err})
	} else {
		st.lazy.pending.Store(nil)
	}
	st.unpin()
	return err
}

// run evaluates e into a new buffer and makes it st's.
func (e *lazyExpr) run(st *storage) error {
	buf, err := st.b.Alloc(st.lazy.nbytes)
	if err != nil {
		return err
	}
	out := &Array{st: adopt(st.b, buf), dt: e.dt, shape: e.shape, strides: contiguousStrides(e.shape)}
	k, ins, vals := e.kernel()
	if err := elementwise(k, e.shape, out, ins, vals); err != nil {
		st.b.Free(buf)
		return err
	}
	st.buf = buf
	return nil
}

// kernel returns e's fused kernel (one per structure, cached), its inputs
// and its scalar values.
func (e *lazyExpr) kernel() (*ir.Kernel, []*Array, []ir.Value) {
	if len(e.steps) == 1 { // a lone ufunc: its own kernel
		s := &e.steps[0]
		ins := make([]*Array, s.nin)
		for i := range s.nin {
			ins[i] = e.leaves[-1-s.args[i]]
		}
		return s.loop.kernel, ins, s.vals[:s.nv]
	}
	var vals []ir.Value
	kb := make([]byte, 0, 64)
	kb = binary.AppendUvarint(kb, uint64(len(e.leaves)))
	for i := range e.steps {
		s := &e.steps[i]
		vals = append(vals, s.vals[:s.nv]...)
		kb = binary.AppendUvarint(kb, uint64(s.loop.key))
		for _, a := range s.args[:s.nin] {
			kb = binary.AppendVarint(kb, int64(a))
		}
	}
	fusedKernels.RLock()
	k := fusedKernels.m[string(kb)]
	fusedKernels.RUnlock()
	if k == nil {
		k = e.build()
		fusedKernels.Lock()
		if old := fusedKernels.m[string(kb)]; old != nil {
			k = old // built meanwhile by another goroutine: keep one pointer per structure
		} else {
			if fusedKernels.m == nil {
				fusedKernels.m = map[string]*ir.Kernel{}
			}
			fusedKernels.m[string(kb)] = k
			if fusionDebug {
				fmt.Fprintf(os.Stderr, "cugo: fused %d ops over %d inputs: %s\n", len(e.steps), len(e.leaves), k.Key())
			}
		}
		fusedKernels.Unlock()
	}
	return k, e.leaves, vals
}

// fusedKernels holds one kernel per expression structure (its steps'
// loops and how they connect), so that a repeated expression finds its
// kernel, and the backend its compiled form, by pointer.
var fusedKernels struct {
	sync.RWMutex
	m map[string]*ir.Kernel
}

// build joins the steps' loop kernels into one.
func (e *lazyExpr) build() *ir.Kernel {
	k := &ir.Kernel{}
	leaves := make([]*ir.Node, len(e.leaves))
	for i, x := range e.leaves {
		leaves[i] = ir.In(i, x.dt)
		k.Inputs = append(k.Inputs, x.dt)
	}
	nodes := make([]*ir.Node, len(e.steps))
	for i, s := range e.steps {
		var ins [3]*ir.Node
		for j, a := range s.args[:s.nin] {
			if a >= 0 {
				ins[j] = nodes[a]
			} else {
				ins[j] = leaves[-1-a]
			}
		}
		lk := s.loop.kernel
		params := make([]*ir.Node, len(lk.Scalars))
		for j, dt := range lk.Scalars {
			params[j] = ir.Param(len(k.Scalars), dt)
			k.Scalars = append(k.Scalars, dt)
		}
		nodes[i] = substitute(lk.Outputs[0], ins[:s.nin], params)
	}
	k.Outputs = []*ir.Node{nodes[len(nodes)-1]}
	return k
}

// Eval computes a now if it is a pending result of fused operations
// (queued on its device, as any operation) and returns a's error or that
// of the computation. Reading a, or any operation that needs its memory,
// does the same; Eval only chooses the moment, so that the kernel
// boundary falls there.
func (a *Array) Eval() error {
	if err := a.Err(); err != nil {
		return err
	}
	return a.st.materialise()
}

// forget drops st's pending expression, freed before it was needed, so
// that it no longer keeps its inputs alive.
func (st *storage) forget() {
	st.lazy.mu.Lock()
	defer st.lazy.mu.Unlock()
	if e := st.lazy.pending.Load(); e != nil && e.err == nil {
		st.lazy.pending.Store(freedExpr)
	}
}

// freedExpr is the pending state of every storage freed while pending:
// a failure, never changed.
var freedExpr = &lazyExpr{err: ErrFreed}

// sameFoldOrder reports whether a reduction r that reads x directly adds
// in the order it would over the pending result (a new, aligned, C-order
// array of r.Input): a GPU picks its vector loads from the layout and the
// element size, and a float sum or product in another order may differ in
// the last bits. Integer sums, max and min are exact in any order.
func sameFoldOrder(r *ir.Reduction, x *Array) bool {
	if r.Acc.Kind() < dtype.FloatKind || (r.Combine != ir.SumOf && r.Combine != ir.ProdOf) {
		return true
	}
	return x.contiguous() && x.offset*x.dt.Size()%16 == 0 && x.dt.Size() == r.Input.Size()
}

// fuseReduction returns the reduction r of a with a's pending expression
// folded into its Pre, the arrays it then reads (the first, and more for
// the backend's ReduceMany) and its scalars, when the expression reads
// its arrays element for element in one layout (oneLayout); else r, a
// and scalars as they are. a itself stays pending.
func fuseReduction(r *ir.Reduction, a *Array, scalars []ir.Value) (*ir.Reduction, *Array, []*Array, []ir.Value) {
	p := a.st.lazy.pending.Load()
	if p == nil || p.err != nil || a.offset != 0 || !slices.Equal(a.shape, p.shape) || !a.contiguous() ||
		!oneLayout(p.leaves, p.shape) || !sameFoldOrder(r, p.leaves[0]) {
		return r, a, nil, scalars
	}
	k, ins, vals := p.kernel()
	leafOf := make([]byte, len(ins)) // a lone ufunc may read one array twice
	for i, x := range ins {
		leafOf[i] = byte(slices.Index(p.leaves, x))
	}
	key := fusedReduceKey{r, k, string(leafOf)}
	fr, ok := fusedReductions.Load(key)
	if !ok {
		in := make([]*ir.Node, len(ins))
		for i, j := range leafOf {
			in[i] = ir.In(int(j), p.leaves[j].dt)
		}
		kParams := make([]*ir.Node, len(k.Scalars))
		for i, dt := range k.Scalars {
			kParams[i] = ir.Param(len(r.Scalars)+i, dt)
		}
		rParams := make([]*ir.Node, len(r.Scalars))
		for i, dt := range r.Scalars {
			rParams[i] = ir.Param(i, dt)
		}
		expr := substitute(k.Outputs[0], in, kParams)
		red := *r
		red.Input = p.leaves[0].dt
		red.More = nil
		for _, x := range p.leaves[1:] {
			red.More = append(red.More, x.dt)
		}
		red.Scalars = slices.Concat(r.Scalars, k.Scalars)
		red.Pre = substitute(r.Pre, []*ir.Node{expr}, rParams)
		fr, _ = fusedReductions.LoadOrStore(key, &red)
	}
	return fr.(*ir.Reduction), p.leaves[0], p.leaves[1:], slices.Concat(scalars, vals)
}

// fusedReduceKey is a reduction with an expression folded in: both are
// canonical pointers, and leafOf maps the expression's kernel inputs to
// the arrays read, so equal keys share one reduction (and so one
// compiled kernel).
type fusedReduceKey struct {
	r      *ir.Reduction
	k      *ir.Kernel
	leafOf string
}

var fusedReductions sync.Map // fusedReduceKey → *ir.Reduction
