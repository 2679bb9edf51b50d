// Package ir is the expression language of elementwise kernels: the array
// package builds it, the CPU backend evaluates it in Go, and the GPU
// backends render it to CUDA C (HIP compiles the same C).
//
// A Kernel maps N input arrays and M scalar parameters to one or more
// outputs, element by element. Every Node has a dtype; the array package
// inserts Cast nodes so that the arguments of an arithmetic node have the
// node's own dtype (NumPy's loop for that dtype), comparisons and
// predicates take equal-typed arguments and give Bool. Scalars are kernel
// parameters, never source text, so a*2 and a*3 share one compiled kernel.
package ir

import (
	"fmt"
	"strings"

	"github.com/cugo/cugo/dtype"
)

// Op is an elementwise operation.
type Op uint8

// Leaves.
const (
	Input  Op = iota // array input Node.Index
	Scalar           // scalar parameter Node.Index
	Cast             // convert Args[0] to Node.DType (NumPy's unsafe casting)
)

// Unary operations: result dtype = argument dtype unless noted.
const (
	Neg Op = iota + 16
	Pos
	Abs // complex -> float
	Sign
	Reciprocal
	Square
	Sqrt
	Cbrt
	Exp
	Exp2
	Expm1
	Log
	Log2
	Log10
	Log1p
	Sin
	Cos
	Tan
	Arcsin
	Arccos
	Arctan
	Sinh
	Cosh
	Tanh
	Arcsinh
	Arccosh
	Arctanh
	Floor
	Ceil
	Trunc
	Rint       // round half to even
	IsNaN      // -> Bool
	IsInf      // -> Bool
	IsFinite   // -> Bool
	Signbit    // -> Bool
	LogicalNot // -> Bool (argument Bool)
	Invert     // bitwise not; logical not for Bool
	Real       // complex -> float
	Imag       // complex -> float
	Conj
	Angle         // complex -> float
	Spacing       // distance to the next float away from zero
	Deg2rad       // degrees to radians
	Rad2deg       // radians to degrees
	Sinc          // sin(πx)/(πx), 1 at 0
	Modf          // fractional part, with x's sign (the integral part is Trunc)
	FrexpMantissa // m of x = m·2^e, 0.5 <= |m| < 1
	FrexpExponent // e of x = m·2^e -> Int32
	I0            // modified Bessel function of the first kind, order 0
	BitwiseCount  // number of 1-bits of |x| -> Uint8
)

// Binary operations: arguments and result share a dtype unless noted.
const (
	Add Op = iota + 96
	Sub
	Mul
	Div      // true division (floats and complex)
	FloorDiv // Python's //, integer division by zero gives 0 as NumPy
	Mod      // Python's %, sign of the divisor
	Pow
	Maximum // propagates NaN
	Minimum // propagates NaN
	FMax    // ignores NaN
	FMin    // ignores NaN
	Arctan2
	Hypot
	Copysign
	BitAnd
	BitOr
	BitXor
	LeftShift
	RightShift
	LogicalAnd   // Bool arguments
	LogicalOr    // Bool arguments
	LogicalXor   // Bool arguments
	Equal        // -> Bool
	NotEqual     // -> Bool
	Less         // -> Bool
	LessEqual    // -> Bool
	Greater      // -> Bool
	GreaterEqual // -> Bool
	Fmod         // C's fmod: remainder with the sign of the dividend; integers by zero give 0
	Gcd          // greatest common divisor, non-negative
	Lcm          // least common multiple, non-negative
	Heaviside    // 0 below zero, 1 above, the second argument at zero
	Logaddexp    // log(exp(x) + exp(y))
	Logaddexp2   // log2(2^x + 2^y)
	Nextafter    // the next float after x toward y
	Ldexp        // x·2^y, y an integer-valued float
)

// Ternary operations.
const (
	Where Op = iota + 160 // Args[0] Bool ? Args[1] : Args[2]
)

// Arity returns how many arguments op takes.
func (op Op) Arity() int {
	switch {
	case op == Input || op == Scalar:
		return 0
	case op == Cast || (op >= Neg && op <= BitwiseCount):
		return 1
	case op >= Add && op <= Ldexp:
		return 2
	case op == Where:
		return 3
	case op.IsRandom():
		return randomArity(op)
	}
	return -1
}

// Ops returns the computing ops (all but the leaves and Cast) that take
// n arguments, in order.
func Ops(n int) []Op {
	var ops []Op
	for op := range Op(255) {
		if op != Cast && op.Arity() == n {
			ops = append(ops, op)
		}
	}
	return ops
}

// Node is one operation of an expression tree.
type Node struct {
	Op    Op
	DType dtype.DType
	Index int     // input or scalar index, for Input and Scalar
	Args  []*Node // operands, Op.Arity() of them
}

// Kernel is a complete elementwise computation.
type Kernel struct {
	Inputs  []dtype.DType // element types of the array inputs
	Scalars []dtype.DType // types of the scalar parameters
	Outputs []*Node       // one expression per output array; its DType is the output's
}

// In returns the leaf for array input i of type dt.
func In(i int, dt dtype.DType) *Node { return &Node{Op: Input, Index: i, DType: dt} }

// Param returns the leaf for scalar parameter i of type dt.
func Param(i int, dt dtype.DType) *Node { return &Node{Op: Scalar, Index: i, DType: dt} }

// Apply returns op applied to args, with result type dt.
func Apply(op Op, dt dtype.DType, args ...*Node) *Node {
	return &Node{Op: op, DType: dt, Args: args}
}

// To returns n converted to dt (n itself when it already has that type).
func To(n *Node, dt dtype.DType) *Node {
	if n.DType == dt {
		return n
	}
	return &Node{Op: Cast, DType: dt, Args: []*Node{n}}
}

// Check checks n's own typing against its op's signature (the dtypes of
// its arguments, not theirs).
func (n *Node) Check() error {
	if !KAll.Has(n.DType) {
		return fmt.Errorf("ir: %v node has invalid dtype %d", n.Op, uint8(n.DType))
	}
	switch {
	case n.Op == Input || n.Op == Scalar || n.Op == Cast:
		return nil
	case n.Op.IsRandom():
		return checkRandom(n)
	case n.Op == Where:
		if n.Args[0].DType != dtype.Bool || n.Args[1].DType != n.DType || n.Args[2].DType != n.DType {
			return fmt.Errorf("ir: where (%v) takes a bool condition and two %v values, has %v, %v, %v",
				n.DType, n.DType, n.Args[0].DType, n.Args[1].DType, n.Args[2].DType)
		}
		return nil
	}
	t := n.Args[0].DType
	for _, a := range n.Args[1:] {
		if a.DType != t {
			return fmt.Errorf("ir: %v (%v) has arguments of different dtypes %v and %v", n.Op, n.DType, t, a.DType)
		}
	}
	if !Accepts(n.Op, t) {
		return fmt.Errorf("ir: %v is not defined for %v", n.Op, t)
	}
	if want := ResultType(n.Op, t); want != n.DType {
		return fmt.Errorf("ir: %v of %v gives %v, the node says %v", n.Op, t, want, n.DType)
	}
	return nil
}

// Validate checks arities, leaf indices and the typing rules of the op
// table (ops.go).
func (k *Kernel) Validate() error {
	if len(k.Outputs) == 0 {
		return fmt.Errorf("ir: kernel has no outputs")
	}
	var check func(n *Node) error
	check = func(n *Node) error {
		if n == nil {
			return fmt.Errorf("ir: nil node")
		}
		if got, want := len(n.Args), n.Op.Arity(); want < 0 || got != want {
			return fmt.Errorf("ir: op %d takes %d arguments, has %d", n.Op, want, got)
		}
		if err := n.Check(); err != nil {
			return err
		}
		switch n.Op {
		case Input:
			if n.Index < 0 || n.Index >= len(k.Inputs) || k.Inputs[n.Index] != n.DType {
				return fmt.Errorf("ir: input %d (%v) does not match the kernel's inputs %v", n.Index, n.DType, k.Inputs)
			}
		case Scalar:
			if n.Index < 0 || n.Index >= len(k.Scalars) || k.Scalars[n.Index] != n.DType {
				return fmt.Errorf("ir: scalar %d (%v) does not match the kernel's scalars %v", n.Index, n.DType, k.Scalars)
			}
		}
		for _, a := range n.Args {
			if err := check(a); err != nil {
				return err
			}
		}
		return nil
	}
	for _, o := range k.Outputs {
		if err := check(o); err != nil {
			return err
		}
	}
	return nil
}

// Key is a canonical text of the kernel, equal for equal kernels: the
// compile-cache key of the GPU backends.
func (k *Kernel) Key() string {
	var b strings.Builder
	var write func(n *Node)
	write = func(n *Node) {
		switch n.Op {
		case Input:
			fmt.Fprintf(&b, "in%d", n.Index)
			return
		case Scalar:
			fmt.Fprintf(&b, "s%d", n.Index)
			return
		}
		fmt.Fprintf(&b, "%d:%s(", n.Op, n.DType)
		for i, a := range n.Args {
			if i > 0 {
				b.WriteByte(',')
			}
			write(a)
		}
		b.WriteByte(')')
	}
	b.WriteString("in[")
	for i, d := range k.Inputs {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(d.String())
	}
	b.WriteString("] s[")
	for i, d := range k.Scalars {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(d.String())
	}
	b.WriteString("] out[")
	for i, o := range k.Outputs {
		if i > 0 {
			b.WriteByte(';')
		}
		write(o)
	}
	b.WriteByte(']')
	return b.String()
}
