package array

import (
	"github.com/cugo/cugo/dtype"
)

// NumPy's further math ufuncs, and its functions of two outputs (divmod,
// modf, frexp), which return a pair and take up to two out arrays.

// Fmod returns C's fmod(x, y): the remainder with the sign of x (Mod has
// the sign of y); integers modulo 0 give 0.
func Fmod(x, y any, out ...*Array) *Array { return uFmod.call([3]any{x, y}, out) }

// Gcd returns the greatest common divisor of |x| and |y| (integers).
func Gcd(x, y any, out ...*Array) *Array { return uGcd.call([3]any{x, y}, out) }

// Lcm returns the least common multiple of |x| and |y| (integers).
func Lcm(x, y any, out ...*Array) *Array { return uLcm.call([3]any{x, y}, out) }

// Heaviside returns 0 where x < 0, 1 where x > 0 and h0 where x == 0.
func Heaviside(x, h0 any, out ...*Array) *Array { return uHeaviside.call([3]any{x, h0}, out) }

// Logaddexp returns log(exp(x) + exp(y)) without overflow.
func Logaddexp(x, y any, out ...*Array) *Array { return uLogaddexp.call([3]any{x, y}, out) }

// Logaddexp2 returns log2(2**x + 2**y) without overflow.
func Logaddexp2(x, y any, out ...*Array) *Array { return uLogaddexp2.call([3]any{x, y}, out) }

// Nextafter returns the next representable value after x toward y.
func Nextafter(x, y any, out ...*Array) *Array { return uNextafter.call([3]any{x, y}, out) }

// Spacing returns the distance from x to the nearest adjacent value of its dtype.
func Spacing(x any, out ...*Array) *Array { return uSpacing.call([3]any{x}, out) }

// Deg2rad (radians) converts degrees to radians.
func Deg2rad(x any, out ...*Array) *Array { return uDeg2rad.call([3]any{x}, out) }

// Rad2deg (degrees) converts radians to degrees.
func Rad2deg(x any, out ...*Array) *Array { return uRad2deg.call([3]any{x}, out) }

// Sinc returns sin(πx)/(πx), 1 at 0 (integers compute in float64). For
// complex x it is NumPy's formula, sin(y)/y with y = π·(x, or 1e-20
// where x is 0).
func Sinc(x any, out ...*Array) *Array { return uSinc.call([3]any{x}, out) }

// Ldexp returns x * 2**e for integer exponents e (an integer array or Go
// integer); x alone picks the float dtype, as NumPy's ldexp loops do.
func Ldexp(x, e any, out ...*Array) *Array {
	const name = "Ldexp"
	var exp any
	switch v := e.(type) {
	case *Array:
		if err := v.checkOp(name); err != nil {
			return &Array{err: err}
		}
		if k := v.dt.Kind(); k == dtype.FloatKind || k == dtype.ComplexKind || v.dt == Uint64 {
			return errorf(name, "ufunc 'ldexp' not supported for the input types: the exponent is %v, want an integer array that casts safely to int64", v.dt)
		}
		exp = v
	default:
		s, ok := scalarOf(e)
		if !ok || s.kind != dtype.IntScalar && s.kind != dtype.BoolScalar {
			return errorf(name, "ufunc 'ldexp' not supported for the input types: the exponent is %T, want an integer", e)
		}
		exp = float64(s.i) // exact where it matters: beyond ±2^16 every result saturates
	}
	// The kernel takes the exponent as a float of the mantissa's loop dtype.
	if a, ok := x.(*Array); ok && a.check() == nil {
		if loop := ldexpLoop(a.dt); loop != 0 && loop != a.dt {
			a = a.AsType(loop)
			defer a.Free()
			x = a
		}
		if v, ok := exp.(*Array); ok {
			if loop := ldexpLoop(a.dt); loop != 0 {
				v = v.AsType(loop)
				defer v.Free()
				exp = v
			}
		}
	}
	return uLdexp.call([3]any{x, exp}, out)
}

// ldexpLoop is the float loop of ldexp for a mantissa of dtype d (0 if none).
func ldexpLoop(d DType) DType {
	for _, l := range uLdexp.loops {
		if dtype.CanCast(d, l, dtype.CastSafe) {
			return l
		}
	}
	return 0
}

// Divmod returns FloorDiv(x, y) and Mod(x, y); out may give both outputs.
func Divmod(x, y any, out ...*Array) (q, r *Array) {
	qo, ro, err := twoOuts("Divmod", out)
	if err != nil {
		return err, err
	}
	return uFDiv.call([3]any{x, y}, qo), uMod.call([3]any{x, y}, ro)
}

// Modf returns the fractional and integral parts of x, both with x's sign.
func Modf(x any, out ...*Array) (frac, integral *Array) {
	fo, io, err := twoOuts("Modf", out)
	if err != nil {
		return err, err
	}
	frac = uModf.call([3]any{x}, fo)
	if frac.err != nil {
		return frac, frac
	}
	if io == nil {
		e, err := empty(frac.st.b, frac.dt, frac.shape)
		if err != nil {
			return frac, failed("Modf", err)
		}
		io = []*Array{e}
	}
	return frac, uTrunc.call([3]any{x}, io)
}

// Frexp returns the mantissa m and exponent e of x = m * 2**e, with
// 0.5 <= |m| < 1 (m = x, e = 0 for zero, inf and NaN); e is int32.
func Frexp(x any, out ...*Array) (mantissa, exponent *Array) {
	mo, eo, err := twoOuts("Frexp", out)
	if err != nil {
		return err, err
	}
	return uFrexp.call([3]any{x}, mo), uFrexpExp.call([3]any{x}, eo)
}

// twoOuts splits the out arrays of a two-output function.
func twoOuts(name string, out []*Array) (first, second []*Array, err *Array) {
	switch len(out) {
	case 0:
		return nil, nil, nil
	case 2:
		return out[:1], out[1:], nil
	}
	return nil, nil, errorf(name, "%d outputs given, want 0 or 2", len(out))
}
