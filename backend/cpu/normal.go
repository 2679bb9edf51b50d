package cpu

import (
	"math"
	"math/big"

	"github.com/cugo/cugo/internal/ir"
)

// randomNormal is ir.RandomNormal at position p, b being block p/4 of the
// stream. This is the definition cgen's random_normal renders statement
// for statement: float32 operations only, each product converted to
// float32 so that Go fuses no multiply-add (the GPU kernels compile
// without contraction), and fused multiply-adds only where written, as
// fma32.
func randomNormal(b *[4]uint32, p uint64) float32 {
	j := 2 * (p >> 1 & 1)
	return normalTurn(b[j+1], normalRadius(b[j]), uint32(p&1))
}

// normalRadius is sqrt(-2 log u), u = float32(w|1)·2^-32: u = 2^k m with m
// in [sqrt(1/2), sqrt(2)) read from the float's bits (k in [-32, 0]), and
// -2 log u = k·(-2 log 2) + f (-2 + f Q(f)), f = m - 1 (exact).
func normalRadius(w uint32) float32 {
	ix := math.Float32bits(float32(w|1)) - (0x3f3504f3 + 32<<23)
	dk := float32(int32(ix) >> 23)
	f := math.Float32frombits(ix&0x007fffff+0x3f3504f3) - 1
	q := ir.NormalLog[len(ir.NormalLog)-1]
	for i := len(ir.NormalLog) - 2; i >= 0; i-- {
		q = fma32(q, f, ir.NormalLog[i])
	}
	return sqrt32(fma32(dk, ir.NormalMinus2Ln2, float32(f*fma32(f, q, -2))))
}

// normalTurn is r cos θ, or r sin θ when odd is 1: c and s are the
// cosine and sine of v quarter turns, v = (t mod 2^23 | 1)·2^-23 - 1/2
// (exact, an odd multiple of 2^-23 in (-1/2, 1/2)), and (cos θ, sin θ) is
// (c, s), (s, c), (-c, -s) or (-s, -c) by t>>30: angles within an eighth
// of a turn of the x axis, of their mirror images in the diagonal, and
// their opposites, so θ is uniform on 2^24 points of the circle.
func normalTurn(t uint32, r float32, odd uint32) float32 {
	v := math.Float32frombits(t&0x007fffff|0x3f800001) - 1.5
	z := float32(v * v)
	s := ir.NormalSin[len(ir.NormalSin)-1]
	for i := len(ir.NormalSin) - 2; i >= 0; i-- {
		s = fma32(s, z, ir.NormalSin[i])
	}
	c := ir.NormalCos[len(ir.NormalCos)-1]
	for i := len(ir.NormalCos) - 2; i >= 0; i-- {
		c = fma32(c, z, ir.NormalCos[i])
	}
	sn, cs := float32(v*s), fma32(z, c, 1)
	rs := math.Float32frombits(math.Float32bits(r) ^ t&0x80000000)
	if t>>30&1 != odd {
		return rs * sn
	}
	return rs * cs
}

func sqrt32(x float32) float32 { return float32(math.Sqrt(float64(x))) }

// fma32 is x*y+z rounded once to float32, as C's fmaf. The product is
// exact in float64, so s is the sum rounded once; rounding s to float32
// is then the correct rounding unless s is a float32 halfway point (its
// low 29 bits 1 followed by zeros) or below float32's normal range,
// which the exact sum decides.
func fma32(x, y, z float32) float32 {
	s := float64(x)*float64(y) + float64(z)
	if b := math.Float64bits(s); b&(1<<29-1) != 1<<28 && b&0x7ff0000000000000 >= 0x3810000000000000 || s == 0 || math.IsNaN(s) || math.IsInf(s, 0) {
		return float32(s)
	}
	var p, sum big.Float
	p.SetPrec(600).Mul(big.NewFloat(float64(x)), big.NewFloat(float64(y)))
	f, _ := sum.SetPrec(600).Add(&p, big.NewFloat(float64(z))).Float32()
	return f
}
