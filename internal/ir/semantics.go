package ir

// Semantics shared by every backend, so that the CPU evaluator and the
// generated CUDA/HIP C give the same answers as NumPy:
//
//   - Each node computes in its own dtype and rounds to it: float16 and
//     bfloat16 nodes compute in float32 and round to nearest-even at the
//     node (as NumPy's float16 loops do), so a*b+c rounds twice.
//   - Integers wrap on overflow (two's complement). FloorDiv and Mod by
//     zero give 0 (NumPy gives 0 with a warning). FloorDiv rounds toward
//     minus infinity; Mod takes the sign of the divisor (Python's %).
//     MinInt // -1 gives MinInt.
//   - Floats follow NumPy's npy_divmod: FloorDiv(a, 0) = a/0 (±inf or
//     NaN), Mod(a, 0) = NaN; a zero Mod result takes the sign of the
//     divisor.
//   - Pow of integers by repeated squaring; a negative integer exponent
//     gives 0 except for bases 1 (1) and -1 (±1): NumPy raises instead,
//     and the array package checks scalar exponents before launching.
//   - LeftShift by a count >= the bit width gives 0; RightShift by such a
//     count gives 0, or -1 for a negative signed value (NumPy's
//     npy_rshift); negative counts behave as counts >= the width.
//   - Maximum/Minimum propagate NaN (either argument NaN gives NaN);
//     FMax/FMin return the other argument when one is NaN. For complex,
//     ordering is lexicographic (real, then imaginary), as NumPy.
//   - Comparisons with NaN are false except NotEqual. Complex ordering is
//     lexicographic.
//   - Rint rounds half to even. Sign gives -1, 0, +1 (NaN for NaN; for
//     complex z/|z|, 0 for 0). Abs of the most negative integer wraps
//     (stays negative), as NumPy.
//   - Cast: float to integer truncates toward zero. NaN, ±inf and values
//     out of range (NumPy leaves them undefined) follow x86-64, NumPy's
//     main platform, on every backend: int32 and int64 give their most
//     negative value (x86's "integer indefinite"); int8, int16, uint8 and
//     uint16 convert through int32 and wrap (300.0 -> int8 is 44, -1.0 ->
//     uint8 is 255, NaN -> int8 is 0); uint32 and uint64 convert values
//     >= 2^31 or 2^63 as x - 2^31 (2^63) through int32 (int64), then add
//     it back (wrapping), others through int32 (int64) directly: NaN and
//     huge values give 0 or 2^31 (2^63), -1.0 gives MaxUint. To Bool is
//     x != 0 (for complex: either part non-zero); complex to real keeps
//     the real part; Bool to number is 0 or 1.
//   - Reciprocal of an integer is NumPy's (T)(1.0/x): 1 for 1, -1 for -1,
//     0 for other non-zero x; for 0, 1/0 = inf cast as above: the most
//     negative value for int32 and int64, 0 for the other integer types.
//   - Float16, bfloat16 and float32 FloorDiv and Mod compute in float32
//     (NumPy's npy_divmodf), not in float64 rounded.
//   - Invert on Bool is logical not; on integers bitwise not.
//   - Complex: Add, Sub, Mul, Div (Smith's algorithm), Neg, Pos, Conj,
//     Square, Reciprocal, Abs (hypot), Real, Imag, Angle, Sign, Exp, Log,
//     Sqrt, Pow, Equal, NotEqual, orderings, Maximum/Minimum/FMax/FMin,
//     IsNaN/IsInf/IsFinite (either part), Where, Cast, and the
//     transcendental functions (Sin ... Arctanh, Exp2, Expm1, Log2,
//     Log10, Log1p) composed from real ones as NumPy's nc_* functions.
//     The op table (ops.go) says which ops take complex operands.
//   - Fmod is C's fmod (integers: x fmod 0 = 0); Gcd and Lcm work on the
//     magnitudes as unsigned numbers and wrap back; Spacing and Nextafter
//     step in the node's own format (NumPy's float16 spacing always steps
//     toward +inf, its float16 nextafter(x, x) is x); Sinc rounds πx and
//     sin(πx) to the node's dtype, as np.sinc; FrexpExponent of zero, inf
//     and NaN is 0; Ldexp takes an integer-valued exponent of the
//     mantissa's dtype.
//   - I0 is np.i0's Chebyshev evaluation (Cephes), every step rounded to
//     the node's dtype as NumPy's float16 and float32 arithmetic rounds
//     (so float16 i0(12) overflows in exp to inf, and i0(inf) is NaN);
//     BitwiseCount counts the 1-bits of |x| (the most negative value's
//     magnitude exactly).
