package cgen

import (
	"strconv"

	"github.com/cugo/cugo/internal/ir"
)

// samplerHelpers are the samplers of package ir after RandomNormal in C:
// backend/cpu/random_more.go statement for statement.
var samplerHelpers = []helper{
	{name: "random_vonmises", deps: []string{"sampler"}, cuda: fn + `double random_vonmises(sampler s, const double kappa) {
  if (!(kappa >= 0)) return 0.0 / 0.0;
  if (kappa < 1e-8) return 3.141592653589793 * (2 * s_uniform(s) - 1);
  if (kappa > 1e6) return sqrt(1 / kappa) * s_normal(s);
  double r, q;
  if (kappa < 1e-5) {
    r = 1 / kappa + kappa;
    q = sqrt((r - 1) / (r + 1));
  } else {
    const double t = 1 + sqrt(1 + 4 * kappa * kappa);
    const double rho = (t - sqrt(2 * t)) / (2 * kappa);
    r = (1 + rho * rho) / (2 * rho);
    q = (1 - rho) / (1 + rho);
  }
  for (int i = 0; i < ` + strconv.Itoa(ir.SamplerWords/2-1) + `; i++) {
    const double u = s_uniform(s);
    const double z = cos(3.141592653589793 * u);
    const double w = (1 + r * z) / (r + z);
    const double y = kappa * (r - w);
    const double v = s_uniform(s);
    if (y * (2 - y) - v >= 0 || log(y / v) + 1 - y >= 0) {
      const double angle = 2 * atan(q * tan(1.5707963267948966 * u));
      return s_uniform(s) < 0.5 ? -angle : angle;
    }
  }
  return 0.0 / 0.0;
}
`},
	{name: "random_zipf", deps: []string{"sampler"}, cuda: fn + `i64 random_zipf(sampler s, const double a) {
  if (!(a > 1)) return -1;
  if (a >= 1025) return 1;
  const double am1 = a - 1, b = pow(2.0, am1), umin = pow(9223372036854775808.0, -am1);
  for (int i = 0; i < ` + strconv.Itoa(ir.SamplerWords/2) + `; i++) {
    const double u01 = s_uniform(s);
    const double u = u01 * umin + (1 - u01);
    const double v = s_uniform(s);
    const double x = floor(pow(u, -1 / am1));
    if (!(x >= 1 && x < 9223372036854775808.0)) continue;
    const double t = pow(1 + 1 / x, am1);
    if (v * x * (t - 1) / (b - 1) <= t / b) return (i64)x;
  }
  return -1;
}
`},
	{name: "random_logseries", deps: []string{"sampler"}, cuda: fn + `i64 random_logseries(sampler s, const double p) {
  if (!(p >= 0 && p < 1)) return -1;
  const double r = log1p(-p);
  for (int i = 0; i < ` + strconv.Itoa(ir.SamplerWords/2) + `; i++) {
    const double v = s_uniform(s);
    if (v >= p) return 1;
    const double q = -expm1(r * s_uniform(s));
    if (v <= q * q) {
      const double k = floor(1 + log(v) / log(q));
      if (!(k >= 1 && k < 9223372036854775808.0) || v == 0) continue;
      return (i64)k;
    }
    return v >= q ? 1 : 2;
  }
  return -1;
}
`},
	{name: "random_hypergeometric", deps: []string{"sampler"}, cuda: fn + `double log_factorial(const double k) { return lgamma(k + 1); }
` + fn + `i64 hypergeometric_ratio(sampler &s, const i64 good, const i64 bad, const i64 sample) {
  const i64 total = good + bad;
  const double n = (double)total, m = (double)(sample < total - sample ? sample : total - sample);
  const double lo = (double)(good < bad ? good : bad), hi = (double)(good < bad ? bad : good);
  const double p = lo / n, q = hi / n;
  const double a = m * p + 0.5;
  const double c = sqrt((n - m) * m * p * q / (n - 1) + 0.5);
  const double h = 1.7155277699214135 * c + 0.8989161620588988;
  const double mode = floor((m + 1) * (lo + 1) / (n + 2));
  const double log_mode = log_factorial(mode) + log_factorial(lo - mode) + log_factorial(m - mode) + log_factorial(hi - m + mode);
  const double bound = fmin(fmin(m, lo) + 1, floor(a + 16 * c));
  for (int i = 0; i < ` + strconv.Itoa(ir.SamplerWords/2) + `; i++) {
    const double u = s_uniform(s);
    const double v = s_uniform(s);
    const double x = a + h * (v - 0.5) / u;
    if (!(x >= 0 && x < bound)) continue;
    double k = floor(x);
    const double t = log_mode - (log_factorial(k) + log_factorial(lo - k) + log_factorial(m - k) + log_factorial(hi - m + k));
    if (u * (4 - u) - 3 <= t || (u * (u - t) < 1 && 2 * log(u) <= t)) {
      if (good > bad) k = m - k;
      if (m < (double)sample) k = (double)good - k;
      return (i64)k;
    }
  }
  return -1;
}
` + fn + `i64 random_hypergeometric(sampler s, const i64 good, const i64 bad, const i64 sample) {
  const i64 total = good + bad;
  if (good < 0 || bad < 0 || sample < 0 || sample > total) return -1;
  if (sample >= 10 && sample <= total - 10) return hypergeometric_ratio(s, good, bad, sample);
  const i64 draws = sample < total - sample ? sample : total - sample;
  i64 g = good, t = total, left = draws;
  while (left > 0 && g > 0 && g < t) {
    if (s_uniform(s) * (double)t < (double)g) g--;
    t--;
    left--;
  }
  if (g == t) g -= left;
  return draws < sample ? g : good - g;
}
`},
}
