package cpu

import (
	"math"
	"math/big"
	"math/rand/v2"
	"testing"
)

// TestRandomNormalAccuracy compares the float32 normals with
// r cos θ and r sin θ computed in float64 from the same words (r =
// sqrt(-2 log u), u = float32(w1|1)·2^-32 exactly; θ as
// normalTurn defines it), for random words and the edges: u at 2^-32,
// 1 and around powers of two; v at its smallest, around 0 and its
// largest, for each of the four symmetries.
func TestRandomNormalAccuracy(t *testing.T) {
	w1s := []uint32{0, 1, 2, 3, math.MaxUint32, math.MaxUint32 - 1, 1 << 31, 1<<31 - 1, 0xb504f333, 0xb504f334, 1 << 24, 1<<24 + 1}
	var w2s []uint32
	for n := range uint32(4) {
		for _, m := range []uint32{0, 1, 1 << 22, 1<<22 - 1, 1<<22 + 1, 1<<23 - 1} {
			w2s = append(w2s, n<<30|m, n<<30|0x3f800000|m)
		}
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 200000 {
		w1s, w2s = append(w1s, rng.Uint32()), append(w2s, rng.Uint32())
	}
	worst := 0.0
	for i, w2 := range w2s {
		w1 := w1s[(i*7919)%len(w1s)]
		u := float64(float32(w1|1)) * 0x1p-32
		r := math.Sqrt(-2 * math.Log(u))
		a := math.Pi / 2 * (float64(w2&0x7fffff|1)*0x1p-23 - 0.5)
		c, s := math.Cos(a), math.Sin(a)
		xy := [4][2]float64{{c, s}, {s, c}, {-c, -s}, {-s, -c}}[w2>>30]
		for p := range uint64(4) {
			var b [4]uint32
			j := 2 * (p >> 1 & 1)
			b[j], b[j+1] = w1, w2
			got := randomNormal(&b, p)
			want := r * xy[p&1]
			ulp := float64(math.Nextafter32(float32(math.Abs(want)), 8) - float32(math.Abs(want)))
			err := math.Abs(float64(got)-want) / ulp
			worst = max(worst, err)
			if err > 4 {
				t.Fatalf("w1 = %#x, w2 = %#x, position %d: %v, want %v (%.2f ulps)", w1, w2, p, got, want, err)
			}
		}
	}
	t.Logf("largest error: %.2f ulps of float32", worst)
}

// TestFMA32 compares fma32 with the exactly rounded x*y+z, for random
// operands of every magnitude, halfway cases and results in and below
// float32's subnormal range.
func TestFMA32(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	f := func() float32 {
		return math.Float32frombits(rng.Uint32() & 0xff7fffff) // no inf or NaN
	}
	type c struct{ x, y, z float32 }
	cases := []c{
		{1 + 0x1p-23, 1 + 0x1p-23, -1},       // exact 2^-22 + 2^-46
		{1 + 0x1p-12, 1 + 0x1p-12, 0x1p-48},  // a halfway point nudged by z
		{1 + 0x1p-12, 1 + 0x1p-12, -0x1p-48}, // and the other way
		{0x1p-75, 0x1p-75, 0x1p-149},         // subnormal results
		{0x1p-100, 0x1p-60, -0x1p-149},
		{math.MaxFloat32, 2, -math.MaxFloat32}, // past float32's range before z
		{0, 5, -0.0}, {-0.0, 5, -0.0},
	}
	for range 200000 {
		x, y := f(), f()
		// z near -x*y, so that the sum cancels, half of the time
		z := f()
		if rng.IntN(2) == 0 {
			z = -float32(float64(x)*float64(y)) * (1 + float32(rng.IntN(5)-2)*0x1p-23)
		}
		cases = append(cases, c{x, y, z})
		// x*y exactly halfway between float32s in float64, z tiny
		h := 1 + float32(rng.Uint32()>>20)*0x1p-12
		cases = append(cases, c{h, h, float32(rng.IntN(3)-1) * 0x1p-60})
	}
	for _, k := range cases {
		got := fma32(k.x, k.y, k.z)
		var p, s big.Float
		p.SetPrec(1000).Mul(big.NewFloat(float64(k.x)), big.NewFloat(float64(k.y)))
		want, _ := s.SetPrec(1000).Add(&p, big.NewFloat(float64(k.z))).Float32()
		if math.Float32bits(got) != math.Float32bits(want) && !(got == 0 && want == 0) {
			t.Fatalf("fma32(%g, %g, %g) = %g, want %g", k.x, k.y, k.z, got, want)
		}
	}
}
