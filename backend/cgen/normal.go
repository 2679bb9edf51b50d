package cgen

import (
	"strconv"
	"strings"

	"github.com/cugo/cugo/internal/ir"
)

// normalHelper is ir.RandomNormal in C: backend/cpu/normal.go's
// randomNormal statement for statement, its constants printed from the
// same Go values, so that the kernels give the CPU backend's bits. The
// element of position p computes its pair's r and both of sin and cos,
// and picks by p's parity: neighbouring positions of one thread compute
// identical expressions, which the compiler evaluates once.
var normalHelper = helper{name: "random_normal", deps: []string{"philox"}, cuda: normalC(fn + `float log_one_minus(const u32 m) {
  const float x = 1.0f - (float)m * 5.9604644775390625e-08f;
  const u32 ix = __float_as_uint(x) + (0x3f800000u - 0x3f3504f3u);
  const int k = (int)(ix >> 23) - 0x7f;
  const float f = __uint_as_float((ix & 0x007fffffu) + 0x3f3504f3u) - 1.0f;
  const float s = f / (2.0f + f);
  const float z = s * s, w = z * z;
  const float t1 = w * (LG2 + w * LG4), t2 = z * (LG1 + w * LG3);
  const float hfsq = 0.5f * f * f, dk = (float)k;
  return s * (hfsq + (t2 + t1)) + dk * LN2LO - hfsq + f + dk * LN2HI;
}
` + fn + `float half_turns(const u32 m, const u32 odd) {
  const u32 n = (m + (1u << 21)) >> 22;
  const float a = (float)((int)m - (int)(n << 22)) * PIULP;
  const float z = a * a;
  const float s = S0 + z * (S1 + z * (S2 + z * S3));
  const float c = C0 + z * (C1 + z * (C2 + z * (C3 + z * C4)));
  const float sn = a + a * z * s, cs = 1.0f + z * c;
  const u32 q = (n - odd) & 3u;
  const float v = (q & 1u) ? sn : cs;
  return ((q + 1u) & 2u) ? -v : v;
}
` + fn + `float random_normal(const u64 key, const u64 stream, const u64 p) {
  const u32x4 b = philox_block(key, stream, p >> 2);
  const bool hi = (p >> 1) & 1;
  const float r = sqrtf(0.0f - 2.0f * log_one_minus((hi ? b.z : b.x) >> 8));
  return r * half_turns((hi ? b.w : b.y) >> 8, (u32)p & 1u);
}
`)}

// normalC writes the constants into the C.
func normalC(code string) string {
	f := func(x float32) string { return strconv.FormatFloat(float64(x), 'e', -1, 32) + "f" }
	return strings.NewReplacer(
		"LN2HI", f(ir.NormalLn2Hi), "LN2LO", f(ir.NormalLn2Lo),
		"LG1", f(ir.NormalLg1), "LG2", f(ir.NormalLg2), "LG3", f(ir.NormalLg3), "LG4", f(ir.NormalLg4),
		"PIULP", f(ir.NormalPiUlp),
		"S0", f(ir.NormalSin[0]), "S1", f(ir.NormalSin[1]), "S2", f(ir.NormalSin[2]), "S3", f(ir.NormalSin[3]),
		"C0", f(ir.NormalCos[0]), "C1", f(ir.NormalCos[1]), "C2", f(ir.NormalCos[2]), "C3", f(ir.NormalCos[3]), "C4", f(ir.NormalCos[4]),
	).Replace(code)
}
