package cgen

import (
	"strings"

	"github.com/cugo/cugo/dtype"
	"github.com/cugo/cugo/internal/ir"
)

// The C of fmod, gcd, lcm, heaviside, logaddexp(2), nextafter, spacing,
// deg2rad, rad2deg, sinc, modf, frexp and ldexp, following the CPU
// backend's special.go step for step (NumPy's npy_math).

// specialHelpers are the helpers of those ops.
func specialHelpers() []helper {
	hs := []helper{
		{name: "gcd", cuda: `template <typename T> ` + fn + `u64 absu(T v) { return v < 0 ? (u64)0 - (u64)v : (u64)v; }
` + fn + `u64 gcd_u64(u64 a, u64 b) { while (b != 0) { const u64 t = a % b; a = b; b = t; } return a; }
template <typename T> ` + fn + `T gcd_t(T a, T b) { return (T)gcd_u64(absu(a), absu(b)); }
template <typename T> ` + fn + `T lcm_t(T a, T b) {
  const u64 ua = absu(a), ub = absu(b), g = gcd_u64(ua, ub);
  return g == 0 ? (T)0 : (T)(ua / g * ub);
}
`},
		// Where x == y, the half and bfloat16 steps return y, as C's
		// nextafter and NumPy 2.5's float16 loop do (nextafter(-0, 0) is 0).
		{name: "next_h", deps: []string{"half"}, cuda: fn + `float next_h(float x, float y) {
  if (x != x || y != y) return x + y;
  if (x == y) return y;
  if (x == 0) return y > 0 ? 5.9604644775390625e-08f : -5.9604644775390625e-08f;
  return h2f((u16)(f2h(x) + ((y > x) == (x > 0) ? 1 : 0xffff)));
}
`},
		{name: "next_bf", deps: []string{"bfloat"}, cuda: fn + `float next_bf(float x, float y) {
  if (x != x || y != y) return x + y;
  if (x == y) return y;
  if (x == 0) return y > 0 ? 9.18354961579912115600575419705e-41f : -9.18354961579912115600575419705e-41f;
  return bf2f((u16)(f2bf(x) + ((y > x) == (x > 0) ? 1 : 0xffff)));
}
`},
	}
	for _, f := range []struct{ name, F, f string }{{"f32", "float", "f"}, {"f64", "double", ""}} {
		r := strings.NewReplacer("$F", f.F, "$f", f.f, "$N", f.name)
		hs = append(hs,
			helper{name: "logaddexp_" + f.name, cuda: r.Replace(`static __device__ $F logaddexp_$N($F x, $F y) {
  if (x == y) return x + ($F)0.693147180559945309417232121458;
  const $F d = x - y;
  if (d > 0) return x + log1p$f(exp$f(-d));
  if (d <= 0) return y + log1p$f(exp$f(d));
  return d;
}
static __device__ $F logaddexp2_$N($F x, $F y) {
  if (x == y) return x + 1;
  const $F d = x - y;
  if (d > 0) return x + log1p$f(exp2$f(-d)) * ($F)1.44269504088896340735992468100;
  if (d <= 0) return y + log1p$f(exp2$f(d)) * ($F)1.44269504088896340735992468100;
  return d;
}
`)},
			helper{name: "frexp_" + f.name, cuda: r.Replace(fn + `$F frexp_m_$N($F x) { int e; return frexp$f(x, &e); }
` + fn + `i32 frexp_e_$N($F x) { int e; frexp$f(x, &e); return x - x == 0 ? e : 0; }
` + fn + `$F modf_$N($F x) { $F i; return modf$f(x, &i); }
`)})
	}
	// sinc as np.sinc: y = π·x and sin(y) each rounded to the dtype.
	for _, s := range []struct{ name, F, f, round, dep string }{
		{"f64", "double", "", "", ""}, {"f32", "float", "f", "", ""}, {"h", "float", "f", "rh", "half"}, {"bf", "float", "f", "rb", "bfloat"},
	} {
		r := strings.NewReplacer("$F", s.F, "$f", s.f, "$N", s.name, "$R", s.round)
		h := helper{name: "sinc_" + s.name, cuda: r.Replace(`static __device__ $F sinc_$N($F x) {
  if (x == 0) return 1;
  const $F y = $R(($F)$R(($F)3.14159265358979323846) * x);
  return $R(sin$f(y)) / y;
}
`)}
		if s.dep != "" {
			h.deps = []string{s.dep}
		}
		hs = append(hs, h)
	}
	return hs
}

// helperName is name_f64 or name_f32 by t's compute type.
func helperName(name string, t dtype.DType) string {
	if suffix(t) == "f" {
		return name + "_f32"
	}
	return name + "_f64"
}

// special is the C of the ops above on arguments a of dtype t; ok is
// false for other ops.
func (e *emitter) special(op ir.Op, t dtype.DType, a []string) (x string, ok bool) {
	T, f := storage(t), suffix(t)
	call := func(helper, name string) string {
		e.need.add(helper)
		return name + "(" + strings.Join(a, ", ") + ")"
	}
	switch op {
	case ir.Gcd:
		return call("gcd", "gcd_t<"+T+">"), true
	case ir.Lcm:
		return call("gcd", "lcm_t<"+T+">"), true
	case ir.Fmod:
		switch classOf(t) {
		case classFloat:
			return "fmod" + f + "(" + a[0] + ", " + a[1] + ")", true
		case classSigned: // MinInt % -1 traps on x86 and is undefined in C; the answer is 0
			return "(" + a[1] + " == 0 || " + a[1] + " == -1 ? (" + T + ")0 : (" + T + ")(" + a[0] + " % " + a[1] + "))", true
		}
		return "(" + a[1] + " == 0 ? (" + T + ")0 : (" + T + ")(" + a[0] + " % " + a[1] + "))", true
	case ir.Heaviside:
		x, h := a[0], a[1]
		return "(" + x + " < 0 ? " + literal(t, "0") + " : " + x + " > 0 ? " + literal(t, "1") + " : " + x + " == 0 ? " + h + " : " + x + ")", true
	case ir.Logaddexp:
		return call(helperName("logaddexp", t), helperName("logaddexp", t)), true
	case ir.Logaddexp2:
		return call(helperName("logaddexp", t), helperName("logaddexp2", t)), true
	case ir.Nextafter:
		return e.next(t, a[0], a[1]), true
	case ir.Spacing:
		toward := "(" + a[0] + " < 0 ? -" + infinity(t) + " : " + infinity(t) + ")"
		if t == dtype.Float16 { // NumPy's float16 spacing always steps up
			toward = infinity(t)
		}
		return "(fabs" + f + "(" + a[0] + ") == " + infinity(t) + " ? " + a[0] + " - " + a[0] + " : " + e.next(t, a[0], toward) + " - " + a[0] + ")", true
	case ir.Deg2rad:
		return "(" + a[0] + " * (" + compute(t) + ")0.0174532925199432957692369076849)", true
	case ir.Rad2deg:
		return "(" + a[0] + " * (" + compute(t) + ")57.2957795130823208767981548141)", true
	case ir.Sinc:
		if classOf(t) == classComplex {
			return "", false // a complex helper (complexFuncs)
		}
		name := map[dtype.DType]string{dtype.Float64: "sinc_f64", dtype.Float32: "sinc_f32", dtype.Float16: "sinc_h", dtype.BFloat16: "sinc_bf"}[t]
		return call(name, name), true
	case ir.Modf:
		return call(helperName("frexp", t), helperName("modf", t)), true
	case ir.FrexpMantissa:
		return call(helperName("frexp", t), helperName("frexp_m", t)), true
	case ir.FrexpExponent:
		return call(helperName("frexp", t), helperName("frexp_e", t)), true
	case ir.I0:
		return e.i0(t, a[0]), true
	case ir.BitwiseCount:
		return e.bitwiseCount(a[0]), true
	case ir.Ldexp:
		// A NaN exponent gives NaN, as on the CPU (fmin and fmax would drop it).
		return "(" + a[1] + " != " + a[1] + " ? " + a[1] + " : ldexp" + f + "(" + a[0] + ", (int)fmax" + f + "(-65536, fmin" + f + "(65536, " + a[1] + "))))", true
	}
	return "", false
}

// next is C's nextafter(x, y) in dtype t.
func (e *emitter) next(t dtype.DType, x, y string) string {
	switch t {
	case dtype.Float16:
		e.need.add("next_h")
		return "next_h(" + x + ", " + y + ")"
	case dtype.BFloat16:
		e.need.add("next_bf")
		return "next_bf(" + x + ", " + y + ")"
	}
	return "nextafter" + suffix(t) + "(" + x + ", " + y + ")"
}
