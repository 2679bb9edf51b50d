package cpu

import (
	"math"
	"testing"

	"github.com/cugo/cugo/dtype"
	"github.com/cugo/cugo/internal/ir"
)

// TestFloat32DivmodIsSingle checks float32 floor_divide and remainder
// against NumPy 1.24 on pairs where computing in float64 and rounding
// gives a quotient an ulp off (the CPU backend used to).
func TestFloat32DivmodIsSingle(t *testing.T) {
	cases := []struct{ a, b, div, mod uint32 }{
		{0x4788b800, 0x3bb4ee4b, 0x4b4171ae, 0}, // 70000 // 0.005521571; mod not checked
		{0x453356e9, 0x38b421d5, 0x4bfedf9d, 0x3796324c},
		{0x4684005b, 0x3aaa369c, 0x4b46878a, 0x3a690508},
		{0xc684d253, 0xb9cb932b, 0x4c2706b1, 0xb9941b6a},
		{0xc682e40a, 0x39a63abe, 0xcc4993b7, 0x3901a988},
	}
	for _, c := range cases {
		x := []float64{float64(math.Float32frombits(c.a))}
		y := []float64{float64(math.Float32frombits(c.b))}
		d := make([]float64, 1)
		for _, o := range []struct {
			op   ir.Op
			want uint32
		}{{ir.FloorDiv, c.div}, {ir.Mod, c.mod}} {
			if o.want == 0 {
				continue
			}
			binaryFloat(o.op, d, x, y, dtype.Float32)
			if got := math.Float32bits(float32(d[0])); got != o.want {
				t.Errorf("%v(%#x, %#x) = %#x, NumPy %#x", o.op, c.a, c.b, got, o.want)
			}
		}
	}
}
