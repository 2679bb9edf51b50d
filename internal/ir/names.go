package ir

import "fmt"

var opNames = map[Op]string{
	Input: "input", Scalar: "scalar", Cast: "cast",
	Neg: "negative", Pos: "positive", Abs: "absolute", Sign: "sign", Reciprocal: "reciprocal",
	Square: "square", Sqrt: "sqrt", Cbrt: "cbrt", Exp: "exp", Exp2: "exp2", Expm1: "expm1",
	Log: "log", Log2: "log2", Log10: "log10", Log1p: "log1p", Sin: "sin", Cos: "cos", Tan: "tan",
	Arcsin: "arcsin", Arccos: "arccos", Arctan: "arctan", Sinh: "sinh", Cosh: "cosh", Tanh: "tanh",
	Arcsinh: "arcsinh", Arccosh: "arccosh", Arctanh: "arctanh", Floor: "floor", Ceil: "ceil",
	Trunc: "trunc", Rint: "rint", IsNaN: "isnan", IsInf: "isinf", IsFinite: "isfinite",
	Signbit: "signbit", LogicalNot: "logical_not", Invert: "invert", Real: "real", Imag: "imag",
	Conj: "conjugate", Angle: "angle",
	Add: "add", Sub: "subtract", Mul: "multiply", Div: "true_divide", FloorDiv: "floor_divide",
	Mod: "remainder", Pow: "power", Maximum: "maximum", Minimum: "minimum", FMax: "fmax", FMin: "fmin",
	Arctan2: "arctan2", Hypot: "hypot", Copysign: "copysign", BitAnd: "bitwise_and",
	BitOr: "bitwise_or", BitXor: "bitwise_xor", LeftShift: "left_shift", RightShift: "right_shift",
	LogicalAnd: "logical_and", LogicalOr: "logical_or", LogicalXor: "logical_xor", Equal: "equal",
	NotEqual: "not_equal", Less: "less", LessEqual: "less_equal", Greater: "greater",
	GreaterEqual: "greater_equal", Where: "where",
}

// String returns NumPy's name for the op ("floor_divide"), for error messages.
func (op Op) String() string {
	if s, ok := opNames[op]; ok {
		return s
	}
	return fmt.Sprintf("Op(%d)", uint8(op))
}
