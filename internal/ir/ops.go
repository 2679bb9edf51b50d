package ir

import (
	"fmt"

	"github.com/cugo/cugo/dtype"
)

// Kinds is a set of dtype kinds.
type Kinds uint8

// The kinds, and the sets the ops use.
const (
	KBool Kinds = 1 << iota
	KInt
	KUint
	KFloat
	KComplex

	KInteger = KInt | KUint
	KReal    = KInteger | KFloat
	KInexact = KFloat | KComplex
	KNumber  = KReal | KComplex
	KAll     = KBool | KNumber
)

// KindOf returns the set holding only d's kind.
func KindOf(d dtype.DType) Kinds {
	switch d.Kind() {
	case dtype.BoolKind:
		return KBool
	case dtype.IntKind:
		return KInt
	case dtype.UintKind:
		return KUint
	case dtype.FloatKind:
		return KFloat
	case dtype.ComplexKind:
		return KComplex
	}
	return 0
}

// Has reports whether d's kind is in s.
func (s Kinds) Has(d dtype.DType) bool { return s&KindOf(d) != 0 }

// Result says what dtype an op gives for its argument dtype.
type Result uint8

const (
	SameType  Result = iota // the argument's dtype
	BoolType                // predicates and comparisons
	RealType                // the real dtype of a complex argument (the argument's own otherwise)
	Int32Type               // frexp's exponent
	Uint8Type               // bitwise_count's count
)

// Signature is the typing of one op: the one table that the array
// package's ufuncs, Kernel.Validate and every backend follow. An op's
// arguments share one dtype, of a kind in Accepts.
type Signature struct {
	Name    string // NumPy's name, for error messages
	Accepts Kinds
	Result  Result
	Exact   bool // float16/bfloat16 results are exact in float32: no rounding at the node
}

var signatures = map[Op]Signature{
	Input: {Name: "input"}, Scalar: {Name: "scalar"}, Cast: {Name: "cast", Accepts: KAll},

	Neg:        {"negative", KNumber, SameType, true},
	Pos:        {"positive", KNumber, SameType, true},
	Abs:        {"absolute", KAll, RealType, true},
	Sign:       {"sign", KNumber, SameType, true},
	Reciprocal: {"reciprocal", KNumber, SameType, false},
	Square:     {"square", KNumber, SameType, false},
	Sqrt:       {"sqrt", KInexact, SameType, false},
	Cbrt:       {"cbrt", KFloat, SameType, false},
	Exp:        {"exp", KInexact, SameType, false},
	Exp2:       {"exp2", KInexact, SameType, false},
	Expm1:      {"expm1", KInexact, SameType, false},
	Log:        {"log", KInexact, SameType, false},
	Log2:       {"log2", KInexact, SameType, false},
	Log10:      {"log10", KInexact, SameType, false},
	Log1p:      {"log1p", KInexact, SameType, false},
	Sin:        {"sin", KInexact, SameType, false},
	Cos:        {"cos", KInexact, SameType, false},
	Tan:        {"tan", KInexact, SameType, false},
	Arcsin:     {"arcsin", KInexact, SameType, false},
	Arccos:     {"arccos", KInexact, SameType, false},
	Arctan:     {"arctan", KInexact, SameType, false},
	Sinh:       {"sinh", KInexact, SameType, false},
	Cosh:       {"cosh", KInexact, SameType, false},
	Tanh:       {"tanh", KInexact, SameType, false},
	Arcsinh:    {"arcsinh", KInexact, SameType, false},
	Arccosh:    {"arccosh", KInexact, SameType, false},
	Arctanh:    {"arctanh", KInexact, SameType, false},
	Floor:      {"floor", KFloat, SameType, true},
	Ceil:       {"ceil", KFloat, SameType, true},
	Trunc:      {"trunc", KFloat, SameType, true},
	Rint:       {"rint", KInexact, SameType, true},
	IsNaN:      {"isnan", KAll, BoolType, true},
	IsInf:      {"isinf", KAll, BoolType, true},
	IsFinite:   {"isfinite", KAll, BoolType, true},
	Signbit:    {"signbit", KFloat, BoolType, true},
	LogicalNot: {"logical_not", KBool, BoolType, true},
	Invert:     {"invert", KBool | KInteger, SameType, true},
	Real:       {"real", KInexact, RealType, true},
	Imag:       {"imag", KInexact, RealType, true},
	Conj:       {"conjugate", KNumber, SameType, true},
	Angle:      {"angle", KInexact, RealType, false},

	Spacing:       {"spacing", KFloat, SameType, true},
	Deg2rad:       {"deg2rad", KFloat, SameType, false},
	Rad2deg:       {"rad2deg", KFloat, SameType, false},
	Sinc:          {"sinc", KInexact, SameType, false},
	Modf:          {"modf", KFloat, SameType, true},
	FrexpMantissa: {"frexp", KFloat, SameType, true},
	FrexpExponent: {"frexp_exponent", KFloat, Int32Type, true},
	I0:            {"i0", KFloat, SameType, true}, // rounds each step to the dtype itself
	BitwiseCount:  {"bitwise_count", KInteger, Uint8Type, true},

	Add:          {"add", KAll, SameType, false},
	Sub:          {"subtract", KNumber, SameType, false},
	Mul:          {"multiply", KAll, SameType, false},
	Div:          {"true_divide", KInexact, SameType, false},
	FloorDiv:     {"floor_divide", KReal, SameType, false},
	Mod:          {"remainder", KReal, SameType, false},
	Pow:          {"power", KNumber, SameType, false},
	Maximum:      {"maximum", KAll, SameType, true},
	Minimum:      {"minimum", KAll, SameType, true},
	FMax:         {"fmax", KAll, SameType, true},
	FMin:         {"fmin", KAll, SameType, true},
	Arctan2:      {"arctan2", KFloat, SameType, false},
	Hypot:        {"hypot", KFloat, SameType, false},
	Copysign:     {"copysign", KFloat, SameType, true},
	BitAnd:       {"bitwise_and", KBool | KInteger, SameType, true},
	BitOr:        {"bitwise_or", KBool | KInteger, SameType, true},
	BitXor:       {"bitwise_xor", KBool | KInteger, SameType, true},
	LeftShift:    {"left_shift", KInteger, SameType, true},
	RightShift:   {"right_shift", KInteger, SameType, true},
	LogicalAnd:   {"logical_and", KBool, BoolType, true},
	LogicalOr:    {"logical_or", KBool, BoolType, true},
	LogicalXor:   {"logical_xor", KBool, BoolType, true},
	Equal:        {"equal", KAll, BoolType, true},
	NotEqual:     {"not_equal", KAll, BoolType, true},
	Less:         {"less", KAll, BoolType, true},
	LessEqual:    {"less_equal", KAll, BoolType, true},
	Greater:      {"greater", KAll, BoolType, true},
	GreaterEqual: {"greater_equal", KAll, BoolType, true},
	Fmod:         {"fmod", KReal, SameType, true},
	Gcd:          {"gcd", KInteger, SameType, true},
	Lcm:          {"lcm", KInteger, SameType, true},
	Heaviside:    {"heaviside", KFloat, SameType, true},
	Logaddexp:    {"logaddexp", KFloat, SameType, false},
	Logaddexp2:   {"logaddexp2", KFloat, SameType, false},
	Nextafter:    {"nextafter", KFloat, SameType, true},
	Ldexp:        {"ldexp", KFloat, SameType, false},

	Where: {"where", KAll, SameType, true},
}

// Sig returns op's signature; ok is false for an unknown op.
func (op Op) Sig() (s Signature, ok bool) {
	s, ok = signatures[op]
	return s, ok
}

// Accepts reports whether op is defined on arguments of dtype arg (for
// Where, the dtype of the chosen values; Cast takes every dtype).
func Accepts(op Op, arg dtype.DType) bool {
	s, ok := signatures[op]
	return ok && s.Accepts.Has(arg)
}

// ResultType is the dtype op gives for arguments of dtype arg.
func ResultType(op Op, arg dtype.DType) dtype.DType {
	switch signatures[op].Result {
	case BoolType:
		return dtype.Bool
	case Int32Type:
		return dtype.Int32
	case Uint8Type:
		return dtype.Uint8
	case RealType:
		switch arg {
		case dtype.Complex64:
			return dtype.Float32
		case dtype.Complex128:
			return dtype.Float64
		}
	}
	return arg
}

// String returns NumPy's name for the op ("floor_divide"), for error messages.
func (op Op) String() string {
	if s, ok := signatures[op]; ok {
		return s.Name
	}
	return fmt.Sprintf("Op(%d)", uint8(op))
}
