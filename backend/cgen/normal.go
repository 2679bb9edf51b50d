package cgen

import (
	"strconv"
	"strings"

	"github.com/cugo/cugo/internal/ir"
)

// normalHelper is ir.RandomNormal in C: backend/cpu/normal.go's
// randomNormal statement for statement (fmaf where it calls fma32), its
// constants printed from the same Go values, so that the kernels give
// the CPU backend's bits. The element of position p computes its pair's
// r and both of sin and cos, and picks by p's parity: neighbouring
// positions of one thread compute identical expressions, which the
// compiler evaluates once.
var normalHelper = helper{name: "random_normal", deps: []string{"philox"}, cuda: normalC(fn + `float normal_radius(const u32 w) {
  const u32 ix = __float_as_uint((float)(w | 1u)) - (0x3f3504f3u + (32u << 23));
  const float dk = (float)((int)ix >> 23);
  const float f = __uint_as_float((ix & 0x007fffffu) + 0x3f3504f3u) - 1.0f;
  const float q = LOGPOLY;
  return sqrtf(fmaf(dk, M2LN2, f * fmaf(f, q, -2.0f)));
}
` + fn + `float normal_turn(const u32 t, const float r, const u32 odd) {
  const float v = __uint_as_float((t & 0x007fffffu) | 0x3f800001u) - 1.5f;
  const float z = v * v;
  const float s = SINPOLY, c = COSPOLY;
  const float sn = v * s, cs = fmaf(z, c, 1.0f);
  const bool swap = (t >> 30) & 1u;
  const float rs = __uint_as_float(__float_as_uint(r) ^ (t & 0x80000000u));
  return rs * (swap != (odd != 0) ? sn : cs);
}
` + fn + `float random_normal(const u64 key, const u64 stream, const u64 p) {
  const u32x4 b = philox_block(key, stream, p >> 2);
  const bool hi = (p >> 1) & 1;
  return normal_turn(hi ? b.w : b.y, normal_radius(hi ? b.z : b.x), (u32)p & 1u);
}
`)}

// normalC writes the constants and polynomials into the C.
func normalC(code string) string {
	return strings.NewReplacer(
		"M2LN2", cFloat32(ir.NormalMinus2Ln2),
		"LOGPOLY", horner(ir.NormalLog[:], "f"),
		"SINPOLY", horner(ir.NormalSin[:], "z"),
		"COSPOLY", horner(ir.NormalCos[:], "z"),
	).Replace(code)
}

// horner is the C of the polynomial with coefficients cs (lowest degree
// first) in x, by Horner's rule in fused multiply-adds.
func horner(cs []float32, x string) string {
	p := cFloat32(cs[len(cs)-1])
	for i := len(cs) - 2; i >= 0; i-- {
		p = "fmaf(" + p + ", " + x + ", " + cFloat32(cs[i]) + ")"
	}
	return p
}

func cFloat32(x float32) string { return strconv.FormatFloat(float64(x), 'e', -1, 32) + "f" }
