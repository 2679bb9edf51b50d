package cgen

import (
	"fmt"
	"strconv"

	"github.com/cugo/cugo/dtype"
	"github.com/cugo/cugo/internal/ir"
)

// The random operations of package ir in C: the same algorithms as the CPU
// backend's (backend/cpu/random.go), statement for statement, so that
// integer results are bit-identical and float results agree to the last
// bits of the math library.

// randomHelpers follow the other helpers in the prelude.
var randomHelpers = []helper{
	{name: "philox", cuda: `struct u32x4 { u32 x, y, z, w; };
` + fn + `u32x4 philox_block(const u64 key, const u64 stream, const u64 b) {
  u32 c0 = (u32)b, c1 = (u32)(b >> 32), c2 = (u32)stream, c3 = (u32)(stream >> 32);
  u32 k0 = (u32)key, k1 = (u32)(key >> 32);
#pragma unroll
  for (int r = 0; r < 10; r++) {
    if (r > 0) { k0 += ` + hex32(ir.PhiloxW0) + `; k1 += ` + hex32(ir.PhiloxW1) + `; }
    const u32 h0 = __umulhi(` + hex32(ir.PhiloxM0) + `, c0), l0 = ` + hex32(ir.PhiloxM0) + ` * c0;
    const u32 h1 = __umulhi(` + hex32(ir.PhiloxM1) + `, c2), l1 = ` + hex32(ir.PhiloxM1) + ` * c2;
    c0 = h1 ^ c1 ^ k0; c1 = l1; c2 = h0 ^ c3 ^ k1; c3 = l0;
  }
  u32x4 o; o.x = c0; o.y = c1; o.z = c2; o.w = c3;
  return o;
}
` + fn + `u32 philox32(const u64 key, const u64 stream, const u64 p) {
  const u32x4 b = philox_block(key, stream, p >> 2);
  const u32 j = (u32)p & 3u;
  return j == 0 ? b.x : j == 1 ? b.y : j == 2 ? b.z : b.w;
}
` + fn + `u64 philox64(const u64 key, const u64 stream, const u64 p) {
  const u32x4 b = philox_block(key, stream, p >> 1);
  return (p & 1) ? ((u64)b.w << 32 | b.z) : ((u64)b.y << 32 | b.x);
}
`},
	{name: "sampler", deps: []string{"philox"}, cuda: `struct sampler { u64 key, stream, next; };
` + fn + `sampler sampler_(const u64 key, const u64 stream, const u64 pos) {
  sampler s; s.key = key; s.stream = stream; s.next = pos * ` + strconv.Itoa(ir.SamplerWords) + `ull; return s;
}
` + fn + `u64 s_word(sampler &s) { return philox64(s.key, s.stream, s.next++); }
` + fn + `double s_uniform(sampler &s) { return (double)(s_word(s) >> 11) * (1.0 / 9007199254740992.0); }
` + fn + `double s_normal(sampler &s) {
  const double u1 = s_uniform(s);
  const double u2 = s_uniform(s);
  return sqrt(-2 * log(1 - u1)) * cos(2 * 3.141592653589793 * u2);
}
`},
	{name: "random_bounded", deps: []string{"sampler"}, cuda: fn + `u64 random_bounded(sampler s, const u64 r) {
  if (r == ~0ull) return s_word(s);
  const u64 span = r + 1;
  u64 w = s_word(s), lo = w * span;
  if (lo < span) {
    const u64 threshold = (0ull - span) % span;
    for (int t = 1; lo < threshold && t < ` + strconv.Itoa(ir.SamplerWords) + `; t++) { w = s_word(s); lo = w * span; }
  }
  return __umul64hi(w, span);
}
`},
	{name: "random_gamma", deps: []string{"sampler"}, cuda: fn + `double random_gamma(sampler s, double a) {
  if (a == 0) return 0;
  if (!(a > 0) || a > 1.7976931348623157e308) return 0.0 / 0.0;
  double boost = 1;
  if (a < 1) { boost = pow(s_uniform(s), 1 / a); a += 1; } else { s_word(s); }
  const double d = a - 1.0 / 3, c = 1 / sqrt(9 * d);
  for (int t = 0; t < ` + strconv.Itoa((ir.SamplerWords-1)/3) + `; t++) {
    const double x = s_normal(s);
    const double u = s_uniform(s);
    double v = 1 + c * x;
    if (v <= 0) continue;
    v = v * v * v;
    if (u < 1 - 0.0331 * (x * x) * (x * x) || log(u) < 0.5 * x * x + d * (1 - v + log(v))) return d * v * boost;
  }
  return 0.0 / 0.0;
}
`},
	{name: "random_poisson", deps: []string{"sampler"}, cuda: fn + `i64 random_poisson(sampler s, const double lam) {
  if (lam == 0) return 0;
  if (!(lam > 0) || lam > 1.7976931348623157e308) return -1;
  if (lam < 10) {
    const double u = s_uniform(s);
    double p = exp(-lam), cdf = p;
    i64 k = 0;
    while (u > cdf && k < ` + strconv.Itoa(ir.InversionSteps) + `) { k++; p *= lam / (double)k; cdf += p; }
    return k;
  }
  const double slam = sqrt(lam), loglam = log(lam), b = 0.931 + 2.53 * slam, a = -0.059 + 0.02483 * b;
  const double invalpha = 1.1239 + 1.1328 / (b - 3.4), vr = 0.9277 - 3.6224 / (b - 2);
  for (int t = 0; t < ` + strconv.Itoa(ir.SamplerWords/2) + `; t++) {
    const double u = s_uniform(s) - 0.5;
    const double v = s_uniform(s);
    const double us = 0.5 - fabs(u);
    const double k = floor((2 * a / us + b) * u + lam + 0.43);
    if (us >= 0.07 && v <= vr) return (i64)k;
    if (k < 0 || (us < 0.013 && v > us)) continue;
    if (log(v) + log(invalpha) - log(a / (us * us) + b) <= -lam + k * loglam - lgamma(k + 1)) return (i64)k;
  }
  return -1;
}
`},
	{name: "random_binomial", deps: []string{"sampler"}, cuda: fn + `double stirling_tail(const double k) {
  if (k < 10) return lgamma(k + 1) - (k + 0.5) * log(k + 1) + (k + 1) - 0.9189385332046728;
  const double z = 1 / (k + 1), z2 = z * z;
  return z * (1.0 / 12 - z2 * (1.0 / 360 - z2 * (1.0 / 1260)));
}
` + fn + `i64 binomial_small(sampler &s, const i64 n, const double q) {
  const double nf = (double)n;
  if (nf * q < 30) {
    const double u = s_uniform(s);
    double px = exp(nf * log1p(-q));
    const double r = q / (1 - q), g = r * (nf + 1);
    double cdf = px;
    i64 k = 0;
    while (u > cdf && k < n && k < ` + strconv.Itoa(ir.InversionSteps) + `) { k++; px *= g / (double)k - r; cdf += px; }
    return k;
  }
  const double spq = sqrt(nf * q * (1 - q)), b = 1.15 + 2.53 * spq, a = -0.0873 + 0.0248 * b + 0.01 * q;
  const double c = nf * q + 0.5, vr = 0.92 - 4.2 / b, alpha = (2.83 + 5.1 / b) * spq;
  const double r = q / (1 - q), m = floor((nf + 1) * q);
  for (int t = 0; t < ` + strconv.Itoa(ir.SamplerWords/2) + `; t++) {
    const double u = s_uniform(s) - 0.5;
    const double v = s_uniform(s);
    const double us = 0.5 - fabs(u);
    const double k = floor((2 * a / us + b) * u + c);
    if (k < 0 || k > nf) continue;
    if (us >= 0.07 && v <= vr) return (i64)k;
    const double bound = (m + 0.5) * log((m + 1) / (r * (nf - m + 1))) + (nf + 1) * log1p((k - m) / (nf - k + 1)) +
      (k + 0.5) * log(r * (nf - k + 1) / (k + 1)) + stirling_tail(m) + stirling_tail(nf - m) - stirling_tail(k) - stirling_tail(nf - k);
    if (log(v * alpha / (a / (us * us) + b)) <= bound) return (i64)k;
  }
  return -1;
}
` + fn + `i64 random_binomial(sampler s, const i64 n, const double p) {
  if (n < 0 || !(p >= 0 && p <= 1)) return -1;
  if (n == 0 || p == 0) return 0;
  if (p == 1) return n;
  const double q = p < 1 - p ? p : 1 - p;
  const i64 k = binomial_small(s, n, q);
  return p > 0.5 && k >= 0 ? n - k : k;
}
`},
	normalHelper,
}

func hex32(x uint32) string { return fmt.Sprintf("%#xu", x) }

// random is the C of a random op over its argument locals a.
func (e *emitter) random(n *ir.Node, a []string) (string, error) {
	for i, want := range randomArgs(n.Op) {
		if got := n.Args[i].DType; got != want {
			return "", fmt.Errorf("%v: argument %d is %v, want %v", n.Op, i, got, want)
		}
	}
	result := map[ir.Op]dtype.DType{ir.RandomBounded: dtype.Uint64, ir.RandomGamma: dtype.Float64,
		ir.RandomPoisson: dtype.Int64, ir.RandomBinomial: dtype.Int64, ir.RandomNormal: dtype.Float32,
		ir.RandomVonMises: dtype.Float64, ir.RandomZipf: dtype.Int64, ir.RandomLogseries: dtype.Int64, ir.RandomHypergeometric: dtype.Int64}[n.Op]
	switch {
	case n.Op == ir.Philox && n.DType == dtype.Uint32:
		e.need.add("philox")
		return "philox32(" + a[0] + ", " + a[1] + ", " + a[2] + ")", nil
	case n.Op == ir.Philox && n.DType == dtype.Uint64:
		e.need.add("philox")
		return "philox64(" + a[0] + ", " + a[1] + ", " + a[2] + ")", nil
	case n.Op == ir.Philox:
		return "", fmt.Errorf("philox gives uint32 or uint64, not %v", n.DType)
	case n.Op == ir.RandomNormal && n.DType == dtype.Float32:
		e.need.add("random_normal")
		return "random_normal(" + a[0] + ", " + a[1] + ", " + a[2] + ")", nil
	case n.DType != result:
		return "", fmt.Errorf("%v gives %v, not %v", n.Op, result, n.DType)
	}
	name := n.Op.String()
	e.need.add(name)
	args := ""
	for _, x := range a[3:] {
		args += ", " + x
	}
	return name + "(sampler_(" + a[0] + ", " + a[1] + ", " + a[2] + ")" + args + ")", nil
}

// randomArgs are the argument dtypes of a random op.
func randomArgs(op ir.Op) []dtype.DType {
	u := dtype.Uint64
	switch op {
	case ir.Philox, ir.RandomNormal:
		return []dtype.DType{u, u, u}
	case ir.RandomBounded:
		return []dtype.DType{u, u, u, u}
	case ir.RandomGamma, ir.RandomPoisson, ir.RandomVonMises, ir.RandomZipf, ir.RandomLogseries:
		return []dtype.DType{u, u, u, dtype.Float64}
	case ir.RandomBinomial:
		return []dtype.DType{u, u, u, dtype.Int64, dtype.Float64}
	case ir.RandomHypergeometric:
		return []dtype.DType{u, u, u, dtype.Int64, dtype.Int64, dtype.Int64}
	}
	return nil
}
