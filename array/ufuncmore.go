package array

import (
	"github.com/cugo/cugo/internal/ir"
)

// NumPy's elementwise functions that are ufuncs built from existing ops,
// or functions NumPy writes in Python over ufuncs (isposinf, fix), made
// ufuncs here: they broadcast, take out, and fuse like the others.
var (
	// isposinf and isneginf are isinf(x) & ~signbit(x) (and & signbit),
	// so their loops are signbit's: the float dtypes. Integers and bools
	// cast to them; complex has none (NumPy 2 refuses it as ambiguous).
	uIsPosInf = &ufunc{name: "Isposinf", numpy: "isposinf", nin: 1, op: ir.IsInf, loops: dtypesOf(ir.KFloat), build: buildSignedInf(false), noCmplx: ambiguous}
	uIsNegInf = &ufunc{name: "Isneginf", numpy: "isneginf", nin: 1, op: ir.IsInf, loops: dtypesOf(ir.KFloat), build: buildSignedInf(true), noCmplx: ambiguous}
	// fabs has float loops only: integers cast to a float, complex is refused.
	uFabs = &ufunc{name: "Fabs", numpy: "fabs", nin: 1, op: ir.Abs, loops: dtypesOf(ir.KFloat)}
	// float_power has only the float64 and complex128 loops.
	uFloatPower = &ufunc{name: "FloatPower", numpy: "float_power", nin: 2, op: ir.Pow, loops: []DType{Float64, Complex128}}
	// fix is ceil(x) where x < 0 and floor(x) elsewhere: trunc, with
	// integers and bools kept as NumPy >= 2.3's ceil and floor keep them.
	uFix = rounding("Fix", "fix", ir.Trunc)
	// i0 computes integers and bools in float64 and has no complex loop.
	uI0 = &ufunc{name: "I0", numpy: "i0", nin: 1, op: ir.I0, res: resDivide, noCmplx: "i0 not supported for complex values"}
	// bitwise_count has the integer loops (bools count as int8), uint8 out.
	uBitwiseCount = unary("BitwiseCount", "bitwise_count", ir.BitwiseCount)
)

// ambiguous is NumPy 2's refusal of complex operands of isposinf and isneginf.
const ambiguous = "This operation is not supported for $dtype values because it would be ambiguous."

// buildSignedInf is isinf(x) and the sign test of isneginf (negative) or
// isposinf.
func buildSignedInf(negative bool) buildFunc {
	return func(u *ufunc, loop, res DType, args []*ir.Node) *ir.Node {
		sign := ir.Apply(ir.Signbit, Bool, args[0])
		if !negative {
			sign = ir.Apply(ir.LogicalNot, Bool, sign)
		}
		return ir.Apply(ir.LogicalAnd, Bool, ir.Apply(ir.IsInf, Bool, args[0]), sign)
	}
}

// Isposinf returns whether x is +inf. Integers and bools give false;
// complex x is an error, as in NumPy 2.
func Isposinf(x any, out ...*Array) *Array { return uIsPosInf.call([3]any{x}, out) }

// Isneginf returns whether x is -inf. Integers and bools give false;
// complex x is an error, as in NumPy 2.
func Isneginf(x any, out ...*Array) *Array { return uIsNegInf.call([3]any{x}, out) }

// Fabs returns |x| as a float: integers compute in the smallest float
// dtype that holds them (int8 in float16, int32 in float64); complex x is
// an error (Abs gives its magnitude).
func Fabs(x any, out ...*Array) *Array { return uFabs.call([3]any{x}, out) }

// FloatPower (float_power) returns x to the power y in float64, or in
// complex128 if either is complex: integers to negative powers are
// fractions, and float32 computes in float64.
func FloatPower(x, y any, out ...*Array) *Array { return uFloatPower.call([3]any{x, y}, out) }

// Fix rounds x toward zero (ceil of negative values, floor of the rest);
// integer and bool arrays keep their dtype, as in NumPy >= 2.3.
func Fix(x any, out ...*Array) *Array { return uFix.call([3]any{x}, out) }

// I0 returns the modified Bessel function of the first kind of order 0,
// evaluated as np.i0 (Cephes' Chebyshev series) in x's float dtype;
// integers and bools compute in float64, complex x is an error.
func I0(x any, out ...*Array) *Array { return uI0.call([3]any{x}, out) }

// BitwiseCount returns the number of 1-bits of |x| as uint8 (NumPy 2's
// bitwise_count); x is an integer or bool array.
func BitwiseCount(x any, out ...*Array) *Array { return uBitwiseCount.call([3]any{x}, out) }

// Isposinf is Isposinf(a, out...).
func (a *Array) Isposinf(out ...*Array) *Array { return Isposinf(a, out...) }

// Isneginf is Isneginf(a, out...).
func (a *Array) Isneginf(out ...*Array) *Array { return Isneginf(a, out...) }

// Fabs is Fabs(a, out...).
func (a *Array) Fabs(out ...*Array) *Array { return Fabs(a, out...) }

// FloatPower is FloatPower(a, y, out...).
func (a *Array) FloatPower(y any, out ...*Array) *Array { return FloatPower(a, y, out...) }

// Fix is Fix(a, out...).
func (a *Array) Fix(out ...*Array) *Array { return Fix(a, out...) }

// I0 is I0(a, out...).
func (a *Array) I0(out ...*Array) *Array { return I0(a, out...) }

// BitwiseCount is BitwiseCount(a, out...).
func (a *Array) BitwiseCount(out ...*Array) *Array { return BitwiseCount(a, out...) }

// I0 is I0(e).
func (e Expr) I0() Expr { return e.apply(uI0) }

// BitwiseCount is BitwiseCount(e).
func (e Expr) BitwiseCount() Expr { return e.apply(uBitwiseCount) }

// Isposinf is Isposinf(e).
func (e Expr) Isposinf() Expr { return e.apply(uIsPosInf) }

// Isneginf is Isneginf(e).
func (e Expr) Isneginf() Expr { return e.apply(uIsNegInf) }

// Fabs is Fabs(e).
func (e Expr) Fabs() Expr { return e.apply(uFabs) }

// FloatPower is FloatPower(e, y).
func (e Expr) FloatPower(y any) Expr { return e.apply(uFloatPower, y) }

// Fix is Fix(e).
func (e Expr) Fix() Expr { return e.apply(uFix) }
