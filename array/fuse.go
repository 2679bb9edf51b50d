package array

import (
	"fmt"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"

	"github.com/cugo/cugo/backend"
	"github.com/cugo/cugo/internal/ir"
)

// Expr is an elementwise expression for Fuse: the operands of a fused
// call (Arg), Go scalar constants, and ufuncs applied to them. Its methods
// are the ufuncs; their operands are Exprs or Go scalars. An Expr only
// describes the computation: types are resolved when the fused function
// is called, per combination of operand dtypes. A mistake in building it
// (an operand of another type) is carried to Fuse, which reports it on
// every call.
type Expr struct{ n *exprNode }

// exprNode is a node of an expression: an operation, an Arg or a constant.
type exprNode struct {
	u    *ufunc // the operation; nil for a leaf
	to   DType  // AsType's dtype (u is uCopy)
	args []*exprNode
	arg  int    // Arg's index; -1 for a constant
	val  scalar // a constant
	err  error
}

// Arg is operand i of the fused function's call.
func Arg(i int) Expr {
	if i < 0 {
		return Expr{&exprNode{err: fmt.Errorf("Arg: negative index %d", i)}}
	}
	return Expr{&exprNode{arg: i}}
}

// apply returns u applied to e and the other operands.
func (e Expr) apply(u *ufunc, others ...any) Expr {
	return operation(&exprNode{u: u}, append([]any{e}, others...))
}

// operation returns n applied to its operands (Exprs or Go scalars).
func operation(n *exprNode, operands []any) Expr {
	n.args = make([]*exprNode, len(operands))
	for i, v := range operands {
		var a *exprNode
		switch v := v.(type) {
		case Expr:
			if a = v.n; a == nil {
				return Expr{&exprNode{err: fmt.Errorf("%s: operand %d is the zero Expr (use Arg)", n.name(), i)}}
			}
		default:
			s, ok := scalarOf(v)
			if !ok {
				return Expr{&exprNode{err: fmt.Errorf("%s: operand %d has unsupported type %T (want Expr or a Go number or bool)", n.name(), i, v)}}
			}
			a = &exprNode{arg: -1, val: s}
		}
		if a.err != nil {
			return Expr{a}
		}
		n.args[i] = a
	}
	return Expr{n}
}

// name is the operation's name in messages.
func (n *exprNode) name() string {
	if n.u == uCopy {
		return "AsType"
	}
	return n.u.name
}

// Fused is an expression compiled into one elementwise kernel per
// combination of operand dtypes: Call evaluates it with one launch and no
// temporaries. Every operation keeps its unfused semantics: the loop NumPy
// picks for the dtypes that reach it, weak Go scalars (kernel parameters,
// so other values reuse the kernel), the same casts and so the same bits
// as the chain of ufunc calls, and errors naming the operation. A Fused is
// safe for concurrent use.
//
//	x, y := array.Arg(0), array.Arg(1)
//	f := array.Fuse(x.Mul(2).Add(y.Mul(y)).Sub(1))
//	z := f.Call(a, b) // one kernel: a*2 + b*b - 1, no temporaries
//	f.Into(z, a, b)   // into an existing array: no allocation at all
type Fused struct {
	root   *exprNode
	nin    int
	consts []scalar
	index  map[*exprNode]int // constant number of each constant node
	key    string            // the structure, shared by expressions that differ in constants only
	err    error
	loops  atomic.Pointer[[]*fusedLoop] // resolved so far (copied on write)
}

// fusedLoop is a fused expression resolved for one combination of operand
// codes (as ufunc loops: a dtype, or scalarCode+kind) and output dtype.
type fusedLoop struct {
	codes  []uint32
	out    DType // the output array's dtype, 0 for a new array
	res    DType // dtype of the result
	kernel *ir.Kernel
	inputs []int // operand number of each kernel input
	params []fusedParam
	err    error
}

// fusedParam is a scalar parameter of the kernel: one use of a Go scalar,
// converted to the dtype that its operation's loop gives it.
type fusedParam struct {
	src    int // operand number; nin+i for constant i
	dt     DType
	op     string
	negPow bool // Pow's exponent: a negative integer is an error
}

// Fuse returns e, whose operands are Arg(0) ... Arg(n-1), as a function of
// n operands. Its kernel for a combination of operand dtypes is built on
// the first call with them. Errors in e are reported by every call.
func Fuse(e Expr) *Fused {
	f := &Fused{root: e.n, index: map[*exprNode]int{}}
	switch {
	case e.n == nil:
		f.err = fmt.Errorf("Fuse: zero Expr")
	case e.n.err != nil:
		f.err = e.n.err
	case e.n.u == nil:
		f.err = fmt.Errorf("Fuse: the expression has no operation")
	default:
		f.key = string(f.describe(nil, e.n, map[*exprNode]int{}))
	}
	return f
}

// describe appends the structure of n to b, numbering constants and
// writing a node met before as a reference, and counts the operands.
func (f *Fused) describe(b []byte, n *exprNode, seen map[*exprNode]int) []byte {
	if i, ok := seen[n]; ok {
		return strconv.AppendInt(append(b, '@'), int64(i), 10)
	}
	seen[n] = len(seen)
	switch {
	case n.u == nil && n.arg >= 0:
		f.nin = max(f.nin, n.arg+1)
		return strconv.AppendInt(append(b, 'a'), int64(n.arg), 10)
	case n.u == nil:
		f.index[n] = len(f.consts)
		f.consts = append(f.consts, n.val)
		return strconv.AppendInt(append(b, 'k'), int64(n.val.kind), 10)
	}
	b = strconv.AppendInt(b, int64(n.u.id), 10)
	if n.to != 0 {
		b = strconv.AppendInt(append(b, '>'), int64(n.to), 10)
	}
	b = append(b, '(')
	for i, a := range n.args {
		if i > 0 {
			b = append(b, ',')
		}
		b = f.describe(b, a, seen)
	}
	return append(b, ')')
}

// Err returns the error of building the expression, if any.
func (f *Fused) Err() error {
	if f == nil {
		return ErrNil
	}
	return f.err
}

// Call evaluates the expression on its operands, broadcast together, into
// a new array. An operand may be a Go scalar (weak, as in any ufunc, and a
// kernel parameter), but every operation needs an array among its
// operands, directly or through another operation.
func (f *Fused) Call(args ...any) *Array { return f.call(nil, args) }

// Into evaluates the expression into out, which may be one of the
// operands. The result is cast to out's dtype as the last operation's out
// argument would cast it (same_kind), and broadcasts to out's shape.
func (f *Fused) Into(out *Array, args ...any) *Array {
	if out == nil {
		return &Array{err: fmt.Errorf("Fused: %w", ErrNil)}
	}
	return f.call(out, args)
}

const fusedName = "Fused"

func (f *Fused) call(out *Array, args []any) *Array {
	var insBuf [8]*Array
	var valBuf [8]ir.Value
	l, ins, vals, shape, bad := f.prepare(out, args, insBuf[:0], valBuf[:0])
	if bad != nil {
		return bad
	}
	var err error
	if out == nil {
		if out, err = empty(ins[0].st.b, l.res, shape); err != nil {
			return failed(fusedName, err)
		}
	}
	if err := elementwise(l.kernel, shape, out, ins, vals); err != nil {
		return failed(fusedName, err)
	}
	return out
}

// prepare checks a call's operands and out (nil for a new array), and
// returns its resolved loop, array inputs and kernel parameters (appended
// to ins and vals) and the launch shape, or an Array carrying the error.
func (f *Fused) prepare(out *Array, args []any, ins []*Array, vals []ir.Value) (*fusedLoop, []*Array, []ir.Value, []int, *Array) {
	fail := func(a *Array) (*fusedLoop, []*Array, []ir.Value, []int, *Array) { return nil, nil, nil, nil, a }
	if f == nil {
		return fail(&Array{err: fmt.Errorf("%s: %w", fusedName, ErrNil)})
	}
	if f.err != nil {
		return fail(&Array{err: f.err})
	}
	if f.root == nil {
		return fail(errorf(fusedName, "a zero Fused (make one with Fuse)"))
	}
	if len(args) != f.nin {
		return fail(errorf(fusedName, "%d operands given, the expression takes %d", len(args), f.nin))
	}
	var codeBuf [8]uint32
	codes := codeBuf[:0]
	var b backend.Backend
	for i, v := range args {
		switch v := v.(type) {
		case *Array:
			if err := v.checkOp(fusedName); err != nil {
				return fail(&Array{err: err})
			}
			if b == nil {
				b = v.st.b
			} else if err := sameBackend(fusedName, b, v.st.b); err != nil {
				return fail(&Array{err: err})
			}
			codes = append(codes, uint32(v.dt))
		default:
			s, ok := scalarOf(v)
			if !ok {
				return fail(errorf(fusedName, "operand %d has unsupported type %T (want *Array or a Go number or bool)", i, v))
			}
			codes = append(codes, scalarCode+uint32(s.kind))
		}
	}
	var outDT DType
	if out != nil {
		if err := out.checkWrite(fusedName); err != nil {
			return fail(&Array{err: err})
		}
		if b != nil {
			if err := sameBackend(fusedName, b, out.st.b); err != nil {
				return fail(&Array{err: err})
			}
		}
		outDT = out.dt
	}
	l := f.loop(codes, outDT)
	if l.err != nil {
		return fail(&Array{err: l.err})
	}
	for _, i := range l.inputs {
		ins = append(ins, args[i].(*Array))
	}
	shape, err := f.shape(ins, args, out)
	if err != nil {
		return fail(&Array{err: err})
	}
	for _, p := range l.params {
		var s scalar
		if p.src < f.nin {
			s, _ = scalarOf(args[p.src])
		} else {
			s = f.consts[p.src-f.nin]
		}
		v, err := s.value(p.dt)
		if err != nil {
			return fail(errorf(p.op, "%v", err))
		}
		if p.negPow && !s.unsigned && s.i < 0 {
			return fail(errorf(p.op, "Integers to negative integer powers are not allowed."))
		}
		vals = append(vals, v)
	}
	return l, ins, vals, shape, nil
}

// loop returns the expression resolved for the operand codes and output
// dtype, resolving it on first use.
func (f *Fused) loop(codes []uint32, out DType) *fusedLoop {
	if ls := f.loops.Load(); ls != nil {
		for _, l := range *ls {
			if l.out == out && slices.Equal(l.codes, codes) {
				return l
			}
		}
	}
	fusedLoops.mu.Lock()
	defer fusedLoops.mu.Unlock()
	var ls []*fusedLoop
	if p := f.loops.Load(); p != nil {
		ls = *p
	}
	for _, l := range ls { // another goroutine may have stored it
		if l.out == out && slices.Equal(l.codes, codes) {
			return l
		}
	}
	key := []byte(f.key)
	for _, c := range append(codes, uint32(out)) {
		key = strconv.AppendUint(append(key, ' '), uint64(c), 10)
	}
	l := fusedLoops.m[string(key)]
	if l == nil {
		l = f.resolve(slices.Clone(codes), out)
		if fusedLoops.m == nil {
			fusedLoops.m = map[string]*fusedLoop{}
		}
		fusedLoops.m[string(key)] = l
	}
	ls = append(slices.Clip(ls), l)
	f.loops.Store(&ls)
	return l
}

// fusedLoops caches resolved expressions by structure, operand codes and
// output dtype, so that expressions differing only in their constants
// share one kernel.
var fusedLoops struct {
	mu sync.Mutex
	m  map[string]*fusedLoop
}

// resolve types every operation as its ufunc would for the dtypes that
// reach it, and joins their kernels into one.
func (f *Fused) resolve(codes []uint32, out DType) *fusedLoop {
	r := &resolver{f: f, l: &fusedLoop{codes: codes, out: out}, k: &ir.Kernel{},
		args: make([]*ir.Node, f.nin), built: map[*exprNode]*ir.Node{}}
	node, err := r.build(f.root, out)
	if err == nil {
		r.k.Outputs = []*ir.Node{node}
		err = r.k.Validate()
	}
	if err != nil {
		r.l.err = err
		return r.l
	}
	r.l.kernel, r.l.res = r.k, node.DType
	return r.l
}

type resolver struct {
	f     *Fused
	l     *fusedLoop
	k     *ir.Kernel
	args  []*ir.Node // the input node of each array operand
	built map[*exprNode]*ir.Node
}

// build returns the node of n's value; out is the dtype its result is
// cast to, 0 for its own.
func (r *resolver) build(n *exprNode, out DType) (*ir.Node, error) {
	if x := r.built[n]; x != nil {
		return x, nil
	}
	if n.u == nil { // an array operand: scalars are built by their users
		i := n.arg
		if r.args[i] == nil {
			r.args[i] = ir.In(len(r.k.Inputs), DType(r.l.codes[i]))
			r.k.Inputs = append(r.k.Inputs, DType(r.l.codes[i]))
			r.l.inputs = append(r.l.inputs, i)
		}
		return r.args[i], nil
	}
	var codes [3]uint32
	var args [3]*ir.Node
	array := false
	for i, a := range n.args {
		if c := r.scalarCode(a); c != 0 {
			codes[i] = c
			continue
		}
		x, err := r.build(a, 0)
		if err != nil {
			return nil, err
		}
		args[i], codes[i], array = x, uint32(x.DType), true
	}
	if !array {
		return nil, fmt.Errorf("%s: a fused operation needs an array operand, got only Go scalars", n.name())
	}
	if n.to != 0 {
		if out != 0 && out != n.to {
			return nil, fmt.Errorf("AsType: the output has dtype %v, the expression gives %v", out, n.to)
		}
		out = n.to
	}
	l := lookupLoop(n.u, codes, out)
	if l.err != nil {
		return nil, l.err
	}
	var ins, params [3]*ir.Node
	ni, np := 0, 0
	for i, a := range n.args {
		if args[i] != nil {
			ins[ni], ni = args[i], ni+1
			continue
		}
		src := a.arg
		if src < 0 {
			src = r.f.nin + r.f.index[a]
		}
		params[np], np = ir.Param(len(r.k.Scalars), l.args[i]), np+1
		r.k.Scalars = append(r.k.Scalars, l.args[i])
		r.l.params = append(r.l.params, fusedParam{src: src, dt: l.args[i], op: n.name(),
			negPow: n.u == uPow && i == 1 && isInt(l.args[i])})
	}
	x := substitute(l.kernel.Outputs[0], ins[:ni], params[:np])
	r.built[n] = x
	return x, nil
}

// scalarCode returns the operand code of n if it is a Go scalar (a
// constant or a scalar operand), else 0.
func (r *resolver) scalarCode(n *exprNode) uint32 {
	switch {
	case n.u != nil:
		return 0
	case n.arg < 0:
		return scalarCode + uint32(n.val.kind)
	case r.l.codes[n.arg] >= scalarCode:
		return r.l.codes[n.arg]
	}
	return 0
}

// substitute returns a copy of the ufunc kernel's expression x with its
// inputs and scalar parameters replaced by the given nodes.
func substitute(x *ir.Node, ins, params []*ir.Node) *ir.Node {
	switch x.Op {
	case ir.Input:
		return ins[x.Index]
	case ir.Scalar:
		return params[x.Index]
	}
	c := *x
	c.Args = make([]*ir.Node, len(x.Args))
	for i, a := range x.Args {
		c.Args[i] = substitute(a, ins, params)
	}
	return &c
}

// shape returns the shape the array operands broadcast to, checked
// against out. If they do not broadcast, every operation broadcasts its
// own operands, so that the error names the first that fails, as in the
// unfused chain.
func (f *Fused) shape(ins []*Array, args []any, out *Array) ([]int, error) {
	shape := ins[0].shape
	same := true
	for _, a := range ins[1:] {
		same = same && slices.Equal(shape, a.shape)
	}
	if !same {
		var buf [8][]int
		shapes := buf[:0]
		for _, a := range ins {
			shapes = append(shapes, a.shape)
		}
		var err error
		if shape, err = Broadcast(shapes...); err != nil {
			_, err = nodeShape(f.root, args)
			return nil, err
		}
	}
	if out == nil || slices.Equal(shape, out.shape) {
		return shape, nil
	}
	full, err := Broadcast(shape, out.shape)
	if err != nil {
		full = shape
	}
	if !slices.Equal(full, out.shape) {
		return nil, fmt.Errorf("%s: non-broadcastable output operand with shape %s doesn't match the broadcast shape %s",
			f.root.name(), formatShape(out.shape), formatShape(full))
	}
	return out.shape, nil
}

// nodeShape returns the shape of n's value (nil for a Go scalar).
func nodeShape(n *exprNode, args []any) ([]int, error) {
	if n.u == nil {
		if n.arg < 0 {
			return nil, nil
		}
		if a, ok := args[n.arg].(*Array); ok {
			return a.shape, nil
		}
		return nil, nil
	}
	var shapes [][]int
	for _, a := range n.args {
		s, err := nodeShape(a, args)
		if err != nil {
			return nil, err
		}
		if s != nil {
			shapes = append(shapes, s)
		}
	}
	s, err := Broadcast(shapes...)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", n.name(), err)
	}
	return s, nil
}

// The ufuncs as methods of Expr; each is the package function of the same
// name with e as its first operand.

// Add is Add(e, y).
func (e Expr) Add(y any) Expr { return e.apply(uAdd, y) }

// Sub is Sub(e, y).
func (e Expr) Sub(y any) Expr { return e.apply(uSub, y) }

// Mul is Mul(e, y).
func (e Expr) Mul(y any) Expr { return e.apply(uMul, y) }

// Div is Div(e, y).
func (e Expr) Div(y any) Expr { return e.apply(uDiv, y) }

// FloorDiv is FloorDiv(e, y).
func (e Expr) FloorDiv(y any) Expr { return e.apply(uFDiv, y) }

// Mod is Mod(e, y).
func (e Expr) Mod(y any) Expr { return e.apply(uMod, y) }

// Pow is Pow(e, y).
func (e Expr) Pow(y any) Expr { return e.apply(uPow, y) }

// Maximum is Maximum(e, y).
func (e Expr) Maximum(y any) Expr { return e.apply(uMax, y) }

// Minimum is Minimum(e, y).
func (e Expr) Minimum(y any) Expr { return e.apply(uMin, y) }

// FMax is FMax(e, y).
func (e Expr) FMax(y any) Expr { return e.apply(uFMax, y) }

// FMin is FMin(e, y).
func (e Expr) FMin(y any) Expr { return e.apply(uFMin, y) }

// Arctan2 is Arctan2(e, y).
func (e Expr) Arctan2(y any) Expr { return e.apply(uAtan2, y) }

// Hypot is Hypot(e, y).
func (e Expr) Hypot(y any) Expr { return e.apply(uHypot, y) }

// Copysign is Copysign(e, y).
func (e Expr) Copysign(y any) Expr { return e.apply(uCopys, y) }

// BitAnd is BitAnd(e, y).
func (e Expr) BitAnd(y any) Expr { return e.apply(uAnd, y) }

// BitOr is BitOr(e, y).
func (e Expr) BitOr(y any) Expr { return e.apply(uOr, y) }

// BitXor is BitXor(e, y).
func (e Expr) BitXor(y any) Expr { return e.apply(uXor, y) }

// LeftShift is LeftShift(e, y).
func (e Expr) LeftShift(y any) Expr { return e.apply(uLsh, y) }

// RightShift is RightShift(e, y).
func (e Expr) RightShift(y any) Expr { return e.apply(uRsh, y) }

// Equal is Equal(e, y).
func (e Expr) Equal(y any) Expr { return e.apply(uEq, y) }

// NotEqual is NotEqual(e, y).
func (e Expr) NotEqual(y any) Expr { return e.apply(uNe, y) }

// Less is Less(e, y).
func (e Expr) Less(y any) Expr { return e.apply(uLt, y) }

// LessEqual is LessEqual(e, y).
func (e Expr) LessEqual(y any) Expr { return e.apply(uLe, y) }

// Greater is Greater(e, y).
func (e Expr) Greater(y any) Expr { return e.apply(uGt, y) }

// GreaterEqual is GreaterEqual(e, y).
func (e Expr) GreaterEqual(y any) Expr { return e.apply(uGe, y) }

// LogicalAnd is LogicalAnd(e, y).
func (e Expr) LogicalAnd(y any) Expr { return e.apply(uLAnd, y) }

// LogicalOr is LogicalOr(e, y).
func (e Expr) LogicalOr(y any) Expr { return e.apply(uLOr, y) }

// LogicalXor is LogicalXor(e, y).
func (e Expr) LogicalXor(y any) Expr { return e.apply(uLXor, y) }

// Where is Where(e, x, y): x where e is true, y elsewhere.
func (e Expr) Where(x, y any) Expr { return e.apply(uWhere, x, y) }

// Clip is Clip(e, lo, hi).
func (e Expr) Clip(lo, hi any) Expr { return e.apply(uClip, lo, hi) }

// AsType is e cast to dt (unsafe casting, as Array.AsType).
func (e Expr) AsType(dt DType) Expr {
	if dt.Size() == 0 {
		return Expr{&exprNode{err: fmt.Errorf("AsType: invalid dtype %v", dt)}}
	}
	return operation(&exprNode{u: uCopy, to: dt}, []any{e})
}

// Neg is Neg(e).
func (e Expr) Neg() Expr { return e.apply(uNeg) }

// Pos is Pos(e).
func (e Expr) Pos() Expr { return e.apply(uPos) }

// Abs is Abs(e).
func (e Expr) Abs() Expr { return e.apply(uAbs) }

// Sign is Sign(e).
func (e Expr) Sign() Expr { return e.apply(uSign) }

// Reciprocal is Reciprocal(e).
func (e Expr) Reciprocal() Expr { return e.apply(uRecip) }

// Square is Square(e).
func (e Expr) Square() Expr { return e.apply(uSquare) }

// Sqrt is Sqrt(e).
func (e Expr) Sqrt() Expr { return e.apply(uSqrt) }

// Cbrt is Cbrt(e).
func (e Expr) Cbrt() Expr { return e.apply(uCbrt) }

// Exp is Exp(e).
func (e Expr) Exp() Expr { return e.apply(uExp) }

// Exp2 is Exp2(e).
func (e Expr) Exp2() Expr { return e.apply(uExp2) }

// Expm1 is Expm1(e).
func (e Expr) Expm1() Expr { return e.apply(uExpm1) }

// Log is Log(e).
func (e Expr) Log() Expr { return e.apply(uLog) }

// Log2 is Log2(e).
func (e Expr) Log2() Expr { return e.apply(uLog2) }

// Log10 is Log10(e).
func (e Expr) Log10() Expr { return e.apply(uLog10) }

// Log1p is Log1p(e).
func (e Expr) Log1p() Expr { return e.apply(uLog1p) }

// Sin is Sin(e).
func (e Expr) Sin() Expr { return e.apply(uSin) }

// Cos is Cos(e).
func (e Expr) Cos() Expr { return e.apply(uCos) }

// Tan is Tan(e).
func (e Expr) Tan() Expr { return e.apply(uTan) }

// Arcsin is Arcsin(e).
func (e Expr) Arcsin() Expr { return e.apply(uAsin) }

// Arccos is Arccos(e).
func (e Expr) Arccos() Expr { return e.apply(uAcos) }

// Arctan is Arctan(e).
func (e Expr) Arctan() Expr { return e.apply(uAtan) }

// Sinh is Sinh(e).
func (e Expr) Sinh() Expr { return e.apply(uSinh) }

// Cosh is Cosh(e).
func (e Expr) Cosh() Expr { return e.apply(uCosh) }

// Tanh is Tanh(e).
func (e Expr) Tanh() Expr { return e.apply(uTanh) }

// Arcsinh is Arcsinh(e).
func (e Expr) Arcsinh() Expr { return e.apply(uAsinh) }

// Arccosh is Arccosh(e).
func (e Expr) Arccosh() Expr { return e.apply(uAcosh) }

// Arctanh is Arctanh(e).
func (e Expr) Arctanh() Expr { return e.apply(uAtanh) }

// Floor is Floor(e).
func (e Expr) Floor() Expr { return e.apply(uFloor) }

// Ceil is Ceil(e).
func (e Expr) Ceil() Expr { return e.apply(uCeil) }

// Trunc is Trunc(e).
func (e Expr) Trunc() Expr { return e.apply(uTrunc) }

// Rint is Rint(e).
func (e Expr) Rint() Expr { return e.apply(uRint) }

// Round is Round(e).
func (e Expr) Round() Expr { return e.apply(uRound) }

// IsNaN is IsNaN(e).
func (e Expr) IsNaN() Expr { return e.apply(uIsNaN) }

// IsInf is IsInf(e).
func (e Expr) IsInf() Expr { return e.apply(uIsInf) }

// IsFinite is IsFinite(e).
func (e Expr) IsFinite() Expr { return e.apply(uIsFinite) }

// Signbit is Signbit(e).
func (e Expr) Signbit() Expr { return e.apply(uSignbit) }

// LogicalNot is LogicalNot(e).
func (e Expr) LogicalNot() Expr { return e.apply(uLNot) }

// Invert is Invert(e).
func (e Expr) Invert() Expr { return e.apply(uInvert) }

// Conj is Conj(e).
func (e Expr) Conj() Expr { return e.apply(uConj) }

// Real is Real(e).
func (e Expr) Real() Expr { return e.apply(uReal) }
