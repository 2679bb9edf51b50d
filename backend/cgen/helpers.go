package cgen

import "strings"

// A helper is a piece of C that generated kernels call. A module carries
// only the helpers its kernels use (NVRTC's time grows with the source).
type helper struct {
	name string
	deps []string
	cuda string
	hip  string // empty: same as cuda
}

// typedefs start every module: fixed-width integers without <stdint.h>.
const typedefs = `typedef signed char i8;
typedef short i16;
typedef int i32;
typedef long long i64;
typedef unsigned char u8;
typedef unsigned short u16;
typedef unsigned int u32;
typedef unsigned long long u64;
`

// helpers in emission order: every helper comes after its deps.
var helpers = buildHelpers()

var helperIndex = func() map[string]int {
	m := make(map[string]int, len(helpers))
	for i, h := range helpers {
		m[h.name] = i
	}
	return m
}()

const fn = "static __device__ __forceinline__ "

func buildHelpers() []helper {
	hs := []helper{
		{name: "half",
			// float16 is stored as its bits; PTX converts (as cuda_fp16.hpp does).
			cuda: fn + `float h2f(u16 h) { float f; asm("cvt.f32.f16 %0, %1;" : "=f"(f) : "h"(h)); return f; }
` + fn + `u16 f2h(float f) { u16 h; asm("cvt.rn.f16.f32 %0, %1;" : "=h"(h) : "f"(f)); return h; }
` + fn + `float rh(float f) { return h2f(f2h(f)); }
`,
			hip: fn + `float h2f(u16 h) { _Float16 x; __builtin_memcpy(&x, &h, 2); return (float)x; }
` + fn + `u16 f2h(float f) { _Float16 x = (_Float16)f; u16 h; __builtin_memcpy(&h, &x, 2); return h; }
` + fn + `float rh(float f) { return h2f(f2h(f)); }
`},
		{name: "bfloat",
			// Round to nearest even on the top 16 bits; a NaN stays a (quiet) NaN.
			cuda: fn + `float bf2f(u16 h) { return __uint_as_float((u32)h << 16); }
` + fn + `u16 f2bf(float f) {
  u32 u = __float_as_uint(f);
  if ((u & 0x7fffffffu) > 0x7f800000u) return (u16)((u >> 16) | 0x40u);
  return (u16)((u + 0x7fffu + ((u >> 16) & 1u)) >> 16);
}
` + fn + `float rb(float f) { return bf2f(f2bf(f)); }
`},
		{name: "d2f_odd",
			// double -> float rounding to odd: a later float -> half/bfloat16
			// rounding then equals a direct, correctly rounded conversion.
			cuda: fn + `float d2f_odd(double x) {
  float f = (float)x;
  if (f != f || (double)f == x) return f;
  u32 u = __float_as_uint(f);
  if (fabs((double)f) > fabs(x)) u -= 1;
  return __uint_as_float(u | 1u);
}
`},
		{name: "f2i",
			// Float to integer as x86's cvttsd2si, as the CPU backend's floatToInt:
			// truncation, and the most negative value for NaN, ±inf and values
			// out of range (PTX's cvt saturates instead). A float argument
			// widens to double exactly.
			cuda: fn + `i32 f2i32(double x) { return x > -2147483649.0 && x < 2147483648.0 ? (i32)x : (i32)(-2147483647 - 1); }
` + fn + `i64 f2i64(double x) { return x >= -9223372036854775808.0 && x < 9223372036854775808.0 ? (i64)x : (i64)(-9223372036854775807LL - 1); }
` + fn + `u32 f2u32(double x) { return x >= 2147483648.0 ? (u32)f2i32(x - 2147483648.0) ^ 0x80000000u : (u32)f2i32(x); }
` + fn + `u64 f2u64(double x) { return x >= 9223372036854775808.0 ? (u64)f2i64(x - 9223372036854775808.0) ^ 0x8000000000000000ull : (u64)f2i64(x); }
`},
		{name: "vec", cuda: "template <typename T, int K> struct __attribute__((aligned(16))) vec { T e[K]; };\n"},
		{name: "floordiv_s", cuda: `template <typename T> ` + fn + `T floordiv_s(T a, T b) {
  if (b == 0) return 0;
  if (b == -1) return (T)(0ull - (u64)a);
  T q = (T)(a / b);
  if (a % b != 0 && ((a < 0) != (b < 0))) q--;
  return q;
}
`},
		{name: "mod_s", cuda: `template <typename T> ` + fn + `T mod_s(T a, T b) {
  if (b == 0 || b == -1) return 0;
  T r = (T)(a % b);
  if (r != 0 && ((r < 0) != (b < 0))) r = (T)(r + b);
  return r;
}
`},
		{name: "pow_u", cuda: `template <typename T> ` + fn + `T pow_u(T a, T e) {
  u64 r = 1, p = (u64)a;
  for (; e != 0; e = (T)(e >> 1)) { if (e & 1) r *= p; p *= p; }
  return (T)r;
}
`},
		{name: "pow_s", deps: []string{"pow_u"}, cuda: `template <typename T> ` + fn + `T pow_s(T a, T e) {
  if (e < 0) return a == 1 ? (T)1 : a == -1 ? (T)((e & 1) ? -1 : 1) : (T)0;
  return pow_u<T>(a, e);
}
`},
		// NVRTC 11 parses C++03 by default: no brace initialisers, so c64_(re, im) makes a value.
		{name: "c64", cuda: "struct __attribute__((aligned(8))) c64 { float re, im; };\n" +
			fn + "c64 c64_(float re, float im) { c64 z; z.re = re; z.im = im; return z; }\n"},
		{name: "c128", cuda: "struct __attribute__((aligned(16))) c128 { double re, im; };\n" +
			fn + "c128 c128_(double re, double im) { c128 z; z.re = re; z.im = im; return z; }\n"},
	}
	// NumPy's npy_divmod for each float compute type.
	for _, f := range []struct{ name, F, f string }{{"f32", "float", "f"}, {"f64", "double", ""}} {
		r := strings.NewReplacer("$F", f.F, "$f", f.f, "$N", f.name)
		hs = append(hs,
			helper{name: "floordiv_" + f.name, cuda: r.Replace(`static __device__ $F floordiv_$N($F a, $F b) {
  if (b == 0) return a / b;
  const $F mod = fmod$f(a, b);
  $F div = (a - mod) / b;
  if (mod != 0 && ((b < 0) != (mod < 0))) div -= 1;
  if (div == 0) return copysign$f(($F)0, a / b);
  $F fl = floor$f(div);
  if (div - fl > ($F)0.5) fl += 1;
  return fl;
}
`)},
			helper{name: "mod_" + f.name, cuda: r.Replace(`static __device__ $F mod_$N($F a, $F b) {
  $F mod = fmod$f(a, b);
  if (b == 0) return mod;
  if (mod != 0) { if ((b < 0) != (mod < 0)) mod += b; } else mod = copysign$f(($F)0, b);
  return mod;
}
`)})
	}
	// Complex arithmetic, following NumPy's loops (npymath for exp, log, sqrt, pow).
	for _, c := range []struct{ C, F, f, nan, inf string }{
		{"c64", "float", "f", "__int_as_float(0x7fc00000)", "__int_as_float(0x7f800000)"},
		{"c128", "double", "", "__longlong_as_double(0x7ff8000000000000LL)", "__longlong_as_double(0x7ff0000000000000LL)"},
	} {
		r := strings.NewReplacer("$C", c.C, "$F", c.F, "$f", c.f, "$NAN", c.nan, "$INF", c.inf)
		add := func(name string, deps []string, code string) {
			hs = append(hs, helper{name: c.C + "_" + name, deps: append([]string{c.C}, prefixed(c.C, deps)...), cuda: r.Replace(code)})
		}
		add("mul", nil, fn+`$C $C_mul($C a, $C b) { return $C_(a.re * b.re - a.im * b.im, a.re * b.im + a.im * b.re); }
`)
		add("div", nil, `static __device__ $C $C_div($C a, $C b) {
  const $F br = fabs$f(b.re), bi = fabs$f(b.im);
  if (br >= bi) {
    if (br == 0 && bi == 0) return $C_(a.re / br, a.im / bi);
    const $F rat = b.im / b.re, scl = ($F)1 / (b.re + b.im * rat);
    return $C_((a.re + a.im * rat) * scl, (a.im - a.re * rat) * scl);
  }
  const $F rat = b.re / b.im, scl = ($F)1 / (b.im + b.re * rat);
  return $C_((a.re * rat + a.im) * scl, (a.im * rat - a.re) * scl);
}
`)
		add("recip", nil, `static __device__ $C $C_recip($C a) {
  if (fabs$f(a.im) <= fabs$f(a.re)) { const $F r = a.im / a.re, d = a.re + a.im * r; return $C_(($F)1 / d, -r / d); }
  const $F r = a.re / a.im, d = a.re * r + a.im;
  return $C_(r / d, ($F)-1 / d);
}
`)
		add("sign", nil, `static __device__ $C $C_sign($C a) {
  const $F m = hypot$f(a.re, a.im);
  if (m != m) return $C_($NAN, $NAN);
  if (m == $INF) {
    if (fabs$f(a.re) == $INF) return fabs$f(a.im) == $INF ? $C_($NAN, $NAN) : $C_(a.re > 0 ? ($F)1 : ($F)-1, 0);
    return $C_(0, a.im > 0 ? ($F)1 : ($F)-1);
  }
  if (m == 0) return $C_(0, 0);
  return $C_(a.re / m, a.im / m);
}
`)
		// An infinite or NaN imaginary part: C99's cexp (+inf: inf+NaNi,
		// -inf: 0, else NaN). Where exp(re) alone overflows, the product
		// may not: it is taken through exp(re/2) twice, as NumPy's
		// scaled cexp keeps such results finite.
		add("exp", nil, `static __device__ $C $C_exp($C a) {
  const $F e = exp$f(a.re);
  if (a.im == 0) return $C_(e, a.im);
  if (a.im - a.im != 0) return a.re == $INF ? $C_($INF, $NAN) : a.re == -$INF ? $C_(0, 0) : $C_($NAN, $NAN);
  if (e == $INF && a.re != $INF) {
    const $F h = exp$f(a.re * ($F)0.5);
    return $C_(h * cos$f(a.im) * h, h * sin$f(a.im) * h);
  }
  return $C_(e * cos$f(a.im), e * sin$f(a.im));
}
`)
		add("log", nil, fn+`$C $C_log($C a) { return $C_(log$f(hypot$f(a.re, a.im)), atan2$f(a.im, a.re)); }
`)
		add("sqrt", nil, `static __device__ $C $C_sqrt($C a) {
  if (a.re == 0 && a.im == 0) return $C_(0, a.im);
  if (fabs$f(a.im) == $INF) return $C_(fabs$f(a.im), a.im);
  const $F t = sqrt$f((fabs$f(a.re) + hypot$f(a.re, a.im)) * ($F)0.5);
  if (a.re >= 0) return $C_(t, a.im / (2 * t));
  return $C_(fabs$f(a.im) / (2 * t), copysign$f(t, a.im));
}
`)
		add("pow", []string{"mul", "div", "exp", "log"}, `static __device__ $C $C_pow($C a, $C b) {
  if (b.re == 0 && b.im == 0) return $C_(1, 0);
  if (a.re == 0 && a.im == 0) return b.re > 0 ? $C_(0, 0) : $C_($NAN, $NAN);
  if (b.im == 0 && fabs$f(b.re) < 100 && b.re == trunc$f(b.re)) {
    int n = (int)b.re;
    if (n == 1) return a;
    if (n == 2) return $C_mul(a, a);
    if (n == 3) return $C_mul(a, $C_mul(a, a));
    if (n < 0) n = -n;
    $C r = {1, 0}, p = a;
    for (int mask = 1;; mask <<= 1) {
      if (n & mask) r = $C_mul(r, p);
      if (n < (mask << 1)) break;
      p = $C_mul(p, p);
    }
    return b.re < 0 ? $C_div($C_(1, 0), r) : r;
  }
  return $C_exp($C_mul(b, $C_log(a)));
}
`)
		// Lexicographic order; a NaN imaginary part makes "<" on the real parts false (NumPy's CLT/CLE/CGT/CGE).
		for _, o := range []struct{ name, op, eq string }{{"lt", "<", "<"}, {"le", "<", "<="}, {"gt", ">", ">"}, {"ge", ">", ">="}} {
			add(o.name, nil, fn+"bool $C_"+o.name+"($C a, $C b) { return (a.re "+o.op+" b.re && a.im == a.im && b.im == b.im) || (a.re == b.re && a.im "+o.eq+" b.im); }\n")
		}
		add("max", []string{"ge"}, fn+`$C $C_max($C a, $C b) { return a.re != a.re || a.im != a.im || $C_ge(a, b) ? a : b; }
`)
		add("min", []string{"le"}, fn+`$C $C_min($C a, $C b) { return a.re != a.re || a.im != a.im || $C_le(a, b) ? a : b; }
`)
		add("fmax", []string{"ge"}, fn+`$C $C_fmax($C a, $C b) { return b.re != b.re || b.im != b.im || $C_ge(a, b) ? a : b; }
`)
		add("fmin", []string{"le"}, fn+`$C $C_fmin($C a, $C b) { return b.re != b.re || b.im != b.im || $C_le(a, b) ? a : b; }
`)
	}
	hs = append(hs, complexFuncHelpers()...)
	hs = append(hs, specialHelpers()...)
	hs = append(hs, besselHelpers()...)
	hs = append(hs, randomHelpers...)
	return append(hs, samplerHelpers...)
}

func prefixed(p string, names []string) []string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = p + "_" + n
	}
	return out
}

// helperSet is the helpers a module needs, with their dependencies.
type helperSet map[string]bool

func (s helperSet) add(name string) {
	if s[name] {
		return
	}
	i, ok := helperIndex[name]
	if !ok {
		panic("cgen: no helper " + name) // a bug in this package, not bad input
	}
	s[name] = true
	for _, d := range helpers[i].deps {
		s.add(d)
	}
}

// prelude is the C that precedes a module's kernels.
func (s helperSet) prelude(v Vendor) string {
	var b strings.Builder
	b.WriteString(typedefs)
	for _, h := range helpers {
		if !s[h.name] {
			continue
		}
		if v == HIP && h.hip != "" {
			b.WriteString(h.hip)
		} else {
			b.WriteString(h.cuda)
		}
	}
	return b.String()
}

// module gathers the C of one translation unit: its kernels, each once
// (a module's units may repeat a kernel), and the helpers they need.
type module struct {
	need    helperSet
	seen    map[string]bool
	kernels strings.Builder
}

func newModule() *module { return &module{need: helperSet{}, seen: map[string]bool{}} }

// add appends the C of the kernel entry unless the module has it.
func (m *module) add(entry, code string) {
	if !m.seen[entry] {
		m.seen[entry] = true
		m.kernels.WriteString(code)
	}
}

// code is the module's C: the prelude, then the kernels.
func (m *module) code(v Vendor) string { return m.need.prelude(v) + m.kernels.String() }
