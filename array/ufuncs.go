package array

import "github.com/cugo/cugo/dtype"

// The ufuncs. Each takes arrays or Go scalars (weak in promotion, as
// Python scalars in NumPy 2), broadcasts them, and writes into out[0] if
// given (which may be one of the inputs; its dtype must be castable from
// the result's under same_kind casting) or into a new array. NumPy's name
// of each is in parentheses where it differs.

// Add returns the sum x + y.
func Add(x, y any, out ...*Array) *Array { return uAdd.call([3]any{x, y}, out) }

// Sub (subtract) returns the difference x - y.
func Sub(x, y any, out ...*Array) *Array { return uSub.call([3]any{x, y}, out) }

// Mul (multiply) returns the product x * y.
func Mul(x, y any, out ...*Array) *Array { return uMul.call([3]any{x, y}, out) }

// Div (divide) returns the true quotient x / y; integers divide in float64.
func Div(x, y any, out ...*Array) *Array { return uDiv.call([3]any{x, y}, out) }

// FloorDiv (floor_divide) returns Python's x // y, rounded toward minus infinity.
func FloorDiv(x, y any, out ...*Array) *Array { return uFDiv.call([3]any{x, y}, out) }

// Mod (remainder) returns Python's x % y, with the sign of y (NumPy's remainder).
func Mod(x, y any, out ...*Array) *Array { return uMod.call([3]any{x, y}, out) }

// Pow (power) returns x to the power y.
func Pow(x, y any, out ...*Array) *Array { return uPow.call([3]any{x, y}, out) }

// Maximum returns the larger of x and y; NaN if either is NaN.
func Maximum(x, y any, out ...*Array) *Array { return uMax.call([3]any{x, y}, out) }

// Minimum returns the smaller of x and y; NaN if either is NaN.
func Minimum(x, y any, out ...*Array) *Array { return uMin.call([3]any{x, y}, out) }

// FMax returns the larger of x and y, ignoring a NaN.
func FMax(x, y any, out ...*Array) *Array { return uFMax.call([3]any{x, y}, out) }

// FMin returns the smaller of x and y, ignoring a NaN.
func FMin(x, y any, out ...*Array) *Array { return uFMin.call([3]any{x, y}, out) }

// Arctan2 returns the angle of the point (y=x1, x=x2), NumPy's arctan2(x1, x2).
func Arctan2(x, y any, out ...*Array) *Array { return uAtan2.call([3]any{x, y}, out) }

// Hypot returns sqrt(x*x + y*y) without undue overflow.
func Hypot(x, y any, out ...*Array) *Array { return uHypot.call([3]any{x, y}, out) }

// Copysign returns x with the sign of y.
func Copysign(x, y any, out ...*Array) *Array { return uCopys.call([3]any{x, y}, out) }

// BitAnd (bitwise_and) returns x & y (bitwise and; logical and for bools).
func BitAnd(x, y any, out ...*Array) *Array { return uAnd.call([3]any{x, y}, out) }

// BitOr (bitwise_or) returns x | y (bitwise or; logical or for bools).
func BitOr(x, y any, out ...*Array) *Array { return uOr.call([3]any{x, y}, out) }

// BitXor (bitwise_xor) returns x ^ y (bitwise xor; logical xor for bools).
func BitXor(x, y any, out ...*Array) *Array { return uXor.call([3]any{x, y}, out) }

// LeftShift returns x << y; 0 for shifts of the bit width or more.
func LeftShift(x, y any, out ...*Array) *Array { return uLsh.call([3]any{x, y}, out) }

// RightShift returns x >> y, arithmetic for signed types.
func RightShift(x, y any, out ...*Array) *Array { return uRsh.call([3]any{x, y}, out) }

// Equal returns x == y.
func Equal(x, y any, out ...*Array) *Array { return uEq.call([3]any{x, y}, out) }

// NotEqual returns x != y.
func NotEqual(x, y any, out ...*Array) *Array { return uNe.call([3]any{x, y}, out) }

// Less returns x < y.
func Less(x, y any, out ...*Array) *Array { return uLt.call([3]any{x, y}, out) }

// LessEqual returns x <= y.
func LessEqual(x, y any, out ...*Array) *Array { return uLe.call([3]any{x, y}, out) }

// Greater returns x > y.
func Greater(x, y any, out ...*Array) *Array { return uGt.call([3]any{x, y}, out) }

// GreaterEqual returns x >= y.
func GreaterEqual(x, y any, out ...*Array) *Array { return uGe.call([3]any{x, y}, out) }

// LogicalAnd returns x && y of the operands' truth values.
func LogicalAnd(x, y any, out ...*Array) *Array { return uLAnd.call([3]any{x, y}, out) }

// LogicalOr returns x || y of the operands' truth values.
func LogicalOr(x, y any, out ...*Array) *Array { return uLOr.call([3]any{x, y}, out) }

// LogicalXor returns x != y of the operands' truth values.
func LogicalXor(x, y any, out ...*Array) *Array { return uLXor.call([3]any{x, y}, out) }

// Neg (negative) returns -x.
func Neg(x any, out ...*Array) *Array { return uNeg.call([3]any{x}, out) }

// Pos (positive) returns +x (a copy).
func Pos(x any, out ...*Array) *Array { return uPos.call([3]any{x}, out) }

// Abs (absolute) returns |x|; the magnitude, a real number, for complex x.
func Abs(x any, out ...*Array) *Array { return uAbs.call([3]any{x}, out) }

// Sign returns -1, 0 or +1 by the sign of x (x/|x| for complex).
func Sign(x any, out ...*Array) *Array { return uSign.call([3]any{x}, out) }

// Reciprocal returns 1/x (integer division for integers).
func Reciprocal(x any, out ...*Array) *Array { return uRecip.call([3]any{x}, out) }

// Square returns x*x.
func Square(x any, out ...*Array) *Array { return uSquare.call([3]any{x}, out) }

// Sqrt returns the square root.
func Sqrt(x any, out ...*Array) *Array { return uSqrt.call([3]any{x}, out) }

// Cbrt returns the cube root.
func Cbrt(x any, out ...*Array) *Array { return uCbrt.call([3]any{x}, out) }

// Exp returns e**x.
func Exp(x any, out ...*Array) *Array { return uExp.call([3]any{x}, out) }

// Exp2 returns 2**x.
func Exp2(x any, out ...*Array) *Array { return uExp2.call([3]any{x}, out) }

// Expm1 returns e**x - 1, accurate for small x.
func Expm1(x any, out ...*Array) *Array { return uExpm1.call([3]any{x}, out) }

// Log returns the natural logarithm.
func Log(x any, out ...*Array) *Array { return uLog.call([3]any{x}, out) }

// Log2 returns the base-2 logarithm.
func Log2(x any, out ...*Array) *Array { return uLog2.call([3]any{x}, out) }

// Log10 returns the base-10 logarithm.
func Log10(x any, out ...*Array) *Array { return uLog10.call([3]any{x}, out) }

// Log1p returns log(1 + x), accurate for small x.
func Log1p(x any, out ...*Array) *Array { return uLog1p.call([3]any{x}, out) }

// Sin returns the sine.
func Sin(x any, out ...*Array) *Array { return uSin.call([3]any{x}, out) }

// Cos returns the cosine.
func Cos(x any, out ...*Array) *Array { return uCos.call([3]any{x}, out) }

// Tan returns the tangent.
func Tan(x any, out ...*Array) *Array { return uTan.call([3]any{x}, out) }

// Arcsin returns the inverse sine.
func Arcsin(x any, out ...*Array) *Array { return uAsin.call([3]any{x}, out) }

// Arccos returns the inverse cosine.
func Arccos(x any, out ...*Array) *Array { return uAcos.call([3]any{x}, out) }

// Arctan returns the inverse tangent.
func Arctan(x any, out ...*Array) *Array { return uAtan.call([3]any{x}, out) }

// Sinh returns the hyperbolic sine.
func Sinh(x any, out ...*Array) *Array { return uSinh.call([3]any{x}, out) }

// Cosh returns the hyperbolic cosine.
func Cosh(x any, out ...*Array) *Array { return uCosh.call([3]any{x}, out) }

// Tanh returns the hyperbolic tangent.
func Tanh(x any, out ...*Array) *Array { return uTanh.call([3]any{x}, out) }

// Arcsinh returns the inverse hyperbolic sine.
func Arcsinh(x any, out ...*Array) *Array { return uAsinh.call([3]any{x}, out) }

// Arccosh returns the inverse hyperbolic cosine.
func Arccosh(x any, out ...*Array) *Array { return uAcosh.call([3]any{x}, out) }

// Arctanh returns the inverse hyperbolic tangent.
func Arctanh(x any, out ...*Array) *Array { return uAtanh.call([3]any{x}, out) }

// Floor returns the largest integer <= x; integer and bool arrays keep their dtype (NumPy >= 2.3).
func Floor(x any, out ...*Array) *Array { return uFloor.call([3]any{x}, out) }

// Ceil returns the smallest integer >= x; integer and bool arrays keep their dtype (NumPy >= 2.3).
func Ceil(x any, out ...*Array) *Array { return uCeil.call([3]any{x}, out) }

// Trunc returns x rounded toward zero; integer and bool arrays keep their dtype (NumPy >= 2.3).
func Trunc(x any, out ...*Array) *Array { return uTrunc.call([3]any{x}, out) }

// Rint returns x rounded to the nearest integer, halves to even.
func Rint(x any, out ...*Array) *Array { return uRint.call([3]any{x}, out) }

// Round returns x rounded to the nearest integer, halves to even (NumPy's round with decimals=0); integers are copied.
func Round(x any, out ...*Array) *Array { return uRound.call([3]any{x}, out) }

// IsNaN returns whether x is NaN.
func IsNaN(x any, out ...*Array) *Array { return uIsNaN.call([3]any{x}, out) }

// IsInf returns whether x is infinite.
func IsInf(x any, out ...*Array) *Array { return uIsInf.call([3]any{x}, out) }

// IsFinite returns whether x is neither infinite nor NaN.
func IsFinite(x any, out ...*Array) *Array { return uIsFinite.call([3]any{x}, out) }

// Signbit returns whether the sign bit of x is set (true for -0.0).
func Signbit(x any, out ...*Array) *Array { return uSignbit.call([3]any{x}, out) }

// LogicalNot returns !x of x's truth value.
func LogicalNot(x any, out ...*Array) *Array { return uLNot.call([3]any{x}, out) }

// Invert (invert, bitwise_not) returns ^x (bitwise not; logical not for bools).
func Invert(x any, out ...*Array) *Array { return uInvert.call([3]any{x}, out) }

// Conj (conjugate) returns the complex conjugate (a copy of real x).
func Conj(x any, out ...*Array) *Array { return uConj.call([3]any{x}, out) }

// Real returns the real part (a copy of real x; NumPy returns x itself).
func Real(x any, out ...*Array) *Array { return uReal.call([3]any{x}, out) }

// Imag returns the imaginary part of x (zeros for real x).
func Imag(x any, out ...*Array) *Array {
	x = realScalarArray(x)
	if a, ok := x.(*Array); ok && a.check() == nil && a.dt.Kind() != dtype.ComplexKind {
		zeros := ZerosLike(a)
		if len(out) == 0 {
			return zeros
		}
		defer zeros.Free()
		return uCopy.call([3]any{zeros}, out)
	}
	return uImag.call([3]any{x}, out)
}

// Angle returns the argument of complex x in radians; for real x it is
// Arctan2(0, x), as np.angle computes it.
func Angle(x any, out ...*Array) *Array {
	x = realScalarArray(x)
	if a, ok := x.(*Array); ok && a.check() == nil && a.dt.Kind() != dtype.ComplexKind {
		return uAtan2.call([3]any{0, x}, out)
	}
	return uAngle.call([3]any{x}, out)
}

// realScalarArray makes a real Go number x a 0-d array of its default
// dtype, as NumPy's np.imag and np.angle take a Python number: Imag(3) is
// an int64 0 and Angle(true) the angle of a bool array.
func realScalarArray(x any) any {
	if s, ok := scalarOf(x); ok && s.kind != dtype.ComplexScalar {
		return Scalar(x)
	}
	return x
}

// Where returns x where cond is true and y elsewhere (np.where with three
// arguments); cond is taken as its truth value.
func Where(cond, x, y any, out ...*Array) *Array { return uWhere.call([3]any{cond, x, y}, out) }

// Clip returns a limited to [lo, hi]: Minimum(Maximum(a, lo), hi), in one
// kernel.
func Clip(a, lo, hi any, out ...*Array) *Array { return uClip.call([3]any{a, lo, hi}, out) }

// Methods for chaining the common ufuncs: a.Mul(b).Add(1).

// Add is Add(a, y, out...).
func (a *Array) Add(y any, out ...*Array) *Array { return uAdd.call([3]any{a, y}, out) }

// Sub is Sub(a, y, out...).
func (a *Array) Sub(y any, out ...*Array) *Array { return uSub.call([3]any{a, y}, out) }

// Mul is Mul(a, y, out...).
func (a *Array) Mul(y any, out ...*Array) *Array { return uMul.call([3]any{a, y}, out) }

// Div is Div(a, y, out...).
func (a *Array) Div(y any, out ...*Array) *Array { return uDiv.call([3]any{a, y}, out) }

// FloorDiv is FloorDiv(a, y, out...).
func (a *Array) FloorDiv(y any, out ...*Array) *Array { return uFDiv.call([3]any{a, y}, out) }

// Mod is Mod(a, y, out...).
func (a *Array) Mod(y any, out ...*Array) *Array { return uMod.call([3]any{a, y}, out) }

// Pow is Pow(a, y, out...).
func (a *Array) Pow(y any, out ...*Array) *Array { return uPow.call([3]any{a, y}, out) }

// Maximum is Maximum(a, y, out...).
func (a *Array) Maximum(y any, out ...*Array) *Array { return uMax.call([3]any{a, y}, out) }

// Minimum is Minimum(a, y, out...).
func (a *Array) Minimum(y any, out ...*Array) *Array { return uMin.call([3]any{a, y}, out) }

// Equal is Equal(a, y, out...).
func (a *Array) Equal(y any, out ...*Array) *Array { return uEq.call([3]any{a, y}, out) }

// NotEqual is NotEqual(a, y, out...).
func (a *Array) NotEqual(y any, out ...*Array) *Array { return uNe.call([3]any{a, y}, out) }

// Less is Less(a, y, out...).
func (a *Array) Less(y any, out ...*Array) *Array { return uLt.call([3]any{a, y}, out) }

// LessEqual is LessEqual(a, y, out...).
func (a *Array) LessEqual(y any, out ...*Array) *Array { return uLe.call([3]any{a, y}, out) }

// Greater is Greater(a, y, out...).
func (a *Array) Greater(y any, out ...*Array) *Array { return uGt.call([3]any{a, y}, out) }

// GreaterEqual is GreaterEqual(a, y, out...).
func (a *Array) GreaterEqual(y any, out ...*Array) *Array { return uGe.call([3]any{a, y}, out) }

// Neg is Neg(a, out...).
func (a *Array) Neg(out ...*Array) *Array { return uNeg.call([3]any{a}, out) }

// Abs is Abs(a, out...).
func (a *Array) Abs(out ...*Array) *Array { return uAbs.call([3]any{a}, out) }

// Sqrt is Sqrt(a, out...).
func (a *Array) Sqrt(out ...*Array) *Array { return uSqrt.call([3]any{a}, out) }

// Exp is Exp(a, out...).
func (a *Array) Exp(out ...*Array) *Array { return uExp.call([3]any{a}, out) }

// Log is Log(a, out...).
func (a *Array) Log(out ...*Array) *Array { return uLog.call([3]any{a}, out) }

// Square is Square(a, out...).
func (a *Array) Square(out ...*Array) *Array { return uSquare.call([3]any{a}, out) }

// Clip is Clip(a, lo, hi, out...).
func (a *Array) Clip(lo, hi any, out ...*Array) *Array { return uClip.call([3]any{a, lo, hi}, out) }
