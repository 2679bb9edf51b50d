package array

// Method forms of the ufuncs that Add, Sqrt and the others lacked, so that
// every ufunc with an Expr method also has an Array method (a.IsNaN(),
// a.BitAnd(b)), with the function's out argument; and Expr methods of
// the newer ufuncs.

// Arctan2 is Arctan2(a, y, out...).
func (a *Array) Arctan2(y any, out ...*Array) *Array { return Arctan2(a, y, out...) }

// BitAnd is BitAnd(a, y, out...).
func (a *Array) BitAnd(y any, out ...*Array) *Array { return BitAnd(a, y, out...) }

// BitOr is BitOr(a, y, out...).
func (a *Array) BitOr(y any, out ...*Array) *Array { return BitOr(a, y, out...) }

// BitXor is BitXor(a, y, out...).
func (a *Array) BitXor(y any, out ...*Array) *Array { return BitXor(a, y, out...) }

// Copysign is Copysign(a, y, out...).
func (a *Array) Copysign(y any, out ...*Array) *Array { return Copysign(a, y, out...) }

// FMax is FMax(a, y, out...).
func (a *Array) FMax(y any, out ...*Array) *Array { return FMax(a, y, out...) }

// FMin is FMin(a, y, out...).
func (a *Array) FMin(y any, out ...*Array) *Array { return FMin(a, y, out...) }

// Hypot is Hypot(a, y, out...).
func (a *Array) Hypot(y any, out ...*Array) *Array { return Hypot(a, y, out...) }

// LeftShift is LeftShift(a, y, out...).
func (a *Array) LeftShift(y any, out ...*Array) *Array { return LeftShift(a, y, out...) }

// RightShift is RightShift(a, y, out...).
func (a *Array) RightShift(y any, out ...*Array) *Array { return RightShift(a, y, out...) }

// LogicalAnd is LogicalAnd(a, y, out...).
func (a *Array) LogicalAnd(y any, out ...*Array) *Array { return LogicalAnd(a, y, out...) }

// LogicalOr is LogicalOr(a, y, out...).
func (a *Array) LogicalOr(y any, out ...*Array) *Array { return LogicalOr(a, y, out...) }

// LogicalXor is LogicalXor(a, y, out...).
func (a *Array) LogicalXor(y any, out ...*Array) *Array { return LogicalXor(a, y, out...) }

// Fmod is Fmod(a, y, out...).
func (a *Array) Fmod(y any, out ...*Array) *Array { return Fmod(a, y, out...) }

// Gcd is Gcd(a, y, out...).
func (a *Array) Gcd(y any, out ...*Array) *Array { return Gcd(a, y, out...) }

// Lcm is Lcm(a, y, out...).
func (a *Array) Lcm(y any, out ...*Array) *Array { return Lcm(a, y, out...) }

// Heaviside is Heaviside(a, y, out...).
func (a *Array) Heaviside(y any, out ...*Array) *Array { return Heaviside(a, y, out...) }

// Logaddexp is Logaddexp(a, y, out...).
func (a *Array) Logaddexp(y any, out ...*Array) *Array { return Logaddexp(a, y, out...) }

// Logaddexp2 is Logaddexp2(a, y, out...).
func (a *Array) Logaddexp2(y any, out ...*Array) *Array { return Logaddexp2(a, y, out...) }

// Nextafter is Nextafter(a, y, out...).
func (a *Array) Nextafter(y any, out ...*Array) *Array { return Nextafter(a, y, out...) }

// Arccos is Arccos(a, out...).
func (a *Array) Arccos(out ...*Array) *Array { return Arccos(a, out...) }

// Arccosh is Arccosh(a, out...).
func (a *Array) Arccosh(out ...*Array) *Array { return Arccosh(a, out...) }

// Arcsin is Arcsin(a, out...).
func (a *Array) Arcsin(out ...*Array) *Array { return Arcsin(a, out...) }

// Arcsinh is Arcsinh(a, out...).
func (a *Array) Arcsinh(out ...*Array) *Array { return Arcsinh(a, out...) }

// Arctan is Arctan(a, out...).
func (a *Array) Arctan(out ...*Array) *Array { return Arctan(a, out...) }

// Arctanh is Arctanh(a, out...).
func (a *Array) Arctanh(out ...*Array) *Array { return Arctanh(a, out...) }

// Cbrt is Cbrt(a, out...).
func (a *Array) Cbrt(out ...*Array) *Array { return Cbrt(a, out...) }

// Ceil is Ceil(a, out...).
func (a *Array) Ceil(out ...*Array) *Array { return Ceil(a, out...) }

// Conj is Conj(a, out...).
func (a *Array) Conj(out ...*Array) *Array { return Conj(a, out...) }

// Cos is Cos(a, out...).
func (a *Array) Cos(out ...*Array) *Array { return Cos(a, out...) }

// Cosh is Cosh(a, out...).
func (a *Array) Cosh(out ...*Array) *Array { return Cosh(a, out...) }

// Exp2 is Exp2(a, out...).
func (a *Array) Exp2(out ...*Array) *Array { return Exp2(a, out...) }

// Expm1 is Expm1(a, out...).
func (a *Array) Expm1(out ...*Array) *Array { return Expm1(a, out...) }

// Floor is Floor(a, out...).
func (a *Array) Floor(out ...*Array) *Array { return Floor(a, out...) }

// Invert is Invert(a, out...).
func (a *Array) Invert(out ...*Array) *Array { return Invert(a, out...) }

// IsFinite is IsFinite(a, out...).
func (a *Array) IsFinite(out ...*Array) *Array { return IsFinite(a, out...) }

// IsInf is IsInf(a, out...).
func (a *Array) IsInf(out ...*Array) *Array { return IsInf(a, out...) }

// IsNaN is IsNaN(a, out...).
func (a *Array) IsNaN(out ...*Array) *Array { return IsNaN(a, out...) }

// Log10 is Log10(a, out...).
func (a *Array) Log10(out ...*Array) *Array { return Log10(a, out...) }

// Log1p is Log1p(a, out...).
func (a *Array) Log1p(out ...*Array) *Array { return Log1p(a, out...) }

// Log2 is Log2(a, out...).
func (a *Array) Log2(out ...*Array) *Array { return Log2(a, out...) }

// LogicalNot is LogicalNot(a, out...).
func (a *Array) LogicalNot(out ...*Array) *Array { return LogicalNot(a, out...) }

// Pos is Pos(a, out...).
func (a *Array) Pos(out ...*Array) *Array { return Pos(a, out...) }

// Real is Real(a, out...).
func (a *Array) Real(out ...*Array) *Array { return Real(a, out...) }

// Reciprocal is Reciprocal(a, out...).
func (a *Array) Reciprocal(out ...*Array) *Array { return Reciprocal(a, out...) }

// Rint is Rint(a, out...).
func (a *Array) Rint(out ...*Array) *Array { return Rint(a, out...) }

// Round is Round(a, out...).
func (a *Array) Round(out ...*Array) *Array { return Round(a, out...) }

// Sign is Sign(a, out...).
func (a *Array) Sign(out ...*Array) *Array { return Sign(a, out...) }

// Signbit is Signbit(a, out...).
func (a *Array) Signbit(out ...*Array) *Array { return Signbit(a, out...) }

// Sin is Sin(a, out...).
func (a *Array) Sin(out ...*Array) *Array { return Sin(a, out...) }

// Sinh is Sinh(a, out...).
func (a *Array) Sinh(out ...*Array) *Array { return Sinh(a, out...) }

// Tan is Tan(a, out...).
func (a *Array) Tan(out ...*Array) *Array { return Tan(a, out...) }

// Tanh is Tanh(a, out...).
func (a *Array) Tanh(out ...*Array) *Array { return Tanh(a, out...) }

// Trunc is Trunc(a, out...).
func (a *Array) Trunc(out ...*Array) *Array { return Trunc(a, out...) }

// Spacing is Spacing(a, out...).
func (a *Array) Spacing(out ...*Array) *Array { return Spacing(a, out...) }

// Deg2rad is Deg2rad(a, out...).
func (a *Array) Deg2rad(out ...*Array) *Array { return Deg2rad(a, out...) }

// Rad2deg is Rad2deg(a, out...).
func (a *Array) Rad2deg(out ...*Array) *Array { return Rad2deg(a, out...) }

// Sinc is Sinc(a, out...).
func (a *Array) Sinc(out ...*Array) *Array { return Sinc(a, out...) }

// Imag is Imag(a, out...).
func (a *Array) Imag(out ...*Array) *Array { return Imag(a, out...) }

// Angle is Angle(a, out...).
func (a *Array) Angle(out ...*Array) *Array { return Angle(a, out...) }

// Where is Where(a, x, y, out...): x where a is true, y elsewhere.
func (a *Array) Where(x, y any, out ...*Array) *Array { return Where(a, x, y, out...) }

// Ldexp is Ldexp(a, e, out...).
func (a *Array) Ldexp(e any, out ...*Array) *Array { return Ldexp(a, e, out...) }

// Fmod is Fmod(e, y).
func (e Expr) Fmod(y any) Expr { return e.apply(uFmod, y) }

// Gcd is Gcd(e, y).
func (e Expr) Gcd(y any) Expr { return e.apply(uGcd, y) }

// Lcm is Lcm(e, y).
func (e Expr) Lcm(y any) Expr { return e.apply(uLcm, y) }

// Heaviside is Heaviside(e, y).
func (e Expr) Heaviside(y any) Expr { return e.apply(uHeaviside, y) }

// Logaddexp is Logaddexp(e, y).
func (e Expr) Logaddexp(y any) Expr { return e.apply(uLogaddexp, y) }

// Logaddexp2 is Logaddexp2(e, y).
func (e Expr) Logaddexp2(y any) Expr { return e.apply(uLogaddexp2, y) }

// Nextafter is Nextafter(e, y).
func (e Expr) Nextafter(y any) Expr { return e.apply(uNextafter, y) }

// Spacing is Spacing(e).
func (e Expr) Spacing() Expr { return e.apply(uSpacing) }

// Deg2rad is Deg2rad(e).
func (e Expr) Deg2rad() Expr { return e.apply(uDeg2rad) }

// Rad2deg is Rad2deg(e).
func (e Expr) Rad2deg() Expr { return e.apply(uRad2deg) }

// Sinc is Sinc(e).
func (e Expr) Sinc() Expr { return e.apply(uSinc) }
