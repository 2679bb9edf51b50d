package cgen

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/cugo/cugo/dtype"
	"github.com/cugo/cugo/internal/ir"
)

// floatFuncs are the ops that are one C math function of a float.
var floatFuncs = map[ir.Op]string{
	ir.Sqrt: "sqrt", ir.Cbrt: "cbrt", ir.Exp: "exp", ir.Exp2: "exp2", ir.Expm1: "expm1",
	ir.Log: "log", ir.Log2: "log2", ir.Log10: "log10", ir.Log1p: "log1p",
	ir.Sin: "sin", ir.Cos: "cos", ir.Tan: "tan", ir.Arcsin: "asin", ir.Arccos: "acos", ir.Arctan: "atan",
	ir.Sinh: "sinh", ir.Cosh: "cosh", ir.Tanh: "tanh", ir.Arcsinh: "asinh", ir.Arccosh: "acosh",
	ir.Arctanh: "atanh", ir.Floor: "floor", ir.Ceil: "ceil", ir.Trunc: "trunc", ir.Rint: "rint",
	ir.Pow: "pow", ir.Arctan2: "atan2", ir.Hypot: "hypot", ir.Copysign: "copysign",
}

// complexFuncs are the complex ops done by a helper of that name.
var complexFuncs = map[ir.Op]string{
	ir.Sign: "sign", ir.Reciprocal: "recip", ir.Sqrt: "sqrt", ir.Exp: "exp", ir.Log: "log",
	ir.Mul: "mul", ir.Div: "div", ir.Pow: "pow",
	ir.Maximum: "max", ir.Minimum: "min", ir.FMax: "fmax", ir.FMin: "fmin",
	ir.Less: "lt", ir.LessEqual: "le", ir.Greater: "gt", ir.GreaterEqual: "ge",
	ir.Sin: "sin", ir.Cos: "cos", ir.Tan: "tan", ir.Arcsin: "asin", ir.Arccos: "acos", ir.Arctan: "atan",
	ir.Sinh: "sinh", ir.Cosh: "cosh", ir.Tanh: "tanh", ir.Arcsinh: "asinh", ir.Arccosh: "acosh",
	ir.Arctanh: "atanh", ir.Exp2: "exp2", ir.Expm1: "expm1", ir.Log2: "log2", ir.Log10: "log10", ir.Log1p: "log1p",
	ir.Rint: "rint", ir.Sinc: "sinc",
}

// cmpOps are the C comparison operators.
var cmpOps = map[ir.Op]string{
	ir.Equal: "==", ir.NotEqual: "!=", ir.Less: "<", ir.LessEqual: "<=", ir.Greater: ">", ir.GreaterEqual: ">=",
}

// arith are the C operators of the wrapping integer and plain float ops.
var arith = map[ir.Op]string{ir.Add: "+", ir.Sub: "-", ir.Mul: "*", ir.Div: "/"}

// emitter writes the body of one kernel's element function: one const
// local per node, each node once however often the tree uses it.
type emitter struct {
	need    helperSet
	body    strings.Builder
	vars    map[*ir.Node]string
	inputs  map[int]bool // inputs the kernel reads
	scalars map[int]bool // scalars the kernel reads
	counter bool         // the kernel reads ir.Counter
}

func newEmitter(need helperSet) *emitter {
	return &emitter{need: need, vars: map[*ir.Node]string{}, inputs: map[int]bool{}, scalars: map[int]bool{}}
}

// value returns the local that holds n, emitting its computation.
func (e *emitter) value(n *ir.Node) (string, error) {
	if v, ok := e.vars[n]; ok {
		return v, nil
	}
	if err := validDType(n.DType); err != nil {
		return "", fmt.Errorf("%v node: %w", n.Op, err)
	}
	e.needType(n.DType)
	var x string
	switch n.Op {
	case ir.Input:
		e.inputs[n.Index] = true
		x = load(n.DType, "x"+strconv.Itoa(n.Index))
	case ir.Scalar:
		e.scalars[n.Index] = true
		x = load(n.DType, "s"+strconv.Itoa(n.Index))
	case ir.Counter:
		if n.DType != dtype.Uint64 {
			return "", fmt.Errorf("counter gives uint64, not %v", n.DType)
		}
		e.counter = true
		x = "ctr"
	default:
		args := make([]string, len(n.Args))
		for i, a := range n.Args {
			v, err := e.value(a)
			if err != nil {
				return "", err
			}
			args[i] = v
		}
		var err error
		if x, err = e.expr(n, args); err != nil {
			return "", err
		}
	}
	v := "v" + strconv.Itoa(len(e.vars))
	e.vars[n] = v
	fmt.Fprintf(&e.body, "  const %s %s = %s;\n", compute(n.DType), v, x)
	return v, nil
}

// needType adds the helpers that values of dtype d need.
func (e *emitter) needType(d dtype.DType) {
	switch d {
	case dtype.Float16:
		e.need.add("half")
	case dtype.BFloat16:
		e.need.add("bfloat")
	case dtype.Complex64:
		e.need.add("c64")
	case dtype.Complex128:
		e.need.add("c128")
	}
}

// expr is the C expression of node n over its argument locals a.
func (e *emitter) expr(n *ir.Node, a []string) (string, error) {
	if err := n.Check(); err != nil {
		return "", err
	}
	d := n.DType
	switch n.Op {
	case ir.Cast:
		return e.cast(n.Args[0].DType, d, a[0]), nil
	case ir.Where:
		return "(" + a[0] + " ? " + a[1] + " : " + a[2] + ")", nil
	}
	if n.Op.IsRandom() {
		return e.random(n, a)
	}
	t := n.Args[0].DType
	x, err := e.op(n.Op, t, a)
	if err != nil {
		return "", err
	}
	if sig, _ := n.Op.Sig(); !sig.Exact {
		x = round(d, x)
	}
	return x, nil
}

// round rounds a float computation to a float16/bfloat16 node's precision.
func round(d dtype.DType, x string) string {
	switch d {
	case dtype.Float16:
		return "rh(" + x + ")"
	case dtype.BFloat16:
		return "rb(" + x + ")"
	}
	return x
}

// op is the C of op on arguments a of dtype t, in t's compute type.
func (e *emitter) op(op ir.Op, t dtype.DType, a []string) (string, error) {
	if x, ok := e.special(op, t, a); ok {
		return x, nil
	}
	c := classOf(t)
	T, W, f := storage(t), wide(t), suffix(t)
	x := a[0]
	var y string
	if len(a) > 1 {
		y = a[1]
	}
	if c == classComplex {
		if name, ok := complexFuncs[op]; ok {
			e.need.add(T + "_" + name)
			return T + "_" + name + "(" + strings.Join(a, ", ") + ")", nil
		}
	}
	if c == classFloat {
		if name, ok := floatFuncs[op]; ok {
			return name + f + "(" + strings.Join(a, ", ") + ")", nil
		}
	}
	bits := strconv.Itoa(8 * sizeOf(t))
	switch op {
	case ir.Neg:
		switch c {
		case classFloat:
			return "(-" + x + ")", nil
		case classComplex:
			return T + "_(-" + x + ".re, -" + x + ".im)", nil
		}
		return "(" + T + ")(0 - (" + W + ")" + x + ")", nil
	case ir.Pos: // integers: the value itself
		return x, nil
	case ir.Conj:
		if c == classComplex {
			return T + "_(" + x + ".re, -" + x + ".im)", nil
		}
		return x, nil
	case ir.Abs:
		switch c {
		case classSigned:
			if sizeOf(t) < 4 {
				// in int, where -x cannot overflow: NVRTC 13.0 got the
				// unsigned form wrong for int8 (|0| > 1 in byte 0 of a
				// word, when a comparison followed)
				return "((" + T + ")((int)" + x + " < 0 ? -(int)" + x + " : (int)" + x + "))", nil
			}
			return "(" + x + " < 0 ? (" + T + ")(0 - (" + W + ")" + x + ") : " + x + ")", nil
		case classFloat:
			return "fabs" + f + "(" + x + ")", nil
		case classComplex:
			return "hypot" + f + "(" + x + ".re, " + x + ".im)", nil
		}
		return x, nil
	case ir.Sign:
		switch c {
		case classSigned:
			return "(" + T + ")((" + x + " > 0) - (" + x + " < 0))", nil
		case classUnsigned:
			return "(" + T + ")(" + x + " > 0)", nil
		}
		return fmt.Sprintf("(%[1]s > 0 ? %[2]s : %[1]s < 0 ? %[3]s : %[1]s == 0 ? %[4]s : %[1]s)",
			x, literal(t, "1"), literal(t, "-1"), literal(t, "0")), nil
	case ir.Reciprocal:
		switch c {
		case classSigned: // NumPy's (T)(1.0/x): 1/0 = inf converts to the most negative int32/int64, which int8/int16 wrap to 0
			zero := "0"
			switch t {
			case dtype.Int32:
				zero = "(-2147483647 - 1)"
			case dtype.Int64:
				zero = "(-9223372036854775807LL - 1)"
			}
			return "(" + T + ")(" + x + " == 1 ? 1 : " + x + " == -1 ? -1 : " + x + " == 0 ? " + zero + " : 0)", nil
		case classUnsigned: // 1/0 = inf converts to 0 (floatToInt)
			return "(" + T + ")(" + x + " == 1)", nil
		}
		return "(" + literal(t, "1") + " / " + x + ")", nil
	case ir.Square:
		switch c {
		case classFloat:
			return "(" + x + " * " + x + ")", nil
		case classComplex:
			return fmt.Sprintf("%s_(%[2]s.re * %[2]s.re - %[2]s.im * %[2]s.im, %[2]s.re * %[2]s.im + %[2]s.im * %[2]s.re)", T, x), nil
		}
		return "(" + T + ")((" + W + ")" + x + " * (" + W + ")" + x + ")", nil
	case ir.IsNaN:
		switch c {
		case classFloat:
			return "(" + x + " != " + x + ")", nil
		case classComplex:
			return fmt.Sprintf("(%[1]s.re != %[1]s.re || %[1]s.im != %[1]s.im)", x), nil
		}
		return "false", nil
	case ir.IsInf, ir.IsFinite:
		cmp, join := " == ", " || "
		if op == ir.IsFinite {
			cmp, join = " < ", " && "
		}
		inf := infinity(t)
		switch c {
		case classFloat:
			return "(fabs" + f + "(" + x + ")" + cmp + inf + ")", nil
		case classComplex:
			return "(fabs" + f + "(" + x + ".re)" + cmp + inf + join + "fabs" + f + "(" + x + ".im)" + cmp + inf + ")", nil
		}
		return strconv.FormatBool(op == ir.IsFinite), nil
	case ir.Signbit:
		switch {
		case f == "f":
			return "(__float_as_int(" + x + ") < 0)", nil
		}
		return "(__double_as_longlong(" + x + ") < 0)", nil
	case ir.LogicalNot:
		return "!" + truth(t, x), nil
	case ir.Invert:
		if c == classBool {
			return "!" + x, nil
		}
		return "(" + T + ")~" + x, nil
	case ir.Real, ir.Imag:
		if c == classComplex {
			if op == ir.Real {
				return x + ".re", nil
			}
			return x + ".im", nil
		}
		if op == ir.Real {
			return x, nil
		}
		return literal(t, "0"), nil
	case ir.Angle:
		if c == classComplex {
			return "atan2" + f + "(" + x + ".im, " + x + ".re)", nil
		}
		return "atan2" + f + "(" + literal(t, "0") + ", " + x + ")", nil

	case ir.Add, ir.Sub, ir.Mul, ir.Div:
		o := arith[op]
		switch c {
		case classBool:
			if op == ir.Add {
				return "(" + x + " || " + y + ")", nil
			}
			return "(" + x + " && " + y + ")", nil
		case classFloat:
			return "(" + x + " " + o + " " + y + ")", nil
		case classComplex:
			return fmt.Sprintf("%s_(%s.re %s %s.re, %s.im %s %s.im)", T, x, o, y, x, o, y), nil
		}
		return "(" + T + ")((" + W + ")" + x + " " + o + " (" + W + ")" + y + ")", nil
	case ir.FloorDiv, ir.Mod:
		name, o := "floordiv", "/"
		if op == ir.Mod {
			name, o = "mod", "%"
		}
		switch c {
		case classSigned:
			e.need.add(name + "_s")
			return name + "_s<" + T + ">(" + x + ", " + y + ")", nil
		case classUnsigned:
			return "(" + y + " == 0 ? (" + T + ")0 : (" + T + ")(" + x + " " + o + " " + y + "))", nil
		}
		h := name + "_f64"
		if f == "f" {
			h = name + "_f32"
		}
		e.need.add(h)
		return h + "(" + x + ", " + y + ")", nil
	case ir.Pow:
		h := "pow_u"
		if c == classSigned {
			h = "pow_s"
		}
		e.need.add(h)
		return h + "<" + T + ">(" + x + ", " + y + ")", nil
	case ir.Maximum, ir.Minimum, ir.FMax, ir.FMin:
		o := ">="
		if op == ir.Minimum || op == ir.FMin {
			o = "<="
		}
		if c == classFloat { // Maximum/Minimum keep a NaN first argument, FMax/FMin a non-NaN one
			nan := x
			if op == ir.FMax || op == ir.FMin {
				nan = y
			}
			return fmt.Sprintf("((%s %s %s || %s != %s) ? %s : %s)", x, o, y, nan, nan, x, y), nil
		}
		return "(" + x + " " + o + " " + y + " ? " + x + " : " + y + ")", nil
	case ir.BitAnd, ir.BitOr, ir.BitXor:
		if c == classBool {
			return "(" + x + " " + map[ir.Op]string{ir.BitAnd: "&&", ir.BitOr: "||", ir.BitXor: "!="}[op] + " " + y + ")", nil
		}
		return "(" + T + ")(" + x + " " + map[ir.Op]string{ir.BitAnd: "&", ir.BitOr: "|", ir.BitXor: "^"}[op] + " " + y + ")", nil
	case ir.LeftShift:
		return "((" + W + ")" + y + " >= " + bits + " ? (" + T + ")0 : (" + T + ")((" + W + ")" + x + " << " + y + "))", nil
	case ir.RightShift:
		over := "(" + T + ")0"
		if c == classSigned {
			over = "(" + T + ")(" + x + " < 0 ? -1 : 0)"
		}
		return "((" + W + ")" + y + " >= " + bits + " ? " + over + " : (" + T + ")(" + x + " >> " + y + "))", nil
	case ir.LogicalAnd:
		return "(" + truth(t, x) + " && " + truth(t, y) + ")", nil
	case ir.LogicalOr:
		return "(" + truth(t, x) + " || " + truth(t, y) + ")", nil
	case ir.LogicalXor:
		return "(" + truth(t, x) + " != " + truth(t, y) + ")", nil
	case ir.Equal, ir.NotEqual, ir.Less, ir.LessEqual, ir.Greater, ir.GreaterEqual:
		if c == classComplex {
			if op == ir.Equal {
				return fmt.Sprintf("(%[1]s.re == %[2]s.re && %[1]s.im == %[2]s.im)", x, y), nil
			}
			return fmt.Sprintf("(%[1]s.re != %[2]s.re || %[1]s.im != %[2]s.im)", x, y), nil
		}
		return "(" + x + " " + cmpOps[op] + " " + y + ")", nil
	}
	return "", fmt.Errorf("%v of %v is not implemented", op, t) // unreachable while rules and this switch agree
}

// truth is x != 0 for a value x of dtype t.
func truth(t dtype.DType, x string) string {
	switch classOf(t) {
	case classBool:
		return x
	case classComplex:
		return fmt.Sprintf("(%[1]s.re != 0 || %[1]s.im != 0)", x)
	}
	return "(" + x + " != 0)"
}

// cast converts x, a computed value of dtype s, to dtype d.
func (e *emitter) cast(s, d dtype.DType, x string) string {
	cs, cd := classOf(s), classOf(d)
	switch {
	case s == d:
		return x
	case cd == classBool:
		return truth(s, x)
	case cs == classComplex && cd == classComplex:
		F := compute(realOf(d))
		return storage(d) + "_((" + F + ")" + x + ".re, (" + F + ")" + x + ".im)"
	case cs == classComplex: // the real part
		return e.cast(realOf(s), d, x+".re")
	case cd == classComplex:
		return storage(d) + "_(" + e.cast(s, realOf(d), x) + ", 0)"
	case cd == classFloat:
		if d == dtype.Float32 || d == dtype.Float64 {
			return "(" + compute(d) + ")" + x
		}
		if s == dtype.Float64 { // one rounding, as NumPy's double -> half
			e.need.add("d2f_odd")
			return round(d, "d2f_odd("+x+")")
		}
		return round(d, "(float)"+x)
	case cs == classFloat: // to an integer: ir's floatToInt rules, through the f2i helpers
		e.need.add("f2i")
		switch d {
		case dtype.Int32, dtype.Int64, dtype.Uint32, dtype.Uint64:
			return "f2" + storage(d) + "(" + x + ")"
		}
		return "(" + storage(d) + ")f2i32(" + x + ")" // wraps, as NumPy's conversion through int32
	}
	return "(" + storage(d) + ")" + x
}
