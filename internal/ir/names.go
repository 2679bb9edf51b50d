package ir

import "strconv"

var opNames = map[Op]string{
	Input: "Input", Scalar: "Scalar", Cast: "Cast",
	Neg: "Neg", Pos: "Pos", Abs: "Abs", Sign: "Sign", Reciprocal: "Reciprocal", Square: "Square",
	Sqrt: "Sqrt", Cbrt: "Cbrt", Exp: "Exp", Exp2: "Exp2", Expm1: "Expm1", Log: "Log", Log2: "Log2",
	Log10: "Log10", Log1p: "Log1p", Sin: "Sin", Cos: "Cos", Tan: "Tan", Arcsin: "Arcsin",
	Arccos: "Arccos", Arctan: "Arctan", Sinh: "Sinh", Cosh: "Cosh", Tanh: "Tanh", Arcsinh: "Arcsinh",
	Arccosh: "Arccosh", Arctanh: "Arctanh", Floor: "Floor", Ceil: "Ceil", Trunc: "Trunc", Rint: "Rint",
	IsNaN: "IsNaN", IsInf: "IsInf", IsFinite: "IsFinite", Signbit: "Signbit", LogicalNot: "LogicalNot",
	Invert: "Invert", Real: "Real", Imag: "Imag", Conj: "Conj", Angle: "Angle",
	Add: "Add", Sub: "Sub", Mul: "Mul", Div: "Div", FloorDiv: "FloorDiv", Mod: "Mod", Pow: "Pow",
	Maximum: "Maximum", Minimum: "Minimum", FMax: "FMax", FMin: "FMin", Arctan2: "Arctan2",
	Hypot: "Hypot", Copysign: "Copysign", BitAnd: "BitAnd", BitOr: "BitOr", BitXor: "BitXor",
	LeftShift: "LeftShift", RightShift: "RightShift", LogicalAnd: "LogicalAnd", LogicalOr: "LogicalOr",
	LogicalXor: "LogicalXor", Equal: "Equal", NotEqual: "NotEqual", Less: "Less", LessEqual: "LessEqual",
	Greater: "Greater", GreaterEqual: "GreaterEqual", Where: "Where",
}

// String returns the op's Go name ("Add", "FloorDiv"), or "Op(N)" for a
// value that is no op.
func (op Op) String() string {
	if s, ok := opNames[op]; ok {
		return s
	}
	return "Op(" + strconv.Itoa(int(op)) + ")"
}
