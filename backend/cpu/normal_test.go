package cpu

import (
	"math"
	"math/rand/v2"
	"testing"
)

// TestRandomNormalAccuracy compares the float32 normals with
// sqrt(-2 log(1-u1)) cos(2π u2) and its sine computed in float64, for
// random 24-bit uniforms and the edges of the reduction (u1 = 0 and the
// largest; u2 at and around each multiple of an eighth of a turn).
func TestRandomNormalAccuracy(t *testing.T) {
	var ms []uint32
	for k := range uint32(17) {
		c := k << 21
		ms = append(ms, c, c+1, c-1, c+2, c-2)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 200000 {
		ms = append(ms, rng.Uint32()>>8)
	}
	worst := 0.0
	for i, m2 := range ms {
		m2 &= 1<<24 - 1
		m1 := ms[(i*7919)%len(ms)] & (1<<24 - 1)
		if i < 3 {
			m1 = []uint32{0, 1<<24 - 1, 1}[i]
		}
		for p := range uint64(4) {
			var b [4]uint32
			j := 2 * (p >> 1 & 1)
			b[j], b[j+1] = m1<<8|0xff, m2<<8|0x5a // the low bits are not used
			got := randomNormal(&b, p)
			u1, u2 := float64(m1)*0x1p-24, float64(m2)*0x1p-24
			r := math.Sqrt(-2 * math.Log1p(-u1))
			want := r * math.Cos(2*math.Pi*u2)
			if p&1 == 1 {
				want = r * math.Sin(2*math.Pi*u2)
			}
			// ulps of the result, with the float64 reference's own error
			// of the angle (2π u2 rounded) allowed for.
			ulp := float64(math.Nextafter32(float32(math.Abs(want)), 2) - float32(math.Abs(want)))
			err := math.Abs(float64(got)-want) / ulp
			if math.Abs(float64(got)-want) <= r*0x1p-50 {
				err = 0
			}
			worst = max(worst, err)
			if err > 4 {
				t.Fatalf("u1 = %d·2^-24, u2 = %d·2^-24, position %d: %v, want %v (%.1f ulps)", m1, m2, p, got, want, err)
			}
		}
	}
	t.Logf("largest error: %.2f ulps", worst)
}
