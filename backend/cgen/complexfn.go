package cgen

import "strings"

// complexFuncHelpers are the complex transcendental functions beyond exp,
// log and sqrt, for c64 and c128: the circular and hyperbolic functions
// from real ones, their inverses through log and sqrt (asinh(z) =
// log(z + sqrt(z² + 1)) on the right half-plane, odd symmetry on the
// left), and exp2, expm1, log2, log10, log1p as NumPy's nc_* functions.
func complexFuncHelpers() []helper {
	var hs []helper
	for _, c := range []struct{ C, F, f, big string }{{"c64", "float", "f", "9"}, {"c128", "double", "", "20"}} {
		r := strings.NewReplacer("$C", c.C, "$F", c.F, "$f", c.f, "$BIG", c.big)
		add := func(name string, deps []string, code string) {
			hs = append(hs, helper{name: c.C + "_" + name, deps: append([]string{c.C}, prefixed(c.C, deps)...), cuda: r.Replace(code)})
		}
		add("sin", nil, fn+`$C $C_sin($C a) { return $C_(sin$f(a.re) * cosh$f(a.im), cos$f(a.re) * sinh$f(a.im)); }
`)
		add("cos", nil, fn+`$C $C_cos($C a) { return $C_(cos$f(a.re) * cosh$f(a.im), -(sin$f(a.re) * sinh$f(a.im))); }
`)
		add("sinh", nil, fn+`$C $C_sinh($C a) { return $C_(sinh$f(a.re) * cos$f(a.im), cosh$f(a.re) * sin$f(a.im)); }
`)
		add("cosh", nil, fn+`$C $C_cosh($C a) { return $C_(cosh$f(a.re) * cos$f(a.im), sinh$f(a.re) * sin$f(a.im)); }
`)
		// Kahan's tanh: t = tan y, s = sinh x; beyond |x| = $BIG the result is ±1 to the last bit.
		add("tanh", nil, `static __device__ $C $C_tanh($C a) {
  if (fabs$f(a.re) > $BIG) return $C_(copysign$f(($F)1, a.re), copysign$f(($F)0, sin$f(a.im) * cos$f(a.im)));
  const $F t = tan$f(a.im), b = 1 + t * t, s = sinh$f(a.re), rho = sqrt$f(1 + s * s), d = 1 + b * s * s;
  return $C_(b * rho * s / d, t / d);
}
`)
		add("tan", []string{"tanh"}, fn+`$C $C_tan($C a) { const $C t = $C_tanh($C_(-a.im, a.re)); return $C_(t.im, -t.re); }
`)
		add("asinh", []string{"log", "sqrt", "mul"}, `static __device__ $C $C_asinh($C a) {
  const bool neg = a.re < 0;
  const $C z = neg ? $C_(-a.re, -a.im) : a;
  $C w = $C_mul(z, z);
  w.re += 1;
  const $C s = $C_sqrt(w);
  const $C r = $C_log($C_(z.re + s.re, z.im + s.im));
  return neg ? $C_(-r.re, -r.im) : r;
}
`)
		add("acosh", []string{"log", "sqrt", "mul"}, `static __device__ $C $C_acosh($C a) {
  const $C p = $C_sqrt($C_(a.re + 1, a.im)), m = $C_sqrt($C_(a.re - 1, a.im)), q = $C_mul(p, m);
  return $C_log($C_(a.re + q.re, a.im + q.im));
}
`)
		add("atanh", []string{"log"}, `static __device__ $C $C_atanh($C a) {
  const $C p = $C_log($C_(1 + a.re, a.im)), m = $C_log($C_(1 - a.re, -a.im));
  return $C_((p.re - m.re) / 2, (p.im - m.im) / 2);
}
`)
		add("asin", []string{"asinh"}, fn+`$C $C_asin($C a) { const $C t = $C_asinh($C_(-a.im, a.re)); return $C_(t.im, -t.re); }
`)
		add("acos", []string{"asin"}, fn+`$C $C_acos($C a) { const $C t = $C_asin(a); return $C_(($F)1.57079632679489661923132169164 - t.re, -t.im); }
`)
		add("atan", []string{"atanh"}, fn+`$C $C_atan($C a) { const $C t = $C_atanh($C_(-a.im, a.re)); return $C_(t.im, -t.re); }
`)
		add("exp2", []string{"exp"}, fn+`$C $C_exp2($C a) { return $C_exp($C_(a.re * ($F)0.693147180559945309417232121458, a.im * ($F)0.693147180559945309417232121458)); }
`)
		add("expm1", nil, `static __device__ $C $C_expm1($C a) {
  const $F h = sin$f(a.im / 2);
  return $C_(expm1$f(a.re) * cos$f(a.im) - 2 * h * h, exp$f(a.re) * sin$f(a.im));
}
`)
		add("log2", []string{"log"}, fn+`$C $C_log2($C a) { const $C l = $C_log(a); return $C_(l.re * ($F)1.44269504088896340735992468100, l.im * ($F)1.44269504088896340735992468100); }
`)
		add("log10", []string{"log"}, fn+`$C $C_log10($C a) { const $C l = $C_log(a); return $C_(l.re * ($F)0.434294481903251827651128918917, l.im * ($F)0.434294481903251827651128918917); }
`)
		add("log1p", nil, fn+`$C $C_log1p($C a) { return $C_(log$f(hypot$f(a.re + 1, a.im)), atan2$f(a.im, a.re + 1)); }
`)
	}
	return hs
}
