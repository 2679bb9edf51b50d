package cgen

import "strings"

// complexFuncHelpers are the complex transcendental functions beyond exp,
// log and sqrt, for c64 and c128: the circular and hyperbolic functions
// from real ones, their inverses through log1p and sqrt as
// backend/cpu/complexfn.go says why (first quadrant, signs copied from
// the argument, log 2z beyond 1e150; complex64 in double, as on the CPU,
// since float leaves too few bits where the parts cancel), and exp2,
// expm1, log2, log10, log1p as NumPy's nc_* functions.
func complexFuncHelpers() []helper {
	var hs []helper
	for _, c := range []struct{ C, F, f, big string }{{"c128", "double", "", "20"}, {"c64", "float", "f", "9"}} {
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
		if c.C == "c128" {
			hs = append(hs, complexInverses()...)
		} else {
			for _, name := range []string{"asinh", "acosh", "atanh"} {
				hs = append(hs, helper{name: "c64_" + name, deps: []string{"c64", "c128", "c128_" + name},
					cuda: fn + "c64 c64_" + name + "(c64 a) { const c128 r = c128_" + name + "(c128_(a.re, a.im)); return c64_((float)r.re, (float)r.im); }\n"})
			}
		}
		// t is volatile: NVRTC 13.0's optimiser gave asin and atan of an
		// inlined asinh or atanh a zero real part (right with -G)
		add("asin", []string{"asinh"}, fn+`$C $C_asin($C a) { volatile $C t = $C_asinh($C_(-a.im, a.re)); return $C_(t.im, -t.re); }
`)
		add("acos", []string{"acosh"}, fn+`$C $C_acos($C a) { const $C h = $C_acosh(a); return $C_(fabs$f(h.im), copysign$f(h.re, -a.im)); }
`)
		add("atan", []string{"atanh"}, fn+`$C $C_atan($C a) { volatile $C t = $C_atanh($C_(-a.im, a.re)); return $C_(t.im, -t.re); }
`)
		add("rint", nil, fn+`$C $C_rint($C a) { return $C_(rint$f(a.re), rint$f(a.im)); }
`)
		// NumPy's sinc: sin(y)/y with y = π·(a, or 1e-20 where a is 0), in the dtype's own arithmetic
		add("sinc", []string{"sin", "div"}, `static __device__ $C $C_sinc($C a) {
  if (a.re == 0 && a.im == 0) a = $C_(($F)1e-20, 0);
  const $C y = $C_(a.re * ($F)3.14159265358979323846264338328, a.im * ($F)3.14159265358979323846264338328);
  return $C_div($C_sin(y), y);
}
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

// complexInverses are asinh, acosh and atanh of c128, the CPU's functions
// (backend/cpu/complexfn.go) in C.
func complexInverses() []helper {
	deps := func(names ...string) []string { return append([]string{"c128"}, prefixed("c128", names)...) }
	return []helper{
		{name: "c128_accurate_log1p", deps: deps(), cuda: fn + `c128 c128_accurate_log1p(c128 w) { return c128_(log1p(w.re * (2 + w.re) + w.im * w.im) / 2, atan2(w.im, 1 + w.re)); }
`},
		{name: "c128_asinh", deps: deps("accurate_log1p", "sqrt", "mul", "div"), cuda: `static __device__ c128 c128_asinh(c128 a) {
  const double x = fabs(a.re), y = fabs(a.im);
  c128 r;
  if (fmax(x, y) > 1e150) {
    r = c128_(0.693147180559945309417232121458 + log(hypot(x, y)), atan2(y, x));
  } else if (y == 0) {
    r = c128_(asinh(x), 0);
  } else if (x == 0 && y == y) {
    r = y > 1 ? c128_(acosh(y), 1.57079632679489661923132169164) : c128_(0, asin(y));
  } else {
    const c128 z = c128_(x, y), s = c128_sqrt(c128_((1 - y) * (1 + y) + x * x, 2 * x * y)), q = c128_div(c128_mul(z, z), c128_(1 + s.re, s.im));
    r = c128_accurate_log1p(c128_(x + q.re, y + q.im));
  }
  return c128_(copysign(r.re, a.re), copysign(r.im, a.im));
}
`},
		{name: "c128_acosh", deps: deps("accurate_log1p", "sqrt", "mul"), cuda: `static __device__ c128 c128_acosh(c128 a) {
  const double x = a.re, y = a.im;
  double re, im;
  if (fmax(fabs(x), fabs(y)) > 1e150) return c128_(0.693147180559945309417232121458 + log(hypot(x, y)), atan2(y, x));
  if (y == 0 && fabs(x) <= 1) { re = 0; im = acos(x); }
  else if (y == 0 && x > 1) { re = acosh(x); im = 0; }
  else if (y == 0 && x < -1) { re = acosh(-x); im = 3.14159265358979323846264338328; }
  else if (x == 0) { re = asinh(fabs(y)); im = 1.57079632679489661923132169164; }
  else {
    const c128 zm = c128_(x - 1, y), q = c128_mul(c128_sqrt(c128_(x + 1, y)), c128_sqrt(zm));
    const c128 r = c128_accurate_log1p(c128_(zm.re + q.re, zm.im + q.im));
    return c128_(r.re <= 0 ? 0 : r.re, r.im);
  }
  return c128_(re, copysign(im, y));
}
`},
		{name: "c128_atanh", deps: deps(), cuda: `static __device__ c128 c128_atanh(c128 a) {
  const double x = fabs(a.re), y = fabs(a.im);
  double re = log1p(4 * x / ((1 - x) * (1 - x) + y * y)) / 4, im = atan2(2 * y, (1 - x) * (1 + x) - y * y) / 2;
  if (x == 0) { re = 0; im = atan(y); }
  else if (isinf(x) || isinf(y)) { re = 0; im = y != y ? y : 1.57079632679489661923132169164; }
  return c128_(copysign(re, a.re), copysign(im, a.im));
}
`},
	}
}
