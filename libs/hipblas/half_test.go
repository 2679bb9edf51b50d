package hipblas

import (
	"math"
	"testing"
)

// fromHalf widens IEEE binary16 bits to float32.
func fromHalf(h uint16) float32 {
	sign := uint32(h&0x8000) << 16
	exp := uint32(h>>10) & 0x1f
	mant := uint32(h & 0x3ff)
	switch {
	case exp == 0x1f:
		return math.Float32frombits(sign | 0x7f800000 | mant<<13)
	case exp == 0 && mant == 0:
		return math.Float32frombits(sign)
	case exp == 0: // subnormal
		f := float32(mant) / (1 << 24)
		if sign != 0 {
			f = -f
		}
		return f
	}
	return math.Float32frombits(sign | (exp+112)<<23 | mant<<13)
}

func TestToHalf(t *testing.T) {
	cases := []struct {
		in   float32
		want uint16
	}{
		{1, 0x3c00}, {-2, 0xc000}, {0.5, 0x3800}, {65504, 0x7bff}, {65520, 0x7c00},
		{float32(math.Inf(-1)), 0xfc00}, {0, 0}, {1e-8, 0}, {5.9604645e-8, 0x0001},
		{6.097555e-5, 0x03ff}, {0.33333334, 0x3555}, {1.0009766, 0x3c01}, {1.00048828125, 0x3c00},
	}
	for _, c := range cases {
		if got := toHalf(c.in); got != c.want {
			t.Errorf("toHalf(%v) = %#04x, want %#04x", c.in, got, c.want)
		}
	}
	if h := toHalf(float32(math.NaN())); h&0x7c00 != 0x7c00 || h&0x3ff == 0 {
		t.Errorf("toHalf(NaN) = %#04x", h)
	}
	for h := uint16(0); h < 0x7c00; h++ { // every finite positive half survives the round trip
		if got := toHalf(fromHalf(h)); got != h {
			t.Fatalf("toHalf(fromHalf(%#04x)) = %#04x", h, got)
		}
	}
}
