package array

import (
	"fmt"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/cugo/cugo/backend"
	"github.com/cugo/cugo/dtype"
	"github.com/cugo/cugo/internal/ir"
)

// A ufunc is an elementwise operation with NumPy's type resolution: its
// operands are promoted to a common dtype (Go scalars weakly, NEP 50), the
// loop is the first of its loop dtypes to which that common dtype casts
// safely (as NumPy searches ufunc.types), and the result is cast to the
// output array under same_kind casting.
type ufunc struct {
	name     string // the Go name, which starts every error message
	numpy    string // NumPy's name, for messages that quote it
	nin      int
	op       ir.Op
	loops    []DType // NumPy's loops, in its order; by default those of op's signature and identity
	res      resolution
	boolOp   ir.Op     // op of the bool loop where it is another (add is or)
	noBool   string    // NumPy's error for bool operands, where it refuses them
	noCmplx  string    // NumPy's error for complex operands, where it words its own ($dtype: theirs)
	identity ir.Kinds  // loop kinds on which the op returns its argument
	build    buildFunc // builds the op node, if not a plain Apply
	casting  dtype.Casting
	id       uint32
}

type resolution uint8

const (
	resLoops   resolution = iota // the first loop the operands cast to safely
	resLogical                   // operands as bool, bool out
	resDivide                    // as resLoops, but integers compute in float64 (true division)
	resCopy                      // the operand's dtype (a scalar: the output's)
)

type buildFunc func(u *ufunc, loop, res DType, args []*ir.Node) *ir.Node

// allDTypes are the dtypes in the order NumPy searches a ufunc's loops.
var allDTypes = []DType{Bool, Int8, Uint8, Int16, Uint16, Int32, Uint32, Int64, Uint64,
	Float16, BFloat16, Float32, Float64, Complex64, Complex128}

// dtypesOf returns the dtypes of the kinds in ks, in NumPy's loop order.
func dtypesOf(ks ir.Kinds) []DType {
	var ds []DType
	for _, d := range allDTypes {
		if ks.Has(d) {
			ds = append(ds, d)
		}
	}
	return ds
}

// The ufuncs. Their index in ufuncs is their id in kernel cache keys.
var (
	uCopy  = &ufunc{name: "Set", nin: 1, res: resCopy, loops: allDTypes, casting: dtype.CastUnsafe}
	uAdd   = binaryOp("Add", "add", ir.Add, ir.LogicalOr)
	uSub   = binaryOp("Sub", "subtract", ir.Sub, 0)
	uMul   = binaryOp("Mul", "multiply", ir.Mul, ir.LogicalAnd)
	uDiv   = &ufunc{name: "Div", numpy: "divide", nin: 2, op: ir.Div, res: resDivide}
	uFDiv  = binaryOp("FloorDiv", "floor_divide", ir.FloorDiv, 0)
	uMod   = binaryOp("Mod", "remainder", ir.Mod, 0)
	uPow   = binaryOp("Pow", "power", ir.Pow, 0)
	uMax   = binaryOp("Maximum", "maximum", ir.Maximum, ir.LogicalOr)
	uMin   = binaryOp("Minimum", "minimum", ir.Minimum, ir.LogicalAnd)
	uFMax  = binaryOp("FMax", "fmax", ir.FMax, ir.LogicalOr)
	uFMin  = binaryOp("FMin", "fmin", ir.FMin, ir.LogicalAnd)
	uAtan2 = binaryOp("Arctan2", "arctan2", ir.Arctan2, 0)
	uHypot = binaryOp("Hypot", "hypot", ir.Hypot, 0)
	uCopys = binaryOp("Copysign", "copysign", ir.Copysign, 0)
	uAnd   = binaryOp("BitAnd", "bitwise_and", ir.BitAnd, ir.LogicalAnd)
	uOr    = binaryOp("BitOr", "bitwise_or", ir.BitOr, ir.LogicalOr)
	uXor   = binaryOp("BitXor", "bitwise_xor", ir.BitXor, ir.LogicalXor)
	uLsh   = binaryOp("LeftShift", "left_shift", ir.LeftShift, 0)
	uRsh   = binaryOp("RightShift", "right_shift", ir.RightShift, 0)

	uEq = compare("Equal", "equal", ir.Equal)
	uNe = compare("NotEqual", "not_equal", ir.NotEqual)
	uLt = compare("Less", "less", ir.Less)
	uLe = compare("LessEqual", "less_equal", ir.LessEqual)
	uGt = compare("Greater", "greater", ir.Greater)
	uGe = compare("GreaterEqual", "greater_equal", ir.GreaterEqual)

	uLAnd = &ufunc{name: "LogicalAnd", numpy: "logical_and", nin: 2, op: ir.LogicalAnd, res: resLogical}
	uLOr  = &ufunc{name: "LogicalOr", numpy: "logical_or", nin: 2, op: ir.LogicalOr, res: resLogical}
	uLXor = &ufunc{name: "LogicalXor", numpy: "logical_xor", nin: 2, op: ir.LogicalXor, res: resLogical}
	uLNot = &ufunc{name: "LogicalNot", numpy: "logical_not", nin: 1, op: ir.LogicalNot, res: resLogical}

	uNeg    = unary("Neg", "negative", ir.Neg)
	uPos    = unary("Pos", "positive", ir.Pos)
	uAbs    = &ufunc{name: "Abs", numpy: "absolute", nin: 1, op: ir.Abs, identity: ir.KBool}
	uSign   = unary("Sign", "sign", ir.Sign)
	uRecip  = unary("Reciprocal", "reciprocal", ir.Reciprocal)
	uSquare = unary("Square", "square", ir.Square)
	uSqrt   = unary("Sqrt", "sqrt", ir.Sqrt)
	uCbrt   = unary("Cbrt", "cbrt", ir.Cbrt)
	uExp    = unary("Exp", "exp", ir.Exp)
	uExp2   = unary("Exp2", "exp2", ir.Exp2)
	uExpm1  = unary("Expm1", "expm1", ir.Expm1)
	uLog    = unary("Log", "log", ir.Log)
	uLog2   = unary("Log2", "log2", ir.Log2)
	uLog10  = unary("Log10", "log10", ir.Log10)
	uLog1p  = unary("Log1p", "log1p", ir.Log1p)
	uSin    = unary("Sin", "sin", ir.Sin)
	uCos    = unary("Cos", "cos", ir.Cos)
	uTan    = unary("Tan", "tan", ir.Tan)
	uAsin   = unary("Arcsin", "arcsin", ir.Arcsin)
	uAcos   = unary("Arccos", "arccos", ir.Arccos)
	uAtan   = unary("Arctan", "arctan", ir.Arctan)
	uSinh   = unary("Sinh", "sinh", ir.Sinh)
	uCosh   = unary("Cosh", "cosh", ir.Cosh)
	uTanh   = unary("Tanh", "tanh", ir.Tanh)
	uAsinh  = unary("Arcsinh", "arcsinh", ir.Arcsinh)
	uAcosh  = unary("Arccosh", "arccosh", ir.Arccosh)
	uAtanh  = unary("Arctanh", "arctanh", ir.Arctanh)
	uRint   = unary("Rint", "rint", ir.Rint)
	uInvert = unary("Invert", "invert", ir.Invert)
	uConj   = &ufunc{name: "Conj", numpy: "conjugate", nin: 1, op: ir.Conj, identity: ir.KReal}

	// NumPy >= 2.3 keeps integer and bool dtypes in floor, ceil and trunc;
	// round (decimals=0) always has.
	uFloor = rounding("Floor", "floor", ir.Floor)
	uCeil  = rounding("Ceil", "ceil", ir.Ceil)
	uTrunc = rounding("Trunc", "trunc", ir.Trunc)
	uRound = rounding("Round", "round", ir.Rint)

	uIsNaN    = predicate("IsNaN", "isnan", ir.IsNaN)
	uIsInf    = predicate("IsInf", "isinf", ir.IsInf)
	uIsFinite = predicate("IsFinite", "isfinite", ir.IsFinite)
	uSignbit  = predicate("Signbit", "signbit", ir.Signbit)

	uReal  = &ufunc{name: "Real", numpy: "real", nin: 1, op: ir.Real, identity: ir.KReal | ir.KBool}
	uImag  = &ufunc{name: "Imag", numpy: "imag", nin: 1, op: ir.Imag}
	uAngle = &ufunc{name: "Angle", numpy: "angle", nin: 1, op: ir.Angle}

	uFmod       = binaryOp("Fmod", "fmod", ir.Fmod, 0)
	uGcd        = binaryOp("Gcd", "gcd", ir.Gcd, 0)
	uLcm        = binaryOp("Lcm", "lcm", ir.Lcm, 0)
	uHeaviside  = binaryOp("Heaviside", "heaviside", ir.Heaviside, 0)
	uLogaddexp  = binaryOp("Logaddexp", "logaddexp", ir.Logaddexp, 0)
	uLogaddexp2 = binaryOp("Logaddexp2", "logaddexp2", ir.Logaddexp2, 0)
	uNextafter  = binaryOp("Nextafter", "nextafter", ir.Nextafter, 0)
	uLdexp      = binaryOp("Ldexp", "ldexp", ir.Ldexp, 0)
	uSpacing    = unary("Spacing", "spacing", ir.Spacing)
	uDeg2rad    = unary("Deg2rad", "deg2rad", ir.Deg2rad)
	uRad2deg    = unary("Rad2deg", "rad2deg", ir.Rad2deg)
	uSinc       = &ufunc{name: "Sinc", numpy: "sinc", nin: 1, op: ir.Sinc, res: resDivide}
	uModf       = unary("Modf", "modf", ir.Modf)
	uFrexp      = unary("Frexp", "frexp", ir.FrexpMantissa)
	uFrexpExp   = unary("Frexp", "frexp", ir.FrexpExponent)

	uWhere = &ufunc{name: "Where", numpy: "where", nin: 3, op: ir.Where, loops: allDTypes}
	uClip  = &ufunc{name: "Clip", numpy: "clip", nin: 3, loops: dtypesOf(ir.KAll), build: buildClip}
)

var ufuncs = []*ufunc{uCopy, uAdd, uSub, uMul, uDiv, uFDiv, uMod, uPow, uMax, uMin, uFMax, uFMin,
	uAtan2, uHypot, uCopys, uAnd, uOr, uXor, uLsh, uRsh, uEq, uNe, uLt, uLe, uGt, uGe,
	uLAnd, uLOr, uLXor, uLNot, uNeg, uPos, uAbs, uSign, uRecip, uSquare, uSqrt, uCbrt,
	uExp, uExp2, uExpm1, uLog, uLog2, uLog10, uLog1p, uSin, uCos, uTan, uAsin, uAcos, uAtan,
	uSinh, uCosh, uTanh, uAsinh, uAcosh, uAtanh, uRint, uInvert, uConj, uFloor, uCeil, uTrunc,
	uRound, uIsNaN, uIsInf, uIsFinite, uSignbit, uReal, uImag, uAngle, uWhere, uClip,
	uFmod, uGcd, uLcm, uHeaviside, uLogaddexp, uLogaddexp2, uNextafter, uLdexp, uSpacing, uDeg2rad,
	uRad2deg, uSinc, uModf, uFrexp, uFrexpExp,
	uIsPosInf, uIsNegInf, uFabs, uFloatPower, uFix, uI0, uBitwiseCount}

func init() {
	for i, u := range ufuncs {
		u.id = uint32(i)
		if u.casting == 0 {
			u.casting = dtype.CastSameKind
		}
		if u.loops == nil {
			sig, _ := u.op.Sig()
			u.loops = dtypesOf(sig.Accepts | u.identity)
		}
	}
	uSub.noBool = "numpy boolean subtract, the `-` operator, is not supported, use the bitwise_xor, the `^` operator, or the logical_xor function instead"
	uSign.noBool = "ufunc 'sign' did not contain a loop with signature matching types bool -> None"
	uPos.noBool = "ufunc 'positive' did not contain a loop with signature matching types bool -> None"
	uNeg.noBool = "the numpy boolean negative, the `-` operator, is not supported, use the `~` operator or the logical_not function instead"
	uGcd.noBool = "ufunc 'gcd' did not contain a loop with signature matching types (bool, bool) -> None"
	uLcm.noBool = "ufunc 'lcm' did not contain a loop with signature matching types (bool, bool) -> None"
}

func binaryOp(name, numpy string, op ir.Op, boolOp ir.Op) *ufunc {
	return &ufunc{name: name, numpy: numpy, nin: 2, op: op, boolOp: boolOp}
}

func unary(name, numpy string, op ir.Op) *ufunc {
	return &ufunc{name: name, numpy: numpy, nin: 1, op: op}
}

func compare(name, numpy string, op ir.Op) *ufunc {
	return &ufunc{name: name, numpy: numpy, nin: 2, op: op}
}

func predicate(name, numpy string, op ir.Op) *ufunc {
	return &ufunc{name: name, numpy: numpy, nin: 1, op: op}
}

func rounding(name, numpy string, op ir.Op) *ufunc {
	return &ufunc{name: name, numpy: numpy, nin: 1, op: op, identity: ir.KBool | ir.KInteger}
}

// buildClip is minimum(maximum(a, lo), hi), which propagates NaN as
// NumPy's clip does.
func buildClip(u *ufunc, loop, res DType, args []*ir.Node) *ir.Node {
	return ir.Apply(ir.Minimum, loop, ir.Apply(ir.Maximum, loop, args[0], args[1]), args[2])
}

// operand codes in cache keys: 1-15 an array of that dtype, 16+kind a Go
// scalar of that kind.
const scalarCode = 16

// loop is a resolved ufunc call: everything that depends on the operands'
// dtypes only, so it is computed once per combination.
type loop struct {
	key    uint32
	kernel *ir.Kernel
	args   [3]DType // dtype of each operand inside the kernel (a scalar's parameter dtype)
	out    DType
	err    error // the combination is refused
}

func cacheKey(u *ufunc, codes [3]uint32, out DType) uint32 {
	return u.id<<20 | uint32(out)<<15 | codes[0]<<10 | codes[1]<<5 | codes[2]
}

// kernels caches loops in a fixed open-addressed table that lookups read
// without locks; it spills into a map if the table fills up.
var kernels struct {
	mu    sync.Mutex
	used  int
	slots [1 << cacheBits]atomic.Pointer[loop]
	spill map[uint32]*loop
}

const (
	cacheBits  = 12
	cacheProbe = 16
)

func cacheSlot(key uint32, i int) int {
	return int((key*2654435761)>>(32-cacheBits)+uint32(i)) & (1<<cacheBits - 1)
}

func lookupLoop(u *ufunc, codes [3]uint32, out DType) *loop {
	key := cacheKey(u, codes, out)
	for i := range cacheProbe {
		l := kernels.slots[cacheSlot(key, i)].Load()
		if l == nil {
			break
		}
		if l.key == key {
			return l
		}
	}
	kernels.mu.Lock()
	defer kernels.mu.Unlock()
	if l := kernels.spill[key]; l != nil {
		return l
	}
	for i := range cacheProbe { // another goroutine may have stored it
		if l := kernels.slots[cacheSlot(key, i)].Load(); l != nil && l.key == key {
			return l
		}
	}
	l := u.resolve(codes, out)
	l.key = key
	for i := range cacheProbe {
		if slot := &kernels.slots[cacheSlot(key, i)]; slot.Load() == nil && kernels.used < 3<<cacheBits/4 {
			kernels.used++
			slot.Store(l)
			return l
		}
	}
	if kernels.spill == nil {
		kernels.spill = map[uint32]*loop{}
	}
	kernels.spill[key] = l
	return l
}

// resolve picks the loop for operands with the given codes and builds its
// kernel; out is the output array's dtype, or 0 for the natural one.
func (u *ufunc) resolve(codes [3]uint32, out DType) *loop {
	l := &loop{}
	var common DType
	first := 0
	if u == uWhere {
		first = 1 // the condition does not take part in promotion
	}
	var arrayDTypes []DType
	for i := first; i < u.nin; i++ {
		if c := codes[i]; c < scalarCode {
			arrayDTypes = append(arrayDTypes, DType(c))
		}
	}
	if len(arrayDTypes) > 0 {
		common, _ = dtype.PromoteAll(arrayDTypes...)
	}
	// Each operand's dtype: an array's own; a Go scalar's as NEP 50 gives
	// it against the arrays.
	var operands []DType
	arrays := common
	for i := first; i < u.nin; i++ {
		c := codes[i]
		switch k := dtype.ScalarKind(c - scalarCode); {
		case c < scalarCode:
			operands = append(operands, DType(c))
		case arrays != 0:
			common = dtype.PromoteScalar(common, k)
			operands = append(operands, dtype.PromoteScalar(arrays, k))
		case u.res != resCopy: // only scalars: they take NumPy's default dtypes
			common = scalar{kind: k}.defaultDType()
			operands = append(operands, common)
		}
	}
	if k := exactIntCompare(u.op, codes, out); k != nil {
		l.kernel, l.out = k, Bool
		if out != 0 {
			l.out = out
		}
		return l
	}
	loopDT, err := u.loopFor(common, operands, codes)
	if err != nil {
		l.err = fmt.Errorf("%s: %w", u.name, err)
		return l
	}
	if u.res == resCopy && common == 0 {
		loopDT = out
	}
	res := u.result(loopDT)
	if out == 0 {
		out = res
	} else if !dtype.CanCast(res, out, u.casting) {
		l.err = fmt.Errorf("%s: cannot cast ufunc '%s' output from %v to %v with casting rule '%v'", u.name, u.numpy, res, out, u.casting)
		return l
	}
	k := &ir.Kernel{}
	args := make([]*ir.Node, u.nin)
	for i := range u.nin {
		l.args[i] = u.argDType(i, loopDT)
		if c := codes[i]; c < scalarCode {
			args[i] = ir.To(ir.In(len(k.Inputs), DType(c)), l.args[i])
			k.Inputs = append(k.Inputs, DType(c))
		} else {
			args[i] = ir.Param(len(k.Scalars), l.args[i])
			k.Scalars = append(k.Scalars, l.args[i])
		}
	}
	var node *ir.Node
	switch {
	case u.build != nil:
		node = u.build(u, loopDT, res, args)
	case u.identity.Has(loopDT) || u.res == resCopy:
		node = args[0]
	case loopDT == Bool && u.boolOp != 0:
		node = ir.Apply(u.boolOp, res, args...)
	default:
		node = ir.Apply(u.op, res, args...)
	}
	k.Outputs = []*ir.Node{ir.To(node, out)}
	if err := k.Validate(); err != nil {
		l.err = fmt.Errorf("%s: %w", u.name, err)
		return l
	}
	l.kernel, l.out = k, out
	return l
}

// loopFor returns the loop dtype for operands of the given dtypes, which
// promote to common: the first loop that each casts to safely (NumPy's
// search, which for int8 and uint8 finds float16 where promoting first
// would give int16 and then float32).
func (u *ufunc) loopFor(common DType, operands []DType, codes [3]uint32) (DType, error) {
	switch {
	case common == Bool && u.noBool != "":
		return 0, fmt.Errorf("%s", u.noBool)
	case common.Kind() == dtype.ComplexKind && u.noCmplx != "":
		return 0, fmt.Errorf("%s", strings.ReplaceAll(u.noCmplx, "$dtype", common.String()))
	case u.res == resLogical || u.res == resCopy:
		return common, nil
	case u.res == resDivide && common.Kind() < dtype.FloatKind:
		return Float64, nil
	}
	for _, d := range u.loops {
		if !slices.ContainsFunc(operands, func(o DType) bool { return !dtype.CanCast(o, d, dtype.CastSafe) }) {
			return d, nil
		}
	}
	var names []string
	for _, c := range codes[:u.nin] {
		name := DType(c).String()
		if c > scalarCode {
			name = "Go " + scalarKindName(dtype.ScalarKind(c-scalarCode))
		}
		if !slices.Contains(names, name) {
			names = append(names, name)
		}
	}
	return 0, fmt.Errorf("ufunc '%s' not supported for %s", u.numpy, strings.Join(names, " and "))
}

// result returns the dtype of the op's result on loop dtype d: its
// argument where the ufunc is the identity, else the op table's answer.
func (u *ufunc) result(d DType) DType {
	if u.identity.Has(d) {
		return d
	}
	return ir.ResultType(u.op, d)
}

// argDType returns the dtype operand i has inside the kernel.
func (u *ufunc) argDType(i int, loop DType) DType {
	if u.res == resLogical || u == uWhere && i == 0 {
		return Bool
	}
	return loop
}

// call applies u to its operands (arrays or Go scalars) and writes the
// result into out, if given, or into a new array.
func (u *ufunc) call(args [3]any, out []*Array) *Array {
	var arrs [3]*Array
	var codes [3]uint32
	var scal [3]scalar
	var b backend.Backend
	for i := range u.nin {
		switch v := args[i].(type) {
		case *Array:
			if err := v.checkOp(u.name); err != nil {
				return &Array{err: err}
			}
			if b == nil {
				b = v.st.b
			} else if err := sameBackend(u.name, b, v.st.b); err != nil {
				return &Array{err: err}
			}
			arrs[i], codes[i] = v, uint32(v.dt)
		default:
			s, ok := scalarOf(v)
			if !ok {
				return errorf(u.name, "operand %d has unsupported type %T (want *Array or a Go number or bool)", i, v)
			}
			scal[i], codes[i] = s, scalarCode+uint32(s.kind)
		}
	}
	if b == nil { // only scalars: the first becomes a 0-d array, as NumPy does
		args[0] = Scalar(args[0])
		return u.call(args, out)
	}
	var dst *Array
	var outDT DType
	switch {
	case len(out) > 1:
		return errorf(u.name, "%d outputs given, want at most 1", len(out))
	case len(out) == 1:
		dst = out[0]
		if err := dst.checkWrite(u.name); err != nil {
			return &Array{err: err}
		}
		if err := sameBackend(u.name, b, dst.st.b); err != nil {
			return &Array{err: err}
		}
		outDT = dst.dt
	}
	l := lookupLoop(u, codes, outDT)
	if l.err != nil {
		return &Array{err: l.err}
	}
	shape, err := u.shape(arrs, dst)
	if err != nil {
		return &Array{err: err}
	}
	var vals [3]ir.Value
	var ins [3]*Array
	var answer *bool
	nv, ni := 0, 0
	for i := range u.nin {
		if arrs[i] != nil {
			ins[ni] = arrs[i]
			ni++
			continue
		}
		v, err := scal[i].value(l.args[i])
		outside := err != nil && scal[i].kind == dtype.IntScalar && isInt(l.args[i])
		switch {
		case outside && u == uClip: // NumPy 2: a bound beyond the dtype clips to its limit
			v = scal[i].saturate(l.args[i])
		case outside && isComparison(u.op):
			answer = compareOutside(u.op, i == 0, scal[i].unsigned || scal[i].i >= 0)
		case err != nil:
			return errorf(u.name, "%v", err)
		}
		if u == uPow && i == 1 && isInt(l.args[i]) && !scal[i].unsigned && scal[i].i < 0 {
			return errorf(u.name, "Integers to negative integer powers are not allowed.")
		}
		vals[nv] = v
		nv++
	}
	if u == uPow && arrs[1] != nil && l.args[1].Kind() == dtype.IntKind {
		if err := noNegativeExponent(arrs[1]); err != nil {
			return &Array{err: err}
		}
	}
	if dst == nil && answer == nil && fusing(b) {
		return lazyApply(u.name, l, b, shape, ins[:ni], vals[:nv])
	}
	if dst == nil {
		if dst, err = empty(b, l.out, shape); err != nil {
			return failed(u.name, err)
		}
	}
	if answer != nil { // an integer beyond the dtype: every comparison has one answer
		if err := dst.set(u.name, *answer); err != nil {
			return &Array{err: err}
		}
		return dst
	}
	if err := elementwise(l.kernel, shape, dst, ins[:ni], vals[:nv]); err != nil {
		return failed(u.name, err)
	}
	return dst
}

// shape returns the shape the operands broadcast to, checked against out.
func (u *ufunc) shape(arrs [3]*Array, out *Array) ([]int, error) {
	var shape []int
	same := true
	for _, a := range arrs {
		switch {
		case a == nil:
		case shape == nil:
			shape = a.shape
		case !slices.Equal(shape, a.shape):
			same = false
		}
	}
	if !same {
		var shapes [][]int
		for _, a := range arrs {
			if a != nil {
				shapes = append(shapes, a.shape)
			}
		}
		var err error
		if shape, err = Broadcast(shapes...); err != nil {
			return nil, fmt.Errorf("%s: %w", u.name, err)
		}
	}
	if out != nil && !slices.Equal(shape, out.shape) {
		full, err := Broadcast(shape, out.shape)
		if err != nil {
			full = shape
		}
		if !slices.Equal(full, out.shape) {
			return nil, fmt.Errorf("%s: non-broadcastable output operand with shape %s doesn't match the broadcast shape %s",
				u.name, formatShape(out.shape), formatShape(full))
		}
		shape = out.shape
	}
	return shape, nil
}

// isComparison reports whether op is one of the six comparisons.
func isComparison(op ir.Op) bool { return op >= ir.Equal && op <= ir.GreaterEqual }

// compareOutside is NumPy 2's answer of comparison op between an array
// and a Go integer beyond the array's integer dtype: above (or below)
// every element; first says the integer is the left operand.
func compareOutside(op ir.Op, first, above bool) *bool {
	if first { // 300 < x is x > 300
		op = map[ir.Op]ir.Op{ir.Less: ir.Greater, ir.LessEqual: ir.GreaterEqual, ir.Greater: ir.Less,
			ir.GreaterEqual: ir.LessEqual, ir.Equal: ir.Equal, ir.NotEqual: ir.NotEqual}[op]
	}
	var r bool
	switch op {
	case ir.NotEqual:
		r = true
	case ir.Less, ir.LessEqual:
		r = above
	case ir.Greater, ir.GreaterEqual:
		r = !above
	}
	return &r
}

// exactIntCompare is the kernel of comparison op between a signed integer
// array and a uint64 one, which NumPy 2 compares exactly (promotion would
// go through float64); nil for other operands.
func exactIntCompare(op ir.Op, codes [3]uint32, out DType) *ir.Kernel {
	if !isComparison(op) || codes[0] >= scalarCode || codes[1] >= scalarCode {
		return nil
	}
	a, b := DType(codes[0]), DType(codes[1])
	si, ui := 0, 1
	switch {
	case a.Kind() == dtype.IntKind && b == Uint64:
	case a == Uint64 && b.Kind() == dtype.IntKind:
		si, ui = 1, 0
		op = map[ir.Op]ir.Op{ir.Less: ir.Greater, ir.LessEqual: ir.GreaterEqual, ir.Greater: ir.Less,
			ir.GreaterEqual: ir.LessEqual, ir.Equal: ir.Equal, ir.NotEqual: ir.NotEqual}[op]
	default:
		return nil
	}
	k := &ir.Kernel{Inputs: []DType{a, b}}
	s := ir.To(ir.In(si, k.Inputs[si]), Int64)
	u := ir.In(ui, Uint64)
	negative := ir.Apply(ir.Less, Bool, s, ir.Apply(ir.Sub, Int64, s, s)) // s < 0, without a constant
	r := ir.Apply(op, Bool, ir.To(s, Uint64), u)
	switch op { // a negative s is below every u
	case ir.Less, ir.LessEqual, ir.NotEqual:
		r = ir.Apply(ir.LogicalOr, Bool, negative, r)
	default:
		r = ir.Apply(ir.LogicalAnd, Bool, ir.Apply(ir.LogicalNot, Bool, negative), r)
	}
	if out == 0 {
		out = Bool
	}
	k.Outputs = []*ir.Node{ir.To(r, out)}
	return k
}

// noNegativeExponent is NumPy's refusal of negative integer exponents.
func noNegativeExponent(e *Array) error {
	neg := AnyTrue(Less(e, 0))
	defer neg.Free()
	found, err := Item[bool](neg)
	switch {
	case err != nil:
		return fmt.Errorf("Pow: %w", err)
	case found:
		return fmt.Errorf("Pow: Integers to negative integer powers are not allowed.")
	}
	return nil
}

func isInt(d DType) bool { return d.Kind() == dtype.IntKind || d.Kind() == dtype.UintKind }

// copyKernel returns the kernel that casts src elements to dst (unsafe
// casting, as NumPy's astype and setitem).
func copyKernel(src, dst DType) *ir.Kernel {
	return lookupLoop(uCopy, [3]uint32{uint32(src)}, dst).kernel
}
