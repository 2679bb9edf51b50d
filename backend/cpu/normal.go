package cpu

import (
	"math"

	"github.com/cugo/cugo/internal/ir"
)

// randomNormal is ir.RandomNormal at position p, b being block p/4 of the
// stream. This is the definition cgen's random_normal renders statement
// for statement: float32 operations only, each product converted to
// float32 so that Go fuses no multiply-add (the GPU kernels compile
// without contraction).
func randomNormal(b *[4]uint32, p uint64) float32 {
	j := 2 * (p >> 1 & 1)
	r := sqrt32(0 - 2*logOneMinus(b[j]>>8))
	v := halfTurns(b[j+1]>>8, uint32(p&1))
	return r * v
}

// logOneMinus is log(1 - m·2^-24) for m < 2^24, by fdlibm's logf.
func logOneMinus(m uint32) float32 {
	x := 1 - float32(float32(m)*0x1p-24)
	ix := math.Float32bits(x) + (0x3f800000 - 0x3f3504f3)
	k := int32(ix>>23) - 0x7f
	f := math.Float32frombits(ix&0x007fffff+0x3f3504f3) - 1
	s := f / (2 + f)
	z := float32(s * s)
	w := float32(z * z)
	t1 := float32(w * (ir.NormalLg2 + float32(w*ir.NormalLg4)))
	t2 := float32(z * (ir.NormalLg1 + float32(w*ir.NormalLg3)))
	hfsq := float32(float32(0.5*f) * f)
	dk := float32(k)
	return float32(s*(hfsq+(t2+t1))) + float32(dk*ir.NormalLn2Lo) - hfsq + f + float32(dk*ir.NormalLn2Hi)
}

// halfTurns is cos(π m·2^-23) for m < 2^24, or its sine when odd is 1:
// the angle less the nearest multiple n of a quarter turn is a, |a| <= π/4,
// both exact, and cos(nπ/2 + a) is ±cos a or ±sin a by n's quadrant (the
// sine being the cosine a quadrant earlier).
func halfTurns(m, odd uint32) float32 {
	n := (m + 1<<21) >> 22
	a := float32(float32(int32(m)-int32(n<<22)) * ir.NormalPiUlp)
	z := float32(a * a)
	s := ir.NormalSin[3]
	for i := 2; i >= 0; i-- {
		s = ir.NormalSin[i] + float32(z*s)
	}
	c := ir.NormalCos[4]
	for i := 3; i >= 0; i-- {
		c = ir.NormalCos[i] + float32(z*c)
	}
	sin, cos := a+float32(float32(a*z)*s), 1+float32(z*c)
	q := (n - odd) & 3
	v := cos
	if q&1 != 0 {
		v = sin
	}
	if (q+1)&2 != 0 {
		v = -v
	}
	return v
}

func sqrt32(x float32) float32 { return float32(math.Sqrt(float64(x))) }
